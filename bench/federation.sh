#!/usr/bin/env bash
# Grants without shared secrets against a client-secret grant, on one server in one run: the built jar's
# `sentinel serve` on a fresh H2 data directory with --allow-private-targets, and three passes made through the
# management API:
#   secret     client_credentials, client_secret_basic (the baseline of bench/token.sh)
#   pkjwt      client_credentials, private_key_jwt: a fresh ES256 assertion (new jti) for every request
#   federated  the RFC 7523 jwt-bearer grant with a GitHub-Actions-like RS256 token from an issuer on loopback
#              (OpenID discovery and JWKS served over https by python3's http.server, its certificate from a CA made
#              for the run and trusted by the server's JVM), mapped to its pass by one trust policy;
#              no client_id, so the policy is found by the token
# Key caches are warm: every grant type runs warm-up rounds first (the issuer's JWKS is fetched on the first
# federated grant, the pass's inline keys parsed on the first pkjwt grant). Assertions are signed before each round
# by python3 (PyJWT), never while wrk measures; a round that ran out of them, or got any non-2xx reply, stops the run.
# Rounds alternate secret, pkjwt, federated, so that load from elsewhere hits all three alike; each ratio is a
# grant's median over the secret grant's median.
#
# Usage: bench/federation.sh
# Environment: DURATION of each measured round in seconds (default 10), ROUNDS (5), THREADS (2), CONNECTIONS (32),
# JAVA_OPTS (-Xms512m -Xmx1g), SENTINEL_JAR (a built jar: no build), WARM_UP_SECONDS (10), WARM_UP_MIN (4), WARM_UP_MAX (24) rounds of warm-up per grant
# (a smoke run: WARM_UP_SECONDS=2 WARM_UP_MIN=1 WARM_UP_MAX=1 DURATION=2 ROUNDS=1; its numbers mean nothing). Needs wrk (apt-get install wrk), curl, jcmd, /usr/bin/python3 with jwt and
# cryptography (apt-get install python3-jwt python3-cryptography).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
DURATION=${DURATION%s}
ROUNDS=${ROUNDS:-5}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
WARM_UP_SECONDS=${WARM_UP_SECONDS:-10}
WARM_UP_MIN=${WARM_UP_MIN:-4}
WARM_UP_MAX=${WARM_UP_MAX:-24}
ADMIN_TOKEN=bench-admin-token-0123456789abcdef
python=/usr/bin/python3
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
"$python" -c 'import jwt, cryptography' 2>/dev/null \
  || { echo "$python needs jwt and cryptography: apt-get install python3-jwt python3-cryptography" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# SENTINEL_JAR: a built jar, used as it is (for a caller that already holds the Maven lock, which a build here would
# wait for for ever); otherwise the jar is built under the lock. Copied, so a build during the run cannot change it.
if [ -z "${SENTINEL_JAR:-}" ]; then
  run_mvn() { if command -v flock >/dev/null; then flock /tmp/sentinel-mvn.lock ./mvnw "$@"; else ./mvnw "$@"; fi; }
  run_mvn -B -q -DskipTests -pl sentinel-cli -am package >/dev/null
  SENTINEL_JAR=sentinel-cli/target/sentinel.jar
fi
[ -f "$SENTINEL_JAR" ] || { echo "no sentinel jar at $SENTINEL_JAR" >&2; exit 1; }
cp "$SENTINEL_JAR" "$work/sentinel.jar"

# --- The workload issuer: a key, its JWKS and OpenID discovery, as static files over https on a free loopback port --
# Its certificate (IP:127.0.0.1) comes from a CA made here, which the server's JVM trusts through a trust store.
free_port() { "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
issuer_port=$(free_port)
ISSUER="https://127.0.0.1:$issuer_port"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=Bench CA" \
  -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$work/tls.key" -out "$work/tls.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$work/tls.ext"
openssl x509 -req -in "$work/tls.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 2 \
  -extfile "$work/tls.ext" -out "$work/tls.pem" 2>/dev/null
keytool -importcert -noprompt -alias bench-ca -file "$work/ca.pem" -keystore "$work/trust.p12" -storetype PKCS12 \
  -storepass bench-trust >/dev/null 2>&1
mkdir -p "$work/issuer/.well-known"
"$python" - "$work" "$ISSUER" <<'PY'
import json, sys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm
work, issuer = sys.argv[1], sys.argv[2]
def save(name, private, jwk):
    open(f"{work}/{name}.pem", "wb").write(private.private_bytes(serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    open(f"{work}/{name}.jwks", "w").write(json.dumps({"keys": [jwk]}))
issuer_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
issuer_jwk = dict(json.loads(RSAAlgorithm.to_jwk(issuer_key.public_key())), kid="bench-issuer-1", alg="RS256", use="sig")
save("issuer", issuer_key, issuer_jwk)
client_key = ec.generate_private_key(ec.SECP256R1())
client_jwk = dict(json.loads(ECAlgorithm.to_jwk(client_key.public_key())), kid="bench-client-1", alg="ES256", use="sig")
save("client", client_key, client_jwk)
open(f"{work}/issuer/jwks", "w").write(json.dumps({"keys": [issuer_jwk]}))
open(f"{work}/issuer/.well-known/openid-configuration", "w").write(json.dumps({
    "issuer": issuer, "jwks_uri": issuer + "/jwks", "response_types_supported": ["id_token"],
    "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"]}))
PY
"$python" - "$issuer_port" "$work" >"$work/issuer.log" 2>&1 <<'PY' &
import functools, http.server, ssl, sys
port, work = int(sys.argv[1]), sys.argv[2]
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=f"{work}/issuer")
server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(f"{work}/tls.pem", f"{work}/tls.key")
server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()
PY
pids+=($!)

# --- Sentinel -----------------------------------------------------------------------------------------------------
# shellcheck disable=SC2086
SENTINEL_ADMIN_TOKEN=$ADMIN_TOKEN java ${JAVA_OPTS:--Xms512m -Xmx1g} -Djavax.net.ssl.trustStore="$work/trust.p12" \
  -Djavax.net.ssl.trustStorePassword=bench-trust -jar "$work/sentinel.jar" serve \
  --host 127.0.0.1 --port 0 --data-dir "$work/data" --token-lifetime 1h --allow-private-targets \
  >"$work/server.log" 2>&1 &
server=$!
pids+=("$server")
for _ in $(seq 1 300); do grep -q 'listening on http' "$work/server.log" 2>/dev/null && break; sleep 0.1; done
BASE=$(grep -m1 -oE 'listening on http://[0-9.]+:[0-9]+' "$work/server.log" | sed 's/listening on //')
[ -n "$BASE" ] || { cat "$work/server.log" >&2; exit 1; }
curl -sf --cacert "$work/ca.pem" "$ISSUER/.well-known/openid-configuration" >/dev/null || { echo "the issuer did not start" >&2; exit 1; }

api() { # method path json → the reply, or the reply and exit 1 on an error status
  local status
  status=$(curl -s -o "$work/reply.json" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' -d "$3" "$BASE$2")
  [ "${status:0:1}" = 2 ] || { echo "$1 $2 answered $status: $(cat "$work/reply.json")" >&2; exit 1; }
  cat "$work/reply.json"
}
field() { "$python" -c 'import json, sys
value = json.load(sys.stdin)
for key in sys.argv[1:]: value = value[key]
print(value)' "$@"; }

secret_pass=$(api POST /api/v1/projects/bench/passes \
  '{"agent_name": "Bench Secret", "agent_type": "benchmark", "permissions": "read,write"}')
SECRET_ID=$(field credentials client_id <<<"$secret_pass")
BASIC=$(printf '%s:%s' "$SECRET_ID" "$(field credentials client_secret <<<"$secret_pass")" | base64 -w0)
key_pass=$(api POST /api/v1/projects/bench/passes "{\"agent_name\": \"Bench Keys\", \"agent_type\": \"benchmark\",
  \"permissions\": \"read,write\", \"credential_type\": \"private_key_jwt\", \"jwks\": $(cat "$work/client.jwks")}")
KEY_ID=$(field credentials client_id <<<"$key_pass")
federated_pass=$(api POST /api/v1/projects/bench/passes \
  '{"agent_name": "Bench Workload", "agent_type": "benchmark", "permissions": "read,write"}')
api POST /api/v1/projects/bench/trust-policies "{\"issuer\": \"$ISSUER\", \"audience\": \"$BASE\",
  \"conditions\": {\"/repository\": \"octo-org/octo-repo\", \"/ref\": \"refs/heads/main\"}, \"max_token_age\": \"10m\",
  \"pass_id\": \"$(field pass pass_id <<<"$federated_pass")\"}" >/dev/null

# --- Pools of signed requests, one file per wrk thread, each line a whole form body -------------------------------
# pool KIND COUNT: COUNT bodies for each thread. pkjwt: a new assertion (jti) per body, never reused. federated:
# distinct workload tokens (a workload reuses its platform token; a few thousand are cycled through).
pool() {
  "$python" - "$1" "$2" "$THREADS" "$work" "$BASE" "$KEY_ID" "$ISSUER" <<'PY'
import sys, time, uuid, jwt
from cryptography.hazmat.primitives.serialization import load_pem_private_key
kind, count, threads, work, base, client_id, issuer = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *sys.argv[4:]
now = int(time.time())
if kind == "pkjwt":
    key = load_pem_private_key(open(f"{work}/client.pem", "rb").read(), None)
    prefix = ("grant_type=client_credentials&client_id=" + client_id
              + "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
              + "&client_assertion=")
    def body():
        return prefix + jwt.encode({"iss": client_id, "sub": client_id, "aud": base, "iat": now, "exp": now + 300,
                                    "jti": uuid.uuid4().hex}, key, algorithm="ES256",
                                   headers={"kid": "bench-client-1"})
else:
    key = load_pem_private_key(open(f"{work}/issuer.pem", "rb").read(), None)
    prefix = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion="
    def body():
        return prefix + jwt.encode({"iss": issuer, "aud": base, "iat": now, "nbf": now, "exp": now + 300,
                                    "jti": str(uuid.uuid4()), "sub": "repo:octo-org/octo-repo:ref:refs/heads/main",
                                    "repository": "octo-org/octo-repo", "repository_owner": "octo-org",
                                    "ref": "refs/heads/main", "event_name": "push", "workflow": "deploy"},
                                   key, algorithm="RS256", headers={"kid": "bench-issuer-1", "typ": "JWT"})
for thread in range(threads):
    with open(f"{work}/pool-{thread}.txt", "w") as out:
        for _ in range(count):
            out.write(body() + "\n")
PY
}

# Every script counts the replies that are not 200 by status and keeps the first such body, and prints them at the
# end ("refused <status> <count> <body>"), so that a stopped run says what Sentinel answered.
statuses_lua() {
  cat <<'LUA'
local threads = {}
local counter = 0
function setup(thread) thread:set("id", counter); counter = counter + 1; table.insert(threads, thread) end
refused = {}
function response(status, headers, body)
  if status ~= 200 then
    refused[status] = (refused[status] or 0) + 1
    if first_refusal == nil then first_refusal = body end
  end
end
function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("refused")) do
      io.write(string.format("refused %d %d %s\n", status, count, thread:get("first_refusal") or ""))
    end
  end
end
LUA
}
{
  statuses_lua
  cat <<LUA
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $BASIC"
LUA
} >"$work/secret.lua"
# Each thread reads its own pool file; WRAP starts it again at the end (federated), otherwise an exhausted pool
# sends a body that Sentinel refuses, which the round's non-2xx check turns into a stop.
pool_lua() { # wrap(true|false)
  statuses_lua
  cat <<LUA
function init(args) pool = assert(io.open("$work/pool-" .. id .. ".txt", "r")) end
local headers = {["Content-Type"] = "application/x-www-form-urlencoded"}
function request()
  local body = pool:read("*l")
  if body == nil and $1 then pool:seek("set"); body = pool:read("*l") end
  return wrk.format("POST", "/oauth/token", headers, body or "grant_type=exhausted")
end
LUA
}
pool_lua false >"$work/pkjwt.lua"
pool_lua true >"$work/federated.lua"

# One round of a grant type; sets RATE. Stops the run when any reply was not 2xx (a pool ran out, or a grant was
# refused). No subshell, so that the exit ends the script.
round() { # kind seconds
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" -s "$work/$1.lua" "$BASE/oauth/token" >"$work/round.log"
  cat "$work/round.log" >>"$work/wrk.log"
  if grep -qE 'Non-2xx|Socket errors|^refused ' "$work/round.log"; then
    echo "a $1 round got errors (pool too small or a grant refused):" >&2
    cat "$work/round.log" >&2
    tail -n 20 "$work/server.log" >&2
    exit 1
  fi
  RATE=$(awk '/Requests\/sec/ {print $2}' "$work/round.log")
}
# Signs enough for a round of SECONDS at RATE: three times the rate (a warming grant can double its rate from one
# round to the next), split over the threads.
prepare() { # kind rate seconds
  case $1 in
    secret) ;;
    pkjwt) pool pkjwt "$(awk -v r="$2" -v s="$3" -v t="$THREADS" 'BEGIN {printf "%d", r * s * 3 / t + 1000}')" ;;
    federated) pool federated 2000 ;;
  esac
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
compile_queue() { jcmd "$server" Compiler.queue 2>/dev/null | grep -cE '^[0-9]+ +[0-9]+ ' || true; }

# Warm-up, as in bench/token.sh: 10-second rounds of each grant type until the JIT's compile queue is empty and a
# round is within 5 % of the one before (at least 4 rounds, at most 24, unless set otherwise). The secret grant goes first: its rate bounds
# the others' and sizes their first pools.
declare -A best
warm_up() { # kind
  local previous=0 current queued estimate=${best[secret]:-40000}
  for round_number in $(seq 1 "$WARM_UP_MAX"); do
    prepare "$1" "$estimate" "$WARM_UP_SECONDS"
    round "$1" "$WARM_UP_SECONDS"
    current=$RATE
    queued=$(compile_queue)
    echo "  warm-up round $round_number: $current $1 grants/s, $queued methods waiting for the JIT" >&2
    estimate=$current
    best[$1]=$(awk -v a="$current" -v b="${best[$1]:-0}" 'BEGIN {print (a > b) ? a : b}')
    if [ "$round_number" -ge "$WARM_UP_MIN" ] && [ "$queued" -eq 0 ] \
        && awk -v a="$current" -v b="$previous" 'BEGIN {exit !(a >= 0.95 * b && a <= 1.05 * b)}'; then
      return
    fi
    previous=$current
  done
}
# One grant of each kind before any load: the throttle lets a client id that has just succeeded from this address
# through without a check slot; a pair never seen before, hit by 32 connections of a cold server at once, is partly
# answered 429 until its first success (the federated grant also fetches the issuer's discovery and keys here).
grant_once() { # kind body...
  local status
  status=$(curl -s -o "$work/reply.json" -w '%{http_code}' "${@:2}" "$BASE/oauth/token")
  [ "$status" = 200 ] || { echo "the first $1 grant answered $status: $(cat "$work/reply.json")" >&2; exit 1; }
}
grant_once secret -H "Authorization: Basic $BASIC" -d grant_type=client_credentials
pool pkjwt 1
grant_once pkjwt --data-binary "$(head -n 1 "$work/pool-0.txt")"
pool federated 1
grant_once federated --data-binary "$(head -n 1 "$work/pool-0.txt")"

echo "warm-up…" >&2
warm_up secret
warm_up pkjwt
warm_up federated
: >"$work/wrk.log"

secret_rounds=()
pkjwt_rounds=()
federated_rounds=()
for _ in $(seq 1 "$ROUNDS"); do
  round secret "$DURATION"
  secret_rounds+=("$RATE")
  prepare pkjwt "${best[pkjwt]}" "$DURATION"
  round pkjwt "$DURATION"
  pkjwt_rounds+=("$RATE")
  prepare federated "${best[federated]}" "$DURATION"
  round federated "$DURATION"
  federated_rounds+=("$RATE")
done
secret=$(median "${secret_rounds[@]}")
pkjwt=$(median "${pkjwt_rounds[@]}")
federated=$(median "${federated_rounds[@]}")

echo "date:               $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "load average:       $(cut -d' ' -f1-3 /proc/loadavg) (at the end)"
echo "machine:            $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "settings:           sentinel serve on H2, default signing and hasher, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s x $ROUNDS rounds, keep-alive"
echo "secret grants/s:    $secret (median of ${secret_rounds[*]})"
echo "pkjwt grants/s:     $pkjwt (median of ${pkjwt_rounds[*]}; ES256 assertions, a new jti each)"
echo "federated grants/s: $federated (median of ${federated_rounds[*]}; RS256 workload tokens, jwt-bearer grant)"
echo "pkjwt ÷ secret:     $(awk -v a="$pkjwt" -v b="$secret" 'BEGIN {printf "%.2f", a / b}')"
echo "federated ÷ secret: $(awk -v a="$federated" -v b="$secret" 'BEGIN {printf "%.2f", a / b}')"
