#!/usr/bin/env bash
# Token endpoint benchmark: client credentials grants/s with keep-alive versus /healthz of the same server in the same
# run, plus introspection/s. Needs wrk (apt-get install wrk) and curl. Usage: bench/token.sh [EdDSA|ES256|RS256]
# Environment: DURATION (default 15s), THREADS (2), CONNECTIONS (32).
set -euo pipefail
cd "$(dirname "$0")/.."
ALG=${1:-EdDSA}
DURATION=${DURATION:-15s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
lock=/tmp/sentinel-mvn.lock
run_mvn() { if command -v flock >/dev/null; then flock "$lock" ./mvnw "$@"; else ./mvnw "$@"; fi; }
run_mvn -B -q -pl sentinel-core,sentinel-http-javalin test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null
CP="sentinel-http-javalin/target/test-classes:sentinel-http-javalin/target/classes:sentinel-core/target/classes:$(cat "$work/classpath")"

java -Xms512m -Xmx1g -cp "$CP" dev.sentinel.http.BenchServer 0 "$ALG" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do grep -q '^HASHER=' "$work/server.log" 2>/dev/null && break; sleep 0.1; done
eval "$(grep -E '^(PORT|CLIENT_ID|CLIENT_SECRET|ADMIN_TOKEN)=' "$work/server.log")"
BASE="http://127.0.0.1:$PORT"
BASIC=$(printf '%s:%s' "$CLIENT_ID" "$CLIENT_SECRET" | base64 -w0)

cat >"$work/token.lua" <<LUA
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $BASIC"
LUA
TOKEN=$(curl -s -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials "$BASE/oauth/token" \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
cat >"$work/introspect.lua" <<LUA
wrk.method = "POST"
wrk.body = "token=$TOKEN"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Bearer $ADMIN_TOKEN"
LUA

rate() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$@" | tee -a "$work/wrk.log" | awk '/Requests\/sec/ {print $2}'; }
errors() { grep -E 'Non-2xx|Socket errors' "$work/wrk.log" || true; }

echo "warm-up…" >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s "$work/token.lua" "$BASE/oauth/token" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$BASE/healthz" >/dev/null
# /healthz before and after the grants, so load from elsewhere on the machine shows up instead of skewing the ratio.
healthz_before=$(rate "$BASE/healthz")
grants=$(rate -s "$work/token.lua" "$BASE/oauth/token")
healthz_after=$(rate "$BASE/healthz")
introspections=$(rate -s "$work/introspect.lua" "$BASE/oauth/introspect")
healthz=$(awk -v a="$healthz_before" -v b="$healthz_after" 'BEGIN {printf "%.2f", (a + b) / 2}')
errors

echo "date:            $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "load average:    $(cut -d' ' -f1-3 /proc/loadavg) (at the end)"
echo "machine:         $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "settings:        $(grep '^HASHER=' "$work/server.log"), wrk -t$THREADS -c$CONNECTIONS -d$DURATION, keep-alive"
echo "healthz/s:       $healthz (before $healthz_before, after $healthz_after)"
echo "grants/s:        $grants"
echo "ratio:           $(awk -v g="$grants" -v h="$healthz" 'BEGIN {printf "%.2f", g / h}')"
echo "introspections/s: $introspections"
