#!/usr/bin/env bash
# A rightful grant while a flood of wrong secrets hits the same client id, on the server as shipped: the built jar's
# `sentinel serve` with Argon2id (the costly hasher), one pass. wrk sends wrong secrets for the pass's client id from
# 127.0.0.1 on 40 connections; meanwhile curl asks for a token with the right secret from 127.0.0.2, once every 200 ms,
# and the script prints the median and the slowest of those grants, and what the flood was answered.
# Runs twice: with the default throttling, and with throttling off (the Argon2id bound alone). Then a third time with
# the default throttling against the attack review's spread flood: bench/auth_load.py sends wrong secrets for 12
# unknown client ids from each of 40 loopback addresses (127.0.1.1-40, one connection each) instead of wrk.
# Needs wrk, curl, python3. Usage: bench/flood.sh   Environment: DURATION (default 20s), JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
ADMIN_TOKEN=bench-admin-token-0123456789abcdef
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
run_mvn() { if command -v flock >/dev/null; then flock /tmp/sentinel-mvn.lock ./mvnw "$@"; else ./mvnw "$@"; fi; }
run_mvn -B -q -DskipTests -pl sentinel-cli -am package >/dev/null

round() {
  local label=$1; shift
  local sources=$1; shift
  local work; work=$(mktemp -d)
  # shellcheck disable=SC2086
  SENTINEL_ADMIN_TOKEN=$ADMIN_TOKEN java ${JAVA_OPTS:--Xms512m -Xmx1g} -jar sentinel-cli/target/sentinel.jar serve \
    --port 0 --data-dir "$work/data" --hasher argon2id "$@" >"$work/server.log" 2>&1 &
  local server=$!
  for _ in $(seq 1 300); do grep -q 'listening on http' "$work/server.log" 2>/dev/null && break; sleep 0.1; done
  local base; base=$(grep -m1 -oE 'listening on http://[0-9.]+:[0-9]+' "$work/server.log" | sed 's/listening on //')
  curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d '{"agent_name": "Flood Agent", "agent_type": "benchmark", "permissions": "read"}' \
    "$base/api/v1/projects/bench/passes" >"$work/created.json"
  local id secret wrong
  id=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['credentials']['client_id'])" "$work/created.json")
  secret=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['credentials']['client_secret'])" "$work/created.json")
  # a well-formed wrong secret (another pass's): a changed character would fail the checksum before any hash check
  wrong=$(curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d '{"agent_name": "Other Agent", "agent_type": "benchmark"}' "$base/api/v1/projects/bench/passes" \
    | python3 -c "import json,sys; print(json.load(sys.stdin)['credentials']['client_secret'])")
  cat >"$work/flood.lua" <<LUA
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $(printf '%s:%s' "$id" "$wrong" | base64 -w0)"
LUA
  # warm the JIT on rightful grants first, from the address the rightful client uses (so it has a recent success)
  for _ in $(seq 1 50); do curl -s -o /dev/null --interface 127.0.0.2 -u "$id:$secret" -d grant_type=client_credentials \
    "$base/oauth/token"; done
  if [ "$sources" = wrk ]; then
    wrk -t2 -c40 -d"$DURATION" -s "$work/flood.lua" "$base/oauth/token" >"$work/wrk.log" 2>&1 &
  else
    WRONG_SECRET=$wrong python3 bench/auth_load.py flood "$base" 40 12 "${DURATION%s}" >"$work/sources.log" 2>&1 &
  fi
  local flood=$!
  sleep 2
  : >"$work/times"
  : >"$work/fresh"
  local n=0
  while kill -0 $flood 2>/dev/null; do
    curl -s -o "$work/grant.json" -w '%{http_code} %{time_total}\n' --interface 127.0.0.2 -u "$id:$secret" \
      -d grant_type=client_credentials "$base/oauth/token" >>"$work/times"
    n=$((n + 1))
    if [ $((n % 10)) -eq 0 ]; then # now and then the same client from an address it never used: a pair without a success
      curl -s -o /dev/null -w '%{http_code}\n' --interface "127.0.2.$n" -u "$id:$secret" \
        -d grant_type=client_credentials "$base/oauth/token" >>"$work/fresh"
    fi
    sleep 0.2
  done
  wait $flood || true
  local ok; ok=$(awk '$1 == 200' "$work/times" | wc -l)
  local all; all=$(wc -l <"$work/times")
  local stats; stats=$(awk '$1 == 200 {print $2 * 1000}' "$work/times" | sort -g \
    | awk '{v[NR] = $1} END {printf "median %.0f ms, slowest %.0f ms", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[NR]}')
  local fresh; fresh="$(awk '$1 == 200' "$work/fresh" | wc -l)/$(wc -l <"$work/fresh")"
  if [ "$sources" = wrk ]; then
    local flood_rate; flood_rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.log")
    local non2xx; non2xx=$(awk '/Non-2xx/ {print $5}' "$work/wrk.log")
    printf '%-28s rightful grants from 127.0.0.2: %s/%s answered 200, %s; from new addresses %s; flood: %s req/s, %s non-2xx\n' \
      "$label" "$ok" "$all" "$stats" "$fresh" "$flood_rate" "${non2xx:-0}"
  else
    printf '%-28s rightful grants from 127.0.0.2: %s/%s answered 200, %s; from new addresses %s; flood from 40 addresses x 12 ids: %s\n' \
      "$label" "$ok" "$all" "$stats" "$fresh" "$(cat "$work/sources.log")"
  fi
  kill $server; wait $server 2>/dev/null || true
  rm -rf "$work"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $(java -version 2>&1 | head -1)"
round "throttling on (defaults)" wrk
round "throttling off" wrk --client-failure-limit off --address-failure-limit off
round "40 addresses x 12 ids" sources
