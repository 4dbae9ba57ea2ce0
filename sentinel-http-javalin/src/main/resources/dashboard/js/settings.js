// Settings tab: the keys of a private_key_jwt pass, the allowed networks, Revoke / Activate, and Delete behind a confirmation dialog.
import { api, session } from './api.js';
import { h, clear } from './dom.js';
import { networkList } from './create.js';
import { busy, confirmDialog, announce } from './ui.js';
import { keysSetting } from './keys.js';

export function settingsTab(context, body) {
  const element = h('div', { class: 'stack-lg' });

  function show(pass) {
    context.showPass(pass);
    if (!session.canWrite(pass.project)) {
      clear(element, h('p', { class: 'muted', id: 'read-only-note' }, 'You can read this pass; changing it needs the role admin in its project.'));
      return;
    }
    const revoked = pass.revoked || pass.status !== 'active';
    const stateButton = revoked
      ? h('button', { type: 'button', class: 'btn btn-primary', id: 'activate-pass' }, 'Activate')
      : h('button', { type: 'button', class: 'btn btn-warning', id: 'revoke-pass' }, 'Revoke');
    stateButton.addEventListener('click', async () => {
      if (!revoked && !await confirmDialog({
        title: `Revoke ${pass.pass_id}?`,
        message: [h('p', {}, `${pass.agent_name} can no longer authenticate, and every token issued to it stops being `
          + 'accepted at once.'), h('p', {}, 'The pass and its usage history are kept. Activating it later lets it '
          + 'authenticate again, but the tokens ended now stay invalid.')],
        confirmLabel: 'Revoke pass',
        danger: true,
      })) return;
      await busy(stateButton, async () => {
        try {
          context.clearError();
          const reply = revoked ? await api.activate(pass.pass_id) : await api.revoke(pass.pass_id);
          show(reply.pass);
          announce(revoked ? 'The pass is active again' : 'The pass is revoked');
          element.querySelector('#activate-pass, #revoke-pass')?.focus();
        } catch (error) {
          context.showError(error);
        }
      });
    });
    const remove = h('button', { type: 'button', class: 'btn btn-danger', id: 'delete-pass' }, 'Delete');
    remove.addEventListener('click', async () => {
      const sure = await confirmDialog({
        title: `Delete ${pass.pass_id}?`,
        message: `This permanently removes the pass, its agent user "${pass.agent_name}" and its metadata. It cannot be undone.`,
        confirmLabel: 'Delete permanently',
        danger: true,
      });
      if (!sure) return;
      await busy(remove, async () => {
        try {
          await api.remove(pass.pass_id);
          announce(`Pass ${pass.pass_id} was deleted`);
          context.navigate(`#/projects/${encodeURIComponent(pass.project)}`);
        } catch (error) {
          context.showError(error);
        }
      });
    });
    clear(element,
      pass.credential_type === 'private_key_jwt' ? keysSetting(pass, context, show) : null,
      networksSetting(pass, context, show),
      h('section', { class: 'card setting', 'aria-labelledby': 'state-title' },
        h('div', {},
          h('h2', { id: 'state-title' }, revoked ? 'Activate pass' : 'Revoke pass'),
          h('p', { class: 'muted' }, revoked
            ? 'The pass is inactive and rejects every authentication. Activate it to let its agent authenticate again.'
            : 'Revoking disables the pass at once: authentication fails and its tokens stop being accepted. The pass and its usage history are kept.')),
        stateButton),
      h('section', { class: 'card setting setting-danger', 'aria-labelledby': 'delete-title' },
        h('div', {},
          h('h2', { id: 'delete-title' }, 'Delete pass'),
          h('p', { class: 'muted' }, 'Permanently removes the pass and its linked agent user. This cannot be undone.')),
        remove));
  }

  show(body.pass);
  return { element };
}

/** Binds the pass to networks, or lets any address use it; a malformed block is shown under the field. */
function networksSetting(pass, context, show) {
  const input = h('textarea', { id: 'allowed-ips-input', name: 'allowed_ips', rows: 2, spellcheck: 'false',
    placeholder: 'Any address', 'aria-describedby': 'allowed-ips-hint allowed-ips-error' }, (pass.allowed_ips || []).join(', '));
  const error = h('p', { class: 'field-error', id: 'allowed-ips-error' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'save-allowed-ips' }, 'Save networks');
  const form = h('form', { class: 'stack', novalidate: true, 'aria-label': 'Allowed networks' },
    h('div', { class: 'field' },
      h('label', { for: 'allowed-ips-input' }, 'Allowed networks'), input,
      h('p', { class: 'hint', id: 'allowed-ips-hint' },
        'CIDR blocks separated by commas, for example 10.0.0.0/8, 2001:db8::/32. Empty: any address.'),
      error),
    h('div', { class: 'button-row' }, save));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(save, async () => {
      try {
        context.clearError();
        const reply = await api.setAllowedIps(pass.pass_id, networkList(input.value));
        show(reply.pass);
        const bound = reply.pass.allowed_ips.length;
        announce(bound ? `The pass may now be used from ${reply.pass.allowed_ips.join(', ')}` : 'The pass may now be used from any address');
        document.getElementById('save-allowed-ips')?.focus();
      } catch (failure) {
        const messages = (failure.errors || []).filter((problem) => problem.field === 'allowed_ips').map((problem) => problem.message);
        if (!messages.length) { context.showError(failure); return; }
        error.textContent = messages.join(' ');
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'networks-setting-title' },
    h('h2', { id: 'networks-setting-title' }, 'Allowed networks'),
    h('p', { class: 'muted' }, 'Clients outside these networks are refused at the token endpoint, and their tokens at the guard.'),
    form);
}
