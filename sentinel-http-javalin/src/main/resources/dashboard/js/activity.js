// The activity log of one pass: filters, a paged table with expandable rows, and exports.
import { api } from './api.js';
import { h, clear, uid, formatTime, formatNumber } from './dom.js';
import { messageArea, busy, announce } from './ui.js';

const TYPES = [['', 'All types'], ['api_request', 'API request'], ['token_generation', 'Token generation'], ['error', 'Error']];
const STATUSES = [['', 'Any status'], ['success', 'Success'], ['failed', 'Failed']];
const PAGE_SIZES = [10, 25, 50, 100];
const LABELS = { type: 'Activity type', status: 'Status', endpoint: 'Endpoint', start_date: 'From', end_date: 'To',
  per_page: 'Rows per page', page: 'Page' };
const FORMATS = [['json', 'JSON', 'structured data'], ['csv', 'CSV', 'for spreadsheets'], ['jsonl', 'JSONL', 'one object per line']];

export function activityLog(passId) {
  const area = messageArea();
  const state = { page: 1, per_page: 25 };
  const control = (tag, name, label, attrs = {}, options = []) => {
    const id = `activity-${name}`;
    const el = h(tag, { id, name, ...attrs }, options.map(([value, text]) => h('option', { value }, text)));
    return { el, field: h('div', { class: 'field field-compact' }, h('label', { for: id }, label), el) };
  };
  const type = control('select', 'type', 'Activity type', {}, TYPES);
  const status = control('select', 'status', 'Status', {}, STATUSES);
  const endpoint = control('input', 'endpoint', 'Endpoint', { type: 'search', placeholder: 'e.g. /oauth/token', autocomplete: 'off' });
  const start = control('input', 'start_date', 'From (UTC)', { type: 'date' });
  const end = control('input', 'end_date', 'To (UTC)', { type: 'date' });
  const controls = [type.el, status.el, endpoint.el, start.el, end.el];
  const clearButton = h('button', { type: 'button', class: 'btn btn-ghost', id: 'clear-filters' }, 'Clear filters');
  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter activity' },
    type.field, status.field, endpoint.field, start.field, end.field, h('div', { class: 'field field-compact field-end' }, clearButton));

  const body = h('div', { class: 'table-scroll' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Activity pages' });
  const perPage = h('select', { id: 'activity-per-page' }, PAGE_SIZES.map((size) => h('option', { value: size, selected: size === 25 }, size)));
  const exportMenu = exportControl(() => currentFilters(), passId, area);

  const currentFilters = () => {
    const values = {};
    for (const el of controls) if (el.value.trim()) values[el.name] = el.value.trim();
    return values;
  };

  let requestNumber = 0;
  async function load() {
    const mine = ++requestNumber;
    try {
      const page = await api.activity(passId, { ...currentFilters(), page: state.page, per_page: state.per_page });
      if (mine !== requestNumber) return;
      area.reset();
      render(page);
    } catch (error) {
      if (mine !== requestNumber) return;
      // rows left under the error would look like the answer to the filter that was refused
      clear(body);
      clear(pager);
      area.show(error, { fieldLabels: LABELS });
    }
  }

  function render(page) {
    const items = page.items || [];
    clear(body, items.length ? table(items) : h('p', { class: 'empty-row muted', id: 'activity-empty' },
      Object.keys(currentFilters()).length ? 'No activity matches these filters.' : 'No activity yet. Requests and token requests of this pass appear here.'));
    const totalPages = Math.max(page.total_pages || 1, 1);
    const prev = h('button', { type: 'button', class: 'btn btn-secondary btn-small', disabled: page.page <= 1,
      onclick: () => { state.page -= 1; load(); } }, '← Previous');
    const next = h('button', { type: 'button', class: 'btn btn-secondary btn-small', disabled: page.page >= totalPages,
      onclick: () => { state.page += 1; load(); } }, 'Next →');
    clear(pager,
      h('label', { class: 'per-page', for: 'activity-per-page' }, 'Rows per page ', perPage),
      h('p', { class: 'muted small', id: 'activity-summary', 'aria-live': 'polite' },
        `Page ${page.page} of ${totalPages} · ${page.total_is_estimate ? 'about ' : ''}${formatNumber(page.total)} event${page.total === 1 ? '' : 's'}`),
      h('div', { class: 'button-row' }, prev, next));
  }

  function table(items) {
    return h('table', { class: 'table responsive-table', id: 'activity-table' },
      h('caption', { class: 'visually-hidden' }, 'Activity log, newest first, times in UTC'),
      h('thead', {}, h('tr', {}, ['Timestamp (UTC)', 'Type', 'Endpoint', 'Method', 'Status', 'Duration', 'IP address', 'Reported by', '']
        .map((title) => h('th', { scope: 'col' }, title ? title : h('span', { class: 'visually-hidden' }, 'Details'))))),
      items.map(row));
  }

  function row(event) {
    const detailsId = uid('event');
    const toggle = h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'aria-expanded': 'false', 'aria-controls': detailsId },
      'Details');
    const details = h('tr', { class: 'event-details', id: detailsId, hidden: true },
      h('td', { colspan: '9' }, h('dl', { class: 'facts facts-inline' },
        fact('Status code', event.status_code), fact('User agent', event.user_agent || '—'),
        fact('Error', event.error_message || '—'),
        fact('Metadata', h('code', {}, JSON.stringify(event.metadata ?? {}))))));
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') === 'true';
      toggle.setAttribute('aria-expanded', String(!open));
      details.hidden = open;
    });
    const ok = event.success;
    // failed authentications after the first of a minute are written as one event that counts them
    const attempts = Number(event.metadata?.aggregated_attempts);
    const counted = Number.isInteger(attempts) && attempts > 0
      ? h('span', { class: 'tag tag-attempts', dataset: { attempts: String(attempts) } },
        `${formatNumber(attempts)} attempt${attempts === 1 ? '' : 's'}`) : null;
    return h('tbody', { class: 'event', dataset: { type: event.type } },
      h('tr', {},
        h('td', { dataset: { label: 'Timestamp (UTC)' } }, h('time', { datetime: event.started_at }, formatTime(event.started_at))),
        h('td', { dataset: { label: 'Type' } }, h('span', { class: `tag tag-${event.type}` }, event.type), counted),
        h('td', { dataset: { label: 'Endpoint' }, class: 'mono break' }, event.endpoint),
        h('td', { dataset: { label: 'Method' }, class: 'mono' }, event.http_method),
        h('td', { dataset: { label: 'Status' } }, h('span', { class: ok ? 'ok' : 'fail', 'aria-hidden': 'true' }, ok ? '✓' : '✗'),
          h('span', { class: 'visually-hidden' }, ok ? 'Success' : 'Failed'), ' ', h('span', { class: 'muted small' }, event.status_code)),
        h('td', { dataset: { label: 'Duration' } }, `${formatNumber(event.duration_ms)} ms`),
        h('td', { dataset: { label: 'IP address' }, class: 'mono' }, event.client_ip || '—'),
        h('td', { dataset: { label: 'Reported by', column: 'reported-by' } }, reportedBy(event.reported_by)),
        h('td', { class: 'cell-action' }, toggle)),
      details);
  }

  let typing = null;
  const changed = () => { state.page = 1; load(); };
  for (const el of [type.el, status.el, start.el, end.el]) el.addEventListener('change', changed);
  endpoint.el.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(changed, 300); });
  filters.addEventListener('submit', (event) => { event.preventDefault(); clearTimeout(typing); changed(); });
  clearButton.addEventListener('click', () => {
    filters.reset();
    changed();
    announce('Filters cleared');
  });
  perPage.addEventListener('change', () => { state.per_page = Number(perPage.value); state.page = 1; load(); });

  return {
    load,
    element: h('section', { class: 'card', 'aria-labelledby': 'activity-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'activity-title' }, 'Activity log'), exportMenu),
      filters, area, body, pager),
  };
}

/**
 * Who the event comes from: null is the server's own evidence (it saw the request itself); anything else was reported
 * to POST /api/v1/activity by the named access key, the legacy ingest-token or admin-api, and is marked as such.
 */
function reportedBy(reporter) {
  return reporter == null
    ? h('span', { class: 'tag tag-source-server', title: 'Recorded by this Sentinel server itself' }, 'Sentinel')
    : h('span', { class: 'tag tag-source-reported', title: `Reported to the activity API by ${reporter}` },
      h('span', { class: 'visually-hidden' }, 'Reported by '), reporter);
}

const fact = (term, value) => h('div', { class: 'fact' }, h('dt', {}, term), h('dd', {}, value));

function exportControl(filters, passId, area) {
  const menu = h('details', { class: 'menu', id: 'export-menu' },
    h('summary', { class: 'btn btn-secondary' }, 'Export'),
    h('div', { class: 'menu-items', role: 'group', 'aria-label': 'Export format' }, FORMATS.map(([format, label, hint]) => {
      const button = h('button', { type: 'button', class: 'menu-item', dataset: { format } },
        h('strong', {}, label), h('span', { class: 'muted small' }, hint));
      button.addEventListener('click', () => busy(button, async () => {
        try {
          const file = await api.exportActivity(passId, format, filters());
          const link = h('a', { href: URL.createObjectURL(file.blob), download: file.name, class: 'visually-hidden' });
          document.body.append(link);
          link.click();
          setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 60_000);
          menu.open = false;
          menu.querySelector('summary').focus();
          announce(`Downloading ${file.name}`);
        } catch (error) {
          menu.open = false;
          menu.querySelector('summary').focus();
          area.show(error, { fieldLabels: LABELS });
        }
      }));
      return button;
    })));
  menu.addEventListener('focusout', (event) => {
    if (menu.open && event.relatedTarget && !menu.contains(event.relatedTarget)) menu.open = false;
  });
  menu.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && menu.open) {
      menu.open = false;
      menu.querySelector('summary').focus();
    }
  });
  return menu;
}
