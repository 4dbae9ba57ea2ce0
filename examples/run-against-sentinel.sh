#!/usr/bin/env bash
# Checks the resource-server set-ups of docs/resource-servers.md against a live `sentinel serve`: the Spring Boot
# example (strict at+jwt mode, and properties-only mode when `sentinel serve` offers --access-token-typ), the Node
# `jose` snippet and the Python PyJWT snippet, the last two taken from the page itself. Each must accept a valid token
# and refuse a tampered one, an expired one and one without the scope; the last two also fetch the keys over HTTPS from
# a server whose certificate comes from a private CA, trusted the way the page says. Then the clients of
# docs/federation.md: a private_key_jwt pass gets tokens through Node's openid-client (the page's sentinel-token.mjs),
# a hand-signed assertion (accepted once, its replay refused) and the Spring Boot client example (refused with the
# token endpoint as aud until the pass opts in); a GitHub-Actions-like issuer on loopback (workload-issuer.mjs) backs
# a trust policy on `sentinel serve --allow-private-targets`, and the page's workflow step, federated-token.mjs (both
# grants), curl (no client_id; federated client assertion) get the pass's token, while a token of another repository
# is refused. Exit status 0 when every check passed.
#
#   examples/run-against-sentinel.sh
#
# SENTINEL_JAR     a built sentinel.jar (default: build sentinel-cli/target/sentinel.jar with the Maven wrapper)
# EXAMPLES_MAVEN   the Maven command for the builds (default: "./mvnw -B -q")
# Needs java 17+, curl, jq, openssl, node and npm (jose and openid-client come from the npm registry), /usr/bin/python3
# with jwt, cryptography and yaml.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
read -r -a maven <<< "${EXAMPLES_MAVEN:-./mvnw -B -q}"
python=/usr/bin/python3
[ -x "$python" ] || python=python3

work=$(mktemp -d /tmp/sentinel-examples.XXXXXX)
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop_all EXIT

log() { printf '[examples] %s\n' "$*"; }
failures=0
expect() { # what expected actual
  if [ "$2" = "$3" ]; then
    printf '  ok    %-58s %s\n' "$1" "$3"
  else
    printf '  FAIL  %-58s expected %s, got %s\n' "$1" "$2" "$3"
    failures=$((failures + 1))
  fi
}

# --- Sentinel ------------------------------------------------------------------------------------------------------
jar=${SENTINEL_JAR:-}
if [ -z "$jar" ]; then
  log "building sentinel.jar"
  "${maven[@]}" -DskipTests -pl sentinel-cli -am package
  jar="$root/sentinel-cli/target/sentinel.jar"
fi
[ -f "$jar" ] || { log "no sentinel jar at $jar"; exit 1; }
sentinel() { java -jar "$jar" "$@"; }

export SENTINEL_ADMIN_TOKEN
SENTINEL_ADMIN_TOKEN=$("$python" -c 'import secrets; print(secrets.token_urlsafe(32))')

# Starts `sentinel serve` in the background on a free loopback port; sets SERVE_URL and SERVE_PID. The JVM options in
# the array serve_jvm (empty unless set) come before -jar.
serve_jvm=()
start_serve() { # name data-dir serve-options...
  local name=$1 dir=$2
  shift 2
  # java itself in the background (not a function), so that $! is the server's own process
  java ${serve_jvm[@]+"${serve_jvm[@]}"} -jar "$jar" serve --host 127.0.0.1 --port 0 --data-dir "$dir" --signing-algorithm ES256 "$@" \
    > "$work/$name.log" 2>&1 &
  SERVE_PID=$!
  pids+=("$SERVE_PID")
  for _ in $(seq 1 300); do
    SERVE_URL=$(sed -n 's/.* listening on \(http[^ ]*\).*/\1/p' "$work/$name.log" | head -n 1)
    SERVE_URL=${SERVE_URL%/}
    [ -n "$SERVE_URL" ] && return 0
    kill -0 "$SERVE_PID" 2>/dev/null || break
    sleep 0.2
  done
  log "sentinel serve ($name) did not start:"; cat "$work/$name.log"; exit 1
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# Creates a pass with the CLI and sets CLIENT_ID and CLIENT_SECRET.
create_pass() { # data-dir permissions
  local env
  env=$(sentinel pass create --data-dir "$1" --project examples --name "Example Agent" --type bot \
    --permissions "$2" --format env 2>/dev/null)
  CLIENT_ID=$(printf '%s\n' "$env" | sed -n "s/^export SENTINEL_CLIENT_ID='\(.*\)'$/\1/p")
  CLIENT_SECRET=$(printf '%s\n' "$env" | sed -n "s/^export SENTINEL_CLIENT_SECRET='\(.*\)'$/\1/p")
  [ -n "$CLIENT_ID" ] && [ -n "$CLIENT_SECRET" ] || { log "pass create printed no credentials"; exit 1; }
}

token() { # base-url scope
  curl -sS -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials --data-urlencode "scope=$2" "$1/oauth/token" \
    | "$python" -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

# The same token with one character in the middle of its signature changed.
tamper() {
  "$python" -c 'import sys
head, body, sig = sys.argv[1].split(".")
i = len(sig) // 2
print(head + "." + body + "." + sig[:i] + ("A" if sig[i] != "A" else "B") + sig[i + 1:])' "$1"
}

free_port() { "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

status() { # url token
  curl -s -o /dev/null -w '%{http_code}' ${2:+-H "Authorization: Bearer $2"} "$1"
}

# A set of tokens for one issuer: valid, tampered, without read:data, and expired (minted by a companion server on
# the same store and issuer with a one-second token lifetime, so only exp differs). Sets GOOD, TAMPERED, NO_SCOPE,
# EXPIRED and MINTED_AT.
tokens_for() { # name data-dir base-url serve-options...
  local name=$1 dir=$2 url=$3
  shift 3
  create_pass "$dir" "read:data,write:data"
  GOOD=$(token "$url" "read:data write:data")
  TAMPERED=$(tamper "$GOOD")
  NO_SCOPE=$(token "$url" "write:data")
  start_serve "$name-short" "$dir" --issuer "$url" --token-lifetime 1s "$@"
  EXPIRED=$(token "$SERVE_URL" "read:data")
  MINTED_AT=$(date +%s)
  stop "$SERVE_PID"
}

# --- Spring Boot example ------------------------------------------------------------------------------------------
spring_jar="$root/examples/spring-resource-server/target/spring-resource-server.jar"
log "building the Spring Boot example"
"${maven[@]}" -f examples/spring-resource-server/pom.xml -DskipTests package

start_spring() { # name issuer spring-args...; sets SPRING_URL
  local name=$1 issuer=$2 port pid
  shift 2
  port=$(free_port)
  SENTINEL_ISSUER=$issuer PORT=$port java -jar "$spring_jar" "$@" > "$work/$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  SPRING_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 600); do
    [ "$(status "$SPRING_URL/hello")" = 401 ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  log "the Spring Boot example ($name) did not start:"; tail -n 40 "$work/$name.log"; exit 1
}

check_spring() { # name url
  expect "spring $1: valid token" 200 "$(status "$2/hello" "$GOOD")"
  expect "spring $1: no token" 401 "$(status "$2/hello")"
  expect "spring $1: tampered token" 401 "$(status "$2/hello" "$TAMPERED")"
  expect "spring $1: token without read:data" 403 "$(status "$2/hello" "$NO_SCOPE")"
}

# --- The strict at+jwt issuer: Spring strict mode, Node and Python -------------------------------------------------
log "starting sentinel serve (typ at+jwt, ES256)"
start_serve main "$work/data-main"
main_url=$SERVE_URL
tokens_for main "$work/data-main" "$main_url"
main=("$GOOD" "$TAMPERED" "$NO_SCOPE" "$EXPIRED" "$MINTED_AT")

log "starting the Spring Boot example, strict at+jwt mode (profile strict)"
start_spring spring-strict "$main_url" --spring.profiles.active=strict
strict_url=$SPRING_URL
check_spring strict "$strict_url"

snippet() { # language file: the first fenced block of that language in docs/resource-servers.md
  awk -v fence="\`\`\`$1" '$0 == fence {on = 1; next} on && /^```/ {exit} on {print}' docs/resource-servers.md > "$2"
  [ -s "$2" ] || { log "docs/resource-servers.md has no $1 block"; exit 1; }
}

run_snippet() { # what command... → prints the exit status
  if SENTINEL_ISSUER=$main_url "${@:2}" > "$work/$1.out" 2>&1; then echo 0; else echo 1; fi
}

# The snippet refused for the right reason: its output names the error.
reason() { # snippet marker
  if grep -q "$2" "$work/$1.out"; then
    printf '  ok    %-58s %s\n' "$1: refused with $2" "$2"
  else
    printf '  FAIL  %-58s %s\n' "$1: refused with $2" "$(head -c 300 "$work/$1.out")"
    failures=$((failures + 1))
  fi
}

log "installing jose from the npm registry"
mkdir -p "$work/node"
snippet js "$work/node/verify-sentinel-token.mjs"
(cd "$work/node" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund jose@5 >/dev/null)
node_check() { run_snippet node node "$work/node/verify-sentinel-token.mjs" "$1" "${2:-read:data}"; }
expect "node jose: valid token" 0 "$(node_check "$GOOD")"
expect "node jose: tampered token" 1 "$(node_check "$TAMPERED")"
reason node ERR_JWS_SIGNATURE_VERIFICATION_FAILED
expect "node jose: token without read:data" 1 "$(node_check "$NO_SCOPE")"

snippet python "$work/verify_sentinel_token.py"
python_check() { run_snippet python "$python" "$work/verify_sentinel_token.py" "$1" "${2:-read:data}"; }
log "Python: PyJWT $("$python" -c 'import jwt; print(jwt.__version__)')"
expect "python pyjwt: valid token" 0 "$(python_check "$GOOD")"
expect "python pyjwt: tampered token" 1 "$(python_check "$TAMPERED")"
reason python InvalidSignatureError
expect "python pyjwt: token without read:data" 1 "$(python_check "$NO_SCOPE")"

# --- Keys instead of secrets (docs/federation.md): openid-client and the Spring Boot client --------------------------
log "installing openid-client and jose from the npm registry"
client_dir="$work/node-client"
mkdir -p "$client_dir"
(cd "$client_dir" && npm init -y >/dev/null \
  && npm install --silent --no-audit --no-fund openid-client@6.8.9 jose@6.2.17 >/dev/null)

fed_snippet() { # name file: the block of docs/federation.md whose first line is the comment "// name…" or "# name…"
  awk -v name="$1" '
    /^ *```/ { if (inside) { if (on) exit; inside = 0 } else { inside = 1; first = 1 }; next }
    inside && first { first = 0; line = $0; sub(/^ +/, "", line)
                      if (index(line, "// " name) == 1 || index(line, "# " name) == 1) on = 1 }
    on { print }' docs/federation.md > "$2"
  [ -s "$2" ] || { log "docs/federation.md has no block starting with $1"; exit 1; }
}
fed_snippet sentinel-token.mjs "$client_dir/sentinel-token.mjs"
fed_snippet federated-token.mjs "$client_dir/federated-token.mjs"
fed_snippet .github/workflows/deploy.yml "$work/deploy.yml"
cp examples/workload-issuer.mjs "$client_dir/"
cat > "$client_dir/keys.mjs" <<'JS'
// node keys.mjs make PREFIX: an ES256 key pair, PREFIX.jwk (private, with kid and alg) and PREFIX.jwks (public set).
// node keys.mjs assert PREFIX CLIENT_ID AUDIENCE: one client assertion signed with PREFIX.jwk, printed.
import * as jose from 'jose';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
const [command, prefix, clientId, audience] = process.argv.slice(2);
if (command === 'make') {
  const { publicKey, privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const pub = await jose.exportJWK(publicKey);
  Object.assign(pub, { kid: await jose.calculateJwkThumbprint(pub), alg: 'ES256', use: 'sig' });
  writeFileSync(`${prefix}.jwk`, JSON.stringify({ ...(await jose.exportJWK(privateKey)), kid: pub.kid, alg: 'ES256' }));
  writeFileSync(`${prefix}.jwks`, JSON.stringify({ keys: [pub] }));
} else {
  const jwk = JSON.parse(readFileSync(`${prefix}.jwk`, 'utf8'));
  console.log(await new jose.SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: jwk.kid }).setIssuer(clientId)
    .setSubject(clientId).setAudience(audience).setJti(randomUUID()).setIssuedAt().setExpirationTime('60s')
    .sign(await jose.importJWK(jwk, 'ES256')));
}
JS

api() { # method url [json] → prints the status; the reply is in $work/reply.json
  curl -s -o "$work/reply.json" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $SENTINEL_ADMIN_TOKEN" \
    -H 'Content-Type: application/json' ${3:+-d "$3"} "$2"
}
reply() { # key...: a field of $work/reply.json ("absent" when it is not there)
  "$python" -c 'import json, sys
value = json.load(open(sys.argv[1]))
for key in sys.argv[2:]:
    value = value.get(key, "absent") if isinstance(value, dict) else "absent"
print(value)' "$work/reply.json" "$@"
}
claim() { # token name: a claim of a JWT, unverified ("none" for something that is not a JWT)
  "$python" -c 'import base64, json, sys
try:
    body = sys.argv[1].split(".")[1]
    print(json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))[sys.argv[2]])
except Exception:
    print("none")' "$1" "$2"
}
# A token endpoint's answer as "status error: error_description", the texts docs/federation.md's refusal table gives.
oauth_reply() { # curl-arguments... (the URL among them)
  local code
  code=$(curl -s -o "$work/oauth.json" -w '%{http_code}' "$@")
  "$python" -c 'import json, sys
try:
    body = json.load(open(sys.argv[1]))
    print(sys.argv[2], body.get("error", "-") + ":", body.get("error_description", "-"))
except Exception:
    print(sys.argv[2], "(no JSON reply)")' "$work/oauth.json" "$code"
}
# Whether the pass's activity records a refusal with this code (written in batches: polled for up to 10 s).
recorded() { # base-url pass-id code → prints the code, or "not recorded"
  for _ in $(seq 1 50); do
    if curl -s -H "Authorization: Bearer $SENTINEL_ADMIN_TOKEN" "$1/api/v1/passes/$2/activity" | grep -q "$3"; then
      echo "$3"; return
    fi
    sleep 0.2
  done
  echo "not recorded"
}
run_node() { # name command...: runs in the client directory, output in $work/name.out → prints the exit status
  if (cd "$client_dir" && "${@:2}") > "$work/$1.out" 2>&1; then echo 0; else echo 1; fi
}

log "a private_key_jwt pass on the main server: openid-client and the Spring Boot client"
node "$client_dir/keys.mjs" make "$work/agent"
expect "private_key_jwt pass created through the API" 201 "$(api POST "$main_url/api/v1/projects/examples/passes" \
  "{\"agent_name\": \"Key Agent\", \"agent_type\": \"bot\", \"permissions\": \"read:data\",
    \"credential_type\": \"private_key_jwt\", \"jwks\": $(cat "$work/agent.jwks")}")"
KEY_CLIENT_ID=$(reply credentials client_id)
KEY_PASS_ID=$(reply pass pass_id)
expect "private_key_jwt pass: no client_secret in the reply" absent "$(reply credentials client_secret)"
expect "private_key_jwt pass: accept_token_endpoint_audience" False "$(reply pass accept_token_endpoint_audience)"

key_env=(env SENTINEL_ISSUER="$main_url" SENTINEL_CLIENT_ID="$KEY_CLIENT_ID" SENTINEL_PRIVATE_JWK="$work/agent.jwk")
expect "node openid-client: private_key_jwt grant" 0 "$(run_node pkjwt "${key_env[@]}" node sentinel-token.mjs)"
KEY_TOKEN=$(tail -n 1 "$work/pkjwt.out")
expect "node openid-client: the token is the key pass's" "$KEY_PASS_ID" "$(claim "$KEY_TOKEN" pass_id)"
expect "spring strict: the key pass's token" 200 "$(status "$strict_url/hello" "$KEY_TOKEN")"
assertion=$(node "$client_dir/keys.mjs" assert "$work/agent" "$KEY_CLIENT_ID" "$main_url")
assertion_grant() {
  curl -s -o /dev/null -w '%{http_code}' -d grant_type=client_credentials -d "client_id=$KEY_CLIENT_ID" \
    -d client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer \
    --data-urlencode "client_assertion=$1" "$main_url/oauth/token"
}
expect "curl: a client assertion" 200 "$(assertion_grant "$assertion")"
assertion_reply() { # assertion → "status error: error_description"
  oauth_reply -d grant_type=client_credentials -d "client_id=$KEY_CLIENT_ID" \
    -d client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer \
    --data-urlencode "client_assertion=$1" "$main_url/oauth/token"
}
expect "curl: the same assertion again (replayed jti)" "401 invalid_client: client authentication failed" \
  "$(assertion_reply "$assertion")"
expect "  recorded against the pass" replayed_jti "$(recorded "$main_url" "$KEY_PASS_ID" replayed_jti)"
# A second key pass for the token endpoint as aud: a pass's failures after its first in a minute are summed into one
# record at the next failure after that minute (docs/security.md), so the replay above would hide this one's code.
node "$client_dir/keys.mjs" make "$work/agent2"
expect "a second private_key_jwt pass" 201 "$(api POST "$main_url/api/v1/projects/examples/passes" \
  "{\"agent_name\": \"Key Agent 2\", \"agent_type\": \"bot\", \"permissions\": \"read:data\",
    \"credential_type\": \"private_key_jwt\", \"jwks\": $(cat "$work/agent2.jwks")}")"
expect "curl: aud = token endpoint, without the opt-in" "401 invalid_client: client authentication failed" \
  "$(oauth_reply -d grant_type=client_credentials -d "client_id=$(reply credentials client_id)" \
    -d client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer --data-urlencode \
    "client_assertion=$(node "$client_dir/keys.mjs" assert "$work/agent2" "$(reply credentials client_id)" "$main_url/oauth/token")" \
    "$main_url/oauth/token")"
expect "  recorded against the pass" wrong_audience "$(recorded "$main_url" "$(reply pass pass_id)" wrong_audience)"

log "building the Spring Boot client example"
"${maven[@]}" -f examples/spring-client-credentials-jwt/pom.xml -DskipTests package
spring_client() { # name audience-mode → prints the exit status; output in $work/name.out
  if SENTINEL_ISSUER=$main_url SENTINEL_CLIENT_ID=$KEY_CLIENT_ID SENTINEL_PRIVATE_JWK=$work/agent.jwk \
      SENTINEL_ASSERTION_AUDIENCE=$2 SENTINEL_RESOURCE_URL=$strict_url/hello \
      java -jar examples/spring-client-credentials-jwt/target/spring-client-credentials-jwt.jar \
      > "$work/$1.out" 2>&1; then echo 0; else echo 1; fi
}
expect "spring client: aud = token endpoint, without the opt-in" 1 "$(spring_client spring-client-refused token-endpoint)"
reason spring-client-refused invalid_client
expect "spring client: aud = issuer (customizer), token and /hello" 0 "$(spring_client spring-client-issuer issuer)"
expect "PATCH the pass: accept_token_endpoint_audience" 200 \
  "$(api PATCH "$main_url/api/v1/passes/$KEY_PASS_ID" '{"accept_token_endpoint_audience": true}')"
expect "spring client: aud = token endpoint, opted in" 0 "$(spring_client spring-client-opted-in token-endpoint)"

# --- A private CA: its certificate for 127.0.0.1 serves the workload issuer and the HTTPS server below ---------------
ca="$work/ca"
mkdir -p "$ca"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=Example Private CA" \
  -keyout "$ca/ca.key" -out "$ca/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$ca/server.key" -out "$ca/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$ca/server.ext"
openssl x509 -req -in "$ca/server.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca.key" -CAcreateserial -days 2 \
  -extfile "$ca/server.ext" -out "$ca/server.pem" 2>/dev/null
chmod 600 "$ca/server.key"

# --- Workload identity federation (docs/federation.md): a GitHub-like issuer on loopback --------------------------
# The issuer is https on 127.0.0.1 with the private CA's certificate: Sentinel fetches its discovery and keys with
# --allow-private-targets (a loopback address) and a Java trust store holding that CA; curl trusts it through
# CURL_CA_BUNDLE, so the workflow's step runs as the page has it.
log "starting the workload identity issuer (https) and sentinel serve --allow-private-targets"
keytool -importcert -noprompt -alias example-ca -file "$ca/ca.pem" -keystore "$ca/trust.p12" -storetype PKCS12 \
  -storepass example-trust > /dev/null 2>&1
request_token=$("$python" -c 'import secrets; print(secrets.token_urlsafe(24))')
(cd "$client_dir" && exec node workload-issuer.mjs "$request_token" "$ca/server.pem" "$ca/server.key") \
  > "$work/issuer.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 100); do
  issuer_url=$(sed -n 's/^issuer listening on //p' "$work/issuer.log")
  [ -n "$issuer_url" ] && break
  sleep 0.1
done
[ -n "$issuer_url" ] || { log "the workload issuer did not start:"; cat "$work/issuer.log"; exit 1; }
serve_jvm=(-Djavax.net.ssl.trustStore="$ca/trust.p12" -Djavax.net.ssl.trustStorePassword=example-trust)
start_serve fed "$work/data-fed" --allow-private-targets
serve_jvm=()
fed_url=$SERVE_URL
export CURL_CA_BUNDLE="$ca/ca.pem"
expect "workload pass created through the API" 201 "$(api POST "$fed_url/api/v1/projects/deploys/passes" \
  '{"agent_name": "Deploy Agent", "agent_type": "bot", "permissions": "read:data"}')"
FED_PASS_ID=$(reply pass pass_id)
FED_CLIENT_ID=$(reply credentials client_id)
expect "trust policy created through the API" 201 "$(api POST "$fed_url/api/v1/projects/deploys/trust-policies" \
  "{\"issuer\": \"$issuer_url\", \"conditions\": {\"/repository\": \"octo-org/octo-repo\",
    \"/ref\": \"refs/heads/main\"}, \"max_token_age\": \"10m\", \"pass_id\": \"$FED_PASS_ID\"}")"
expect "a policy matching every repository is refused" 400 "$(api POST "$fed_url/api/v1/projects/deploys/trust-policies" \
  "{\"issuer\": \"$issuer_url\", \"conditions\": {\"/repository\": \"*\"}, \"pass_id\": \"$FED_PASS_ID\"}")"

# The workflow's first step, as GitHub would run it (bash -e -o pipefail), its OIDC request URL at the stand-in
"$python" -c 'import sys, yaml
steps = yaml.safe_load(open(sys.argv[1]))["jobs"]["deploy"]["steps"]
print(steps[0]["run"])' "$work/deploy.yml" > "$work/deploy-step.sh"
: > "$work/github_env"
expect "github actions: the workflow's token exchange step" 0 "$(if SENTINEL=$fed_url GITHUB_ENV=$work/github_env \
    ACTIONS_ID_TOKEN_REQUEST_URL="$issuer_url/token?api-version=2.0" ACTIONS_ID_TOKEN_REQUEST_TOKEN=$request_token \
    bash --noprofile --norc -eo pipefail "$work/deploy-step.sh" > "$work/deploy-step.out" 2>&1; then echo 0; else echo 1; fi)"
expect "github actions: SENTINEL_TOKEN is the pass's token" "$FED_PASS_ID" \
  "$(claim "$(sed -n 's/^SENTINEL_TOKEN=//p' "$work/github_env")" pass_id)"

workload_token() { # file [query]: a token from the stand-in for Sentinel's audience
  curl -sS -H "Authorization: bearer $request_token" \
    "$issuer_url/token?audience=$("$python" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$fed_url")${2:+&$2}" \
    | "$python" -c 'import json, sys; print(json.load(sys.stdin)["value"])' > "$1"
}
workload_token "$work/workload.jwt"
fed_env=(env SENTINEL_ISSUER="$fed_url" SENTINEL_CLIENT_ID="$FED_CLIENT_ID")
for form in jwt-bearer token-exchange; do
  expect "node openid-client: $form grant" 0 \
    "$(run_node "fed-$form" "${fed_env[@]}" node federated-token.mjs "$form" "$work/workload.jwt")"
  expect "node openid-client: $form token is the pass's" "$FED_PASS_ID" \
    "$(claim "$(tail -n 1 "$work/fed-$form.out")" pass_id)"
done
expect "curl: jwt-bearer grant without client_id (one policy matches)" 200 "$(curl -s -o /dev/null -w '%{http_code}' \
  -d grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer --data-urlencode "assertion=$(cat "$work/workload.jwt")" \
  "$fed_url/oauth/token")"
# the grant's token_generation event: issuer, subject and policy (docs/federation.md, What each refusal means)
for evidence in '"subject":"repo:octo-org/octo-repo:ref:refs/heads/main"' "\"issuer\":\"$issuer_url\"" '"trust_policy":"tp_'; do
  expect "  token_generation carries ${evidence%%:*}" "$evidence" "$(recorded "$fed_url" "$FED_PASS_ID" "$evidence")"
done
expect "curl: federated client assertion with client_id" 200 "$(curl -s -o /dev/null -w '%{http_code}' \
  -d grant_type=client_credentials -d "client_id=$FED_CLIENT_ID" \
  -d client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer \
  --data-urlencode "client_assertion=$(cat "$work/workload.jwt")" "$fed_url/oauth/token")"

workload_token "$work/other-repo.jwt" "repository=octo-org/other-repo"
expect "node openid-client: jwt-bearer, wrong repository" 1 \
  "$(run_node fed-other-repo "${fed_env[@]}" node federated-token.mjs jwt-bearer "$work/other-repo.jwt")"
reason fed-other-repo invalid_grant
expect "curl: token exchange, wrong repository" 400 "$(curl -s -o /dev/null -w '%{http_code}' \
  -d grant_type=urn:ietf:params:oauth:grant-type:token-exchange \
  -d subject_token_type=urn:ietf:params:oauth:token-type:jwt \
  --data-urlencode "subject_token=$(cat "$work/other-repo.jwt")" "$fed_url/oauth/token")"
expect "curl: jwt-bearer, wrong repository: the reply" "400 invalid_grant: no trust policy matches the token" \
  "$(oauth_reply -d grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer \
    --data-urlencode "assertion=$(cat "$work/other-repo.jwt")" "$fed_url/oauth/token")"
expect "  recorded against the policy's pass" condition_failed "$(recorded "$fed_url" "$FED_PASS_ID" condition_failed)"
# GitHub's default audience (https://github.com/OWNER) when the job names none: not the policy's
curl -sS -H "Authorization: bearer $request_token" "$issuer_url/token" \
  | "$python" -c 'import json, sys; print(json.load(sys.stdin)["value"])' > "$work/github-aud.jwt"
expect "curl: jwt-bearer, GitHub's default aud" \
  "400 invalid_grant: the token's aud is not the audience the trust policy expects" \
  "$(oauth_reply -d grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer \
    --data-urlencode "assertion=$(cat "$work/github-aud.jwt")" "$fed_url/oauth/token")"
expect "  recorded against the policy's pass" wrong_audience "$(recorded "$fed_url" "$FED_PASS_ID" wrong_audience)"
expect "curl: token exchange with an actor_token" \
  "400 invalid_request: delegation is not supported yet: send no actor_token" \
  "$(oauth_reply -d grant_type=urn:ietf:params:oauth:grant-type:token-exchange \
    -d subject_token_type=urn:ietf:params:oauth:token-type:jwt --data-urlencode "subject_token=$(cat "$work/workload.jwt")" \
    -d actor_token_type=urn:ietf:params:oauth:token-type:jwt --data-urlencode "actor_token=$(cat "$work/workload.jwt")" \
    "$fed_url/oauth/token")"
stop "$SERVE_PID"

# --- A private CA: the Node and Python snippets fetch the JWKS over HTTPS, trusting it as the page says ----------------
unset CURL_CA_BUNDLE
log "starting sentinel serve over HTTPS with a certificate from a private CA"
start_serve tls "$work/data-tls" --tls-cert "$ca/server.pem" --tls-key "$ca/server.key"
tls_url=$SERVE_URL
create_pass "$work/data-tls" "read:data"
TLS_GOOD=$(curl -sS --cacert "$ca/ca.pem" -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials \
  -d scope=read:data "$tls_url/oauth/token" | "$python" -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
tls_check() { # snippet variable=value... command...: the snippet against the HTTPS issuer → prints the exit status
  local name=$1
  shift
  if env SENTINEL_ISSUER="$tls_url" "$@" "$TLS_GOOD" read:data > "$work/$name.out" 2>&1; then echo 0; else echo 1; fi
}
expect "node jose over https: private CA not trusted" 1 \
  "$(tls_check node-untrusted node "$work/node/verify-sentinel-token.mjs")"
reason node-untrusted UNABLE_TO_VERIFY_LEAF_SIGNATURE
expect "node jose over https: NODE_EXTRA_CA_CERTS=ca.pem" 0 \
  "$(tls_check node-ca NODE_EXTRA_CA_CERTS="$ca/ca.pem" node "$work/node/verify-sentinel-token.mjs")"
expect "python pyjwt over https: private CA not trusted" 1 \
  "$(tls_check python-untrusted "$python" "$work/verify_sentinel_token.py")"
reason python-untrusted CERTIFICATE_VERIFY_FAILED
expect "python pyjwt over https: SSL_CERT_FILE=ca.pem" 0 \
  "$(tls_check python-ca SSL_CERT_FILE="$ca/ca.pem" "$python" "$work/verify_sentinel_token.py")"
stop "$SERVE_PID"

# --- The properties-only set-up: Sentinel issuing typ JWT ---------------------------------------------------------
props_url=""
if sentinel serve --help 2>/dev/null | grep -q -- '--access-token-typ'; then
  log "starting sentinel serve (typ JWT, ES256) and the Spring Boot example, properties-only mode"
  start_serve props "$work/data-props" --access-token-typ JWT
  props_issuer=$SERVE_URL
  tokens_for props "$work/data-props" "$props_issuer" --access-token-typ JWT
  props=("$GOOD" "$TAMPERED" "$NO_SCOPE" "$EXPIRED" "$MINTED_AT")
  start_spring spring-props "$props_issuer"
  props_url=$SPRING_URL
  check_spring properties-only "$props_url"
else
  echo "SKIPPED: properties-only mode needs --access-token-typ"
fi

# --- Expired tokens: past exp by more than every set-up's clock skew (Spring's is 60 s) -----------------------------
wait_past() { # minted-at
  local left=$(( $1 + 1 + 60 + 2 - $(date +%s) ))
  if [ "$left" -gt 0 ]; then log "waiting ${left}s for the expired tokens to pass every clock skew"; sleep "$left"; fi
}
wait_past "${main[4]}"
expect "spring strict: expired token" 401 "$(status "$strict_url/hello" "${main[3]}")"
expect "node jose: expired token" 1 "$(node_check "${main[3]}")"
expect "python pyjwt: expired token" 1 "$(python_check "${main[3]}")"
reason python ExpiredSignatureError
reason node ERR_JWT_EXPIRED
if [ -n "$props_url" ]; then
  wait_past "${props[4]}"
  expect "spring properties-only: expired token" 401 "$(status "$props_url/hello" "${props[3]}")"
fi

if [ "$failures" -gt 0 ]; then
  log "$failures check(s) failed; logs:"
  for file in "$work"/*.log "$work"/*.out; do [ -e "$file" ] && { echo "--- $file"; tail -n 30 "$file"; }; done
  exit 1
fi
log "every check passed"
