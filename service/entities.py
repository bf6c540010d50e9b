"""The document index: who and where the article names, one canonical entry per party.

Mentions come from spaCy's named entities, repaired at document level (one label
per name by majority, a name the gazetteer knows as a country is a country), the
untagged surnames of persons named elsewhere and untagged acronyms of bodies.
Persons are merged by surname and named by their fullest mention. What points back
to these names (descriptions, "both sides", pronouns) is coreference.py's, run right
after; then the index is complete and only answers `actors_at` and `place_at`.
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import POS
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Span, Token

from . import gazetteer, syntax, words

ACTOR_NOUNS = words.load("actor_nouns")
PERSON_NOUNS = words.load("person_nouns")
TITLES = words.load("titles")
PERSON_TITLES = words.load("person_titles")
_ACTOR_LABELS = {"PERSON", "ORG", "NORP"}
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_NOT_BODIES = words.load("not_body_acronyms")
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_LOCATIVE = words.load("locative_prepositions")
_PLACE_NOUNS = words.load("place_nouns")
_FACILITY_NOUNS = words.load("facility_nouns")
_PARTY_NOUNS = ACTOR_NOUNS | PERSON_NOUNS | words.load("organization_nouns")
# A dateline opens one of the first lines: a place in capitals (or named before a news agency), then perhaps
# a date and the agency, then a dash: "BEIJING, Nov. 3 (Xinhua) --", "CAIRO (AP) --", "LONDON —".
_DATELINE = re.compile(
    r"^[ \t]*(?:(?P<caps>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3})|(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})"
    r"(?=(?:,[^\n()]{1,40})?[ \t]*\())(?:,[ \t]*[^\n()]{1,40}?)?[ \t]*(?:\([^\n()]{2,30}\)[ \t]*)?(?:--|—|–|-|_)(?:[ \t]|$)",
    re.MULTILINE)
_DATELINE_LINES = 3
_UNKNOWN_PLACE_KINDS = {"GPE": "city", "LOC": "region", "FAC": "facility"}
# "the Jewish state" -> IL: (modifier, noun) -> country code
_EPITHETS = {tuple(e.split()[:2]): e.split()[2].upper() for e in words.load("country_epithets")}
_EPITHET_NOUNS = {noun for _, noun in _EPITHETS}


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    title: str | None = None
    affiliation: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)   # character spans
    head_lemma: str | None = None

    def as_json(self, text: str) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "title": self.title,
                "affiliation": self.affiliation,
                "mentions": [{"text": text[s:e], "start": s, "end": e} for s, e in sorted(set(self.mentions))]}


@dataclass
class Place:
    id: str
    name: str
    kind: str
    country_code: str | None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def as_json(self, text: str) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "country_code": self.country_code,
                "mentions": [{"text": text[s:e], "start": s, "end": e} for s, e in sorted(set(self.mentions))]}


@dataclass(frozen=True)
class ActorRef:
    """One actor as an event argument: the words of this mention and who they are."""
    actor: Actor
    start: int
    end: int


@dataclass(frozen=True)
class PlaceRef:
    place: Place
    start: int
    end: int


@functools.lru_cache(maxsize=4096)
def _clean_name(s: str) -> str:
    s = re.sub(r"[’']s$", "", s.strip())
    s = re.sub(r"^(the|The)\s+", "", s)
    return s.strip(" ,;:\"“”")


def _surname(name: str) -> str:
    return _clean_name(name).split()[-1].lower() if _clean_name(name) else ""


def _known_place(name: str) -> gazetteer.Place | None:
    """The gazetteer's place by a name of its own, not by one of a city's alternate names ("UN" is one)."""
    hit = gazetteer.lookup(_clean_name(name))
    return hit if hit is not None and not hit.alternate else None


def _in_locative_phrase(tok: Token) -> bool:
    tok = syntax.first_conjunct(tok)
    return tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE


class DocIndex:
    """Actors and places of one Doc, and the resolution of a token to them."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text
        self.actors: list[Actor] = []
        self.places: list[Place] = []
        self._ent_of: dict[int, Span] = {}
        self._label: dict[int, str] = {}         # token index -> repaired label
        self._by_key: dict[tuple, Actor] = {}
        self._places_by_name: dict[str, Place] = {}
        self._recent: list[tuple[int, Actor]] = []   # (token index, actor) of every mention, for coreference
        self._refs: dict[int, list[ActorRef]] = {}   # token index -> the actors it denotes
        self._place_refs: dict[int, PlaceRef] = {}
        self._ent_refs: dict[tuple[int, int], ActorRef | None] = {}
        self._dateline_tokens: range = range(0)
        self.dateline_end = 0        # where the dateline ("BEIJING, Nov. 3 (Xinhua) --") ends, 0 without one
        self._build()
        self._name_tokens()

    # ---- building -------------------------------------------------------------------

    def _build(self) -> None:
        ents = [self._extend_person(e) for e in self.doc.ents if e.text.strip()]
        # "Scholz" tagged GPE once is still the Olaf Scholz named in full elsewhere.
        self._surnames = {_surname(e.text) for e in ents if (e.label_ == "PERSON" or self._titled(e))
                          and len(_clean_name(e.text).split()) > 1}
        votes: dict[str, Counter] = defaultdict(Counter)
        for e in ents:
            votes[_clean_name(e.text).lower()][e.label_] += 1
        for e in ents:
            label = self._repair(e, votes[_clean_name(e.text).lower()])
            if label is None:
                continue
            for t in e:
                self._ent_of[t.i] = e
                self._label[t.i] = label
        for e in ents:
            if self._label.get(e.start) in _ACTOR_LABELS and self._stands_for_place(e):
                for t in e:
                    self._label[t.i] = "GPE"
        persons = [e for e in ents if self._label.get(e.start) == "PERSON"]
        for e in persons:
            if e.label_ != "PERSON":   # re-label, so later steps see the repaired entity
                for t in e:
                    self._ent_of[t.i] = Span(self.doc, e.start, e.end, label="PERSON")
        # Fullest name per surname first, so every shorter mention finds it.
        for e in sorted(persons, key=lambda e: -len(_clean_name(e.text).split())):
            key = ("person", _surname(e.text))
            if key not in self._by_key:
                title, affiliation = self._title_of(e)
                self._new_actor(key, _clean_name(e.text), "person", title, affiliation)
            elif self._by_key[key].title is None:
                self._by_key[key].title, self._by_key[key].affiliation = self._title_of(e)
        for e in ents:
            label = self._label.get(e.start)
            if label in _PLACE_LABELS:
                ref = self._place_for(e)
                if ref is not None:
                    self._place_refs.update((t.i, ref) for t in e)
            elif label in ("PERSON", "ORG"):
                ref = self._ent_actor(e)
                if ref:
                    self._mention(ref.actor, ref.start, ref.end, e.start)
        self._facilities()
        self.dateline = self._dateline()

    def _dateline(self) -> PlaceRef | None:
        """The place of the article's dateline, tagged or not: a known place only, so a heading in capitals
        ("BREAKING NEWS -- ...") is none. It names where the article is filed from, never a party."""
        head = "\n".join(self.text.split("\n", _DATELINE_LINES)[:_DATELINE_LINES])
        for m in _DATELINE.finditer(head):
            group = "caps" if m.group("caps") else "name"
            span = self.doc.char_span(m.start(group), m.end(group), alignment_mode="expand")
            if span is None:
                continue
            ref = self._place_refs.get(span.root.i)
            if ref is None and (hit := _known_place(span.text)) is not None:
                ref = self._register(hit, span.start_char, span.end_char)
            if ref is not None:
                self._place_refs.update((t.i, ref) for t in span)
                self._dateline_tokens = range(span.start, span.end)
                self.dateline_end = m.end()
                return ref
        return None

    def _extend_person(self, e: Span) -> Span:
        """'Secretary of State Antony J. Blinken' is often tagged 'J. Blinken': take the given name back."""
        if e.label_ != "PERSON":
            return e
        while e.end - e.start > 1 and e[0].text in TITLES:   # "Spokesperson Mao Ning": the title is no name
            e = Span(self.doc, e.start + 1, e.end, label="PERSON")
        start = e.start
        while start > 0 and self.doc[start - 1].pos_ == "PROPN" and self.doc[start - 1].text not in TITLES \
                and self.doc[start - 1].ent_type_ in ("", "PERSON") and self.doc[start - 1].text[:1].isupper():
            start -= 1
        return Span(self.doc, start, e.end, label="PERSON") if start != e.start else e

    def _titled(self, e: Span) -> bool:
        """'Chancellor Olaf Scholz', 'the Turkish president, Recep Tayyip Erdogan' and 'Mahmoud Mardawi, a Hamas
        official' are persons whatever the tagger said."""
        if gazetteer.lookup(_clean_name(e.text)) is not None:
            return False
        if e.start > 0 and self.doc[e.start - 1].text in PERSON_TITLES:
            return True
        root = e.root
        person_noun = lambda t: t.tag_ == "NN" and t.lemma_.lower() in PERSON_NOUNS and t.i not in range(e.start, e.end)
        return root.dep_ == "appos" and person_noun(root.head) or any(
            c.dep_ == "appos" and person_noun(c) for c in root.children)

    def _repair(self, e: Span, votes: Counter) -> str | None:
        name = _clean_name(e.text)
        place = gazetteer.lookup(name)
        if self._titled(e):
            return "PERSON"
        if len(name.split()) == 1 and name.lower() in self._surnames and (place is None or place.kind != "country"):
            return "PERSON"
        if place is not None and (e.label_ != "PERSON" or place.kind == "country") and not (
                place.alternate and e.label_ == "ORG") and not (
                e.label_ == "ORG" and _ACRONYM.fullmatch(name) and place.kind != "country" and place.name != name):
            return "GPE"   # but "UN" is the body, not the town of Un
        if e.label_ == "NORP":
            return "NORP" if gazetteer.is_demonym(name) or place else "ORG"
        if e.label_ in _ACTOR_LABELS | _PLACE_LABELS:
            top = votes.most_common(1)[0][0]
            top = "ORG" if top == "NORP" else top
            if top in _ACTOR_LABELS | _PLACE_LABELS:
                if top in _PLACE_LABELS and place is None and e.label_ != top:
                    return e.label_
                return top
        return None

    def _stands_for_place(self, e: Span) -> bool:
        """A name NER took for a person or body where the sentence puts a place: one the gazetteer knows, in a
        place phrase or in a list with places ("visits Leeds, York and Hull"); any after a place noun ("the
        enclave of Douma"); one it does not know, in a list of towns and regions ("Hull, Leeds and Wessex"). Countries in a list are often parties, so they
        vouch for nothing ("talks with France, Germany and Airbus")."""
        name = _clean_name(e.text)
        if self._titled(e) or name.lower() in self._surnames:
            return False
        root = e.root
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in _PLACE_NOUNS:
            return True   # "the enclave of Douma"
        if self._names_where(e):
            return True   # "the Sochi talks"
        listed = [c for c in e.root.conjuncts if self._label.get(c.i) in _PLACE_LABELS]
        towns = [c for c in listed if (p := _known_place(self._ent_of[c.i].text)) is not None and p.kind != "country"]
        if _known_place(name) is not None:
            return bool(towns) or _in_locative_phrase(e.root)
        return len(towns) >= 2

    def _names_where(self, e: Span) -> bool:
        """A town or region before a noun that is no party ("the Vienna talks", "the Sochi congress") says
        where, unlike a country ("the Iran talks") or the people of a place ("a Beijing official")."""
        head = e.root.head
        if e.root.dep_ != "compound" or head.pos_ != "NOUN" or head.lemma_.lower() in _PARTY_NOUNS:
            return False
        place = _known_place(e.text)
        return place is not None and place.kind != "country"

    def _title_of(self, e: Span) -> tuple[str | None, str | None]:
        """Title words right before a name, or an apposition after it ('Mahmoud Mardawi, a Hamas official')."""
        doc = self.doc
        i = e.start
        while i > 0 and (doc[i - 1].text in TITLES or doc[i - 1].dep_ in ("compound", "amod") and doc[i - 1].head.i >= e.start
                         or (doc[i - 1].lower_ == "of" and i > 1 and doc[i - 2].text in TITLES)
                         or doc[i - 1].ent_type_ in ("GPE", "NORP", "ORG") and doc[i - 1].head.i >= i - 1):
            if doc[i - 1].is_punct or doc[i - 1].pos_ == "DET":
                break
            i -= 1
        title_span = doc[i:e.start]
        if not any(t.text in TITLES for t in title_span):
            title_span = None
        if title_span is None:
            root = e.root
            appos = [c for c in root.children if c.dep_ == "appos" and c.lemma_.lower() in PERSON_NOUNS]
            if appos:
                a = appos[0]
                words = [t for t in doc[a.left_edge.i:a.i + 1] if t.dep_ != "det"]
                title_span = doc[words[0].i:a.i + 1] if words else None
        if not title_span:
            return None, None
        affiliation = None
        for t in title_span:
            if t.ent_type_ in ("ORG", "NORP", "GPE") and t.text not in TITLES:   # not the "State" of "Secretary of State"
                affiliation = self._affiliation_name(t)
                break
        return title_span.text.strip(" ,"), affiliation

    def _affiliation_name(self, t: Token) -> str:
        code = gazetteer.demonym(t.text)
        if code:
            return gazetteer.country_name(code) or t.text
        e = self._ent_of.get(t.i)
        name = _clean_name(e.text if e is not None else t.text)
        place = gazetteer.lookup(name)
        return place.name if place is not None and place.kind == "country" else name

    def _new_actor(self, key, name, kind, title=None, affiliation=None, head_lemma=None) -> Actor:
        actor = Actor(f"a{len(self.actors) + 1}", name, kind, title, affiliation, head_lemma=head_lemma)
        self.actors.append(actor)
        self._by_key[key] = actor
        return actor

    def _mention(self, actor: Actor, start: int, end: int, tok_i: int) -> None:
        actor.mentions.append((start, end))
        self._recent.append((tok_i, actor))

    def _place_for(self, e: Span) -> PlaceRef | None:
        name = _clean_name(e.text)
        hit = gazetteer.lookup(name)
        words_ = name.split()
        if hit is None and len(words_) > 1 and words_[-1].lower() in _PLACE_NOUNS:
            hit = gazetteer.lookup(" ".join(words_[:-1]))   # "Homs province" is Homs's
        if hit is None and self._label.get(e.start) == "FAC" and e.root.lemma_.lower() not in _FACILITY_NOUNS:
            town = self._leading_town(e)   # "the Lima Summit" names an occasion, held in Lima
            if town is not None:
                return town
        if hit is None:   # a small town or a province the gazetteer lacks is still the place NER says it is
            hit = gazetteer.Place(name, _UNKNOWN_PLACE_KINDS[self._label.get(e.start)], None)
        return self._register(hit, e.start_char, e.end_char)

    def _leading_town(self, e: Span) -> PlaceRef | None:
        first = e.start + (e[0].pos_ == "DET")
        for end in range(e.end - 1, first, -1):
            hit = gazetteer.lookup(self.doc[first:end].text)
            if hit is not None and not hit.alternate and hit.kind != "country":
                return self._register(hit, self.doc[first].idx, self.doc[end - 1].idx + len(self.doc[end - 1]))
        return None

    def _register(self, hit: gazetteer.Place, s: int, end: int) -> PlaceRef:
        """The index's place for a gazetteer entry, with this mention."""
        place = self._places_by_name.get(hit.name)
        if place is None:
            place = Place(f"p{len(self.places) + 1}", hit.name, hit.kind, hit.country_code)
            self.places.append(place)
            self._places_by_name[hit.name] = place
        if self.text[s:end].endswith(("'s", "’s")):
            end -= 2
        if (s, end) not in place.mentions:
            place.mentions.append((s, end))
        return PlaceRef(place, s, end)

    def _facilities(self) -> None:
        """Buildings and sites named by their name or owner: "Netanyahu's residence", "the White House garden",
        "Iraq's Osirak nuclear reactor" (not "his office")."""
        for i in np.flatnonzero(self.doc.to_array(POS) == NOUN).tolist():
            tok = self.doc[i]
            if tok.lemma_.lower() not in _FACILITY_NOUNS or tok.i in self._place_refs:
                continue
            if not any(c.dep_ == "poss" and c.pos_ != "PRON" or c.dep_ == "compound" and c.pos_ == "PROPN"
                       for c in tok.children):
                continue
            first = next(t for t in self.doc[tok.left_edge.i:tok.i + 1] if t.pos_ != "DET")
            name = self.doc[first.i:tok.i + 1].text
            self._place_refs[tok.i] = self._register(gazetteer.Place(name, "facility", None), first.idx,
                                                     tok.idx + len(tok))

    def _ent_actor(self, e: Span) -> ActorRef | None:
        label = self._label.get(e.start)
        name = _clean_name(e.text)
        if not name:
            return None
        s, end = e.start_char, e.end_char
        while end > s and self.text[end - 1] in " ,.;:":
            end -= 1
        if self.text[s:end].endswith(("'s", "’s")):
            end -= 2
        if self.text[s:end].lower().startswith("the "):
            s += 4
        if label == "PERSON":
            actor = self._by_key.get(("person", _surname(name)))
            return ActorRef(actor, s, end) if actor else None
        if label == "ORG":
            key = ("org", name.lower())
            actor = self._by_key.get(key)
            if actor is None:
                # 'State Department' and 'the U.S. State Department' are one body.
                actor = next((a for k, a in self._by_key.items() if k[0] == "org" and
                              (k[1].endswith(" " + name.lower()) or name.lower().endswith(" " + k[1]))), None)
                if actor is None:
                    actor = self._new_actor(key, name, "organization")
                elif len(name) > len(actor.name):
                    actor.name = name
                self._by_key[key] = actor
            return ActorRef(actor, s, end)
        if label in ("GPE", "NORP"):
            code = gazetteer.demonym(name) if label == "NORP" else None
            hit = gazetteer.lookup(name)
            if code:
                cname = gazetteer.country_name(code) or name
            elif hit is not None and hit.kind == "country":
                cname = hit.name
            elif hit is not None and gazetteer.is_capital(hit):
                cname = gazetteer.country_name(hit.country_code) or hit.name   # "Washington said" = the US
            else:
                return None
            key = ("country", cname)
            actor = self._by_key.get(key) or self._new_actor(key, cname, "country")
            return ActorRef(actor, s, end)
        return None

    def _name_tokens(self) -> None:
        """The actors every name in the text stands for, found once: each entity at its root and its last word,
        the untagged surnames of persons named elsewhere and the untagged acronyms of bodies."""
        pos = self.doc.to_array(POS)
        nouns = np.flatnonzero((pos == NOUN) | (pos == PROPN)).tolist()
        for i in sorted(set(nouns) | {i for i in self._ent_of if pos[i] != PRON}):   # a pronoun is coreference's
            tok = self.doc[i]
            refs = self._named(tok)
            if refs is not None:
                self._refs[tok.i] = refs
                for r in refs:
                    self._mention(r.actor, r.start, r.end, tok.i)

    def _named(self, tok: Token) -> list[ActorRef] | None:
        """The actor a name denotes, [] for a name that is no actor, None for a word that is no name."""
        e = self._ent_of.get(tok.i)
        if tok.i in self._dateline_tokens:
            return []   # "LONDON — The minister said": where from, not who
        if tok.lower_ in _EPITHET_NOUNS or tok.head.lower_ in _EPITHET_NOUNS:
            epithet = self._epithet(tok if tok.lower_ in _EPITHET_NOUNS else tok.head)
            if epithet is not None:
                return [epithet]
        if e is not None and (tok.i == e.end - 1 or e.root.i == tok.i):
            if self._label.get(tok.i) == "GPE" and (_in_locative_phrase(tok) or self._names_where(e)):
                return []   # "the war in Syria", "the Vienna talks": the place, not the state
            key = (e.start, e.end)
            if key not in self._ent_refs:   # an entity's root and last word are one mention
                self._ent_refs[key] = self._ent_actor(e)
            return [self._ent_refs[key]] if self._ent_refs[key] else []
        if tok.pos_ not in ("NOUN", "PROPN") or e is not None:
            return None
        if tok.text[:1].isupper():
            # NER missed a mention of someone it found elsewhere ("Blinken met ..." untagged once).
            person = self._by_key.get(("person", _surname(tok.text)))
            if person is not None:
                return [ActorRef(person, tok.idx, tok.idx + len(tok))]
        if tok.pos_ == "PROPN" and _ACRONYM.fullmatch(tok.text) and tok.text not in _NOT_BODIES and \
                tok.dep_ != "compound" and not any(c.dep_ == "compound" for c in tok.children):
            # An acronym in an actor's place that NER left untagged ("told AFP") names a body; not the tail of
            # a longer name ("Esselte AB") nor a capitalized dateline city ("HAVANA (AP) --").
            hit = gazetteer.lookup(tok.text)
            if hit is not None and hit.kind != "country":
                if hit.name.casefold() == tok.lower_ and not hit.alternate:
                    return []
                hit = None   # an obscure alternate name ("RIA" of Santa Maria) says nothing
            if hit is not None:
                key, name, kind = ("country", hit.name), hit.name, "country"
            else:
                key, name, kind = ("org", tok.lower_), tok.text, "organization"
            actor = self._by_key.get(key) or self._new_actor(key, name, kind)
            self._by_key[key] = actor
            return [ActorRef(actor, tok.idx, tok.idx + len(tok))]
        return None

    def _epithet(self, noun: Token) -> ActorRef | None:
        """The state a fixed description names: "the Jewish state", "the Islamic republic" (country_epithets)."""
        if noun.pos_ not in ("NOUN", "PROPN") or noun.i < 2 or noun.doc[noun.i - 2].lower_ != "the":
            return None
        code = _EPITHETS.get((noun.doc[noun.i - 1].lower_, noun.lower_))
        if code is None or any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
            return None
        name = gazetteer.country_name(code)
        actor = self._by_key.get(("country", name)) or self._new_actor(("country", name), name, "country")
        return ActorRef(actor, noun.doc[noun.i - 1].idx, noun.idx + len(noun))

    # ---- answering (read-only) ------------------------------------------------------------

    def place_at(self, tok: Token, bodies: bool = False) -> PlaceRef | None:
        """The place a word names; with `bodies`, a body's name is also the site it stands for ("visited
        Huawei", "speaking at Harvard University"), entered in the index when first asked for."""
        ref = self._place_refs.get(tok.i)
        e = self._ent_of.get(tok.i)
        if ref is None and bodies and e is not None and self._label.get(tok.i) == "ORG":
            ref = self._register(gazetteer.Place(_clean_name(e.text), "facility", None), *self._body_span(e))
            self._place_refs.update((t.i, ref) for t in e)
        return ref

    def _body_span(self, e: Span) -> tuple[int, int]:
        s = e.start_char + (4 if self.text[e.start_char:e.end_char].lower().startswith("the ") else 0)
        return s, e.end_char

    def place_before(self, tok: Token, kind_ok, sentences: int) -> PlaceRef | None:
        """The last place named before `tok` whose place passes `kind_ok`, within `sentences` sentences."""
        start = tok.sent.start
        for _ in range(sentences - 1):
            if start > 0:
                start = self.doc[start - 1].sent.start
        for i in range(tok.i - 1, start - 1, -1):
            ref = self._place_refs.get(i)
            if ref is not None and kind_ok(ref.place):
                return ref
        return None

    def actors_at(self, tok: Token) -> list[ActorRef]:
        """The actor(s) a noun, name or pronoun denotes; coordinated modifiers give several."""
        return list(self._refs.get(tok.i, ()))
