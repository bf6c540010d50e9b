"""Find candidate event triggers in a parsed Doc.

The words come from each type's lexicon (data/events/<type>.yaml, registry.py). Single words are
looked up on the Doc's lemma/lower/POS arrays in one pass (no Token objects for the misses), then by hash;
multi-word phrases are spaCy Matcher patterns. A phrase wins over the words it covers.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS, SENT_START
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
    # Per phrase pattern, the words it cannot match without, as ((column, hashes), ...): the Matcher runs only
    # on sentences that have them all for some pattern.
    phrase_needs: list[tuple[tuple[int, frozenset[int]], ...]]
    phrase_words: np.ndarray              # every such hash
    # Single-word families: (type, family, POS ids) by lemma or lower-case hash, in lexicon order.
    words: list[tuple[str, str, frozenset[int]]]
    by_hash: dict[int, tuple[int, ...]]   # hash -> indices into `words`
    any_word: np.ndarray                  # every hash, to find the few tokens worth a look in one pass


_COLUMNS = {"LEMMA": 0, "LOWER": 1}   # of the array find() reads


def _needs(pattern: list[dict], strings) -> tuple[tuple[int, frozenset[int]], ...]:
    """The (column, hashes) of every token a pattern must match by its lemma or lower-case form."""
    out = []
    for spec in pattern:
        if spec.get("OP", "1") not in ("1", "+"):
            continue   # optional or negated: a match may do without it
        for attr, column in _COLUMNS.items():
            value = spec.get(attr)
            if isinstance(value, str):
                out.append((column, frozenset({strings.add(value)})))
            elif isinstance(value, dict) and list(value) == ["IN"]:
                out.append((column, frozenset(strings.add(v) for v in value["IN"])))
    return tuple(out)


def _compile(vocab) -> _Compiled:
    phrases = Matcher(vocab)
    phrase_types = {}
    phrase_needs = []
    words: list[tuple[str, str, frozenset[int]]] = []
    by_hash: dict[int, list[int]] = {}
    for event_type, entry in LEXICON.items():
        if entry.get("phrases"):
            key = f"{event_type}|phrase"
            phrases.add(key, entry["phrases"])
            phrase_types[vocab.strings[key]] = event_type
            phrase_needs.extend(_needs(p, vocab.strings) for p in entry["phrases"])
        for field, family, pos_names in _FAMILIES:
            if entry.get(field):
                for w in entry[field]:
                    by_hash.setdefault(vocab.strings.add(w), []).append(len(words))
                words.append((event_type, family, frozenset(UNIVERSAL_POS[p] for p in pos_names)))
    any_word = np.array(sorted(by_hash), dtype=np.uint64)
    phrase_words = np.array(sorted({h for needs in phrase_needs for _, hashes in needs for h in hashes}), dtype=np.uint64)
    return _Compiled(phrases, phrase_types, phrase_needs, phrase_words, words,
                     {h: tuple(ks) for h, ks in by_hash.items()}, any_word)


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


def _phrase_sentences(doc: Doc, arr: np.ndarray, compiled: _Compiled) -> list[tuple[int, int]]:
    """(start, end) of the sentences where some phrase pattern finds every word it needs. A pattern with no
    such word (a bare POS sequence) makes every sentence worth a look."""
    every = any(not needs for needs in compiled.phrase_needs)
    hits = np.flatnonzero(np.isin(arr[:, 0], compiled.phrase_words) | np.isin(arr[:, 1], compiled.phrase_words))
    if not every and not len(hits):
        return []   # most Docs: no phrase's words at all
    starts = np.flatnonzero(doc.to_array(SENT_START) == 1)
    if not len(starts) or starts[0] != 0:
        starts = np.concatenate(([0], starts))
    ends = np.append(starts[1:], len(doc)).tolist()
    starts = starts.tolist()
    if every:
        return list(zip(starts, ends))
    present: dict[int, set[tuple[int, int]]] = {}
    for i, sent in zip(hits.tolist(), (np.searchsorted(starts, hits, side="right") - 1).tolist()):
        present.setdefault(sent, set()).update(((0, int(arr[i, 0])), (1, int(arr[i, 1]))))
    return [(starts[k], ends[k]) for k, seen in sorted(present.items())
            if any(all(any((column, h) in seen for h in hashes) for column, hashes in needs)
                   for needs in compiled.phrase_needs)]


def find(doc: Doc) -> list[Trigger]:
    """Every lexicon match; a phrase wins over the single words it covers of other families."""
    prepare(doc.vocab)
    compiled = _COMPILED[id(doc.vocab)]
    found: list[Trigger] = []
    if not len(doc):
        return found
    arr = doc.to_array([LEMMA, LOWER, POS]).astype(np.uint64)
    some = np.flatnonzero(np.isin(arr[:, 0], compiled.any_word) | np.isin(arr[:, 1], compiled.any_word))
    for i, (lemma, lower, pos) in zip(some.tolist(), arr[some].tolist()):
        for k in sorted({*compiled.by_hash.get(lemma, ()), *compiled.by_hash.get(lower, ())}):
            event_type, family, pos_ids = compiled.words[k]
            if pos in pos_ids:
                found.append(Trigger(event_type, i, i + 1, doc[i], family))
    # A phrase never crosses a sentence, and the Matcher's cost grows with the tokens it is given.
    for first, last in _phrase_sentences(doc, arr, compiled):
        for match_id, start, end in compiled.phrases(doc[first:last]):
            start, end = start + first, end + first
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
