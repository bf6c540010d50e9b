"""Turn trigger matches into events: keep specific mentions, then fill modality and arguments.

Which matches are events, who takes part in them and in which role, and what else one trigger is,
are the rows of each type's file under data/events/ (registry.py, in the path language of rules.py);
this module applies them in order. Places and dates follow the dependency structure around the
trigger, with the roles of spec/EVENTS.md.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from . import modality as modality_rules
from . import occasions, places, quotes, words
from .dates import Timex
from .entities import ActorRef, DocIndex, PlaceRef
from .registry import TYPES
from .rules import Context
from .syntax import first_conjunct, governing_verb
from .triggers import Trigger

_SPAN_EDGES = words.load("span_edge_prepositions")
_PARTITIVE = words.load("partitive_nouns")
_NAMING_DEPS = {"compound", "nmod", "amod", "poss", "nummod"}
_CLIMB = 8   # "opened at the UN office in Nairobi, Kenya on Monday": the steps from a date up to its verb
_SEQUENCE = words.load("sequence_adverbs")
_PRINTED_NEXT_DAY = dt.timedelta(days=1)


@dataclass
class Event:
    type: str
    start: int                      # token span of the trigger
    end: int
    head: Token
    family: str
    modality: str = "asserted"
    actors: list[tuple[ActorRef, str]] = field(default_factory=list)
    places: list[tuple[PlaceRef, str]] = field(default_factory=list)
    dates: list[Timex] = field(default_factory=list)
    quote: tuple[int, int] | None = None
    content: tuple[int, int] | None = None
    confidence: float = 0.5


# ---- which matches are events ----------------------------------------------------------------

def keep(t: Trigger, ctx: Context) -> str | None:
    """The type of event this match is: its own, another one a filter names instead ('warned X not to attack'
    is a demand), or None when it is no event mention (a modifier, a generic use, another sense)."""
    dropping = [f for f in TYPES[t.type].filters if f.drops(t.family, t.head, ctx)]
    if not dropping:
        return t.type
    instead = {f.instead for f in dropping}
    return instead.pop() if len(instead) == 1 and None not in instead else None


def _also(ev: Event, ctx: Context) -> list[str]:
    """The other types the same trigger is (EVENTS.md: 'dismissed .. as', 'insisted that ... must')."""
    out: list[str] = []
    for rule in TYPES[ev.type].also:
        if rule.type not in out and rule.condition.holds(ev.head, ctx):
            out.append(rule.type)
    return out


# ---- arguments ---------------------------------------------------------------------------------

def form(ev: Event) -> str:
    """How the rows see the trigger: a noun, or a verb (participles and adjectives included)."""
    return "noun" if ev.head.pos_ in ("NOUN", "PROPN") or ev.family == "noun" else "verb"


def fill_actors(ev: Event, ctx: Context) -> None:
    """Each role row of the type in order; an actor keeps the first role it is given."""
    seen = set()
    shape = form(ev)
    for rule in TYPES[ev.type].roles:
        for r in rule.actors(ev.head, shape, ctx):
            if r.start <= ev.head.idx < r.end:
                continue   # "the 4th Summit of the Americas": the occasion's own name, no party to it
            if r.actor.id not in seen:
                seen.add(r.actor.id)
                ev.actors.append((r, rule.role))


def locate_dates(timexes: list[Timex], doc: Doc, dateline_end: int = 0) -> list[tuple[Timex, int, int]]:
    """(expression, index of its root token, index of its sentence's first token) for each date, found
    once per document: every event looks through them. A date left unresolved (no reference date for "on
    Monday", or no such day) stays in the document's index but dates no event: it says nothing of when;
    nor do the dateline's, the day the article was filed, a vague one ("now", "in the coming days") and
    the edge of a span ("the first visit since August")."""
    out = []
    for tx in timexes:
        if tx.kind != "date" or tx.value is None or tx.value.endswith("_REF") or tx.start < dateline_end:
            continue   # "now", "in the coming days": no time the text fixes
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is not None and span.root.head.lower_ not in _SPAN_EDGES:
            out.append((tx, span.root.i, span.sent.start))
    return out


def fill_dates(ev: Event, located: list[tuple[Timex, int, int]], doc: Doc, event_heads: set[int],
               ref: dt.date | None = None) -> None:
    """Dates tied to this trigger: the expression attaches to it, to the verb it is subject or object of,
    or to a participle or relative clause on it ("the proposal outlined by Biden in May"); without one of
    its own, a verb takes the time of the clause it shares (_shared_time). A verb in the simple past did
    its act by the day of the article (`ref`): a later date hung on it is its object's ("predicted an
    improvement during the coming year"); though not the next day, which a story filed the eve of its
    printing gives ("said in an editorial on Saturday" dated Friday)."""
    h = ev.head
    anchors = {h.i}
    if h.pos_ in ("NOUN", "PROPN"):
        # "a series of meetings opened", "the last round of talks ended": the phrase the noun heads
        of_noun = h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lemma_.lower() in _PARTITIVE
        phrase = h.head.head if of_noun else h
        gov = governing_verb(phrase)
        via_agent = phrase.dep_ == "pobj" and phrase.head.dep_ == "agent"
        if gov is not None and (phrase.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") or via_agent):
            anchors.add(gov.i)
            anchors.update(c.i for c in gov.children if c.dep_ == "xcomp")   # "talks are set to take place this week"
            anchors.update(x.i for c in gov.children if c.dep_ == "xcomp" for x in c.children if x.dep_ == "xcomp")
        clauses = places.clauses_on(h)
        anchors.update(c.i for c in clauses)
        # "talks due to resume next week": the infinitive of an adjective on the noun
        anchors.update(x.i for c in clauses if c.dep_ == "amod" for x in c.children if x.dep_ == "xcomp")
        journey = places.purpose_of(phrase)
        if journey is not None:
            anchors.add(journey.i)   # "will visit Pakistan this week for talks": the trip's time
    elif h.dep_ == "advcl" and h.tag_ == "VBG":
        anchors.add(h.head.i)   # "said on Monday, stating that ..."
    ev.dates.extend(_attached(ev, anchors, located, doc, event_heads))
    if not ev.dates and h.pos_ == "VERB":
        shared = _shared_time(h)
        if shared is not None:
            ev.dates.extend(_attached(ev, {shared.i}, located, doc, event_heads))
    if not ev.dates and h.pos_ == "VERB" and h.dep_ != "ROOT" and h.lower_ != "according":   # a source, no act
        ev.dates.extend(_fronted_dates(h, located, doc))
    if ref is not None and h.tag_ == "VBD":
        # a difference of dates, which cannot leave the calendar as ref + 1 day does at 9999-12-31
        ev.dates = [tx for tx in ev.dates if tx.range is None or tx.range[0] - ref <= _PRINTED_NEXT_DAY]


def _attached(ev: Event, anchors: set[int], located: list[tuple[Timex, int, int]], doc: Doc,
              event_heads: set[int]) -> list[Timex]:
    """The dates of the trigger's sentence that hang on one of `anchors` (or on the trigger's words) before
    any other verb or event (but the one it is done in, _medium); a date naming a noun ("Monday's vote")
    dates that noun only."""
    out = []
    sent_start = ev.head.sent.start
    for tx, root, in_sent in located:
        if in_sent != sent_start:
            continue
        t = doc[root]
        while t.head.ent_type_ == "DATE" and t.head.i != t.i:   # "17" of "Nov. 6-17": the whole expression
            t = t.head
        if t.dep_ in _NAMING_DEPS and t.head.pos_ in ("NOUN", "PROPN") and not ev.start <= t.head.i < ev.end:
            continue   # "the Nov. 6-17 conference is the first summit ...": the conference's date, not the summit's
        for _ in range(_CLIMB):
            if t.head.i == t.i:
                break
            t = t.head
            if t.i in anchors or ev.start <= t.i < ev.end:
                out.append(tx)
                break
            if t.pos_ in ("VERB", "AUX") or t.i in event_heads and not _medium(t, anchors):
                break
    return out


def _medium(t: Token, anchors: set[int]) -> bool:
    """An event noun the act is done in, whose date is the act's: "In a statement on Monday, the ministry
    called for calm", "Kibaki, in an address late Sunday, urged voters"."""
    return t.dep_ == "pobj" and t.head.lower_ == "in" and t.head.head.i in anchors


def _shared_time(v: Token) -> Token | None:
    """The verb whose time a verb without a date of its own shares: the first of verbs coordinated with
    it, in the same tense and not moved on ("insisted Tuesday that ... and said", not "laid out in May and
    later endorsed"); the one it is the manner of ("compromised
    last year by saying"); the clause a "when" clause dates ("caused a backlash in October when he called
    for")."""
    if v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX") and v.tag_ == v.head.tag_ \
            and not any(c.dep_ == "aux" or c.lower_ in _SEQUENCE for c in v.children):
        return first_conjunct(v, verbs=True)
    if v.dep_ == "pcomp" and v.head.lower_ == "by":
        return v.head.head
    if v.dep_ == "advcl" and any(c.lower_ == "when" and c.dep_ in ("advmod", "mark") for c in v.children):
        return v.head
    return None


_OWN_CLAUSE = {"ccomp", "xcomp", "relcl", "acl", "csubj", "parataxis", "advcl"}   # a time of their own


def _fronted_dates(v: Token, located: list[tuple[Timex, int, int]], doc: Doc) -> list[Timex]:
    """'On Sunday, Netanyahu accused Hamas ... and called for pressure': a date fronted before the main verb
    holds for the verbs coordinated with it, though not for a clause of its own ("said that they met")."""
    root, t = v.sent.root, v
    while t.i != root.i:
        if t.dep_ in _OWN_CLAUSE or t.head.i == t.i:
            return []
        t = t.head
    out = []
    for tx, r, in_sent in located:
        d = doc[r]
        if in_sent == v.sent.start and r < root.i and (
                d.head.i == root.i and d.dep_ == "npadvmod" or d.head.dep_ == "prep" and d.head.head.i == root.i):
            out.append(tx)
    return out


# ---- the whole step ----------------------------------------------------------------------------

def _one_act(a: Token, b: Token) -> bool:
    """Two linked triggers name one act, except two verbs that each report something: 'said, adding that ...',
    'said, according to X', 'quoted X telling', 'said he was told', 'said he had made clear'. A verb whose clause
    is the other's content and whose subject is a pronoun reports the same act again ('she said she criticised
    him')."""
    if not (a.pos_ == b.pos_ == "VERB"):
        return True
    low = a if a.head.i == b.i else b
    return (low.dep_ == "ccomp" and any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in low.children)
            and not any(c.dep_ == "aux" and c.lower_ == "had" for c in low.children))


def _merge_linked(events: list[Event]) -> list[Event]:
    """One event for 'remarks indicated', 'mediating the talks', 'proposed framework'."""
    out: list[Event] = []
    for ev in sorted(events, key=lambda e: e.start):
        partner = next((o for o in out if o.type == ev.type and (o.head.head.i == ev.head.i or ev.head.head.i == o.head.i)
                        and abs(o.head.i - ev.head.i) <= 3 and _one_act(o.head, ev.head)), None)
        if partner is not None:
            partner.start, partner.end = min(partner.start, ev.start), max(partner.end, ev.end)
            if ev.family == "verb" and partner.family == "noun" and ev.head.dep_ != "amod":
                partner.head, partner.family = ev.head, ev.family
            elif partner.family == "verb" and ev.family == "noun" and partner.head.dep_ == "amod":
                partner.head, partner.family = ev.head, ev.family   # "a Russian-hosted conference": the noun's
                # phrase holds the occasion's place and date
            elif ev.family == partner.family == "noun" and partner.head.head.i == ev.head.i:
                partner.head = ev.head   # "framework proposal": the phrase's head noun carries its modifiers
            continue
        out.append(ev)
    return out


def extract(doc: Doc, triggers: list[Trigger], index: DocIndex, timexes: list[Timex], types=None,
            ref=None) -> list[Event]:
    events: list[Event] = []
    ctx = Context(doc, index)
    for t in triggers:
        kind = keep(t, ctx)
        if kind is None:
            continue
        ev = Event(kind, t.start, t.end, t.head, t.family)
        events.append(ev)
        if kind != t.type:
            continue
        for extra in _also(ev, ctx):
            events.append(Event(extra, t.start, t.end, t.head, t.family))
    events = _merge_linked(events)
    links = occasions.link(events, index)
    out = []
    heads = {ev.head.i for ev in events}
    located = locate_dates(timexes, doc, index.dateline_end)
    for ev in events:
        if types and ev.type not in types:
            continue
        earlier = links.earlier(ev)
        fill_actors(ev, ctx)
        if not ev.actors and earlier is not None:
            ev.actors = occasions.parties_named_again(ev, earlier)
        ev.places = places.places(ev.head, ev.type, ev.family, index)
        fill_dates(ev, located, doc, heads - {ev.head.i}, ref)
        ev.modality = modality_rules.classify(ev.head, ev.dates, ref, links.told(ev))
        if not ev.places and index.dateline is not None and ev.head.idx > index.dateline.end \
                and places.from_dateline(ev.head, ev.type, ev.modality, heads, index, ev.dates, ref):
            ev.places = [(index.dateline, "location")]
        if TYPES[ev.type].speech:
            ev.quote = quotes.quote_for(doc, ev.head)
            ev.content = quotes.content_for(ev.head)
        ev.confidence = _confidence(ev)
        out.append(ev)
    return out


def _confidence(ev: Event) -> float:
    score = {"phrase": 0.8, "verb": 0.7, "adjective": 0.5, "noun": 0.55}[ev.family]
    if ev.actors:
        score += 0.15
    if ev.places or ev.dates:
        score += 0.05
    if ev.modality == "hypothetical":
        score -= 0.1
    return round(max(0.05, min(0.99, score)), 2)
