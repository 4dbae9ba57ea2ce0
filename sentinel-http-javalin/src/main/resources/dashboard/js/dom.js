// Tiny DOM and formatting helpers; no framework.

/** Creates an element: h('button', {class: 'btn', onclick}, 'Label'). Text children are never parsed as HTML. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let ids = 0;
export const uid = (prefix = 'id') => `${prefix}-${++ids}`;

export const $ = (selector, root = document) => root.querySelector(selector);

// One time-zone rule: every instant is shown in UTC and says so. Usage rollups are hourly UTC buckets and the 7- and
// 30-day views are UTC days, so any other zone would put a daily point between two day ticks.
export const TIME_ZONE = 'UTC';

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const utcDateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit',
  minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
const clockFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
const hourFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
  hourCycle: 'h23', timeZone: 'UTC' });

/** A calendar date such as 2026-11-26, shown in the reader's locale without a time zone shift. */
export function formatDate(isoDate) {
  if (!isoDate) return '—';
  const [y, m, d] = String(isoDate).slice(0, 10).split('-').map(Number);
  return dateFormat.format(new Date(y, m - 1, d));
}

/** An instant in UTC with its zone: "Nov 25, 2026, 09:30:15 UTC". */
export function formatTime(isoInstant) {
  if (!isoInstant) return '—';
  const date = new Date(isoInstant);
  return Number.isNaN(date.getTime()) ? String(isoInstant) : `${timeFormat.format(date)} UTC`;
}

/** The UTC day of an instant: "Nov 25, 2026". */
export const formatUtcDay = (date) => utcDateFormat.format(date);

/** An hour in UTC: "Nov 25, 14:00 UTC". */
export const formatUtcHour = (date) => `${hourFormat.format(date)} UTC`;

export const formatClock = (date) => `${clockFormat.format(date)} UTC`;

/** The browser's own zone and offset, e.g. "America/New_York, UTC−05:00", to say how far UTC is from the reader. */
export function browserZone(date = new Date()) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC too';
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? '−' : '+';
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${zone}, UTC${sign}${pad(minutes / 60)}:${pad(minutes % 60)}`;
}

const shortFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
  hourCycle: 'h23', timeZone: 'UTC' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "2 minutes ago" for recent instants, else a short UTC date and time. */
export function formatAgo(isoInstant) {
  const date = new Date(isoInstant);
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  if (Math.abs(seconds) < 60) return 'Just now';
  if (Math.abs(seconds) < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (Math.abs(seconds) < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
  return `${shortFormat.format(date)} UTC`;
}

export function formatNumber(value, digits = 0) {
  if (value === undefined || value === null || Number.isNaN(Number(value))) return '—';
  return Number(value).toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export const formatPercent = (value) => (value === undefined || value === null ? '—' : `${formatNumber(value, 1)}%`);
export const formatMs = (value) => (value === undefined || value === null ? '—' : `${formatNumber(value, 0)} ms`);

/** Whole days from today (local) until an ISO date; negative when past. */
export function daysUntil(isoDate) {
  const [y, m, d] = String(isoDate).slice(0, 10).split('-').map(Number);
  const today = new Date();
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((new Date(y, m - 1, d) - start) / 86_400_000);
}

/** Today's and a later date as YYYY-MM-DD in local time (what a date input holds). */
export function isoDay(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function plusYears(isoDate, years) {
  const [y, m, d] = isoDate.split('-').map(Number);
  return isoDay(new Date(y + years, m - 1, d));
}

const WORDS = { ai: 'AI', mcp: 'MCP', api: 'API' };

/** "automation_tool" → "Automation tool", "mcp_server" → "MCP server". */
export function humanize(code) {
  if (!code) return '—';
  if (/^[a-z0-9_]+$/.test(code)) {
    const words = code.split('_').map((word) => WORDS[word] || word);
    const text = words.join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  const text = String(code).replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Moves focus to an element, making it focusable first when it is a heading or a region. */
export function focus(el) {
  if (!el) return;
  if (!el.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: false });
}
