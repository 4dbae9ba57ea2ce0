// The request timeline: total requests (blue, left axis) and success rate in percent (green, right axis),
// drawn with uPlot from its WebJar; the same numbers are available as a table for screen readers.
import { h, clear, formatNumber, formatTime } from './dom.js';

const BLUE = '#2563eb';
const GREEN = '#16a34a';

export function timelineChart() {
  const canvas = h('div', { class: 'chart', id: 'usage-chart', role: 'img', 'aria-label': 'Request timeline' });
  const tableSlot = h('div', { class: 'table-scroll' });
  const title = h('h2', { id: 'timeline-title' }, 'Request timeline');
  const element = h('section', { class: 'card', 'aria-labelledby': 'timeline-title' },
    h('div', { class: 'card-head' }, title,
      h('ul', { class: 'legend', 'aria-hidden': 'true' },
        h('li', {}, h('span', { class: 'swatch swatch-blue' }), 'Total requests'),
        h('li', {}, h('span', { class: 'swatch swatch-green' }), 'Success rate'))),
    canvas,
    h('details', { class: 'data-table' }, h('summary', {}, 'Show the data as a table'), tableSlot));
  let plot = null;
  let observer = null;

  function options(width) {
    return {
      width, height: 260,
      legend: { show: false },
      cursor: { points: { size: 7 } },
      scales: {
        x: { time: true },
        count: { range: (u, min, max) => [0, Math.max(4, Math.ceil((max || 0) * 1.15))] },
        pct: { range: [0, 100] },
      },
      series: [
        {},
        { label: 'Total requests', scale: 'count', stroke: BLUE, width: 2, fill: 'rgba(37, 99, 235, 0.08)', points: { show: true, size: 4 } },
        { label: 'Success rate', scale: 'pct', stroke: GREEN, width: 2, points: { show: true, size: 4 }, spanGaps: false },
      ],
      axes: [
        { stroke: '#64748b', grid: { stroke: '#eef2f7' }, ticks: { stroke: '#e2e8f0' } },
        { scale: 'count', stroke: '#64748b', grid: { stroke: '#eef2f7' }, ticks: { stroke: '#e2e8f0' },
          values: (u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? formatNumber(tick) : '')) },
        { scale: 'pct', side: 1, stroke: '#64748b', grid: { show: false }, ticks: { stroke: '#e2e8f0' },
          values: (u, ticks) => ticks.map((tick) => `${tick}%`) },
      ],
    };
  }

  function update(report) {
    const points = report.timeline || [];
    const xs = points.map((point) => Date.parse(point.start) / 1000);
    const totals = points.map((point) => point.total_requests);
    const rates = points.map((point) => (point.total_requests > 0 ? (point.success_count * 100) / point.total_requests : null));
    const total = totals.reduce((sum, value) => sum + value, 0);
    canvas.setAttribute('aria-label', `Request timeline, ${points.length} ${report.resolution === 'day' ? 'days' : 'hours'}: ${formatNumber(total)} requests in total`);
    renderTable(points);
    if (typeof window.uPlot !== 'function') {
      clear(canvas, h('p', { class: 'muted' }, 'The chart library did not load; the data is in the table below.'));
      return;
    }
    if (plot) plot.destroy();
    clear(canvas);
    plot = new window.uPlot(options(Math.max(canvas.clientWidth, 280)), [xs, totals, rates], canvas);
    canvas.dataset.points = String(points.length);
    if (!observer) {
      observer = new ResizeObserver(() => plot && plot.setSize({ width: Math.max(canvas.clientWidth, 280), height: 260 }));
      observer.observe(canvas);
    }
  }

  function renderTable(points) {
    clear(tableSlot, h('table', { class: 'table compact' },
      h('thead', {}, h('tr', {}, ['Start', 'Total requests', 'Successful', 'Errors', 'Average latency'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, points.map((point) => h('tr', {},
        h('td', {}, formatTime(point.start)), h('td', {}, formatNumber(point.total_requests)),
        h('td', {}, formatNumber(point.success_count)), h('td', {}, formatNumber(point.error_count)),
        h('td', {}, `${formatNumber(point.avg_latency_ms)} ms`))))));
  }

  return {
    element,
    update,
    destroy() {
      if (observer) observer.disconnect();
      if (plot) plot.destroy();
      plot = null;
    },
  };
}
