// The management API client: a signed-in session (HttpOnly cookie the page cannot read, plus the session's CSRF token
// sent on every request that changes something) or a pasted bearer token (admin token or access key) kept in
// sessionStorage; JSON in and out, application/problem+json failures turned into ApiError with words a person can read.

const TOKEN_KEY = 'sentinel.adminToken';
let signedIn = null; // the reply of GET /api/v1/session while a session is on
let tokenRoles = null; // with a pasted token: its role in each project it sees (GET /api/v1/projects), once known

const writes = (role) => role === 'owner' || role === 'admin';

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  /** Whether anyone is signed in: a session, or a pasted token. */
  active: () => Boolean(signedIn) || Boolean(sessionStorage.getItem(TOKEN_KEY)),
  /** The signed-in account's reply (account, roles, csrf_token, enrolment_required), or null with a token/none. */
  who: () => signedIn,
  signIn: (token, projectList) => { sessionStorage.setItem(TOKEN_KEY, token); session.knowProjects(projectList); },
  started: (reply) => { signedIn = reply; tokenRoles = null; sessionStorage.removeItem(TOKEN_KEY); },
  signOut: () => { signedIn = null; tokenRoles = null; sessionStorage.removeItem(TOKEN_KEY); },
  /** With a pasted token, the projects list tells its role in each project (owner keys read owner everywhere). */
  knowProjects(projectList) {
    if (signedIn || !Array.isArray(projectList)) return;
    tokenRoles = new Map(projectList.filter((project) => project.role).map((project) => [project.name, project.role]));
  },
  /**
   * Whether the caller may change things in `project` (owner, or admin there). A pasted token whose projects list is
   * not known yet, or lists no project, may try anything: the server refuses what it may not do.
   */
  canWrite(project) {
    if (signedIn) {
      return signedIn.roles.some((role) => role.role === 'owner' || (role.role === 'admin' && (!project || role.project === project)));
    }
    if (!tokenRoles || tokenRoles.size === 0) return true;
    if ([...tokenRoles.values()].includes('owner')) return true;
    return project ? writes(tokenRoles.get(project)) : [...tokenRoles.values()].some(writes);
  },
  isOwner() {
    if (signedIn) return signedIn.roles.some((role) => role.role === 'owner');
    return !tokenRoles || tokenRoles.size === 0 || [...tokenRoles.values()].includes('owner');
  },
};

/** A failed API call: `detail` is a sentence, `errors` the per-field problems ({field, message}). */
export class ApiError extends Error {
  constructor(status, title, detail, errors = []) {
    super(detail || title || `Request failed (${status})`);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
  }
}

async function problemOf(response) {
  let body = null;
  try { body = await response.json(); } catch { /* not JSON */ }
  const errors0 = Array.isArray(body?.errors) ? body.errors : [];
  if (response.status === 401 && !response.url.endsWith('/api/v1/session')) {
    window.dispatchEvent(new CustomEvent('sentinel:unauthorized'));
    return new ApiError(401, 'Unauthorized', body?.detail || 'You are signed out. Sign in again.', errors0);
  }
  const errors = Array.isArray(body?.errors) ? body.errors : [];
  return new ApiError(response.status, body?.title, body?.detail || body?.error_description || response.statusText, errors);
}

async function send(method, path, body, token = session.token()) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  else if (signedIn && method !== 'GET') headers['X-CSRF-Token'] = signedIn.csrf_token;
  const init = { method, headers, cache: 'no-store', credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'Network error', 'The Sentinel server could not be reached. Check that it is running and try again.');
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

const enc = encodeURIComponent;

async function json(method, path, body, token) {
  const response = await send(method, path, body, token);
  return response.status === 204 ? null : response.json();
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function fileName(response, fallback) {
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return match ? decodeURIComponent(match[1]) : fallback;
}

export const api = {
  /** Who is signed in by the session cookie; null when nobody is. */
  async currentSession() {
    const response = await fetch('/api/v1/session', { headers: { Accept: 'application/json' }, cache: 'no-store',
      credentials: 'same-origin' }).catch(() => null);
    return response && response.ok ? response.json() : null;
  },
  signIn: (email, password, totp) => json('POST', '/api/v1/session', totp ? { email, password, totp } : { email, password }, ''),
  signOut: () => json('DELETE', '/api/v1/session', undefined, ''),
  signOutEverywhere: () => json('DELETE', '/api/v1/session/all', undefined, ''),
  sessions: () => json('GET', '/api/v1/session/list', undefined, ''),
  endSession: (id) => json('DELETE', `/api/v1/session/list/${enc(id)}`, undefined, ''),
  beginTotp: () => json('POST', '/api/v1/session/totp', undefined, ''),
  confirmTotp: (code) => json('POST', '/api/v1/session/totp/confirm', { code }, ''),
  audit: (filters) => json('GET', `/api/v1/audit${query(filters)}`),
  verifyAudit: () => json('GET', '/api/v1/audit/verify'),
  async exportAudit(format, filters) {
    const response = await send('GET', `/api/v1/audit/export${query({ ...filters, format })}`);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return { blob: await response.blob(), name: fileName(response, `sentinel-audit-${stamp}.${format}`) };
  },
  checkToken: (token) => json('GET', '/api/v1/projects', undefined, token),
  listProjects: () => json('GET', '/api/v1/projects'),
  listPasses: (project) => json('GET', `/api/v1/projects/${enc(project)}/passes`),
  createPass: (project, body) => json('POST', `/api/v1/projects/${enc(project)}/passes`, body),
  overview: (passId) => json('GET', `/api/v1/passes/${enc(passId)}`),
  permissions: (passId) => json('GET', `/api/v1/passes/${enc(passId)}/permissions`),
  usage: (passId, range) => json('GET', `/api/v1/passes/${enc(passId)}/usage${query({ range })}`),
  activity: (passId, filters) => json('GET', `/api/v1/passes/${enc(passId)}/activity${query(filters)}`),
  regenerate: (passId, body) => json('POST', `/api/v1/passes/${enc(passId)}/credentials/regenerate`, body),
  toggle: (passId) => json('POST', `/api/v1/passes/${enc(passId)}/toggle`),
  revoke: (passId) => json('POST', `/api/v1/passes/${enc(passId)}/revoke`),
  activate: (passId) => json('POST', `/api/v1/passes/${enc(passId)}/activate`),
  remove: (passId) => json('DELETE', `/api/v1/passes/${enc(passId)}`),
  setAllowedIps: (passId, allowedIps) => json('PATCH', `/api/v1/passes/${enc(passId)}`, { allowed_ips: allowedIps }),
  /** jwks, jwks_uri and/or accept_token_endpoint_audience of a private_key_jwt pass. */
  changeKeys: (passId, body) => json('PATCH', `/api/v1/passes/${enc(passId)}`, body),
  trustPolicies: (project) => json('GET', `/api/v1/projects/${enc(project)}/trust-policies`),
  createTrustPolicy: (project, body) => json('POST', `/api/v1/projects/${enc(project)}/trust-policies`, body),
  deleteTrustPolicy: (id) => json('DELETE', `/api/v1/trust-policies/${enc(id)}`),
  resources: (project) => json('GET', `/api/v1/projects/${enc(project)}/resources`),
  createResource: (project, body) => json('POST', `/api/v1/projects/${enc(project)}/resources`, body),
  /** name and/or scopes (replaced as a whole) of a registered resource. */
  changeResource: (id, body) => json('PATCH', `/api/v1/resources/${enc(id)}`, body),
  deleteResource: (id) => json('DELETE', `/api/v1/resources/${enc(id)}`),
  /** The token endpoint as the server publishes it (RFC 8414 metadata, so --issuer is honoured); this origin's if unreadable. */
  async tokenEndpoint() {
    try {
      const response = await fetch('/.well-known/oauth-authorization-server', { headers: { Accept: 'application/json' } });
      const metadata = response.ok ? await response.json() : {};
      if (typeof metadata.token_endpoint === 'string' && metadata.token_endpoint) return metadata.token_endpoint;
    } catch { /* fall back below */ }
    return `${location.origin}/oauth/token`;
  },
  async exportActivity(passId, format, filters) {
    const response = await send('GET', `/api/v1/passes/${enc(passId)}/activity/export${query({ ...filters, format })}`);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return { blob: await response.blob(), name: fileName(response, `sentinel-pass-activity-${passId}-${stamp}.${format}`) };
  },
};
