"""What the actor-code tables (service/data/codes) cost at start: time and memory, against the same start without them.

usage: python -m bench.actor_codes [--runs N]

Each run starts two fresh processes in turn that build the app as gunicorn's master does before it forks its
workers (service.wsgi: pipeline, gazetteer, tables, one warm-up parse): one as shipped, one whose tables are
empty (the service as it was before actor codes; the coding still runs, finding nothing). Printed: the median
start-up time and resident memory (RSS) of each, and their ratio. A forked worker starts with the master's pages,
so the RSS here is what each worker holds before its first request. The tables' own load time and the memory
they add to a process that has loaded nothing else are printed first.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PROBE = """
import json, time
t0 = time.perf_counter()
if {empty}:
    from service import actor_codes
    actor_codes._tables = lambda: {{"to_iso": {{}}, "from_iso": {{}}, "names": {{}}, "agents": {{}},
                                   "known_until": __import__("datetime").date.min}}
from service.wsgi import app
took = time.perf_counter() - t0
rss = next(int(l.split()[1]) for l in open("/proc/self/smaps_rollup") if l.startswith("Rss:"))
print(json.dumps({{"seconds": took, "rss_mib": rss / 1024}}))
"""


def probe(empty: bool) -> dict:
    out = subprocess.run([sys.executable, "-c", _PROBE.format(empty=empty)], cwd=ROOT, capture_output=True,
                         text=True, check=True, env=dict(os.environ, MALLOC_ARENA_MAX="2", LOG_LEVEL="WARNING"))
    return json.loads(out.stdout.strip().splitlines()[-1])


_ALONE = """
import json, time
from service import actor_codes, gazetteer
gazetteer.warm()
rss = lambda: next(int(l.split()[1]) for l in open("/proc/self/smaps_rollup") if l.startswith("Rss:")) / 1024
r0, t0 = rss(), time.perf_counter()
actor_codes.warm()
print(json.dumps({"seconds": time.perf_counter() - t0, "rss_mib": rss() - r0}))
"""


def alone() -> dict:
    out = subprocess.run([sys.executable, "-c", _ALONE], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args(argv)
    with_, without = [], []
    for _ in range(a.runs):   # alternated, so a drift in the machine's speed hits both alike
        without.append(probe(True))
        with_.append(probe(False))
    loads = [alone() for _ in range(a.runs)]
    print(f"loading the tables alone               {statistics.median(r['seconds'] for r in loads):8.3f} s    "
          f"RSS +{statistics.median(r['rss_mib'] for r in loads):.2f} MiB  (median of {a.runs})")
    for key, unit in (("seconds", "s"), ("rss_mib", "MiB")):
        before = statistics.median(r[key] for r in without)
        after = statistics.median(r[key] for r in with_)
        print(f"start-up {key.split('_')[0]:8} without the tables {before:8.2f} {unit:3}  with them {after:8.2f} {unit:3}"
              f"  {after / before:.3f} x  (+{after - before:.2f} {unit}; median of {a.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
