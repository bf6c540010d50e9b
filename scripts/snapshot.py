"""Take a snapshot of the service's JSON on every article we have, or compare the current code with one.

usage: python -m scripts.snapshot take DIR      # seeds, ../shared/eval/dev, TBAQ -> DIR/*.jsonl
       python -m scripts.snapshot compare DIR   # the same now, diffed against DIR: which documents differ, where

A check for refactoring (the same input must give the same JSON), not a permanent test: changes to
extraction are meant to change the output. DIR holds responses to texts that belong to their publishers,
so keep it outside the repository.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

from eval.corpora import SHARED, dev, dev_available, read_jsonl, seeds
from service import core
from service.config import Config
from service.nlp import load_pipeline


def corpora() -> dict[str, list[dict]]:
    """Requests per corpus: {"seeds": [{"id", "text", "published_at"}...], "dev": ..., "tbaq": ...}."""
    out = {"seeds": seeds()[0]}
    if dev_available():
        out["dev"] = dev()[0]
    tbaq = SHARED / "eval" / "external" / "timex_tbaq.jsonl"
    if tbaq.exists():
        out["tbaq"] = [{"id": d["doc_id"], "text": d["text"], "published_at": dt.date.fromisoformat(d["dct"])}
                       for d in read_jsonl(tbaq)]
    return out


def run(nlp, reqs: list[dict]) -> list[dict]:
    return [core.extract_many(nlp, [r])[0] for r in reqs]


def _diff(a, b, path="") -> list[str]:
    """Paths where two JSON values differ (at most a few per document)."""
    if type(a) is not type(b):
        return [path or "/"]
    if isinstance(a, dict):
        return [p for k in sorted(set(a) | set(b)) for p in _diff(a.get(k), b.get(k), f"{path}/{k}")]
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path} (length {len(a)} -> {len(b)})"]
        return [p for i, (x, y) in enumerate(zip(a, b)) for p in _diff(x, y, f"{path}/{i}")]
    return [] if a == b else [path]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["take", "compare"])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--only", help="one corpus: seeds, dev or tbaq")
    ap.add_argument("--show", type=int, default=5, help="differing paths to print per document")
    a = ap.parse_args(argv)
    nlp = load_pipeline(Config.from_env().SPACY_MODEL)
    a.dir.mkdir(parents=True, exist_ok=True)
    differing = 0
    for name, reqs in corpora().items():
        if a.only and name != a.only:
            continue
        now = run(nlp, reqs)
        path = a.dir / f"{name}.jsonl"
        if a.mode == "take":
            path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in now))
            print(f"{name}: {len(now)} documents -> {path}")
            continue
        before = {r["id"]: r for r in map(json.loads, path.read_text().splitlines())}
        kinds: Counter = Counter()
        n = 0
        for r in now:
            paths = _diff(before.get(r["id"]), json.loads(json.dumps(r)))
            if paths:
                n += 1
                kinds.update(p.split("/")[1] if p.count("/") else p for p in paths)
                print(f"  {name} {r['id']}: {len(paths)} differences: {'; '.join(paths[:a.show])}")
        differing += n
        print(f"{name}: {len(now)} documents, {n} differ {dict(kinds) or ''}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
