"""Turn trigger matches into events: keep specific mentions, then fill modality and arguments.

Arguments follow the dependency structure around the trigger (subjects, objects and
prepositional attachments, inherited from the governing verb for participles and
infinitives), with the roles of spec/EVENTS.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from . import modality as modality_rules
from . import quotes, words
from .dates import Timex
from .entities import ActorRef, DocIndex, PlaceRef
from .triggers import LEXICON, Trigger

SUBJ = {"nsubj", "nsubjpass", "csubj"}
OBJ = {"dobj", "obj", "attr", "oprd"}
_STATEMENT_NOUN_VERBS = words.load("issuing_verbs")
_NEEDS_CONTENT = words.load("content_needing_speech_verbs")
_VISIT_NEEDS_PLACE = words.load("place_needing_motion_verbs")
_EVENT_HEADS = words.load("event_head_nouns")
_SEEK_VERBS = words.load("seeking_verbs")
_NON_ACTOR_OBJECTS = words.load("reaction_nouns")
_CONTENT_GOVERNORS = words.load("wanted_act_nouns")
_DEMAND_VERBS = words.load("pressing_verbs")
_PROPOSAL_NOUNS = words.load("proposal_nouns")
_SPEECH_PREPS = words.load("speaking_occasion_prepositions")
_PERFORMING_VERBS = words.load("performing_verbs")
_OCCASION_VERBS = words.load("occasion_verbs")
_DOCUMENT_NOUNS = words.load("document_nouns")
_INTERVIEW_NOUNS = words.load("interview_nouns")
_SPEAKING_VERBS = words.load("speaking_verbs")
_REPETITION = words.load("repetition_modifiers")
_INTERNAL_BODIES = words.load("internal_body_nouns")
_NEGOTIATING = words.load("negotiating_words")
_INDEFINITE = words.load("indefinite_pronouns")
_OFFERED = words.load("offered_things")


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

def _governing_verb(tok: Token) -> Token | None:
    t = tok
    for _ in range(4):
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def _has_attribution(tok: Token, index: DocIndex) -> bool:
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and (index.actors_at(c) or c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")):
            return True
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            if any(index.actors_at(p) for p in c.children if p.dep_ == "pobj"):
                return True
    if tok.dep_ == "appos" and index.actors_at(tok.head):
        return True   # "Hamas wants ..., a demand that Israel has rejected"
    return tok.dep_ in OBJ and tok.head.lemma_ in _STATEMENT_NOUN_VERBS and bool(_subjects(tok.head))


def keep(t: Trigger, doc: Doc, index: DocIndex) -> bool:
    """Is this match a specific event mention (not a modifier, a generic use, or another sense)?"""
    h = t.head
    if h.is_space or not h.text.strip():
        return False
    if t.family == "noun":
        # A noun modifying a noun is no event ("negotiation team"), but a plural one is
        # almost always a misparse of the subject ("truce talks resume").
        if h.dep_ == "compound" and h.head.lemma_ not in _EVENT_HEADS and h.tag_ not in ("NNS", "NNPS"):
            return False
        put_forward = t.type in ("demand", "proposal") and h.dep_ in OBJ and h.head.lemma_ in _STATEMENT_NOUN_VERBS
        if _is_sought(h) and not put_forward or _is_generic(h):
            return False   # "introduced a ceasefire" is sought; "introduced new demands" is the demand
        if h.lemma_ == "talk" and h.tag_ not in ("NNS", "NNPS") and h.lower_ != "talks":
            return False
        if t.type in ("meeting", "negotiation") and any(
                c.dep_ in ("amod", "det") and c.lower_ in _REPETITION for c in h.children):
            return False   # "to participate in further discussions": more of a kind, no one occasion
        if t.type == "statement" and not _has_attribution(h, index):
            return False
        if t.type == "demand" and h.lemma_ == "demand" and not _has_attribution(h, index):
            return False
        if t.type == "proposal" and h.tag_ == "NNS" and not any(
                c.dep_ in ("det", "poss", "amod", "compound", "nummod", "acl", "relcl", "prep") for c in h.children):
            return False   # "rejecting proposals": a kind of thing, no particular proposal
        if t.type == "proposal" and h.lemma_ in ("plan", "initiative") and not any(
                c.dep_ in ("det", "poss", "compound", "amod") for c in h.children):
            return False
        if t.type == "negotiation" and h.lemma_ == "session" and not any(
                c.lemma_ in _NEGOTIATING for c in h.children):
            return False
        if t.type == "negotiation" and h.lemma_ == "discussion" and h.tag_ != "NNS":
            return False
        if t.type == "meeting" and any(c.dep_ == "compound" and c.lemma_ in _INTERNAL_BODIES
                                       for c in h.children):
            return False
        if t.type == "attack" and h.lemma_ == "death" and not any(c.lower_ == "of" for c in h.children):
            return False
    if t.family == "verb":
        if h.dep_ == "amod" and h.tag_ == "VBG":
            return False   # "negotiating team", "visiting delegation"
        if h.dep_ == "amod" and h.lemma_ == "propose":
            return True
        if t.type == "negotiation" and (h.dep_ in ("amod", "nmod", "compound") or
                                        h.dep_ == "conj" and h.head.dep_ in ("amod", "nmod", "compound", "npadvmod")):
            return False   # "U.S.-brokered talks": the talks are the event, the brokers their mediators
        if t.type == "statement" and any(c.dep_ == "dobj" and c.lemma_ in _TYPED_OBJECTS for c in h.children):
            return False   # "reiterating its demands" is the demand
        if t.type == "statement" and h.lemma_ in _NEEDS_CONTENT and quotes.inside_quote(doc, h):
            return False   # '"Our forces only respond to attacks," he told': the quote's words are not the act
        if t.type == "statement" and h.lemma_ in _NEEDS_CONTENT and not _subjects_are_actors(h, index):
            return False   # "reports indicate", "statements that suggested"
        if t.type == "statement" and h.lemma_ in _NEEDS_CONTENT and not (
                any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in h.children) or quotes.quote_for(doc, h)):
            return False
        if t.type == "meeting" and h.lemma_ == "meet":
            if any(c.dep_ == "auxpass" for c in h.children):
                return False   # "were met with skepticism"
            if any(c.dep_ == "prep" and c.lower_ == "with" and any(p.lemma_ in _NON_ACTOR_OBJECTS for p in c.children)
                   for c in h.children):
                return False
        if t.type == "visit" and h.lemma_ in _VISIT_NEEDS_PLACE and not _visit_has_place(h, index):
            return False
        if t.type == "proposal" and h.lemma_ == "offer" and not any(
                c.dep_ in OBJ and c.lemma_ in _PROPOSAL_NOUNS | _OFFERED for c in h.children):
            return False
        if t.type == "agreement" and h.lemma_ == "support" and not _backs_a_proposal(h):
            return False   # "talks supported by Egypt" back a process; "a proposal supported globally" is agreed
        if t.type == "agreement" and h.lemma_ == "sign" and not any(c.dep_ in OBJ for c in h.children):
            return False
        if t.type == "demand" and h.lemma_ == "press" and not any(c.lower_ == "for" for c in h.children):
            return False
        if t.type == "attack" and h.lemma_ == "strike" and not any(c.dep_ in OBJ for c in h.children):
            return False
        if any(c.dep_ in SUBJ and c.lower_ in _INDEFINITE for c in h.children):
            return False
        if t.type in ("agreement", "rejection", "proposal", "negotiation") and _is_demanded_content(h):
            return False
    if t.family == "adjective" and not any(c.dep_ == "prep" and c.lower_ == "to" for c in h.children):
        return False
    return True


_TYPED_OBJECTS = words.load("typed_act_nouns")


def _subjects_are_actors(v: Token, index: DocIndex) -> bool:
    subs = _subjects(v)
    return bool(subs) and all(index.actors_at(s) for s in subs)


def _visit_has_place(h: Token, index: DocIndex) -> bool:
    for c in h.children:
        if c.dep_ in OBJ and index.place_at(c):
            return True
        if c.dep_ == "prep" and c.lower_ in ("to", "for", "from", "in", "into", "at"):
            if any(index.place_at(p) for p in c.children if p.dep_ == "pobj"):
                return True
    return False


def _is_demanded_content(h: Token) -> bool:
    """'the onus on Hamas to accept', 'pressure to agree': an infinitive that is only what someone wants."""
    if h.dep_ not in ("xcomp", "acl", "advcl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in h.children):
        return False
    gov = h.head
    if gov.lemma_.lower() in _CONTENT_GOVERNORS or gov.lemma_ in _DEMAND_VERBS:
        return True
    return any(c.dep_ in SUBJ and c.lemma_.lower() in _CONTENT_GOVERNORS for c in gov.children)


def _backs_a_proposal(v: Token) -> bool:
    """'supported the plan', 'a proposal outlined by Biden and supported globally'."""
    if any(c.dep_ in OBJ and c.lemma_ in _PROPOSAL_NOUNS for c in v.children):
        return True
    described = _described_by(v)
    return described is not None and described.lemma_ in _PROPOSAL_NOUNS


def _described_by(participle: Token) -> Token | None:
    """The noun a participle describes, also as the second of two ("a proposal, laid out by Biden and later
    endorsed by the Council")."""
    if participle.dep_ == "acl":
        return participle.head
    if participle.dep_ == "conj" and participle.head.dep_ == "acl":
        return participle.head.head
    return None


def _is_generic(noun: Token) -> bool:
    """'Visits are important': a bare plural subject of a present-tense evaluation names a kind, not an event."""
    if noun.tag_ != "NNS" or noun.dep_ != "nsubj" or any(
            c.dep_ in ("det", "poss", "amod", "compound", "nummod", "prep", "nmod") for c in noun.children):
        return False
    verb = noun.head
    return verb.lemma_ == "be" and verb.tag_ in ("VBP", "VBZ") and any(c.dep_ in ("acomp", "attr") for c in verb.children)


def _is_sought(noun: Token) -> bool:
    gov = noun.head
    if noun.dep_ == "pobj" and gov.lower_ == "for":
        gov = gov.head
    elif noun.dep_ != "dobj":
        return False
    return gov.pos_ in ("VERB", "AUX") and gov.lemma_ in _SEEK_VERBS


# ---- arguments ---------------------------------------------------------------------------------

_RELATIVE = words.load("relative_pronouns")
_ENDEAVOURS = words.load("endeavour_nouns")
_HOLDING_BACK = words.load("holding_back_verbs")
_CHARGING_VERBS = words.load("charging_verbs")
_MEDIATION = words.load("brokering_words")
_AUTHORING_VERBS = words.load("authoring_verbs")


def _subjects(v: Token) -> list[Token]:
    """Subjects of a verb, inherited through participles, infinitives and coordination."""
    t = v
    for _ in range(4):
        # The trigger's own passive subject is its patient; a governing "X has been involved in" is agentive.
        deps = ("nsubj", "csubj") if t.i == v.i else ("nsubj", "csubj", "nsubjpass")
        subs = [c for c in t.children if c.dep_ in deps]
        if subs:
            if t.dep_ == "relcl" and subs[0].lower_ in _RELATIVE:
                return [t.head, *t.head.conjuncts]   # "Hamas, who has called for ..."
            if len(subs) > 1:   # "Sudan's army chief Abdel Fattah al-Burhan arrived": the name, not its title
                subs = [x for x in subs if not any(y.ent_type_ == "PERSON" and y.left_edge.i == x.i + 1 for y in subs)]
            if t.dep_ == "pcomp" and t.head.lower_ == "of" and t.head.head.lemma_ in _CHARGING_VERBS:
                return _objects(t.head.head)   # "accused the army of shelling": the army shells
            return [s for sub in subs for s in [sub, *sub.conjuncts]]
        agent = [p for c in t.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if agent:
            return agent
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            owner = [c for c in t.head.children if c.dep_ == "poss"]
            if owner and t.head.lemma_ in _ENDEAVOURS:
                return owner   # "his efforts to reach an agreement": he reaches it
            return [t.head, *t.head.conjuncts]
        if t.dep_ == "conj" and t.tag_ == "VBD" and t.head.tag_ == "VBG" and t.head.dep_ == "pcomp":
            # "accused Hamas of obstructing progress and called for ...": a past tense cannot be coordinated
            # with the gerund it hangs on; it belongs to the finite verb above
            t = t.head.head.head
            continue
        if t.dep_ == "pcomp" and t.head.lower_ == "of" and t.head.head.lemma_ in _CHARGING_VERBS:
            return _objects(t.head.head)   # "accused the army of shelling": the army shells
        if t.dep_ == "pcomp" and t.head.lower_ == "from" and t.head.head.lemma_ in _HOLDING_BACK:
            return _objects(t.head.head)   # "dissuade Iran and Hezbollah from carrying out": they would
        if t.dep_ in ("xcomp", "advcl", "conj", "ccomp", "pcomp", "relcl", "acomp") and t.head.i != t.i:
            if t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN"):
                return [t.head]
            via_prep = t.dep_ == "pcomp"
            t = t.head
            if t.pos_ not in ("VERB", "AUX") and t.dep_ == "prep":
                t = t.head
                # "to reach an agreement by traveling to Egypt": the parse hangs the manner clause on the
                # object; the traveler is whoever reaches it
                if via_prep and t.pos_ in ("NOUN", "PROPN") and t.dep_ == "dobj":
                    t = t.head
            continue
        break
    return []


def _objects(v: Token) -> list[Token]:
    return [o for c in v.children if c.dep_ in ("dobj", "dative") for o in [c, *c.conjuncts]]


def _pobjs(t: Token, preps: set[str]) -> list[Token]:
    out = []
    for c in t.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend([p, *p.conjuncts])
    return out


def _possessor(pron: Token, index: DocIndex) -> list[ActorRef]:
    """'its demands' in 'Hamas said ..., reiterating its demands': the clause's subject first."""
    gov = _governing_verb(pron)
    if gov is not None:
        refs = [r for sub in _subjects(gov) if sub.pos_ != "PRON" for r in index.actors_at(sub)]
        if refs:   # "Iran and Hezbollah ... their reprisals": both
            return [ActorRef(r.actor, pron.idx, pron.idx + len(pron)) for r in refs]
    return index.actors_at(pron)


def _author(noun: Token, index: DocIndex) -> list[ActorRef]:
    """Who a plan or proposal belongs to: 'the U.S. plan', 'Biden's framework', 'the American-led framework'."""
    refs = []
    if noun.dep_ in ("compound", "amod") and noun.head.pos_ in ("NOUN", "PROPN"):
        refs.extend(_author(noun.head, index))   # "framework proposal, laid out by Biden"; "the proposed deal"
    for c in noun.children:
        if c.dep_ == "poss" and c.pos_ == "PRON":
            refs.extend(_possessor(c, index))
            continue
        if c.dep_ in ("poss", "compound", "amod", "nmod"):
            target = c
            if c.dep_ == "amod" and c.tag_ in ("VBN", "JJ") and "-" in c.text:
                target = next((x for x in c.children if x.dep_ in ("npadvmod", "compound", "amod")), c)
            refs.extend(index.actors_at(target))
            for sub in c.children:
                if sub.dep_ in ("compound", "npadvmod", "amod") and sub.ent_type_:
                    refs.extend(index.actors_at(sub))
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            for p in c.children:
                if p.dep_ == "pobj":
                    refs.extend(r for q in (p, *p.conjuncts) for r in index.actors_at(q))   # "from Iran and Hezbollah"
        if c.dep_ == "acl" and c.lemma_ in _AUTHORING_VERBS:
            for p in _pobjs(c, {"by"}):
                refs.extend(index.actors_at(p))
    return refs


_DONE_BY_TARGET = words.load("done_by_target_nouns")
_WANTED_BY = words.load("request_nouns")


def _demanded_of(noun: Token, index: DocIndex, depth: int = 0) -> list[ActorRef]:
    """Whom a demanded thing is asked of: "pressure on Netanyahu", "a full withdrawal of Israeli troops",
    "an end to Israeli presence" (the party, not its troops)."""
    refs = _refs(_pobjs(noun, {"on", "against"}), index)
    if noun.lemma_.lower() not in _DONE_BY_TARGET:
        return refs
    refs.extend(r for c in noun.children if c.dep_ == "poss" for r in index.actors_at(c))
    for p in _pobjs(noun, {"of", "to", "by"}):
        parties = [r for m in p.children if m.dep_ in ("amod", "compound", "nmod", "poss") and m.i < p.i
                   for r in index.actors_at(m)]
        refs.extend(parties or index.actors_at(p) or (_demanded_of(p, index, 1) if depth == 0 else []))
    return refs


def _refs(tokens, index: DocIndex) -> list[ActorRef]:
    out = []
    for t in tokens:
        out.extend(index.actors_at(t))
    return out


def fill_actors(ev: Event, index: DocIndex) -> None:
    h = ev.head
    roles: list[tuple[list[ActorRef], str]] = []
    is_noun = h.pos_ in ("NOUN", "PROPN") or ev.family == "noun"
    if ev.type == "statement":
        if ev.family == "phrase" and h.lower_ == "according":
            roles.append((_refs(_pobjs(h, {"to"}) or [c for c in h.children if c.dep_ == "pobj"] or
                                [p for c in h.children for p in c.children if p.dep_ == "pobj"], index), "speaker"))
        elif is_noun:
            roles.append((_author(h, index), "speaker"))
            if h.dep_ in OBJ and h.head.lemma_ in _STATEMENT_NOUN_VERBS:
                roles.append((_refs(_subjects(h.head), index), "speaker"))   # "Hamas released a statement"
        else:
            roles.append((_refs(_subjects(h), index), "speaker"))
            for sub in _subjects(h):   # "A senior official, speaking to the BBC, countered ..."
                for c in sub.children:
                    if c.dep_ == "acl" and c.lemma_ in _SPEAKING_VERBS:
                        roles.append((_refs(_pobjs(c, {"to", "with"}), index), "addressee"))
            if h.lemma_ == "tell":
                roles.append((_refs(_objects(h), index), "addressee"))
            roles.append((_refs(_pobjs(h, {"to"}), index), "addressee"))
            for c in h.children:   # "stated in an interview with The Associated Press"
                if c.dep_ == "prep" and c.lower_ in _SPEECH_PREPS:
                    for p in c.children:
                        if p.lemma_ in _INTERVIEW_NOUNS:
                            roles.append((_refs(_pobjs(p, {"with", "to"}), index), "addressee"))
    elif ev.type in ("meeting", "negotiation"):
        base = "participant"
        if is_noun:
            # Mediators first: an actor keeps the first role it is given, and "Saudi-brokered" is no party.
            for t in h.doc[h.left_edge.i:h.i]:   # "U.S.- and Saudi-brokered talks"
                if t.lemma_ in _MEDIATION and t.pos_ in ("VERB", "ADJ"):
                    sponsors = [x for x in h.doc[h.left_edge.i:t.i] if x.ent_type_ in ("GPE", "NORP", "ORG")]
                    roles.append((_refs(sponsors, index), "mediator"))
            roles.append((_author(h, index), base))
            counterparts = _pobjs(h, {"with"})
            roles.append((_refs(_pobjs(h, {"between", "with", "among"}), index), base))
            if counterparts and h.dep_ == "pobj" and h.head.lower_ in _TIME_PREPS and h.head.head.pos_ in ("VERB", "AUX"):
                # "Israel voiced optimism after talks with mediators": who acts after the talks held them
                roles.append((_refs(_subjects(h.head.head), index), base))
            gov = h.head if h.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") else None
            if gov is not None and gov.dep_ == "prep":
                gov = gov.head
            if gov is not None and gov.pos_ in ("VERB", "AUX") and gov.lemma_ in _OCCASION_VERBS:
                role = "mediator" if gov.lemma_ in ("mediate", "broker") else base
                if gov.lemma_ == "host":
                    role = "host"
                roles.append((_refs(_subjects(gov), index), role))
                roles.append((_refs(_pobjs(gov, {"with", "between"}), index), base))
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ == "with":
                    for p in c.children:
                        if p.lemma_ in ("mediator", "mediators"):
                            roles.append((_refs([p], index), "mediator"))
            for c in h.children:
                if c.dep_ in ("acl", "relcl") and c.lemma_ in _MEDIATION:
                    role = "host" if c.lemma_ == "host" else "mediator"   # "talks brokered by Egypt"
                    roles.append((_refs(_pobjs(c, {"by"}), index), role))
        else:
            role = "mediator" if h.lemma_ in ("mediate", "broker") else ("host" if h.lemma_ == "host" else base)
            roles.append((_refs(_subjects(h), index), role))
            for o in _objects(h):   # "to broker a deal between Israel and Hamas"
                roles.append((_refs(_pobjs(o, {"between", "with"}), index), base))
            roles.append((_refs(_objects(h), index), base))
            roles.append((_refs(_pobjs(h, {"with", "between"}), index), base))
    elif ev.type == "visit":
        if is_noun:
            roles.append((_author(h, index), "visitor"))
            by = _pobjs(h, {"by"}) + [p for c in h.children if c.dep_ == "appos" for p in _pobjs(c, {"by"})]
            roles.append((_refs(by, index), "visitor"))   # "a visit to Israel by X", "the visit, the first by X"
            gov = h.head
            if h.dep_ in ("dobj",) and gov.pos_ == "VERB":
                roles.append((_refs(_subjects(gov), index), "visitor"))
            elif h.dep_ == "pobj" and gov.dep_ == "prep" and gov.head.pos_ in ("VERB", "AUX"):
                roles.append((_refs(_subjects(gov.head), index), "visitor"))
        else:
            roles.append((_refs(_subjects(h), index), "visitor"))
            if h.lemma_ == "visit":
                roles.append(([r for r in _refs(_objects(h), index) if r.actor.kind == "person"], "host"))
    else:
        if is_noun:
            agents = _author(h, index)
            if h.dep_ == "appos":
                agents = agents or index.actors_at(h.head)   # "Hamas wants ..., a demand that ..."
            gov = h.head
            if not agents and h.dep_ in ("dobj",) and gov.pos_ == "VERB" and gov.lemma_ in _PERFORMING_VERBS:
                agents = _refs(_subjects(gov), index)
            roles.append((agents, "agent"))
            targets = _pobjs(h, {"on", "against", "of", "to"} if ev.type in ("attack", "demand", "accusation") else {"against"})
            # "the killings of militant leaders, including X", wherever the parse hangs "including"
            targets += [q for t in [h, *targets] for q in _pobjs(t, {"including"})]
            target_refs = _refs(targets, index)
            if ev.type == "demand":   # "a demand for an end to the Israeli presence"
                target_refs.extend(r for p in _pobjs(h, {"for"}) for r in _demanded_of(p, index))
            roles.append((target_refs, "target"))
        else:
            if h.dep_ == "acl" and h.head.lemma_ in _DOCUMENT_NOUNS:
                stmt = h.head   # "released a statement criticizing X": the statement's author
                roles.append((_refs(_subjects(stmt.head), index) if stmt.dep_ in OBJ else [], "agent"))
            else:
                roles.append((_refs(_subjects(h), index), "agent"))
            objs = _objects(h)
            if not objs and h.tag_ == "VBN" and ev.type in ("agreement", "rejection"):
                # "a proposal, laid out by Biden and later endorsed by the Council": what is endorsed is
                # the noun the participle describes
                described = _described_by(h)
                if described is not None and described.pos_ == "NOUN":
                    objs = [described]
            target_refs = []
            for o in objs:
                found = index.actors_at(o)
                if not found and ev.type in ("agreement", "rejection", "accusation"):
                    found = _author(o, index)   # "rejected the American-led framework", "countered Biden's optimism"
                target_refs.extend(found)
            preps = {"to", "on", "against", "with"} if ev.type in ("demand", "threat", "attack") else {"to"}
            for p in _pobjs(h, preps):
                if p.lemma_ in _PROPOSAL_NOUNS or p.lemma_ in _WANTED_BY:
                    target_refs.extend(_author(p, index))
                else:
                    target_refs.extend(index.actors_at(p))
            if ev.type == "demand":
                # "called for the withdrawal of Israeli forces", "urged pressure on Netanyahu": the one the
                # demand is made of
                wanted = objs + [p for c in h.children if c.dep_ == "prep" and c.lower_ in ("for", "on")
                                 for p in c.children if p.dep_ == "pobj"]
                target_refs.extend(r for w in wanted for r in _demanded_of(w, index))
            roles.append((target_refs, "target"))
    seen = set()
    for refs, role in roles:
        for r in refs:
            if r.actor.id in seen:
                continue
            seen.add(r.actor.id)
            ev.actors.append((r, role))


_VISIT_NOUNS = set(LEXICON["visit"]["nouns"])   # "during his visit to Israel", "on a trip to Cairo"
_TIME_PREPS = words.load("time_prepositions")
_TRIP_PREPS = words.load("trip_prepositions")
_DEPARTING = words.load("departing_verbs")
_DIRECTION_PREPS = words.load("direction_prepositions")
_PLACE_PREPS = words.load("place_prepositions")


def fill_places(ev: Event, index: DocIndex) -> None:
    h = ev.head
    anchors = [h]
    gov = _governing_verb(h) if ev.family in ("noun", "adjective") or h.pos_ in ("NOUN", "PROPN") else None
    if gov is not None and h.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
        anchors.append(gov)
    elif h.dep_ == "compound" and h.head.pos_ == "VERB":
        anchors.append(h.head)   # "before truce talks resume in Cairo", "talks" parsed as the verb's compound
    if ev.type == "attack" and h.pos_ in ("VERB",):
        anchors += _objects(h)   # "struck a power plant in Kharkiv"
    if ev.type == "attack" and h.pos_ in ("NOUN", "PROPN"):
        # "the assassinations of Haniyeh in Tehran and Shukr in Beirut"
        anchors += [p for c in h.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        anchors += [cc for a in list(anchors) for cc in a.conjuncts]
    found: list[tuple[PlaceRef, str]] = []
    if ev.type != "visit":
        # "During his visit to Israel, Blinken met Netanyahu": where the visit went is where this happens
        for a in anchors:
            trips = [p for c in a.children if c.dep_ == "prep" and c.lower_ in _TRIP_PREPS
                     for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in _VISIT_NOUNS]
            found.extend((ref, "location") for t in trips for q in _pobjs(t, {"to"})
                         for ref in [index.place_at(q)] if ref)
    for a in anchors:
        for c in a.children:
            if c.dep_ in OBJ and ev.type == "visit" and a.i == h.i:
                ref = index.place_at(c)
                if ref:
                    found.append((ref, "origin" if h.lemma_ in _DEPARTING else "destination"))
            if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    for q in [p, *p.conjuncts]:
                        ref = index.place_at(q)
                        if ref is None:
                            continue
                        if ev.type == "visit":
                            role = "origin" if c.lower_ == "from" else "destination"
                        else:
                            role = "location"
                            if c.lower_ in _DIRECTION_PREPS:
                                continue
                        found.append((ref, role))
    seen = set()
    for ref, role in found:
        if ref.place.id not in seen:
            seen.add(ref.place.id)
            ev.places.append((ref, role))


def locate_dates(timexes: list[Timex], doc: Doc) -> list[tuple[Timex, int, int]]:
    """(expression, index of its root token, index of its sentence's first token) for each date, found
    once per document: every event looks through them."""
    out = []
    for tx in timexes:
        if tx.kind != "date":
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is not None:
            out.append((tx, span.root.i, span.sent.start))
    return out


def fill_dates(ev: Event, located: list[tuple[Timex, int, int]], doc: Doc, event_heads: set[int]) -> None:
    """Dates tied to this trigger: the expression attaches to it, to the verb it is subject or object of,
    or to a participle or relative clause on it ("the proposal outlined by Biden in May")."""
    h = ev.head
    anchors = {h.i}
    if h.pos_ in ("NOUN", "PROPN"):
        gov = _governing_verb(h)
        via_agent = h.dep_ == "pobj" and h.head.dep_ == "agent"
        if gov is not None and (h.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") or via_agent):
            anchors.add(gov.i)
            anchors.update(c.i for c in gov.children if c.dep_ == "xcomp")   # "talks are set to take place this week"
            anchors.update(x.i for c in gov.children if c.dep_ == "xcomp" for x in c.children if x.dep_ == "xcomp")
        anchors.update(c.i for c in h.children if c.dep_ in ("acl", "relcl"))
    elif h.dep_ == "advcl" and h.tag_ == "VBG":
        anchors.add(h.head.i)   # "said on Monday, stating that ..."
    sent_start = h.sent.start
    for tx, root, in_sent in located:
        if in_sent != sent_start:
            continue
        t = doc[root]
        for _ in range(6):
            if t.head.i == t.i:
                break
            t = t.head
            if t.i in anchors or ev.start <= t.i < ev.end:
                ev.dates.append(tx)
                break
            if t.pos_ in ("VERB", "AUX") or t.i in event_heads:
                break
    if not ev.dates and h.pos_ == "VERB" and h.dep_ != "ROOT" and h.lower_ != "according":   # a source, no act
        ev.dates.extend(_fronted_dates(h, located, doc))


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

_SPEECH_LEMMAS = words.load("saying_verbs")
_CLAIMING_ACCUSATIONS = words.load("claiming_accusation_verbs")
_OBLIGATION = words.load("obligation_words")


def _double_types(ev: Event) -> list[str]:
    """Speech acts that are two events on one trigger (EVENTS.md: 'dismissed .. as', 'insisted that')."""
    h = ev.head
    lemma = h.lemma_
    if lemma == "dismiss" and ev.type == "rejection" and any(
            t.lower_ == "as" and t.dep_ == "prep" for t in [*h.children, *(x for o in _objects(h) for x in o.subtree)]):
        return ["statement"]   # also when the parse hangs "as" inside the object ("the progress reported ... as")
    if lemma in _CLAIMING_ACCUSATIONS and ev.type == "accusation":
        if h.dep_ == "acl" and h.head.lemma_ in _DOCUMENT_NOUNS:
            return []
        if any(c.dep_ in ("advcl", "xcomp") and c.lemma_ in _SPEECH_LEMMAS for c in h.children):
            return []   # "criticised the pact, saying ...": the statement is on "saying"
        return ["statement"]
    if lemma == "insist" and ev.type == "statement" and any(c.dep_ == "ccomp" for c in h.children):
        if any(g.lower_ in _OBLIGATION for c in h.children if c.dep_ == "ccomp" for g in c.children):
            return ["demand"]
    return []


def _merge_linked(events: list[Event]) -> list[Event]:
    """One event for 'remarks indicated', 'mediating the talks', 'proposed framework'."""
    out: list[Event] = []
    for ev in sorted(events, key=lambda e: e.start):
        partner = next((o for o in out if o.type == ev.type and (o.head.head.i == ev.head.i or ev.head.head.i == o.head.i)
                        and abs(o.head.i - ev.head.i) <= 3), None)
        if partner is not None:
            partner.start, partner.end = min(partner.start, ev.start), max(partner.end, ev.end)
            if ev.family == "verb" and partner.family == "noun" and ev.head.dep_ != "amod":
                partner.head, partner.family = ev.head, ev.family
            elif ev.family == partner.family == "noun" and partner.head.head.i == ev.head.i:
                partner.head = ev.head   # "framework proposal": the phrase's head noun carries its modifiers
            continue
        out.append(ev)
    return out


def extract(doc: Doc, triggers: list[Trigger], index: DocIndex, timexes: list[Timex], types=None,
            ref=None) -> list[Event]:
    events: list[Event] = []
    for t in triggers:
        if not keep(t, doc, index):
            continue
        ev = Event(t.type, t.start, t.end, t.head, t.family)
        events.append(ev)
        for extra in _double_types(ev):
            events.append(Event(extra, t.start, t.end, t.head, t.family))
    events = _merge_linked(events)
    out = []
    heads = {ev.head.i for ev in events}
    located = locate_dates(timexes, doc)
    for ev in events:
        if types and ev.type not in types:
            continue
        fill_actors(ev, index)
        if not ev.actors and ev.type in _ONE_OCCASION:
            _same_occasion_as_before(ev, out)
        fill_places(ev, index)
        fill_dates(ev, located, doc, heads - {ev.head.i})
        ev.modality = modality_rules.classify(ev.head, ev.dates, ref)
        if ev.type == "statement":
            ev.quote = quotes.quote_for(doc, ev.head)
            ev.content = quotes.content_for(ev.head)
        ev.confidence = _confidence(ev)
        out.append(ev)
    return out


_ONE_OCCASION = ("meeting", "visit")
_OCCASION_REACH = 2   # sentences back to the occasion "the meeting" names again


def _same_occasion_as_before(ev: Event, earlier: list[Event]) -> None:
    """'After the meeting, Blinken announced ...': a definite meeting or visit with no party of its own is the
    one just reported, with its parties."""
    h = ev.head
    mods = [c for c in h.children if c.i < h.i]
    if h.pos_ != "NOUN" or h.tag_ != "NN" or [c.lower_ for c in mods] not in (["the"], ["that"], ["this"]):
        return   # "the expected visit", "the late-November trip" may be another occasion
    number = {s.start: n for n, s in enumerate(h.doc.sents)}
    here = number[h.sent.start]
    for prior in reversed(earlier):
        if here - number[prior.head.sent.start] > _OCCASION_REACH:
            return
        if prior.type == ev.type and prior.actors and prior.head.i < h.i:
            ev.actors = list(prior.actors)
            return


def _confidence(ev: Event) -> float:
    score = {"phrase": 0.8, "verb": 0.7, "adjective": 0.5, "noun": 0.55}[ev.family]
    if ev.actors:
        score += 0.15
    if ev.places or ev.dates:
        score += 0.05
    if ev.modality == "hypothetical":
        score -= 0.1
    return round(max(0.05, min(0.99, score)), 2)
