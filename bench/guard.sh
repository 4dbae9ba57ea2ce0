#!/usr/bin/env bash
# Guard overhead: requests/s of a trivial route behind the Sentinel guard divided by the same route unprotected, in
# one run, with keep-alive. The guard verifies the bearer token, checks the pass (state re-read every 2 s) and records
# every request through the activity buffer into an H2 data directory. Needs wrk (apt-get install wrk).
# Environment: DURATION (default 15s), THREADS (2), CONNECTIONS (32), RECORDING (store, the default: write every
# request to H2 as production does; discard: count and drop, to see the guard's own cost apart from storage).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
run_mvn() { if command -v flock >/dev/null; then flock /tmp/sentinel-mvn.lock ./mvnw "$@"; else ./mvnw "$@"; fi; }
run_mvn -B -q -pl sentinel-cli -am test-compile dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath" >/dev/null
CP="sentinel-cli/target/test-classes:$(cat "$work/classpath")"

java -Xms512m -Xmx1g -cp "$CP" dev.sentinel.cli.bench.GuardBenchServer "$work/data" "${RECORDING:-store}" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; cat "$work/server.log" | grep ACTIVITY || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do grep -q '^TOKEN=' "$work/server.log" 2>/dev/null && break; sleep 0.1; done
eval "$(grep -E '^(APP_PORT|TOKEN)=' "$work/server.log")"
BASE="http://127.0.0.1:$APP_PORT"

rate() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$@" | tee -a "$work/wrk.log" | awk '/Requests\/sec/ {print $2}'; }
echo "warm-up…" >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -H "Authorization: Bearer $TOKEN" "$BASE/v1/ping" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -H "Authorization: Bearer $TOKEN" "$BASE/open/ping" >/dev/null
# Unprotected before and after the protected run, so load from elsewhere on the machine shows instead of skewing.
# Both routes get the same request, bearer header included, so the ratio shows what the guard adds, not the cost
# of parsing a longer request.
open_before=$(rate -H "Authorization: Bearer $TOKEN" "$BASE/open/ping")
guarded=$(rate -H "Authorization: Bearer $TOKEN" "$BASE/v1/ping")
open_after=$(rate -H "Authorization: Bearer $TOKEN" "$BASE/open/ping")
grep -E 'Non-2xx|Socket errors' "$work/wrk.log" || true
open=$(awk -v a="$open_before" -v b="$open_after" 'BEGIN {printf "%.2f", (a + b) / 2}')

echo "date:          $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "load average:  $(cut -d' ' -f1-3 /proc/loadavg) (at the end)"
echo "machine:       $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "settings:      wrk -t$THREADS -c$CONNECTIONS -d$DURATION, keep-alive, same bearer header on both routes, H2, recording=${RECORDING:-store}"
echo "open/s:        $open (before $open_before, after $open_after)"
echo "guarded/s:     $guarded"
echo "ratio:         $(awk -v g="$guarded" -v o="$open" 'BEGIN {printf "%.2f", g / o}')"
