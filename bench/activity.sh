#!/usr/bin/env bash
# Activity benchmark (issues 3 and 5, docs/benchmarks.md "Activity"):
#  ingest  - sustained ingest for SECONDS (30) through the real path (producer threads -> BatchingActivityRecorder ->
#            StoringActivityRecorder -> JdbiStorage) into a fresh H2 file database, then sent == stored is checked;
#            PostgreSQL beside it when SENTINEL_BENCH_PG_URL (+ _USER, _PASSWORD) is set.
#  queries - one pass with 10,000,000 events: p50/p95 of the 30-day usage query, filtered activity pages and a
#            10,000-record export.
# Not part of ./mvnw verify. Usage: bench/activity.sh [ingest|queries|all] ; tune with JAVA_OPTS, e.g.
#   JAVA_OPTS="-Dbatch=10000 -Dproducers=4 -Dseconds=30" bench/activity.sh ingest
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-all}

work=$(mktemp -d)
trap 'rm -rf "$work" /tmp/sentinel-activity-bench*' EXIT
lock=/tmp/sentinel-mvn.lock
run_mvn() { if command -v flock >/dev/null; then flock "$lock" ./mvnw "$@"; else ./mvnw "$@"; fi; }
run_mvn -B -q -o -pl sentinel-core,sentinel-persistence-jdbi test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null
# Copy the classes out of target/, so a concurrent build cannot change them under a minutes-long run.
mkdir -p "$work/classes"
for dir in sentinel-persistence-jdbi/target/test-classes sentinel-persistence-jdbi/target/classes \
           sentinel-core/target/classes sentinel-core/target/test-classes; do
  cp -r "$dir" "$work/classes/$(echo "$dir" | tr / _)"
done
CP=$(ls -d "$work"/classes/* | paste -sd:):$(cat "$work/classpath")

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
run() { java -Xms1g -Xmx2g ${JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  dev.sentinel.persistence.jdbi.ActivityBenchmark "$1"; echo "# load average after $1: $(cut -d' ' -f1-3 /proc/loadavg)"; }
case "$mode" in
  ingest|queries) run "$mode" ;;
  all) run ingest; run queries ;;
  *) echo "usage: bench/activity.sh [ingest|queries|all]" >&2; exit 2 ;;
esac
