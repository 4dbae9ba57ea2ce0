#!/usr/bin/env bash
# Token endpoint benchmark on the server as shipped: the built jar's `sentinel serve` on a fresh H2 data directory,
# with one pass created through the management API. Measures client credentials grants/s with keep-alive against
# /healthz of the same server in the same run, plus introspections/s. Needs wrk (apt-get install wrk), curl, python3.
# Usage: bench/token.sh [ES256|EdDSA|RS256] [sha256|argon2id]   (default ES256, the default of a new store)
# Environment: DURATION of each measured round (default 10s), ROUNDS (5), THREADS (2), CONNECTIONS (32),
# JAVA_OPTS (-Xms512m -Xmx1g; add -Dsentinel.crypto.native=false to sign without the native provider).
set -euo pipefail
cd "$(dirname "$0")/.."
ALG=${1:-ES256}
HASHER=${2:-sha256}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-5}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
ADMIN_TOKEN=bench-admin-token-0123456789abcdef
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
run_mvn() { if command -v flock >/dev/null; then flock /tmp/sentinel-mvn.lock ./mvnw "$@"; else ./mvnw "$@"; fi; }
run_mvn -B -q -DskipTests -pl sentinel-cli -am package >/dev/null

# shellcheck disable=SC2086
SENTINEL_ADMIN_TOKEN=$ADMIN_TOKEN java ${JAVA_OPTS:--Xms512m -Xmx1g} -jar sentinel-cli/target/sentinel.jar serve \
  --port 0 --data-dir "$work/data" --signing-algorithm "$ALG" --hasher "$HASHER" --token-lifetime 1h \
  >"$work/server.log" 2>&1 &  # 1h: the introspected token must outlive the run
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do grep -q 'listening on http' "$work/server.log" 2>/dev/null && break; sleep 0.1; done
BASE=$(grep -m1 -oE 'listening on http://[0-9.]+:[0-9]+' "$work/server.log" | sed 's/listening on //')
[ -n "$BASE" ] || { cat "$work/server.log" >&2; exit 1; }

curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d '{"agent_name": "Bench Agent", "agent_type": "benchmark", "permissions": "read,write"}' \
  "$BASE/api/v1/projects/bench/passes" >"$work/created.json"
credential() { python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['credentials'][sys.argv[2]])" "$work/created.json" "$1"; }
CLIENT_ID=$(credential client_id)
CLIENT_SECRET=$(credential client_secret)
BASIC=$(printf '%s:%s' "$CLIENT_ID" "$CLIENT_SECRET" | base64 -w0)

cat >"$work/token.lua" <<LUA
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $BASIC"
LUA
TOKEN=$(curl -sf -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials "$BASE/oauth/token" \
  | python3 -c "import json, sys; print(json.load(sys.stdin)['access_token'])")
cat >"$work/introspect.lua" <<LUA
wrk.method = "POST"
wrk.body = "token=$TOKEN"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Bearer $ADMIN_TOKEN"
LUA

rate() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" "${@:2}" | tee -a "$work/wrk.log" | awk '/Requests\/sec/ {print $2}'; }
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# Warm-up: on 2 cores the JIT needs a minute or more of load before grants reach their steady rate, so each
# measured request runs in 10-second rounds until the JIT's compile queue is empty and a round is within 5 % of the
# one before (at least 4 rounds, at most 24).
compile_queue() { jcmd "$server" Compiler.queue 2>/dev/null | grep -cE '^[0-9]+ +[0-9]+ ' || true; }
warm_up() { # label, then wrk arguments
  local label=$1 previous=0 current queued
  shift
  for round in $(seq 1 24); do
    current=$(rate 10s "$@")
    queued=$(compile_queue)
    echo "  warm-up round $round: $current $label/s, $queued methods waiting for the JIT" >&2
    if [ "$round" -ge 4 ] && [ "$queued" -eq 0 ] \
        && awk -v a="$current" -v b="$previous" 'BEGIN {exit !(a >= 0.95 * b && a <= 1.05 * b)}'; then
      return
    fi
    previous=$current
  done
}
echo "warm-up…" >&2
warm_up grants -s "$work/token.lua" "$BASE/oauth/token"
warm_up introspections -s "$work/introspect.lua" "$BASE/oauth/introspect"
rate 10s "$BASE/healthz" >/dev/null
: >"$work/wrk.log"

# ROUNDS alternating rounds of /healthz and grants, so that load from elsewhere on the machine hits both alike;
# the ratio is the median of the grant rounds over the median of the /healthz rounds. Then ROUNDS of introspection.
healthz_rounds=()
grant_rounds=()
for _ in $(seq 1 "$ROUNDS"); do
  healthz_rounds+=("$(rate "$DURATION" "$BASE/healthz")")
  grant_rounds+=("$(rate "$DURATION" -s "$work/token.lua" "$BASE/oauth/token")")
done
introspection_rounds=()
for _ in $(seq 1 "$ROUNDS"); do
  introspection_rounds+=("$(rate "$DURATION" -s "$work/introspect.lua" "$BASE/oauth/introspect")")
done
introspections=$(median "${introspection_rounds[@]}")
healthz=$(median "${healthz_rounds[@]}")
grants=$(median "${grant_rounds[@]}")
grep -E 'Non-2xx|Socket errors' "$work/wrk.log" || true

echo "date:            $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "load average:    $(cut -d' ' -f1-3 /proc/loadavg) (at the end)"
echo "machine:         $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "settings:        sentinel serve on H2, signing $ALG, hasher $HASHER, wrk -t$THREADS -c$CONNECTIONS -d$DURATION x $ROUNDS rounds, keep-alive"
echo "signer:          $(grep -m1 -oE 'with [^)]+\)' "$work/server.log" | sed 's/^with //')"
echo "healthz/s:       $healthz (median of ${healthz_rounds[*]})"
echo "grants/s:        $grants (median of ${grant_rounds[*]})"
echo "ratio:           $(awk -v g="$grants" -v h="$healthz" 'BEGIN {printf "%.2f", g / h}')"
echo "introspections/s: $introspections (median of ${introspection_rounds[*]})"
