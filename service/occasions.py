"""Later mentions of one occasion: "the summit", "the talks", "his visit" after the meeting or visit they name again.

An article reports an occasion once and then names it again and again: "Leaders will meet in Lima on Friday.
... Coordinators said the summit would focus on trade." Each mention is its own event (spec/EVENTS.md), but
what the first says of the occasion holds for the others: a summit still ahead is planned in every sentence
that mentions it. This module finds, once per document and before modality and arguments are filled, which
earlier event a mention names again; the later stages only read the links.

A later mention is a definite, demonstrative or possessive noun ("the summit", "this conference", "his visit",
"Lavrov's visit") with nothing that makes it another occasion ("the next summit", "a second round", "the June
summit"). It names again the nearest earlier occasion that it does not contradict: not one with other parties
or another place named in its phrase. The same noun ("the summit" ... "the summit") reaches further back than a
different one ("the meeting" ... "the talks"), and a mention of another type ("the Sochi talks" after "the
congress in Sochi") needs a party or a place the two share.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Token

from . import words
from .entities import ActorRef, DocIndex
from .registry import TYPES
from .syntax import objects, pobjs, subjects

if TYPE_CHECKING:
    from .events import Event

_OCCASION_TYPES = frozenset(name for name, t in TYPES.items() if t.one_occasion)
_DEFINITE = words.load("anaphoric_determiners") | words.load("demonstrative_plurals")
_ANOTHER = words.load("another_occasion_modifiers")
_PARTY_PREPS = frozenset({"with", "between", "among", "by"})
_PLACE_PREPS = words.load("place_prepositions")
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Sentences back to the occasion a later mention names again: the same noun repeated reaches further.
SAME_NOUN_REACH = 12
OTHER_NOUN_REACH = 3


@dataclass
class _Occasion:
    """What the mentions of one occasion have named so far: its parties and its places (entity ids)."""
    parties: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)


@dataclass
class Links:
    """Which earlier event each later mention names again (read-only once built)."""
    _earlier: dict[tuple[int, str], "Event"] = field(default_factory=dict)

    def earlier(self, ev: "Event") -> "Event | None":
        return self._earlier.get((ev.start, ev.type))

    def told(self, ev: "Event") -> str | None:
        """Whether the earlier mentions tell the occasion as ahead ("planned") or as having happened
        ("asserted"): the latest that says either. A mention of someone not attending or perhaps attending
        ("would not attend the talks", "whether Hamas would attend") says nothing of the occasion itself."""
        e = self.earlier(ev)
        while e is not None and e.modality not in ("planned", "asserted"):
            e = self.earlier(e)
        return e.modality if e is not None else None


def _named(ev: "Event", index: DocIndex) -> tuple[set[str], set[str]]:
    """(parties, places) a mention names itself. Parties: the names of its possessor and of its "with" or
    "between" phrase ("Blinken's meeting with Netanyahu"), a verb's subjects and objects. Places: the names
    of its place phrases and of place-like modifiers ("the Sochi conference"), by their words, since one
    city may be read as a place once and as an actor the next time. Only names count: "his visit",
    "leaders" are coreference's guesses, too weak to set two occasions apart."""
    h = ev.head
    if h.pos_ in ("NOUN", "PROPN"):
        party_tokens, place_tokens = [], []
        for c in h.children:   # not an apposition: "their first since a meeting in X" is another occasion
            if c.dep_ == "poss":
                party_tokens.extend(c.subtree)
            elif c.dep_ in ("compound", "nmod"):
                place_tokens.extend(c.subtree)
            elif c.dep_ == "prep" and c.lower_ in _PARTY_PREPS:
                party_tokens.extend(x for p in c.children if p.dep_ == "pobj" for x in [p, *p.conjuncts])
            elif c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                place_tokens.extend(x for p in c.children if p.dep_ == "pobj" for x in [p, *p.conjuncts])
        if h.dep_ in ("nsubj", "nsubjpass", "dobj"):   # "a summit will be held in Sochi"
            place_tokens.extend(pobjs(h.head, _PLACE_PREPS))
    else:
        party_tokens = [*subjects(h), *objects(h), *pobjs(h, _PARTY_PREPS)]
        place_tokens = [*objects(h), *pobjs(h, _PLACE_PREPS)]
    parties, places = set(), set()
    for t in party_tokens:
        if (t.pos_ == "PROPN" or t.ent_type_) and index.place_at(t) is None:
            parties.update(r.actor.id for r in index.actors_at(t))
    for t in place_tokens:
        place = index.place_at(t)
        if place is not None:
            places.add(place.place.name.lower())
        elif t.ent_type_ in _PLACE_LABELS or t.pos_ == "PROPN" and not t.ent_type_:
            places.add(t.text.lower())   # a name the tagger left unlabelled: "the Sochi meeting"
    return parties, places


def _is_later_mention(h: Token) -> bool:
    """A definite, demonstrative or possessive noun, with no word that makes it an occasion of its own."""
    if h.pos_ not in ("NOUN", "PROPN"):
        return False
    definite = False
    for c in h.children:
        if c.i > h.i:
            continue
        if c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in _DEFINITE:
            definite = True
        elif c.dep_ == "det" or c.dep_ == "nummod" or c.lower_ in _ANOTHER or c.ent_type_ in ("ORDINAL", "DATE", "TIME"):
            return False   # "a summit", "two meetings", "the next summit", "the second round", "the June summit"
    return definite


def _conflict(named: tuple[set[str], set[str]], occ: _Occasion) -> bool:
    parties, places = named
    return bool(parties and occ.parties and not parties & occ.parties
                or places and occ.places and not places & occ.places)


def _noun(ev: "Event") -> str:
    return ev.head.lemma_.lower()


def _earlier_mention(ev, named, here, seen):
    """The nearest earlier mention this one can name again: first one with the same noun or the same place, then
    any other near enough."""
    inside = {t.i for t in ev.head.ancestors}   # "preparatory meetings for the summit" are another occasion
    candidates = [(prior, occ, n) for prior, occ, n in reversed(seen)
                  if here - n <= SAME_NOUN_REACH and prior.head.i not in inside and not _conflict(named, occ)]
    for prior, occ, n in candidates:
        if _noun(prior) == _noun(ev) or named[1] & occ.places:
            return prior, occ   # "the summit" again, "the Lima meeting" after "a summit in Lima"
    for prior, occ, n in candidates:
        if here - n <= OTHER_NOUN_REACH and (prior.type == ev.type or named[0] & occ.parties):
            return prior, occ   # another kind of occasion is this one only where a party or a place says so
    return None


def link(events: list["Event"], index: DocIndex) -> Links:
    """The earlier event each later mention of an occasion names again; events are in text order."""
    links = Links()
    sentence = {s.start: n for n, s in enumerate(index.doc.sents)}
    seen: list[tuple["Event", _Occasion, int]] = []   # occasion mentions so far, with their occasion and sentence
    for ev in events:
        if ev.type not in _OCCASION_TYPES:
            continue
        named = _named(ev, index)
        here = sentence[ev.head.sent.start]
        occasion = None
        if _is_later_mention(ev.head):
            found = _earlier_mention(ev, named, here, seen)
            if found is not None:
                prior, occasion = found
                links._earlier[(ev.start, ev.type)] = prior
        if occasion is None:
            occasion = _Occasion()
        occasion.parties |= named[0]
        occasion.places |= named[1]
        seen.append((ev, occasion, here))
    return links


def parties_named_again(ev: "Event", earlier: "Event") -> list:
    """The parties of the earlier mention that this mention's sentence names again ("After the meeting, Blinken
    said Netanyahu ..."): a later mention has the parties its sentence names, not every party of the occasion."""
    sent = ev.head.sent
    out = []
    for ref, role in earlier.actors:
        # the words that made it a party of the earlier mention, in the same sentence, do not name it again
        here = next(((s, e) for s, e in sorted(ref.actor.mentions)
                     if sent.start_char <= s and e <= sent.end_char and (s, e) != (ref.start, ref.end)), None)
        if here is not None:
            out.append((ActorRef(ref.actor, *here), role))
    return out
