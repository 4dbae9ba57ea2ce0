// Overview tab: the four stat cards, how to get a first token (while the pass was never used), the pass facts,
// Regenerate Credentials and Deactivate / Activate.
import { api, session } from './api.js';
import { h, clear, formatDate, formatTime, formatAgo, formatNumber, formatPercent, formatMs, humanize } from './dom.js';
import { statusBadge, copyButton, credentialsBlock, tokenRequest, busy, openDialog, messageArea, announce, confirmDialog, confirmSecretCopied } from './ui.js';
import { successTone, SUCCESS_WORDS } from './metrics.js';
import { keySummary } from './keys.js';

export function overviewTab(context, body) {
  const facts = h('dl', { class: 'facts', id: 'pass-facts' });
  const capabilities = h('ul', { class: 'chips', 'aria-label': 'Capabilities' });
  const cards = h('div', { class: 'cards' });
  const regenerate = h('button', { type: 'button', class: 'btn btn-secondary', id: 'regenerate' }, 'Regenerate Credentials');
  // one button whose words say what it does: Deactivate an active pass, Activate an inactive or revoked one
  const toggle = h('button', { type: 'button', class: 'btn btn-secondary', id: 'toggle-status' }, 'Deactivate');
  const firstToken = h('div', {});
  const secretNote = h('p', { class: 'muted small', id: 'credential-note' });
  const actions = h('section', { class: 'card', 'aria-labelledby': 'actions-title', id: 'pass-actions' },
    h('h2', { id: 'actions-title' }, 'Actions'),
    secretNote,
    h('div', { class: 'button-row' }, regenerate, toggle));

  function show(pass, stats) {
    current = pass;
    // a viewer is offered no action at all: the card of buttons goes with them
    actions.hidden = !session.canWrite(pass.project);
    // a key pass has no secret to regenerate: its keys change on the Settings tab
    const keyPass = pass.credential_type === 'private_key_jwt';
    regenerate.hidden = keyPass;
    secretNote.textContent = keyPass ? 'This pass authenticates with its public keys (private_key_jwt): it has no client '
      + 'secret. Add, replace or remove keys on the Settings tab.' : 'The client secret is never shown again after creation. Regenerate to issue a new one.';
    if (stats) {
      clear(cards, statCards(stats));
      clear(firstToken, neverUsed(stats) && pass.credential_type !== 'private_key_jwt' ? firstTokenCard(pass) : null);
    }
    const row = (term, value, extra) => h('div', { class: 'fact' }, h('dt', {}, term), h('dd', {}, value, extra));
    clear(facts,
      row('Pass ID', h('span', { class: 'mono' }, pass.pass_id)),
      row('Client ID', h('span', { class: 'mono', id: 'client-id' }, pass.client_id), copyButton(() => pass.client_id, 'Copy client ID')),
      row('Status', statusBadge(pass)),
      row('Created', formatDate(pass.created_at)),
      row('Expires', formatDate(pass.valid_until)),
      row('Agent type', h('span', { class: 'mono' }, pass.agent_type)),
      row('Organization', pass.organization || '—'),
      row('Usage type', humanize(pass.usage_type)),
      row('Access level', humanize(pass.access_level)),
      row('Audiences', (pass.allowed_audiences || []).length
        ? h('ul', { class: 'audience-list mono', id: 'pass-audiences' }, pass.allowed_audiences.map((uri) => h('li', {}, uri)))
        : h('span', { id: 'pass-audiences' }, 'Server default')),
      row('Allowed networks', networks(pass.allowed_ips)),
      pass.credential_type === 'private_key_jwt' ? row('Keys', keySummary(pass)) : null,
      pass.description ? row('Description', pass.description) : null);
    toggle.textContent = pass.status === 'active' ? 'Deactivate' : 'Activate';
    toggle.className = pass.status === 'active' ? 'btn btn-secondary' : 'btn btn-primary';
    context.showPass(pass);
  }

  api.permissions(context.passId)
    .then((permissions) => clear(capabilities, permissions.capabilities.map((name) => h('li', { class: 'chip' }, name))))
    .catch(context.showError);

  let current = body.pass;
  toggle.addEventListener('click', async () => {
    const deactivating = current.status === 'active';
    if (deactivating && !await confirmDialog({
      title: `Deactivate ${current.pass_id}?`,
      message: [h('p', {}, `${current.agent_name} can no longer get access tokens, and every token it holds stops being `
        + 'accepted at once.'), h('p', {}, 'Turning the pass on again lets it authenticate again, but the tokens ended now stay invalid.')],
      confirmLabel: 'Deactivate pass',
      danger: true,
    })) return;
    await busy(toggle, async () => {
      try {
        context.clearError();
        // Activate is explicit (it also ends a revocation); Deactivate toggles, only after checking the pass is still on
        const fresh = deactivating ? (await api.overview(context.passId)).pass : current;
        const reply = !deactivating ? await api.activate(context.passId)
          : fresh.status === 'active' ? await api.toggle(context.passId) : { pass: fresh };
        show(reply.pass);
        announce(reply.pass.status === 'active' ? 'The pass is active' : 'The pass is inactive: it rejects every authentication');
      } catch (error) {
        context.showError(error);
      }
    });
  });
  regenerate.addEventListener('click', () => regenerateFlow(context, show));

  show(body.pass, body.stats);
  return {
    element: h('div', { class: 'stack-lg' },
      cards,
      firstToken,
      h('div', { class: 'grid-sidebar' },
        h('section', { class: 'card', 'aria-labelledby': 'details-title' },
          h('h2', { id: 'details-title' }, 'Pass details'), facts),
        h('div', { class: 'stack-lg' },
          h('section', { class: 'card', 'aria-labelledby': 'capabilities-title' },
            h('h2', { id: 'capabilities-title' }, 'Capabilities'), capabilities),
          actions))),
  };
}

/** The networks a pass may be used from, or that any address may use it. */
export function networks(allowedIps) {
  return allowedIps && allowedIps.length
    ? h('span', { class: 'mono', id: 'allowed-networks' }, allowedIps.join(', '))
    : h('span', { id: 'allowed-networks' }, 'Any address');
}

const neverUsed = (stats) => !(stats.total_requests > 0) && !stats.last_used;

/** While a pass was never used: where and how its agent gets an access token, ready to paste. */
function firstTokenCard(pass) {
  return h('section', { class: 'card', 'aria-labelledby': 'first-token-title', id: 'first-token' },
    h('h2', { id: 'first-token-title' }, 'Get a first access token'),
    h('p', { class: 'muted small' }, 'This pass has not been used yet. Its agent asks the token endpoint for an access ',
      'token with its client ID and secret (the OAuth client credentials grant):'),
    tokenRequest(pass.client_id, { secretNote: 'Set SENTINEL_CLIENT_SECRET to the client secret shown when the pass was '
      + 'created or its credentials were regenerated; it cannot be shown here.' }));
}

function statCards(stats) {
  const card = (label, value, options = {}) => h('div', { class: `stat ${options.tone ? `tone-${options.tone}` : ''}` },
    h('p', { class: 'stat-label' }, options.indicator ? h('span', { class: 'indicator', 'aria-hidden': 'true' }) : null, label),
    h('p', { class: 'stat-value', dataset: { stat: options.key }, title: options.title }, value),
    options.note ? h('p', { class: 'stat-note muted' }, options.note) : null);
  const used = stats.total_requests > 0;
  return [
    card('Total requests', formatNumber(stats.total_requests), { key: 'total_requests' }),
    card('Success rate', used ? formatPercent(stats.success_rate) : '—', { key: 'success_rate', indicator: true,
      tone: successTone(stats.success_rate, stats.total_requests), title: SUCCESS_WORDS[successTone(stats.success_rate, stats.total_requests)] }),
    card('Average latency', used ? formatMs(stats.avg_latency_ms) : '—', { key: 'avg_latency_ms' }),
    card('Last used', stats.last_used ? h('time', { datetime: stats.last_used }, formatAgo(stats.last_used)) : 'Never',
      { key: 'last_used', title: stats.last_used ? formatTime(stats.last_used) : undefined,
        note: stats.last_used ? formatTime(stats.last_used) : undefined }),
  ];
}

function regenerateFlow(context, show) {
  let shown = false;
  return openDialog({
    title: 'Regenerate credentials',
    className: 'dialog-wide',
    onCancel: async (close) => {
      if (!shown || await confirmSecretCopied()) close();
    },
    build: (close) => {
      const area = messageArea();
      const grace = h('select', { id: 'grace-period', name: 'grace_period' },
        h('option', { value: '' }, 'Immediately'),
        h('option', { value: 'PT1H' }, 'After 1 hour'),
        h('option', { value: 'P1D' }, 'After 24 hours'),
        h('option', { value: 'P7D' }, 'After 7 days'));
      const confirm = h('button', { type: 'submit', class: 'btn btn-primary', id: 'regenerate-confirm' }, 'Regenerate');
      const body = h('div', {});
      const form = h('form', { class: 'stack' },
        h('p', {}, 'A new client secret is issued and shown once. Update every service that uses the current secret.'),
        h('div', { class: 'field' }, h('label', { for: 'grace-period' }, 'The current secret stops working'), grace,
          h('p', { class: 'hint' }, 'A grace period lets you roll the new secret out without downtime.')),
        area,
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => close() }, 'Cancel'), confirm));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        busy(confirm, async () => {
          try {
            const reply = await api.regenerate(context.passId, grace.value ? { grace_period: grace.value } : undefined);
            show(reply.pass);
            shown = true;
            const done = h('button', { type: 'button', class: 'btn btn-primary', id: 'regenerate-done', onclick: () => close() }, 'Done');
            clear(body,
              reply.previous_secret_valid_until
                ? h('p', {}, `The previous secret keeps working until ${formatTime(reply.previous_secret_valid_until)}.`)
                : h('p', {}, 'The previous secret no longer works.'),
              credentialsBlock(reply.credentials),
              h('div', { class: 'dialog-actions' }, done));
            done.focus();
          } catch (error) {
            area.show(error);
          }
        });
      });
      body.append(form);
      return body;
    },
    initialFocus: (dialog) => dialog.querySelector('#grace-period'),
  });
}
