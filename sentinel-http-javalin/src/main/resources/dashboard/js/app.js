// The dashboard's entry point: a hash router over sign-in, the landing page, projects, passes and a pass.
import { api, session } from './api.js';
import { h, clear, $, focus } from './dom.js';
import { errorBox, messageArea, busy, loading } from './ui.js';
import { projects } from './projects.js';
import { projectListView } from './projectList.js';
import { passesView } from './passes.js';
import { detailView } from './detail.js';

const main = $('#main');
let dispose = () => {};

function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (!session.token() || parts[0] === 'signin') return { name: 'signin' };
  if (parts[0] === 'passes' && parts[1]) return { name: 'detail', passId: parts[1], tab: parts[2] || 'overview' };
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
  $('#project-picker').hidden = !signedIn;
  $('#sign-out').hidden = !signedIn;
  if (route.name === 'home') {
    home();
    return;
  }
  if (signedIn) projects.load().catch(() => {});
  // the detail view shows its pass's own project once the pass is loaded
  projects.show(route.name === 'passes' ? route.project : route.name === 'detail' ? '' : projects.current());
  const view = route.name === 'signin' ? signInView()
    : route.name === 'detail' ? detailView(route, navigate)
      : route.name === 'projects' ? projectListView()
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

function signInView() {
  const area = messageArea();
  const input = h('input', { id: 'admin-token', name: 'admin-token', type: 'password', required: true,
    autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'admin-token-hint' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, 'Sign in');
  const form = h('form', { class: 'stack', novalidate: true }, area,
    h('div', { class: 'field' },
      h('label', { for: 'admin-token' }, 'Admin token'), input,
      h('p', { id: 'admin-token-hint', class: 'hint' },
        'The token printed by ', h('code', {}, 'sentinel serve'), ' on its first start, or the one you configured. ',
        'It is kept only in this browser tab and forgotten when the tab closes.')),
    submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) {
      area.show({ detail: 'Enter the admin token to sign in' });
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    busy(submit, async () => {
      try {
        const list = await api.checkToken(token);
        session.signIn(token);
        navigate(projects.landing(list.items || []));
      } catch (error) {
        area.show(error.status === 401 ? { detail: 'That admin token was not accepted. Check it and try again' } : error);
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
    });
  });
  return {
    element: h('section', { class: 'signin' },
      h('div', { class: 'card signin-card' },
        h('div', { class: 'signin-mark', 'aria-hidden': 'true' }, '◆'),
        h('h1', {}, 'Sign in to Sentinel'),
        h('p', { class: 'muted' }, 'Machine credentials for your AI agents and automation.'),
        form)),
  };
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
  $('#sign-out').addEventListener('click', () => {
    session.signOut();
    navigate('#/signin');
  });
  window.addEventListener('sentinel:unauthorized', () => {
    if (!session.token()) return;
    session.signOut();
    navigate('#/signin');
  });
  window.addEventListener('hashchange', render);
}

wireShell();
try {
  render();
} catch (error) {
  clear(main, errorBox(error));
}
