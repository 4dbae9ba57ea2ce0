// The project picker's memory: the current project and the recently opened ones, in localStorage
// (project names are not secret). The management API addresses passes by project; there is no project registry.
import { h, clear } from './dom.js';

const CURRENT = 'sentinel.project';
const RECENT = 'sentinel.recentProjects';
const FORMAT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

function recent() {
  try { return JSON.parse(localStorage.getItem(RECENT)) || []; } catch { return []; }
}

export const projects = {
  current: () => localStorage.getItem(CURRENT) || 'default',
  use(name) {
    if (projects.check(name)) return;
    localStorage.setItem(CURRENT, name);
    localStorage.setItem(RECENT, JSON.stringify([name, ...recent().filter((p) => p !== name)].slice(0, 8)));
  },
  /** An error message for a malformed project name, or '' when it is fine. */
  check(name) {
    if (!name) return 'Enter a project name.';
    return FORMAT.test(name) ? '' : 'Use 1–64 letters, digits, - or _, starting with a letter or digit.';
  },
  fillList(datalist) {
    clear(datalist, recent().map((name) => h('option', { value: name })));
  },
};
