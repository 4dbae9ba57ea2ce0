#!/usr/bin/env python3
"""Checks dist/image/compose.yaml against the image archive and prints the Sentinel service's environment:
it parses as YAML (PyYAML: Debian's python3-yaml), its sentinel service runs the archive's image by default, mounts a
volume on the image's data directory, is probed by `sentinel healthcheck`, waits for a healthy PostgreSQL whose
database, user and password are the ones its SENTINEL_DB_* variables name, and takes every secret from the
environment. Exit status 1 names every problem; 3 when PyYAML is missing (the caller reports a skip).

    check_compose.py compose.yaml sentinel-0.1.0-image.tar [--print-env]

With --print-env it prints the sentinel service's SENTINEL_* variables, one NAME=VALUE a line, with the ${…}
defaults filled in and required values left as ${…}, for a run of the image with the same settings.
"""
import json
import os
import re
import sys
import tarfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oci_archive  # noqa: E402

VARIABLE = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)(?::?([-?])([^}]*))?\}")
SECRETS = ("SENTINEL_DB_PASSWORD", "SENTINEL_ADMIN_TOKEN", "SENTINEL_INGEST_TOKEN", "SENTINEL_METRICS_TOKEN",
           "SENTINEL_KEY_ENCRYPTION_KEY", "POSTGRES_PASSWORD")


def image_config(archive_path):
    with tarfile.open(archive_path, "r:") as archive:
        index = json.loads(archive.extractfile("index.json").read())
        reference = index["manifests"][0]["annotations"]["org.opencontainers.image.ref.name"]
        manifest = json.loads(archive.extractfile(oci_archive.blob_path(index["manifests"][0]["digest"])).read())
        config = json.loads(archive.extractfile(oci_archive.blob_path(manifest["config"]["digest"])).read())
    return reference, config["config"]


def defaults(value):
    """The value with every ${NAME:-default} replaced by its default; ${NAME:?…} and ${NAME} stay."""
    return VARIABLE.sub(lambda match: match.group(3) if match.group(2) == "-" else match.group(0), str(value))


def check(compose, reference, config):
    problems = []
    services = compose.get("services", {})
    sentinel, postgres = services.get("sentinel"), services.get("postgres")
    if sentinel is None or postgres is None:
        return ["compose.yaml needs the services sentinel and postgres (has %s)" % sorted(services)]
    if defaults(sentinel.get("image", "")) != reference:
        problems.append("the sentinel service runs %s by default, not the image built: %s"
                        % (defaults(sentinel.get("image", "")), reference))
    env = {name: str(value) for name, value in (sentinel.get("environment") or {}).items()}
    data_dir = dict(item.split("=", 1) for item in config.get("Env", []))["SENTINEL_DATA_DIR"]
    targets = [str(volume).split(":")[1] for volume in sentinel.get("volumes", []) if ":" in str(volume)]
    if data_dir not in targets:
        problems.append("no volume is mounted on the image's data directory %s (mounts: %s)" % (data_dir, targets))
    if (sentinel.get("healthcheck") or {}).get("test") != ["CMD", "sentinel", "healthcheck"]:
        problems.append("the sentinel service's health check is not [CMD, sentinel, healthcheck]")
    if (sentinel.get("depends_on") or {}).get("postgres", {}).get("condition") != "service_healthy":
        problems.append("the sentinel service does not wait for a healthy postgres")
    if not (postgres.get("healthcheck") or {}).get("test"):
        problems.append("the postgres service has no health check")
    pg = {name: str(value) for name, value in (postgres.get("environment") or {}).items()}
    url = env.get("SENTINEL_DB_URL", "")
    if url != "jdbc:postgresql://postgres:5432/%s" % pg.get("POSTGRES_DB"):
        problems.append("SENTINEL_DB_URL %r does not name the postgres service's database %s"
                        % (url, pg.get("POSTGRES_DB")))
    if env.get("SENTINEL_DB_USER") != pg.get("POSTGRES_USER"):
        problems.append("SENTINEL_DB_USER is not the postgres service's POSTGRES_USER")
    if env.get("SENTINEL_DB_PASSWORD") != pg.get("POSTGRES_PASSWORD"):
        problems.append("SENTINEL_DB_PASSWORD is not the postgres service's POSTGRES_PASSWORD")
    for name, value in list(env.items()) + list(pg.items()):
        if name in SECRETS and not re.fullmatch(r"\$\{[A-Z_]+:\?[^}]*\}", value):
            problems.append("%s must come from the environment as ${%s:?…}, not %r" % (name, name, value))
    port = dict(item.split("=", 1) for item in config.get("Env", [])).get("SENTINEL_PORT", "8080")
    if not any(str(mapping).endswith(":" + port) for mapping in sentinel.get("ports", [])):
        problems.append("the sentinel service publishes no port mapped to the image's %s" % port)
    return problems


def main():
    arguments = [argument for argument in sys.argv[1:] if argument != "--print-env"]
    if len(arguments) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import yaml
    except ImportError:
        print("[compose] PyYAML is missing (apt-get install python3-yaml): %s not parsed" % arguments[0],
              file=sys.stderr)
        return 3
    with open(arguments[0]) as source:
        try:
            compose = yaml.safe_load(source)
        except yaml.YAMLError as malformed:
            print("[compose] %s does not parse: %s" % (arguments[0], malformed), file=sys.stderr)
            return 1
    reference, config = image_config(arguments[1])
    problems = check(compose, reference, config)
    for problem in problems:
        print("[compose] %s: %s" % (arguments[0], problem), file=sys.stderr)
    if problems:
        return 1
    if "--print-env" in sys.argv:
        for name, value in compose["services"]["sentinel"]["environment"].items():
            print("%s=%s" % (name, defaults(value)))
    else:
        print("[compose] %s parses, runs %s with PostgreSQL, its volume and its health check" % (arguments[0], reference))
    return 0


if __name__ == "__main__":
    sys.exit(main())
