// The signed-in person's pages: their sessions (#/sessions: sign out one, or everywhere) and the audit trail
// (#/audit: GET /api/v1/audit with its filters, a page at a time, export, and for owners verify).
import { api, session } from './api.js';
import { h, clear, formatTime, formatNumber } from './dom.js';
import { messageArea, loading, busy, announce } from './ui.js';

export function sessionsView(onSignedOut) {
  const area = messageArea();
  const list = h('div', {}, loading('Loading sessions…'));
  const everywhere = h('button', { type: 'button', class: 'btn btn-warning', id: 'sign-out-everywhere' }, 'Sign out everywhere');
  everywhere.addEventListener('click', () => busy(everywhere, async () => {
    try {
      await api.signOutEverywhere();
      session.signOut();
      onSignedOut();
    } catch (error) {
      area.show(error);
    }
  }));
  const load = () => api.sessions().then((reply) => clear(list, table(reply.items, area, load)))
    .catch((error) => { clear(list); area.show(error); });
  if (session.who()) load(); else clear(list, h('p', { class: 'muted' }, 'You are using a token, not a signed-in session.'));
  return {
    element: h('section', { class: 'page' },
      h('div', { class: 'page-head' }, h('div', {}, h('p', { class: 'eyebrow' }, 'Account'), h('h1', {}, 'My sessions')),
        session.who() ? everywhere : ''),
      area, list),
  };
}

function table(items, area, reload) {
  return h('table', { class: 'table responsive-table', id: 'sessions-table' },
    h('caption', { class: 'visually-hidden' }, 'Your signed-in sessions; times in UTC'),
    h('thead', {}, h('tr', {}, ['Signed in (UTC)', 'Last seen (UTC)', 'From', 'Browser', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, items.map((item) => {
      const end = h('button', { type: 'button', class: 'btn btn-ghost btn-small' }, item.current ? 'This session' : 'Sign out');
      end.disabled = item.current;
      end.addEventListener('click', () => busy(end, async () => {
        try { await api.endSession(item.id); reload(); } catch (error) { area.show(error); }
      }));
      return h('tr', { dataset: { session: item.id } },
        h('td', { dataset: { label: 'Signed in' } }, formatTime(item.created_at)),
        h('td', { dataset: { label: 'Last seen' } }, formatTime(item.last_seen_at)),
        h('td', { dataset: { label: 'From' } }, item.address || '—'),
        h('td', { dataset: { label: 'Browser' } }, item.user_agent || '—'),
        h('td', {}, end));
    })));
}

const FILTERS = [['actor', 'Actor', 'text', 'an email, key name or cli:user'], ['action', 'Action', 'text', 'e.g. pass.revoke'],
  ['project', 'Project', 'text', ''], ['pass_id', 'Pass ID', 'text', ''],
  ['start_date', 'From (UTC)', 'date', ''], ['end_date', 'To (UTC)', 'date', '']];
const LABELS = { actor: 'Actor', action: 'Action', project: 'Project', pass_id: 'Pass ID', start_date: 'From',
  end_date: 'To', per_page: 'Rows per page', page: 'Page', format: 'Format' };
const PAGE_SIZES = [10, 25, 50, 100];
const FORMATS = [['json', 'JSON', 'structured data'], ['csv', 'CSV', 'for spreadsheets'], ['jsonl', 'JSONL', 'one object per line']];

/**
 * The audit trail (GET /api/v1/audit: filters actor, action, project, pass_id, start_date, end_date; pages of
 * 10/25/50/100, newest first). The API decides what the caller sees: owners everything, anyone else their projects.
 * Export (GET /api/v1/audit/export) takes the same filters; owners can check the chain (GET /api/v1/audit/verify).
 */
export function auditView() {
  const area = messageArea();
  const results = h('div', { class: 'table-scroll' });
  const pagerSlot = h('nav', { class: 'pager', 'aria-label': 'Audit pages' });
  const inputs = {};
  const form = h('form', { class: 'filters', id: 'audit-filters', role: 'search', 'aria-label': 'Filter the audit trail', novalidate: true },
    ...FILTERS.map(([name, label, type, placeholder]) => {
      inputs[name] = h('input', { id: `audit-${name}`, name, type, spellcheck: 'false', autocomplete: 'off',
        placeholder: placeholder || null });
      return h('div', { class: 'field field-compact' }, h('label', { for: `audit-${name}` }, label), inputs[name]);
    }),
    h('div', { class: 'field field-compact field-end' }, h('button', { type: 'submit', class: 'btn btn-secondary', id: 'audit-filter' }, 'Filter')));
  const perPage = h('select', { id: 'audit-per-page' }, PAGE_SIZES.map((size) => h('option', { value: size, selected: size === 25 }, size)));
  const state = { page: 1, per_page: 25 };
  const currentFilters = () => {
    const values = {};
    for (const [name] of FILTERS) if (inputs[name].value.trim()) values[name] = inputs[name].value.trim();
    return values;
  };
  let requestNumber = 0;
  const load = () => {
    const mine = ++requestNumber;
    clear(results, loading('Loading the audit trail…'));
    api.audit({ ...currentFilters(), page: state.page, per_page: state.per_page }).then((reply) => {
      if (mine !== requestNumber) return;
      area.reset();
      clear(results, auditTable(reply.items || [], Object.keys(currentFilters()).length > 0));
      clear(pagerSlot, ...pager(reply, perPage, (next) => { state.page = next; load(); }));
    }).catch((error) => {
      if (mine !== requestNumber) return;
      clear(results);
      clear(pagerSlot);
      area.show(error, { fieldLabels: LABELS });
    });
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); state.page = 1; load(); });
  perPage.addEventListener('change', () => { state.per_page = Number(perPage.value); state.page = 1; load(); });
  load();
  const owner = session.isOwner();
  return {
    element: h('section', { class: 'page' },
      h('div', { class: 'page-head' }, h('div', {}, h('p', { class: 'eyebrow' }, 'Sentinel'), h('h1', {}, 'Audit trail')),
        h('div', { class: 'button-row' }, exportControl(currentFilters, area), owner ? verifyButton(area) : '')),
      h('p', { class: 'muted' }, owner ? 'Every change and security event on this server, newest first.'
        : 'Changes and security events in your projects, newest first.'),
      form, area, h('div', { id: 'audit-verify-result', 'aria-live': 'polite' }), results, pagerSlot),
  };
}

function auditTable(items, filtered) {
  if (!items.length) {
    return h('p', { class: 'muted', id: 'audit-empty' }, filtered ? 'No entries match these filters.' : 'No entries yet.');
  }
  return h('table', { class: 'table responsive-table', id: 'audit-table' },
    h('caption', { class: 'visually-hidden' }, 'Audit entries, newest first; times in UTC'),
    h('thead', {}, h('tr', {}, ['#', 'When (UTC)', 'Actor', 'Action', 'Project', 'Pass', 'Detail'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, items.map((item) => h('tr', { dataset: { sequence: String(item.sequence), action: item.action } },
      h('td', { dataset: { label: '#' }, class: 'mono muted' }, String(item.sequence)),
      h('td', { dataset: { label: 'When' } }, h('time', { datetime: item.at }, formatTime(item.at))),
      h('td', { dataset: { label: 'Actor', column: 'actor' } }, item.actor || '—'),
      h('td', { dataset: { label: 'Action', column: 'action' }, class: 'mono' }, item.action || '—'),
      h('td', { dataset: { label: 'Project' } }, item.project || '—'),
      h('td', { dataset: { label: 'Pass' }, class: 'mono' }, item.pass_id
        ? h('a', { href: `#/passes/${encodeURIComponent(item.pass_id)}/overview` }, item.pass_id) : '—'),
      h('td', { dataset: { label: 'Detail' }, class: 'break' }, item.detail || '')))));
}

function pager(reply, perPage, go) {
  const current = reply.page || 1;
  const pages = Math.max(reply.total_pages || 1, 1);
  const previous = h('button', { type: 'button', class: 'btn btn-secondary btn-small', id: 'audit-previous', onclick: () => go(current - 1) }, '← Previous');
  const next = h('button', { type: 'button', class: 'btn btn-secondary btn-small', id: 'audit-next', onclick: () => go(current + 1) }, 'Next →');
  previous.disabled = current <= 1;
  next.disabled = current >= pages;
  const total = Number(reply.total) || 0;
  return [
    h('label', { class: 'per-page', for: 'audit-per-page' }, 'Rows per page ', perPage),
    h('p', { class: 'muted small', id: 'audit-summary', 'aria-live': 'polite' },
      `Page ${current} of ${pages} · ${reply.total_is_estimate ? 'about ' : ''}${formatNumber(total)} entr${total === 1 ? 'y' : 'ies'}`),
    h('div', { class: 'button-row' }, previous, next),
  ];
}

/** Export with the filters shown: a file in JSON, CSV or JSONL (at most 10,000 entries, oldest first). */
function exportControl(filters, area) {
  const menu = h('details', { class: 'menu', id: 'audit-export-menu' },
    h('summary', { class: 'btn btn-secondary' }, 'Export'),
    h('div', { class: 'menu-items', role: 'group', 'aria-label': 'Export format' }, FORMATS.map(([format, label, hint]) => {
      const button = h('button', { type: 'button', class: 'menu-item', dataset: { format } },
        h('strong', {}, label), h('span', { class: 'muted small' }, hint));
      button.addEventListener('click', () => busy(button, async () => {
        try {
          const file = await api.exportAudit(format, filters());
          const link = h('a', { href: URL.createObjectURL(file.blob), download: file.name, class: 'visually-hidden' });
          document.body.append(link);
          link.click();
          setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 60_000);
          announce(`Downloading ${file.name}`);
        } catch (error) {
          area.show(error, { fieldLabels: LABELS });
        }
        menu.open = false;
        menu.querySelector('summary').focus();
      }));
      return button;
    })));
  menu.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && menu.open) {
      menu.open = false;
      menu.querySelector('summary').focus();
    }
  });
  return menu;
}

/** Owners: check every entry's MAC and the chain (GET /api/v1/audit/verify) and say where it first breaks. */
function verifyButton(area) {
  const button = h('button', { type: 'button', class: 'btn btn-secondary', id: 'audit-verify' }, 'Verify');
  button.addEventListener('click', () => busy(button, async () => {
    const slot = document.getElementById('audit-verify-result');
    try {
      area.reset();
      const result = await api.verifyAudit();
      const broken = result.first_break;
      clear(slot, broken
        ? h('div', { class: 'alert alert-error', id: 'audit-verify-outcome', dataset: { intact: 'false' } },
          h('strong', {}, `The audit trail does not verify at entry ${broken.position} (${broken.reason}). `),
          broken.description, ` ${formatNumber(result.verified)} entries before it verified.`)
        : h('div', { class: 'alert alert-info', id: 'audit-verify-outcome', dataset: { intact: String(Boolean(result.intact)) } },
          h('strong', {}, 'The audit trail verifies. '),
          `${formatNumber(result.verified)} entr${result.verified === 1 ? 'y' : 'ies'} checked up to entry ${result.head_sequence}`,
          result.checkpoint != null ? `, from the checkpoint at entry ${result.checkpoint}` : '',
          result.before_chain ? `; ${formatNumber(result.before_chain)} older entries were written before the chain began and carry no MAC` : '',
          '.'));
      announce(broken ? 'The audit trail does not verify' : 'The audit trail verifies');
    } catch (error) {
      clear(slot);
      area.show(error);
    }
  }));
  return button;
}
