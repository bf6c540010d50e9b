"""The tense of the clause a date sits in, from the dependency parse: it decides which side of the reference
date an underspecified date ("on Monday", "in May") falls on.

The tense is read by named cues, each a small predicate with the tense it gives and an example, in this order:
1. NAMES_EVENT: a date naming an event ("the October 7 attack") is past, whatever its clause says.
2. The words from the date up to its verb: AHEAD_MODIFIER ("the upcoming talks on Monday"); NO_VERB when
   the date hangs off none.
3. VERB_CUES, an ordered table read on that verb and its auxiliaries; the first that holds gives the tense
   (NO_CUE: none does). A participle or an infinitive takes the tense of the clause it adds to: the cue
   ADDS_TO_CLAUSE climbs to that clause and the table is read again there.
4. DATE_CUES, an ordered table read on the preposition and the words before the date, given the verb's
   tense: a deadline ("until Tuesday") or a span's start or end qualifies it.
Each cue's example, `a sentence with [the date] => its value` read against Tuesday 2024-08-20 as in
data/dates/english/rules.txt, is a test (tests/test_tense.py). A new cue is a row in its table, with its example.
"""
from __future__ import annotations

from typing import Callable, NamedTuple

from spacy.tokens import Doc, Span, Token

from .. import words
from .resources import Example, example

# "would" is the future seen from a past report ("said they would meet on Monday"): modality reads it as
# hypothetical, but the date it places still lies ahead.
_FUTURE_AUX = words.load("future_auxiliaries") | {"would"}
_PLAN_VERBS = words.load("plan_verbs")
# An infinitive under these looks forward from the governing verb: "agreed to buy it in February".
_INTENT_GOVERNORS = _PLAN_VERBS | words.load("commitment_verbs") | words.load("infinitive_future_verbs")
_INTENT_NOUNS = words.load("intent_nouns")
_FUTURE_MODIFIERS = words.load("plan_modifiers") | words.load("effective_date_words")
_DEADLINE_PREPS = words.load("deadline_prepositions")
_FORWARD_PREPS = words.load("span_end_prepositions")
_BACKWARD_PREPS = words.load("span_start_prepositions")
_FORWARD_PHRASES = tuple(sorted(words.load("earliest_time_phrases")))
_NO_SCHEDULE = words.load("no_schedule_verbs")

_VERB = ("VERB", "AUX")
_AUX_DEPS = ("aux", "auxpass")
_PERFECT_AUX = frozenset(("has", "have", "had", "'ve"))
_PROGRESSIVE_AUX = frozenset(("is", "are", "am", "'s", "'re"))
_PAST = ("past", "pluperfect")
# How far the cues look: from the date up to its verb, and up the clauses a participle or infinitive adds to.
_MAX_STEPS_TO_VERB = 4
_MAX_CLAUSES = 3


class Cue(NamedTuple):
    name: str
    holds: Callable[..., bool]   # what it looks at: a Clause (VERB_CUES), an Around (DATE_CUES), a Token
    tense: str                   # 'past', 'pluperfect', 'future', 'present', 'near', 'named'; or CLIMB
    example: Example             # a sentence whose date this cue places, with the value it gets


CLIMB = "the tense of the clause it adds to"


def _cue(name: str, holds: Callable[..., bool], tense: str, text: str) -> Cue:
    return Cue(name, holds, tense, example(text, f"tense cue {name!r}"))


class Clause:
    """A verb as the verb cues read it: its tag, its dependency and its auxiliaries (lower-cased)."""
    __slots__ = ("verb", "tag", "dep", "auxes", "aux_words", "perfect", "past_form")

    def __init__(self, verb: Token):
        self.verb = verb
        self.tag = verb.tag_
        self.dep = verb.dep_
        self.auxes = [c for c in verb.children if c.dep_ in _AUX_DEPS]
        self.aux_words = tuple([a.lower_ for a in self.auxes])
        self.perfect = not _PERFECT_AUX.isdisjoint(self.aux_words)
        self.past_form = self.tag == "VBD" or "VBD" in [a.tag_ for a in self.auxes] or \
            self.tag == "VBN" and (not self.auxes or self.perfect)


class Around(NamedTuple):
    """What the date cues read: the preposition the date hangs off, the three words before it (lower-cased
    text) and the tense of its verb."""
    prep: str
    before: str
    verb_tense: str


def _plans(verb: Token) -> bool:
    """A verb of planning; "set" only with what is set for ("a summit set for April", not "a record set on
    Aug. 6")."""
    return verb.lemma_ in _PLAN_VERBS and (
        verb.lemma_ != "set" or any(c.lower_ == "for" or c.dep_ == "xcomp" for c in verb.children))


def _in_past_clause(tok: Token) -> bool:
    """Whether the clause a participle's noun belongs to is in the past ("the rally planned for Saturday was
    canceled")."""
    head = tok.head
    while head.pos_ not in _VERB and head.head.i != head.i:
        head = head.head
    if head.pos_ not in _VERB:
        return False
    return head.tag_ == "VBD" or any(c.dep_ in _AUX_DEPS and c.tag_ == "VBD" for c in head.children)


def _plan_ahead(c: Clause) -> bool:
    return c.tag == "VBN" and _plans(c.verb) and not c.perfect and not _in_past_clause(c.verb)


def _infinitive_of_intent(c: Clause) -> bool:
    """An infinitive under a verb of planning or intent: "set to meet on Monday", "expected to vote in May",
    "agreed to buy it in May"."""
    governor = c.verb.head.lemma_
    return c.dep == "xcomp" and governor in _INTENT_GOVERNORS and (governor in _PLAN_VERBS or "to" in c.aux_words)


def _infinitive_of_intent_noun(c: Clause) -> bool:
    """An infinitive under a noun of intent: "an agreement to acquire the bank in January"."""
    return c.dep == "acl" and c.verb.head.lemma_ in _INTENT_NOUNS and "to" in c.aux_words


def _adds_to_clause(c: Clause) -> bool:
    """A participle or an infinitive that adds to another clause: "rising to $42 in June from $29 in March",
    "made it difficult for Sun to meet demand well into the summer"."""
    if c.verb.head.i == c.verb.i:
        return False
    return c.dep in ("xcomp", "pcomp", "acl") or c.dep == "advcl" and c.tag in ("VBG", "VB") and not c.auxes \
        or c.tag == "VB" and c.aux_words == ("to",) and c.dep in ("advcl", "ccomp")


def _governing_clause(verb: Token) -> Token:
    """The head of the clause a participle or infinitive adds to; past the adjective an infinitive
    complements ("made it hard for the firm to meet demand")."""
    head = verb.head
    if verb.dep_ in ("advcl", "ccomp") and head.pos_ == "ADJ" and head.head.pos_ in _VERB:
        return head.head
    return head


def _misread_past(c: Clause) -> bool:
    """A bare verb with a singular subject ("weakness hurt the index"): the present would be "hurts", so the
    tagger took a past ("hurt", "cut", "set") for a present."""
    return c.tag == "VBP" and any(s.dep_ == "nsubj" and s.tag_ in ("NN", "NNP") and
                                  not any(g.dep_ == "conj" for g in s.children) for s in c.verb.children)


def _modified_as_ahead(word: Token) -> bool:
    return word.lower_ in _FUTURE_MODIFIERS or any(c.lower_ in _FUTURE_MODIFIERS for c in word.children)


def _names_event(date: Token) -> bool:
    return date.dep_ in ("nmod", "compound", "poss") and date.head.pos_ == "NOUN" and date.head.i > date.i


NAMES_EVENT = _cue("names an event", _names_event, "named",
                   "The move follows [Monday]'s declaration. => 2024-08-19")
AHEAD_MODIFIER = _cue("modified as ahead", _modified_as_ahead, "future",
                      "Delegates prepared for the upcoming talks on [Monday]. => 2024-08-26")
NO_VERB = _cue("no verb", lambda date: True, "present",
               "Talks in Cairo on [Thursday]. => 2024-08-15")
NO_CUE = _cue("no cue", lambda c: True, "present",
              "The office is closed on [Thursday]. => 2024-08-15")
ADDS_TO_CLAUSE = _cue("adds to a clause", _adds_to_clause, CLIMB,
                      "The stock has swung, rising to $42 in [June]. => 2024-06")

# Read on the verb a date hangs off, first to last; the first that holds gives its tense.
VERB_CUES: tuple[Cue, ...] = (
    _cue("future auxiliary", lambda c: not _FUTURE_AUX.isdisjoint(c.aux_words), "future",
         "They said they would meet on [Monday]. => 2024-08-26"),
    # "talks scheduled for Thursday", "a rally planned Saturday": a plan, whose date lies ahead of the
    # planning; in a past report ("has scheduled", "planned ... was canceled") on either side of it.
    _cue("plan", _plan_ahead, "future",
         "Talks are scheduled for [Monday]. => 2024-08-26"),
    _cue("plan reported", lambda c: c.tag in ("VBN", "VBD") and _plans(c.verb), "near",
         "Protesters planned a rally on [Thursday]. => 2024-08-22"),
    _cue("past perfect", lambda c: c.past_form and "had" in c.aux_words, "pluperfect",
         "They had met on [Thursday]. => 2024-08-15"),
    _cue("past", lambda c: c.past_form, "past",
         "The envoys met on [Thursday]. => 2024-08-15"),
    _cue("infinitive of intent", _infinitive_of_intent, "future",
         "They agreed to sell the unit in [February]. => 2025-02"),
    _cue("infinitive of an intent noun", _infinitive_of_intent_noun, "future",
         "The bank announced an agreement to acquire the lender in [January]. => 2025-01"),
    _cue("progressive", lambda c: c.tag == "VBG" and not _PROGRESSIVE_AUX.isdisjoint(c.aux_words), "future",
         "They are meeting on [Monday]. => 2024-08-26"),
    ADDS_TO_CLAUSE,
    _cue("misread past", _misread_past, "past",
         "Weakness in technology shares hurt the market on [Friday]. => 2024-08-16"),
    # Any other simple present with a date is a schedule: "they meet Monday", "the law takes effect in March".
    _cue("scheduled present", lambda c: c.tag in ("VBZ", "VBP") and c.verb.lemma_ not in _NO_SCHEDULE and not c.auxes,
         "future", "The ministers meet on [Thursday]. => 2024-08-22"),
)

# Read on the words around a date given its verb's tense, first to last; none holding, the verb's tense stands.
# A deadline looks forward from its event ("postponed until Tuesday"), unless a past perfect has it passed
# already ("had filed by Wednesday"); a span's end after a past verb lies on either side ("made it hard to
# meet demand well into the summer", "has extended loans through January").
DATE_CUES: tuple[Cue, ...] = (
    _cue("deadline passed", lambda a: a.prep in _DEADLINE_PREPS and a.verb_tense == "pluperfect", "near",
         "Thirty members had filed reports by [Sunday]. => 2024-08-18"),
    _cue("deadline", lambda a: a.prep in _DEADLINE_PREPS, "future",
         "Officials postponed the vote until [Monday]. => 2024-08-26"),
    _cue("span end after a past", lambda a: a.prep in _FORWARD_PREPS and a.verb_tense in _PAST, "near",
         "The bank has extended the loans through [Thursday]. => 2024-08-22"),
    _cue("span end", lambda a: a.prep in _FORWARD_PREPS, "future",
         "The offer is open through [Sunday]. => 2024-08-25"),
    _cue("past verb", lambda a: a.verb_tense in _PAST, "past",
         "Fighting broke out on [Thursday]. => 2024-08-15"),
    _cue("earliest time", lambda a: a.before.endswith(_FORWARD_PHRASES), "future",
         "The envoy could arrive as early as [Monday]. => 2024-08-26"),
    _cue("span start", lambda a: a.prep in _BACKWARD_PREPS, "past",
         "Prices are up 5% since [Thursday]. => 2024-08-15"),
)

CUES: tuple[Cue, ...] = (NAMES_EVENT, AHEAD_MODIFIER, NO_VERB, *VERB_CUES, NO_CUE, *DATE_CUES)


def tense_at(doc: Doc | None, start: int, end: int) -> str:
    """Where the clause an expression sits in puts it: 'past', 'future', 'present', 'near' (whichever side of
    the reference date is closer: a deadline or a plan reported in the past tense, "had filed by Wednesday",
    "planned a rally on Saturday") or 'named' for a date naming an event ('the October 7 attack'), read as past."""
    if doc is None:
        return "present"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "present"
    return reading(span)[-1].tense


def reading(span: Span) -> list[Cue]:
    """The cues that place a date, in the order they were read; the last gives its tense."""
    date = span.root
    if _names_event(date):
        return [NAMES_EVENT]
    cues = verb_reading(date)
    before = span.doc[max(0, span.start - 3):span.start].text.lower()
    around = Around(_preposition(span, date), before, cues[-1].tense)
    for cue in DATE_CUES:
        if cue.holds(around):
            return cues + [cue]
    return cues


def verb_reading(date: Token) -> list[Cue]:
    """The cues read on the verb a date hangs off, and on the clauses it adds to: the last gives its tense."""
    path, verb = _up_to_verb(date)
    if any(AHEAD_MODIFIER.holds(w) for w in path):
        return [AHEAD_MODIFIER]
    if verb is None:
        return [NO_VERB]
    cues = []
    for _ in range(_MAX_CLAUSES):
        cue = _first(VERB_CUES, Clause(verb))
        cues.append(cue)
        if cue is not ADDS_TO_CLAUSE:
            return cues
        verb = _governing_clause(verb)
    return cues + [NO_CUE]


def _first(table: tuple[Cue, ...], clause: Clause) -> Cue:
    for cue in table:
        if cue.holds(clause):
            return cue
    return NO_CUE


def _up_to_verb(date: Token) -> tuple[list[Token], Token | None]:
    """The words from a date up to the verb it hangs off, and that verb: None when the date hangs off no verb
    within a few steps ("Talks in Cairo on Monday")."""
    path, tok = [], date
    for _ in range(_MAX_STEPS_TO_VERB):
        if tok.pos_ in _VERB:
            return path, tok
        path.append(tok)
        if tok.head.i == tok.i:
            return path, None
        tok = tok.head
    return path, tok if tok.pos_ in _VERB else None


def _preposition(span: Span, date: Token) -> str:
    """The preposition a date hangs off (lower-cased): its head, the one before a time it is apposed to
    ("until 9 a.m. Tuesday"), or else the word before it."""
    if date.head.dep_ == "prep":
        return date.head.lower_
    if date.dep_ == "npadvmod" and date.head.head.dep_ == "prep":
        return date.head.head.lower_
    return span.doc[span.start - 1].lower_ if span.start > 0 else ""
