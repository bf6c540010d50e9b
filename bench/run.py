"""`make bench`: the service measured against the spaCy limit on the same machine, in one run.

Every figure is shown as a ratio against the limit measured in this run (these machines are shared and
noisy): absolute times are printed for reference, not judged.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pyinstrument import Profiler

from bench import corpus
from service import core, gazetteer
from service.config import Config
from service.nlp import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
STAGES = [("parse", ("spacy/", "thinc/", "numpy", "blis", "srsly", "core.py:parse")),
          ("triggers", ("service/triggers.py",)), ("actors", ("service/entities.py", "fill_actors")),
          ("places", ("fill_places", "service/gazetteer.py")), ("dates", ("service/dates.py", "fill_dates")),
          ("modality+quotes", ("service/modality.py", "service/quotes.py")),
          ("serialization", ("json/", "core.py:_event_json", "core.py:_timex_json", "jsonify"))]


# ---- in-process ----------------------------------------------------------------------------

def limit_pipe(nlp, texts, n_process):
    """Tokens and seconds for nlp.pipe over the texts in `n_process` processes that have already loaded the
    pipeline (forked from this one) and start together: the rate of spaCy alone, with no start-up cost."""
    import multiprocessing as mp
    ctx = mp.get_context("fork")
    barrier, results = ctx.Barrier(n_process + 1), ctx.Queue()

    def run():
        barrier.wait()
        t0 = time.perf_counter()
        n = sum(len(d) for d in nlp.pipe(texts, batch_size=8))
        results.put((n, time.perf_counter() - t0))

    procs = [ctx.Process(target=run) for _ in range(n_process)]
    for p in procs:
        p.start()
    barrier.wait()
    out = [results.get() for _ in procs]
    for p in procs:
        p.join()
    return sum(n for n, _ in out), max(t for _, t in out)


def core_vs_raw(nlp, texts, rounds: int = 3) -> tuple[float, float]:
    """Seconds for nlp(text) and for extract+json over the texts, interleaved text by text and the best of
    `rounds` kept for each, so that drift in the machine's speed hits both sides alike."""
    raw = [float("inf")] * len(texts)
    full = [float("inf")] * len(texts)
    for _ in range(rounds):
        for i, t in enumerate(texts):
            t0 = time.perf_counter()
            nlp(t)
            t1 = time.perf_counter()
            json.dumps(core.extract(nlp, t))
            t2 = time.perf_counter()
            raw[i], full[i] = min(raw[i], t1 - t0), min(full[i], t2 - t1)
    return sum(raw), sum(full)


def stage_shares(nlp, texts) -> dict[str, float]:
    prof = Profiler(interval=0.0005)
    prof.start()
    for t in texts:
        json.dumps(core.extract(nlp, t))
    prof.stop()
    totals = {name: 0.0 for name, _ in STAGES}
    totals["other"] = 0.0

    def walk(frame, stage):
        ident = f"{frame.file_path_short or ''}:{frame.function}"
        here = stage
        for name, keys in STAGES:
            if any(k in ident for k in keys):
                here = name
                break
        # Time in no Python frame of ours is spaCy's compiled code (the parse) or the interpreter around it.
        totals[here or ("other" if "service/" in ident else "parse")] += frame.total_self_time
        for child in frame.children:
            walk(child, here)

    walk(prof.last_session.root_frame(), None)
    whole = sum(totals.values()) or 1.0
    return {k: v / whole for k, v in totals.items()}


# ---- the service over loopback ------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, workers: int):
        self.port = free_port()
        env = dict(os.environ, PORT=str(self.port), WORKERS=str(workers), QUEUE_WAIT_S="120", LOG_LEVEL="WARNING",
                   REQUEST_TIMEOUT_S="120", MALLOC_ARENA_MAX=os.environ.get("MALLOC_ARENA_MAX", "2"))
        self.proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py",
                                      "--bind", f"127.0.0.1:{self.port}", "--access-logfile", "/dev/null"],
                                     cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(240):
            try:
                self.request("GET", "/readyz")
                if len(self.pids()[1]) >= workers:
                    return
            except OSError:
                pass
            time.sleep(0.25)
        raise RuntimeError("gunicorn did not start")

    def request(self, method, path, body=None, conn=None):
        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        data = body if body is None or isinstance(body, bytes) else json.dumps(body).encode()
        conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        data = resp.read()
        if own:
            conn.close()
        if resp.status != 200:
            raise RuntimeError(f"{resp.status}: {data[:200]!r}")
        return data

    def pids(self) -> tuple[int, list[int]]:
        kids = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True).stdout.split()
        return self.proc.pid, [int(k) for k in kids]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=60)


def load(server: Server, path: str, bodies: list, concurrency: int) -> tuple[float, list[float]]:
    latencies: list[float] = []

    def worker(chunk):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=300)
        for body in chunk:
            t0 = time.perf_counter()
            server.request("POST", path, body, conn)
            latencies.append(time.perf_counter() - t0)
        conn.close()

    chunks = [bodies[i::concurrency] for i in range(concurrency)]
    t0 = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(worker, chunks))
    return time.perf_counter() - t0, latencies


def rss_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) in MiB: PSS shares pages among the processes that map them, so it adds up honestly."""
    rss = pss = 0
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    return rss / 1024, pss / 1024


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3, help="how many times the corpus is run")
    ap.add_argument("--memory-requests", type=int, default=10_000)
    a = ap.parse_args(argv)
    workers = 2
    config = Config.from_env()
    nlp = load_pipeline(config.SPACY_MODEL)
    gazetteer.warm()
    texts = corpus.articles() * a.repeat
    for t in texts[:3]:
        core.extract(nlp, t)   # warm caches
    rows = []

    tokens2, t_pipe2 = limit_pipe(nlp, texts, workers)
    tokens, t_pipe1 = limit_pipe(nlp, texts, 1)
    limit1, limit2 = tokens / t_pipe1, tokens2 / t_pipe2
    rows.append(("limit: nlp.pipe, 2 processes", f"{limit2:,.0f} tok/s", "1.00",
                 f"each process the whole corpus ({tokens:,} tokens), {t_pipe2:.1f} s for both"))
    rows.append(("limit: nlp.pipe, 1 process", f"{limit1:,.0f} tok/s", f"{limit1 / limit2:.2f}", f"{t_pipe1:.1f} s"))
    t_raw, t_core = core_vs_raw(nlp, corpus.articles())
    core_tokens = sum(len(d) for d in nlp.pipe(corpus.articles()))
    rows.append(("core alone (extract + json), 1 process", f"{core_tokens / t_core:,.0f} tok/s",
                 f"{t_raw / t_core:.2f} x nlp(text)",
                 f"extraction after the parse = {100 * (t_core - t_raw) / t_core:.1f}% of CPU time"))
    shares = stage_shares(nlp, corpus.articles())
    rows.append(("core: share of CPU by stage", "", "", ", ".join(f"{k} {100 * v:.1f}%" for k, v in shares.items())))

    article = corpus.thousand_words()
    raw_times = []
    for _ in range(7):
        t0 = time.perf_counter()
        nlp(article)
        raw_times.append(time.perf_counter() - t0)
    raw_median = statistics.median(raw_times)

    single = subprocess.run([sys.executable, "-c", "from service.wsgi import app; from bench import corpus; "
                             "from service import core; print(open('/proc/self/smaps_rollup').read()); "
                             "[core.extract(app.extensions['nlp'], t) for t in corpus.articles()]; "
                             "print(open('/proc/self/smaps_rollup').read())"],
                            cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, MALLOC_ARENA_MAX="2"))
    single_rss, single_busy = [int(l.split()[1]) / 1024 for l in single.stdout.splitlines() if l.startswith("Rss:")]

    server = Server(workers)
    try:
        master, kids = server.pids()
        start_mem = [rss_mb(p) for p in [master, *kids]]
        bodies = [json.dumps({"text": t}).encode() for t in texts]   # encoded once: the client's CPU is the server's
        n_tokens = tokens
        for c in (1, 4, 16):
            secs, lat = load(server, "/v1/extract", bodies, c)
            rows.append((f"service /v1/extract, concurrency {c}", f"{n_tokens / secs:,.0f} tok/s",
                         f"{(n_tokens / secs) / limit2:.2f} x limit",
                         f"{len(bodies) / secs:.1f} articles/s, p50 {1000 * pct(lat, .5):.0f} ms, "
                         f"p95 {1000 * pct(lat, .95):.0f} ms, p99 {1000 * pct(lat, .99):.0f} ms"))
        batches = [json.dumps({"documents": [{"text": t} for t in texts[i:i + 4]]}).encode()
                   for i in range(0, len(texts), 4)]
        for c in (1, 4, 16):
            secs, lat = load(server, "/v1/extract/batch", batches, min(c, len(batches)))
            rows.append((f"service /v1/extract/batch (4 docs), concurrency {c}", f"{n_tokens / secs:,.0f} tok/s",
                         f"{(n_tokens / secs) / limit2:.2f} x limit",
                         f"{len(texts) / secs:.1f} articles/s, p50 {1000 * pct(lat, .5):.0f} ms per batch"))
        rows.append(("  (concurrency 1 keeps one worker busy: compare it with one process)", "", "",
                     f"/v1/extract at c=1 would be {limit1 / limit2:.2f} x limit at best"))
        one = []
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=300)
        for _ in range(9):
            t0 = time.perf_counter()
            server.request("POST", "/v1/extract", {"text": article}, conn)
            one.append(time.perf_counter() - t0)
        rows.append(("1,000-word article, concurrency 1", f"p50 {1000 * statistics.median(one):.0f} ms",
                     f"{statistics.median(one) / raw_median:.2f} x nlp(text)", f"nlp(text) {1000 * raw_median:.0f} ms"))

        varied = corpus.varied(a.memory_requests)
        load(server, "/v1/extract", [json.dumps({"text": t}).encode() for t in varied[:100]], 4)
        after100 = [rss_mb(p) for p in [master, *kids]]
        load(server, "/v1/extract", [json.dumps({"text": t}).encode() for t in varied[100:]], 4)
        after_all = [rss_mb(p) for p in [master, *kids]]
        for i, pid in enumerate([master, *kids]):
            name = "master" if i == 0 else f"worker {i}"
            rows.append((f"RSS {name}", f"{after_all[i][0]:.0f} MiB",
                         "" if i == 0 else f"{after_all[i][0] / after100[i][0]:.3f} x after 100",
                         f"start {start_mem[i][0]:.0f}, after 100 {after100[i][0]:.0f}, after {a.memory_requests:,} "
                         f"{after_all[i][0]:.0f} MiB (PSS {after_all[i][1]:.0f})"))
        total_pss = sum(m[1] for m in after_all)
        total_rss = sum(m[0] for m in after_all)
        start_pss = sum(m[1] for m in start_mem)
        rows.append(("master + 2 workers after start", f"PSS {start_pss:.0f} MiB",
                     f"{start_pss / single_rss:.2f} x one process", f"one process that loaded the pipeline: {single_rss:.0f} MiB"))
        rows.append(("master + 2 workers after the run", f"PSS {total_pss:.0f} MiB",
                     f"{total_pss / single_busy:.2f} x one busy process",
                     f"one process after the corpus: {single_busy:.0f} MiB; RSS sum {total_rss:.0f} MiB "
                     "(counts shared pages twice)"))
    finally:
        server.stop()

    width = max(len(r[0]) for r in rows)
    print(f"\nbenchmark ({len(texts)} texts, {tokens:,} tokens; WORKERS={workers}; model {config.SPACY_MODEL})")
    for name, value, ratio, note in rows:
        print(f"{name:<{width}}  {value:>16}  {ratio:>24}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
