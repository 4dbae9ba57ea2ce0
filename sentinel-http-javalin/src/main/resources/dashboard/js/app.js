// The dashboard's entry point: a hash router over sign-in, the landing page, projects, passes and a pass.
import { api, session } from './api.js';
import { h, clear, $, focus } from './dom.js';
import { errorBox, messageArea, busy, loading } from './ui.js';
import { projects } from './projects.js';
import { projectListView } from './projectList.js';
import { passesView } from './passes.js';
import { trustPoliciesView } from './trustPolicies.js';
import { resourcesView } from './resources.js';
import { detailView } from './detail.js';
import { signInView, enrolment } from './signin.js';
import { sessionsView, auditView } from './account.js';

const main = $('#main');
let dispose = () => {};

function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (!session.active() || parts[0] === 'signin') return { name: 'signin' };
  if (session.who()?.enrolment_required) return { name: 'enrol' };
  if (parts[0] === 'sessions') return { name: 'sessions' };
  if (parts[0] === 'audit') return { name: 'audit' };
  if (parts[0] === 'passes' && parts[1]) return { name: 'detail', passId: parts[1], tab: parts[2] || 'overview' };
  if (parts[0] === 'projects' && parts[1] && parts[2] === 'trust-policies') return { name: 'trust', project: parts[1] };
  if (parts[0] === 'projects' && parts[1] && parts[2] === 'resources') return { name: 'resources', project: parts[1] };
  if (parts[0] === 'projects' && parts[1]) return { name: 'passes', project: parts[1] };
  if (parts[0] === 'projects') return { name: 'projects' };
  return { name: 'home' };
}

export function navigate(hash) {
  if (location.hash === hash) render(); else location.hash = hash;
}

function render() {
  dispose();
  dispose = () => {};
  const route = parseRoute();
  const signedIn = route.name !== 'signin';
  $('#project-picker').hidden = !signedIn || route.name === 'enrol';
  $('#sign-out').hidden = !signedIn;
  showWho(signedIn && route.name !== 'enrol');
  if (route.name === 'enrol') {
    clear(main, h('section', { class: 'signin' }, h('div', { class: 'card signin-card' }, ...enrolment(() => navigate('#/')))));
    return;
  }
  if (route.name === 'home') {
    home();
    return;
  }
  if (signedIn) projects.load().catch(() => {});
  // the detail view shows its pass's own project once the pass is loaded
  projects.show(['passes', 'trust', 'resources'].includes(route.name) ? route.project : route.name === 'detail' ? '' : projects.current());
  const view = route.name === 'signin' ? signInView((list) => navigate(list ? projects.landing(list) : '#/'))
    : route.name === 'sessions' ? sessionsView(() => navigate('#/signin'))
      : route.name === 'audit' ? auditView()
    : route.name === 'detail' ? detailView(route, navigate)
      : route.name === 'projects' ? projectListView()
        : route.name === 'trust' ? trustPoliciesView(route.project)
        : route.name === 'resources' ? resourcesView(route.project)
        : passesView(route.project, navigate);
  clear(main, view.element);
  dispose = view.dispose || (() => {});
  focus(view.focusTarget || main.querySelector('h1') || main);
}

/** The landing page: the last project used, or the only one, or the list of projects. */
function home() {
  clear(main, loading('Loading projects…'));
  projects.load()
    .then((list) => location.replace(projects.landing(list)))
    .catch((error) => clear(main, errorBox(error)));
}

function wireShell() {
  $('#project-picker').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('#project-input');
    const name = input.value.trim();
    const error = projects.check(name);
    const slot = $('#project-error');
    slot.textContent = error || '';
    input.setAttribute('aria-invalid', error ? 'true' : 'false');
    if (!error) navigate(`#/projects/${encodeURIComponent(name)}`);
  });
  $('#sign-out').addEventListener('click', async () => {
    if (session.who()) await api.signOut().catch(() => {});
    session.signOut();
    navigate('#/signin');
  });
  window.addEventListener('sentinel:unauthorized', () => {
    if (!session.active()) return;
    session.signOut();
    navigate('#/signin');
  });
  window.addEventListener('hashchange', render);
}

/** The top bar's account links: who is signed in (or that a token is in use), my sessions, the audit trail. */
function showWho(visible) {
  const slot = $('#whoami');
  slot.hidden = !visible;
  if (!visible) return;
  const who = session.who();
  clear(slot,
    h('span', { id: 'whoami-name', class: 'muted' }, who ? who.account.email : 'Token'),
    who ? h('a', { class: 'topbar-link', href: '#/sessions', id: 'my-sessions-link' }, 'My sessions') : '',
    h('a', { class: 'topbar-link', href: '#/audit', id: 'audit-link' }, 'Audit'));
}

wireShell();
api.currentSession().then(async (who) => {
  if (who) session.started(who);
  // a pasted token's role in each project, so the first page already offers only what it allows
  else if (session.token()) await projects.load().catch(() => {});
}).finally(() => {
  try {
    render();
  } catch (error) {
    clear(main, errorBox(error));
  }
});
