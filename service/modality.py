"""Modality of an event mention: asserted, negated, planned or hypothetical.

Cues, in the order they are tested: negation of the trigger or of the verb that
governs it; conditionals, questions and possibility ("would only ... if", "whether",
"potential"); future auxiliaries and intention frames ("set to", "expected to",
"scheduled"); a date after the reference date.
"""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

_NEG_GOVERNORS = {"skip", "boycott", "miss", "cancel", "postpone", "abandon", "avoid", "refuse", "decline", "fail"}
_HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should"}
_HYPOTHETICAL_WORDS = {"potential", "possible", "possibility", "further", "likely", "risk", "prospect", "prospects",
                       "threat", "fear", "fears", "if", "whether", "unless", "any", "prevent", "avert", "avoid",
                       "contemplate", "contemplating", "consider", "considering", "weigh", "weighing"}
_FUTURE_AUX = {"will", "'ll", "shall", "wo"}
_PLAN_GOVERNORS = {"set", "expect", "schedule", "due", "plan", "slate", "intend", "poise", "prepare", "go"}
_PLAN_MODIFIERS = {"upcoming", "planned", "scheduled", "next", "forthcoming", "coming", "proposed"}


def _clause_chain(tok: Token, depth: int = 3) -> list[Token]:
    chain, t = [tok], tok
    for _ in range(depth):
        if t.head is t:
            break
        t = t.head
        chain.append(t)
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("xcomp", "acl", "pcomp", "prep") or t.dep_ == "ROOT":
            break
    return chain


def classify(head: Token, dates, ref: dt.date | None = None) -> str:
    chain = _clause_chain(head)
    for t in chain:
        if any(c.dep_ == "neg" for c in t.children):
            return "negated"
        if t is not head and t.lemma_ in _NEG_GOVERNORS:
            return "negated"
    for t in chain:
        kids = list(t.children)
        if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUX for c in kids):
            return "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in kids):
            return "hypothetical"
        if t.lower_ in _HYPOTHETICAL_WORDS and t is not head:
            return "hypothetical"
    if any(c.lower_ in _HYPOTHETICAL_WORDS and c.dep_ in ("amod", "det", "advmod") for c in head.children):
        return "hypothetical"
    for t in chain:
        kids = list(t.children)
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in kids):
            return "planned"
        if t is not head and t.lemma_ in _PLAN_GOVERNORS and head.dep_ in ("xcomp",) or \
                (t.lemma_ in _PLAN_GOVERNORS and t.tag_ == "VBN" and t is not head):
            return "planned"
    if any(c.lower_ in _PLAN_MODIFIERS and c.dep_ == "amod" for c in head.children):
        return "planned"
    if ref is not None and dates and all(d.range is not None and d.range[0] > ref for d in dates):
        return "planned"
    return "asserted"
