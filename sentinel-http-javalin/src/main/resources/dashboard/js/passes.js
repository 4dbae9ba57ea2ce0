// The passes of one project: searchable and sortable, with status and expiry badges, last use and requests, a link
// to each pass, and "New pass". The first order is the API's and the CLI's: oldest first.
import { api, session } from './api.js';
import { h, clear, formatDate, formatTime, formatNumber, humanize } from './dom.js';
import { statusBadge, expiryBadge, messageArea, loading } from './ui.js';
import { openCreateFlow } from './create.js';
import { projects } from './projects.js';

const byText = (key) => (a, b) => String(key(a) || '').localeCompare(String(key(b) || ''), undefined, { sensitivity: 'base' });
const lastUsed = (pass) => (pass.stats && pass.stats.last_used) || '';
const requests = (pass) => (pass.stats ? pass.stats.total_requests : 0);

/** The orders offered; the first is the server's (oldest first), so "unsorted" means what the API and CLI show. */
export const SORTS = [
  { value: 'created', label: 'Created, oldest first', compare: null },
  { value: 'created-desc', label: 'Created, newest first', compare: null, reverse: true },
  { value: 'name', label: 'Agent name, A–Z', compare: byText((pass) => pass.agent_name) },
  { value: 'last-used', label: 'Last used, most recent first', compare: (a, b) => lastUsed(b).localeCompare(lastUsed(a)) },
  { value: 'requests', label: 'Requests, most first', compare: (a, b) => requests(b) - requests(a) },
  { value: 'expiry', label: 'Expiry, soonest first', compare: byText((pass) => pass.valid_until) },
];

/** The passes a search matches: every word in the agent's name or type, the pass or client ID, organization or status. */
export function matches(pass, query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const text = [pass.agent_name, pass.agent_type, pass.pass_id, pass.client_id, pass.organization,
    pass.revoked ? 'revoked' : pass.status].filter(Boolean).join(' ').toLowerCase();
  return words.every((word) => text.includes(word));
}

/** The passes in the chosen order; a stable sort on the server's order, so ties keep it. */
export function ordered(passes, sortValue) {
  const sort = SORTS.find((option) => option.value === sortValue) || SORTS[0];
  const list = sort.compare ? [...passes].sort(sort.compare) : [...passes];
  return sort.reverse ? list.reverse() : list;
}

export function passesView(project, navigate) {
  const area = messageArea();
  const list = h('div', { class: 'pass-list' }, loading('Loading passes…'));
  const create = h('button', { type: 'button', class: 'btn btn-primary', id: 'new-pass' },
    h('span', { 'aria-hidden': 'true' }, '+ '), 'New Sentinel Pass');
  create.hidden = !session.canWrite(project); // a viewer reads, and is offered nothing to change
  const search = h('input', { type: 'search', id: 'pass-search', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'Name, type, pass ID, client ID…', 'aria-describedby': 'pass-count' });
  const sort = h('select', { id: 'pass-sort' }, SORTS.map((option) => h('option', { value: option.value }, option.label)));
  const count = h('p', { class: 'muted small', id: 'pass-count', 'aria-live': 'polite' });
  const tools = h('form', { class: 'filters list-tools', role: 'search', 'aria-label': 'Search and sort passes', hidden: true },
    h('div', { class: 'field field-compact' }, h('label', { for: 'pass-search' }, 'Search passes'), search),
    h('div', { class: 'field field-compact' }, h('label', { for: 'pass-sort' }, 'Sort by'), sort),
    h('div', { class: 'field field-compact field-end' }, count));
  let passes = [];

  async function load() {
    try {
      const body = await api.listPasses(project);
      passes = Array.isArray(body) ? body : body.items || body.passes || [];
      area.reset();
      tools.hidden = passes.length === 0;
      show();
    } catch (error) {
      clear(list);
      area.show(error);
    }
  }

  function show() {
    if (!passes.length) {
      clear(list, empty());
      return;
    }
    const shown = ordered(passes.filter((pass) => matches(pass, search.value)), sort.value);
    count.textContent = shown.length === passes.length ? `${formatNumber(passes.length)} pass${passes.length === 1 ? '' : 'es'}`
      : `${formatNumber(shown.length)} of ${formatNumber(passes.length)} passes match`;
    clear(list, shown.length ? table(shown) : h('p', { class: 'empty-row muted', id: 'passes-none' },
      'No pass matches this search.'));
  }

  function empty() {
    return h('div', { class: 'empty card' },
      h('h2', {}, 'No passes yet'),
      h('p', { class: 'muted' }, 'A Sentinel Pass gives one agent its own OAuth client credentials, ',
        'with permissions, a validity period and an activity log.'),
      create.hidden ? '' : h('button', { type: 'button', class: 'btn btn-primary', onclick: () => create.click() }, 'Create your first pass'));
  }

  function table(rows) {
    const sortLabel = SORTS.find((option) => option.value === sort.value).label.toLowerCase();
    return h('table', { class: 'table responsive-table', id: 'passes-table' },
      h('caption', { class: 'visually-hidden' }, `Sentinel Passes of project ${project}, by ${sortLabel}; times in UTC`),
      h('thead', {}, h('tr', {},
        ['Agent', 'Pass ID', 'Status', 'Validity', 'Last used (UTC)', 'Requests', 'Created'].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, rows.map((pass) => h('tr', { dataset: { passId: pass.pass_id } },
        h('td', { dataset: { label: 'Agent' } },
          h('a', { class: 'pass-link', href: `#/passes/${encodeURIComponent(pass.pass_id)}/overview` }, pass.agent_name),
          h('div', { class: 'muted small mono' }, pass.agent_type, ' · ', humanize(pass.access_level))),
        h('td', { dataset: { label: 'Pass ID' }, class: 'mono' }, pass.pass_id),
        h('td', { dataset: { label: 'Status' } }, statusBadge(pass)),
        h('td', { dataset: { label: 'Validity' } }, expiryBadge(pass)),
        h('td', { dataset: { label: 'Last used (UTC)', column: 'last-used' } }, lastUsed(pass)
          ? h('time', { datetime: lastUsed(pass) }, formatTime(lastUsed(pass))) : h('span', { class: 'muted' }, 'Never')),
        h('td', { dataset: { label: 'Requests', column: 'requests' } }, formatNumber(requests(pass))),
        h('td', { dataset: { label: 'Created' } }, formatDate(pass.created_at))))));
  }

  search.addEventListener('input', show);
  sort.addEventListener('change', show);
  tools.addEventListener('submit', (event) => event.preventDefault());
  create.addEventListener('click', async () => {
    const created = await openCreateFlow(project);
    if (created) {
      projects.load().catch(() => {});
      await load();
      const link = list.querySelector(`tr[data-pass-id="${CSS.escape(created.pass_id)}"] a`);
      if (link) link.focus();
    }
  });

  load();
  return {
    element: h('section', { class: 'page' },
      h('div', { class: 'page-head' },
        h('div', {},
          h('p', { class: 'eyebrow' }, h('a', { href: '#/projects', id: 'all-projects' }, 'Projects'), ' / ',
            h('span', { class: 'mono', id: 'current-project' }, project)),
          h('h1', {}, 'Sentinel Passes')),
        h('div', { class: 'button-row' },
          h('a', { class: 'btn btn-secondary', id: 'trust-policies-link', href: `#/projects/${encodeURIComponent(project)}/trust-policies` },
            'Trust policies'),
          h('a', { class: 'btn btn-secondary', id: 'resources-link', href: `#/projects/${encodeURIComponent(project)}/resources` },
            'Resources'),
          create)),
      area, tools, list),
  };
}
