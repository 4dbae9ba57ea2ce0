// The metric cards of the Usage tab, with the reference's colour rules.
import { h, formatNumber, formatPercent, formatMs } from './dom.js';

/** green below 200 ms, yellow from 200 to 500 ms, red above 500 ms (the server's latency_class when given). */
export function latencyClass(metrics) {
  if (metrics.latency_class) return metrics.latency_class;
  const ms = metrics.avg_latency_ms;
  return ms < 200 ? 'green' : ms <= 500 ? 'yellow' : 'red';
}

/**
 * The success-rate colour: green from 95 %, yellow from 80 % up to 95 %, red below 80 %, grey when there were no
 * requests (no rate to judge). docs/dashboard.md states the same thresholds.
 */
export function successTone(rate, total) {
  if (!(total > 0)) return 'grey';
  return rate >= 95 ? 'green' : rate >= 80 ? 'yellow' : 'red';
}

export const SUCCESS_WORDS = {
  green: 'Healthy (95% or more)', yellow: 'Degraded (80–95%)', red: 'Failing (below 80%)', grey: 'No requests yet',
};

export function metricCards(metrics) {
  const used = metrics.total_requests > 0;
  const card = (key, label, value, tone, note) => h('div', { class: `stat ${tone ? `tone-${tone}` : ''}`, dataset: { metric: key } },
    h('p', { class: 'stat-label' }, tone ? h('span', { class: 'indicator', 'aria-hidden': 'true' }) : null, label),
    h('p', { class: 'stat-value' }, value),
    note ? h('p', { class: 'stat-note' }, note) : null);
  const latency = used ? latencyClass(metrics) : null;
  const latencyWords = { green: 'Fast (under 200 ms)', yellow: 'Slow (200–500 ms)', red: 'Very slow (over 500 ms)' };
  const warning = metrics.error_rate_warning ?? metrics.error_rate > 5;
  return [
    card('total_requests', 'Total requests', formatNumber(metrics.total_requests)),
    card('success_rate', 'Success rate', used ? formatPercent(metrics.success_rate) : '—',
      successTone(metrics.success_rate, metrics.total_requests), SUCCESS_WORDS[successTone(metrics.success_rate, metrics.total_requests)]),
    card('avg_latency_ms', 'Average latency', used ? formatMs(metrics.avg_latency_ms) : '—', latency, latency ? latencyWords[latency] : null),
    card('p95_latency_ms', 'P95 latency', used ? formatMs(metrics.p95_latency_ms) : '—'),
    card('unique_endpoints', 'Unique endpoints', formatNumber(metrics.unique_endpoints)),
    card('error_rate', 'Error rate', used ? formatPercent(metrics.error_rate) : '—', warning ? 'red' : null,
      warning ? h('span', { role: 'note' }, '⚠ Above 5%: check the failed requests below') : null),
  ];
}
