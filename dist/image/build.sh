#!/usr/bin/env bash
# Builds the container image of `sentinel serve` from Debian packages only — no registry pull — and writes it as
# dist/image/target/sentinel-VERSION-image.tar, which `docker load` and `podman load` both accept:
#
#   sudo dist/image/build.sh            # after ./mvnw package (it needs sentinel-cli/target/sentinel.jar)
#   docker load -i dist/image/target/sentinel-0.1.0-image.tar
#
# The root file system is a minimal Debian bookworm made by mmdebstrap (the Essential:yes packages plus Debian's
# openjdk-17-jre-headless, without documentation), with the distribution's launcher and the runnable jar in
# /opt/sentinel. It runs as user sentinel (uid and gid 10001), keeps its data in the volume /var/lib/sentinel and is
# configured by the SENTINEL_* environment variables of `sentinel serve` (docs/operations.md#container-image).
#
# Needs root (mmdebstrap's root mode, and files owned by the image's user), mmdebstrap, python3 and Debian's mirror.
#   SENTINEL_JAR                the jar to put in (default: sentinel-cli/target/sentinel.jar)
#   SENTINEL_IMAGE_MIRROR       Debian mirror (default: http://deb.debian.org/debian)
#   SENTINEL_IMAGE_SECURITY     Debian security mirror (default: http://deb.debian.org/debian-security)
#   SENTINEL_IMAGE_OUT          output directory (default: dist/image/target)
set -euo pipefail
cd "$(dirname "$0")/../.."
here=dist/image

log() { printf '[image] %s\n' "$*" >&2; }
fail() { log "$*"; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root (mmdebstrap's root mode, files owned by the image's user): sudo $0"
command -v mmdebstrap >/dev/null || fail "mmdebstrap is missing: apt-get install mmdebstrap"
command -v python3 >/dev/null || fail "python3 is missing: apt-get install python3"
jar=${SENTINEL_JAR:-sentinel-cli/target/sentinel.jar}
[ -f "$jar" ] || fail "$jar is missing: build it first with ./mvnw -B -DskipTests -pl sentinel-cli -am package"
launcher=sentinel-cli/src/dist/bin/sentinel
version=$(unzip -p "$jar" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *//p' | tr -d '\r')
[ -n "$version" ] || fail "$jar names no Implementation-Version in its manifest"
mirror=${SENTINEL_IMAGE_MIRROR:-http://deb.debian.org/debian}
security=${SENTINEL_IMAGE_SECURITY:-http://deb.debian.org/debian-security}
out=${SENTINEL_IMAGE_OUT:-$here/target}
arch=$(dpkg --print-architecture)
uid=10001
data=/var/lib/sentinel

mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/sentinel-image.XXXXXX")
remove_work() { # never through a mount left behind (a failed mmdebstrap could leave /proc or /dev mounted there)
  if grep -q " $work/" /proc/mounts; then log "left $work: something is still mounted in it"; else rm -rf --one-file-system "$work"; fi
}
trap remove_work EXIT
rootfs=$work/rootfs
started=$SECONDS

# The hooks run outside the chroot, with the root file system as "$1", after every package is installed.
hooks=(
  "echo 'sentinel:x:$uid:$uid:Sentinel:$data:/usr/sbin/nologin' >> \"\$1/etc/passwd\""
  "echo 'sentinel:x:$uid:' >> \"\$1/etc/group\""
  "install -d -m 0755 \"\$1/opt/sentinel/bin\" \"\$1/opt/sentinel/lib\""
  "install -m 0755 '$PWD/$launcher' \"\$1/opt/sentinel/bin/sentinel\""
  "install -m 0644 '$(realpath "$jar")' \"\$1/opt/sentinel/lib/sentinel.jar\""
  "install -m 0644 '$PWD/LICENSE' \"\$1/opt/sentinel/LICENSE\""
  "ln -s /opt/sentinel/bin/sentinel \"\$1/usr/local/bin/sentinel\""
  "install -d -m 0700 -o $uid -g $uid \"\$1$data\""
  # The launcher keeps what makes later commands start fast (a class-data archive) beside the jar, where only root
  # may write: run the probe once now, as root, so that the image has it, readable by every user.
  "chroot \"\$1\" /opt/sentinel/bin/sentinel healthcheck --url http://127.0.0.1:9/readyz --timeout 1s >/dev/null 2>&1 || true"
  "if [ -f \"\$1/opt/sentinel/lib/sentinel.jsa\" ]; then chmod 0644 \"\$1/opt/sentinel/lib/sentinel.jsa\"; fi"
)
hook_options=()
for hook in "${hooks[@]}"; do hook_options+=(--customize-hook="$hook"); done

log "Debian bookworm ($arch) with openjdk-17-jre-headless from $mirror, by mmdebstrap"
# Packages are installed by the apt outside, so apt itself is not in the image. update-alternatives links java's
# manual page into man1, and fails when that directory is missing. The merged-usr hook makes /bin a link to /usr/bin
# from the start instead of installing usrmerge, which would bring perl (26 MB). Its output goes to mmdebstrap.log.
mmdebstrap --mode=root --variant=essential --arch="$arch" --include=openjdk-17-jre-headless \
  --aptopt='APT::Install-Recommends "false"' \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  "${hook_options[@]}" \
  bookworm "$rootfs" \
  "deb $mirror bookworm main" "deb $mirror bookworm-updates main" "deb $security bookworm-security main" \
  > "$out/mmdebstrap.log" 2>&1 || { tail -n 40 "$out/mmdebstrap.log" >&2; fail "mmdebstrap failed; its log: $out/mmdebstrap.log"; }
# What the apt outside left behind (package lists, caches, downloaded packages), logs and backup files.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/log/apt "$rootfs"/var/log/dpkg.log \
  "$rootfs"/var/log/alternatives.log "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/lib/dpkg/*-old "$rootfs"/tmp/*
log "root file system made in $((SECONDS - started)) s: $(du -sh "$rootfs" | cut -f1)"

# One layer: the whole root, owners as numbers, without device nodes (a runtime provides /dev, and rootless
# podman may not create them) or what was left in /tmp.
java_version=$(dpkg-query --admindir="$rootfs/var/lib/dpkg" -W -f '${Version}' openjdk-17-jre-headless)
[ -f "$rootfs/opt/sentinel/lib/sentinel.jsa" ] && log "class-data archive of the admin commands: kept" \
  || log "class-data archive of the admin commands: none was made (commands start slower)"
tar --create --directory "$rootfs" --numeric-owner --sort=name --exclude='./dev/*' --exclude='./proc/*' \
  --exclude='./sys/*' --exclude='./tmp/*' --file - . | gzip -n -6 > "$work/layer.tar.gz"
python3 "$here/oci_archive.py" --layer "$work/layer.tar.gz" --version "$version" --user "$uid:$uid" \
  --data-dir "$data" --port 8080 --arch "$arch" \
  --created-by "dist/image/build.sh: mmdebstrap bookworm essential + openjdk-17-jre-headless $java_version + sentinel.jar" \
  --out "$out/sentinel-$version-image.tar"
python3 "$here/check_archive.py" "$out/sentinel-$version-image.tar"
log "wrote $out/sentinel-$version-image.tar ($(du -h "$out/sentinel-$version-image.tar" | cut -f1)) in $((SECONDS - started)) s"
echo "$out/sentinel-$version-image.tar"
