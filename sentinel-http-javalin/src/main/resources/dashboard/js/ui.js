// Shared pieces of the screens: badges, in-place errors, copy buttons, dialogs, the one-time credentials block.
import { h, clear, uid, daysUntil, formatDate, formatNumber, focus } from './dom.js';
import { api } from './api.js';

export function statusBadge(pass) {
  if (pass.revoked) return h('span', { class: 'badge badge-red', title: 'Revoked: inactive until activated again' }, 'Revoked');
  return pass.status === 'active'
    ? h('span', { class: 'badge badge-green' }, h('span', { class: 'dot', 'aria-hidden': 'true' }), 'Active')
    : h('span', { class: 'badge badge-grey' }, 'Inactive');
}

/** The expiry badge: green far from the end, yellow within 30 days, red when expired. */
export function expiryBadge(pass) {
  const days = daysUntil(pass.valid_until);
  const state = pass.validity_state || (days < 0 ? 'expired' : days <= 30 ? 'expiring_soon' : 'valid');
  const until = formatDate(pass.valid_until);
  switch (state) {
    case 'expired': return h('span', { class: 'badge badge-red', title: `Expired ${until}` }, `Expired ${until}`);
    case 'expiring_soon': return h('span', { class: 'badge badge-yellow', title: `Expires ${until}` },
      days <= 0 ? 'Expires today' : `Expires in ${days} day${days === 1 ? '' : 's'}`);
    case 'not_yet_valid': return h('span', { class: 'badge badge-grey' }, `Starts ${formatDate(pass.valid_from)}`);
    default: return h('span', { class: 'badge badge-plain', title: `Valid until ${until}` }, `Expires ${until}`);
  }
}

/** Labels for the API's field names, so messages speak the screen's words ("Pass ID", not "pass_id"). */
export const FIELD_LABELS = {
  pass_id: 'Pass ID', agent_name: 'Agent name', agent_type: 'Agent type', access_level: 'Access level',
  usage_type: 'Usage type', valid_from: 'Valid from', valid_until: 'Valid until', integration_notes: 'Integration notes',
  start_date: 'From', end_date: 'To', per_page: 'Rows per page', grace_period: 'Grace period',
};

/**
 * A server message in the screen's words: field names become their labels and counts get digit grouping
 * ("pass_id SP-… is taken" → "Pass ID SP-… is taken", "12006 records" → "12,006 records"). Numbers joined to
 * letters or dashes (ids, dates) and RFC numbers are left alone.
 */
export function readable(text, labels = {}) {
  const names = { ...FIELD_LABELS, ...labels };
  return String(text)
    .replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (word) => names[word] || word)
    // a standard's number is a name, not a count: "RFC 6749" stays as it is
    .replace(/(^|[\s(])(\d{4,})(?=$|[\s.,;:)])/g, (all, before, digits, offset, whole) => (/\bRFC$/.test(whole.slice(0, offset).trimEnd())
      ? all : before + formatNumber(Number(digits))));
}

/** An error shown in place: a sentence, then each field problem. Announced to screen readers (role=alert). */
export function errorBox(error, { fieldLabels = {} } = {}) {
  const fields = (error.errors || []).map((problem) => {
    const label = fieldLabels[problem.field] || FIELD_LABELS[problem.field] || problem.field;
    const message = readable(problem.message, fieldLabels);
    return h('li', {}, message.startsWith(label) ? message : [h('strong', {}, label), ` ${message}`]);
  });
  return h('div', { class: 'alert alert-error', role: 'alert' },
    h('p', {}, sentence(readable(error.detail || error.message, fieldLabels))),
    fields.length ? h('ul', {}, fields) : null);
}

export const sentence = (text) => {
  const value = String(text || 'Something went wrong.').trim();
  return value.charAt(0).toUpperCase() + value.slice(1) + (/[.!?]$/.test(value) ? '' : '.');
};

/** A region whose content is replaced by errors or notices; polite live region so changes are read out. */
export function messageArea() {
  const area = h('div', { class: 'messages', 'aria-live': 'polite' });
  area.show = (error, options) => clear(area, error ? errorBox(error, options) : null);
  area.notice = (text) => clear(area, h('div', { class: 'alert alert-info' }, text));
  area.reset = () => clear(area);
  return area;
}

export function copyButton(getText, label) {
  const button = h('button', { type: 'button', class: 'btn btn-small btn-ghost copy', 'aria-label': label },
    h('span', { class: 'copy-text' }, 'Copy'));
  button.addEventListener('click', async () => {
    const ok = await copy(getText());
    button.querySelector('.copy-text').textContent = ok ? 'Copied' : 'Copy failed';
    announce(ok ? `${label}: copied to the clipboard` : 'Copying failed; select the text and copy it by hand');
    setTimeout(() => { button.querySelector('.copy-text').textContent = 'Copy'; }, 2000);
  });
  return button;
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h('textarea', { class: 'visually-hidden', readonly: true });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** Reads a short message out to screen readers and shows it briefly. */
export function announce(text) {
  const toast = document.getElementById('toast');
  toast.textContent = text;
  toast.classList.add('show');
  clearTimeout(announce.timer);
  announce.timer = setTimeout(() => toast.classList.remove('show'), 2500);
}

/** A titled block of text to copy: a heading, a Copy button and the text in a <pre>. */
function codeBlock(title, text, format) {
  const id = uid(`code-${format}`);
  const code = h('code', { dataset: { format } }, text);
  const block = h('section', { class: 'code-block', 'aria-labelledby': id },
    h('div', { class: 'code-head' }, h('h4', { id }, title), copyButton(() => code.textContent, `Copy ${title}`)),
    h('pre', { tabindex: '0' }, code));
  return block;
}

/**
 * The token request of a client, ready to paste: `curl` with the client id and the secret taken from
 * $SENTINEL_CLIENT_SECRET (so it never lands in the shell's history), against the token endpoint the server publishes.
 */
export function curlLine(clientId, endpoint) {
  return `curl -sS -u "${clientId}:$SENTINEL_CLIENT_SECRET" -d grant_type=client_credentials ${endpoint}`;
}

/**
 * How to get an access token: the token endpoint's URL and the curl line, each with a Copy button. The URL starts
 * as this origin's and is replaced by the published one when the server's metadata arrives.
 */
export function tokenRequest(clientId, { secretNote } = {}) {
  const endpoint = h('span', { class: 'mono break', id: uid('token-endpoint'), dataset: { role: 'token-endpoint' } },
    `${location.origin}/oauth/token`);
  const curl = codeBlock('Get an access token (curl)', curlLine(clientId, endpoint.textContent), 'curl');
  api.tokenEndpoint().then((url) => {
    endpoint.textContent = url;
    curl.querySelector('code').textContent = curlLine(clientId, url);
  });
  return h('div', { class: 'token-request stack' },
    h('div', { class: 'fact' }, h('p', { class: 'fact-term' }, 'Token endpoint'),
      h('p', { class: 'token-endpoint' }, endpoint, copyButton(() => endpoint.textContent, 'Copy token endpoint'))),
    curl,
    h('p', { class: 'hint' }, secretNote || 'Set SENTINEL_CLIENT_SECRET to the client secret first.',
      location.protocol === 'https:' ? ' With a certificate from a private CA, add --cacert with its file.' : ''));
}

/**
 * The client id and secret, shown once, as JSON and as bash exports, then the token request that uses them, each
 * with a copy button.
 */
export function credentialsBlock(credentials) {
  const json = JSON.stringify({ client_id: credentials.client_id, client_secret: credentials.client_secret }, null, 2);
  const bash = `export SENTINEL_CLIENT_ID='${credentials.client_id}'\nexport SENTINEL_CLIENT_SECRET='${credentials.client_secret}'`;
  return h('div', { class: 'credentials' },
    h('div', { class: 'alert alert-warning' },
      h('strong', {}, 'Copy your client secret now.'),
      ' It is shown only this once and cannot be retrieved later. Store it in a secrets manager.'),
    codeBlock('JSON format', json, 'json'),
    codeBlock('Bash export format', bash, 'bash'),
    tokenRequest(credentials.client_id, { secretNote: 'Run the export lines above first: the curl line reads the secret from SENTINEL_CLIENT_SECRET.' }));
}

/**
 * Opens a modal dialog. `build(close)` returns the body; the first focusable field (or `initialFocus`) gets
 * focus, Escape closes, and focus returns to what had it before. Resolves with the value given to close().
 */
export function openDialog({ title, build, initialFocus, className = '', onCancel }) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const titleId = uid('dialog-title');
    const dialog = h('dialog', { class: `dialog ${className}`, 'aria-labelledby': titleId });
    let closing = false;
    const close = (value) => {
      closing = true;
      dialog.close();
      dialog.remove();
      if (opener && document.contains(opener)) opener.focus();
      resolve(value);
    };
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      if (onCancel) onCancel(close); else close(undefined);
    });
    // Chrome closes a dialog without a cancelable 'cancel' on a second Escape with no click or typing between
    // (close watchers); a dialog that must ask first opens again and asks.
    dialog.addEventListener('close', () => {
      if (closing || !document.contains(dialog)) return;
      if (onCancel) {
        dialog.showModal();
        onCancel(close);
      } else {
        close(undefined);
      }
    });
    const heading = h('h2', { id: titleId, class: 'dialog-title' }, title);
    dialog.append(heading, h('div', { class: 'dialog-body' }, build(close, heading)));
    document.body.append(dialog);
    dialog.showModal();
    const target = initialFocus?.(dialog) || dialog.querySelector('input, select, textarea, button:not(.copy)');
    focus(target || heading);
  });
}

/** A yes/no question in a dialog; the safe choice has focus. `message` is a sentence or a list of nodes. */
export function confirmDialog({ title, message, confirmLabel, cancelLabel = 'Cancel', danger = false }) {
  return openDialog({
    title,
    className: 'dialog-confirm',
    build: (close) => h('div', {},
      h('div', { class: 'confirm-message' }, typeof message === 'string' ? h('p', {}, message) : message),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn btn-secondary', 'data-role': 'cancel', onclick: () => close(false) }, cancelLabel),
        h('button', { type: 'button', class: `btn ${danger ? 'btn-danger' : 'btn-primary'}`, 'data-role': 'confirm',
          onclick: () => close(true) }, confirmLabel))),
    initialFocus: (dialog) => dialog.querySelector('[data-role=cancel]'),
  });
}

/**
 * Asks before a dialog that shows a one-time secret closes by Escape: the secret cannot be shown again.
 * Resolves true when the user says it is copied and the dialog may close.
 */
export function confirmSecretCopied() {
  return confirmDialog({
    title: 'Close without the secret?',
    message: [h('p', {}, 'The client secret is shown only this once. After closing, it cannot be shown again; ',
      'you would have to regenerate the credentials.'), h('p', {}, 'Have you copied it to a safe place?')],
    confirmLabel: 'Close, I have copied it',
    cancelLabel: 'Keep showing it',
  });
}

/** Disables a button while an action runs, so double clicks do not send twice. */
export async function busy(button, action) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    // a disabled button loses focus to <body>; give it back unless the action moved focus somewhere on purpose
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost && document.contains(button)) button.focus();
  }
}

export const loading = (text = 'Loading…') => h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
