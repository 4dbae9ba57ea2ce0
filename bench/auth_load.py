#!/usr/bin/env python3
"""Load for the authentication benchmarks (bench/flood.sh, bench/enumeration.sh); standard library only.

  auth_load.py flood BASE_URL SOURCES IDS SECONDS
      From SOURCES loopback addresses (127.0.1.1, 127.0.1.2, ...), one keep-alive connection each, sends token
      requests with IDS unknown client ids (the same ids from every address) and well-formed wrong secrets, as fast as
      the server answers, for SECONDS. Prints the count of each status.

  auth_load.py pair BASE_URL CLIENT_ID ROUNDS SAMPLES
      On one keep-alive connection, failed grants alternating between CLIENT_ID (a pass's, so a known id) and a fresh
      unknown id, both with well-formed wrong secrets; after a warm-up, ROUNDS rounds of SAMPLES each. Prints per round
      the median, 10th and 90th percentile of each in microseconds, and the difference of the medians.
"""
import base64
import http.client
import os
import secrets
import socket
import statistics
import sys
import threading
import time
import urllib.parse

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def random_id(prefix, length):
    return prefix + "".join(secrets.choice(ALPHABET) for _ in range(length))


def connect(base, source=None):
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60,
                                            source_address=(source, 0) if source else None)
    connection.connect()
    connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return connection


def grant(connection, client_id, secret):
    auth = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    connection.request("POST", "/oauth/token", body="grant_type=client_credentials",
                       headers={"Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic " + auth})
    reply = connection.getresponse()
    reply.read()
    return reply.status


def flood(base, sources, ids, seconds, wrong_secret):
    unknown = [random_id("spc_", 24) for _ in range(ids)]
    counts = {}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(source):
        connection = None
        i = 0
        while time.monotonic() < deadline:
            try:
                if connection is None:
                    connection = connect(base, source)
                status = grant(connection, unknown[i % ids], wrong_secret)
                i += 1
            except (OSError, http.client.HTTPException):
                status = "error"
                connection = None
            with lock:
                counts[status] = counts.get(status, 0) + 1

    threads = [threading.Thread(target=worker, args=(f"127.0.1.{n}",), daemon=True) for n in range(1, sources + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(" ".join(f"{status}={count}" for status, count in sorted(counts.items(), key=str)))


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def pair(base, client_id, rounds, samples, wrong_secret):
    connection = connect(base)

    def timed(cid):
        started = time.perf_counter_ns()
        status = grant(connection, cid, wrong_secret)
        elapsed = (time.perf_counter_ns() - started) / 1000
        if status != 401:
            raise SystemExit(f"expected 401, got {status}")
        return elapsed

    for _ in range(2000):  # warm-up of both paths
        timed(client_id)
        timed(random_id("spc_", 24))
    for number in range(1, rounds + 1):
        known, unknown = [], []
        for _ in range(samples):
            known.append(timed(client_id))
            unknown.append(timed(random_id("spc_", 24)))
        mk, mu = statistics.median(known), statistics.median(unknown)
        print(f"round {number}: known median {mk:.0f} us (p10 {percentile(known, .1):.0f}, p90 "
              f"{percentile(known, .9):.0f}); unknown median {mu:.0f} us (p10 {percentile(unknown, .1):.0f}, p90 "
              f"{percentile(unknown, .9):.0f}); known - unknown {mk - mu:+.0f} us")


def main(argv):
    wrong_secret = os.environ["WRONG_SECRET"]
    if argv[1] == "flood":
        flood(argv[2], int(argv[3]), int(argv[4]), float(argv[5]), wrong_secret)
    elif argv[1] == "pair":
        pair(argv[2], argv[3], int(argv[4]), int(argv[5]), wrong_secret)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
