// The one-time set-up page. The token arrives in the URL fragment (#token=…), which browsers never send to a server,
// so it reaches no log; it is removed from the address bar at once and posted only to /api/v1/setup*.
(function () {
  'use strict';
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  history.replaceState(null, '', window.location.pathname);
  const $ = (id) => document.getElementById(id);
  let firstOwner = false;

  function problem(reply) {
    const fields = (reply && reply.errors) || (reply && reply.violations) || [];
    if (fields.length > 0) {
      return fields.map((field) => field.field + ': ' + (field.message || field.rule)).join('\n');
    }
    return (reply && (reply.detail || reply.title)) || 'the set-up failed';
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body),
      credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer'
    });
    let reply = null;
    try { reply = await response.json(); } catch (ignored) { reply = null; }
    return {ok: response.ok, reply: reply};
  }

  async function start() {
    if (!token) {
      $('intro').textContent = 'This page needs the one-time set-up link exactly as it was printed (it ends in #token=…).';
      return;
    }
    const checked = await post('/api/v1/setup/check', {token: token});
    if (!checked.ok) {
      $('intro').textContent = 'This set-up link cannot be used: ' + problem(checked.reply) + '.';
      return;
    }
    firstOwner = checked.reply.first_owner;
    if (firstOwner) {
      $('intro').textContent = 'This link creates the owner account of this Sentinel server. It works once.';
      $('email').required = true;
    } else {
      $('intro').textContent = 'Choose the password of your account. This link works once.';
      $('email-row').hidden = true;
      $('email-known').hidden = false;
      $('email-known').textContent = 'Account: ' + checked.reply.email;
    }
    $('setup').hidden = false;
  }

  $('setup').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('error').textContent = '';
    if ($('password').value !== $('repeat').value) {
      $('error').textContent = 'The two passwords differ.';
      return;
    }
    $('submit').disabled = true;
    const body = {token: token, password: $('password').value, display_name: $('display-name').value};
    if (firstOwner) {
      body.email = $('email').value;
    }
    const done = await post('/api/v1/setup', body);
    $('submit').disabled = false;
    if (!done.ok) {
      $('error').textContent = problem(done.reply);
      return;
    }
    $('setup').hidden = true;
    $('done').hidden = false;
    window.location.assign(done.reply.sign_in || '/');
  });

  start();
}());
