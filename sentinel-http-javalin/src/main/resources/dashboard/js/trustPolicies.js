// The trust policies of one project (workload identity federation): which workloads' platform tokens stand for which
// pass. Viewers read them; admins create them from a preset or by hand, and delete them. Every change is audited.
import { api, session } from './api.js';
import { h, clear, uid, formatTime } from './dom.js';
import { messageArea, loading, busy, confirmDialog, announce, readable } from './ui.js';
import { parseJwks } from './keys.js';

/**
 * The platforms whose identity tokens a preset describes: the issuer (when it is the same everywhere) and the claim
 * each workload field is matched against, as the platforms document their tokens (GitHub Actions OIDC token,
 * GitLab CI id_tokens, Kubernetes projected service-account token, SPIFFE JWT-SVID).
 */
export const PRESETS = {
  'github-actions': { label: 'GitHub Actions', issuer: 'https://token.actions.githubusercontent.com', fields: [
    { name: 'repository', label: 'Repository', pointer: '/repository', placeholder: 'owner/repo', required: true },
    { name: 'ref', label: 'Ref', pointer: '/ref', placeholder: 'refs/heads/main (optional)' },
    { name: 'environment', label: 'Environment', pointer: '/environment', placeholder: 'production (optional)' }] },
  'gitlab-ci': { label: 'GitLab CI', issuer: 'https://gitlab.com', fields: [
    { name: 'project_path', label: 'Project path', pointer: '/project_path', placeholder: 'group/project', required: true },
    { name: 'ref', label: 'Branch or tag', pointer: '/ref', placeholder: 'main (optional)' },
    { name: 'environment', label: 'Environment', pointer: '/environment', placeholder: 'production (optional)' }] },
  kubernetes: { label: 'Kubernetes service account', issuer: '', fields: [
    { name: 'namespace', label: 'Namespace', pointer: '/kubernetes.io/namespace', placeholder: 'agents', required: true },
    { name: 'service_account', label: 'Service account', pointer: '/kubernetes.io/serviceaccount/name', placeholder: 'invoice-bot', required: true }] },
  spiffe: { label: 'SPIFFE JWT-SVID', issuer: '', fields: [
    { name: 'spiffe_id', label: 'SPIFFE ID', pointer: '/sub', placeholder: 'spiffe://example.org/ns/prod/sa/agent', required: true }] },
};

const LABELS = { issuer: 'Issuer', audience: 'Audience', conditions: 'Conditions', max_token_age: 'Maximum token age',
  pass_id: 'Pass', jwks_uri: 'Key set URL', jwks: 'Static keys', description: 'Description', project: 'Project' };

/** `/pointer=value` lines as an object; `{ problem }` names the first malformed line. */
export function conditionLines(text) {
  const conditions = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const equals = line.indexOf('=');
    if (!line.startsWith('/') || equals < 2) return { problem: `Write each condition as /claim=value (got "${line}").` };
    conditions[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return { conditions };
}

export function trustPoliciesView(project) {
  const area = messageArea();
  const list = h('div', { id: 'trust-policy-list' }, loading('Loading trust policies…'));
  const writer = session.canWrite(project);
  let passes = [];

  async function load() {
    try {
      // both lists answer {items, total}; a viewer is offered no form, so needs no passes to choose from
      const [body, passList] = await Promise.all([api.trustPolicies(project), writer ? api.listPasses(project) : { items: [] }]);
      passes = passList.items;
      const policies = body.items;
      clear(list, policies.length ? table(policies) : h('p', { class: 'empty-row muted', id: 'trust-policies-none' },
        'No trust policies yet. A policy lets a workload trade its platform\'s identity token for a pass\'s access token, with no secret stored.'));
      if (writer) clear(formSlot, createForm());
    } catch (error) {
      clear(list);
      area.show(error);
    }
  }

  function table(policies) {
    return h('table', { class: 'table responsive-table', id: 'trust-policies-table' },
      h('caption', { class: 'visually-hidden' }, `Trust policies of project ${project}`),
      h('thead', {}, h('tr', {}, ['Policy', 'Pass', 'Issuer', 'Conditions', 'Audience', 'Max age', 'Created', writer ? 'Actions' : null]
        .filter(Boolean).map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, policies.map((policy) => h('tr', { dataset: { policyId: policy.id } },
        h('td', { dataset: { label: 'Policy' }, class: 'mono' }, policy.id,
          policy.description ? h('div', { class: 'muted small' }, policy.description) : null),
        h('td', { dataset: { label: 'Pass' } }, h('a', { class: 'mono', href: `#/passes/${encodeURIComponent(policy.pass_id)}/overview` }, policy.pass_id)),
        h('td', { dataset: { label: 'Issuer' }, class: 'mono break' }, policy.issuer,
          h('div', { class: 'muted small' }, policy.jwks_uri ? `keys: ${policy.jwks_uri}` : policy.jwks ? 'keys: static set' : 'keys: from discovery')),
        h('td', { dataset: { label: 'Conditions' } }, h('ul', { class: 'condition-list mono' },
          Object.entries(policy.conditions || {}).map(([pointer, value]) => h('li', {}, `${pointer} = ${value}`)))),
        h('td', { dataset: { label: 'Audience' }, class: 'mono break' }, policy.audience),
        h('td', { dataset: { label: 'Max age' } }, policy.max_token_age),
        h('td', { dataset: { label: 'Created' } }, formatTime(policy.created_at)),
        writer ? h('td', { dataset: { label: 'Actions' } }, deleteButton(policy)) : null))));
  }

  function deleteButton(policy) {
    const button = h('button', { type: 'button', class: 'btn btn-small btn-danger', dataset: { role: 'delete-policy' },
      'aria-label': `Delete trust policy ${policy.id}` }, 'Delete');
    button.addEventListener('click', async () => {
      if (!await confirmDialog({
        title: `Delete ${policy.id}?`,
        message: `Tokens of ${policy.issuer} stop standing for ${policy.pass_id} through this policy. Access tokens already issued live on until they expire.`,
        confirmLabel: 'Delete policy',
        danger: true,
      })) return;
      await busy(button, async () => {
        try {
          area.reset();
          await api.deleteTrustPolicy(policy.id);
          announce(`Trust policy ${policy.id} was deleted`);
          await load();
          document.getElementById('trust-policies-title')?.focus();
        } catch (error) {
          area.show(error);
        }
      });
    });
    return button;
  }

  const formSlot = h('div', {});

  function createForm() {
    const control = (name, attrs = {}) => h('input', { id: uid(`tp-${name}`), name, type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
    const wrap = (name, label, input, hint) => h('div', { class: 'field', dataset: { field: name } },
      h('label', { for: input.id }, label), input, hint ? h('p', { class: 'hint' }, hint) : null, h('p', { class: 'field-error' }));
    const preset = h('select', { id: uid('tp-preset'), name: 'preset' },
      h('option', { value: '' }, 'Custom'),
      Object.entries(PRESETS).map(([value, spec]) => h('option', { value }, spec.label)));
    const presetFields = h('div', { class: 'grid-2', id: 'preset-fields' });
    const presetInputs = {};
    const issuer = control('issuer', { type: 'url', placeholder: 'https://issuer.example.com' });
    const audience = control('audience', { placeholder: 'Sentinel\'s issuer (default)' });
    const conditions = h('textarea', { id: uid('tp-conditions'), name: 'conditions', rows: 3, spellcheck: 'false',
      placeholder: '/ref=refs/heads/main' });
    const maxAge = control('max_token_age', { placeholder: '1h' });
    const pass = h('select', { id: uid('tp-pass'), name: 'pass_id' },
      h('option', { value: '' }, 'Choose a pass'), passes.map((p) => h('option', { value: p.pass_id }, `${p.agent_name} (${p.pass_id})`)));
    const jwksUri = control('jwks_uri', { type: 'url', placeholder: 'Optional: where the issuer\'s keys are, when not at its discovery' });
    const jwks = h('textarea', { id: uid('tp-jwks'), name: 'jwks', rows: 3, spellcheck: 'false',
      placeholder: 'Optional: the issuer\'s public keys as a JWK set, for an issuer Sentinel cannot reach' });
    const description = control('description', { placeholder: 'Optional' });

    const showPreset = () => {
      const spec = PRESETS[preset.value];
      Object.keys(presetInputs).forEach((key) => delete presetInputs[key]);
      clear(presetFields, spec ? spec.fields.map((f) => {
        const input = control(f.name, { placeholder: f.placeholder, required: Boolean(f.required) });
        presetInputs[f.name] = { input, spec: f };
        return wrap(f.name, f.label, input, `Matched against the claim ${f.pointer}.`);
      }) : null);
      if (spec) issuer.value = spec.issuer;
    };
    preset.addEventListener('change', showPreset);

    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'create-trust-policy' }, 'Create trust policy');
    const formArea = messageArea();
    const form = h('form', { class: 'stack', novalidate: true, 'aria-label': 'New trust policy', id: 'trust-policy-form' },
      wrap('preset', 'Platform', preset, 'A preset fills in the issuer and the claims that name the workload.'),
      presetFields,
      h('div', { class: 'grid-2' },
        wrap('issuer', 'Issuer (https)', issuer),
        wrap('pass_id', 'Pass', pass, 'The pass of this project whose token a matching workload gets.'),
        wrap('audience', 'Audience', audience, 'The aud the workload requests for its token. Default: Sentinel\'s issuer.'),
        wrap('max_token_age', 'Maximum token age', maxAge, 'How old a token may be, e.g. 10m (1 minute to 24 hours). Default: 1h.')),
      wrap('conditions', 'More conditions', conditions, 'One per line: a JSON Pointer, =, and the exact value or a * glob.'),
      h('div', { class: 'grid-2' }, wrap('jwks_uri', 'Key set URL', jwksUri), wrap('jwks', 'Static keys', jwks)),
      wrap('description', 'Description', description),
      formArea,
      h('div', { class: 'button-row' }, submit));

    const setError = (name, message) => {
      const slot = form.querySelector(`[data-field="${name}"]`);
      if (!slot) return false;
      slot.querySelector('.field-error').textContent = message || '';
      slot.querySelector('input, select, textarea').setAttribute('aria-invalid', message ? 'true' : 'false');
      return true;
    };

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      form.querySelectorAll('.field-error').forEach((slot) => { slot.textContent = ''; });
      formArea.reset();
      const problems = {};
      const body = {};
      const all = {};
      for (const { input, spec } of Object.values(presetInputs)) {
        if (input.value.trim()) all[spec.pointer] = input.value.trim();
        else if (spec.required) problems[spec.name] = `${spec.label} is required for this platform.`;
      }
      if (presetInputs.ref && preset.value === 'github-actions' && all['/ref'] && !all['/ref'].startsWith('refs/') && all['/ref'] !== '*') {
        problems.ref = 'GitHub\'s ref claim is the full ref, for example refs/heads/main or refs/tags/v1.';
      }
      const extra = conditionLines(conditions.value);
      if (extra.problem) problems.conditions = extra.problem;
      else Object.assign(all, extra.conditions);
      if (!issuer.value.trim()) problems.issuer = 'Issuer is required.';
      if (!pass.value) problems.pass_id = 'Choose the pass.';
      if (jwks.value.trim()) {
        const parsed = parseJwks(jwks.value);
        if (parsed.problem) problems.jwks = parsed.problem; else body.jwks = parsed.set;
      }
      if (Object.keys(problems).length) {
        Object.entries(problems).forEach(([name, message]) => setError(name, message));
        form.querySelector('[aria-invalid=true]')?.focus();
        return;
      }
      body.issuer = issuer.value.trim();
      body.conditions = all;
      body.pass_id = pass.value;
      if (audience.value.trim()) body.audience = audience.value.trim();
      if (maxAge.value.trim()) body.max_token_age = maxAge.value.trim();
      if (jwksUri.value.trim()) body.jwks_uri = jwksUri.value.trim();
      if (description.value.trim()) body.description = description.value.trim();
      busy(submit, async () => {
        try {
          const created = await api.createTrustPolicy(project, body);
          announce(`Trust policy ${created.id} was created`);
          await load();
          list.querySelector(`tr[data-policy-id="${CSS.escape(created.id)}"] td`)?.setAttribute('tabindex', '-1');
          list.querySelector(`tr[data-policy-id="${CSS.escape(created.id)}"] td`)?.focus();
        } catch (error) {
          formArea.show(error, { fieldLabels: LABELS });
          (error.errors || []).forEach((problem) => setError(problem.field, readable(problem.message, LABELS)));
          form.querySelector('[aria-invalid=true]')?.focus();
        }
      });
    });
    return h('section', { class: 'card', 'aria-labelledby': 'new-trust-policy-title' },
      h('h2', { id: 'new-trust-policy-title' }, 'New trust policy'), form);
  }

  load();
  return {
    element: h('section', { class: 'page' },
      h('div', { class: 'page-head' },
        h('div', {},
          h('p', { class: 'eyebrow' }, h('a', { href: '#/projects' }, 'Projects'), ' / ',
            h('a', { class: 'mono', href: `#/projects/${encodeURIComponent(project)}`, id: 'trust-project' }, project)),
          h('h1', { id: 'trust-policies-title', tabindex: '-1' }, 'Trust policies'))),
      h('p', { class: 'muted' }, 'A workload (a GitHub Actions job, a Kubernetes pod, a SPIFFE workload…) trades its platform\'s identity '
        + 'token for an access token of the pass a matching policy names: no secret is stored anywhere.'),
      writer ? null : h('p', { class: 'muted', id: 'trust-read-only' }, 'You can read these policies; changing them needs the role admin in this project.'),
      area, list, formSlot),
  };
}
