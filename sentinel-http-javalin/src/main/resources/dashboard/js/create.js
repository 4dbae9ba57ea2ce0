// The create flow of the reference: agent identity, security settings, review, then the credentials once.
import { api } from './api.js';
import { h, clear, uid, isoDay, plusYears, humanize, focus } from './dom.js';
import { messageArea, credentialsBlock, busy, openDialog, readable, confirmSecretCopied } from './ui.js';
import { parseJwks, keyCredentialsBlock } from './keys.js';

export const ACCESS_LEVELS = ['basic', 'standard', 'premium', 'enterprise'];
export const USAGE_TYPES = ['ai_assistant', 'automation_tool', 'integration_service', 'mcp_server', 'api_client',
  'data_processor', 'monitoring_system', 'other'];
const STEPS = ['Agent identity', 'Security settings', 'Review', 'Credentials'];
const LABELS = {
  agent_name: 'Agent name', agent_type: 'Agent type', description: 'Description', pass_id: 'Pass ID',
  access_level: 'Access level', organization: 'Organization', usage_type: 'Usage type', valid_from: 'Valid from',
  valid_until: 'Valid until', permissions: 'Permissions', scopes: 'Scopes', integration_notes: 'Integration notes',
  allowed_ips: 'Allowed networks', credential_type: 'Credential', jwks: 'Public keys', jwks_uri: 'Key set URL',
  accept_token_endpoint_audience: 'Token endpoint as audience',
};
const STEP_OF_FIELD = { agent_name: 0, agent_type: 0, description: 0 };

/** CIDR blocks as typed: separated by commas, spaces or new lines; empty means any address. */
export function networkList(raw) {
  return raw.split(/[\s,]+/).filter((block) => block);
}

/** Letters, digits and single spaces, as the server checks it (after trimming and folding spaces). */
export function agentNameProblem(raw) {
  const value = raw.trim().replace(/ {2,}/g, ' ');
  if (!value) return 'Agent name is required.';
  if (value.length > 100) return 'Use at most 100 characters.';
  if (!/^[\p{L}\p{Nd}]+( [\p{L}\p{Nd}]+)*$/u.test(value)) return 'Use only letters, numbers and spaces.';
  return '';
}

/** Formats to lower_snake_case while typing ("Sourcing Agent" → "sourcing_agent"); a trailing "_" is kept until done. */
export function snakeCase(raw, done = false) {
  const snake = raw
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+/, '');
  return done ? snake.replace(/_+$/, '') : snake;
}

function field(name, control, hint) {
  const id = control.id;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  control.setAttribute('aria-describedby', `${hint ? hintId : ''} ${errorId}`.trim());
  return h('div', { class: 'field', dataset: { field: name } },
    h('label', { for: id }, LABELS[name], control.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
    control,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('p', { class: 'field-error', id: errorId }));
}

const input = (name, attrs = {}) => h('input', { id: uid(`create-${name}`), name, type: 'text', autocomplete: 'off', ...attrs });
const select = (name, values, value) => h('select', { id: uid(`create-${name}`), name },
  values.map((option) => h('option', { value: option, selected: option === value }, humanize(option))));
const textarea = (name, attrs = {}) => h('textarea', { id: uid(`create-${name}`), name, rows: 3, ...attrs });

function setFieldError(root, name, message) {
  const wrapper = root.querySelector(`[data-field="${name}"]`);
  if (!wrapper) return false;
  wrapper.querySelector('.field-error').textContent = message || '';
  wrapper.querySelector('input, select, textarea').setAttribute('aria-invalid', message ? 'true' : 'false');
  return true;
}

/** Opens the flow; resolves with the created pass, or undefined when cancelled before creating. */
export function openCreateFlow(project) {
  let created = null;
  return openDialog({
    title: 'Create Sentinel Pass',
    className: 'dialog-wide',
    onCancel: async (close) => {
      if (!created) { close(undefined); return; }
      if (!created.credentials.client_secret) { close(created.pass); return; } // a key pass: no secret to lose
      // Escape on the credentials step would lose the one-time secret: ask first
      if (await confirmSecretCopied()) close(created.pass);
    },
    build: (close, heading) => {
      const today = isoDay();
      const controls = {
        agent_name: input('agent_name', { required: true, maxlength: 100, placeholder: 'My Security Agent' }),
        agent_type: input('agent_type', { required: true, maxlength: 64, placeholder: 'sourcing_agent', spellcheck: 'false' }),
        description: textarea('description', { maxlength: 2000, placeholder: 'What this agent does' }),
        pass_id: input('pass_id', { placeholder: 'Auto-generated', spellcheck: 'false' }),
        access_level: select('access_level', ACCESS_LEVELS, 'standard'),
        organization: input('organization', { placeholder: 'Acme Corp' }),
        usage_type: select('usage_type', USAGE_TYPES, 'automation_tool'),
        valid_from: input('valid_from', { type: 'date', value: today }),
        valid_until: input('valid_until', { type: 'date', value: plusYears(today, 1) }),
        permissions: input('permissions', { value: 'read,write', spellcheck: 'false' }),
        scopes: input('scopes', { placeholder: 'Optional', spellcheck: 'false' }),
        integration_notes: textarea('integration_notes', { placeholder: 'Where this pass is used, who owns it' }),
        allowed_ips: textarea('allowed_ips', { rows: 2, placeholder: 'Any address', spellcheck: 'false' }),
      };
      // how the agent authenticates: a client secret, or public keys (private_key_jwt) pasted or at a URL
      const choice = (name, value, label, checked) => {
        const id = uid(`create-${name}-${value}`);
        return h('div', { class: 'choice' }, h('input', { type: 'radio', id, name, value, checked }), h('label', { for: id }, label));
      };
      const keyControls = {
        jwks: textarea('jwks', { rows: 5, spellcheck: 'false', placeholder: '{"keys": [{"kty": "EC", "crv": "P-256", "x": "…", "y": "…"}]}' }),
        jwks_uri: input('jwks_uri', { type: 'url', spellcheck: 'false', placeholder: 'https://agent.example.com/jwks.json' }),
        accept_token_endpoint_audience: h('input', { type: 'checkbox', id: uid('create-accept'), name: 'accept_token_endpoint_audience' }),
      };
      const credentialChoice = h('fieldset', { class: 'choices', id: 'credential-type' },
        h('legend', {}, 'How the agent authenticates'),
        choice('credential_type', 'api_key', 'Client secret (shown once)', true),
        choice('credential_type', 'private_key_jwt', 'Public keys: private_key_jwt, no secret', false));
      const sourceChoice = h('fieldset', { class: 'choices', id: 'key-source' },
        h('legend', {}, 'Where the keys are'),
        choice('key_source', 'jwks', 'Paste a JWK set', true),
        choice('key_source', 'jwks_uri', 'At a URL (jwks_uri)', false));
      const keyFields = h('div', { class: 'stack', id: 'key-fields', hidden: true }, sourceChoice,
        field('jwks', keyControls.jwks, 'The agent\'s public keys: a JWK set or one JWK (ES256, EdDSA, or RSA of 2048 bits or more). '
          + 'A private key is refused before anything is sent. Or make a pair with: sentinel pass create --generate-key.'),
        field('jwks_uri', keyControls.jwks_uri, 'An https address where the agent publishes its JWK set.'),
        h('div', { class: 'field field-inline', dataset: { field: 'accept_token_endpoint_audience' } }, keyControls.accept_token_endpoint_audience,
          h('label', { for: keyControls.accept_token_endpoint_audience.id }, 'Also accept the token endpoint URL as the assertion\'s audience '
            + '(Spring Security\'s client sends it)'), h('p', { class: 'field-error' })));
      const usesKeys = () => credentialChoice.querySelector('input:checked').value === 'private_key_jwt';
      const keySource = () => sourceChoice.querySelector('input:checked').value;
      const showKeyFields = () => {
        keyFields.hidden = !usesKeys();
        keyFields.querySelector('[data-field=jwks]').hidden = keySource() !== 'jwks';
        keyFields.querySelector('[data-field=jwks_uri]').hidden = keySource() !== 'jwks_uri';
      };
      credentialChoice.addEventListener('change', showKeyFields);
      sourceChoice.addEventListener('change', showKeyFields);
      const stepper = h('ol', { class: 'stepper' }, STEPS.map((title, index) =>
        h('li', { dataset: { step: index } }, h('span', { class: 'step-number', 'aria-hidden': 'true' }, index + 1), title)));
      const area = messageArea();
      const panel = h('div', { class: 'step-panel' });
      let step = 0;

      const name = controls.agent_name;
      name.addEventListener('input', () => setFieldError(panel, 'agent_name', name.value ? agentNameProblem(name.value) : ''));
      const type = controls.agent_type;
      type.addEventListener('input', () => { type.value = snakeCase(type.value); setFieldError(panel, 'agent_type', ''); });
      type.addEventListener('blur', () => { type.value = snakeCase(type.value, true); });

      const identity = () => [
        field('agent_name', name, 'Letters, numbers and spaces, for example "My Security Agent".'),
        field('agent_type', type, 'Formatted as you type to lower_snake_case, for example sourcing_agent.'),
        field('description', controls.description)];
      const security = () => h('div', { class: 'grid-2' },
        field('pass_id', controls.pass_id, 'Like SP-2026-A1B2C3. Leave empty to generate one.'),
        field('access_level', controls.access_level),
        field('organization', controls.organization),
        field('usage_type', controls.usage_type),
        field('valid_from', controls.valid_from, 'Default: today.'),
        field('valid_until', controls.valid_until, 'Default: one year from today.'),
        field('permissions', controls.permissions, 'Comma-separated, for example read,write or read:data,admin:users.'),
        field('scopes', controls.scopes, 'Optional OAuth scopes, comma-separated.'),
        h('div', { class: 'span-2' }, field('allowed_ips', controls.allowed_ips,
          'Optional. CIDR blocks the agent may connect from, for example 10.0.0.0/8, 2001:db8::/32 (at most 50). Empty: any address.')),
        h('div', { class: 'span-2' }, field('integration_notes', controls.integration_notes)),
        h('div', { class: 'span-2 stack' }, credentialChoice, keyFields));

      const values = () => {
        const body = {};
        for (const [key, control] of Object.entries(controls)) {
          if (key === 'allowed_ips') {
            const blocks = networkList(control.value);
            if (blocks.length) body[key] = blocks;
            continue;
          }
          const value = key === 'agent_type' ? snakeCase(control.value, true) : control.value.trim();
          if (value) body[key] = value;
        }
        if (usesKeys()) {
          body.credential_type = 'private_key_jwt';
          if (keySource() === 'jwks') {
            const parsed = parseJwks(keyControls.jwks.value);
            if (parsed.set) body.jwks = parsed.set;
          } else if (keyControls.jwks_uri.value.trim()) {
            body.jwks_uri = keyControls.jwks_uri.value.trim();
          }
          if (keyControls.accept_token_endpoint_audience.checked) body.accept_token_endpoint_audience = true;
        }
        return body;
      };

      /** Every field that will be sent, in the form's order; a left-empty pass ID and networks say what they mean. */
      const review = () => {
        const body = values();
        const shown = (key, value) => {
          if (key === 'agent_type' || key === 'permissions' || key === 'scopes' || key === 'pass_id') return h('span', { class: 'mono' }, value);
          if (key === 'allowed_ips') return h('span', { class: 'mono' }, value.join(', '));
          if (key === 'credential_type') return value === 'private_key_jwt' ? 'Public keys (private_key_jwt), no client secret' : 'Client secret';
          if (key === 'jwks') return `${value.keys.length} public key${value.keys.length === 1 ? '' : 's'}`;
          if (key === 'jwks_uri') return h('span', { class: 'mono' }, value);
          if (key === 'accept_token_endpoint_audience') return 'Accepted';
          if (key === 'access_level' || key === 'usage_type') return humanize(value);
          return value;
        };
        const rows = Object.keys(LABELS).map((key) => {
          if (body[key] !== undefined) return [key, shown(key, body[key])];
          if (key === 'pass_id') return [key, 'Auto-generated'];
          if (key === 'allowed_ips') return [key, 'Any address'];
          return null;
        }).filter(Boolean);
        return h('dl', { class: 'review', id: 'create-review' }, rows.map(([key, value]) => h('div', { class: 'review-row', dataset: { field: key } },
          h('dt', {}, LABELS[key]), h('dd', {}, value))));
      };

      const nav = (...buttons) => h('div', { class: 'dialog-actions' }, buttons);
      const back = () => h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => show(step - 1) }, 'Back');
      const cancel = () => h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => close(undefined) }, 'Cancel');

      function checkIdentity() {
        const nameProblem = agentNameProblem(name.value);
        const typeProblem = snakeCase(type.value, true) ? '' : 'Agent type is required.';
        setFieldError(panel, 'agent_name', nameProblem);
        setFieldError(panel, 'agent_type', typeProblem);
        if (nameProblem) name.focus(); else if (typeProblem) type.focus();
        return !nameProblem && !typeProblem;
      }

      function checkSecurity() {
        const from = controls.valid_from.value;
        const until = controls.valid_until.value;
        const problem = from && until && until <= from ? 'Must be after the start date.' : '';
        setFieldError(panel, 'valid_until', problem);
        let keyProblem = '';
        if (usesKeys() && keySource() === 'jwks') {
          keyProblem = parseJwks(keyControls.jwks.value).problem || '';
          setFieldError(panel, 'jwks', keyProblem);
        } else if (usesKeys()) {
          keyProblem = keyControls.jwks_uri.value.trim() ? '' : 'Give the https address of the agent\'s JWK set.';
          setFieldError(panel, 'jwks_uri', keyProblem);
        }
        if (problem) controls.valid_until.focus();
        else if (keyProblem) (keySource() === 'jwks' ? keyControls.jwks : keyControls.jwks_uri).focus();
        return !problem && !keyProblem;
      }

      async function submit(button) {
        await busy(button, async () => {
          try {
            const reply = await api.createPass(project, values());
            created = reply;
            show(3);
          } catch (error) {
            const fields = (error.errors || []).map((problem) => problem.field);
            const target = fields.length ? Math.min(...fields.map((f) => STEP_OF_FIELD[f] ?? 1)) : 2;
            show(target);
            area.show(error, { fieldLabels: LABELS });
            const messages = {};
            (error.errors || []).forEach((problem) => {
              const message = readable(problem.message, LABELS);
              messages[problem.field] = messages[problem.field] ? `${messages[problem.field]} ${message}` : message;
            });
            Object.entries(messages).forEach(([name, message]) => setFieldError(panel, name, message));
            focus(panel.querySelector('[aria-invalid=true]') || panel.querySelector('input, select, textarea'));
          }
        });
      }

      function show(next) {
        step = next;
        if (next !== 2 || !created) area.reset();
        stepper.querySelectorAll('li').forEach((item, index) => {
          item.classList.toggle('done', index < step);
          if (index === step) item.setAttribute('aria-current', 'step'); else item.removeAttribute('aria-current');
        });
        const form = h('form', { class: 'stack', novalidate: true, 'aria-label': STEPS[step] });
        if (step === 0) {
          form.append(...identity(), nav(cancel(), h('button', { type: 'submit', class: 'btn btn-primary' }, 'Next')));
          form.addEventListener('submit', (e) => { e.preventDefault(); if (checkIdentity()) show(1); });
        } else if (step === 1) {
          form.append(security(), nav(back(), h('button', { type: 'submit', class: 'btn btn-primary' }, 'Next: Review')));
          form.addEventListener('submit', (e) => { e.preventDefault(); if (checkSecurity()) show(2); });
        } else if (step === 2) {
          const create = h('button', { type: 'submit', class: 'btn btn-primary', id: 'create-submit' }, 'Create Agent & Pass');
          form.append(h('p', { class: 'muted' }, 'The agent user and its pass are created together, in one operation.'),
            review(), nav(back(), create));
          form.addEventListener('submit', (e) => { e.preventDefault(); submit(create); });
        } else {
          heading.textContent = 'Your credentials';
          const complete = h('button', { type: 'submit', class: 'btn btn-primary', id: 'create-complete' }, 'Complete');
          const keyPass = !created.credentials.client_secret;
          form.append(h('p', {}, 'Pass ', h('strong', { class: 'mono', id: 'created-pass-id' }, created.pass.pass_id),
            ' is active. ', keyPass ? 'Configure ' : 'Give these credentials to ', h('strong', {}, created.pass.agent_name),
            keyPass ? ' with this client ID and its private key.' : '.'),
            keyPass ? keyCredentialsBlock(created.pass) : credentialsBlock(created.credentials), nav(complete));
          form.addEventListener('submit', (e) => { e.preventDefault(); close(created.pass); });
        }
        clear(panel, form);
        const first = step === 3 ? heading : panel.querySelector('[aria-invalid=true]') || panel.querySelector('input, select, textarea, button[type=submit]');
        focus(first);
      }

      queueMicrotask(() => show(0));
      return h('div', { class: 'stack' }, stepper, area, panel);
    },
    initialFocus: () => null,
  });
}

