"""`make bench`: the service measured against the spaCy limit on the same machine, in one run.

Every figure is shown as a ratio against the limit measured in this run (these machines are shared and
noisy): absolute times are printed for reference, not judged. The limit is the stock pipeline as spaCy
loads it; the service runs the same components with an indexed attribute ruler (service/attribute_index.py),
and the table shows that gain on its own row. Throughput is measured in rounds, each round running the
service against the mean of the limit measured just before and just after that round, so that slow drifts
in the machine's speed cancel; the table gives the median round and the range.
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

import spacy
from pyinstrument import Profiler

from bench import corpus
from service import core, gazetteer
from service.config import Config
from service.nlp import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
STAGES = [("parse", ("spacy/", "thinc/", "numpy", "blis", "srsly", "core.py:parse")),
          ("triggers", ("service/triggers.py",)),
          ("actors", ("service/entities.py", "service/coreference.py", "fill_actors")),
          ("places", ("service/places.py", "service/gazetteer.py")), ("dates", ("service/dates/", "fill_dates")),
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


def load(server: Server, path: str, bodies: list, concurrency: int, sizes: list[int] | None = None,
         warmup: float = 1.0, busy: int = 4) -> tuple[float, list[float], float]:
    """(seconds for all, latencies, steady rate): the rate counts `sizes` (tokens) of the requests completed
    between `warmup` seconds in and the moment fewer than `busy` clients still have work (twice the workers:
    each worker then has one request running and one waiting), so the tail of the last few requests, when
    one worker idles while the other finishes, does not count against the service."""
    latencies: list[float] = []
    done: list[tuple[float, int]] = []
    first_out: list[float] = []
    sizes = sizes or [1] * len(bodies)

    def worker(indices):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=300)
        for i in indices:
            t0 = time.perf_counter()
            server.request("POST", path, bodies[i], conn)
            t1 = time.perf_counter()
            latencies.append(t1 - t0)
            done.append((t1, sizes[i]))
        first_out.append(time.perf_counter())
        conn.close()

    chunks = [list(range(len(bodies)))[i::concurrency] for i in range(concurrency)]
    t0 = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(worker, chunks))
    total = time.perf_counter() - t0
    lo, hi = t0 + warmup, sorted(first_out)[max(0, concurrency - busy)]
    in_window = sum(n for t, n in done if lo < t <= hi)
    rate = in_window / (hi - lo) if hi - lo > 1.0 and in_window else sum(sizes) / total
    return total, latencies, rate


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
    ap.add_argument("--repeat", type=int, default=2, help="how many times the corpus is run per measurement")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of limit-then-service throughput")
    ap.add_argument("--memory-requests", type=int, default=10_000)
    a = ap.parse_args(argv)
    workers = 2
    config = Config.from_env()
    nlp = load_pipeline(config.SPACY_MODEL)           # the service's pipeline
    stock = spacy.load(config.SPACY_MODEL)              # spaCy's, untouched: the limit
    gazetteer.warm()
    texts = corpus.articles() * a.repeat
    for t in texts[:3]:
        core.extract(nlp, t)   # warm caches
    sizes = [len(d) for d in stock.pipe(texts)]
    tokens = sum(sizes)
    rows = []

    # -- in-process: the core against the parse, and where its time goes
    t_raw, t_core = core_vs_raw(nlp, corpus.articles())
    core_tokens = sum(len(d) for d in nlp.pipe(corpus.articles()))
    rows.append(("core alone (extract + json), 1 process", f"{core_tokens / t_core:,.0f} tok/s",
                 f"{t_raw / t_core:.2f} x nlp(text)",
                 f"extraction after the parse = {100 * (t_core - t_raw) / t_core:.1f}% of CPU time"))
    shares = stage_shares(nlp, corpus.articles())
    rows.append(("core: share of CPU by stage", "", "", ", ".join(f"{k} {100 * v:.1f}%" for k, v in shares.items())))

    article = corpus.thousand_words()
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
        batches = [json.dumps({"documents": [{"text": t} for t in texts[i:i + 4]]}).encode()
                   for i in range(0, len(texts), 4)]
        batch_sizes = [sum(sizes[i:i + 4]) for i in range(0, len(texts), 4)]
        # Every row sends the same documents four times over (about 12 s at this machine's speed), so that
        # the steady window, between the warm-up and the tail, is long enough to hold the machine's jitter
        # to a few percent; single articles and batches are then measured over the same volume.
        many, many_sizes = bodies * 4, sizes * 4
        batches, batch_sizes = batches * 4, batch_sizes * 4
        load(server, "/v1/extract", bodies[:8], 2)   # both workers warm

        # -- throughput, in rounds: each ratio against the limit measured just before it
        # (row, path, bodies, their token counts, concurrency, what one body is)
        runs = [("limit: nlp.pipe, 2 processes (stock pipeline)", None, None, None, None, None),
                ("  nlp.pipe, 2 processes, the service's pipeline", None, None, None, None, None),
                ("service /v1/extract, concurrency 4", "/v1/extract", many, many_sizes, 4, "articles"),
                ("service /v1/extract, concurrency 16", "/v1/extract", many, many_sizes, 16, "articles"),
                ("service /v1/extract/batch (4 docs), concurrency 4", "/v1/extract/batch", batches, batch_sizes,
                 4, "batches"),
                ("service /v1/extract/batch (4 docs), concurrency 16", "/v1/extract/batch", batches, batch_sizes,
                 16, "batches")]
        rates: dict[str, list[float]] = {name: [] for name, *_ in runs}
        notes: dict[str, str] = {}
        limits = [limit_pipe(stock, texts, workers)]
        for _ in range(a.rounds):
            for name, path, payload, payload_sizes, c, unit in runs:
                if path is None:
                    n, t = limits[-1] if name.startswith("limit") else limit_pipe(nlp, texts, workers)
                    rate = n / t
                else:
                    secs, lat, rate = load(server, path, payload, c, payload_sizes)
                    notes[name] = (f"{len(payload) / secs:.1f} {unit}/s, p50 {1000 * pct(lat, .5):.0f} ms, "
                                   f"p95 {1000 * pct(lat, .95):.0f} ms, p99 {1000 * pct(lat, .99):.0f} ms")
                rates[name].append(rate)
            limits.append(limit_pipe(stock, texts, workers))
        # Each round is judged against the limit measured just before and just after it.
        bounds = [n / t for n, t in limits]
        ratios = {name: [r / ((bounds[i] + bounds[i + 1]) / 2) for i, r in enumerate(rs)] for name, rs in rates.items()}
        for name, *_ in runs:
            r = sorted(ratios[name])
            note = notes.get(name, "each process the whole corpus" if name.startswith("limit") else
                             "same components, indexed attribute ruler")
            rows.append((name, f"{statistics.median(rates[name]):,.0f} tok/s", f"{statistics.median(r):.2f} x limit"
                         + (f" ({r[0]:.2f}-{r[-1]:.2f})" if len(r) > 1 else ""), note))

        # -- one worker: concurrency 1, against one process of the stock pipeline
        n1, t1 = limit_pipe(stock, texts, 1)
        secs, lat, _ = load(server, "/v1/extract", bodies, 1)
        rows.append(("service /v1/extract, concurrency 1", f"{tokens / secs:,.0f} tok/s",
                     f"{(tokens / secs) / (n1 / t1):.2f} x 1 process",
                     f"one worker busy; p50 {1000 * pct(lat, .5):.0f} ms, p99 {1000 * pct(lat, .99):.0f} ms"))

        # -- latency of one 1,000-word article, interleaved with the stock nlp(text) of it
        raw_times, one = [], []
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=300)
        for _ in range(9):
            t0 = time.perf_counter()
            stock(article)
            raw_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            server.request("POST", "/v1/extract", {"text": article}, conn)
            one.append(time.perf_counter() - t0)
        raw_median = statistics.median(raw_times)
        rows.append(("1,000-word article, concurrency 1", f"p50 {1000 * statistics.median(one):.0f} ms",
                     f"{statistics.median(one) / raw_median:.2f} x nlp(text)", f"stock nlp(text) {1000 * raw_median:.0f} ms"))

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
    print(f"\nbenchmark ({len(texts)} texts, {tokens:,} tokens; WORKERS={workers}; model {config.SPACY_MODEL}; "
          f"{a.rounds} rounds)")
    for name, value, ratio, note in rows:
        print(f"{name:<{width}}  {value:>16}  {ratio:>24}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
