#!/usr/bin/env bash
# Do failed grants tell a known client id from an unknown one by their time? The built jar's `sentinel serve` (SHA-256,
# the default hasher; throttling off so that every attempt is checked), one pass. bench/auth_load.py sends failed
# grants on one keep-alive connection, alternating the pass's client id and a fresh unknown one, both with a
# well-formed wrong secret; after 2,000 of each to warm up, ROUNDS rounds of SAMPLES each. Prints per round the
# median, 10th and 90th percentile of each, and the difference of the medians.
# Needs curl, python3. Usage: bench/enumeration.sh   Environment: ROUNDS (default 4), SAMPLES (300), JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-4}
SAMPLES=${SAMPLES:-300}
ADMIN_TOKEN=bench-admin-token-0123456789abcdef
run_mvn() { if command -v flock >/dev/null; then flock /tmp/sentinel-mvn.lock ./mvnw "$@"; else ./mvnw "$@"; fi; }
run_mvn -B -q -DskipTests -pl sentinel-cli -am package >/dev/null

work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
# shellcheck disable=SC2086
SENTINEL_ADMIN_TOKEN=$ADMIN_TOKEN java ${JAVA_OPTS:--Xms512m -Xmx1g} -jar sentinel-cli/target/sentinel.jar serve \
  --port 0 --data-dir "$work/data" --client-failure-limit off --address-failure-limit off >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do grep -q 'listening on http' "$work/server.log" 2>/dev/null && break; sleep 0.1; done
base=$(grep -m1 -oE 'listening on http://[0-9.]+:[0-9]+' "$work/server.log" | sed 's/listening on //')
pass() {
  curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d '{"agent_name": "Enumeration Agent", "agent_type": "benchmark", "permissions": "read"}' \
    "$base/api/v1/projects/bench/passes"
}
id=$(pass | python3 -c "import json,sys; print(json.load(sys.stdin)['credentials']['client_id'])")
# a well-formed wrong secret (another pass's): a malformed one would fail before the hash check for both
wrong=$(pass | python3 -c "import json,sys; print(json.load(sys.stdin)['credentials']['client_secret'])")

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $(java -version 2>&1 | head -1)"
WRONG_SECRET=$wrong python3 bench/auth_load.py pair "$base" "$id" "$ROUNDS" "$SAMPLES"
