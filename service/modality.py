"""Modality of an event mention: asserted, negated, planned or hypothetical.

Cues, in the order they are tested: negation of the trigger or of the verb that
governs it; conditionals, questions and possibility ("would only ... if", "whether",
"potential"); future auxiliaries and intention frames ("set to", "expected to",
"scheduled"); a date after the reference date.
"""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from . import words

_NEG_GOVERNORS = words.load("negating_verbs")
_HYPOTHETICAL_AUX = words.load("hypothetical_auxiliaries")
_HYPOTHETICAL_WORDS = words.load("hypothetical_words")
_FUTURE_AUX = words.load("future_auxiliaries")
# The same verbs of planning and commitment as the tense of a date reads, and the going-to future.
_PLAN_GOVERNORS = words.load("plan_verbs") | words.load("commitment_verbs") | words.load("going_to_future")
_PLAN_MODIFIERS = words.load("plan_modifiers") | words.load("proposal_modifiers")


def _clause_chain(tok: Token, depth: int = 3) -> list[Token]:
    """The trigger and the words up to the verb of its clause; a coordinated or subordinate verb is its own clause."""
    chain, t = [tok], tok
    for _ in range(depth):
        if t.head.i == t.i or (t.pos_ in ("VERB", "AUX") and t.dep_ in ("conj", "advcl", "ccomp", "relcl", "parataxis")):
            break
        t = t.head
        chain.append(t)
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("xcomp", "acl", "pcomp", "prep") or t.dep_ == "ROOT":
            break
    return chain


_EXISTING = words.load("standing_nouns")
_FRAMING_PREPS = words.load("framing_prepositions")
_PURPOSE_GOVERNORS = words.load("purpose_verbs")
_CONDITIONAL_MARKS = words.load("conditional_conjunctions")
_AWAITING_MARKS = words.load("awaiting_conjunctions")


def _own_clause_only(head: Token) -> bool:
    """Nouns whose modality is their own, not their governing verb's; and "according to", whose attribution
    holds whatever the clause it frames says ("According to the official, the mediators have not ...")."""
    if head.lower_ == "according":
        return True
    if head.pos_ not in ("NOUN", "PROPN") and head.dep_ != "prep":
        return False
    if head.lemma_ in _EXISTING or head.dep_ in ("nsubj", "nsubjpass"):
        return True
    return head.dep_ == "pobj" and head.head.lower_ in _FRAMING_PREPS


def _future_frame(verb: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ in _PLAN_GOVERNORS


def classify(head: Token, dates, ref: dt.date | None = None) -> str:
    chain = [head] if _own_clause_only(head) else _clause_chain(head)
    for t in chain:
        if any(c.dep_ == "neg" for c in t.children):
            return "negated"
        if t.i != head.i and t.lemma_ in _NEG_GOVERNORS:
            return "negated"
    for t in chain:
        kids = list(t.children)
        if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUX for c in kids):
            return "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in kids):
            return "hypothetical"
        if t.lower_ in _HYPOTHETICAL_WORDS and t.i != head.i:
            return "hypothetical"
    if any(c.lower_ in _HYPOTHETICAL_WORDS and c.dep_ in ("amod", "det", "advmod") for c in head.children):
        return "hypothetical"
    for t in chain:
        kids = list(t.children)
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in kids):
            return "planned"
        if t.i != head.i and t.lemma_ in _PLAN_GOVERNORS and head.dep_ in ("xcomp",) or \
                (t.lemma_ in _PLAN_GOVERNORS and t.tag_ == "VBN" and t.i != head.i):
            return "planned"
    if any(c.lower_ in _PLAN_MODIFIERS and c.dep_ == "amod" for c in head.children):
        return "planned"
    if head.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "NOUN" and (
            head.head.lemma_ in _PLAN_GOVERNORS and head.head.tag_ == "VBN" or _future_frame(head.head)):
        return "planned"   # "talks are set to take place this week", "the talks will resume"
    if head.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children) \
            and head.head.lemma_ in _PURPOSE_GOVERNORS:
        return "planned"   # "left Cairo to consult with the leadership"
    clause = head if head.pos_ in ("VERB", "AUX") else head.head
    if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _AWAITING_MARKS for c in clause.children) \
            and _future_frame(clause.head):
        return "planned"   # "set to meet on Monday before talks resume"
    if ref is not None and dates and all(d.range is not None and d.range[0] > ref for d in dates):
        return "planned"
    return "asserted"
