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
An article's dateline ("BEIJING, Nov. 3 (Xinhua) --") places what it reports from there and nothing else
places: the asserted occasions and strikes of its own narrative, not a journey nor what someone is reported
to say happened.
"""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from . import gazetteer, words
from .entities import DocIndex, PlaceRef
from .registry import TYPES
from .syntax import OBJ, SUBJ, first_conjunct, governing_verb, infinitive, objects, pobjs, subjects

_TRIP_PREPS = words.load("trip_prepositions")
_DEPARTING = words.load("departing_verbs")
_DIRECTION_PREPS = words.load("direction_prepositions")
_PLACE_PREPS = words.load("place_prepositions")
_PLACE_NOUNS = words.load("place_nouns")
_LOCATIVE = words.load("locative_prepositions")
_PARTY_NOUNS = words.load("actor_nouns") | words.load("person_nouns")
# How long before the article's day its dateline still places what it reports: the week it covers.
_NEWS_DAYS = dt.timedelta(days=7)
_CHAIN_STEPS = 2   # "are set to begin to meet": infinitives followed down from a clause
# How far back "the country" may look for the country it stands for: its sentence and the one before.
_ANAPHOR_SENTENCES = 2
# "during his visit to Israel", "on a trip to Cairo": the nouns of the journeys
_TRIP_NOUNS = {n for t in TYPES.values() if t.places == "journey" for n in t.lexicon["nouns"]}
# "at the Party Conference": a name for an event, no site a body stands for
_EVENT_NOUNS = {n for t in TYPES.values() for n in t.lexicon["nouns"]}
# "flew to Lima to meet ...": the journeys whose destination is where their purpose happens
_JOURNEY_VERBS = {v for t in TYPES.values() if t.places == "journey" for v in t.lexicon["verbs"]} - _DEPARTING


def _anchors(head: Token, family: str, mode: str) -> tuple[list[Token], list[Token], list[Token]]:
    """What the event's places hang on: the words whose place phrases count (the trigger; the verb a noun
    trigger is subject or object of; the clauses on a noun trigger, "talks due to resume in Doha", "a summit
    to be held in Lima"; each verb's frames), single phrases that count (a coordinated verb shares the
    first one's fronted phrases), and the journeys whose destination is where it happens."""
    anchors = [head]
    noun = family in ("noun", "adjective") or head.pos_ in ("NOUN", "PROPN")
    gov = governing_verb(head) if noun else None
    if gov is not None and head.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
        anchors.append(gov)
    elif head.dep_ == "compound" and head.head.pos_ == "VERB":
        anchors.append(head.head)   # "before truce talks resume in Cairo", "talks" parsed as the verb's compound
    if noun:
        anchors += clauses_on(head)
    anchors += [x for a in list(anchors) for x in _infinitives(a)]
    phrases: list[Token] = []
    journeys: list[Token] = [j] if noun and (j := purpose_of(head)) is not None else []
    for v in [a for a in anchors if a.pos_ in ("VERB", "AUX")]:
        frames, fronted, purpose = _frames(v)
        anchors += frames
        phrases += fronted
        if purpose is not None:
            (journeys if purpose.lemma_ in _JOURNEY_VERBS else anchors).append(purpose)
    if mode == "at_target" and head.pos_ == "VERB":
        anchors += objects(head)   # "struck a power plant in Kharkiv"
        if head.dep_ == "amod":
            anchors.append(head.head)   # "the bombed embassy in Nairobi": what is struck is the noun it describes
    if mode == "at_target" and head.pos_ in ("NOUN", "PROPN"):
        # "the assassinations of Haniyeh in Tehran and Shukr in Beirut"
        anchors += [p for c in head.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        anchors += [cc for a in list(anchors) for cc in a.conjuncts]
    return anchors, phrases, journeys


def clauses_on(noun: Token) -> list[Token]:
    """The clauses on a noun that say what becomes of it: "a summit to be held in Lima", "talks that resumed
    in Doha", and an adjective with an infinitive, "talks due to resume in Geneva next week"."""
    return [c for c in noun.children if c.dep_ in ("acl", "relcl") or c.pos_ == "ADJ" and (
        c.dep_ == "prep" or c.dep_ == "amod" and any(x.dep_ == "xcomp" for x in c.children))]


def purpose_of(noun: Token) -> Token | None:
    """The journey an occasion is the purpose of, whose destination and time are its own: "will visit
    Pakistan this week for talks", "flew to Lima for a summit", "a trip to Cairo for talks"."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return None
    j = noun.head.head
    if j.pos_ == "VERB" and j.lemma_ in _JOURNEY_VERBS or j.pos_ == "NOUN" and j.lemma_.lower() in _TRIP_NOUNS:
        return j
    return None


def _infinitives(t: Token) -> list[Token]:
    """The infinitives that say what a word's clause does: "are set to take place", "due to resume"."""
    out = []
    for _ in range(_CHAIN_STEPS):
        t = next((c for c in t.children if c.dep_ == "xcomp"), None)
        if t is None:
            break
        out.append(t)
    return out


def _participle_frames(v: Token) -> list[Token]:
    """Participles before a verb that frame it: "Speaking in Lima, he denied ..."."""
    return [c for c in v.children if c.dep_ == "advcl" and c.i < v.i and c.tag_ in ("VBG", "VBN")
            and not any(s.dep_ in SUBJ for s in c.children)]


def _frames(v: Token) -> tuple[list[Token], list[Token], Token | None]:
    """What a verb's clause shares with it: the participles that frame it, and those of the verb it is
    coordinated with, whose fronted phrases it shares too ("In Lima, he denied ... and insisted"); the
    clause a participle after it adds to ("met in Lima, saying ..."); and the verb it is the purpose of
    ("stayed in Oslo to continue the talks")."""
    frames = _participle_frames(v)
    first = first_conjunct(v, verbs=True)
    fronted = []
    if first.i != v.i:
        frames += _participle_frames(first)
        fronted = [c for c in first.children if c.dep_ == "prep" and c.i < first.i]
    if first.dep_ == "advcl" and first.tag_ in ("VBG", "VBN") and first.i > first.head.i \
            and not any(s.dep_ in SUBJ for s in first.children):
        frames.append(first.head)   # "recorded a video in the garden, announcing ...": where it was said
    purpose = None
    if first.dep_ == "advcl" and infinitive(first):
        purpose = first.head
    return frames, fronted, purpose


def _named(tok: Token, index: DocIndex, bodies: bool = False) -> PlaceRef | None:
    """The place a word names: a name, the name a place noun goes with ("the resort of Sochi", "Idlib
    province"), or for "the country", "the city" alone the last place of that kind named before it; with
    `bodies`, the site of a body named where a place is expected ("at Harvard University", "visited Huawei"),
    though not of one named for an event ("a speech at the Labour Party Conference in Brighton")."""
    ref = index.place_at(tok, bodies and tok.lemma_.lower() not in _EVENT_NOUNS)
    if ref is not None or tok.lemma_.lower() not in _PLACE_NOUNS:
        return ref
    named = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    named += [c for c in tok.children if c.dep_ in ("compound", "appos")]
    for n in named:
        ref = index.place_at(n)
        if ref is not None:
            return ref
    mods = [c for c in tok.children if c.dep_ not in ("punct", "prep")]
    if [c.lower_ for c in mods] == ["the"]:
        country = tok.lemma_.lower() == "country"
        ref = index.place_before(tok, lambda p: (p.kind == "country") == country, _ANAPHOR_SENTENCES)
        return PlaceRef(ref.place, mods[0].idx, tok.idx + len(tok)) if ref else None
    return None


def places(head: Token, type_: str, family: str, index: DocIndex) -> list[tuple[PlaceRef, str]]:
    """(place, role) pairs, each place once, with the first role found for it."""
    mode = TYPES[type_].places
    journey = mode == "journey"
    anchors, phrases, journeys = _anchors(head, family, mode)
    found: list[tuple[PlaceRef, str]] = []
    if not journey:
        # during a trip, or at the end of the journey it is the purpose of: where that journey goes
        trips = [p for a in anchors for c in a.children if c.dep_ == "prep" and c.lower_ in _TRIP_PREPS
                 for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in _TRIP_NOUNS]
        found.extend((ref, "location") for t in trips + journeys for q in [*pobjs(t, {"to"}), *objects(t)]
                     for ref in [_named(q, index)] if ref)
    if head.pos_ in ("NOUN", "PROPN"):   # "the Vienna talks": a town before the event noun is where it is
        found.extend((ref, "location") for c in head.children if c.dep_ == "compound"
                     for ref in [_named(c, index)] if ref and not _names_what(ref, mode))
    for a in anchors:
        if mode == "at_target" and a.i != head.i:
            ref = _named(a, index)   # what is struck is a town or a region: "shelled Homs province"
            if ref is not None and ref.place.kind != "country":
                found.append((ref, "location"))
        if journey and a.i == head.i:
            # "visits Leeds, York and Hull", the list sometimes parsed as a noun phrase adverb
            goes = [q for c in a.children if c.dep_ in OBJ or c.dep_ == "npadvmod" for q in [c, *c.conjuncts]]
            found.extend((ref, "origin" if head.lemma_ in _DEPARTING else "destination")
                         for q in goes for ref in [_named(q, index, bodies=True)] if ref)
        phrases += [c for c in a.children if c.dep_ == "prep"]
    for c in phrases:
        if c.lower_ not in _PLACE_PREPS or not journey and c.lower_ in _DIRECTION_PREPS:
            continue
        role = ("origin" if c.lower_ == "from" else "destination") if journey else "location"
        bodies = c.lower_ == "at" or role == "destination"
        for p in c.children:
            if p.dep_ == "pobj":
                found.extend((ref, role) for q in [p, *p.conjuncts] for ref in _within(q, index, bodies))
    if mode == "occasion":
        found.extend((ref, "location") for ref in _parties_places(head, anchors, index))
    seen = set()
    out = []
    for ref, role in found:
        if ref.place.id not in seen:
            seen.add(ref.place.id)
            out.append((ref, role))
    return out


def _names_what(ref: PlaceRef, mode: str) -> bool:
    """A country, or before an occasion a known region, says what the event is about, not where it is held:
    "the Iran talks", "the Middle East peace process", "the Darfur peace talks"; a town says where ("the
    Vienna talks"), and so does a region where strikes fall ("the Gaza strikes")."""
    kind = ref.place.kind
    return kind == "country" or (kind == "region" and mode != "at_target"
                                 and gazetteer.lookup(ref.place.name) is not None)


def _within(q: Token, index: DocIndex, bodies: bool = False) -> list[PlaceRef]:
    """The place a place phrase names, and for a site or a thing the places it is in ("met at the embassy in
    Lima", "at Netanyahu's residence in Jerusalem")."""
    ref = _named(q, index, bodies)
    if ref is not None and ref.place.kind != "facility":
        return [ref]
    return [*([ref] if ref else []), *(
        ref for c in q.children if c.dep_ == "prep" and c.lower_ in _LOCATIVE
        for p in c.children if p.dep_ == "pobj" for r in [p, *p.conjuncts] for ref in [_named(r, index)] if ref)]


def _parties_places(head: Token, anchors: list[Token], index: DocIndex) -> list[PlaceRef]:
    """Where the parties are: the place phrase on a party it is held with or speaks to ("met Iran's leaders
    in Tehran", "told reporters in Brussels"), and where the description of its subject puts the subject
    ("said X, an analyst in Ramallah", "X, who is in London, said"); not a place phrase right on the subject,
    which says whose it is ("authorities in the region said"), nor the subject of the verb a noun trigger
    hangs on ("X, who is in London, criticised the plan": the plan is not made there)."""
    parties = [p for a in anchors[:2] for p in [*objects(a), *pobjs(a, {"with"})]
               if index.actors_at(p) or p.lemma_.lower() in _PARTY_NOUNS]
    for s in subjects(head) if head.pos_ in ("VERB", "AUX") else []:
        if any(r.actor.kind == "country" for r in index.actors_at(s)):
            continue   # "Brazil, a food exporter in Latin America, said": where a country lies, not where it speaks
        parties += [c for c in s.children if c.dep_ == "appos"]
        parties += [c for c in s.children if c.dep_ == "relcl" and c.lemma_ == "be"]
    return [ref for p in parties for c in p.children if c.dep_ == "prep" and c.lower_ in _LOCATIVE
            for q in c.children if q.dep_ == "pobj" for r in [q, *q.conjuncts] for ref in _within(r, index)
            if ref.place.kind != "facility"]   # "a professor at Cairo University": where he works



def from_dateline(head: Token, type_: str, modality: str, event_heads: set[int], index: DocIndex,
                  dates: list = (), ref: dt.date | None = None) -> bool:
    """Whether an event with no place of its own happened where the article is filed from: an asserted
    occasion or strike of the article's own narrative ("An airstrike killed ten, the army said"), not a
    journey, what someone is reported to say happened ("Officials said the envoys had met"), what
    another event is about ("criticised the plan"), the act of a subject that is elsewhere, nor one its
    date puts before the days the article reports ("agreed in April" in June, "the Aug. 7, 1998, bombings"
    a year on): the dateline says where the reporter is now."""
    if TYPES[type_].places == "journey" or modality != "asserted":
        return False
    if ref is not None and dates and all(tx.range is not None and ref - tx.range[1] > _NEWS_DAYS for tx in dates):
        return False
    if _subject_elsewhere(head, index):
        return False
    if head.pos_ in ("NOUN", "PROPN") and (gov := governing_verb(head)) is not None and gov.i in event_heads:
        return False
    t = head
    while t.head.i != t.i:
        if t.dep_ in ("ccomp", "parataxis") and t.head.i < t.i:
            return False
        t = t.head
    return True


def _subject_elsewhere(head: Token, index: DocIndex) -> bool:
    """The subject is placed away from the dateline: by a place phrase in it ("exiles in Miami say", "lawyers
    for the family in Miami argued") or by being another country ("Germany said" in a story filed from
    Warsaw); "Israel said" from Jerusalem is at home."""
    here = index.dateline.place
    for s in subjects(head) if head.pos_ in ("VERB", "AUX") else []:
        for t in s.subtree:
            if t.dep_ == "pobj" and t.head.lower_ in _LOCATIVE:
                ref = _named(t, index)
                if ref is not None and ref.place.name != here.name:
                    return True
        for ref in index.actors_at(s):
            if ref.actor.kind == "country":
                country = gazetteer.lookup(ref.actor.name)
                if country is not None and country.country_code != here.country_code:
                    return True
    return False
