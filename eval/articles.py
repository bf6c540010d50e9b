"""Run the extraction core over annotated articles and score it against their gold (spec/EVENTS.md rules).

usage: python -m eval.articles [seeds] [dev] [--explain] [--out DIR] [--json DIR]

seeds: the five articles in seeds/, gold in tests/data/seeds.gold.jsonl. dev: the development articles of
../shared/eval/dev/ with ../shared/eval/gold/dev.jsonl, left out (with a note) when ../shared is absent.
Scoring is tests/scoring.py, which follows ../shared/eval/score.py rule for rule; each corpus prints the
scorer's full table. --out writes the responses as DIR/CORPUS.jsonl (input for ../shared/eval/score.py),
--json the figures as DIR/CORPUS.json.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eval import corpora
from service import core
from service.config import Config
from service.nlp import load_pipeline
from tests.scoring import score


def predict(nlp, reqs: list[dict]) -> dict[str, dict]:
    """The service's response to each request, by document id."""
    return {p["id"]: p for p in core.extract_many(nlp, reqs)}


def confidence_halves(gold: dict, preds: dict) -> tuple[float, float, float]:
    """Precision of the more and the less confident half of the predicted events (does confidence rank?)."""
    ranked = []
    for doc_id, p in preds.items():
        g_events = gold[doc_id]["events"]
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
    ap.add_argument("corpus", nargs="*", help=f"any of {', '.join(corpora.ARTICLES)} (default: all)")
    ap.add_argument("--explain", action="store_true", help="list misses, false events and argument errors")
    ap.add_argument("--out", type=Path, help="write the responses to DIR/CORPUS.jsonl")
    ap.add_argument("--json", type=Path, help="write the figures to DIR/CORPUS.json")
    a = ap.parse_args(argv)
    names = a.corpus or list(corpora.ARTICLES)
    if set(names) - set(corpora.ARTICLES):
        ap.error(f"unknown corpus: {', '.join(sorted(set(names) - set(corpora.ARTICLES)))}")
    if "dev" in names and not corpora.dev_available():
        print(f"dev: no development set at {corpora.DEV_TEXTS} and {corpora.DEV_GOLD}; left out", file=sys.stderr)
        names.remove("dev")
    nlp = load_pipeline(Config.from_env().SPACY_MODEL)
    for name in names:
        reqs, gold = corpora.ARTICLES[name]()
        preds = predict(nlp, reqs)
        print(f"== {name}: {len(reqs)} articles, {sum(len(g['events']) for g in gold.values())} gold events")
        result = score(gold, preds, explain=a.explain)
        top, bottom, cut = confidence_halves(gold, preds)
        print(f"confidence: precision of upper half {top:.3f}, lower half {bottom:.3f} (split at {cut:.2f})\n")
        responses = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds.values())
        for folder, suffix, body in ((a.out, "jsonl", responses), (a.json, "json", json.dumps(result, indent=1))):
            if folder:
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"{name}.{suffix}").write_text(body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
