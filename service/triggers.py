"""Find candidate event triggers in a parsed Doc.

The words come from each type's lexicon (data/events/<type>.yaml, registry.py). Single words are
looked up on the Doc's lemma/lower/POS arrays in one pass (no Token objects for the misses), then by hash;
multi-word phrases are spaCy Matcher patterns. A phrase wins over the words it covers.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as UNIVERSAL_POS
from spacy.tokens import Doc, Token

from .registry import TYPES

LEXICON: dict = {name: t.lexicon for name, t in TYPES.items()}


@dataclass(frozen=True)
class Trigger:
    type: str
    start: int          # token indices into the Doc, end exclusive
    end: int
    head: Token         # the token whose syntax decides arguments and modality
    family: str         # "verb", "noun", "adjective" or "phrase"


_FAMILIES = (("verbs", "verb", ("VERB",)), ("nouns", "noun", ("NOUN", "PROPN")), ("adjectives", "adjective", ("ADJ",)))


@dataclass
class _Compiled:
    phrases: Matcher
    phrase_types: dict[int, str]
    # Single-word families: (type, family, POS ids) by lemma or lower-case hash, in lexicon order.
    words: list[tuple[str, str, frozenset[int]]]
    by_hash: dict[int, tuple[int, ...]]   # hash -> indices into `words`
    any_word: np.ndarray                  # every hash, to find the few tokens worth a look in one pass


def _compile(vocab) -> _Compiled:
    phrases = Matcher(vocab)
    phrase_types = {}
    words: list[tuple[str, str, frozenset[int]]] = []
    by_hash: dict[int, list[int]] = {}
    for event_type, entry in LEXICON.items():
        if entry.get("phrases"):
            key = f"{event_type}|phrase"
            phrases.add(key, entry["phrases"])
            phrase_types[vocab.strings[key]] = event_type
        for field, family, pos_names in _FAMILIES:
            if entry.get(field):
                for w in entry[field]:
                    by_hash.setdefault(vocab.strings.add(w), []).append(len(words))
                words.append((event_type, family, frozenset(UNIVERSAL_POS[p] for p in pos_names)))
    any_word = np.array(sorted(by_hash), dtype=np.uint64)
    return _Compiled(phrases, phrase_types, words, {h: tuple(ks) for h, ks in by_hash.items()}, any_word)


_COMPILED: dict[int, _Compiled] = {}


def prepare(vocab) -> None:
    """Compile the lexicon for a vocab. Call it outside `nlp.memory_zone()`: strings interned inside a
    zone are freed when it ends, and the lexicon must outlive every request."""
    if id(vocab) not in _COMPILED:
        _COMPILED[id(vocab)] = _compile(vocab)


def _phrase_head(doc: Doc, start: int, end: int) -> Token:
    """The first verb or noun of a multi-word trigger; a run of nouns is headed by its last, as a compound is
    ('called for' -> called, 'deaths of' -> deaths, 'agreement reached' -> agreement,
    'news conference' -> conference)."""
    head = None
    for tok in doc[start:end]:
        if tok.pos_ in ("NOUN", "PROPN"):
            head = tok
        elif head is not None:
            break
        elif tok.pos_ == "VERB":
            return tok
    return head if head is not None else doc[start]


def find(doc: Doc) -> list[Trigger]:
    """Every lexicon match; a phrase wins over the single words it covers of other families."""
    prepare(doc.vocab)
    compiled = _COMPILED[id(doc.vocab)]
    found: list[Trigger] = []
    if len(doc):
        arr = doc.to_array([LEMMA, LOWER, POS]).astype(np.uint64)
        some = np.flatnonzero(np.isin(arr[:, 0], compiled.any_word) | np.isin(arr[:, 1], compiled.any_word))
        for i, (lemma, lower, pos) in zip(some.tolist(), arr[some].tolist()):
            for k in sorted({*compiled.by_hash.get(lemma, ()), *compiled.by_hash.get(lower, ())}):
                event_type, family, pos_ids = compiled.words[k]
                if pos in pos_ids:
                    found.append(Trigger(event_type, i, i + 1, doc[i], family))
    for match_id, start, end in compiled.phrases(doc):
        found.append(Trigger(compiled.phrase_types[match_id], start, end, _phrase_head(doc, start, end), "phrase"))
    found.sort(key=lambda t: (t.start, t.type))
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
