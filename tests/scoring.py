"""Scoring of extracted events against gold, after ../shared/eval/score.py (the official scorer), kept here
so the project measures itself on a clean checkout.


usage: score.py GOLD.jsonl PRED.jsonl [--explain] [--json OUT.json]

GOLD.jsonl: one document a line, {"id", "published", "events": [...]}, each event
  {"type", "trigger": {"start", "end", "text"}, "modality",
   "actors": [{"aliases": [...], "kind", "role"}],
   "places": [{"aliases": [...], "country_code", "kind", "role"}],
   "dates":  [{"value"}]}
PRED.jsonl: one service response a line; its "id" names the gold document.

Prints a table and, last, one line of headline figures.
"""
import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict

CORE = ("meeting", "visit", "statement")


def norm(s):
    s = unicodedata.normalize("NFKD", s or "").lower()
    s = s.replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    s = re.sub(r"\b(the|mr|mrs|ms|dr)\b", " ", s)
    return " ".join(s.split())


def surname(s):
    toks = norm(s).split()
    return toks[-1] if toks else ""


class PRF:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, tp, fp, fn):
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def p(self):
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self):
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self):
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def row(self, name):
        return f"{name:<14} P={self.p:.3f} R={self.r:.3f} F1={self.f:.3f}  (tp={self.tp} fp={self.fp} fn={self.fn})"

    def dict(self):
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f1": round(self.f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def span(ev):
    t = ev.get("trigger") or {}
    return t.get("start"), t.get("end")


def overlap(a, b):
    (s1, e1), (s2, e2) = a, b
    if None in (s1, e1, s2, e2):
        return 0
    return max(0, min(e1, e2) - max(s1, s2))


def actor_match(g, p):
    aliases = {norm(a) for a in g.get("aliases", [])}
    names = {norm(p.get("name")), norm(p.get("text"))} - {""}
    if aliases & names:
        return True
    if g.get("kind") == "person" and g.get("aliases"):
        sn = surname(g["aliases"][0])
        return bool(sn) and any(surname(n) == sn for n in names)
    return False


def place_match(g, p):
    aliases = {norm(a) for a in g.get("aliases", [])}
    names = {norm(p.get("name")), norm(p.get("text"))} - {""}
    if aliases & names:
        return True
    return (g.get("kind") == "country" and p.get("kind") == "country"
            and g.get("country_code") and g.get("country_code") == p.get("country_code"))


def date_match(g, p):
    return g.get("value") is not None and g.get("value") == p.get("value")


def match_args(gold, pred, same):
    """Greedy one-to-one matching; returns (tp, fp, fn, [(g, p)])."""
    used, pairs = set(), []
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and same(g, p):
                used.add(i)
                pairs.append((g, p))
                break
    return len(pairs), len(pred) - len(used), len(gold) - len(pairs), pairs


def load(path):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                d = json.loads(line)
                if "id" not in d:
                    sys.exit(f"{path}:{n}: no 'id'")
                docs[d["id"]] = d
    return docs


def score(gold_docs, pred_docs, explain=False, out=sys.stdout):
    ev = defaultdict(PRF)
    args = {k: PRF() for k in ("actors", "places", "dates")}
    roles = [0, 0]
    modality = [0, 0]
    missing = [d for d in gold_docs if d not in pred_docs]
    for doc_id, gdoc in gold_docs.items():
        pdoc = pred_docs.get(doc_id, {})
        gold, pred = gdoc.get("events", []), list(pdoc.get("events", []) or [])
        # A statement on an accusation's own trigger ("accused X of Y") is optional: annotators
        # disagree on that double typing, so it is neither required nor counted as false.
        accusations = [span(g) for g in gold if g["type"] == "accusation"]
        optional = lambda e: e.get("type") == "statement" and any(overlap(span(e), a) for a in accusations)
        used = set()
        for g in gold:
            best, best_ov = None, 0
            for i, p in enumerate(pred):
                if i in used or p.get("type") != g["type"]:
                    continue
                ov = overlap(span(g), span(p))
                if ov > best_ov:
                    best, best_ov = i, ov
            if best is None:
                if optional(g):
                    continue
                ev[g["type"]].add(0, 0, 1)
                if explain:
                    print(f"  MISS {doc_id} {g['type']:<11} {g['trigger'].get('text')!r} @{g['trigger'].get('start')}", file=out)
                continue
            used.add(best)
            p = pred[best]
            ev[g["type"]].add(1, 0, 0)
            modality[0] += (p.get("modality") or "asserted") == (g.get("modality") or "asserted")
            modality[1] += 1
            for key, same in (("actors", actor_match), ("places", place_match), ("dates", date_match)):
                tp, fp, fn, pairs = match_args(g.get(key, []), p.get(key, []) or [], same)
                args[key].add(tp, fp, fn)
                if key != "dates":
                    for ga, pa in pairs:
                        if ga.get("role"):
                            roles[0] += ga.get("role") == pa.get("role")
                            roles[1] += 1
                if explain and (fp or fn):
                    gl = [a.get("aliases", [a.get("value")])[0] if key != "dates" else a.get("value") for a in g.get(key, [])]
                    pl = [a.get("name") or a.get("text") if key != "dates" else a.get("value") for a in p.get(key, []) or []]
                    print(f"  ARGS {doc_id} {g['type']:<11} {g['trigger'].get('text')!r} {key}: gold={gl} pred={pl}", file=out)
        for i, p in enumerate(pred):
            if i not in used and not optional(p):
                ev[p.get("type", "?")].add(0, 1, 0)
                if explain:
                    t = p.get("trigger") or {}
                    print(f"  FALSE {doc_id} {p.get('type'):<11} {t.get('text')!r} @{t.get('start')}", file=out)
    micro, core = PRF(), PRF()
    for t, prf in ev.items():
        micro.add(prf.tp, prf.fp, prf.fn)
        if t in CORE:
            core.add(prf.tp, prf.fp, prf.fn)
    allargs = PRF()
    for prf in args.values():
        allargs.add(prf.tp, prf.fp, prf.fn)
    result = {
        "documents": len(gold_docs), "missing_documents": missing,
        "events": micro.dict(), "core": core.dict(),
        "per_type": {t: ev[t].dict() for t in sorted(ev)},
        "arguments": allargs.dict(), **{k: v.dict() for k, v in args.items()},
        "role_accuracy": round(roles[0] / roles[1], 4) if roles[1] else None,
        "modality_accuracy": round(modality[0] / modality[1], 4) if modality[1] else None,
    }
    print(f"documents: {len(gold_docs)} (missing predictions: {len(missing)})", file=out)
    for t in sorted(ev):
        print(ev[t].row(t), file=out)
    print(core.row("CORE"), file=out)
    print(micro.row("ALL EVENTS"), file=out)
    for k, v in args.items():
        print(v.row(k), file=out)
    print(allargs.row("ALL ARGS"), file=out)
    print(f"role accuracy {result['role_accuracy']}  modality accuracy {result['modality_accuracy']}", file=out)
    print(f"event_f1={micro.f:.3f} core_f1={core.f:.3f} args_f1={allargs.f:.3f} "
          f"actors_f1={args['actors'].f:.3f} places_f1={args['places'].f:.3f} dates_f1={args['dates'].f:.3f}", file=out)
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--explain", action="store_true", help="list misses, false events and argument errors")
    ap.add_argument("--json", help="write the figures as JSON to this file")
    a = ap.parse_args()
    result = score(load(a.gold), load(a.pred), explain=a.explain)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
