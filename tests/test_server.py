"""The real server (gunicorn, 2 workers, loopback): lying, slow and stalled clients, a burst of batch requests,
and no worker restarts through it all."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench import stall
from tests.conftest import ROOT

# Short deadlines, so that the stalled connections below are cut and replaced several times in a test.
HEADER_TIMEOUT_S, BODY_TIMEOUT_S = 4, 4


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("gunicorn") / "server.log"
    env = dict(os.environ, PORT=str(port), WORKERS="2", QUEUE_WAIT_S="20", LOG_LEVEL="INFO", MALLOC_ARENA_MAX="2",
               HEADER_TIMEOUT_S=str(HEADER_TIMEOUT_S), BODY_TIMEOUT_S=str(BODY_TIMEOUT_S))
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(url + "/readyz", timeout=1)
            break
        except OSError:
            time.sleep(0.25)
    else:
        proc.kill()
        pytest.fail("gunicorn did not become ready:\n" + log.read_text()[-2000:])
    yield url, port, log, proc.pid
    proc.terminate()
    proc.wait(timeout=30)


def post(url, body, timeout=60):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.headers.get_content_type(), json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get_content_type(), json.loads(err.read())


def raw(port, payload: bytes, pause: float = 0.0, chunk: int = 0, hang_up: bool = True) -> bytes:
    """Send the payload (a chunk at a time, if asked), close our side unless told to stay, read the reply."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        if chunk:
            for i in range(0, len(payload), chunk):
                s.sendall(payload[i:i + chunk])
                time.sleep(pause)
        else:
            s.sendall(payload)
        if hang_up:
            s.shutdown(socket.SHUT_WR)
        data = b""
        while True:
            part = s.recv(65536)
            if not part:
                return data
            data += part


def test_slow_body_byte_by_byte_is_answered(server):
    url, port, *_ = server
    body = json.dumps({"text": "Blinken met Netanyahu in Jerusalem."}).encode()
    head = (f"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    reply = raw(port, head + body, pause=0.01, chunk=1)
    assert reply.startswith(b"HTTP/1.1 200") and b'"meeting"' in reply


def test_lying_content_length_gets_a_4xx_or_nothing_and_the_server_lives(server):
    url, port, *_ = server
    body = b'{"text": "Blinken met Netanyahu."}'
    head = (f"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body) + 50}\r\nConnection: close\r\n\r\n").encode()
    reply = raw(port, head + body)
    assert reply.startswith(b"HTTP/1.1 400") and b"Content-Length" in reply, reply[:300]
    short = ("POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             "Content-Length: 5\r\nConnection: close\r\n\r\n").encode()
    reply = raw(port, short + body)
    assert reply.startswith(b"HTTP/1.1 400") and b"problem+json" in reply
    assert post(url + "/v1/extract", {"text": "Blinken met Netanyahu."})[0] == 200


def test_hundred_concurrent_batches_and_no_worker_restart(server):
    url, _, log, _ = server
    docs = {"documents": [{"text": "Blinken met Netanyahu in Jerusalem on Monday."}] * 4}
    with ThreadPoolExecutor(max_workers=100) as pool:
        results = list(pool.map(lambda _: post(url + "/v1/extract/batch", docs, timeout=120), range(100)))
    statuses = [r[0] for r in results]
    assert set(statuses) <= {200, 503}, statuses
    assert statuses.count(200) >= 50
    for status, ctype, body in results:
        if status == 503:
            assert ctype == "application/problem+json"
        else:
            assert len(body["results"]) == 4
    text = log.read_text()
    assert text.count("Booting worker") == 2, text[-3000:]
    assert "WORKER TIMEOUT" not in text and "Traceback" not in text


def test_a_body_that_stops_coming_gets_a_408_at_the_deadline(server):
    _, port, *_ = server
    body = b'{"text": "Blinken met Netanyahu."}'
    head = (f"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body) + 50}\r\n\r\n").encode()
    t0 = time.monotonic()
    reply = raw(port, head + body, hang_up=False)
    waited = time.monotonic() - t0
    assert reply.startswith(b"HTTP/1.1 408") and b"application/problem+json" in reply, reply[:300]
    assert b"request-timeout" in reply
    assert BODY_TIMEOUT_S - 0.5 <= waited < BODY_TIMEOUT_S + 5


def test_a_head_that_never_ends_is_closed_at_the_deadline(server):
    _, port, *_ = server
    t0 = time.monotonic()
    reply = raw(port, b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nX-Pad: a", hang_up=False)
    assert reply == b""
    assert HEADER_TIMEOUT_S - 0.5 <= time.monotonic() - t0 < HEADER_TIMEOUT_S + 5


def test_256_stalled_connections_cost_no_answer_and_no_memory(server):
    """Half slow heads, half lying Content-Lengths, replaced as the server cuts them: 20 s of normal requests
    beside them all answered, p99 under 2 s, and no process grows 10% over its idle size."""
    _, port, log, master = server
    workers = [int(p) for p in subprocess.run(["pgrep", "-P", str(master)], capture_output=True,
                                               text=True).stdout.split()]
    r = stall.run(port, [master, *workers], n=256, seconds=20)
    print(stall.describe(r, 256, 20))
    assert r["failures"] == [] and r["requests"] >= 40
    assert r["p99"] < 2.0
    assert r["stalled_open_min"] >= 250
    # the deadlines cut them (and were replaced), rather than the stalled clients giving up
    assert r["stalled_outcomes"].get("head: closed", 0) >= 128 and r["stalled_outcomes"].get("body: 408", 0) >= 128
    assert all(ratio < 1.10 for ratio in r["rss_ratio"].values()), r["rss_ratio"]
    text = log.read_text()
    assert text.count("Booting worker") == 2 and "Traceback" not in text, text[-3000:]
