// The passes of one project: status and expiry badges, a link to each pass, and "New pass".
import { api } from './api.js';
import { h, clear, formatDate, humanize } from './dom.js';
import { statusBadge, expiryBadge, messageArea, loading } from './ui.js';
import { openCreateFlow } from './create.js';
import { projects } from './projects.js';

export function passesView(project, navigate) {
  const area = messageArea();
  const list = h('div', { class: 'pass-list' }, loading('Loading passes…'));
  const create = h('button', { type: 'button', class: 'btn btn-primary', id: 'new-pass' },
    h('span', { 'aria-hidden': 'true' }, '+ '), 'New Sentinel Pass');

  async function load() {
    try {
      const body = await api.listPasses(project);
      const passes = Array.isArray(body) ? body : body.items || body.passes || [];
      area.reset();
      clear(list, passes.length ? table(passes) : empty());
    } catch (error) {
      clear(list);
      area.show(error);
    }
  }

  function empty() {
    return h('div', { class: 'empty card' },
      h('h2', {}, 'No passes yet'),
      h('p', { class: 'muted' }, 'A Sentinel Pass gives one agent its own OAuth client credentials, ',
        'with permissions, a validity period and an activity log.'),
      h('button', { type: 'button', class: 'btn btn-primary', onclick: () => create.click() }, 'Create your first pass'));
  }

  function table(passes) {
    const sorted = [...passes].sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
    return h('table', { class: 'table responsive-table', id: 'passes-table' },
      h('caption', { class: 'visually-hidden' }, `Sentinel Passes of project ${project}`),
      h('thead', {}, h('tr', {},
        ['Agent', 'Pass ID', 'Status', 'Validity', 'Access level', 'Created'].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, sorted.map((pass) => h('tr', { dataset: { passId: pass.pass_id } },
        h('td', { dataset: { label: 'Agent' } },
          h('a', { class: 'pass-link', href: `#/passes/${encodeURIComponent(pass.pass_id)}/overview` }, pass.agent_name),
          h('div', { class: 'muted small mono' }, pass.agent_type)),
        h('td', { dataset: { label: 'Pass ID' }, class: 'mono' }, pass.pass_id),
        h('td', { dataset: { label: 'Status' } }, statusBadge(pass)),
        h('td', { dataset: { label: 'Validity' } }, expiryBadge(pass)),
        h('td', { dataset: { label: 'Access level' } }, humanize(pass.access_level)),
        h('td', { dataset: { label: 'Created' } }, formatDate(pass.created_at))))));
  }

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
        create),
      area, list),
  };
}
