#!/usr/bin/env bash
# Storage benchmark: client lookup by client id on 100,000 passes (p50/p99) and batched activity insert throughput,
# on an H2 file database and, when SENTINEL_BENCH_PG_URL is set (with SENTINEL_BENCH_PG_USER and
# SENTINEL_BENCH_PG_PASSWORD), on PostgreSQL beside it. Not part of ./mvnw verify. Usage: bench/storage.sh
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lock=/tmp/sentinel-mvn.lock
run_mvn() { if command -v flock >/dev/null; then flock "$lock" ./mvnw "$@"; else ./mvnw "$@"; fi; }
run_mvn -B -q -pl sentinel-core,sentinel-persistence-jdbi test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null
CP="sentinel-persistence-jdbi/target/test-classes:sentinel-persistence-jdbi/target/classes:sentinel-core/target/classes"
CP="$CP:sentinel-core/target/test-classes:$(cat "$work/classpath")"

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
java -Xms1g -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" dev.sentinel.persistence.jdbi.StorageBenchmark
