// The pass detail: a header and four tabs (Overview, Permissions, Usage, Settings), one URL per tab.
import { api } from './api.js';
import { h, clear, focus } from './dom.js';
import { statusBadge, expiryBadge, messageArea, loading } from './ui.js';
import { overviewTab } from './overview.js';
import { projects } from './projects.js';
import { permissionsTab } from './permissions.js';
import { usageTab } from './usage.js';
import { settingsTab } from './settings.js';

const TABS = [
  { id: 'overview', title: 'Overview', render: overviewTab },
  { id: 'permissions', title: 'Permissions', render: permissionsTab },
  { id: 'usage', title: 'Usage', render: usageTab },
  { id: 'settings', title: 'Settings', render: settingsTab },
];

/** The tab chosen with the arrow keys, which keeps the focus once its page is shown. */
let keyboardTab = null;

export function detailView(route, navigate) {
  const passId = route.passId;
  const active = TABS.find((tab) => tab.id === route.tab) || TABS[0];
  const area = messageArea();
  const header = h('div', { class: 'detail-head' }, loading('Loading pass…'));
  const panel = h('div', { class: 'tab-panel', role: 'tabpanel', id: `panel-${active.id}`, 'aria-labelledby': `tab-${active.id}`, tabindex: '0' });
  const back = h('a', { class: 'back-link', href: '#/' }, h('span', { 'aria-hidden': 'true' }, '← '), 'All passes');
  let tabDispose = () => {};

  const tabList = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Pass sections' }, TABS.map((tab) =>
    h('a', { role: 'tab', id: `tab-${tab.id}`, href: `#/passes/${encodeURIComponent(passId)}/${tab.id}`,
      'aria-selected': String(tab === active), 'aria-controls': tab === active ? `panel-${tab.id}` : null,
      tabindex: tab === active ? '0' : '-1' },
    tab.title)));
  tabList.addEventListener('keydown', (event) => {
    const keys = { ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity };
    if (!(event.key in keys)) return;
    event.preventDefault();
    const index = TABS.indexOf(active);
    const step = keys[event.key];
    const next = Number.isFinite(step) ? (index + step + TABS.length) % TABS.length : step < 0 ? 0 : TABS.length - 1;
    keyboardTab = TABS[next].id;
    navigate(`#/passes/${encodeURIComponent(passId)}/${TABS[next].id}`);
  });

  /** Shows the pass in the header; tabs call it after every change so badges stay true. */
  function showPass(pass) {
    back.href = `#/projects/${encodeURIComponent(pass.project)}`;
    if (document.getElementById('project-input').value !== pass.project) projects.show(pass.project);
    clear(header,
      h('div', { class: 'detail-title' },
        h('div', { class: 'avatar', 'aria-hidden': 'true' }, initials(pass.agent_name)),
        h('div', {},
          h('h1', {}, pass.agent_name),
          h('p', { class: 'muted' }, h('span', { class: 'mono' }, pass.pass_id), ' · ', h('span', { class: 'mono' }, pass.agent_type)))),
      h('div', { class: 'badges' }, statusBadge(pass), expiryBadge(pass)));
  }

  const context = {
    passId,
    showPass,
    showError: (error) => area.show(error),
    clearError: () => area.reset(),
    navigate,
  };

  api.overview(passId).then((body) => {
    const focusHeading = document.activeElement === document.getElementById('main');
    showPass(body.pass);
    if (focusHeading) focus(header.querySelector('h1'));
    const result = active.render(context, body) || {};
    clear(panel, result.element);
    tabDispose = result.dispose || (() => {});
  }).catch((error) => {
    clear(header, h('h1', {}, passId));
    area.show(error.status === 404 ? { detail: `There is no pass ${passId}. It may have been deleted` } : error);
  });

  const focusTarget = keyboardTab === active.id ? tabList.querySelector(`#tab-${active.id}`) : null;
  keyboardTab = null;
  return {
    element: h('section', { class: 'page' }, back, header, area, tabList, panel),
    focusTarget,
    dispose: () => tabDispose(),
  };
}

function initials(name) {
  return String(name || '?').split(/\s+/).filter(Boolean).slice(0, 2).map((word) => word[0].toUpperCase()).join('');
}
