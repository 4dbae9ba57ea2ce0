// The public keys of a private_key_jwt pass: reading a pasted JWK set (refusing private parts before anything is
// sent), showing the keys by thumbprint, the credentials step of a key pass (never a secret) and key management.
import { api } from './api.js';
import { h, uid } from './dom.js';
import { copyButton, busy, confirmDialog, announce, openDialog, messageArea } from './ui.js';

/** JWK members only a private or symmetric key has (RFC 7518 §6). */
export const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/**
 * A pasted JWK set or single JWK as `{ set: {keys: [...]} }`, or `{ problem }` saying what is wrong. A key with
 * private parts is refused here, in the browser: the private key is never sent.
 */
export function parseJwks(text) {
  const trimmed = text.trim();
  if (!trimmed) return { problem: 'Paste the agent\'s public keys as a JWK set ({"keys": [...]}) or one JWK.' };
  if (trimmed.startsWith('-----BEGIN')) {
    return { problem: 'This is a PEM block. Paste the public key as a JWK, or register it from the command line: '
      + 'sentinel pass create --jwks-file key.pub.pem.' };
  }
  let document;
  try { document = JSON.parse(trimmed); } catch { return { problem: 'This is not JSON: paste a JWK set or one JWK.' }; }
  if (!document || typeof document !== 'object' || Array.isArray(document)) return { problem: 'Paste a JSON object: a JWK set or one JWK.' };
  const keys = Array.isArray(document.keys) ? document.keys : document.keys === undefined ? [document] : null;
  if (!keys || !keys.length) return { problem: '"keys" must be a non-empty list of JWKs.' };
  const privateOnes = keys.map((key, index) => {
    const found = PRIVATE_MEMBERS.filter((member) => key && typeof key === 'object' && member in key);
    return found.length ? `key ${index + 1}${key.kid ? ` (${key.kid})` : ''} holds ${found.join(', ')}` : null;
  }).filter(Boolean);
  if (privateOnes.length) {
    return { problem: `Private key material: ${privateOnes.join('; ')}. Paste only the public key; nothing was sent.` };
  }
  return { set: { keys } };
}

/** The keys of a pass as shown by the API: one entry per key with kid, alg and thumbprint. */
export function keysOf(pass) {
  const keys = (pass.jwks && pass.jwks.keys) || [];
  const prints = pass.key_thumbprints || [];
  return keys.map((key, index) => ({ key, kid: key.kid || '', alg: key.alg || '', kty: key.kty, thumbprint: prints[index] || '' }));
}

/** A list of key thumbprints (or the jwks_uri) with copy buttons. */
export function keySummary(pass, id = 'pass-keys') {
  if (pass.jwks_uri) {
    return h('p', { id, class: 'mono break' }, 'Keys from ', h('span', { dataset: { role: 'jwks-uri' } }, pass.jwks_uri));
  }
  return h('ul', { id, class: 'key-list' }, keysOf(pass).map((entry) => h('li', { class: 'key-row', dataset: { thumbprint: entry.thumbprint } },
    h('span', { class: 'mono break', dataset: { role: 'thumbprint' } }, entry.thumbprint),
    ' ', h('span', { class: 'muted small' }, [entry.kty, entry.alg, entry.kid && `kid ${entry.kid}`].filter(Boolean).join(' · ')),
    ' ', copyButton(() => entry.thumbprint, `Copy thumbprint ${entry.thumbprint}`))));
}

/** How a key pass's agent gets a token: a signed JWT assertion instead of a secret. */
function assertionRequest(pass, endpoint) {
  return 'curl -sS -d grant_type=client_credentials \\\n'
    + `  -d client_id=${pass.client_id} \\\n`
    + '  -d client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer \\\n'
    + `  -d client_assertion="$SENTINEL_CLIENT_ASSERTION" ${endpoint}`;
}

/**
 * The last step of creating a key pass: the client id and the key thumbprints Sentinel registered. There is no
 * secret to copy: the agent keeps its private key and signs each request.
 */
export function keyCredentialsBlock(pass) {
  const code = h('code', { dataset: { format: 'curl' } }, assertionRequest(pass, `${location.origin}/oauth/token`));
  api.tokenEndpoint().then((url) => { code.textContent = assertionRequest(pass, url); });
  const idLabel = uid('client-id');
  return h('div', { class: 'credentials stack', id: 'key-credentials' },
    h('div', { class: 'alert alert-info' }, h('strong', {}, 'No client secret.'),
      ' This pass authenticates with private_key_jwt: its agent signs a short JWT (iss and sub = the client ID, aud = '
      + 'Sentinel\'s issuer, a unique jti, exp within 5 minutes) with its private key, which never leaves it.'),
    h('div', { class: 'fact' }, h('p', { class: 'fact-term', id: idLabel }, 'Client ID'),
      h('p', {}, h('span', { class: 'mono', id: 'created-client-id', 'aria-labelledby': idLabel }, pass.client_id),
        copyButton(() => pass.client_id, 'Copy client ID'))),
    h('div', { class: 'fact' }, h('p', { class: 'fact-term' }, pass.jwks_uri ? 'Key set URL' : 'Registered keys (SHA-256 thumbprints)'),
      keySummary(pass, 'created-keys')),
    h('section', { class: 'code-block' }, h('div', { class: 'code-head' }, h('h4', {}, 'Get an access token (curl)'),
      copyButton(() => code.textContent, 'Copy the token request')), h('pre', { tabindex: '0' }, code)),
    h('p', { class: 'hint' }, 'Set SENTINEL_CLIENT_ASSERTION to an assertion signed with the private key first.'));
}

/** The key settings of a key pass: its keys, add, replace, remove, and the token-endpoint audience opt-in. */
export function keysSetting(pass, context, show) {
  const area = messageArea();
  const patch = async (button, body, done) => busy(button, async () => {
    try {
      context.clearError();
      area.reset();
      const reply = await api.changeKeys(pass.pass_id, body);
      show(reply.pass);
      announce(done);
      document.getElementById('keys-setting-title')?.focus();
    } catch (error) {
      area.show(error, { fieldLabels: { jwks: 'Keys', jwks_uri: 'Key set URL' } });
    }
  });
  const entries = keysOf(pass);
  const rows = pass.jwks_uri ? keySummary(pass, 'setting-keys') : h('ul', { class: 'key-list', id: 'setting-keys' },
    entries.map((entry) => {
      const remove = h('button', { type: 'button', class: 'btn btn-small btn-danger', dataset: { role: 'remove-key' },
        disabled: entries.length === 1, title: entries.length === 1 ? 'A key pass needs a key: add another first' : null,
        'aria-label': `Remove key ${entry.thumbprint}` }, 'Remove');
      remove.addEventListener('click', async () => {
        if (!await confirmDialog({
          title: 'Remove this key?',
          message: [h('p', {}, 'Assertions signed with the key ', h('span', { class: 'mono break' }, entry.thumbprint),
            ' are refused from now on, and every token issued to this pass so far ends.')],
          confirmLabel: 'Remove key',
          danger: true,
        })) return;
        const rest = entries.filter((other) => other !== entry).map((other) => other.key);
        await patch(remove, { jwks: { keys: rest } }, 'The key was removed');
      });
      return h('li', { class: 'key-row', dataset: { thumbprint: entry.thumbprint } },
        h('span', { class: 'mono break', dataset: { role: 'thumbprint' } }, entry.thumbprint), ' ',
        h('span', { class: 'muted small' }, [entry.kty, entry.alg, entry.kid && `kid ${entry.kid}`].filter(Boolean).join(' · ')), ' ',
        remove);
    }));
  const add = h('button', { type: 'button', class: 'btn btn-secondary', id: 'add-key', hidden: Boolean(pass.jwks_uri) }, 'Add key');
  add.addEventListener('click', async () => {
    const set = await askForKeys({ title: 'Add a key', action: 'Add key', allowUri: false });
    if (set) await patch(add, { jwks: { keys: [...entries.map((entry) => entry.key), ...set.jwks.keys] } }, 'The key was added');
  });
  const replace = h('button', { type: 'button', class: 'btn btn-secondary', id: 'replace-keys' }, 'Replace keys');
  replace.addEventListener('click', async () => {
    const given = await askForKeys({ title: 'Replace every key', action: 'Replace keys', allowUri: true });
    if (given) await patch(replace, given, 'The keys were replaced');
  });
  const audience = h('input', { type: 'checkbox', id: 'accept-token-endpoint-audience', checked: Boolean(pass.accept_token_endpoint_audience) });
  audience.addEventListener('change', () => patch(audience, { accept_token_endpoint_audience: audience.checked },
    audience.checked ? 'The token endpoint URL is now accepted as audience' : 'Only the issuer is accepted as audience'));
  return h('section', { class: 'card', 'aria-labelledby': 'keys-setting-title', id: 'keys-setting' },
    h('h2', { id: 'keys-setting-title', tabindex: '-1' }, 'Keys (private_key_jwt)'),
    h('p', { class: 'muted' }, 'The agent signs its assertions with one of these keys. To rotate, add the new key, move the '
      + 'agent to it, then remove the old one; removing a key ends the tokens issued so far.'),
    area, rows,
    h('div', { class: 'field field-inline' }, audience, h('label', { for: 'accept-token-endpoint-audience' },
      'Also accept the token endpoint URL as the assertion\'s audience (Spring Security\'s client sends it)')),
    h('div', { class: 'button-row' }, add, replace));
}

/** A dialog asking for a pasted JWK set (or, when allowed, a key set URL); resolves with the PATCH body or undefined. */
function askForKeys({ title, action, allowUri }) {
  return openDialog({
    title,
    className: 'dialog-wide',
    build: (close) => {
      const pasted = h('textarea', { id: 'keys-input', name: 'jwks', rows: 6, spellcheck: 'false',
        placeholder: '{"keys": [{"kty": "EC", "crv": "P-256", "x": "…", "y": "…"}]}', 'aria-describedby': 'keys-input-error' });
      const uri = h('input', { id: 'keys-uri-input', name: 'jwks_uri', type: 'url', spellcheck: 'false',
        placeholder: 'https://agent.example.com/jwks.json' });
      const error = h('p', { class: 'field-error', id: 'keys-input-error' });
      const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'keys-submit' }, action);
      const form = h('form', { class: 'stack', novalidate: true },
        h('div', { class: 'field' }, h('label', { for: 'keys-input' }, 'Public keys (a JWK set or one JWK)'), pasted, error),
        allowUri ? h('div', { class: 'field' }, h('label', { for: 'keys-uri-input' }, 'Or a key set URL (https)'), uri) : null,
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => close(undefined) }, 'Cancel'), submit));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (allowUri && uri.value.trim() && !pasted.value.trim()) { close({ jwks_uri: uri.value.trim() }); return; }
        const parsed = parseJwks(pasted.value);
        error.textContent = parsed.problem || '';
        pasted.setAttribute('aria-invalid', parsed.problem ? 'true' : 'false');
        if (parsed.problem) { pasted.focus(); return; }
        close({ jwks: parsed.set });
      });
      return form;
    },
  });
}
