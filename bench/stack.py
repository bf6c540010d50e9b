"""Checks of the compose stack that `make docker-test` runs against real containers (loopback and the
compose network only, each bounded in time):

  overhead   throughput through the proxy against straight to one replica, same replica and clients,
             in alternating rounds; prints the ratio
  failover   load through the proxy while a command (`docker kill` of a replica) runs mid-way; fails on
             any answer but a 2xx or a documented 503 (problem+json with Retry-After), or a lost connection
  slow       slow clients (a body trickled in) through the proxy while a normal request must still be
             answered: the proxy holds them, not the replicas
  request-id the client's X-Request-ID comes back, and one is made for a request without it
"""
from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from bench import corpus


def bodies(short: bool = False) -> list[bytes]:
    """News articles, or one-sentence texts: the proxy's cost is per request, so short ones show it most."""
    texts = corpus.varied(200) if short else corpus.articles()
    return [json.dumps({"text": t, "published_at": "2024-08-20"}).encode() for t in texts]


def post(url: str, body: bytes, timeout: float = 120) -> tuple[int | None, dict, bytes]:
    """(status, headers, body) of one POST /v1/extract on a fresh connection; status None when the
    connection failed (refused, reset, timed out)."""
    u = urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=timeout)
    try:
        conn.request("POST", "/v1/extract", body=body, headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    except (OSError, http.client.HTTPException) as exc:
        return None, {}, repr(exc).encode()
    finally:
        conn.close()


class Load:
    """`concurrency` clients posting articles in a loop for `seconds`; statuses counted, completions timed."""

    def __init__(self, url: str, seconds: float, concurrency: int, short: bool = False):
        self.url, self.seconds, self.concurrency = url, seconds, concurrency
        self.statuses: Counter = Counter()
        self.bad: list[str] = []
        self.done_at: list[float] = []
        self._bodies = bodies(short)

    def _client(self, k: int, t0: float) -> None:
        i = k
        while time.monotonic() - t0 < self.seconds:
            status, headers, data = post(self.url, self._bodies[i % len(self._bodies)])
            i += self.concurrency
            self.statuses[status] += 1
            self.done_at.append(time.monotonic() - t0)
            documented_503 = (status == 503 and headers.get("content-type") == "application/problem+json"
                              and "retry-after" in headers)
            if not (status is not None and 200 <= status < 300 or documented_503):
                self.bad.append(f"{status}: {data[:200]!r}")

    def run(self, during=None) -> "Load":
        t0 = time.monotonic()
        with ThreadPoolExecutor(self.concurrency) as pool:
            futures = [pool.submit(self._client, k, t0) for k in range(self.concurrency)]
            if during:
                during()
            for f in futures:
                f.result()
        return self

    def rate(self) -> float:
        """Requests per second while every client was busy: from the first second to the first client
        that stopped (the tail, when clients drain one by one, is not a throughput)."""
        times = sorted(self.done_at)
        inside = [t for t in times if 1.0 <= t <= self.seconds]
        return len(inside) / (self.seconds - 1.0) if inside else 0.0


def cpu_seconds(container: str) -> float | None:
    """CPU time a container has used, from its cgroup on this host (cgroup v1 or v2); None where not found."""
    for path, scale in ((f"/sys/fs/cgroup/cpuacct/docker/{container}/cpuacct.usage", 1e-9),
                        (f"/sys/fs/cgroup/system.slice/docker-{container}.scope/cpu.stat", 1e-6),
                        (f"/sys/fs/cgroup/docker/{container}/cpu.stat", 1e-6)):
        if Path(path).exists():
            text = Path(path).read_text()
            return scale * int(text.split()[0] if path.endswith(".usage") else
                               dict(line.split() for line in text.splitlines())["usage_usec"])
    return None


def overhead(a) -> int:
    Load(a.direct, 3, a.concurrency, short=True).run()   # warm-up: every worker has parsed once
    rounds, cpu = [], {"proxy": 0.0, "replica": 0.0, "requests": 0}
    for r in range(a.rounds):
        # Alternate which goes first, so a drift of the machine's speed weighs on both alike.
        order = ("direct", "proxy") if r % 2 == 0 else ("proxy", "direct")
        loads = {}
        for name in order:
            before = [cpu_seconds(c) for c in a.containers or ()]
            loads[name] = Load(getattr(a, name), a.seconds, a.concurrency, short=True).run()
            if name == "proxy" and a.containers and None not in before:
                spent = [cpu_seconds(c) - b for c, b in zip(a.containers, before)]
                cpu["proxy"] += spent[0]
                cpu["replica"] += spent[1]
                cpu["requests"] += sum(loads[name].statuses.values())
        for name, load in loads.items():
            if load.bad:
                print(f"overhead: {name} round {r + 1} had failures: {load.bad[:3]}")
                return 1
        direct, proxied = loads["direct"].rate(), loads["proxy"].rate()
        rounds.append(proxied / direct)
        print(f"  round {r + 1}: straight to the replica {direct:.1f} req/s, through the proxy {proxied:.1f} req/s "
              f"({proxied / direct:.3f} x)")
    print(f"proxy overhead: throughput through the proxy {statistics.median(rounds):.3f} x straight to one "
          f"replica (median of {len(rounds)} rounds, range {min(rounds):.3f}-{max(rounds):.3f}; one-sentence "
          f"texts, {a.concurrency} clients, {a.seconds:.0f} s each, a fresh connection per request)")
    if a.containers and not cpu["requests"]:
        print("proxy CPU: no cgroup CPU counter found for the containers on this host")
    elif a.containers:
        # The machine's load moves throughput more than the proxy does; CPU time per request does not.
        per = {k: 1000 * cpu[k] / cpu["requests"] for k in ("proxy", "replica")}
        print(f"proxy CPU: {per['proxy']:.2f} ms a request against the replica's {per['replica']:.1f} ms "
              f"({per['proxy'] / per['replica']:.3f} x; {cpu['requests']} requests through the proxy)")
    return 0


def failover(a) -> int:
    load = Load(a.proxy, a.seconds, a.concurrency)

    def kill():
        time.sleep(a.after)
        out = subprocess.run(a.command, shell=True, capture_output=True, text=True)
        print(f"failover: at {a.after:.0f} s ran {a.command!r}: exit {out.returncode} {out.stdout.strip()}")
        if out.returncode != 0:
            load.bad.append(f"the command failed: {out.stderr.strip()}")
    load.run(during=kill)
    total = sum(load.statuses.values())
    print(f"failover: {total} requests in {a.seconds:.0f} s at concurrency {a.concurrency}, statuses "
          f"{dict(sorted(load.statuses.items(), key=str))}, {len(load.bad)} lost or failed")
    for b in load.bad[:5]:
        print("  ", b)
    return 1 if load.bad or not total else 0


def slow(a) -> int:
    """Open `clients` connections that announce a body and send a few bytes of it, more than a replica has
    threads; a normal request must still be answered, and the slow ones dropped by the proxy's timeout."""
    u = urlsplit(a.proxy)
    socks = []
    for _ in range(a.clients):
        s = socket.create_connection((u.hostname, u.port), timeout=30)
        s.sendall(b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 100000\r\n\r\n{\"text\": \"")
        socks.append(s)
    t0 = time.monotonic()
    status, _, _ = post(a.proxy, json.dumps({"text": "Officials met in Cairo on Monday."}).encode(), timeout=30)
    took = time.monotonic() - t0
    print(f"slow clients: {a.clients} connections trickling a body, a normal request answered {status} in "
          f"{took:.2f} s")
    dropped = []

    def wait_close(s):
        try:
            s.settimeout(a.timeout)
            s.recv(4096)   # b"" or nginx's 408: the proxy ended it
            dropped.append(s)
        except OSError:
            pass
    threads = [threading.Thread(target=wait_close, args=(s,)) for s in socks]
    t1 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in socks:
        s.close()
    print(f"slow clients: {len(dropped)} of {a.clients} dropped by the proxy within {time.monotonic() - t1:.1f} s")
    return 0 if status == 200 and took < 5 and len(dropped) == a.clients else 1


def request_id(a) -> int:
    """The request id goes through: a client's is answered back, and one is made when the client has none.
    Prints both, for the caller to find in the proxy's and the replica's logs."""
    given = f"stack-check-{time.time_ns()}"
    u = urlsplit(a.proxy)
    seen = []
    for headers in ({"X-Request-ID": given}, {}):
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
        conn.request("POST", "/v1/extract", body=b'{"text": "Officials met in Cairo on Monday."}',
                     headers={"Content-Type": "application/json", **headers})
        resp = conn.getresponse()
        resp.read()
        conn.close()
        seen.append((resp.status, resp.headers.get("X-Request-ID")))
    ok = seen[0] == (200, given) and seen[1][0] == 200 and bool(seen[1][1]) and seen[1][1] != given
    print(" ".join(rid or "-" for _, rid in seen))
    if not ok:
        print(f"request id not passed through: {seen}", file=sys.stderr)
    return 0 if ok else 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="check", required=True)
    o = sub.add_parser("overhead")
    o.add_argument("--proxy", required=True)
    o.add_argument("--direct", required=True)
    o.add_argument("--seconds", type=float, default=6)
    o.add_argument("--rounds", type=int, default=6)
    o.add_argument("--concurrency", type=int, default=4)
    o.add_argument("--containers", nargs=2, metavar=("PROXY", "REPLICA"),
                   help="their full container ids: also compare the CPU time each spends a request")
    f = sub.add_parser("failover")
    f.add_argument("--proxy", required=True)
    f.add_argument("--command", required=True, help="run this mid-way (a shell command)")
    f.add_argument("--after", type=float, default=10)
    f.add_argument("--seconds", type=float, default=30)
    f.add_argument("--concurrency", type=int, default=8)
    s = sub.add_parser("slow")
    s.add_argument("--proxy", required=True)
    s.add_argument("--clients", type=int, default=24)
    s.add_argument("--timeout", type=float, default=20, help="how long the proxy may take to drop them")
    r = sub.add_parser("request-id")
    r.add_argument("--proxy", required=True)
    a = ap.parse_args(argv)
    return {"overhead": overhead, "failover": failover, "slow": slow, "request-id": request_id}[a.check](a)


if __name__ == "__main__":
    sys.exit(main())
