"""Stalled clients beside normal ones, for `make soak` and tests/test_server.py.

`n` connections are held open against the server: half send a request head a byte a second and never end it
(slow headers), half send a whole head whose Content-Length promises more body than they ever send (a lying
Content-Length). When the server closes one (header deadline) or answers it (a 408 at the body deadline), a new
one of the same kind takes its place, so `n` stay open. Meanwhile normal requests are timed, and the RSS of
every gunicorn process is sampled against its size when idle, just before the stalled connections opened.
"""
from __future__ import annotations

import http.client
import json
import selectors
import socket
import statistics
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from bench import corpus

_BODY = json.dumps({"text": "Blinken met Netanyahu in Jerusalem on Monday."}).encode()


class Stallers(threading.Thread):
    def __init__(self, port: int, n: int):
        super().__init__(daemon=True)
        self.port, self.n = port, n
        self.outcomes: Counter = Counter()   # what the server did to a stalled connection
        self.open_samples: list[int] = []
        self.opened = 0
        self._halt = threading.Event()
        self._ready = threading.Event()

    def _open(self, sel, kind: str):
        s = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        if kind == "head":
            s.sendall(b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Pad: ")
        else:
            s.sendall(b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: %d\r\n\r\n" % (len(_BODY) + 1000) + _BODY[:20])
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ, kind)
        self.opened += 1

    def run(self):
        sel = selectors.DefaultSelector()
        for i in range(self.n):
            self._open(sel, "head" if i % 2 == 0 else "body")
        self._ready.set()
        next_trickle = time.monotonic() + 1
        while not self._halt.is_set():
            for key, _ in sel.select(0.2):
                s, kind = key.fileobj, key.data
                try:
                    data = s.recv(65536)
                except OSError:
                    data = b""
                status = data[9:12].decode(errors="replace") if data.startswith(b"HTTP/") else "closed"
                self.outcomes[f"{kind}: {status}"] += 1
                sel.unregister(s)
                s.close()
                self._open(sel, kind)
            if time.monotonic() >= next_trickle:   # the slow heads send one more byte a second
                next_trickle += 1
                for key in list(sel.get_map().values()):
                    if key.data == "head":
                        try:
                            key.fileobj.send(b"a")
                        except OSError:
                            pass
            self.open_samples.append(len(sel.get_map()))
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        sel.close()

    def __enter__(self):
        self.start()
        self._ready.wait(30)
        return self

    def __exit__(self, *exc):
        self._halt.set()
        self.join(10)


def normal_load(port: int, seconds: float, concurrency: int) -> tuple[list[float], list[str]]:
    """Short news texts POSTed for `seconds` by `concurrency` clients: (latencies, failures)."""
    texts = corpus.varied(2000, seed=11)
    latencies: list[float] = []
    failures: list[str] = []
    stop_at = time.monotonic() + seconds

    def client(k: int):
        i = k
        while time.monotonic() < stop_at:
            body = json.dumps({"text": texts[i % len(texts)], "published_at": "2024-08-20"})
            i += concurrency
            t0 = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("POST", "/v1/extract", body=body, headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                resp.read()
                conn.close()
                if resp.status != 200:
                    failures.append(f"status {resp.status}")
            except OSError as exc:
                failures.append(f"{type(exc).__name__}: {exc}")
            latencies.append(time.perf_counter() - t0)

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(client, range(concurrency)))
    return latencies, failures


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def run(port: int, pids: list[int], n: int = 256, seconds: float = 20, concurrency: int = 2) -> dict:
    """The whole check: a warm-up, the idle RSS, then `seconds` of normal requests with `n` stalled connections."""
    normal_load(port, 3, concurrency)   # warm: the workers' RSS after ordinary requests is the idle size
    time.sleep(0.5)
    idle = {pid: rss_kib(pid) for pid in pids}
    peak = dict(idle)
    sampling = threading.Event()

    def sample():
        while not sampling.is_set():
            for pid in pids:
                peak[pid] = max(peak[pid], rss_kib(pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    with Stallers(port, n) as stallers:
        sampler.start()
        latencies, failures = normal_load(port, seconds, concurrency)
        sampling.set()
        sampler.join()
    latencies.sort()
    return {"requests": len(latencies), "failures": failures,
            "p50": latencies[len(latencies) // 2] if latencies else float("inf"),
            "p99": latencies[min(len(latencies) - 1, int(len(latencies) * .99))] if latencies else float("inf"),
            "stalled_open_min": min(stallers.open_samples, default=0),
            "stalled_open_median": statistics.median(stallers.open_samples) if stallers.open_samples else 0,
            "stalled_opened": stallers.opened, "stalled_outcomes": dict(stallers.outcomes),
            "rss_ratio": {pid: peak[pid] / idle[pid] for pid in pids},
            "rss_idle_mib": {pid: idle[pid] / 1024 for pid in pids}}


def describe(r: dict, n: int, seconds: float) -> str:
    rss = ", ".join(f"{r['rss_idle_mib'][p]:.0f} MiB -> {ratio:.3f} x" for p, ratio in r["rss_ratio"].items())
    return (f"stalled: {n} stalled connections (half slow headers, half lying Content-Length; "
            f"{r['stalled_open_min']}-{n} open, {r['stalled_opened']} opened in all, server's answers "
            f"{r['stalled_outcomes']}); beside them {r['requests']} normal requests in {seconds:.0f} s: "
            f"{len(r['failures'])} failures, p50 {1000 * r['p50']:.0f} ms, p99 {1000 * r['p99']:.0f} ms; "
            f"RSS idle -> peak (master, workers): {rss}")
