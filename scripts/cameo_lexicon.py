"""Trigger-lexicon candidates from the political-event-coding field's verb dictionary (PETRARCH-2's
CAMEO.2.0.txt), and what each one would change on the development articles and the coded sentences.

usage: python -m scripts.cameo_lexicon derive [CAMEO.txt] [--out CANDIDATES.json]
       python -m scripts.cameo_lexicon measure CANDIDATES.json --out REPORT.json

derive reads the dictionary (format: its header and PETRARCH's PETRreader.read_verb_dictionary): verb
blocks ("--- NAME [code] ---"), each a list of verbs (a verb's own [code] overrides the block's; "+MEET_WITH"
is a multi-word verb) and phrase patterns ("- * TALKS [046] # RESUME"), and &SYNSETs of nouns. A verb is a
candidate of the types its code maps to (eval/coding.py). A noun is a candidate where it carries the event
itself: it stands next to the verb in patterns of at least two verbs that code nothing on their own ("stage an
attack", "launch an attack"; "talks resume"), their code maps to our type, and so do most of the noun's
patterns; members of the synsets that name acts (&NEGOTIATION, &PROPOSAL ...) count as such nouns. The speech
nouns and light-verb forms issue #11 names are added as they are.

measure adds each candidate alone to a scratch copy of the type lexicons, service/data/events/ (in memory; the files are
not touched), runs the service on ../shared/eval/dev and ../shared/eval/external/event_sentences.jsonl
(parsed once), and reports per candidate the dev true and false events it adds per type and the coded
sentences it newly finds, with a recommendation: keep (it gains and adds no false event, or only the coded
sentences speak for it), review (more gained than false; read the examples) or drop; then all the
kept candidates together. Its output quotes the development texts: keep it outside the project.
"""
from __future__ import annotations

import argparse
import copy
import io
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from eval import coding, corpora

CAMEO_TXT = corpora.SHARED / "lexicons" / "petrarch2" / "CAMEO.2.0.txt"
FAMILIES = {"verb": "verbs", "noun": "nouns", "phrase": "phrases"}
# Words that sit next to the verb in a pattern without naming anything ("set OUT views", "put FORWARD a plan").
_PARTICLES = {"UP", "OUT", "OFF", "DOWN", "BACK", "FORWARD", "AWAY", "ON", "IN", "OVER", "ASIDE", "AGAIN", "NOT", "TO",
              "A", "AN", "THE", "ITS", "THEIR", "HIS", "HER", "NEW", "ANY", "ALL", "MORE", "NO", "ABRUPTLY", "FORMALLY"}

# Synsets whose members name acts ("&NEGOTIATION": negotiation, dialogue, discussion); the others name things
# an act is done with or to (&WEAPON, &AIRCRAFT, &CURRENCY, &LEADER ...), which are no triggers.
_ACT_SYNSETS = {"&FIGHT_OF_WORDS", "&CEASEFIRE", "&NEGOTIATION", "&MEDIATION", "&PROPOSAL", "&TREATY", "&DISPUTE",
                "&FIGHT", "&INVESTIGATION"}

# Named by issue #11: speech nouns and light-verb forms that are statements (or meetings) where they name an act.
ISSUE_CANDIDATES = [
    *({"lemma": n, "type": "statement", "family": "noun", "cameo": ["010"], "from": "issue #11 (speech noun)"}
      for n in ("comment", "announcement", "remark", "testimony")),
    {"lemma": "make statement", "type": "statement", "family": "phrase", "cameo": ["010"], "from": "issue #11 (light verb)",
     "pattern": [{"LEMMA": "make"}, {"POS": {"IN": ["DET", "ADJ", "PRON"]}, "OP": "*"}, {"LEMMA": "statement"}]},
    {"lemma": "hold talks", "type": "meeting", "family": "phrase", "cameo": ["040"], "from": "issue #11 (light verb)",
     "pattern": [{"LEMMA": "hold"}, {"POS": {"IN": ["DET", "ADJ", "NUM"]}, "OP": "*"}, {"LOWER": "talks"}]},
]


# ---- derive ------------------------------------------------------------------------------------

def _code(field: str | None) -> str | None:
    """'[042:043]' -> '042' (the source's event); '[---]' and '[:020]' -> None."""
    if not field:
        return None
    first = field.strip("[]").split(":")[0]
    return first if first.isdigit() else None


def read_cameo(path: Path) -> tuple[dict[str, list[str]], list[dict]]:
    """(synsets, blocks): each block {"name", "code", "verbs": [(words, code)], "patterns": [(tokens, code, verb)]}."""
    synsets: dict[str, list[str]] = {}
    blocks: list[dict] = []
    current_set = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        line, _, comment = raw.partition("#")
        line = line.strip()
        if not line or line.startswith("<"):
            current_set = None if not line else current_set
            continue
        if line.startswith("&") and not line.startswith("&&"):
            current_set = synsets.setdefault(line.rstrip("_"), [])
            continue
        if line.startswith("+") and current_set is not None:
            current_set.append(line[1:].rstrip("_").replace("_", " ").lower())
            continue
        if line.startswith("---"):
            m = re.match(r"---\s+(\S+)\s+(\[[^\]]*\])\s+---", line)
            if m:
                blocks.append({"name": m.group(1), "code": _code(m.group(2)), "verbs": [], "patterns": []})
            continue
        if not blocks:
            continue
        codes = re.findall(r"\[[^\]]*\]", line)
        if line.startswith("-"):
            # In a pattern {PEACE TALKS} is a phrase, which its last word heads; on a verb line {...} lists forms.
            headed = re.sub(r"\{([^}]*)\}", lambda m: (m.group(1).split() or [""])[-1], line)
            body = re.sub(r"\[[^\]]*\]", " ", headed).split()
            if codes:
                blocks[-1]["patterns"].append((body[1:], _code(codes[-1]), comment.strip().split(",")[0].split(" ")[0]))
            continue
        body = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", line).split()
        if body:
            word = body[0]
            if "+" in word and not word.startswith("+"):
                continue   # "RE_+ARREST": a prefix on the verb, not a phrase spaCy will see
            own = codes[0] if codes else None
            blocks[-1]["verbs"].append((word.lstrip("+").lower().split("_"), _code(own) if own else blocks[-1]["code"]))
    return synsets, blocks


def _pattern_nouns(tokens: list[str], synsets: dict[str, list[str]]) -> list[str]:
    """The nouns next to the verb ('*') in a pattern: the first word after it, or the word right before it."""
    if "*" not in tokens:
        return []
    star = tokens.index("*")
    after = [t for t in tokens[star + 1:] if t not in _PARTICLES]
    near = []
    if after and not after[0].startswith("("):
        near.append(after[0])
    if star > 0 and not tokens[star - 1].startswith("(") and tokens[star - 1] not in _PARTICLES:
        near.append(tokens[star - 1])
    out = []
    for w in near:
        if w.startswith("&"):
            if w.rstrip("_") in _ACT_SYNSETS:
                out.extend(m.split()[-1] for m in synsets.get(w.rstrip("_"), []))
        elif re.fullmatch(r"[A-Z][A-Z'-]+", w):
            out.append(w.lower())
    return out


def derive(path: Path) -> list[dict]:
    synsets, blocks = read_cameo(path)
    found: dict[tuple, dict] = {}

    def add(lemma, family, code, block, pattern=None):
        for kind in coding.cameo_types(code):
            c = found.setdefault((lemma, kind, family), {"lemma": lemma, "type": kind, "family": family,
                                                        "cameo": [], "blocks": [], "support": 0, "from": "CAMEO.2.0"})
            c["support"] += 1
            if code not in c["cameo"]:
                c["cameo"].append(code)
            if block not in c["blocks"]:
                c["blocks"].append(block)
            if pattern:
                c["pattern"] = pattern

    noun_codes: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for b in blocks:
        codes_of = {words[0]: code for words, code in b["verbs"]}
        for words, code in b["verbs"]:
            if code is None:
                continue
            if len(words) == 1:
                add(words[0], "verb", code, b["name"])
            else:   # "+MEET_WITH": the verb and its particle
                add(" ".join(words), "phrase", code, b["name"],
                    [{"LEMMA": words[0], "POS": "VERB"}, *({"LOWER": w} for w in words[1:])])
        for tokens, code, verb in b["patterns"]:
            if code is None or codes_of.get(verb.lower(), b["code"]) is not None:
                continue   # the verb codes on its own: its object is no event word by itself
            for noun in _pattern_nouns(tokens, synsets):
                noun_codes[noun].append((code, b["name"], verb))
    for noun, uses in noun_codes.items():
        kinds = Counter(k for code, _, _ in uses for k in coding.cameo_types(code))
        if not kinds:
            continue
        kind, n = kinds.most_common(1)[0]
        if n * 2 <= len(uses):
            continue   # the noun codes as something else at least as often ("fire": attack or protest)
        if len({verb for code, _, verb in uses if kind in coding.cameo_types(code)}) < 2:
            continue   # one verb's pattern ("turned down an offer"): the verb may carry the event, not the noun
        for code, block, _ in uses:
            if kind in coding.cameo_types(code):
                add(noun, "noun", code, block)
    return sorted(found.values(), key=lambda c: (c["type"], c["family"], c["lemma"])) + ISSUE_CANDIDATES


# ---- measure -----------------------------------------------------------------------------------

class Bench:
    """The dev articles and the coded sentences, parsed once; the service's events for a given lexicon.

    The lexicon is swapped inside service.triggers (LEXICON, which service.events shares, and the compiled
    matchers): the one place this script leans on the engine's internals.
    """

    def __init__(self):
        from service import clean, core, triggers
        from service.config import Config
        from service.nlp import load_pipeline
        self.core, self.triggers = core, triggers
        self.nlp = load_pipeline(Config.from_env().SPACY_MODEL)
        self.base = copy.deepcopy(triggers.LEXICON)
        reqs, self.gold = corpora.dev()
        self.records = corpora.read_jsonl(corpora.SENTENCES)
        self.requests = reqs + [{"id": r["id"], "text": r["text"], "published_at": None} for r in self.records]
        self.docs = core.parse(self.nlp, [clean.blank(r["text"], clean.noise_spans(r["text"])) for r in self.requests])
        self.n_dev = len(reqs)
        self.lemmas = [{(t.lemma_.lower(), t.pos_) for t in d} | {(t.lower_, t.pos_) for t in d} for d in self.docs]

    def occurs(self, cand: dict) -> bool:
        if cand["family"] == "phrase":
            first = cand["pattern"][0]
            word = first.get("LEMMA") or first.get("LOWER")
            return any((word, "VERB") in s for s in self.lemmas)
        pos = {"verb": ("VERB",), "noun": ("NOUN", "PROPN")}[cand["family"]]
        return any((cand["lemma"], p) in s for s in self.lemmas for p in pos)

    def run(self, lexicon: dict) -> dict:
        """The dev figures (tests.scoring, with its --explain lines) and the coded-sentence figures
        (eval.sentences) under this lexicon."""
        from eval.sentences import measure as measure_sentences, targets
        from tests.scoring import score
        self.triggers.LEXICON.clear()
        self.triggers.LEXICON.update(lexicon)
        self.triggers._COMPILED.clear()
        self.triggers.prepare(self.nlp.vocab)
        responses = [self.core._respond(self.nlp, r, d) for r, d in zip(self.requests, self.docs)]
        explained = io.StringIO()
        dev = score(self.gold, {p["id"]: p for p in responses[:self.n_dev]}, explain=True, out=explained)
        lines = {line.strip() for line in explained.getvalue().splitlines() if line.startswith(("  MISS", "  FALSE"))}
        types = [{e["type"] for e in r["events"]} for r in responses[self.n_dev:]]
        sentences = measure_sentences(self.records, types)
        noise = sum(1 for rec, found in zip(self.records, types)
                    for kind in found if kind != "statement" and kind not in {k for _, ks in targets(rec) for k in ks})
        return {"dev": dev, "lines": lines, "plover": sentences["plover"], "petr2": sentences["petr2"], "noise": noise}

    def context(self, line: str) -> str:
        """A few words around the trigger a MISS or FALSE line names ("  FALSE doc type 'word' @123")."""
        doc_id, at = line.split()[1], int(line.rsplit("@", 1)[1])
        text = next(r["text"] for r in self.requests if r["id"] == doc_id)
        left, right = text[max(0, at - 45):at].split(" ", 1)[-1], text[at:at + 45].rsplit(" ", 1)[0]
        return " ".join(f"{left}[{right}".split())


def with_candidate(base: dict, cand: dict) -> dict | None:
    """The lexicon with the candidate added; None when it is there already."""
    lexicon = copy.deepcopy(base)
    entry = lexicon.setdefault(cand["type"], {})
    field = FAMILIES[cand["family"]]
    items = entry.setdefault(field, [])
    item = cand["pattern"] if cand["family"] == "phrase" else cand["lemma"]
    if item in items:
        return None
    items.append(item)
    return lexicon


def _hits(run: dict, sets=("plover", "petr2")) -> int:
    return sum(h for corpus in sets for h, _ in run[corpus].values())


def delta(bench: Bench, before: dict, after: dict, kind: str) -> dict:
    t0, t1 = before["dev"]["per_type"].get(kind, {}), after["dev"]["per_type"].get(kind, {})
    gained = sorted(line for line in before["lines"] - after["lines"] if line.startswith("MISS"))
    false = sorted(line for line in after["lines"] - before["lines"] if line.startswith("FALSE"))
    return {"dev_tp": t1.get("tp", 0) - t0.get("tp", 0), "dev_fp": t1.get("fp", 0) - t0.get("fp", 0),
            "dev_tp_all": after["dev"]["events"]["tp"] - before["dev"]["events"]["tp"],
            "dev_fp_all": after["dev"]["events"]["fp"] - before["dev"]["events"]["fp"],
            "dev_event_f1": round(after["dev"]["events"]["f1"] - before["dev"]["events"]["f1"], 4),
            "sentence_hits": _hits(after) - _hits(before),
            "plover_hits": _hits(after, ("plover",)) - _hits(before, ("plover",)),
            "sentence_other_types": after["noise"] - before["noise"],
            "examples_tp": [bench.context(line) for line in gained[:3]],
            "examples_fp": [bench.context(line) for line in false[:3]]}


def recommend(d: dict, elsewhere: list[str]) -> tuple[str, str]:
    tp, fp, hits, noise = d["dev_tp_all"], d["dev_fp_all"], d["sentence_hits"], d["sentence_other_types"]
    said = f"{tp:+d} tp, {fp:+d} fp on dev; {hits:+d} coded sentences"
    if noise:
        said += f", {noise:+d} events of other codes"
    if elsewhere:
        said += f"; already a {'/'.join(elsewhere)} trigger"
    if tp > 0 and fp <= 0:
        return "keep", said
    if tp == fp == 0 and hits > 0 and noise <= 0 and not elsewhere:
        return "keep", said + ": only the coded sentences speak for it"
    if tp > fp > 0:
        return "review", said + ": gains outweigh the false events, check their senses"
    if fp > 0 or noise > 0:
        return "drop", said + ": it fires on other senses"
    return "drop", said + (": the sentence it finds is coded for a type this word already gives" if hits else
                           ": occurs, but yields nothing the gold or the codes count")


def measure(candidates: list[dict], out: Path) -> None:
    bench = Bench()
    baseline = bench.run(bench.base)
    report = []
    for cand in candidates:
        row = {k: cand[k] for k in ("lemma", "type", "family", "cameo", "from") if k in cand}
        row["blocks"] = cand.get("blocks", [])
        lexicon = with_candidate(bench.base, cand)
        if lexicon is None:
            row.update(recommendation="keep", reason="already in the lexicon")
        elif not bench.occurs(cand):
            row.update(recommendation="drop", reason="no evidence: it does not occur in dev or the coded sentences")
        else:
            d = delta(bench, baseline, bench.run(lexicon), cand["type"])
            row.update(d)
            elsewhere = [t for t, e in bench.base.items()
                         if t != cand["type"] and cand["lemma"] in e.get(FAMILIES[cand["family"]], [])]
            row["recommendation"], row["reason"] = recommend(d, elsewhere)
        report.append(row)
        print(f"{row['recommendation']:<6} {cand['type']:<11} {cand['family']:<6} {cand['lemma']:<20} {row['reason']}",
              file=sys.stderr)
    combined = copy.deepcopy(bench.base)
    for cand, row in zip(candidates, report):
        if row["recommendation"] == "keep" and row.get("reason") != "already in the lexicon":
            combined = with_candidate(combined, cand) or combined
    after = bench.run(combined)
    summary = {name: {"events": r["dev"]["events"], "per_type": r["dev"]["per_type"],
                      "plover": dict(r["plover"]), "petr2": dict(r["petr2"])}
               for name, r in (("baseline", baseline), ("all_keeps", after))}
    bench.run(bench.base)
    out.write_text(json.dumps({"summary": summary, "candidates": report}, indent=1, ensure_ascii=False))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("derive")
    d.add_argument("cameo", nargs="?", type=Path, default=CAMEO_TXT)
    d.add_argument("--out", type=Path)
    m = sub.add_parser("measure")
    m.add_argument("candidates", type=Path)
    m.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    if a.command == "derive":
        body = json.dumps(derive(a.cameo), indent=1)
        if a.out:
            a.out.write_text(body)
        else:
            print(body)
        return 0
    measure(json.loads(a.candidates.read_text()), a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
