"""The tense of the clause a date sits in, from the dependency parse: it decides which side of the reference
date an underspecified date ("on Monday", "in May") falls on."""
from __future__ import annotations

from spacy.tokens import Doc

from .. import words

_FUTURE_AUX = words.load("future_auxiliaries")
_FUTURE_GOVERNORS = words.load("plan_verbs")
# An infinitive under these looks forward from the governing verb: "agreed to buy it in February".
_INTENT_GOVERNORS = _FUTURE_GOVERNORS | words.load("commitment_verbs") | words.load("infinitive_future_verbs")
_INTENT_NOUNS = words.load("intent_nouns")
_FUTURE_MODIFIERS = words.load("future_modifiers")
_DEADLINE_PREPS = words.load("deadline_prepositions")
_FORWARD_PREPS = words.load("span_end_prepositions")
_BACKWARD_PREPS = words.load("span_start_prepositions")
_FORWARD_PHRASES = tuple(sorted(words.load("earliest_time_phrases")))
_NO_SCHEDULE = words.load("no_schedule_verbs")


def tense_at(doc: Doc | None, start: int, end: int) -> str:
    """Where the clause an expression sits in puts it: 'past', 'future', 'present', 'near' (whichever side of
    the reference date is closer: a deadline or a plan reported in the past tense, "had filed by Wednesday",
    "planned a rally on Saturday") or 'named' for a date naming an event ('the October 7 attack'), read as past."""
    if doc is None:
        return "present"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "present"
    tok = span.root
    if tok.dep_ in ("nmod", "compound", "poss") and tok.head.pos_ == "NOUN" and tok.head.i > tok.i:
        return "named"   # a date naming an event: "the October 7 attack", "Tuesday's declaration"
    before = doc[max(0, span.start - 3):span.start].text.lower()
    prep = doc[span.start - 1].lower_ if span.start > 0 else ""
    if tok.head.dep_ == "prep":
        prep = tok.head.lower_
    elif tok.dep_ == "npadvmod" and tok.head.head.dep_ == "prep":
        prep = tok.head.head.lower_   # "until 9 a.m. Tuesday"
    verb_tense = _verb_tense(tok, prep)
    # A deadline looks forward from its event ("postponed until Tuesday"), unless a past perfect has it passed
    # already ("had filed by Wednesday"); a span's end after a past verb lies on either side ("made it
    # hard to meet demand well into the summer", "has extended loans through January").
    if prep in _DEADLINE_PREPS:
        return "near" if verb_tense == "pluperfect" else "future"
    if prep in _FORWARD_PREPS:
        return "near" if verb_tense in ("past", "pluperfect") else "future"
    if verb_tense in ("past", "pluperfect"):
        return "past"
    if before.endswith(_FORWARD_PHRASES):
        return "future"
    if prep in _BACKWARD_PREPS:
        return "past"
    return verb_tense


def _verb_tense(tok, prep: str = "") -> str:
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            break
        if tok.lower_ in _FUTURE_MODIFIERS or any(c.lower_ in _FUTURE_MODIFIERS for c in tok.children):
            return "future"
        if tok.head.i == tok.i:
            return "present"
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return "present"
    for _ in range(3):
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        perfect = any(a.lower_ in ("has", "have", "had", "'ve") for a in auxes)
        if any(a.lower_ in _FUTURE_AUX or a.lower_ == "would" for a in auxes):
            return "future"
        # "talks scheduled for Thursday", "a rally planned Saturday": a plan, whose date lies ahead of the
        # planning; in a past report ("has scheduled", "planned ... was canceled") on either side of it.
        if tok.tag_ in ("VBN", "VBD") and _plans(tok):
            if tok.tag_ == "VBN" and not perfect and not _in_past_clause(tok):
                return "future"
            return "near"
        if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or (tok.tag_ == "VBN" and not auxes) or \
                (tok.tag_ == "VBN" and perfect):
            return "pluperfect" if any(a.lower_ == "had" for a in auxes) else "past"
        if tok.dep_ == "xcomp" and tok.head.lemma_ in _INTENT_GOVERNORS and \
                (tok.head.lemma_ in _FUTURE_GOVERNORS or any(a.lower_ == "to" for a in auxes)):
            return "future"  # "set to meet on Monday", "expected to vote in May", "agreed to buy it in May"
        if tok.dep_ == "acl" and tok.head.lemma_ in _INTENT_NOUNS and any(a.lower_ == "to" for a in auxes):
            return "future"  # "an agreement to acquire the bank in January"
        if tok.tag_ == "VBG" and any(a.lower_ in ("is", "are", "am", "'s", "'re") for a in auxes):
            return "future"  # "they are meeting Monday"
        if (tok.dep_ in ("xcomp", "pcomp", "acl") or tok.tag_ in ("VBG", "VB") and not auxes and tok.dep_ == "advcl"
                or tok.tag_ == "VB" and [a.lower_ for a in auxes] == ["to"] and tok.dep_ in ("advcl", "ccomp")) \
                and tok.head.i != tok.i:
            # A participle or an infinitive takes the tense of the clause it adds to: "rising to $42 in June
            # from $29 in March", "made it difficult for Sun to meet demand well into the summer".
            climb_adjective = tok.dep_ in ("advcl", "ccomp")
            tok = tok.head
            if climb_adjective and tok.pos_ == "ADJ" and tok.head.pos_ in ("VERB", "AUX"):
                tok = tok.head
            continue
        if tok.tag_ == "VBP" and any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") and
                                     not any(g.dep_ == "conj" for g in c.children) for c in tok.children):
            return "past"   # a singular subject has no "hurt" in the present: the tagger took a past for one
        if tok.tag_ in ("VBZ", "VBP") and tok.lemma_ not in _NO_SCHEDULE and not auxes:
            return "future"
        break
    return "present"


def _plans(verb) -> bool:
    """A verb of planning; "set" only with what is set for ("a summit set for April", not "a record set on
    Aug. 6")."""
    return verb.lemma_ in _FUTURE_GOVERNORS and (
        verb.lemma_ != "set" or any(c.lower_ == "for" or c.dep_ == "xcomp" for c in verb.children))


def _in_past_clause(tok) -> bool:
    """Whether the clause a participle's noun belongs to is in the past ("the rally planned for Saturday was
    canceled")."""
    head = tok.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return False
    return head.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in head.children)
