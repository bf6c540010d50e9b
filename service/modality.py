"""Modality of an event mention: asserted, negated, planned or hypothetical.

Cues, in the order they are tested:
- negated: "no" on the noun, a negation of the trigger or of the verb that governs it (a noun in a phrase of
  that verb only for verbs of taking part: "did not send a representative to the talks"), what a verb of
  holding back keeps someone from; not a negation inside what someone is urged to do;
- hypothetical: conditionals, questions and possibility ("would only ... if", "whether", "potential",
  "if attacks take place"), readiness ("prepared to veto"), what a noun of possibility or proposal holds out
  ("hope to resume the negotiations", "a proposal to begin talks"), a "proposed" occasion; but "would" in
  what a past verb of saying reports is the future seen from then, planned ("said he would visit");
- planned: future auxiliaries (shared by a second verb), intention and schedule frames ("set to", "likely
  to", "is to", "talks scheduled for", "the summit to be held", "a declaration to be signed", "plans to
  hold talks", "gearing up for", "in preparation for", "a timetable for", "awaiting approval", a purpose
  "to continue discussions", a time clause under a future one); a noun that a frame's verb only acts on is
  not planned with it ("the plan is to bypass the talks"); a date after the reference date; a later mention
  of an occasion the earlier mentions tell as still ahead (occasions.py).
"""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from . import words
from .syntax import first_conjunct, infinitive

_NEG_GOVERNORS = words.load("negating_verbs")
_HOLDING_BACK = words.load("holding_back_verbs")
_PRESSING = words.load("pressing_verbs")
_TAKING_PART = words.load("occasion_verbs")
_HYPOTHETICAL_AUX = words.load("hypothetical_auxiliaries")
_HYPOTHETICAL_WORDS = words.load("hypothetical_words")
_MORE_TO_COME = words.load("more_to_come_modifiers")
_FUTURE_AUX = words.load("future_auxiliaries")
# The same verbs of planning and commitment as the tense of a date reads, and the going-to future.
_PLAN_GOVERNORS = words.load("plan_verbs") | words.load("commitment_verbs") | words.load("going_to_future")
_PLAN_MODIFIERS = words.load("plan_modifiers")
_PLAN_NOUNS = words.load("plan_nouns")
_PROPOSAL_MODIFIERS = words.load("proposal_modifiers")


def _clause_chain(tok: Token, depth: int = 3) -> list[Token]:
    """The trigger and the words up to the verb of its clause; a coordinated or subordinate verb is its own clause."""
    chain, t = [tok], tok
    for _ in range(depth):
        if t.head.i == t.i or (t.pos_ in ("VERB", "AUX") and t.dep_ in ("conj", "advcl", "ccomp", "relcl", "parataxis")):
            break
        if t.dep_ in ("acl", "amod") and t.tag_ == "VBN" and not infinitive(t):
            break   # "will attend a conference boycotted by the opposition", "under the proposed guidelines, it does
            # not ...": a participle on a noun tells a done state
        t = t.head
        chain.append(t)
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("xcomp", "acl", "pcomp", "prep") or t.dep_ == "ROOT":
            break
    return chain


_EXISTING = words.load("standing_nouns")
_ISSUING = words.load("issuing_verbs")
_CONCLUDING = words.load("concluding_verbs")
_ANAPHORIC = words.load("anaphoric_determiners")
_FRAMING_PREPS = words.load("framing_prepositions")
_PURPOSE_GOVERNORS = words.load("purpose_verbs")
_CONDITIONAL_MARKS = words.load("conditional_conjunctions")
_AWAITING_MARKS = words.load("awaiting_conjunctions")
_REPORTING = words.load("reporting_verbs")
_REPORTING_NOUNS = words.load("reporting_nouns")
_HAPPENING = words.load("happening_verbs")
_POSSIBILITY_NOUNS = words.load("possibility_nouns")
_SCHEDULING = words.load("scheduling_verbs")
_READINESS = words.load("readiness_adjectives")
_PREPARING = words.load("preparing_verbs")
_AHEAD_NOUNS = words.load("ahead_nouns")
_FUTURE_IN_THE_PAST = {"would"}


def _only_possible(head: Token) -> bool:
    """'hope to resume the negotiations', 'no reason to negotiate', 'opened the way to negotiations': an act a
    noun of possibility or proposal holds out."""
    # a noun through the verb that makes it happen ("to resume the negotiations"); "an attempt to bypass the
    # talks" holds out the bypassing, not the talks
    verb = head if head.pos_ in ("VERB", "AUX") else head.head if head.dep_ == "dobj" and _happens(head.head) else None
    if verb is not None and verb.dep_ in ("acl", "relcl") and verb.head.lemma_ in _POSSIBILITY_NOUNS and \
            infinitive(verb):
        return True
    if head.dep_ == "pobj" and head.head.lower_ in ("to", "for"):
        owner = head.head.head
        return owner.lemma_ in _POSSIBILITY_NOUNS or \
            any(c.dep_ == "dobj" and c.lemma_ in _POSSIBILITY_NOUNS for c in owner.children)
    return False


def _still_to_happen(noun: Token) -> bool:
    """'the summit to be held in Lima', 'the conference set for January': a clause on the noun puts it ahead.
    The parser often hangs 'to be held' elsewhere ('the declaration of the summit to be held in Lima'); right
    after the noun's phrase, it is still the noun's."""
    clauses = [c for c in noun.children if c.dep_ in ("acl", "relcl")]
    after = noun.right_edge.i + 1
    if after < len(noun.doc) and noun.doc[after].lower_ == "to" and noun.doc[after].dep_ == "aux":
        clauses.append(noun.doc[after].head)
    for c in clauses:
        if c.tag_ == "VBN" and c.dep_ == "acl" and c.lemma_ in _SCHEDULING:
            return True
        if _happens(c) and infinitive(c) and \
                (c.tag_ == "VBN" or not any(o.dep_ == "dobj" for o in c.children)):
            return True   # "a meeting to take place", "talks to be held"; not "a proposal to begin talks"
    return False


def _be_to(verb: Token) -> bool:
    """'Leaders are to meet in Lima', 'our intention is to begin talks', 'the position was to demand': "be to"
    with an infinitive is what is scheduled or meant; not in a condition ('if the talks are to succeed') nor
    after a noun of possibility ('the only way is to negotiate')."""
    be = verb.head
    if verb.dep_ != "xcomp" or be.lemma_ != "be" or not infinitive(verb):
        return False
    subject = next((c for c in be.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.lemma_ not in _POSSIBILITY_NOUNS and \
        not any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in be.children)


def _verb_in(verb: Token, lemmas: frozenset[str], deps: tuple[str, ...] = ("dobj", "prt")) -> bool:
    """The verb's lemma, or the lemma with an object or particle ("take place", "rule out"), is in `lemmas`."""
    return verb.lemma_ in lemmas or any(f"{verb.lemma_} {c.lemma_}" in lemmas for c in verb.children if c.dep_ in deps)


def _happens(verb: Token) -> bool:
    """A verb that says its subject happens: "attacks took place", "the talks resumed"."""
    return _verb_in(verb, _HAPPENING, ("dobj", "prt", "advmod"))


def _expects(t: Token) -> bool:
    """'is likely to announce': a word of likelihood with an infinitive expects the act, as "expected to" does;
    "a likely attack" is only possible."""
    return t.lemma_ in _PLAN_GOVERNORS and any(c.dep_ == "xcomp" for c in t.children)


def _aux_bearer(verb: Token) -> Token:
    """The verb whose auxiliaries hold for `verb`: itself, or for a second verb with no subject or auxiliary of
    its own the first it is coordinated with ("will call for ... and urge")."""
    t = verb
    while t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and t.head.pos_ in ("VERB", "AUX") and \
            not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in t.children):
        t = t.head
    return t


def _future_in_the_past(verb: Token) -> bool:
    """'He said he would visit Cairo', 'reports that Moscow would block it': "would" in what a past verb or a noun
    of saying or promising reports is the future seen from then, a plan; unless a condition hangs on it ("said it
    would attend only if ...")."""
    if verb.lemma_ == "be" or not any(c.dep_ == "aux" and c.lower_ in _FUTURE_IN_THE_PAST for c in verb.children):
        return False   # "said the response would be devastating" judges, it plans nothing
    t = first_conjunct(verb)
    told = t.dep_ == "ccomp" and t.head.lemma_ in _REPORTING and t.head.tag_ in ("VBD", "VBN") or \
        t.dep_ == "acl" and t.head.pos_ == "NOUN" and t.head.lemma_ in _REPORTING_NOUNS
    if not told:
        return False
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ == "only":
            return False   # "would be scheduled only once ...", "would attend only after ..."
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONAL_MARKS for m in c.children):
            return False
    return True


def _own_clause_only(head: Token) -> bool:
    """Nouns whose modality is their own, not their governing verb's; and "according to", whose attribution
    holds whatever the clause it frames says ("According to the official, the mediators have not ...")."""
    if head.lower_ == "according":
        return True
    if head.pos_ not in ("NOUN", "PROPN") and head.dep_ != "prep":
        return False
    if head.lemma_ in _EXISTING and head.dep_ == "dobj" and head.head.lemma_ in _ISSUING and \
            not any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in _ANAPHORIC for c in head.children):
        return False   # "will issue a statement", "would make an offer if ..."; "will submit the offer" names
        # one that exists
    if head.lemma_ in _EXISTING or head.dep_ in ("nsubj", "nsubjpass"):
        return True
    return head.dep_ == "pobj" and head.head.lower_ in _FRAMING_PREPS


def _held_back(head: Token) -> Token | None:
    """'restrained Trump from his impulse of threatening', 'kept the envoys from attending the talks': the verb
    of holding back that keeps someone from the event, if any."""
    t = head.head if head.dep_ == "dobj" else head
    for _ in range(5):
        if t.dep_ == "prep" and t.lower_ == "from" and t.head.lemma_ in _HOLDING_BACK:
            return t.head
        if t.dep_ not in ("pcomp", "pobj", "prep") or t.head.i == t.i:
            return None
        t = t.head
    return None


def _reach(head: Token, chain: list[Token], deps: tuple[str, ...], carries) -> list[Token]:
    """The words of `chain` whose cue holds for the event: all of them, but for a noun in one of `deps` only up
    to the first verb unless that verb `carries` the noun with it."""
    if head.dep_ not in deps:
        return chain
    verb = next((i for i, t in enumerate(chain) if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or carries(chain[verb]):
        return chain
    return chain[:verb]


def _negation_reach(head: Token, chain: list[Token]) -> list[Token]:
    """The words whose negation negates the event. A noun in a phrase of the verb is negated with it only when
    the verb is about taking part ("did not send a representative to the talks"); "not pay attention to the
    comments", "not afraid of an attack", "failed because of Russia's refusal" leave it be."""
    return _reach(head, chain, ("pobj",), _takes_part)


def _planned_reach(head: Token, chain: list[Token]) -> list[Token]:
    """The words whose "be to" plans the event: a noun that a verb takes is planned with it only when the verb
    makes it happen ("the aim is to hold talks"); "the plan was to bypass the talks" plans no talks."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return chain
    return _reach(head, chain, ("dobj", "pobj"), _brings_about)


def _denies(verb: Token) -> bool:
    """'skipped the talks', 'refused to meet', 'ruled out attending': a verb that denies what it governs."""
    return _verb_in(verb, _NEG_GOVERNORS, ("prt",))


def _takes_part(verb: Token) -> bool:
    """'attended the talks', 'took part in the talks': a verb (or verb and object) of taking part."""
    return _verb_in(verb, _TAKING_PART)


def _brings_about(verb: Token) -> bool:
    """'held the talks', 'the talks resumed': a verb that makes an occasion happen or takes part in it."""
    return _takes_part(verb) or _happens(verb)


def _beside(head: Token, verb: Token) -> bool:
    """'Why would we link aid to talks', 'it would be a departure from the Geneva process': a noun in a phrase of
    a verb that neither makes it happen nor is "be" stands beside what the verb may do; the talks exist."""
    if head.dep_ != "pobj" or verb.pos_ not in ("VERB", "AUX") or verb.lemma_ == "be":
        return False
    if head.head.lower_ == "for" or _brings_about(verb) or verb.lemma_ in _ISSUING:
        return False   # "would come for talks", "would take part in the talks", "would hold a vote on it"
    return True


def _planned_by_none(head: Token) -> bool:
    """'there are no plans for the leader to hold a news conference', 'no decision to attack': the infinitive of a
    noun of planning with "no" (the parser hangs it on the noun or as a clause of its own)."""
    verb = head.head if head.dep_ == "dobj" else head
    plan = verb.head
    return verb.pos_ == "VERB" and infinitive(verb) and plan.pos_ == "NOUN" and plan.lemma_ in _PLAN_NOUNS and \
        any(c.dep_ == "det" and c.lower_ == "no" for c in plan.children)


def _taken_part_in(noun: Token, governor: Token) -> bool:
    """'planning to hold daily news conferences', 'intends to attend the summit': the noun is what a verb of
    taking part, in the infinitive of `governor`, makes happen."""
    verb = noun.head
    return noun.dep_ == "dobj" and verb.dep_ == "xcomp" and verb.head.i == governor.i and _takes_part(verb)


def _future_frame(verb: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ in _PLAN_GOVERNORS


def _told_as_past(head: Token) -> bool:
    """"The summit took place on Friday", "attended the meeting": the clause tells the occasion as having
    happened ("described the meeting as crucial" does not)."""
    verb = head.head
    return verb.tag_ == "VBD" and (head.dep_ == "nsubj" and _happens(verb) or
                                   head.dep_ == "dobj" and _takes_part(verb))


def classify(head: Token, dates, ref: dt.date | None = None, earlier: str | None = None) -> str:
    """The modality of the mention at `head`; `earlier` is what the earlier mentions of the same occasion tell
    of it, "planned" or "asserted" (occasions.py), if any."""
    chain = [head] if _own_clause_only(head) else _clause_chain(head)
    if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return "negated"   # "no genuine negotiations are planned"
    if _planned_by_none(head):
        return "negated"
    holder = _held_back(head)
    if holder is not None:   # it did not happen; unless the holding back itself is only possible
        may = any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUX for c in _aux_bearer(holder).children)
        return "hypothetical" if may else "negated"   # "may dissuade Iran from carrying out reprisals"
    for t in _negation_reach(head, chain):
        if t.dep_ == "xcomp" and t.head.lemma_ in _PRESSING:
            break   # "urged the envoy not to attend the conference": asked for, not told as not done
        negated = any(c.dep_ == "neg" or c.dep_ == "advmod" and any(n.dep_ == "neg" for n in c.children)
                      for c in t.children)
        if t.i != head.i and _denies(t):
            return "hypothetical" if negated else "negated"   # "ruled out attending"; "did not rule out attending"
        if negated:
            return "negated"   # "did not attend", "would no longer demand"
    for t in chain:
        kids = list(t.children)
        v = _aux_bearer(t)
        if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUX for c in v.children) and not _beside(head, t):
            return "planned" if _future_in_the_past(v) else "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in kids):
            return "hypothetical"
        if t.lower_ in _HYPOTHETICAL_WORDS and t.i != head.i and not _expects(t):
            return "hypothetical"
        if t.pos_ == "ADJ" and t.lower_ in _READINESS and any(c.dep_ == "xcomp" for c in t.children):
            return "hypothetical"   # "was prepared to veto", "ready to negotiate"
    if any(c.lower_ in _HYPOTHETICAL_WORDS and c.dep_ in ("amod", "det", "advmod") and not _expects(c) or
           c.lower_ in _PROPOSAL_MODIFIERS and c.dep_ == "amod" and head.lemma_ not in _EXISTING for c in head.children):
        return "hypothetical"   # "potential attacks"; "the proposed negotiations": put forward, not yet agreed
        # (a "proposed framework" is itself a proposal, and exists)
    if _only_possible(head):
        return "hypothetical"
    if head.dep_ in ("nsubj", "nsubjpass") and (_happens(head.head) or head.head.lemma_ in _CONCLUDING) and \
            any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in head.head.children):
        return "hypothetical"   # "if major attacks take place", "whether talks can resume", "if a deal is signed"
    for t in chain:
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in _aux_bearer(t).children):
            return "planned"
        if t.i != head.i and t.lemma_ in _PLAN_GOVERNORS and (head.dep_ == "xcomp" or _taken_part_in(head, t)) or \
                (t.lemma_ in _SCHEDULING and t.tag_ == "VBN" and t.i != head.i):   # "talks scheduled for", not "measures agreed on"
            return "planned"
    if any(c.lower_ in _PLAN_MODIFIERS and c.dep_ == "amod" for c in head.children):
        return "planned"
    if head.pos_ in ("NOUN", "PROPN") and _still_to_happen(head):
        return "planned"
    if any(_be_to(t) for t in _planned_reach(head, chain) if t.pos_ in ("VERB", "AUX")) or \
            head.dep_ in ("nsubj", "nsubjpass") and any(_be_to(c) for c in head.head.children):
        return "planned"
    if head.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "NOUN" and (
            head.head.lemma_ in _PLAN_GOVERNORS and head.head.tag_ == "VBN" or _future_frame(head.head) or
            head.head.lemma_ in ("be", "lie") and any(c.lower_ == "ahead" for c in head.head.children)):
        return "planned"   # "talks are set to take place this week", "the talks will resume", "talks lie ahead"
    if head.dep_ in ("advcl", "xcomp") and infinitive(head) \
            and head.head.lemma_ in _PURPOSE_GOVERNORS and not any(c.dep_ == "prt" and c.lower_ == "on" for c in head.head.children):
        return "planned"   # "left Cairo to consult with the leadership"; "went on to say" is "then said"
    if head.dep_ == "pobj" and head.head.lower_ == "for" and head.head.head.lemma_ in _PREPARING | _AHEAD_NOUNS or \
            head.dep_ == "dobj" and head.head.lemma_ in _PREPARING:
        return "planned"   # "gearing up for tough negotiations", "awaiting approval", "a timetable for talks"
    if head.pos_ == "VERB" and head.dep_ in ("acl", "relcl", "ccomp") and infinitive(head) and \
            any(c.dep_ == "auxpass" for c in head.children):
        return "planned"   # "the declaration, to be signed by the leaders": a passive infinitive on a noun (the
        # parser also hangs it as a clause of its own)
    purpose = head.head
    if head.dep_ == "dobj" and purpose.dep_ == "advcl" and _happens(purpose) and \
            infinitive(purpose):
        return "planned"   # "will remain in New York to continue discussions"
    clause = head if head.pos_ in ("VERB", "AUX") else head.head
    main = clause.head.head if clause.head.dep_ == "advmod" and clause.head.pos_ == "ADV" else clause.head   # "as soon as"
    if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _AWAITING_MARKS for c in clause.children) \
            and _future_frame(main):
        return "planned"   # "set to meet on Monday before talks resume"
    if ref is not None and dates and all(d.range is not None and d.range[0] > ref for d in dates):
        return "planned"
    if earlier == "planned" and not _told_as_past(head):
        return "planned"   # "Leaders will meet in Lima. ... Coordinators of the summit said ...": still ahead
    if any(c.lower_ in _MORE_TO_COME and c.dep_ == "amod" for c in head.children) and not _told_as_past(head) \
            and not (head.dep_ in ("nsubj", "nsubjpass") and head.head.tag_ == "VBD"):
        return "hypothetical"   # "warned of further attacks"
    return "asserted"
