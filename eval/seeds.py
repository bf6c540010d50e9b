"""Run the extraction core over the seed articles and score it against the gold (spec/EVENTS.md rules).

usage: python -m eval.seeds [--explain] [--out PRED.jsonl] [--json FIGURES.json]

The gold lives in tests/data/seeds.gold.jsonl (a copy of ../shared/eval/gold/seeds.jsonl);
scoring is tests/scoring.py, which follows ../shared/eval/score.py rule for rule.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from service import core
from service.config import Config
from service.nlp import load_pipeline
from tests.scoring import load, score

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "seeds.gold.jsonl"


def predict(nlp, gold: dict) -> list[dict]:
    reqs = []
    for doc_id, g in gold.items():
        text = (ROOT / "seeds" / f"{doc_id}.txt").read_text(encoding="utf-8")
        reqs.append({"id": doc_id, "text": text, "published_at": dt.date.fromisoformat(g["published"])})
    return core.extract_many(nlp, reqs)


def confidence_halves(gold: dict, preds: list[dict]) -> tuple[float, float, float]:
    """Precision of the more and the less confident half of the predicted events (does confidence rank?)."""
    ranked = []
    for p in preds:
        g_events = gold[p["id"]]["events"]
        used = set()
        for ev in sorted(p["events"], key=lambda e: -e["confidence"]):
            hit = next((i for i, g in enumerate(g_events) if i not in used and g["type"] == ev["type"]
                        and g["trigger"]["start"] < ev["trigger"]["end"] and ev["trigger"]["start"] < g["trigger"]["end"]),
                       None)
            if hit is not None:
                used.add(hit)
            ranked.append((ev["confidence"], hit is not None))
    ranked.sort(key=lambda r: -r[0])
    half = len(ranked) // 2
    top, bottom = ranked[:half], ranked[half:]
    precision = lambda rows: sum(ok for _, ok in rows) / len(rows) if rows else 0.0
    return precision(top), precision(bottom), ranked[half][0] if ranked else 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--explain", action="store_true")
    ap.add_argument("--out", help="write the responses as JSONL (input for ../shared/eval/score.py)")
    ap.add_argument("--json", help="write the figures as JSON")
    a = ap.parse_args(argv)
    gold = load(GOLD)
    preds = predict(load_pipeline(Config.from_env().SPACY_MODEL), gold)
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            for p in preds:
                f.write(json.dumps(p, ensure_ascii=False) + "\n")
    result = score(gold, {p["id"]: p for p in preds}, explain=a.explain)
    top, bottom, cut = confidence_halves(gold, preds)
    print(f"confidence: precision of upper half {top:.3f}, lower half {bottom:.3f} (split at {cut:.2f})")
    if a.json:
        Path(a.json).write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
