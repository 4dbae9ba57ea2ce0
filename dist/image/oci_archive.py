#!/usr/bin/env python3
"""Writes Sentinel's image archive from one gzipped layer: an OCI image layout (oci-layout, index.json, blobs/sha256)
plus the manifest.json that `docker load` before Docker 25 reads instead of index.json. Both files point at the same
blobs, so the archive is no bigger for holding both. Standard library only.

    oci_archive.py --layer layer.tar.gz --version 0.1.0 --user 10001:10001 --data-dir /var/lib/sentinel \
        --port 8080 --arch amd64 --out sentinel-0.1.0-image.tar

The image configuration has no HEALTHCHECK: the OCI format has no such field (podman drops it, and so does Docker
when it reads an OCI image), so the probe is set where the container is run (docs/operations.md#container-image).
"""
import argparse
import datetime
import gzip
import hashlib
import io
import json
import tarfile

REPOSITORY = "sentinel"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip"
CHUNK = 1 << 20
# Debian's architecture names where OCI's differ (GOARCH), with the variant OCI adds
OCI_ARCHITECTURES = {"armhf": ("arm", "v7"), "armel": ("arm", "v5"), "i386": ("386", None),
                     "ppc64el": ("ppc64le", None)}


def digests(layer_path):
    """The layer's digest (of the gzip file, as stored) and diff id (of the tar inside), with its size."""
    stored, unpacked, size = hashlib.sha256(), hashlib.sha256(), 0
    with open(layer_path, "rb") as raw:
        while chunk := raw.read(CHUNK):
            stored.update(chunk)
            size += len(chunk)
    with gzip.open(layer_path, "rb") as tar:
        while chunk := tar.read(CHUNK):
            unpacked.update(chunk)
    return "sha256:" + stored.hexdigest(), "sha256:" + unpacked.hexdigest(), size


def image_config(version, user, data_dir, port, arch, diff_id, created, created_by):
    architecture, variant = OCI_ARCHITECTURES.get(arch, (arch, None))
    config = {
        "created": created,
        "architecture": architecture,
        "os": "linux",
        "config": {
            "User": user,
            "Env": [
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "LANG=C.UTF-8",
                "SENTINEL_HOST=0.0.0.0",
                "SENTINEL_PORT=%d" % port,
                "SENTINEL_DATA_DIR=" + data_dir,
            ],
            "Entrypoint": ["/opt/sentinel/bin/sentinel"],
            "Cmd": ["serve"],
            "WorkingDir": data_dir,
            "ExposedPorts": {"%d/tcp" % port: {}},
            "Volumes": {data_dir: {}},
            "StopSignal": "SIGTERM",
            "Labels": {
                "org.opencontainers.image.title": "Sentinel",
                "org.opencontainers.image.description": "Sentinel Passes: machine credentials for AI agents",
                "org.opencontainers.image.version": version,
                "org.opencontainers.image.licenses": "Apache-2.0",
            },
        },
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created": created, "created_by": created_by}],
    }
    if variant:
        config["variant"] = variant
    return config


def canonical(document):
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode()


def blob(data):
    return "sha256:" + hashlib.sha256(data).hexdigest(), data


def blob_path(digest):
    return "blobs/sha256/" + digest.split(":", 1)[1]


def write(out, layer_path, version, user, data_dir, port, arch, created_by, created=None):
    created = created or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    layer_digest, diff_id, layer_size = digests(layer_path)
    config_digest, config = blob(canonical(image_config(version, user, data_dir, port, arch, diff_id, created,
                                                        created_by)))
    manifest_digest, manifest = blob(canonical({
        "schemaVersion": 2,
        "mediaType": OCI_MANIFEST,
        "config": {"mediaType": OCI_CONFIG, "digest": config_digest, "size": len(config)},
        "layers": [{"mediaType": OCI_LAYER_GZIP, "digest": layer_digest, "size": layer_size}],
    }))
    reference = "%s:%s" % (REPOSITORY, version)
    index = canonical({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [{
            "mediaType": OCI_MANIFEST, "digest": manifest_digest, "size": len(manifest),
            "annotations": {
                # containerd and Docker 25+ name the image from the first, podman from the second
                "io.containerd.image.name": "docker.io/library/" + reference,
                "org.opencontainers.image.ref.name": reference,
            },
        }],
    })
    docker_manifest = canonical([{
        "Config": blob_path(config_digest), "RepoTags": [reference], "Layers": [blob_path(layer_digest)],
    }])
    with tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as archive:
        for directory in ("blobs", "blobs/sha256"):
            info = tarfile.TarInfo(directory)
            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, 0
            archive.addfile(info)
        add(archive, "oci-layout", canonical({"imageLayoutVersion": "1.0.0"}))
        add(archive, "index.json", index)
        add(archive, "manifest.json", docker_manifest)
        add(archive, blob_path(manifest_digest), manifest)
        add(archive, blob_path(config_digest), config)
        info = archive.gettarinfo(layer_path, arcname=blob_path(layer_digest))
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mode, info.mtime = 0o644, 0
        with open(layer_path, "rb") as layer:
            archive.addfile(info, layer)
    return reference


def add(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o644, 0
    archive.addfile(info, io.BytesIO(data))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--layer", required=True, help="the root file system as one gzipped tar")
    parser.add_argument("--version", required=True)
    parser.add_argument("--user", required=True, help="uid:gid the server runs as (numeric, not 0)")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--arch", required=True, help="Debian architecture of the layer (dpkg --print-architecture)")
    parser.add_argument("--created-by", default="dist/image/build.sh")
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    reference = write(arguments.out, arguments.layer, arguments.version, arguments.user, arguments.data_dir,
                      arguments.port, arguments.arch, arguments.created_by)
    print("[image] %s: %s" % (arguments.out, reference))


if __name__ == "__main__":
    main()
