// Settings tab: Revoke / Activate, and Delete behind a confirmation dialog.
import { api } from './api.js';
import { h, clear } from './dom.js';
import { busy, confirmDialog, announce } from './ui.js';

export function settingsTab(context, body) {
  const element = h('div', { class: 'stack-lg' });

  function show(pass) {
    context.showPass(pass);
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
