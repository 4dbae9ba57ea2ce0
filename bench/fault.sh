#!/usr/bin/env bash
# Fault run: stop and kill `sentinel serve` (the built jar, H2) while wrk requests tokens as fast as it can, then count
# the token_generation events stored against the grants answered 200. Needs wrk, curl and python3.
# Usage: bench/fault.sh [ROUNDS]   (each round: one SIGTERM run and one SIGKILL run, on fresh data directories)
# Environment: LOAD_SECONDS before the signal (default 5), CONNECTIONS (32), JAVA_OPTS (-Xms512m -Xmx1g).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
LOAD_SECONDS=${LOAD_SECONDS:-5}
CONNECTIONS=${CONNECTIONS:-32}
ADMIN_TOKEN=bench-admin-token-0123456789abcdef
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
run_mvn() { if command -v flock >/dev/null; then flock /tmp/sentinel-mvn.lock ./mvnw "$@"; else ./mvnw "$@"; fi; }
run_mvn -B -q -DskipTests -pl sentinel-cli -am package >/dev/null
JAR=sentinel-cli/target/sentinel.jar
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill -9 "$server" 2>/dev/null; rm -rf "$work"' EXIT

cat >"$work/count.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("answered_2xx %d\n", summary.requests - summary.errors.status))
end
LUA

one_run() { # signal
  local signal=$1 data="$work/data-$RANDOM" log="$work/serve.log"
  # shellcheck disable=SC2086
  SENTINEL_ADMIN_TOKEN=$ADMIN_TOKEN java ${JAVA_OPTS:--Xms512m -Xmx1g} -jar "$JAR" serve --port 0 --data-dir "$data" \
    >"$log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do grep -q 'listening on http' "$log" 2>/dev/null && break; sleep 0.1; done
  local base
  base=$(grep -m1 -oE 'listening on http://[0-9.]+:[0-9]+' "$log" | sed 's/listening on //')
  curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d '{"agent_name": "Fault Agent", "agent_type": "benchmark"}' "$base/api/v1/projects/fault/passes" >"$work/created.json"
  local pass_id basic
  pass_id=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['pass']['pass_id'])" "$work/created.json")
  basic=$(python3 -c "import json,sys,base64; c=json.load(open(sys.argv[1]))['credentials']; print(base64.b64encode((c['client_id']+':'+c['client_secret']).encode()).decode())" "$work/created.json")
  cat >"$work/token.lua" <<LUA
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $basic"
LUA
  cat "$work/count.lua" >>"$work/token.lua"
  wrk -t2 -c"$CONNECTIONS" -d"$((LOAD_SECONDS + 3))s" -s "$work/token.lua" "$base/oauth/token" >"$work/wrk.out" 2>&1 &
  local wrk_pid=$!
  sleep "$LOAD_SECONDS"
  local stop_started stop_ms
  stop_started=$(date +%s%N)
  kill -s "$signal" "$server"
  wait "$server" 2>/dev/null || true
  stop_ms=$(( ($(date +%s%N) - stop_started) / 1000000 ))
  server=""
  wait "$wrk_pid" || true
  local answered stored
  answered=$(awk '/answered_2xx/ {print $2}' "$work/wrk.out")
  stored=$(java -jar "$JAR" usage "$pass_id" --range 24h --json --data-dir "$data" 2>/dev/null \
    | python3 -c "import json,sys; print(json.load(sys.stdin)['metrics']['total_requests'])")
  printf '%-5s stop %5d ms   answered %6d   stored %6d   lost %5d\n' "$signal" "$stop_ms" "$answered" "$stored" \
    "$((answered - stored))"
}

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "load: wrk -t2 -c$CONNECTIONS, signal after ${LOAD_SECONDS}s of grants; stored = token_generation events after the stop"
for _ in $(seq 1 "$ROUNDS"); do
  one_run TERM
  one_run KILL
done
