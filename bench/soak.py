"""`make soak`: against gunicorn with 2 workers on loopback, a long run of mixed requests, then normal requests
beside 256 stalled connections, then a fuzz run of the request space; last, a fuzz run of the core alone.

Bounded in time and loopback only. It fails (exit 1) on any unexpected status, a worker restart, a worker whose
RSS grew more than 5% (--max-growth) between the end of the warm-up and the end of the run; beside the stalled
connections, on any failed request, a p99 of 2 s or more, or a process whose RSS grew 10% over its idle size;
in the fuzz runs, on any 5xx, a valid request refused or an invalid one accepted, or an inexact offset.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench import corpus, fuzz, stall
from bench.run import Server, rss_mb

ROOT = Path(__file__).resolve().parents[1]


def requests_mix() -> list[tuple[str, object, set[int]]]:
    """(path, body, statuses that are right for it): articles, short texts, batches and bad input."""
    good = [("/v1/extract", {"text": t, "published_at": "2024-08-20"}, {200}) for t in corpus.articles()]
    good += [("/v1/extract", {"text": t}, {200}) for t in corpus.varied(200)]
    good += [("/v1/extract/batch", {"documents": [{"text": t} for t in corpus.seeds()]}, {200})]
    bad = [("/v1/extract", {"text": " "}, {422}), ("/v1/extract", {"text": 5}, {422}),
           ("/v1/extract", '{"text": ', {400}), ("/v1/extract", {"documents": []}, {422})]
    return good + bad


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--warmup", type=float, default=30)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--stalled", type=int, default=256, help="stalled connections held open beside normal requests")
    ap.add_argument("--stall-seconds", type=float, default=20)
    ap.add_argument("--fuzz-seconds", type=float, default=300, help="fuzzing the request space against the server")
    ap.add_argument("--seed", type=int, default=None, help="the request fuzzer's seed (default: from the clock)")
    ap.add_argument("--core-fuzz-seconds", type=float, default=180, help="fuzzing the core alone (hypothesis)")
    ap.add_argument("--max-growth", type=float, default=1.05, help="largest worker RSS ratio, last/first fifth")
    a = ap.parse_args(argv)
    mix = requests_mix()
    server = Server(workers=2)
    failures: list[str] = []
    try:
        master, workers = server.pids()
        counts: Counter = Counter()
        unexpected: list[str] = []
        latencies: list[float] = []
        stop_at = time.monotonic() + a.seconds
        warm_rss: dict[int, float] = {}

        def client(k: int):
            import http.client
            i = k
            while time.monotonic() < stop_at:
                path, body, ok = mix[i % len(mix)]
                i += a.concurrency
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
                t0 = time.perf_counter()
                conn.request("POST", path, body=body if isinstance(body, str) else json.dumps(body),
                             headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                resp.read()
                conn.close()
                latencies.append(time.perf_counter() - t0)
                counts[resp.status] += 1
                if resp.status not in ok:
                    unexpected.append(f"{path} -> {resp.status}")

        samples: dict[int, list[tuple[float, float]]] = {pid: [] for pid in workers}
        with ThreadPoolExecutor(a.concurrency + 1) as pool:
            futures = [pool.submit(client, k) for k in range(a.concurrency)]
            t_start = time.monotonic()
            while not all(f.done() for f in futures):
                for pid in workers:
                    samples[pid].append((time.monotonic() - t_start, rss_mb(pid)[0]))
                time.sleep(1)
            for f in futures:
                f.result()
        # RSS moves with the request in flight: compare the median of the first and the last fifth after the
        # warm-up, not two instants.
        warm_rss, end_rss = {}, {}
        for pid, series in samples.items():
            after = [r for t, r in series if t >= min(a.warmup, a.seconds / 2)]
            k = max(1, len(after) // 5)
            warm_rss[pid] = statistics.median(after[:k])
            end_rss[pid] = statistics.median(after[-k:])
        total = sum(counts.values())
        latencies.sort()
        print(f"soak: {a.seconds:.0f} s at concurrency {a.concurrency}: {total} requests "
              f"({total / a.seconds:.1f}/s), statuses {dict(sorted(counts.items()))}, "
              f"p50 {1000 * latencies[len(latencies) // 2]:.0f} ms, p99 {1000 * latencies[int(len(latencies) * .99)]:.0f} ms")
        for pid in workers:
            growth = end_rss[pid] / warm_rss[pid]
            print(f"  worker {pid}: RSS {warm_rss[pid]:.0f} MiB after warm-up, {end_rss[pid]:.0f} MiB at the end "
                  f"({growth:.3f} x; medians of the first and last fifth of 1-second samples)")
            if growth > a.max_growth:
                failures.append(f"worker {pid} RSS grew {growth:.3f} x")
        if unexpected:
            failures.append(f"{len(unexpected)} unexpected statuses, e.g. {unexpected[:5]}")

        stalled = stall.run(server.port, [master, *workers], n=a.stalled, seconds=a.stall_seconds)
        print(stall.describe(stalled, a.stalled, a.stall_seconds))
        if stalled["failures"]:
            failures.append(f"beside stalled connections: {len(stalled['failures'])} failed requests, "
                            f"e.g. {stalled['failures'][:3]}")
        if stalled["p99"] >= 2.0:
            failures.append(f"beside stalled connections: p99 {stalled['p99']:.2f} s")
        for pid, ratio in stalled["rss_ratio"].items():
            if ratio > 1.10:
                failures.append(f"beside stalled connections: process {pid} RSS {ratio:.3f} x its idle size")

        seed = a.seed if a.seed is not None else int(time.time()) % 100_000
        t0 = time.monotonic()
        fuzzed = fuzz.run(server.port, a.fuzz_seconds, seed)
        print(f"fuzz (requests, seed {seed}): {fuzzed['requests']} requests in {time.monotonic() - t0:.0f} s "
              f"(single and batch, with and without published_at and types, date-dense texts), "
              f"statuses {fuzzed['statuses']}, {len(fuzzed['failures'])} failures")
        for f in fuzzed["failures"][:5]:
            print("  ", f)
        if fuzzed["failures"]:
            failures.append(f"request fuzz: {len(fuzzed['failures'])} failures (replay: --seed {seed})")
        _, workers_after = server.pids()
        if sorted(workers_after) != sorted(workers):
            failures.append(f"workers restarted: {workers} -> {workers_after}")
    finally:
        server.stop()

    examples = max(50, int(a.core_fuzz_seconds * 60))   # about 60 texts a second on this machine
    t0 = time.monotonic()
    core_fuzz = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_offsets.py"],
                          cwd=ROOT, env=dict(os.environ, FUZZ_EXAMPLES=str(examples)), capture_output=True, text=True)
    print(f"fuzz (core): {examples} generated texts through the core in {time.monotonic() - t0:.0f} s: "
          f"{core_fuzz.stdout.strip().splitlines()[-1] if core_fuzz.stdout.strip() else core_fuzz.stderr[-300:]}")
    if core_fuzz.returncode != 0:
        failures.append("core fuzz run failed:\n" + core_fuzz.stdout[-3000:])
    for f in failures:
        print("FAIL:", f)
    print("soak passed" if not failures else "soak FAILED")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
