// A workload identity issuer for run-against-sentinel.sh, standing in for GitHub Actions' on 127.0.0.1 over https: an
// RS256 key made at start with `jose`, its JWK set at /jwks, OpenID discovery at /.well-known/openid-configuration, and
// GET /token?audience=… answering {"value": "<token>"} to `Authorization: bearer <request token>`, as
// ACTIONS_ID_TOKEN_REQUEST_URL does in a job with `permissions: id-token: write`. The token carries GitHub's claims
// for a push to refs/heads/main of octo-org/octo-repo; `repository` and `ref` in the query change them (sub follows).
//
//   node workload-issuer.mjs REQUEST_TOKEN CERT.pem KEY.pem
//        prints "issuer listening on https://127.0.0.1:PORT", serves until killed
//
// The certificate (for IP:127.0.0.1, from a private CA) is the caller's; Sentinel fetches discovery and keys from this
// loopback address when started with --allow-private-targets and a Java trust store holding that CA.
import { createServer } from 'node:https';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as jose from 'jose';

const [requestToken, certFile, keyFile] = process.argv.slice(2);
if (!requestToken || !certFile || !keyFile) {
  console.error('usage: node workload-issuer.mjs REQUEST_TOKEN CERT.pem KEY.pem');
  process.exit(2);
}
const { publicKey, privateKey } = await jose.generateKeyPair('RS256', { modulusLength: 2048 });
const jwk = await jose.exportJWK(publicKey);
jwk.kid = await jose.calculateJwkThumbprint(jwk);
jwk.alg = 'RS256';
jwk.use = 'sig';

let issuer;
const json = (response, status, body) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

async function mint(query) {
  const repository = query.get('repository') ?? 'octo-org/octo-repo';
  const ref = query.get('ref') ?? 'refs/heads/main';
  const [owner] = repository.split('/');
  const now = Math.floor(Date.now() / 1000);
  return new jose.SignJWT({
    sub: `repo:${repository}:ref:${ref}`,
    repository,
    repository_owner: owner,
    repository_id: '1296269',
    repository_owner_id: '9919',
    repository_visibility: 'private',
    ref,
    ref_type: 'branch',
    sha: 'example0000000000000000000000000000000000',
    actor: 'octocat',
    actor_id: '583231',
    workflow: 'deploy',
    workflow_ref: `${repository}/.github/workflows/deploy.yml@${ref}`,
    job_workflow_ref: `${repository}/.github/workflows/deploy.yml@${ref}`,
    event_name: 'push',
    run_id: '1', run_number: '1', run_attempt: '1',
    runner_environment: 'github-hosted',
  })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(query.get('audience') ?? `https://github.com/${owner}`)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 300)
    .sign(privateKey);
}

const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, async (request, response) => {
  const url = new URL(request.url, issuer);
  if (request.method !== 'GET') return json(response, 405, { error: 'GET only' });
  if (url.pathname === '/.well-known/openid-configuration') {
    return json(response, 200, {
      issuer,
      jwks_uri: `${issuer}/jwks`,
      subject_types_supported: ['public', 'pairwise'],
      response_types_supported: ['id_token'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'ref', 'repository', 'repository_owner'],
      scopes_supported: ['openid'],
    });
  }
  if (url.pathname === '/jwks') return json(response, 200, { keys: [jwk] });
  if (url.pathname === '/token') {
    if (request.headers.authorization !== `bearer ${requestToken}`) return json(response, 401, { error: 'bad request token' });
    return json(response, 200, { count: 1, value: await mint(url.searchParams) });
  }
  return json(response, 404, { error: 'not found' });
});
server.listen(0, '127.0.0.1', () => {
  issuer = `https://127.0.0.1:${server.address().port}`;
  console.log(`issuer listening on ${issuer}`);
});
