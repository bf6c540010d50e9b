"""In how many sentences coded by the field (PLOVER, PETRARCH-2) does the service find an event of the type
the code maps to?

usage: python -m eval.sentences [FILE.jsonl] [--explain]

FILE is ../shared/eval/external/event_sentences.jsonl (see its README). Each sentence is sent on its own,
without a publication date. A PLOVER record counts when its category maps to our types (eval/coding.py)
and is found when the response has an event of one of them; a PETRARCH-2 record counts once per CAMEO
root of its codes that maps to our types, by root (04: any of meeting, visit, negotiation). --explain
lists the records not found with the types the service gave them.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from eval import coding, corpora
from service import core
from service.config import Config
from service.nlp import load_pipeline


def targets(record: dict, plover: dict = coding.PLOVER) -> list[tuple[str, tuple[str, ...]]]:
    """(group, types) the record asks for: its PLOVER category, or each CAMEO root of its codes."""
    if record["set"] == "plover_gsr":
        types = plover.get(record["category"], ())
        return [(record["category"], types)] if types else []
    roots = sorted({e["code"][:2] for e in record["events"] if e.get("code")})
    return [(f"CAMEO {root}", coding.cameo_types(root)) for root in roots if coding.cameo_types(root)]


def measure(records: list[dict], found_types: list[set[str]], plover: dict = coding.PLOVER) -> dict[str, dict[str, list]]:
    """{"plover" | "petr2": {group: [records found, records]}} and the misses under "missed"."""
    out: dict[str, dict] = {"plover": defaultdict(lambda: [0, 0]), "petr2": defaultdict(lambda: [0, 0]), "missed": []}
    for record, found in zip(records, found_types):
        corpus = "plover" if record["set"] == "plover_gsr" else "petr2"
        for group, types in targets(record, plover):
            hit = bool(found & set(types))
            out[corpus][group][0] += hit
            out[corpus][group][1] += 1
            if not hit:
                out["missed"].append((group, record, found))
    return out


def share(rows: dict[str, list]) -> tuple[int, int, float]:
    hit, n = sum(r[0] for r in rows.values()), sum(r[1] for r in rows.values())
    return hit, n, hit / n if n else 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", type=Path, default=corpora.SENTENCES)
    ap.add_argument("--explain", action="store_true", help="list the records where no event of the type was found")
    a = ap.parse_args(argv)
    if not a.file.exists():
        print(f"no data at {a.file}: pass ../shared/eval/external/event_sentences.jsonl", file=sys.stderr)
        return 2
    records = corpora.read_jsonl(a.file)
    nlp = load_pipeline(Config.from_env().SPACY_MODEL)
    responses = core.extract_many(nlp, [{"id": r["id"], "text": r["text"], "published_at": None} for r in records])
    found_types = [{e["type"] for e in resp["events"]} for resp in responses]
    result = measure(records, found_types)
    if a.explain:
        for group, record, found in result["missed"]:
            print(f"  MISS {group:<11} found={sorted(found)} {record['text']!r}")
    for corpus, title in (("plover", "PLOVER records"), ("petr2", "PETRARCH-2 records by CAMEO root")):
        print(title)
        for group, (hit, n) in sorted(result[corpus].items()):
            types = coding.PLOVER.get(group) or coding.cameo_types(group.split()[-1])
            print(f"  {group:<11} {'/'.join(types):<28} {hit:>3}/{n:<3} {hit / n:.3f}")
        hit, n, s = share(result[corpus])
        print(f"  {'ALL':<11} {'':<28} {hit:>3}/{n:<3} {s:.3f}")
    intent = measure(records, found_types, coding.PLOVER_WITH_INTENT)["plover"]
    hit, n = intent["AGREE"] if "AGREE" in intent else (0, 0)
    all_hit, all_n, all_s = share(intent)
    print("For information, not the measure: PLOVER with AGREE also found as a proposal (CAMEO 03 intents)")
    print(f"  {'AGREE':<11} {'/'.join(coding.PLOVER_WITH_INTENT['AGREE']):<28} {hit:>3}/{n:<3} {hit / n if n else 0:.3f}")
    print(f"  {'ALL':<11} {'':<28} {all_hit:>3}/{all_n:<3} {all_s:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
