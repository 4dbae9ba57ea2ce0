#!/usr/bin/env bash
# Smoke test of the image archive that dist/image/build.sh writes, as CI runs it after the Maven build:
#
#   sudo dist/image/smoke.sh [ARCHIVE]     # default: the newest dist/image/target/sentinel-*-image.tar
#   sudo .ci/with-postgres dist/image/smoke.sh   # also runs the Compose file's settings against PostgreSQL
#
# Always, without a container runtime: the archive's layout and configuration (check_archive.py, with its self-test
# on broken archives) and the Compose file (check_compose.py; needs python3-yaml, else it says it skipped).
# Then, with podman: load the archive, start the server, /readyz, create a pass over the API, get a token, the CLI
# inside the container, the health check (podman healthcheck run; there is no systemd to schedule it), stop with
# SIGTERM, start a new container on the same volume, find the pass and get a token with the same secret. When
# containers cannot run on this machine it prints a SKIP line with the reason and exits 0; a wrong image fails.
#
# On this kernel crun fails with hybrid cgroups (runc is used), and podman's default ulimits need CAP_SYS_RESOURCE
# (explicit --ulimit values are given). Containers use a storage of their own under a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=dist/image
python=/usr/bin/python3
[ -x "$python" ] || python=python3

log() { printf '[smoke] %s\n' "$*"; }
fail() { log "FAIL: $*"; exit 1; }
skip() { log "SKIP: $*"; log "the archive's layout and configuration were checked; no container was run"; exit 0; }
clock=$SECONDS
lap() { local took=$((SECONDS - clock)); clock=$SECONDS; log "$* (${took} s)"; }

archive=${1:-$(ls -t "$here"/target/sentinel-*-image.tar 2>/dev/null | head -n 1 || true)}
[ -n "$archive" ] && [ -f "$archive" ] || fail "no image archive: run dist/image/build.sh first (or name one)"

# --- Without a runtime ------------------------------------------------------------------------------------------------
"$python" "$here/check_archive.py" --self-test || fail "the archive checker's self-test"
"$python" "$here/check_archive.py" "$archive" || fail "the archive $archive is wrong"
compose_status=0
"$python" "$here/check_compose.py" "$here/compose.yaml" "$archive" || compose_status=$?
case $compose_status in
  0) ;;
  3) log "SKIP: $here/compose.yaml not parsed: python3-yaml is missing" ;;
  *) fail "$here/compose.yaml" ;;
esac
lap "archive and Compose file checked"

# --- Can containers run here? ----------------------------------------------------------------------------------------
command -v podman >/dev/null || skip "podman is not installed (apt-get install podman runc)"
command -v runc >/dev/null || skip "runc is not installed (apt-get install runc); crun fails on hybrid cgroups"
[ "$(id -u)" = 0 ] || skip "run as root: rootless podman needs subordinate ids set up for this user"
work=$(mktemp -d /tmp/sentinel-smoke.XXXXXX)
podman=(podman --root "$work/storage" --runroot "$work/run" --runtime runc)
nofile=$(ulimit -Hn)
if [ "$nofile" = unlimited ] || [ "$nofile" -gt 65536 ]; then nofile=65536; fi
limits=(--ulimit "nofile=$nofile:$nofile" --ulimit nproc=4096:4096)
containers=()
cleanup() {
  for container in "${containers[@]}"; do "${podman[@]}" rm -f "$container" >/dev/null 2>&1 || true; done
  "${podman[@]}" system reset --force >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# A container of one file copied from this machine tells "containers cannot run here" from "the image is wrong".
probe=$work/probe
mkdir -p "$probe"
cp /bin/true "$probe/true"
for library in $(ldd /bin/true | grep -o '/[^ ]*'); do mkdir -p "$probe$(dirname "$library")"; cp -L "$library" "$probe$library"; done
if ! probe_error=$("${podman[@]}" run --rm "${limits[@]}" --network none --rootfs "$probe" /true 2>&1); then
  skip "containers cannot run here: $(printf '%s' "$probe_error" | head -n 1)"
fi
lap "podman $(podman --version | awk '{print $3}') with runc runs containers here"

# --- Load ------------------------------------------------------------------------------------------------------------
loaded=$("${podman[@]}" load -i "$archive" 2>&1) || fail "podman load refused $archive: $loaded"
image=$(printf '%s\n' "$loaded" | sed -n 's/^Loaded image: //p' | tail -n 1)
version=$(basename "$archive" | sed 's/^sentinel-//; s/-image\.tar$//')
[[ "$image" == */sentinel:"$version" ]] || fail "podman load named the image '$image', not sentinel:$version"
lap "podman load: $image"

free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
volume=sentinel-smoke-data
"${podman[@]}" volume create "$volume" >/dev/null

# start NAME PORT [OPTIONS...]: a server as the docs run it, published on loopback only; waits until /readyz is 200
start() {
  local name=$1 port=$2
  shift 2
  containers+=("$name")
  "${podman[@]}" run -d --name "$name" "${limits[@]}" --read-only --tmpfs /tmp -v "$volume:/var/lib/sentinel" \
    -e SENTINEL_ADMIN_TOKEN="$admin" --health-cmd "sentinel healthcheck" --health-interval disable "$@" \
    "$image" >/dev/null || fail "podman run $name"
  local deadline=$((SECONDS + 120))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")" = 200 ]; do
    if [ "$("${podman[@]}" inspect -f '{{.State.Running}}' "$name")" != true ]; then
      "${podman[@]}" logs "$name" >&2 || true
      fail "$name exited before it was ready"
    fi
    [ $SECONDS -lt $deadline ] || { "${podman[@]}" logs "$name" >&2; fail "$name was not ready within 120 s"; }
    sleep 0.5
  done
}

token() { # CLIENT_ID SECRET PORT: the HTTP status of a client credentials grant
  curl -s -o "$work/token.json" -w '%{http_code}' -u "$1:$2" -d grant_type=client_credentials \
    "http://127.0.0.1:$3/oauth/token"
}

field() { "$python" -c 'import json, sys; document = json.load(open(sys.argv[1]))
for key in sys.argv[2].split("."): document = document[key]
print(document)' "$@"; }

# stop NAME: SIGTERM (the image's stop signal), then the graceful stop's exit code and last line
stop() {
  local started=$SECONDS
  "${podman[@]}" stop --time 30 "$1" >/dev/null
  local code
  code=$("${podman[@]}" inspect -f '{{.State.ExitCode}}' "$1")
  [ "$code" = 0 ] || { "${podman[@]}" logs "$1" >&2; fail "$1 exited with $code after SIGTERM"; }
  local logs
  logs=$("${podman[@]}" logs "$1" 2>&1)
  [[ "$logs" =~ Sentinel\ stopped:\ [^$'\n']*\ 0\ lost ]] \
    || { printf '%s\n' "$logs" >&2; fail "$1 did not report a graceful stop without loss"; }
  log "$1 stopped on SIGTERM with exit code 0 in $((SECONDS - started)) s, nothing lost"
}

health() { # NAME: podman healthcheck run must say healthy
  local said
  said=$("${podman[@]}" healthcheck run "$1" 2>&1) || fail "podman healthcheck run $1: $said"
  [ "$("${podman[@]}" inspect -f '{{.State.Health.Status}}' "$1")" = healthy ] || fail "$1 is not healthy"
}

# --- First container: the lines of docs/operations.md, with podman for docker ----------------------------------------
port=$(free_port)
doc=$("$python" - docs/operations.md <<'PYTHON'
import re, sys
for block in re.findall(r"```bash\n(.*?)```", open(sys.argv[1]).read(), re.S):
    if "docker run -d --name sentinel " in block:
        sys.stdout.write(block)
        break
else:
    sys.exit("docs/operations.md has no bash block with 'docker run -d --name sentinel'")
PYTHON
) || fail "the docker run lines of docs/operations.md"
# on loopback, on a free port, with this run's volume and image and the container name this script removes
doc=$(printf '%s\n' "$doc" | sed -E -e "s/-p 8080:8080/-p 127.0.0.1:$port:8080/" -e "s/localhost:8080/127.0.0.1:$port/g" \
  -e "s/sentinel-data:/$volume:/" -e 's/--name sentinel /--name sentinel-smoke-1 /' \
  -e 's/docker exec sentinel /docker exec sentinel-smoke-1 /g' -e "s| sentinel:[0-9][^ ]*\$| $image|")
mkdir -p "$work/bin"
{
  echo '#!/bin/bash'
  printf 'podman=(%s)\n' "$(printf '%q ' "${podman[@]}")"
  printf 'limits=(%s)\n' "$(printf '%q ' "${limits[@]}")"
  echo 'if [ "$1" = run ]; then shift; exec "${podman[@]}" run "${limits[@]}" "$@"; fi'
  echo 'exec "${podman[@]}" "$@"'
} > "$work/bin/docker"
chmod +x "$work/bin/docker"
containers+=(sentinel-smoke-1)
if ! PATH="$work/bin:$PATH" timeout 180 bash -euo pipefail -c "$doc
printf '%s' \"\$SENTINEL_ADMIN_TOKEN\" > '$work/admin'" > "$work/doc.out" 2> "$work/doc.err"; then
  cat "$work/doc.out" "$work/doc.err" >&2
  "${podman[@]}" logs sentinel-smoke-1 >&2 || true
  fail "the docker run lines of docs/operations.md, run with podman"
fi
grep -q '"access_token"' "$work/doc.out" || fail "the docs' curl line got no token: $(cat "$work/doc.out")"
admin=$(cat "$work/admin")
lap "the docs' docker run lines with podman: ready, pass created with docker exec, token issued"
[ "$("${podman[@]}" exec sentinel-smoke-1 id -u)" != 0 ] || fail "the server runs as root"
curl -s -f -o "$work/created.json" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d '{"agent_name": "Smoke Agent", "agent_type": "bot"}' "http://127.0.0.1:$port/api/v1/projects/smoke/passes" \
  || fail "creating a pass over the management API"
pass_id=$(field "$work/created.json" pass.pass_id)
client_id=$(field "$work/created.json" credentials.client_id)
secret=$(field "$work/created.json" credentials.client_secret)
[ "$(token "$client_id" "$secret" "$port")" = 200 ] || fail "no token for $pass_id: $(cat "$work/token.json")"
[ -n "$(field "$work/token.json" access_token)" ] || fail "the token reply has no access_token"
[[ "$("${podman[@]}" exec sentinel-smoke-1 sentinel pass list --project smoke)" == *"$pass_id"* ]] \
  || fail "sentinel pass list inside the container does not show $pass_id"
health sentinel-smoke-1
if "${podman[@]}" exec sentinel-smoke-1 sentinel healthcheck --url http://127.0.0.1:1 --timeout 2s >/dev/null 2>&1; then
  fail "sentinel healthcheck said ready for a port where nothing listens"
fi
lap "pass $pass_id created, token issued, pass list in the container, podman healthcheck run healthy"
stop sentinel-smoke-1
"${podman[@]}" rm sentinel-smoke-1 >/dev/null
lap "sentinel-smoke-1 removed; its data is only in the volume"

# --- A new container on the same volume -------------------------------------------------------------------------------
port=$(free_port)
start sentinel-smoke-2 "$port" -p "127.0.0.1:$port:8080" -e SENTINEL_ISSUER="http://127.0.0.1:$port"
[[ "$("${podman[@]}" exec sentinel-smoke-2 sentinel pass list --project smoke)" == *"$pass_id"* ]] \
  || fail "the new container does not find $pass_id"
[ "$(token "$client_id" "$secret" "$port")" = 200 ] || fail "no token after the restart: $(cat "$work/token.json")"
health sentinel-smoke-2
stop sentinel-smoke-2
lap "a new container on the volume found $pass_id, issued a token with its secret and was healthy"

# --- The Compose file's settings against PostgreSQL (with .ci/with-postgres) --------------------------------------------
if [ -n "${SENTINEL_TEST_PG_URL:-}" ] && [ "$compose_status" = 0 ]; then
  port=$(free_port)
  env_options=()
  while IFS='=' read -r name value; do
    case $name in
      SENTINEL_DB_URL) value=$SENTINEL_TEST_PG_URL ;;   # the compose file's postgres service is this cluster here
      SENTINEL_DB_USER) value=$SENTINEL_TEST_PG_USER ;;
      SENTINEL_DB_PASSWORD) value=$SENTINEL_TEST_PG_PASSWORD ;;
      SENTINEL_ADMIN_TOKEN) value=$admin ;;
      SENTINEL_ISSUER) value="http://127.0.0.1:$port" ;;
    esac
    [[ "$value" != *'${'* ]] || fail "compose.yaml's $name has no value for this run: $value"
    env_options+=(-e "$name=$value")
  done < <("$python" "$here/check_compose.py" "$here/compose.yaml" "$archive" --print-env)
  "${podman[@]}" volume create sentinel-smoke-pg-data >/dev/null
  volume=sentinel-smoke-pg-data
  # The cluster listens on this machine's loopback: the host's network, on loopback only.
  start sentinel-smoke-pg "$port" --network host -e SENTINEL_HOST=127.0.0.1 -e SENTINEL_PORT="$port" \
    "${env_options[@]}"
  curl -s -f -o "$work/created.json" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"agent_name": "Compose Agent", "agent_type": "bot"}' "http://127.0.0.1:$port/api/v1/projects/compose/passes" \
    || fail "creating a pass on PostgreSQL"
  [ "$(token "$(field "$work/created.json" credentials.client_id)" "$(field "$work/created.json" credentials.client_secret)" \
    "$port")" = 200 ] || fail "no token on PostgreSQL: $(cat "$work/token.json")"
  health sentinel-smoke-pg
  stop sentinel-smoke-pg
  lap "the Compose file's Sentinel settings on PostgreSQL: ready, pass created, token issued, healthy"
else
  log "the Compose file's settings were not run against PostgreSQL (run under .ci/with-postgres to do so)"
fi
# --- Docker, where a daemon answers (CI has none: it was tried by hand with Debian's docker.io 20.10) ---------------------
if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  present=$(docker image ls -q "sentinel:$version")
  docker load -i "$archive" >/dev/null || fail "docker load refused $archive"
  said=$(docker run --rm --network none "sentinel:$version" --version 2>&1) || fail "docker run sentinel:$version: $said"
  [[ "$said" == "sentinel $version"* ]] || fail "docker run sentinel:$version --version said: $said"
  [ -n "$present" ] || docker rmi "sentinel:$version" >/dev/null
  lap "docker $(docker version --format '{{.Server.Version}}') loaded the archive as sentinel:$version and ran it"
else
  log "docker: no daemon answers here, docker load not tried"
fi
log "PASS"
