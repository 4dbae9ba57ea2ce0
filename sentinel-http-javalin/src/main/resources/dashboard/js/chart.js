// The request timeline: total requests (blue, left axis) and success rate in percent (green, right axis),
// drawn with uPlot from its WebJar; the same numbers are available as a table for screen readers. Every time is UTC:
// the server's points are UTC hours and UTC days, so the axis ticks, the hover label and the table use UTC too.
// The last point is the current hour or day, still filling: it is drawn dashed and lighter and labelled "so far", so
// it does not read as a fall. A range without any request shows that in words instead of a flat line.
import { h, clear, formatNumber, formatPercent, formatUtcDay, formatUtcHour } from './dom.js';

const BLUE = '#2563eb';
const GREEN = '#16a34a';
const LIGHT_BLUE = '#93b4f5';
const LIGHT_GREEN = '#86cf9f';
const DASH = [5, 4];
const HOUR = 3600;
const DAY = 24 * HOUR;

export function timelineChart() {
  const canvas = h('div', { class: 'chart', id: 'usage-chart', role: 'img', 'aria-label': 'Request timeline' });
  const tip = h('div', { class: 'chart-tip', id: 'chart-tip', hidden: true, 'aria-hidden': 'true' });
  const tableSlot = h('div', { class: 'table-scroll' });
  const title = h('h2', { id: 'timeline-title' }, 'Request timeline');
  const partialLegend = h('span', { id: 'partial-legend' }, 'This hour so far');
  const empty = h('div', { class: 'chart-empty', id: 'chart-empty', hidden: true },
    h('p', {}, h('strong', {}, 'No requests yet'), h('span', { class: 'empty-detail' })));
  const element = h('section', { class: 'card', 'aria-labelledby': 'timeline-title' },
    h('div', { class: 'card-head' }, title,
      h('ul', { class: 'legend', id: 'chart-legend', 'aria-hidden': 'true' },
        h('li', {}, h('span', { class: 'swatch swatch-blue' }), 'Total requests'),
        h('li', {}, h('span', { class: 'swatch swatch-green' }), 'Success rate'),
        h('li', {}, h('span', { class: 'swatch swatch-partial' }), partialLegend))),
    h('div', { class: 'chart-frame' }, canvas, empty, tip),
    h('details', { class: 'data-table' }, h('summary', {}, 'Show the data as a table'), tableSlot));
  let plot = null;
  let observer = null;
  let daily = false;
  let shownPoints = [];

  const pointLabel = (seconds) => (daily ? `${formatUtcDay(new Date(seconds * 1000))} (UTC day)` : formatUtcHour(new Date(seconds * 1000)));
  const partialWords = () => (daily ? 'today so far' : 'this hour so far');
  const isPartial = (index) => index === shownPoints.length - 1;
  const tickLabel = (seconds) => {
    const date = new Date(seconds * 1000);
    return daily || (date.getUTCHours() === 0 && date.getUTCMinutes() === 0) ? formatUtcDay(date).replace(/,? \d{4}$/, '')
      : `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
  };

  /** The values of the point under the pointer, next to it; hidden when the pointer leaves the plot. */
  function showTip(u) {
    const index = u.cursor.idx;
    const point = index === null || index === undefined ? null : shownPoints[index];
    if (!point) {
      tip.hidden = true;
      return;
    }
    const rate = point.total_requests > 0 ? formatPercent((point.success_count * 100) / point.total_requests) : '—';
    clear(tip,
      h('strong', {}, pointLabel(u.data[0][index]), isPartial(index) ? ` · ${partialWords()}` : ''),
      h('span', {}, h('span', { class: 'swatch swatch-blue' }), `${formatNumber(point.total_requests)} requests`),
      h('span', {}, h('span', { class: 'swatch swatch-green' }), `${rate} success`));
    tip.dataset.index = String(index);
    tip.hidden = false;
    const left = u.valToPos(u.data[0][index], 'x') + u.over.offsetLeft;
    const room = canvas.clientWidth - tip.offsetWidth - 8;
    tip.style.left = `${Math.max(0, Math.min(left + 12, room))}px`;
  }

  function options(width) {
    return {
      width, height: 260,
      legend: { show: false },
      cursor: { points: { size: 7 } },
      tzDate: (seconds) => window.uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      hooks: { setCursor: [showTip], draw: [labelPartial] },
      scales: {
        x: { time: true },
        count: { range: (u, min, max) => [0, Math.max(4, Math.ceil((max || 0) * 1.15))] },
        pct: { range: [0, 100] },
      },
      series: [
        {},
        { label: 'Total requests', scale: 'count', stroke: BLUE, width: 2, fill: 'rgba(37, 99, 235, 0.08)', points: { show: true, size: 4 } },
        { label: 'Success rate', scale: 'pct', stroke: GREEN, width: 2, points: { show: true, size: 4 }, spanGaps: false },
        { label: 'Total requests so far', scale: 'count', stroke: LIGHT_BLUE, width: 2, dash: DASH, fill: 'rgba(37, 99, 235, 0.04)',
          points: { show: true, size: 5, fill: '#fff' } },
        { label: 'Success rate so far', scale: 'pct', stroke: LIGHT_GREEN, width: 2, dash: DASH, points: { show: true, size: 5, fill: '#fff' },
          spanGaps: false },
      ],
      axes: [
        { stroke: '#64748b', grid: { stroke: '#eef2f7' }, ticks: { stroke: '#e2e8f0' }, label: 'UTC', labelSize: 18,
          // ticks only where points are: whole UTC days for daily points, whole UTC hours for hourly ones
          incrs: daily ? [DAY, 2 * DAY, 7 * DAY] : [HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY],
          labelFont: '12px system-ui, sans-serif',
          values: (u, ticks) => {
            const labels = ticks.map(tickLabel);
            canvas.dataset.xTicks = ticks.join(',');
            canvas.dataset.xLabels = labels.join('|');
            return labels;
          } },
        { scale: 'count', stroke: '#64748b', grid: { stroke: '#eef2f7' }, ticks: { stroke: '#e2e8f0' },
          values: (u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? formatNumber(tick) : '')) },
        { scale: 'pct', side: 1, stroke: '#64748b', grid: { show: false }, ticks: { stroke: '#e2e8f0' },
          values: (u, ticks) => ticks.map((tick) => `${tick}%`) },
      ],
    };
  }

  /** Writes "so far" above the last, partial point. */
  function labelPartial(u) {
    const last = u.data[0].length - 1;
    const value = u.data[3][last];
    if (last < 0 || value === null || value === undefined) return;
    const x = u.valToPos(u.data[0][last], 'x', true);
    const y = u.valToPos(value, 'count', true);
    const ratio = window.devicePixelRatio || 1;
    u.ctx.save();
    u.ctx.font = `${11 * ratio}px system-ui, sans-serif`;
    u.ctx.fillStyle = '#64748b';
    u.ctx.textAlign = 'right';
    u.ctx.fillText('so far', x - 6 * ratio, y - 8 * ratio);
    u.ctx.restore();
  }

  function update(report) {
    const points = report.timeline || [];
    daily = report.resolution === 'day';
    shownPoints = points;
    tip.hidden = true;
    const last = points.length - 1;
    const xs = points.map((point) => Date.parse(point.start) / 1000);
    const totals = points.map((point) => point.total_requests);
    const rates = points.map((point) => (point.total_requests > 0 ? (point.success_count * 100) / point.total_requests : null));
    const total = totals.reduce((sum, value) => sum + value, 0);
    // the complete points solid; the segment into the current point, and that point, dashed
    const complete = (values) => values.map((value, index) => (index === last ? null : value));
    const partial = (values) => values.map((value, index) => (index >= last - 1 ? value : null));
    partialLegend.textContent = daily ? 'Today so far' : 'This hour so far';
    canvas.setAttribute('aria-label', `Request timeline in UTC, ${points.length} ${daily ? 'days' : 'hours'}: `
      + `${formatNumber(total)} requests in total; the last point is ${partialWords()}`);
    renderTable(points);
    if (plot) plot.destroy();
    plot = null;
    clear(canvas);
    canvas.dataset.points = String(points.length);
    canvas.dataset.partialIndex = String(last);
    const none = total === 0;
    canvas.dataset.state = none ? 'empty' : 'drawn';
    canvas.hidden = none;
    empty.hidden = !none;
    element.querySelector('#chart-legend').hidden = none;
    empty.querySelector('.empty-detail').textContent = ` Nothing was recorded for this pass in the last ${daily ? `${points.length} days` : '24 hours'}.`;
    if (none) return;
    if (typeof window.uPlot !== 'function') {
      clear(canvas, h('p', { class: 'muted' }, 'The chart library did not load; the data is in the table below.'));
      return;
    }
    plot = new window.uPlot(options(Math.max(canvas.clientWidth, 280)),
      [xs, complete(totals), complete(rates), partial(totals), partial(rates)], canvas);
    if (!observer) {
      observer = new ResizeObserver(() => plot && plot.setSize({ width: Math.max(canvas.clientWidth, 280), height: 260 }));
      observer.observe(canvas);
    }
  }

  function renderTable(points) {
    clear(tableSlot, h('table', { class: 'table compact', id: 'timeline-table' },
      h('thead', {}, h('tr', {}, [daily ? 'Day (UTC)' : 'Hour (UTC)', 'Total requests', 'Successful', 'Errors', 'Average latency'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, points.map((point, index) => h('tr', { dataset: { partial: String(index === points.length - 1) } },
        h('td', {}, h('time', { datetime: point.start }, daily ? formatUtcDay(new Date(point.start)) : formatUtcHour(new Date(point.start))),
          index === points.length - 1 ? h('span', { class: 'muted small partial-note' }, ` (${partialWords()})`) : null),
        h('td', {}, formatNumber(point.total_requests)),
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
