"""Measure date normalization on TIMEX3-annotated newswire (TempEval-3 TBAQ, from ../shared).

usage: python -m eval.dates [FILE.jsonl] [--explain N]

Each document is parsed with its creation date as the reference date. A gold DATE
counts as found when a predicted date overlaps it with the same value; a prediction
that overlaps no gold expression, or has another value, is a false positive.
Predictions over gold TIME, DURATION or SET expressions are left out of the count.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

from service import dates
from service.config import Config
from service.nlp import load_pipeline

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "external" / "timex_tbaq.jsonl"


def _same(pred: str | None, gold: str) -> bool:
    """Equal values; the corpus writes some weeks unpadded ("2000-W7"), which is the week TIMEX3 writes 2000-W07."""
    return pred is not None and re.sub(r"W(\d)(?!\d)", r"W0\1", gold) == pred


def measure(nlp, docs: list[dict]) -> tuple[int, int, int, list[str]]:
    """(tp, fp, fn, errors) of the DATE values found in TBAQ-style documents."""
    tp = fp = fn = 0
    errors = []
    for d, doc in zip(docs, nlp.pipe(x["text"] for x in docs)):
        ref = dt.date.fromisoformat(d["dct"])
        pred = [t for t in dates.find(d["text"], doc, ref) if t.kind == "date"]
        gold = d["timexes"]
        used = set()
        for g in (g for g in gold if g["type"] == "DATE"):
            hit = next((i for i, p in enumerate(pred) if i not in used and p.start < g["end"] and g["start"] < p.end), None)
            if hit is not None and _same(pred[hit].value, g["value"]):
                tp += 1
                used.add(hit)
            else:
                fn += 1
                if hit is not None:
                    used.add(hit)
                    fp += 1
                errors.append(f"  {d['dct']} gold {g['text']!r}={g['value']} pred "
                              f"{(pred[hit].text, pred[hit].value) if hit is not None else None}")
        for i, p in enumerate(pred):
            if i in used:
                continue
            if any(p.start < g["end"] and g["start"] < p.end for g in gold):
                continue  # over a TIME/DURATION/SET: not this measure's business
            fp += 1
            errors.append(f"  {d['dct']} false {p.text!r}={p.value}")
    return tp, fp, fn, errors


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--explain", type=int, default=0, help="print up to N errors")
    a = ap.parse_args(argv)
    if not Path(a.file).exists():
        print(f"no data at {a.file}: pass the TBAQ file (../shared/eval/external/timex_tbaq.jsonl)", file=sys.stderr)
        return 2
    nlp = load_pipeline(Config.from_env().SPACY_MODEL)
    docs = [json.loads(line) for line in open(a.file, encoding="utf-8") if line.strip()]
    tp, fp, fn, errors = measure(nlp, docs)
    p, r, f = f1(tp, fp, fn)
    for e in errors[: a.explain]:
        print(e)
    print(f"DATE value  P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tp} fp={fp} fn={fn}, {len(docs)} documents)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
