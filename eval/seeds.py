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
    if a.json:
        Path(a.json).write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
