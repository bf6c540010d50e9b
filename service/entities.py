"""The document index: who and where the article names, one canonical entry per party.

Mentions come from spaCy's named entities, repaired at document level (one label
per name by majority, a name the gazetteer knows as a country is a country), plus
descriptive noun phrases headed by an actor noun ("a senior Hamas official",
"Israeli negotiators"). Persons are merged by surname and named by their fullest
mention; descriptions and pronouns are resolved to the most recent fitting actor.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from . import gazetteer, words

ACTOR_NOUNS = words.load("actor_nouns")
PERSON_NOUNS = words.load("person_nouns")
TITLES = words.load("titles")
WEAPON_NOUNS = words.load("weapon_nouns")
PERSON_TITLES = words.load("person_titles")
_ACTOR_LABELS = {"PERSON", "ORG", "NORP"}
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_NOT_BODIES = words.load("not_body_acronyms")
_PAIR_REACH = 250   # tokens back to look for the two parties "both sides" means: a few sentences
_SPEECH_AND_THOUGHT = words.load("speech_and_thought_verbs")
_PERSON_PRONOUNS = words.load("person_pronouns")
_NONPERSON_PRONOUNS = words.load("nonperson_pronouns")
_POSSESSIVE_PRONOUNS = words.load("possessive_pronouns")
_ORGANIZATION_NOUNS = words.load("organization_nouns")
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_MOD_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod"}
_NP_LEFT_DEPS = {"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "advmod", "punct", "case", "cc", "conj"}


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


def _clean_name(s: str) -> str:
    s = re.sub(r"[’']s$", "", s.strip())
    s = re.sub(r"^(the|The)\s+", "", s)
    return s.strip(" ,;:\"“”")


def _surname(name: str) -> str:
    return _clean_name(name).split()[-1].lower() if _clean_name(name) else ""


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
        self._recent: list[tuple[int, Actor]] = []   # (token index, actor) in text order, for anaphora
        self._build()

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
                self._place_for(e)
            elif label in ("PERSON", "ORG"):
                ref = self._ent_actor(e)
                if ref:
                    self._mention(ref.actor, ref.start, ref.end, e.start)

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
        """'Chancellor Olaf Scholz' is a person whatever the tagger said."""
        return e.start > 0 and self.doc[e.start - 1].text in PERSON_TITLES and gazetteer.lookup(_clean_name(e.text)) is None

    def _repair(self, e: Span, votes: Counter) -> str | None:
        name = _clean_name(e.text)
        place = gazetteer.lookup(name)
        if self._titled(e):
            return "PERSON"
        if len(name.split()) == 1 and name.lower() in self._surnames and (place is None or place.kind != "country"):
            return "PERSON"
        if place is not None and e.label_ != "PERSON":
            return "GPE"
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
        if hit is None:
            if self._label.get(e.start) == "FAC":
                hit = gazetteer.Place(name, "facility", None)
            else:
                return None
        place = self._places_by_name.get(hit.name)
        if place is None:
            place = Place(f"p{len(self.places) + 1}", hit.name, hit.kind, hit.country_code)
            self.places.append(place)
            self._places_by_name[hit.name] = place
        s, end = e.start_char, e.end_char
        if self.text[s:end].endswith(("'s", "’s")):
            end -= 2
        if (s, end) not in place.mentions:
            place.mentions.append((s, end))
        return PlaceRef(place, s, end)

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

    # ---- resolving tokens -----------------------------------------------------------------

    def place_at(self, tok: Token) -> PlaceRef | None:
        e = self._ent_of.get(tok.i)
        if e is None or self._label.get(tok.i) not in _PLACE_LABELS:
            return None
        return self._place_for(e)

    def actors_at(self, tok: Token) -> list[ActorRef]:
        """The actor(s) a noun, name or pronoun denotes; coordinated modifiers give several."""
        if tok.pos_ == "PRON":
            ref = self._pronoun(tok)
            return [ref] if ref else []
        e = self._ent_of.get(tok.i)
        if e is not None and e.root.i == tok.i or e is not None and tok.i == e.end - 1:
            ref = self._ent_actor(e)
            if ref:
                self._mention(ref.actor, ref.start, ref.end, tok.i)
                return [ref]
            return []
        if tok.pos_ not in ("NOUN", "PROPN"):
            return []
        if e is None and tok.text[:1].isupper():
            # NER missed a mention of someone it found elsewhere ("Blinken met ..." untagged once).
            person = self._by_key.get(("person", _surname(tok.text)))
            if person is not None:
                self._mention(person, tok.idx, tok.idx + len(tok), tok.i)
                return [ActorRef(person, tok.idx, tok.idx + len(tok))]
        if e is None and tok.pos_ == "PROPN" and _ACRONYM.fullmatch(tok.text) and tok.text not in _NOT_BODIES and \
                tok.dep_ != "compound" and not any(c.dep_ == "compound" for c in tok.children):
            # An acronym in an actor's place that NER left untagged ("told AFP") names a body; not the tail of
            # a longer name ("Esselte AB") nor a capitalized dateline city ("HAVANA (AP) --").
            hit = gazetteer.lookup(tok.text)
            if hit is not None and hit.kind != "country":
                if hit.name.casefold() == tok.lower_:
                    return []
                hit = None   # an obscure alternate name ("RIA" of Santa Maria) says nothing
            if hit is not None:
                key, name, kind = ("country", hit.name), hit.name, "country"
            else:
                key, name, kind = ("org", tok.lower_), tok.text, "organization"
            actor = self._by_key.get(key) or self._new_actor(key, name, kind)
            self._by_key[key] = actor
            self._mention(actor, tok.idx, tok.idx + len(tok), tok.i)
            return [ActorRef(actor, tok.idx, tok.idx + len(tok))]
        return self._described(tok)

    def _described(self, tok: Token) -> list[ActorRef]:
        lemma = tok.lemma_.lower()
        # The parties a description names itself: "Israeli and Hamas officials"
        mods = [c for c in tok.children if c.dep_ in _MOD_DEPS and c.i < tok.i
                and (c.i in self._ent_of or gazetteer.is_demonym(c.text))]
        if lemma in ACTOR_NOUNS and tok.tag_ == "NNS" and not mods:   # not "both U.S. and British officials"
            dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet")}
            # "both sides", "the two sides" point back; "two senior leaders" introduces new ones
            pair = "both" in dets or dets & {"the", "these", "those"} and any(c.lower_ == "two" for c in tok.children)
            if pair or dets & {"these", "those"}:
                refs = self._parties_named_together(tok, 2 if pair else None)
                if refs:
                    return refs
        if lemma in WEAPON_NOUNS:   # "Russian missiles struck ...": the agent is Russia
            owners = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < tok.i]
            refs = [r for c in owners for r in self.actors_at(c)]
            if refs:
                return refs
        for c in tok.children:   # "the Arabic-language broadcaster Al-Ghad": the name, not the description
            if c.dep_ in ("appos", "compound") and c.i > tok.i and c.i in self._ent_of and \
                    self._label.get(c.i) in ("PERSON", "ORG"):
                return self.actors_at(self.doc[self._ent_of[c.i].end - 1])
        if tok.tag_ in ("NN", "NNP") and lemma in PERSON_NOUNS and \
                any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            holder = self._title_holder(tok)
            if holder is not None:
                start = tok.left_edge.idx if tok.left_edge.lower_ != "the" else tok.left_edge.idx + 4
                end = tok.right_edge.idx + len(tok.right_edge) if tok.right_edge.i - tok.i <= 3 else tok.idx + len(tok)
                self._mention(holder, start, end, tok.i)
                return [ActorRef(holder, start, end)]
        if lemma not in ACTOR_NOUNS and tok.lower_ not in ACTOR_NOUNS:
            return []
        if not mods:
            det = next((c for c in tok.children if c.dep_ == "det"), None)
            if det is not None and det.lower_ in ("the", "this", "that") and lemma not in ("side",):
                ref = self._anaphor(tok)
                if ref:
                    return [ref]
        groups = []
        for m in mods:
            chain = [m] + [c for c in m.conjuncts if c.i < tok.i]
            for c in sorted(set(chain), key=lambda t: t.i):
                groups.append(c)
        groups = sorted(set(groups), key=lambda t: t.i)
        left = self._np_left(tok)
        right = tok.i + 1
        for c in tok.children:
            if c.i > tok.i and c.dep_ == "amod":
                right = max(right, c.right_edge.i + 1)
        np = self.doc[left:right]
        singular = tok.tag_ in ("NN", "NNP")
        kind = "person" if singular and lemma in PERSON_NOUNS else "group"
        if len(groups) <= 1:
            affiliation = self._affiliation_name(groups[0]) if groups else None
            name = _clean_name(np.text) if not (kind == "person" and np[0].lower_ in ("a", "an")) else np.text
            key = ("desc", lemma, affiliation, name.lower() if kind == "group" else None)
            actor = self._by_key.get(key) or self._new_actor(key, name, kind, affiliation=affiliation, head_lemma=lemma)
            start, end = np.start_char, np.end_char
            if self.text[start:end].lower().startswith("the "):
                start += 4
            self._mention(actor, start, end, tok.i)
            return [ActorRef(actor, start, end)]
        refs = []
        for g in groups:   # "Israeli and Hamas officials": two parties
            affiliation = self._affiliation_name(g)
            e = self._ent_of.get(g.i)
            g_start = e.start_char if e is not None else g.idx
            g_end = e.end_char if e is not None else g.idx + len(g)
            last = g.i == groups[-1].i
            start, end = (g_start, tok.idx + len(tok)) if last else (g_start, g_end)
            name = f"{self.text[g_start:g_end]} {tok.text}"
            key = ("desc", lemma, affiliation, name.lower())
            actor = self._by_key.get(key) or self._new_actor(key, name, "group", affiliation=affiliation, head_lemma=lemma)
            self._mention(actor, start, end, tok.i)
            refs.append(ActorRef(actor, start, end))
        return refs

    def _parties_named_together(self, tok: Token, how_many: int | None) -> list[ActorRef]:
        """'both sides', 'the two parties', 'these groups': the parties last named together before them
        ("Israeli and Hamas officials", "talks between Israel and Hamas", "Iran and Hezbollah")."""
        for j in range(tok.i - 1, max(-1, tok.i - _PAIR_REACH), -1):
            t = self.doc[j]
            if t.dep_ != "conj" or t.head.dep_ == "conj":
                continue
            h = t.head
            if h.dep_ in ("amod", "compound", "nmod") and h.head.pos_ in ("NOUN", "PROPN") and h.head.i != tok.i:
                refs = self.actors_at(h.head)   # "Israeli and Hamas officials"
            else:
                refs = [r for x in (h, *h.conjuncts) for r in self.actors_at(x)]
            parties = list({r.actor.id: r.actor for r in refs}.values())
            if len(parties) >= 2 and how_many in (None, len(parties)):
                start, end = tok.left_edge.idx, tok.idx + len(tok)
                if self.text[start:end].lower().startswith("the "):
                    start += 4
                for a in parties:
                    self._mention(a, start, end, tok.i)
                return [ActorRef(a, start, end) for a in parties]
        return []

    def _title_holder(self, tok: Token) -> Actor | None:
        """'the U.S. secretary of state' is the one person whose title says so."""
        words = [t.lower_ for t in tok.subtree if not t.is_punct and t.dep_ != "det"]
        phrase = " ".join(words[words.index(tok.lower_):]) if tok.lower_ in words else tok.lower_
        holders = [a for a in self.actors if a.kind == "person" and a.title and phrase in a.title.lower()]
        return holders[0] if len(holders) == 1 else None

    def _np_left(self, tok: Token) -> int:
        left = tok.i
        for c in sorted((c for c in tok.children if c.i < tok.i and c.dep_ in _NP_LEFT_DEPS), key=lambda t: t.i):
            left = min(left, c.left_edge.i)
            break
        while left < tok.i and (self.doc[left].is_punct or self.doc[left].dep_ == "cc"):
            left += 1
        return left

    def _anaphor(self, tok: Token) -> ActorRef | None:
        lemma = tok.lemma_.lower()
        for i, actor in sorted(self._recent, key=lambda x: -x[0]):
            if i >= tok.i:
                continue
            if actor.head_lemma == lemma or (lemma in _ORGANIZATION_NOUNS and actor.kind == "organization"):
                s = tok.idx - (4 if self.text[max(0, tok.idx - 4):tok.idx].lower() == "the " else 0)
                self._mention(actor, s, tok.idx + len(tok), tok.i)
                return ActorRef(actor, s, tok.idx + len(tok))
        return None

    def _pronoun(self, tok: Token) -> ActorRef | None:
        low = tok.lower_
        if low in _PERSON_PRONOUNS:
            kinds = ("person",)
        elif low in _NONPERSON_PRONOUNS:
            kinds = ("organization", "group", "country")
        else:
            return None
        root = tok.sent.root
        clause = tok.head
        if tok.dep_ == "nsubj" and clause.dep_ in ("ccomp", "xcomp") and clause.head.lemma_ in _SPEECH_AND_THOUGHT:
            # "The RSF said it would not attend": the reporter is the subject of what it reports.
            reporter = clause.head if clause.head.dep_ != "conj" or any(
                c.dep_ == "nsubj" for c in clause.head.children) else clause.head.head   # "X accused ... and said it"
            subj = next((c for c in reporter.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
            if subj is not None:
                refs = self.actors_at(subj)
                if refs and refs[0].actor.kind in kinds:
                    return ActorRef(refs[0].actor, tok.idx, tok.idx + len(tok))
        if low in _POSSESSIVE_PRONOUNS and tok.i < root.i:
            subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i), None)
            if subj is not None and subj.pos_ != "PRON":
                refs = self.actors_at(subj)
                if refs and refs[0].actor.kind in kinds:
                    return ActorRef(refs[0].actor, tok.idx, tok.idx + len(tok))
        sent_start = tok.sent.start
        candidates = [(i, actor) for i, actor in self._recent
                      if i < tok.i and actor.kind in kinds and (i < sent_start or low in _POSSESSIVE_PRONOUNS)]
        if not candidates:
            return None
        # Centering: the subject of the latest sentence that names one is the likeliest referent.
        last_sent = self.doc[max(i for i, _ in candidates)].sent.start
        recent = [(i, a) for i, a in candidates if self.doc[i].sent.start == last_sent]
        subjects = [(i, a) for i, a in recent if self.doc[i].dep_ in ("nsubj", "nsubjpass") or
                    self.doc[i].head.dep_ in ("nsubj", "nsubjpass") and self.doc[i].dep_ in ("compound", "appos")]
        i, actor = max(subjects or recent, key=lambda x: x[0]) if subjects else max(recent, key=lambda x: x[0])
        return ActorRef(actor, tok.idx, tok.idx + len(tok))
