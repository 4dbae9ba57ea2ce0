// Projects: the server's list (GET /api/v1/projects) fills the picker; this browser remembers only the last project
// it opened (localStorage; project names are not secret), to open it again after sign-in.
import { api, session } from './api.js';
import { h, clear, $ } from './dom.js';

const CURRENT = 'sentinel.project';
const FORMAT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
let known = [];

export const projects = {
  /** The last project opened here, or '' when none was. */
  current: () => localStorage.getItem(CURRENT) || '',
  use(name) {
    if (!projects.check(name)) localStorage.setItem(CURRENT, name);
  },
  /** An error message for a malformed project name, or '' when it is fine. */
  check(name) {
    if (!name) return 'Enter a project name.';
    return FORMAT.test(name) ? '' : 'Use 1–64 letters, digits, - or _, starting with a letter or digit.';
  },
  /** The projects the server holds, as last loaded. */
  known: () => known,
  /** Loads the server's projects and offers them in the picker; keeps the previous list when loading fails. */
  async load() {
    const body = await api.listProjects();
    known = body.items || [];
    session.knowProjects(known);
    projects.fillList();
    return known;
  },
  /** Where to land after sign-in: the last project used if it still exists, else the only one, else the list. */
  landing(list = known) {
    const last = projects.current();
    if (last && list.some((project) => project.name === last)) return `#/projects/${encodeURIComponent(last)}`;
    if (list.length === 1) return `#/projects/${encodeURIComponent(list[0].name)}`;
    return list.length ? '#/projects' : '#/projects/default';
  },
  /** Shows a project in the picker (a pass opened by URL shows its own project) and remembers it. */
  show(name) {
    $('#project-input').value = name || '';
    if (name) projects.use(name);
    projects.fillList();
  },
  fillList() {
    const names = known.map((project) => project.name);
    clear($('#project-list'), names.map((name) => h('option', { value: name })));
  },
};
