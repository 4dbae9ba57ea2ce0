#!/usr/bin/env python3
"""Checks Sentinel's image archive without a container runtime, and exits 1 naming every problem found:

* the OCI layout: oci-layout, index.json with one image manifest named sentinel:VERSION, every blob present with
  the digest and size its descriptor states, the layer's diff id in the configuration;
* manifest.json for `docker load` before Docker 25: the same configuration and layers, tagged alike;
* the configuration: a numeric user that is not root, the data directory a volume and the SENTINEL_DATA_DIR of the
  environment, SENTINEL_HOST=0.0.0.0, the port exposed, the launcher as entry point running serve;
* the layer: the launcher, the jar and java, the user in /etc/passwd, the data directory owned by that user with
  mode 0700, and no device nodes (rootless podman cannot create them).

    check_archive.py sentinel-0.1.0-image.tar
    check_archive.py --self-test      # builds small good and broken archives and checks the verdicts

Standard library only.
"""
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oci_archive  # noqa: E402

LAUNCHER = "opt/sentinel/bin/sentinel"
JAR = "opt/sentinel/lib/sentinel.jar"
JAVA = "usr/bin/java"


def check(path):
    """Every problem of the archive at path, as sentences; empty when it is right."""
    problems = []
    with tarfile.open(path, "r:") as archive:
        members = {member.name.lstrip("./"): member for member in archive.getmembers()}

        def read(name):
            member = members.get(name)
            if member is None or not member.isfile():
                problems.append("%s is missing" % name)
                return None
            return archive.extractfile(member).read()

        def read_json(name):
            data = read(name)
            if data is None:
                return None
            try:
                return json.loads(data)
            except ValueError as malformed:
                problems.append("%s is not JSON: %s" % (name, malformed))
                return None

        def blob(descriptor, what, keep=True):
            """The blob's bytes (None when not kept or missing), after checking its digest and size."""
            digest = descriptor.get("digest", "")
            name = oci_archive.blob_path(digest) if digest.startswith("sha256:") else None
            if name is None or name not in members:
                problems.append("the %s blob %s is missing" % (what, digest))
                return None
            hashed, size, kept = hashlib.sha256(), 0, []
            stream = archive.extractfile(members[name])
            while chunk := stream.read(oci_archive.CHUNK):
                hashed.update(chunk)
                size += len(chunk)
                if keep:
                    kept.append(chunk)
            if "sha256:" + hashed.hexdigest() != digest:
                problems.append("the %s blob %s does not have that digest" % (what, digest))
            if size != descriptor.get("size"):
                problems.append("the %s blob %s is %d bytes, not the %s its descriptor says"
                                % (what, digest, size, descriptor.get("size")))
            return b"".join(kept) if keep else None

        layout = read_json("oci-layout")
        if layout is not None and layout.get("imageLayoutVersion") != "1.0.0":
            problems.append("oci-layout does not declare imageLayoutVersion 1.0.0")
        index = read_json("index.json") or {}
        manifests = index.get("manifests", [])
        if len(manifests) != 1 or manifests[0].get("mediaType") != oci_archive.OCI_MANIFEST:
            problems.append("index.json must list exactly one OCI image manifest (lists %d)" % len(manifests))
            return problems
        reference = manifests[0].get("annotations", {}).get("org.opencontainers.image.ref.name", "")
        if not reference.startswith(oci_archive.REPOSITORY + ":"):
            problems.append("index.json names the image %r, not sentinel:VERSION" % reference)
        manifest_data = blob(manifests[0], "manifest")
        if manifest_data is None:
            return problems
        manifest = json.loads(manifest_data)
        config_data = blob(manifest.get("config", {}), "config")
        layers = manifest.get("layers", [])
        for layer in layers:
            blob(layer, "layer", keep=False)
        layer_members = [members.get(oci_archive.blob_path(layer.get("digest", ":"))) for layer in layers]

        docker = read_json("manifest.json")
        if docker is not None:
            expected = [{"Config": oci_archive.blob_path(manifest.get("config", {}).get("digest", ":")),
                         "RepoTags": [reference],
                         "Layers": [oci_archive.blob_path(layer.get("digest", ":")) for layer in layers]}]
            if docker != expected:
                problems.append("manifest.json %s does not match index.json's image %s" % (docker, expected))

        if config_data is None:
            return problems
        config = json.loads(config_data)
        diff_ids = [layer_diff_id(archive.extractfile(member)) for member in layer_members if member is not None]
        if config.get("rootfs", {}).get("diff_ids") != diff_ids:
            problems.append("the configuration's diff_ids do not match the layers' contents")
        uid = check_config(config.get("config", {}), reference, problems)
        for member in layer_members:
            if member is not None:
                check_layer(archive.extractfile(member), uid, config.get("config", {}), problems)
    return problems


def layer_diff_id(stream):
    """The digest of the layer's tar, gzipped or not."""
    head = stream.read(2)
    stream.seek(0)
    unpacked = gzip.GzipFile(fileobj=stream) if head == b"\x1f\x8b" else stream
    hashed = hashlib.sha256()
    while chunk := unpacked.read(oci_archive.CHUNK):
        hashed.update(chunk)
    return "sha256:" + hashed.hexdigest()


def check_config(config, reference, problems):
    """Checks the run configuration; returns the user's uid (or None)."""
    user = config.get("User", "")
    uid = user.split(":", 1)[0]
    if not uid.isdigit():
        problems.append("the user %r is not numeric (Kubernetes' runAsNonRoot cannot check a name)" % user)
        uid = None
    elif int(uid) == 0:
        problems.append("the image runs as root (user %r)" % user)
    env = dict(item.split("=", 1) for item in config.get("Env", []) if "=" in item)
    data_dir = env.get("SENTINEL_DATA_DIR")
    if not data_dir:
        problems.append("SENTINEL_DATA_DIR is not set in the environment")
    elif data_dir not in config.get("Volumes", {}):
        problems.append("the data directory %s is not a volume (volumes: %s)"
                        % (data_dir, sorted(config.get("Volumes", {}))))
    if env.get("SENTINEL_HOST") != "0.0.0.0":
        problems.append("SENTINEL_HOST is %r, not 0.0.0.0: the server would not be reachable from outside"
                        % env.get("SENTINEL_HOST"))
    port = env.get("SENTINEL_PORT", "8080")
    if "%s/tcp" % port not in config.get("ExposedPorts", {}):
        problems.append("port %s/tcp is not exposed" % port)
    if config.get("Entrypoint") != ["/" + LAUNCHER] or config.get("Cmd") != ["serve"]:
        problems.append("the image does not run %s serve (Entrypoint %s, Cmd %s)"
                        % ("/" + LAUNCHER, config.get("Entrypoint"), config.get("Cmd")))
    if config.get("Labels", {}).get("org.opencontainers.image.version") != reference.split(":", 1)[-1]:
        problems.append("the version label does not match the image's tag %s" % reference)
    return None if uid is None else int(uid)


def check_layer(stream, uid, config, problems):
    env = dict(item.split("=", 1) for item in config.get("Env", []) if "=" in item)
    data_dir = env.get("SENTINEL_DATA_DIR", "").strip("/")
    with tarfile.open(fileobj=stream, mode="r:*") as layer:
        members = {member.name.lstrip("./"): member for member in layer.getmembers()}
        for name in (LAUNCHER, JAR):
            if name not in members or not members[name].isfile():
                problems.append("the layer has no /%s" % name)
        if LAUNCHER in members and not members[LAUNCHER].mode & 0o111:
            problems.append("/%s is not executable" % LAUNCHER)
        if JAVA not in members:
            problems.append("the layer has no /%s" % JAVA)
        devices = [name for name, member in members.items() if member.ischr() or member.isblk()]
        if devices:
            problems.append("the layer holds device nodes (%s): rootless runtimes cannot create them"
                            % ", ".join(sorted(devices)[:3]))
        passwd = members.get("etc/passwd")
        users = {}
        if passwd is not None and passwd.isfile():
            for line in layer.extractfile(passwd).read().decode().splitlines():
                fields = line.split(":")
                if len(fields) > 2 and fields[2].isdigit():
                    users[int(fields[2])] = fields[0]
        if uid is not None and uid not in users:
            problems.append("/etc/passwd has no user with uid %d" % uid)
        directory = members.get(data_dir)
        if data_dir and (directory is None or not directory.isdir()):
            problems.append("the layer has no data directory /%s" % data_dir)
        elif data_dir and uid is not None and (directory.uid != uid or directory.mode & 0o777 != 0o700):
            problems.append("/%s is owned by uid %d with mode %o, not by uid %d with mode 700"
                            % (data_dir, directory.uid, directory.mode & 0o777, uid))


def self_test():
    """Builds a right archive and broken ones with oci_archive's writer; each must get the verdict it deserves."""
    failures = []
    with tempfile.TemporaryDirectory() as work:
        def layer(owner=10001, device=False, jar=True):
            path = os.path.join(work, "layer-%d-%s-%s.tar.gz" % (owner, device, jar))
            with tarfile.open(path, "w:gz") as tar:
                def entry(name, kind=tarfile.REGTYPE, data=b"", mode=0o644, uid=0):
                    info = tarfile.TarInfo("./" + name)
                    info.type, info.mode, info.uid, info.gid, info.size = kind, mode, uid, uid, len(data)
                    tar.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
                entry("etc/passwd", data=b"root:x:0:0:root:/root:/bin/bash\nsentinel:x:10001:10001::/:/bin/false\n")
                entry(LAUNCHER, data=b"#!/bin/sh\n", mode=0o755)
                if jar:
                    entry(JAR, data=b"PK")
                entry(JAVA, kind=tarfile.SYMTYPE)
                entry("var/lib/sentinel", kind=tarfile.DIRTYPE, mode=0o700, uid=owner)
                if device:
                    entry("dev/null", kind=tarfile.CHRTYPE, mode=0o666)
            return path

        def archive(name, layer_path, user="10001:10001", data_dir="/var/lib/sentinel", edit=None):
            out = os.path.join(work, name + ".tar")
            oci_archive.write(out, layer_path, "1.2.3", user, data_dir, 8080, "amd64", "self-test")
            if edit:
                edit(out)
            return out

        def tamper_manifest_json(out):
            rewrite(out, "manifest.json", lambda data: data.replace(b"sentinel:1.2.3", b"other:1.2.3"))

        def drop_layer_blob(out):
            rewrite(out, None, None, drop=lambda name: name.startswith("blobs/") and
                    name != "blobs/sha256" and len(name) > 20 and is_layer(out, name))

        def config_changed(change):
            original = oci_archive.image_config

            def changed(*arguments):
                config = original(*arguments)
                change(config["config"])
                return config
            return changed

        def archive_with(name, layer_path, change):
            original = oci_archive.image_config
            oci_archive.image_config = config_changed(change)
            try:
                return archive(name, layer_path)
            finally:
                oci_archive.image_config = original

        good = layer()
        cases = [
            ("right", archive("right", good), None),
            ("root user", archive("root", good, user="0:0"), "runs as root"),
            ("named user", archive("named", good, user="sentinel"), "is not numeric"),
            ("data directory not a volume", archive_with("novolume", good, lambda c: c.pop("Volumes")),
             "is not a volume"),
            ("data directory missing", archive("nodir", good, data_dir="/data"), "no data directory /data"),
            ("loopback only", archive_with("loopback", good, lambda c: c["Env"].remove("SENTINEL_HOST=0.0.0.0")),
             "SENTINEL_HOST is None"),
            ("data directory of root", archive("rootowned", layer(owner=0)), "owned by uid 0"),
            ("no jar", archive("nojar", layer(jar=False)), "no /" + JAR),
            ("device node", archive("device", layer(device=True)), "device nodes"),
            ("manifest.json of another image", archive("tag", good, edit=tamper_manifest_json),
             "does not match index.json"),
            ("layer blob missing", archive("noblob", good, edit=drop_layer_blob), "layer blob"),
        ]
        for name, path, expected in cases:
            problems = check(path)
            if expected is None and problems:
                failures.append("%s: refused: %s" % (name, "; ".join(problems)))
            elif expected is not None and not any(expected in problem for problem in problems):
                failures.append("%s: expected a problem with %r, got %s" % (name, expected, problems))
    for failure in failures:
        print("[check] self-test failed: " + failure, file=sys.stderr)
    print("[check] self-test: %d archives, %d verdicts wrong" % (len(cases), len(failures)))
    return 1 if failures else 0


def is_layer(out, name):
    with tarfile.open(out, "r:") as archive:
        manifest_json = json.loads(archive.extractfile("manifest.json").read())
    return name in manifest_json[0]["Layers"]


def rewrite(out, target, change, drop=None):
    """Copies the archive at out with the member target changed (or members dropped), in place."""
    copy = out + ".new"
    with tarfile.open(out, "r:") as source, tarfile.open(copy, "w", format=tarfile.PAX_FORMAT) as result:
        for member in source.getmembers():
            if drop and drop(member.name):
                continue
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name == target:
                data = change(data)
                member.size = len(data)
            result.addfile(member, io.BytesIO(data) if data is not None else None)
    os.replace(copy, out)


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = check(sys.argv[1])
    for problem in problems:
        print("[check] %s: %s" % (sys.argv[1], problem), file=sys.stderr)
    if problems:
        return 1
    print("[check] %s: OCI layout, manifest.json, blobs, non-root user, volume, env and layer are right" % sys.argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
