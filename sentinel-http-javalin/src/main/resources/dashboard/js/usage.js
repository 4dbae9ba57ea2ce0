// Usage tab: range selector, request timeline chart, metric cards, the activity log and exports,
// auto-refreshed every 30 s while the browser tab is visible.
import { api } from './api.js';
import { h, clear, formatClock, browserZone } from './dom.js';
import { messageArea, busy } from './ui.js';
import { timelineChart } from './chart.js';
import { metricCards } from './metrics.js';
import { activityLog } from './activity.js';

const RANGES = [['24h', '24 hours'], ['7d', '7 days'], ['30d', '30 days']];
export const REFRESH_MS = 30_000;
const AUTO_REFRESH = 'sentinel.autoRefresh';

export function usageTab(context) {
  const passId = context.passId;
  const usageArea = messageArea();
  let range = sessionStorage.getItem('sentinel.usageRange') || '24h';
  let lastUpdated = 0;
  let timer = null;

  const rangeGroup = h('fieldset', { class: 'segmented' },
    h('legend', { class: 'visually-hidden' }, 'Time range'),
    RANGES.map(([value, label]) => h('label', {},
      h('input', { type: 'radio', name: 'usage-range', value, checked: value === range }),
      h('span', {}, label))));
  const auto = h('input', { type: 'checkbox', id: 'auto-refresh', checked: localStorage.getItem(AUTO_REFRESH) !== 'off' });
  const zoneNote = h('p', { class: 'muted small zone-note', id: 'time-zone-note' },
    'All times are in UTC, the zone of the hourly and daily buckets. Your browser is in ', browserZone(), '.');
  const stamp = h('time', { id: 'last-updated' }, '—');
  const status = h('span', { class: 'muted small', id: 'refresh-status' }, 'Last updated ', stamp);
  const refreshButton = h('button', { type: 'button', class: 'btn btn-secondary btn-icon', id: 'refresh-usage',
    'aria-label': 'Refresh now', title: 'Refresh now' }, h('span', { 'aria-hidden': 'true' }, '↻'), h('span', { class: 'label' }, 'Refresh'));

  const metrics = h('div', { class: 'cards', id: 'usage-metrics' });
  const chart = timelineChart();
  const activity = activityLog(passId);

  async function loadUsage() {
    try {
      const report = await api.usage(passId, range);
      usageArea.reset();
      clear(metrics, metricCards(report.metrics));
      chart.update(report);
    } catch (error) {
      usageArea.show(error);
    }
  }

  async function refresh() {
    await Promise.all([loadUsage(), activity.load()]);
    lastUpdated = Date.now();
    stamp.dateTime = new Date(lastUpdated).toISOString();
    stamp.textContent = formatClock(new Date(lastUpdated));
  }

  function stop() {
    clearInterval(timer);
    timer = null;
  }

  function schedule() {
    stop();
    if (auto.checked && !document.hidden) timer = setInterval(refresh, REFRESH_MS);
    status.dataset.autoRefresh = timer ? 'on' : 'paused';
  }

  function onVisibility() {
    if (document.hidden) {
      stop();
      status.dataset.autoRefresh = 'paused';
      return;
    }
    if (auto.checked && Date.now() - lastUpdated >= REFRESH_MS) refresh();
    schedule();
  }

  rangeGroup.addEventListener('change', (event) => {
    range = event.target.value;
    sessionStorage.setItem('sentinel.usageRange', range);
    loadUsage();
  });
  auto.addEventListener('change', () => {
    localStorage.setItem(AUTO_REFRESH, auto.checked ? 'on' : 'off');
    schedule();
  });
  refreshButton.addEventListener('click', () => busy(refreshButton, refresh));
  document.addEventListener('visibilitychange', onVisibility);

  refresh();
  schedule();
  return {
    element: h('div', { class: 'stack-lg' },
      h('div', { class: 'toolbar' },
        rangeGroup,
        h('div', { class: 'toolbar-end' },
          h('label', { class: 'switch', for: 'auto-refresh' }, auto, h('span', {}, 'Auto-refresh every 30 s')),
          status, refreshButton)),
      zoneNote,
      usageArea,
      metrics,
      chart.element,
      activity.element),
    dispose: () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
      chart.destroy();
    },
  };
}
