"""Find candidate event triggers in a parsed Doc with spaCy's Matcher.

The words come from data/triggers.json (one family per event type); this module
only turns them into patterns and keeps the longest, most specific match per token.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

LEXICON: dict = {k: v for k, v in json.loads((Path(__file__).parent / "data" / "triggers.json").read_text()).items()
                 if not k.startswith("_")}

_VERB_POS = ["VERB"]
_NOUN_POS = ["NOUN", "PROPN"]
_ADJ_POS = ["ADJ"]


@dataclass(frozen=True)
class Trigger:
    type: str
    start: int          # token indices into the Doc, end exclusive
    end: int
    head: Token         # the token whose syntax decides arguments and modality
    family: str         # "verb", "noun", "adjective" or "phrase"


def build_matcher(vocab) -> Matcher:
    matcher = Matcher(vocab)
    for event_type, words in LEXICON.items():
        if words.get("verbs"):
            matcher.add(f"{event_type}|verb", [[{"LEMMA": {"IN": words["verbs"]}, "POS": {"IN": _VERB_POS}}]])
        if words.get("nouns"):
            matcher.add(f"{event_type}|noun", [[{"LEMMA": {"IN": words["nouns"]}, "POS": {"IN": _NOUN_POS}}],
                                               [{"LOWER": {"IN": words["nouns"]}, "POS": {"IN": _NOUN_POS}}]])
        if words.get("adjectives"):
            matcher.add(f"{event_type}|adjective", [[{"LEMMA": {"IN": words["adjectives"]}, "POS": {"IN": _ADJ_POS}}]])
        if words.get("phrases"):
            matcher.add(f"{event_type}|phrase", words["phrases"])
    return matcher


_MATCHERS: dict[int, tuple[Matcher, dict[int, tuple[str, str]]]] = {}


def prepare(vocab) -> None:
    """Build the matcher for a vocab. Call it outside `nlp.memory_zone()`: strings interned inside a
    zone are freed when it ends, and the match labels must outlive every request."""
    key = id(vocab)
    if key not in _MATCHERS:
        matcher = build_matcher(vocab)
        labels = {vocab.strings[name]: tuple(name.split("|")) for name in
                  (f"{t}|{f}" for t in LEXICON for f in ("verb", "noun", "adjective", "phrase"))
                  if name in vocab.strings}
        _MATCHERS[key] = (matcher, labels)


def _phrase_head(doc: Doc, start: int, end: int) -> Token:
    """The verb or noun of a multi-word trigger ('called for' -> called, 'deaths of' -> deaths)."""
    for tok in doc[start:end]:
        if tok.pos_ in ("VERB", "NOUN", "PROPN"):
            return tok
    return doc[start]


def find(doc: Doc) -> list[Trigger]:
    """Every lexicon match; a phrase wins over the single words it covers of other families."""
    prepare(doc.vocab)
    matcher, labels = _MATCHERS[id(doc.vocab)]
    found: list[Trigger] = []
    for match_id, start, end in matcher(doc):
        event_type, family = labels[match_id]
        head = _phrase_head(doc, start, end) if family == "phrase" else doc[start]
        found.append(Trigger(event_type, start, end, head, family))
    phrases = [t for t in found if t.family == "phrase"]
    in_phrase = {i for p in phrases for i in range(p.start, p.end)}
    kept = []
    seen = set()
    for t in found:
        if t.family != "phrase" and t.start in in_phrase:
            continue  # 'vowed to retaliate' is a threat, not a statement plus an attack
        key = (t.type, t.start, t.end, t.family)
        if key not in seen:
            seen.add(key)
            kept.append(t)
    # Overlapping phrases of one type: keep the longest.
    kept.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[Trigger] = []
    for t in kept:
        if t.family == "phrase" and any(o.type == t.type and o.family == "phrase" and o.start <= t.start < o.end
                                        for o in out):
            continue
        out.append(t)
    return out
