// The projects page (#/projects): every project the server holds, with its pass count and last activity (UTC).
import { h, clear, formatNumber, formatTime } from './dom.js';
import { messageArea, loading } from './ui.js';
import { projects } from './projects.js';

export function projectListView() {
  const area = messageArea();
  const list = h('div', { class: 'pass-list' }, loading('Loading projects…'));

  projects.load().then((items) => clear(list, items.length ? table(items) : empty())).catch((error) => {
    clear(list);
    area.show(error);
  });

  return {
    element: h('section', { class: 'page' },
      h('div', { class: 'page-head' }, h('div', {}, h('p', { class: 'eyebrow' }, 'Sentinel'), h('h1', {}, 'Projects'))),
      area, list),
  };
}

function table(items) {
  return h('table', { class: 'table responsive-table', id: 'projects-table' },
    h('caption', { class: 'visually-hidden' }, 'Projects, by name; last activity in UTC'),
    h('thead', {}, h('tr', {}, ['Project', 'Passes', 'Last activity (UTC)'].map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, items.map((project) => h('tr', { dataset: { project: project.name } },
      h('td', { dataset: { label: 'Project' } },
        h('a', { class: 'pass-link mono', href: `#/projects/${encodeURIComponent(project.name)}` }, project.name)),
      h('td', { dataset: { label: 'Passes' } }, formatNumber(project.passes)),
      h('td', { dataset: { label: 'Last activity (UTC)' } }, project.last_activity
        ? h('time', { datetime: project.last_activity }, formatTime(project.last_activity))
        : h('span', { class: 'muted' }, 'Never'))))));
}

function empty() {
  return h('div', { class: 'empty card' },
    h('h2', {}, 'No projects yet'),
    h('p', { class: 'muted' }, 'A project appears with its first pass. Open a project by name above, or start in "default".'),
    h('a', { class: 'btn btn-primary', href: '#/projects/default' }, 'Open project default'));
}
