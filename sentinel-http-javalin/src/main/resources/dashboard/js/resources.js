// The registered resources of one project: the resource servers (MCP servers, APIs) its passes and people may ask
// tokens for, each with the scopes it understands and the least project role a person needs to grant each. Viewers
// read them; admins register them, change their name and scopes, and delete them. Every change is audited. The server
// holds every rule: the form sends what is typed and shows each refused rule under its field.
import { api, session } from './api.js';
import { h, clear, uid, formatTime } from './dom.js';
import { messageArea, loading, busy, confirmDialog, announce, readable, openDialog } from './ui.js';

const ROLES = [['viewer', 'Viewer'], ['admin', 'Admin']];
const LABELS = { resource: 'Resource URL', name: 'Name', scopes: 'Scopes', project: 'Project', min_role: 'Least role' };
const PARTS = { name: 'name', description: 'description', min_role: 'least role' };

/** The screen's words for an API field: `scopes[1].description` → "Scope 2 description". */
export function fieldLabel(field) {
  const scope = /^scopes\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (scope) return `Scope ${Number(scope[1]) + 1}${scope[2] ? ` ${PARTS[scope[2]] || scope[2]}` : ''}`;
  return LABELS[field] || field;
}

export function resourcesView(project) {
  const area = messageArea();
  const list = h('div', { id: 'resource-list' }, loading('Loading resources…'));
  const writer = session.canWrite(project);

  async function load() {
    try {
      const body = await api.resources(project);
      clear(list, body.items.length ? table(body.items) : h('p', { class: 'empty-row muted', id: 'resources-none' },
        'No resources registered yet. Register the MCP servers and APIs this project\'s passes may ask tokens for: '
        + 'a pass that lists no allowed audiences may then ask for any of them by its URL.'));
    } catch (error) {
      clear(list);
      area.show(error);
    }
  }

  function table(resources) {
    return h('table', { class: 'table responsive-table', id: 'resources-table' },
      h('caption', { class: 'visually-hidden' }, `Registered resources of project ${project}`),
      h('thead', {}, h('tr', {}, ['Resource', 'Scopes', 'Registered', writer ? 'Actions' : null]
        .filter(Boolean).map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, resources.map((resource) => h('tr', { dataset: { resourceId: resource.id } },
        h('td', { dataset: { label: 'Resource' } },
          h('div', { class: 'resource-name' }, resource.name),
          h('div', { class: 'mono break small', dataset: { role: 'identifier' } }, resource.resource)),
        h('td', { dataset: { label: 'Scopes' } }, resource.scopes.length
          ? h('ul', { class: 'scope-list' }, resource.scopes.map((scope) => h('li', { dataset: { scope: scope.name } },
            h('span', { class: 'mono' }, scope.name), ' ',
            h('span', { class: `badge ${scope.min_role === 'admin' ? 'badge-yellow' : 'badge-grey'}`,
              title: `A person needs the role ${scope.min_role} in this project to grant it` }, scope.min_role),
            h('div', { class: 'muted small' }, scope.description))))
          : h('span', { class: 'muted' }, 'None')),
        h('td', { dataset: { label: 'Registered' } }, formatTime(resource.created_at)),
        writer ? h('td', { dataset: { label: 'Actions' } }, h('div', { class: 'button-row' },
          editButton(resource), deleteButton(resource))) : null))));
  }

  function editButton(resource) {
    const button = h('button', { type: 'button', class: 'btn btn-small btn-secondary', dataset: { role: 'edit-resource' },
      'aria-label': `Edit resource ${resource.name}` }, 'Edit');
    button.addEventListener('click', async () => {
      area.reset();
      const changed = await openDialog({
        title: `Edit ${resource.name}`,
        className: 'dialog-wide',
        build: (close) => resourceForm({
          resource,
          id: 'resource-edit-form',
          submitLabel: 'Save changes',
          submitId: 'save-resource',
          // the identifier is what tokens name as their audience: a new URL is a new registration
          send: async (body) => close(await api.changeResource(resource.id, { name: body.name, scopes: body.scopes })),
          cancel: () => close(null),
        }),
      });
      if (!changed) return;
      announce(`Resource ${changed.name} was saved`);
      await load();
      list.querySelector(`tr[data-resource-id="${CSS.escape(changed.id)}"] [data-role=edit-resource]`)?.focus();
    });
    return button;
  }

  function deleteButton(resource) {
    const button = h('button', { type: 'button', class: 'btn btn-small btn-danger', dataset: { role: 'delete-resource' },
      'aria-label': `Delete resource ${resource.name}` }, 'Delete');
    button.addEventListener('click', async () => {
      if (!await confirmDialog({
        title: `Delete ${resource.name}?`,
        message: [h('p', {}, `Passes of ${project} can no longer ask tokens for ${resource.resource}, unless it is one of `
          + 'their allowed audiences.'), h('p', {}, 'Access tokens already issued for it live on until they expire.')],
        confirmLabel: 'Delete resource',
        danger: true,
      })) return;
      await busy(button, async () => {
        try {
          area.reset();
          await api.deleteResource(resource.id);
          announce(`Resource ${resource.name} was deleted`);
          await load();
          document.getElementById('resources-title')?.focus();
        } catch (error) {
          area.show(error);
        }
      });
    });
    return button;
  }

  function createCard() {
    const form = resourceForm({
      id: 'resource-form',
      submitLabel: 'Register resource',
      submitId: 'register-resource',
      send: async (body) => {
        const created = await api.createResource(project, body);
        announce(`Resource ${created.name} was registered`);
        form.startOver();
        await load();
        const cell = list.querySelector(`tr[data-resource-id="${CSS.escape(created.id)}"] td`);
        cell?.setAttribute('tabindex', '-1');
        cell?.focus();
      },
    });
    return h('section', { class: 'card', 'aria-labelledby': 'new-resource-title' },
      h('h2', { id: 'new-resource-title' }, 'Register a resource'), form);
  }

  load();
  return {
    element: h('section', { class: 'page' },
      h('div', { class: 'page-head' },
        h('div', {},
          h('p', { class: 'eyebrow' }, h('a', { href: '#/projects' }, 'Projects'), ' / ',
            h('a', { class: 'mono', href: `#/projects/${encodeURIComponent(project)}`, id: 'resources-project' }, project)),
          h('h1', { id: 'resources-title', tabindex: '-1' }, 'Resources'))),
      h('p', { class: 'muted' }, 'The resource servers (MCP servers, APIs) this project\'s passes and people may ask tokens '
        + 'for, by their URL (the RFC 8707 resource), with the scopes each understands. A pass that lists no allowed '
        + 'audiences may ask for any of them; a URL registered nowhere is refused.'),
      writer ? null : h('p', { class: 'muted', id: 'resources-read-only' },
        'You can read these resources; changing them needs the role admin in this project.'),
      area, list, writer ? createCard() : null),
  };
}

/**
 * The form of one resource: its URL (only when registering), its name and its scopes as rows. `send(body)` gets
 * {resource, name, scopes} as typed (trimmed; rows left wholly empty are not sent) and may throw the server's ApiError,
 * whose field problems are shown under their fields (`scopes[1].description` under the second sent row's description).
 */
function resourceForm({ resource, id, submitLabel, submitId, send, cancel }) {
  const control = (name, attrs = {}) => h('input', { id: uid(`rs-${name}`), name, type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
  const wrap = (field, label, input, hint) => h('div', { class: 'field', dataset: { field } },
    h('label', { for: input.id }, label), input, hint ? h('p', { class: 'hint' }, hint) : null, h('p', { class: 'field-error' }));
  const identifier = resource ? null : control('resource', { type: 'url', placeholder: 'https://tools.example.com/mcp' });
  const name = control('name', { placeholder: 'Tools', value: resource?.name || '' });
  const rows = h('div', { class: 'scope-rows' });
  const addScope = h('button', { type: 'button', class: 'btn btn-small btn-secondary', dataset: { role: 'add-scope' } }, 'Add scope');
  const scopes = h('fieldset', { class: 'scopes-fieldset', dataset: { field: 'scopes' } },
    h('legend', {}, 'Scopes'),
    h('p', { class: 'hint' }, 'What a client may ask to do, each with a description (shown on the consent page) and the '
      + 'least role in this project a person needs to grant it. A row left empty is not sent.'),
    rows, h('p', { class: 'field-error' }), h('div', {}, addScope));
  const formArea = messageArea();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: submitId }, submitLabel);
  const form = h('form', { class: 'stack', novalidate: true, id, 'aria-label': resource ? `Edit ${resource.name}` : 'Register a resource' },
    h('div', { class: 'grid-2' },
      identifier
        ? wrap('resource', 'Resource URL', identifier, 'The server\'s URL: what clients send as resource and tokens carry as aud.')
        : h('div', { class: 'field' }, h('p', { class: 'fact-term' }, 'Resource URL'), h('p', { class: 'mono break' }, resource.resource),
          h('p', { class: 'hint' }, 'A new URL is a new resource: register it and delete this one.')),
      wrap('name', 'Name', name, 'What people see, on the consent page too.')),
    scopes, formArea,
    h('div', { class: 'button-row' }, submit,
      cancel ? h('button', { type: 'button', class: 'btn btn-secondary', dataset: { role: 'cancel' }, onclick: cancel }, 'Cancel') : null));

  function scopeRow(scope = {}) {
    const scopeName = control('scope-name', { placeholder: 'tools:read', value: scope.name || '' });
    const description = control('scope-description', { spellcheck: 'true', placeholder: 'List the tools', value: scope.description || '' });
    const role = h('select', { id: uid('rs-scope-role'), name: 'scope-min-role' },
      ROLES.map(([value, label]) => h('option', { value, selected: value === (scope.min_role || 'viewer') }, label)));
    const part = (key, label, input) => h('div', { class: 'field', dataset: { part: key } },
      h('label', { for: input.id }, label), input, h('p', { class: 'field-error' }));
    const remove = h('button', { type: 'button', class: 'btn btn-small btn-ghost', dataset: { role: 'remove-scope' } }, 'Remove');
    const row = h('div', { class: 'scope-row', dataset: { role: 'scope-row' } },
      part('name', 'Scope', scopeName), part('description', 'Description', description),
      part('min_role', 'Least role to grant', role), remove);
    row.values = () => ({ name: scopeName.value.trim(), description: description.value.trim(), min_role: role.value });
    remove.addEventListener('click', () => {
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      numberRows();
      (next?.querySelector('input') || addScope).focus();
    });
    return row;
  }

  // each row says which scope it is, so a screen reader hears "Scope 2" and not three unnamed "Scope" fields
  function numberRows() {
    [...rows.children].forEach((row, index) => {
      row.setAttribute('aria-label', `Scope ${index + 1}`);
      row.setAttribute('role', 'group');
      row.querySelector('[data-role=remove-scope]').setAttribute('aria-label', `Remove scope ${index + 1}`);
    });
  }

  function fill(initial) {
    clear(rows, (initial.length ? initial : [{}]).map(scopeRow));
    numberRows();
  }

  addScope.addEventListener('click', () => {
    const row = scopeRow();
    rows.append(row);
    numberRows();
    row.querySelector('input').focus();
  });

  const setError = (field, message) => {
    const slot = form.querySelector(`[data-field="${CSS.escape(field)}"]`);
    if (!slot) return false;
    slot.querySelector(':scope > .field-error').textContent = message || '';
    // a rule of the whole list (such as its length) is shown under the list, marking no single field
    if (slot.matches('.field')) slot.querySelector('input, select, textarea')?.setAttribute('aria-invalid', message ? 'true' : 'false');
    return true;
  };

  const clearErrors = () => {
    form.querySelectorAll('.field-error').forEach((slot) => { slot.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
    formArea.reset();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors();
    const sent = [];
    [...rows.children].forEach((row) => {
      const values = row.values();
      const empty = !values.name && !values.description;
      row.querySelectorAll('[data-part]').forEach((part) => {
        if (empty) delete part.dataset.field; else part.dataset.field = `scopes[${sent.length}].${part.dataset.part}`;
      });
      if (!empty) sent.push(values);
    });
    const body = { name: name.value.trim(), scopes: sent };
    if (identifier) body.resource = identifier.value.trim();
    busy(submit, async () => {
      try {
        await send(body);
      } catch (error) {
        const labels = Object.fromEntries((error.errors || []).map((problem) => [problem.field, fieldLabel(problem.field)]));
        formArea.show(error, { fieldLabels: { ...LABELS, ...labels } });
        (error.errors || []).forEach((problem) => setError(problem.field, readable(problem.message, LABELS)));
        form.querySelector('[aria-invalid=true]')?.focus();
      }
    });
  });

  form.startOver = () => {
    clearErrors();
    if (identifier) identifier.value = '';
    name.value = resource?.name || '';
    fill(resource?.scopes || []);
  };
  fill(resource?.scopes || []);
  return form;
}
