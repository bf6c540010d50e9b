"""How an English dependency tree (spaCy's ClearNLP labels) says who does what to whom.

Small pure functions from a token to the tokens that fill a grammatical relation around it: the
subjects a verb has or inherits, its objects, the objects of given prepositions, the verb that
governs a noun. They are the moves the rule files may use (rules.py); none of them knows about
event types.
"""
from __future__ import annotations

from spacy.tokens import Token

from . import words

SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJ = frozenset({"dobj", "obj", "attr", "oprd"})
# Clauses with a subject of their own, or inherited from the word they hang on.
_INHERITING = frozenset({"xcomp", "advcl", "conj", "ccomp", "pcomp", "relcl", "acomp"})
_LISTED_NAMES = frozenset({"GPE", "ORG", "NORP"})   # names of parties a list may hold; a person's apposition is a title
_LIST_DASHES = frozenset({"--", "\u2014", "\u2013", ":"})

_RELATIVE = words.load("relative_pronouns")
_ENDEAVOURS = words.load("endeavour_nouns")
_OPPORTUNITIES = words.load("opportunity_nouns")
_SEIZING = words.load("seizing_verbs") | words.load("performing_verbs")
_HOLDING_BACK = words.load("holding_back_verbs")
_CHARGING_VERBS = words.load("charging_verbs")
_SUBJECT_CONTROL = words.load("subject_control_verbs")
_SPEECH_AND_THOUGHT = words.load("speech_and_thought_verbs")


def governing_verb(tok: Token) -> Token | None:
    """The first verb above `tok`, at most four steps up."""
    t = tok
    for _ in range(4):
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def first_conjunct(tok: Token, verbs: bool = False) -> Token:
    """The first of the words `tok` is coordinated with ("met in Lima and said" -> met); with `verbs`, only
    up through verbs."""
    while tok.dep_ == "conj" and tok.head.i != tok.i and (not verbs or tok.head.pos_ in ("VERB", "AUX")):
        tok = tok.head
    return tok


def infinitive(v: Token) -> bool:
    """'to meet', 'to be held': a verb with "to" as its auxiliary."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def governor(tok: Token) -> Token:
    """The word `tok` hangs on, through a preposition: 'held talks' -> held, 'took part in talks' -> took."""
    gov = tok.head
    return gov.head if gov.dep_ == "prep" else gov


def _charged_with(t: Token) -> bool:
    """'accused the army of shelling', 'charged Smith with killing': the one accused did it. A passive ('Kopp, who
    is charged with gunning down ...') has no object: its subject, reached the usual way, is the one."""
    return t.dep_ == "pcomp" and t.head.lower_ in ("of", "with") and t.head.head.lemma_ in _CHARGING_VERBS and \
        bool(objects(t.head.head))


def subjects(v: Token) -> list[Token]:
    """Subjects of a verb, inherited through participles, infinitives and coordination."""
    t = _reporter_of_trailing_participle(v) or v
    for _ in range(4):
        # The trigger's own passive subject is its patient; a governing "X has been involved in" is agentive.
        deps = ("nsubj", "csubj") if t.i == v.i else ("nsubj", "csubj", "nsubjpass")
        subs = [c for c in t.children if c.dep_ in deps]
        if not subs:   # "the UK was prepared to veto": the parser may hang the subject on the auxiliary
            subs = [c for a in t.children if a.dep_ in ("aux", "auxpass") and a.i < t.i
                    for c in a.children if c.dep_ in deps]
        if subs:
            if t.dep_ == "relcl" and subs[0].lower_ in _RELATIVE:
                return [t.head, *t.head.conjuncts]   # "Hamas, who has called for ..."
            if len(subs) > 1:   # "Sudan's army chief Abdel Fattah al-Burhan arrived": the name, not its title
                subs = [x for x in subs if not any(y.ent_type_ == "PERSON" and y.left_edge.i == x.i + 1 for y in subs)]
            if _charged_with(t):
                return objects(t.head.head)   # "accused the army of shelling", "charged him with murder": the army shells
            return [s for sub in subs for s in [sub, *sub.conjuncts]]
        agent = [p for c in t.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if agent:
            return agent
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            owner = [c for c in t.head.children if c.dep_ == "poss"]
            if owner and t.head.lemma_ in _ENDEAVOURS:
                return owner   # "his efforts to reach an agreement": he reaches it
            if not owner and t.head.dep_ == "dobj" and t.head.lemma_ in _ENDEAVOURS | _OPPORTUNITIES \
                    and t.head.head.lemma_ in _SEIZING:
                t = t.head.head    # "made an attempt to attack", "have a chance to reject": the subject does
                continue
            return [t.head, *t.head.conjuncts]
        if t.dep_ == "conj" and t.tag_ == "VBD" and t.head.tag_ == "VBG" and t.head.dep_ == "pcomp":
            # "accused Hamas of obstructing progress and called for ...": a past tense cannot be coordinated
            # with the gerund it hangs on; it belongs to the finite verb above
            t = t.head.head.head
            continue
        if _charged_with(t):
            return objects(t.head.head)   # "accused the army of shelling": the army shells
        if t.dep_ == "pcomp" and t.head.lower_ == "from" and t.head.head.lemma_ in _HOLDING_BACK:
            return objects(t.head.head)   # "dissuade Iran and Hezbollah from carrying out": they would
        if t.dep_ == "pcomp" and t.head.lower_ == "as" and t.tag_ == "VBG" and objects(t.head.head):
            return objects(t.head.head)   # "quoted the minister as saying": the minister says
        if t.dep_ in _INHERITING and t.head.i != t.i:
            if t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN"):
                return [t.head]
            if t.dep_ == "xcomp" and t.head.lemma_ not in _SUBJECT_CONTROL and objects(t.head):
                return objects(t.head)   # "asked Turkey and Iran to meet": they meet (object control)
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


def listed(tok: Token) -> list[Token]:
    """A word and those listed with it: its conjuncts, and a list the parser hung on it as an apposition of the
    same kind of name ("with France, the UK, the US and Egypt")."""
    out = [tok, *tok.conjuncts]
    for t in list(out):
        for a in t.children:
            if a.dep_ == "appos" and a.ent_type_ in _LISTED_NAMES and (a.ent_type_ == t.ent_type_ or _dashed_list(a)):
                out.extend(x for x in (a, *a.conjuncts) if x not in out)
    return out


def _dashed_list(a: Token) -> bool:
    """'the three European powers -- Britain, France and Germany --': names of two parties or more set off by a
    dash after a group name its members."""
    return a.i > 0 and a.doc[a.i - 1].text in _LIST_DASHES and bool(a.conjuncts)


def _reporter_of_trailing_participle(v: Token) -> Token | None:
    """'Hamas said Israel had broken the truce, accusing it of bad faith': a participle after a comma that the
    parser hung inside what was reported is the reporter's act, not the reported subject's."""
    if v.dep_ != "advcl" or v.tag_ != "VBG" or v.i < v.head.i or v.i == 0 or v.doc[v.i - 1].text != ",":
        return None
    t = v.head
    while t.dep_ == "ccomp" and t.head.i != t.i:
        t = t.head
    if t.i == v.head.i or t.lemma_ not in _SPEECH_AND_THOUGHT:
        return None
    # a quotation closed in between belongs to another report (sentences the parser ran together)
    return None if any(x.is_quote for x in v.doc[min(t.i, v.i):v.i]) else t


def objects(v: Token) -> list[Token]:
    """Direct and indirect objects, with those listed with them."""
    return [o for c in v.children if c.dep_ in ("dobj", "dative") for o in listed(c)]


def pobjs(t: Token, preps) -> list[Token]:
    """Objects of the prepositions `preps` hanging on `t` (a passive's 'by' too), with those listed with them."""
    out = []
    for c in t.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(listed(p))
    return out


def described_by(participle: Token) -> Token | None:
    """The noun a participle describes, also as the second of two ("a proposal, laid out by Biden and later
    endorsed by the Council")."""
    if participle.dep_ == "acl":
        return participle.head
    if participle.dep_ == "conj" and participle.head.dep_ == "acl":
        return participle.head.head
    return None
