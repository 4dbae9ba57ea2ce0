// Permissions tab (read-only): the breakdown, the access profile, capabilities and the validity period.
import { api } from './api.js';
import { h, clear, formatDate, daysUntil, humanize } from './dom.js';
import { loading } from './ui.js';

const PROFILES = {
  standard: { tone: 'green', text: 'Only read and write permissions.' },
  elevated: { tone: 'red', text: 'Includes an administrative permission (admin, manage, delete, owner) or a wildcard.' },
  custom: { tone: 'blue', text: 'Includes permissions other than read and write, none of them administrative.' },
};

export function permissionsTab(context) {
  const element = h('div', { class: 'stack-lg' }, loading('Loading permissions…'));
  api.permissions(context.passId).then((view) => clear(element,
    h('div', { class: 'grid-2' },
      h('section', { class: 'card', 'aria-labelledby': 'breakdown-title' },
        h('h2', { id: 'breakdown-title' }, 'Permissions'),
        h('ul', { class: 'permission-list', id: 'permission-list' }, view.permissions.map((entry) =>
          h('li', {}, h('span', { class: 'permission-label' }, entry.label), h('code', {}, entry.permission))))),
      h('div', { class: 'stack-lg' },
        profileCard(view),
        validityCard(view),
        networkCard(view))),
    h('section', { class: 'card', 'aria-labelledby': 'all-capabilities-title' },
      h('h2', { id: 'all-capabilities-title' }, 'Capabilities'),
      h('ul', { class: 'chips' }, view.capabilities.map((name) => h('li', { class: 'chip' }, name)))),
    h('p', { class: 'muted small' }, 'Permissions are read-only. To change them, create a new pass with the access you need and delete this one.'),
  )).catch((error) => { clear(element); context.showError(error); });
  return { element };
}

function profileCard(view) {
  const profile = PROFILES[view.access_profile] || PROFILES.custom;
  return h('section', { class: 'card', 'aria-labelledby': 'profile-title' },
    h('h2', { id: 'profile-title' }, 'Access profile'),
    h('p', { class: `profile tone-${profile.tone}`, id: 'access-profile' },
      h('span', { class: 'indicator', 'aria-hidden': 'true' }), humanize(view.access_profile)),
    h('p', { class: 'muted small' }, profile.text),
    h('p', { class: 'small' }, 'Access level: ', h('strong', {}, humanize(view.access_level))));
}

function networkCard(view) {
  const bound = view.allowed_ips && view.allowed_ips.length;
  return h('section', { class: 'card', 'aria-labelledby': 'networks-title' },
    h('h2', { id: 'networks-title' }, 'Allowed networks'),
    bound
      ? h('ul', { class: 'chips', id: 'permissions-allowed-networks' }, view.allowed_ips.map((block) => h('li', { class: 'chip mono' }, block)))
      : h('p', { id: 'permissions-allowed-networks' }, 'Any address'),
    h('p', { class: 'muted small' }, bound
      ? 'Clients outside these networks are refused at the token endpoint, and their tokens at the guard. Change them in Settings.'
      : 'The pass may be used from any address. Bind it to networks in Settings.'));
}

function validityCard(view) {
  const days = daysUntil(view.valid_until);
  const notice = {
    expired: h('div', { class: 'alert alert-error', id: 'validity-notice' }, `This pass expired on ${formatDate(view.valid_until)}. It rejects every authentication.`),
    expiring_soon: h('div', { class: 'alert alert-warning', id: 'validity-notice' },
      `This pass expires in ${Math.max(days, 0)} day${days === 1 ? '' : 's'}. Create a replacement before ${formatDate(view.valid_until)}.`),
    not_yet_valid: h('div', { class: 'alert alert-info', id: 'validity-notice' }, `This pass becomes valid on ${formatDate(view.valid_from)}.`),
  }[view.validity_state] || h('p', { class: 'muted small', id: 'validity-notice' }, `${days} days left.`);
  return h('section', { class: 'card', 'aria-labelledby': 'validity-title' },
    h('h2', { id: 'validity-title' }, 'Validity period'),
    h('dl', { class: 'facts facts-inline' },
      h('div', { class: 'fact' }, h('dt', {}, 'Valid from'), h('dd', {}, formatDate(view.valid_from))),
      h('div', { class: 'fact' }, h('dt', {}, 'Valid until'), h('dd', {}, formatDate(view.valid_until)))),
    notice);
}
