#!/usr/bin/env bash
# How quickly an admin command answers: `sentinel pass list` through the launcher on an H2 store of 100 passes,
# file cache warm, first with no server running, then beside a running `sentinel serve` on the same store.
# The jar is freshly built and `--version` is the first command after the build, so the class-data archive the
# launcher makes must cover the other commands whatever runs first; how long that first command takes (it runs the
# training that makes the archive) is printed once. Prints the median and the slowest of RUNS runs (default 11) of
# each. Usage: bench/cli.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-11}
run_mvn() { if command -v flock >/dev/null; then flock /tmp/sentinel-mvn.lock ./mvnw "$@"; else ./mvnw "$@"; fi; }
run_mvn -B -q -DskipTests -pl sentinel-cli -am package >/dev/null
rm -f sentinel-cli/target/sentinel*.jsa # as after a clean build
first=$(date +%s%N); ./sentinel --version >/dev/null; first=$(( ($(date +%s%N) - first) / 1000000 ))
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$work"' EXIT
data="$work/data"
for i in $(seq 1 100); do
  name="Agent $(printf '%s' "$i" | tr '0-9' 'A-J')"
  ./sentinel pass create --project bench --name "$name" --type bench --data-dir "$data" >/dev/null 2>&1
done
ms() { local start; start=$(date +%s%N); "$@" >/dev/null; echo $(( ($(date +%s%N) - start) / 1000000 )); }
measure() {
  local label=$1; shift
  for _ in 1 2 3; do "$@" >/dev/null; done # warm the file cache and the class-data archive
  local times; times=$(for _ in $(seq 1 "$RUNS"); do ms "$@"; done | sort -n)
  printf '%-34s median %s ms, slowest %s ms (%s runs)\n' "$label" \
    "$(echo "$times" | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')" "$(echo "$times" | tail -1)" "$RUNS"
}
echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); passes listed: $(./sentinel pass list --project bench --data-dir "$data" | tail -n +2 | wc -l)"
echo "first command after the build (--version, with the training run): $first ms"
measure "pass list, no server" ./sentinel pass list --project bench --data-dir "$data"
measure "pass list, every project" ./sentinel pass list --data-dir "$data"
measure "project list" ./sentinel project list --data-dir "$data"
measure "--version (JVM start alone)" ./sentinel --version
./sentinel serve --port 0 --data-dir "$data" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do grep -q 'listening on' "$work/serve.log" && break; sleep 0.1; done
measure "pass list, beside sentinel serve" ./sentinel pass list --project bench --data-dir "$data"
