// Sign-in (#/signin): email, password and the authenticator code; then, when the account must enrol a second factor,
// the enrolment (secret and otpauth link, confirm with a code, ten recovery codes shown once). A pasted admin token
// or access key stays possible for operators without an account.
import { api, session } from './api.js';
import { h, clear } from './dom.js';
import { messageArea, busy, copyButton } from './ui.js';

function field(id, label, attrs = {}, hint) {
  const input = h('input', { id, name: id, ...attrs });
  const children = [h('label', { for: id }, label), input];
  if (hint) children.push(h('p', { id: `${id}-hint`, class: 'hint' }, hint));
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  return { input, element: h('div', { class: 'field' }, ...children) };
}

export function signInView(onSignedIn) {
  const card = h('div', { class: 'card signin-card' });
  const area = messageArea();
  const email = field('signin-email', 'Email', { type: 'email', autocomplete: 'username', required: true, spellcheck: 'false' });
  const password = field('signin-password', 'Password', { type: 'password', autocomplete: 'current-password', required: true });
  const totp = field('signin-totp', 'Authenticator code', { type: 'text', autocomplete: 'one-time-code', inputmode: 'numeric',
    spellcheck: 'false' }, 'The 6-digit code of your authenticator app, or one of your recovery codes. Leave empty if you have not enrolled one.');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'signin-submit' }, 'Sign in');
  const form = h('form', { class: 'stack', novalidate: true, id: 'signin-form' }, area, email.element, password.element,
    totp.element, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!email.input.value.trim() || !password.input.value) {
      area.show({ detail: 'Enter your email and password to sign in' });
      (email.input.value.trim() ? password.input : email.input).focus();
      return;
    }
    busy(submit, async () => {
      try {
        const reply = await api.signIn(email.input.value.trim(), password.input.value, totp.input.value.trim());
        session.started(reply);
        password.input.value = '';
        if (reply.enrolment_required) clear(card, ...enrolment(onSignedIn));
        else onSignedIn();
      } catch (error) {
        if (error.status === 401 && error.errors.some((e) => e.field === 'totp')) {
          area.show({ detail: 'Enter the code of your authenticator app (or a recovery code)' });
          totp.input.focus();
        } else {
          area.show(error.status === 401 ? { detail: 'The email, password or code is wrong' } : error);
          password.input.focus();
        }
      }
    });
  });
  clear(card, h('div', { class: 'signin-mark', 'aria-hidden': 'true' }, '◆'), h('h1', {}, 'Sign in to Sentinel'),
    h('p', { class: 'muted' }, 'Machine credentials for your AI agents and automation.'), form, providers(),
    tokenForm(onSignedIn));
  return { element: h('section', { class: 'signin' }, card), focusTarget: email.input };
}

/** "Sign in with NAME" for each single sign-on provider the server offers (none: nothing is shown). */
function providers() {
  const slot = h('div', { class: 'stack', id: 'signin-providers' });
  fetch('/auth/providers', { headers: { Accept: 'application/json' } })
    .then((reply) => (reply.ok ? reply.json() : { providers: [] }))
    .then((body) => clear(slot, ...(body.providers || []).map((provider) => h('a', {
      class: 'btn btn-secondary btn-block', href: provider.start, id: `signin-${provider.id}`,
    }, `Sign in with ${provider.name}`))))
    .catch(() => clear(slot));
  return slot;
}

/** For operators without an account yet: the admin token or an access key, kept only in this tab. */
function tokenForm(onSignedIn) {
  const area = messageArea();
  const token = field('admin-token', 'Admin token or access key', { type: 'password', required: true, autocomplete: 'off',
    spellcheck: 'false' }, 'The token printed by sentinel serve, or an access key. It is kept only in this browser tab and forgotten when the tab closes.');
  const submit = h('button', { type: 'submit', class: 'btn btn-secondary btn-block' }, 'Use token');
  const form = h('form', { class: 'stack signin-token', novalidate: true, id: 'token-form' },
    h('h2', { class: 'small-heading' }, 'Or use a token'), area, token.element, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = token.input.value.trim();
    if (!value) {
      area.show({ detail: 'Enter the admin token to sign in' });
      token.input.setAttribute('aria-invalid', 'true');
      token.input.focus();
      return;
    }
    busy(submit, async () => {
      try {
        const list = await api.checkToken(value);
        session.signIn(value, list.items || []);
        onSignedIn(list.items || []);
      } catch (error) {
        area.show(error.status === 401 ? { detail: 'That admin token was not accepted. Check it and try again' } : error);
        token.input.setAttribute('aria-invalid', 'true');
        token.input.focus();
      }
    });
  });
  return form;
}

/** Enrolment of a second factor: required for this account before the session may do anything else. */
export function enrolment(onDone) {
  const area = messageArea();
  const secretSlot = h('div', { class: 'stack', id: 'totp-secret' });
  const code = field('totp-code', 'Code from the app', { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code' });
  const confirm = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'totp-confirm' }, 'Confirm');
  const form = h('form', { class: 'stack', novalidate: true, id: 'totp-form' }, area, secretSlot, code.element, confirm);
  api.beginTotp().then((setup) => clear(secretSlot,
    h('p', {}, 'Add this account to your authenticator app: open the link on your phone, or enter the key by hand.'),
    h('p', {}, h('a', { href: setup.otpauth_uri, id: 'totp-uri' }, 'Open in authenticator app')),
    h('p', {}, 'Key: ', h('code', { class: 'mono', id: 'totp-key' }, setup.secret), ' ', copyButton(() => setup.secret, 'Copy key'))))
    .catch((error) => area.show(error));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(confirm, async () => {
      try {
        const reply = await api.confirmTotp(code.input.value.trim());
        const who = await api.currentSession();
        if (who) session.started(who);
        clear(form.parentElement, ...recoveryCodes(reply.recovery_codes, onDone));
      } catch (error) {
        area.show(error);
        code.input.focus();
      }
    });
  });
  return [h('h1', {}, 'Set up a second factor'),
    h('p', { class: 'muted' }, 'Your role needs an authenticator app (TOTP) on this server. Until it is set up, you can do nothing else.'),
    form];
}

function recoveryCodes(codes, onDone) {
  const done = h('button', { type: 'button', class: 'btn btn-primary btn-block', id: 'recovery-done',
    onclick: () => onDone() }, 'I have saved them — continue');
  return [h('h1', {}, 'Recovery codes'),
    h('p', {}, 'Each of these codes signs you in once in place of the app\'s code. They are shown only now: keep them somewhere safe.'),
    h('ul', { class: 'mono recovery-codes', id: 'recovery-codes' }, codes.map((c) => h('li', {}, c))),
    copyButton(() => codes.join('\n'), 'Copy codes'), done];
}
