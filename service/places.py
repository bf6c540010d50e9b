"""Where an event happens, or where a journey goes: the places attached to the trigger and to the verb that
governs it, with the roles of spec/EVENTS.md.

Each type's file says how it reads its places (`places:` in data/events/<type>.yaml, registry.py):
    occasion   (the default) a place of a place preposition is where it happens, though not one of 'to',
               'from' or 'for'; a trip it happens during gives its destination ("During his visit to
               Israel, Blinken met Netanyahu": in Israel)
    journey    its object and the places of place prepositions are where it goes, those of 'from' and a
               departing verb's object ("left Cairo") where it comes from
    at_target  as an occasion, and the places attached to what it strikes are where it happens ("struck a
               power plant in Kharkiv", "the assassinations of Haniyeh in Tehran")
"""
from __future__ import annotations

from spacy.tokens import Token

from . import words
from .entities import DocIndex, PlaceRef
from .registry import TYPES
from .syntax import OBJ, governing_verb, objects, pobjs

_TRIP_PREPS = words.load("trip_prepositions")
_DEPARTING = words.load("departing_verbs")
_DIRECTION_PREPS = words.load("direction_prepositions")
_PLACE_PREPS = words.load("place_prepositions")
# "during his visit to Israel", "on a trip to Cairo": the nouns of the journeys
_TRIP_NOUNS = {n for t in TYPES.values() if t.places == "journey" for n in t.lexicon["nouns"]}


def _anchors(head: Token, family: str, mode: str) -> list[Token]:
    """The words the event's places hang on: the trigger, the verb a noun trigger is subject or object of."""
    anchors = [head]
    gov = governing_verb(head) if family in ("noun", "adjective") or head.pos_ in ("NOUN", "PROPN") else None
    if gov is not None and head.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
        anchors.append(gov)
    elif head.dep_ == "compound" and head.head.pos_ == "VERB":
        anchors.append(head.head)   # "before truce talks resume in Cairo", "talks" parsed as the verb's compound
    if mode == "at_target" and head.pos_ == "VERB":
        anchors += objects(head)   # "struck a power plant in Kharkiv"
    if mode == "at_target" and head.pos_ in ("NOUN", "PROPN"):
        # "the assassinations of Haniyeh in Tehran and Shukr in Beirut"
        anchors += [p for c in head.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        anchors += [cc for a in list(anchors) for cc in a.conjuncts]
    return anchors


def places(head: Token, type_: str, family: str, index: DocIndex) -> list[tuple[PlaceRef, str]]:
    """(place, role) pairs, each place once, with the first role found for it."""
    mode = TYPES[type_].places
    journey = mode == "journey"
    anchors = _anchors(head, family, mode)
    found: list[tuple[PlaceRef, str]] = []
    if not journey:
        for a in anchors:
            trips = [p for c in a.children if c.dep_ == "prep" and c.lower_ in _TRIP_PREPS
                     for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in _TRIP_NOUNS]
            found.extend((ref, "location") for t in trips for q in pobjs(t, {"to"})
                         for ref in [index.place_at(q)] if ref)
    for a in anchors:
        for c in a.children:
            if c.dep_ in OBJ and journey and a.i == head.i:
                ref = index.place_at(c)
                if ref:
                    found.append((ref, "origin" if head.lemma_ in _DEPARTING else "destination"))
            if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    for q in [p, *p.conjuncts]:
                        ref = index.place_at(q)
                        if ref is None:
                            continue
                        if journey:
                            role = "origin" if c.lower_ == "from" else "destination"
                        else:
                            role = "location"
                            if c.lower_ in _DIRECTION_PREPS:
                                continue
                        found.append((ref, role))
    seen = set()
    out = []
    for ref, role in found:
        if ref.place.id not in seen:
            seen.add(ref.place.id)
            out.append((ref, role))
    return out
