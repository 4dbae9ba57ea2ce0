// The signed-in person's pages: their sessions (#/sessions: sign out one, or everywhere) and the audit trail
// (#/audit: GET /api/v1/audit with its filters, a page at a time).
import { api, session } from './api.js';
import { h, clear, formatTime } from './dom.js';
import { messageArea, loading, busy } from './ui.js';

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

const FILTERS = [['actor', 'Actor'], ['action', 'Action'], ['project', 'Project'], ['pass_id', 'Pass ID'],
  ['start_date', 'From (YYYY-MM-DD)'], ['end_date', 'To (YYYY-MM-DD)']];

export function auditView() {
  const area = messageArea();
  const results = h('div', {});
  const inputs = {};
  const form = h('form', { class: 'filters', id: 'audit-filters', novalidate: true },
    ...FILTERS.map(([name, label]) => {
      inputs[name] = h('input', { id: `audit-${name}`, name, spellcheck: 'false' });
      return h('div', { class: 'field' }, h('label', { for: `audit-${name}` }, label), inputs[name]);
    }),
    h('button', { type: 'submit', class: 'btn btn-secondary' }, 'Filter'));
  let page = 1;
  const load = () => {
    clear(results, loading('Loading the audit trail…'));
    const filters = { page, page_size: 50 };
    for (const [name] of FILTERS) filters[name] = inputs[name].value.trim();
    api.audit(filters).then((reply) => clear(results, auditTable(reply.items || []), pager(reply, (next) => { page = next; load(); })))
      .catch((error) => { clear(results); area.show(error); });
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); page = 1; load(); });
  load();
  return {
    element: h('section', { class: 'page' },
      h('div', { class: 'page-head' }, h('div', {}, h('p', { class: 'eyebrow' }, 'Sentinel'), h('h1', {}, 'Audit trail'))),
      h('p', { class: 'muted' }, session.isOwner() ? 'Every change and security event on this server.' : 'Changes in your projects.'),
      form, area, results),
  };
}

function auditTable(items) {
  if (!items.length) return h('p', { class: 'muted', id: 'audit-empty' }, 'No entries match.');
  return h('table', { class: 'table responsive-table', id: 'audit-table' },
    h('caption', { class: 'visually-hidden' }, 'Audit entries, newest first; times in UTC'),
    h('thead', {}, h('tr', {}, ['When (UTC)', 'Actor', 'Action', 'Project', 'Pass', 'Detail'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, items.map((item) => h('tr', {},
      h('td', { dataset: { label: 'When' } }, formatTime(item.at)),
      h('td', { dataset: { label: 'Actor' } }, item.actor || '—'),
      h('td', { dataset: { label: 'Action' }, class: 'mono' }, item.action || '—'),
      h('td', { dataset: { label: 'Project' } }, item.project || '—'),
      h('td', { dataset: { label: 'Pass' }, class: 'mono' }, item.pass_id || '—'),
      h('td', { dataset: { label: 'Detail' } }, item.detail || '')))));
}

function pager(reply, go) {
  const current = reply.page || 1;
  const pages = reply.total_pages || (reply.total && reply.page_size ? Math.ceil(reply.total / reply.page_size) : current);
  const previous = h('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => go(current - 1) }, 'Previous');
  const next = h('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => go(current + 1) }, 'Next');
  previous.disabled = current <= 1;
  next.disabled = current >= pages;
  return h('div', { class: 'pager' }, previous, h('span', {}, `Page ${current} of ${Math.max(pages, 1)}`), next);
}
