"""Coreference: the words that point back to the parties an article names, resolved once, in text order.

A description ("a senior Hamas official", "Israeli and Hamas officials") is an actor of its own unless it
names again one already named: "the official" is the last official, "the group" the last organization,
"the secretary of state" the one person with that title, "both sides" the two parties last named together,
"the broadcaster Al-Ghad" the name beside it, "Russian missiles" act for Russia. A pronoun is the reporter of
the clause it is the subject of ("The RSF said it ..."), else the subject of a clause above its own in the same
sentence ("X caused a stir when he called for ...", Hobbs 1978), else the subject of the latest sentence that
names a fitting actor (centering: Grosz, Joshi & Weinstein 1995).

Runs after entities.DocIndex has found the names and before events: every token is resolved here, so the
index answers the same whichever tokens the events ask about, and in whatever order.
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import POS
from spacy.symbols import ADJ, NOUN, NUM, PRON, PROPN
from spacy.tokens import Token

from . import gazetteer, quotes, syntax, words
from .entities import ACTOR_NOUNS, PERSON_NOUNS, Actor, ActorRef, DocIndex, _clean_name

_WEAPON_NOUNS = words.load("weapon_nouns")
_DESCRIBING = ACTOR_NOUNS | PERSON_NOUNS | _WEAPON_NOUNS   # the nouns a step of a description reads
_SPEECH_AND_THOUGHT = words.load("speech_and_thought_verbs")
_PERSON_PRONOUNS = words.load("person_pronouns")
_NONPERSON_PRONOUNS = words.load("nonperson_pronouns")
_POSSESSIVE_PRONOUNS = words.load("possessive_pronouns")
_SINGULAR_PRONOUNS = words.load("singular_nonperson_pronouns")
_PLURAL_PRONOUNS = _NONPERSON_PRONOUNS - _SINGULAR_PRONOUNS
_FIRST_PERSON_ONE = words.load("first_person_singular_pronouns")
_FIRST_PERSON_MANY = words.load("first_person_plural_pronouns")
_ANAPHORIC = words.load("anaphoric_determiners")
_POINTING = words.load("demonstrative_plurals")
_ORGANIZATION_NOUNS = words.load("organization_nouns")
_PARTITIVE = words.load("partitive_words")
_QUANTITY = words.load("quantity_nouns")
_MEMBERSHIP = words.load("membership_nouns")
_PAIR_REACH = 250   # tokens back to look for the two parties "both sides" means: a few sentences
_MOD_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod"}
_NP_LEFT_DEPS = {"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "advmod", "punct", "case", "cc", "conj"}
_SUBJECTS = {"nsubj", "nsubjpass"}
# Links from a clause up to the clause it depends on, through which a pronoun finds its antecedent.
_CLAUSE_LINKS = {"advcl", "ccomp", "xcomp", "conj", "pcomp", "parataxis"}
_THROUGH_NOUN = {"dobj", "pobj", "prep", "poss", "compound", "nmod", "amod"}
_CLAUSE_REACH = 5
_OWNER_PREPOSITIONS = {"of", "for", "in", "from"}   # "a spokesman for X", "authorities in X"
_BODY_LABELS = {"ORG", "GPE", "NORP"}
_OWNER_REACH = 7   # words from the description's noun to the end of the phrase that names its owner


def resolve(index: DocIndex) -> DocIndex:
    """Give every pronoun and every noun that describes an actor its actors; the index is complete after."""
    c = _Coreference(index)
    pos = index.doc.to_array(POS)
    for i in np.flatnonzero((pos == PRON) | (pos == NOUN) | (pos == PROPN) | (pos == NUM) | (pos == ADJ)).tolist():
        if i not in index._refs:
            c.refs(index.doc[i])
    return index


class _Coreference:
    def __init__(self, index: DocIndex):
        self.ix = index
        self.doc = index.doc
        self.text = index.text
        self._sentence: list[int] = [0] * len(self.doc)   # token index -> its sentence's first token
        self._root: dict[int, int] = {}                    # sentence's first token -> its root
        for sent in self.doc.sents:
            self._sentence[sent.start:sent.end] = [sent.start] * len(sent)
            self._root[sent.start] = sent.root.i
        self._facts: dict[int, tuple[int, int, bool]] = {}
        self._in_quote: np.ndarray | None = None
        self._quote_verbs: dict[tuple[int, int], Token] | None = None
        # Each step of a description, in order: the first that decides (returns a list) wins.
        self._description_steps = (self._both_sides, self._weapon_owners, self._name_in_apposition,
                                   self._title_holder, self._not_an_actor, self._title_before_name,
                                   self._title_of_body_before_name,
                                   self._apposition_to_name, self._anaphor,
                                   self._new_description)

    def refs(self, tok: Token) -> list[ActorRef]:
        """What `tok` denotes, resolving it first if no step has yet."""
        found = self.ix._refs.get(tok.i)
        if found is None:
            self.ix._refs[tok.i] = []   # a token is never its own antecedent
            if tok.pos == PRON and tok.lower_ in _FIRST_PERSON_ONE | _FIRST_PERSON_MANY:
                found = self._first_person(tok)
            elif tok.pos == PRON:
                ref = self._pronoun(tok)
                together = self._coordinated(tok, ref) if tok.lower_ in _PLURAL_PRONOUNS else None
                found = together or ([ref] if ref else self._partitive(tok))
            elif tok.pos in (NOUN, ADJ) and (aged := self._aged(tok)) is not None:
                found = aged
            elif tok.pos in (NOUN, PROPN) and (tok.lemma_.lower() in _DESCRIBING or tok.lower_ in ACTOR_NOUNS):
                found = next(r for step in self._description_steps for r in [step(tok)] if r is not None)
            elif tok.pos in (NOUN, PROPN):   # no actor noun: at most the name beside it ("the airline Emirates")
                found = self._name_in_apposition(tok) or (self._partitive(tok) if tok.lower_ in _QUANTITY else [])
            elif tok.pos in (NUM, ADJ):
                found = self._partitive(tok)
            else:
                found = []
            self.ix._refs[tok.i] = found
        return found

    # ---- descriptions ---------------------------------------------------------------------

    def _named_modifiers(self, tok: Token) -> list[Token]:
        """The parties a description names itself: "Israeli and Hamas officials"."""
        return [c for c in tok.children if c.dep_ in _MOD_DEPS and c.i < tok.i
                and (c.i in self.ix._ent_of or gazetteer.is_demonym(c.text))]

    def _both_sides(self, tok: Token) -> list[ActorRef] | None:
        """'both sides', 'the two sides' point back to two parties, 'these groups' to several; 'two senior
        leaders' introduces new ones, 'both U.S. and British officials' names its parties itself."""
        if tok.lemma_.lower() not in ACTOR_NOUNS or tok.tag_ != "NNS" or self._named_modifiers(tok):
            return None
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet")}
        pair = "both" in dets or dets & (_POINTING | {"the"}) and any(c.lower_ == "two" for c in tok.children)
        if not (pair or dets & _POINTING):
            return None
        return self._parties_named_together(tok, 2 if pair else None) or None

    def _parties_named_together(self, tok: Token, how_many: int | None) -> list[ActorRef]:
        """The parties last named together before `tok` ("Israeli and Hamas officials", "talks between Israel and
        Hamas", "Iran and Hezbollah")."""
        for j in range(tok.i - 1, max(-1, tok.i - _PAIR_REACH), -1):
            t = self.doc[j]
            if t.dep_ != "conj" or t.head.dep_ == "conj":
                continue
            h = t.head
            if h.dep_ in ("amod", "compound", "nmod") and h.head.pos_ in ("NOUN", "PROPN") and h.head.i != tok.i:
                refs = self.refs(h.head)   # "Israeli and Hamas officials"
            else:
                refs = [r for x in (h, *h.conjuncts) for r in self.refs(x)]
            parties = list({r.actor.id: r.actor for r in refs}.values())
            if len(parties) >= 2 and how_many in (None, len(parties)):
                start, end = tok.left_edge.idx, tok.idx + len(tok)
                if self.text[start:end].lower().startswith("the "):
                    start += 4
                for a in parties:
                    self.ix._mention(a, start, end, tok.i)
                return [ActorRef(a, start, end) for a in parties]
        return []

    def _weapon_owners(self, tok: Token) -> list[ActorRef] | None:
        """'Russian missiles struck ...': the agent is Russia."""
        if tok.lemma_.lower() not in _WEAPON_NOUNS:
            return None
        owners = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < tok.i]
        return [r for c in owners for r in self.refs(c)] or None

    def _name_in_apposition(self, tok: Token) -> list[ActorRef] | None:
        """'the Arabic-language broadcaster Al-Ghad': the name, not the description."""
        for c in tok.rights:
            if c.dep_ in ("appos", "compound") and self._is_name(c):
                return self.refs(self.doc[self.ix._ent_of[c.i].end - 1])
        # "Canada's envoy for Sudan, Jane Doe", "her predecessor as chief of staff, John Smith": the
        # parser hangs the name on the phrase's last noun; a person's name there is the described one's, unless
        # that noun is itself a person ("a spokesman for the president, Joe Biden" is not Biden)
        for prep in tok.rights:
            if prep.dep_ != "prep":
                continue
            titled = prep.lower_ == "as"   # "as party leader": the phrase is the described one's own title
            for obj in prep.children:
                if titled and obj.dep_ == "pobj" and self.ix._label.get(obj.i) == "PERSON" and \
                        any(t.dep_ == "pobj" and t.i < obj.i for t in prep.children):
                    return self.refs(self.doc[self.ix._ent_of[obj.i].end - 1])   # "as party leader, John Smith"
                if obj.dep_ != "pobj" or self.ix._label.get(obj.i) == "PERSON" or \
                        obj.lemma_.lower() in PERSON_NOUNS and not titled:
                    continue
                for c in obj.rights:
                    if c.dep_ == "appos" and self.ix._label.get(c.i) == "PERSON":
                        return self.refs(self.doc[self.ix._ent_of[c.i].end - 1])
        return None

    def _is_name(self, tok: Token) -> bool:
        return tok.i in self.ix._ent_of and self.ix._label.get(tok.i) in ("PERSON", "ORG")

    def _title_holder(self, tok: Token) -> list[ActorRef] | None:
        """'the U.S. secretary of state' is the one person whose title says so."""
        if tok.tag_ not in ("NN", "NNP") or tok.lemma_.lower() not in PERSON_NOUNS or \
                not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return None
        words_ = [t.lower_ for t in tok.subtree if not t.is_punct and t.dep_ != "det"]
        phrase = " ".join(words_[words_.index(tok.lower_):]) if tok.lower_ in words_ else tok.lower_
        holders = [a for a in self.ix.actors if a.kind == "person" and a.title and phrase in a.title.lower()]
        if len(holders) != 1:
            return None
        start = tok.left_edge.idx if tok.left_edge.lower_ != "the" else tok.left_edge.idx + 4
        end = tok.right_edge.idx + len(tok.right_edge) if tok.right_edge.i - tok.i <= 3 else tok.idx + len(tok)
        self.ix._mention(holders[0], start, end, tok.i)
        return [ActorRef(holders[0], start, end)]

    def _not_an_actor(self, tok: Token) -> list[ActorRef] | None:
        """Only actor nouns describe actors."""
        if tok.lemma_.lower() not in ACTOR_NOUNS and tok.lower_ not in ACTOR_NOUNS:
            return []
        if tok.dep_ in ("compound", "amod") and (tok.head.lemma_.lower() in ACTOR_NOUNS or tok.head.lower_ in ACTOR_NOUNS):
            return []   # "a government spokesman" is one actor, the spokesman
        return None

    def _title_before_name(self, tok: Token) -> list[ActorRef] | None:
        """'President Joe Biden', 'Israeli Prime Minister Ehud Barak': the title is part of the name's mention."""
        if tok.dep_ == "compound" and tok.head.i > tok.i and self._is_name(tok.head):
            return self.refs(tok.head)
        return None

    def _title_of_body_before_name(self, tok: Token) -> list[ActorRef] | None:
        """'Secretary General of the Organization of American States Luis Almagro': a title of a body
        followed by a person's name is that person."""
        if tok.tag_ not in ("NN", "NNP") or tok.lemma_.lower() not in PERSON_NOUNS:
            return None
        last = next((t for t in tok.subtree if t.i > tok.i + 1 and self.ix._label.get(t.i) == "PERSON"
                     and self.ix._ent_of[t.i].end - 1 == t.i), None)
        if last is None:
            return None
        e = self.ix._ent_of[last.i]
        if e.start <= tok.i + 1 or e.start - tok.i > _OWNER_REACH + 2:
            return None
        between = self.doc[tok.i + 1:e.start]
        if between[0].lower_ != "of" or any(t.lower_ not in ("of", "the") and self.ix._label.get(t.i) not in _BODY_LABELS
                                            for t in between):
            return None   # "a spokesman for Olaf Scholz" is someone else
        start, end = self.doc[self._np_left(tok)].idx, last.idx + len(last)
        refs = [ActorRef(r.actor, start, end) for r in self.refs(last)]
        for r in refs:   # the subject's own mention, for the pronouns after it
            self.ix._mention(r.actor, start, end, tok.i)
        return refs

    def _apposition_to_name(self, tok: Token) -> list[ActorRef] | None:
        """'Mahmoud Mardawi, a Hamas official, said ...': the description beside a name is that name again."""
        if tok.dep_ != "appos":
            return None
        named = self.refs(tok.head)
        person = tok.tag_ in ("NN", "NNP") and tok.lemma_.lower() in PERSON_NOUNS
        if len(named) != 1 or (named[0].actor.kind == "person") != person:
            return None
        start, end = self._np_span(tok)
        self.ix._mention(named[0].actor, start, end, tok.i)
        return [ActorRef(named[0].actor, start, end)]

    def _anaphor(self, tok: Token) -> list[ActorRef] | None:
        """'The official said ...': the last actor described by the same noun; 'the working group', 'the council':
        the last body whose name says so; 'the group': the last body."""
        if self._named_modifiers(tok):
            return None
        lemma = tok.lemma_.lower()
        det = next((c for c in tok.children if c.dep_ == "det"), None)
        if det is None or det.lower_ not in _ANAPHORIC or lemma == "side":
            return None
        recent = [a for i, a in sorted(self.ix._recent, key=lambda x: -x[0]) if i < tok.i]
        words_ = [c.lower_ for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "amod")] + [tok.lower_]
        named = f" {' '.join(words_)}"
        # "the working group" is the body named "Working Group for Syria", "the council" the last "... Council"
        found = next((a for a in recent if a.kind == "organization" and f" {a.name.lower()} ".find(named + " ") >= 0
                      and (len(words_) > 1 or a.name.lower().endswith(named))), None) if tok.tag_ == "NN" else None
        if found is None:
            found = next((a for a in recent if a.head_lemma == lemma or
                          (lemma in _ORGANIZATION_NOUNS and a.kind == "organization")), None)
        if found is None:
            return None
        s = tok.idx - (4 if self.text[max(0, tok.idx - 4):tok.idx].lower() == "the " else 0)
        self.ix._mention(found, s, tok.idx + len(tok), tok.i)
        return [ActorRef(found, s, tok.idx + len(tok))]

    def _new_description(self, tok: Token) -> list[ActorRef]:
        """An actor of its own: 'a senior Hamas official' (a person), 'Israeli negotiators' (a group),
        'Israeli and Hamas officials' (two groups), 'Iraqi Kurdish fighters' (one group)."""
        ix = self.ix
        lemma = tok.lemma_.lower()
        named = self._named_modifiers(tok)
        if any(m.conjuncts for m in named):   # "Israeli and Hamas officials": each party named
            groups = sorted({c for m in named for c in [m, *m.conjuncts] if c.i < tok.i}, key=lambda t: t.i)
        else:   # "the main Iraqi Kurdish groups": one group, of the party named first
            groups = sorted(named, key=lambda t: t.i)[:1]
        np = self._np(tok)
        singular = tok.tag_ in ("NN", "NNP")
        kind = "person" if singular and lemma in PERSON_NOUNS else "group"
        if len(groups) <= 1:
            owner = groups[0] if groups else self._owner_name(tok)
            affiliation = ix._affiliation_name(owner) if owner is not None else None
            name = _clean_name(np.text) if not (kind == "person" and np[0].lower_ in ("a", "an")) else np.text
            actor = self._description_actor(("desc", lemma, affiliation, name.lower() if kind == "group" else None),
                                            name, kind, affiliation, lemma)
            start, end = self._np_span(tok)
            ix._mention(actor, start, end, tok.i)
            return [ActorRef(actor, start, end)]
        refs = []
        for g in groups:   # "Israeli and Hamas officials": two parties
            affiliation = ix._affiliation_name(g)
            e = ix._ent_of.get(g.i)
            g_start = e.start_char if e is not None else g.idx
            g_end = e.end_char if e is not None else g.idx + len(g)
            last = g.i == groups[-1].i
            start, end = (g_start, tok.idx + len(tok)) if last else (g_start, g_end)
            name = f"{self.text[g_start:g_end]} {tok.text}"
            actor = self._holder(lemma, affiliation) or self._description_actor(
                ("desc", lemma, affiliation, name.lower()), name, "group", affiliation, lemma)
            ix._mention(actor, start, end, tok.i)
            refs.append(ActorRef(actor, start, end))
        return refs

    def _holder(self, lemma: str, affiliation: str | None) -> Actor | None:
        """'the French and Egyptian presidents': each is the one person of that side the article gives that title."""
        if lemma not in PERSON_NOUNS or affiliation is None:
            return None
        holders = [a for a in self.ix.actors if a.kind == "person" and a.affiliation == affiliation
                   and a.title and lemma in a.title.lower().split()]
        return holders[0] if len(holders) == 1 else None

    def _description_actor(self, key: tuple, name: str, kind: str, affiliation: str | None, lemma: str) -> Actor:
        return self.ix._by_key.get(key) or self.ix._new_actor(key, name, kind, affiliation=affiliation,
                                                              head_lemma=lemma)

    def _np(self, tok: Token):
        """The words of a description: its noun, what modifies it on the left, adjectives after it, and a phrase
        that names whose it is ("a spokesman for Erdogan", "authorities in Syria's Kurdish region")."""
        right = tok.i + 1
        for c in tok.children:
            if c.i > tok.i and c.dep_ == "amod":
                right = max(right, c.right_edge.i + 1)
        owner = self._owner_phrase(tok) or self._kind_phrase(tok)
        if owner is not None:
            right = max(right, owner.right_edge.i + 1)
        return self.doc[self._np_left(tok):right]

    def _kind_phrase(self, tok: Token) -> Token | None:
        """'heads of state and government', 'members of the public': "of" and a bare common noun right after a
        plural noun of membership say which of them, a part of its name."""
        if tok.tag_ != "NNS" or tok.lemma_.lower() not in _MEMBERSHIP or tok.i + 1 >= len(self.doc) or \
                self.doc[tok.i + 1].lower_ != "of":
            return None
        prep = self.doc[tok.i + 1]
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if prep.head.i != tok.i or obj is None or obj.pos_ != "NOUN" or obj.tag_ != "NN" or \
                prep.right_edge.i - tok.i > _OWNER_REACH:
            return None
        phrase = self.doc[prep.i + 1:prep.right_edge.i + 1]
        if any(t.is_punct or t.pos_ not in ("DET", "NOUN", "CCONJ") or t.pos_ == "DET" and t.lower_ != "the"
               for t in phrase):
            return None
        return prep

    def _owner_phrase(self, tok: Token) -> Token | None:
        """The preposition right after a description with no named modifier of its own, whose object is named or
        has a named modifier."""
        if self._named_modifiers(tok):
            return None   # "Iran's leaders in Tehran": the owner is named, the phrase is a place
        prep = next((c for c in tok.rights if c.dep_ == "prep"), None)
        if prep is None or prep.lower_ not in _OWNER_PREPOSITIONS or prep.i != tok.i + 1 or \
                prep.right_edge.i - tok.i > _OWNER_REACH:
            return None
        if any(t.is_punct or t.pos_ in ("VERB", "AUX") for t in self.doc[prep.i:prep.right_edge.i + 1]):
            return None
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None:
            return None
        return prep if any(t.i <= obj.i and self._named(t) for t in (obj, *obj.children)) else None

    def _owner_name(self, tok: Token) -> Token | None:
        """The named word of the owner phrase ("Erdogan" of "a spokesman for Erdogan")."""
        prep = self._owner_phrase(tok)
        if prep is None:
            return None
        obj = next(c for c in prep.children if c.dep_ == "pobj")
        return obj if self._named(obj) else next(t for t in obj.children if t.i < obj.i and self._named(t))

    def _named(self, tok: Token) -> bool:
        return tok.i in self.ix._ent_of or gazetteer.is_demonym(tok.text)

    def _np_span(self, tok: Token) -> tuple[int, int]:
        np = self._np(tok)
        start, end = np.start_char, np.end_char
        if self.text[start:end].lower().startswith("the "):
            start += 4
        return start, end

    def _np_left(self, tok: Token) -> int:
        left = tok.i
        for c in sorted((c for c in tok.children if c.i < tok.i and c.dep_ in _NP_LEFT_DEPS), key=lambda t: t.i):
            left = min(left, c.left_edge.i)
            break
        while left < tok.i and (self.doc[left].is_punct or self.doc[left].dep_ == "cc"):
            left += 1
        # "Earlier the minister said": an adverb before the article is the clause's, hung on the noun by the parser
        while left < tok.i and self.doc[left].dep_ == "advmod" and self.doc[left].head.i == tok.i and \
                any(c.dep_ == "det" and left < c.i < tok.i for c in tok.children):
            left += 1
        return left

    def _partitive(self, tok: Token) -> list[ActorRef]:
        """'One of the officials said', 'most of the participants agreed', 'dozens of civilians were killed': a part of
        a group, an actor of its own."""
        if tok.lower_ not in _PARTITIVE | _QUANTITY and tok.pos != NUM:
            return []
        group = self._of_object(tok)
        while group is not None and group.lower_ in _QUANTITY:   # "hundreds of thousands of people"
            group = self._of_object(group)
        refs = self.refs(group) if group is not None and group.tag_ in ("NNS", "NNPS") else []
        if len(refs) != 1:
            return []
        start, end = tok.left_edge.idx, group.idx + len(group)   # "nearly one million of his citizens"
        name = self.text[start:end]
        kind = "person" if tok.lower_ == "one" else "group"
        actor = self._description_actor(("desc", "part", refs[0].actor.id, name.lower()), name, kind,
                                        refs[0].actor.affiliation, group.lemma_.lower())
        self.ix._mention(actor, start, end, tok.i)
        return [ActorRef(actor, start, end)]

    def _of_object(self, tok: Token) -> Token | None:
        prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of" and c.i == tok.i + 1), None)
        return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None

    # ---- pronouns -------------------------------------------------------------------------

    def _aged(self, tok: Token) -> list[ActorRef] | None:
        """'said the 58-year-old': a person named by age alone is the person the text is about, as 'he' is."""
        if not (tok.lower_ == "old" and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
                and any(c.lower_ in ("year", "years") and any(n.dep_ == "nummod" for n in c.children)
                        for c in tok.children)):
            return None
        ref = self._pronoun(tok, ("person",))
        return [ActorRef(ref.actor, tok.left_edge.idx + 4, tok.idx + len(tok))] if ref else []

    def _pronoun(self, tok: Token, kinds: tuple[str, ...] | None = None) -> ActorRef | None:
        low = tok.lower_
        if kinds is None and low in _PERSON_PRONOUNS:
            kinds = ("person",)
        elif kinds is None and low in _NONPERSON_PRONOUNS:
            kinds = ("organization", "group", "country")
        elif kinds is None:
            return None
        root = self.doc[self._root[self._sentence[tok.i]]]
        clause = tok.head
        if tok.dep_ == "nsubj" and clause.dep_ in ("ccomp", "xcomp") and clause.head.lemma_ in _SPEECH_AND_THOUGHT:
            # "The RSF said it would not attend": the reporter is the subject of what it reports.
            reporter = clause.head if clause.head.dep_ != "conj" or any(
                c.dep_ == "nsubj" for c in clause.head.children) else clause.head.head   # "X accused ... and said it"
            subj = next((c for c in reporter.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
            if subj is not None:
                refs = self.refs(subj)
                if refs and refs[0].actor.kind in kinds:
                    return ActorRef(refs[0].actor, tok.idx, tok.idx + len(tok))
        possessive = low in _POSSESSIVE_PRONOUNS and tok.dep_ == "poss"   # "her" is also an object: "reminded her"
        if possessive and tok.i < root.i:
            subj = next((c for c in root.children if c.dep_ in _SUBJECTS and c.i > tok.i), None)
            if subj is not None and subj.pos_ != "PRON":
                refs = self.refs(subj)
                if refs and refs[0].actor.kind in kinds:
                    return ActorRef(refs[0].actor, tok.idx, tok.idx + len(tok))
        singular = low in _SINGULAR_PRONOUNS
        found = self._clause_antecedent(tok, kinds, singular)
        if found is not None:
            return ActorRef(found, tok.idx, tok.idx + len(tok))
        sent_start = self._sentence[tok.i]
        candidates = [(i, actor) for i, actor in self.ix._recent
                      if i < tok.i and actor.kind in kinds and (i < sent_start or possessive)
                      and not (singular and self._mention_facts(i)[2])]
        if tok.dep_ == "nsubj" and tok.head.lemma_ in _SPEECH_AND_THOUGHT and not self._quoted(tok.i):
            # '"... Assad sees it as a punishment," he said': the speaker is no one the quotation names
            candidates = [(i, a) for i, a in candidates if not self._quoted(i)]
        if not candidates:
            return None
        # Centering: the subject of the latest sentence that names one as subject is the likeliest referent,
        # the main clause's subject first.
        pool = [(i, a) for i, a in candidates if self._mention_facts(i)[1]] or candidates
        last_sent = self._sentence[max(i for i, _ in pool)]
        i, actor = max(((i, a) for i, a in pool if self._sentence[i] == last_sent),
                       key=lambda x: (self._mention_facts(x[0])[1] == 2, x[0]))
        return ActorRef(actor, tok.idx, tok.idx + len(tok))

    def _first_person(self, tok: Token) -> list[ActorRef]:
        """'"I urge both sides to talk," the president said': "I" in a quotation is whom it is attributed to; "we" the
        body or country that speaker speaks for where the article names it ('said the Hamas official'), or the
        body speaking itself; a person whose side is not named leaves "we" unresolved. Outside a quotation, or in one attributed to no one, a first person is the writer's: no one."""
        verb = self._verb_of_quote(tok)
        if verb is None:
            return []
        refs = [r for sub in syntax.subjects(verb) for r in self.refs(sub)]
        if len(refs) != 1:
            return []
        actor = refs[0].actor
        if tok.lower_ in _FIRST_PERSON_ONE and actor.kind != "person":
            return []
        if tok.lower_ in _FIRST_PERSON_MANY:
            if actor.kind == "person":   # a person's "we" is whoever they speak for, if the article names it
                actor = next((a for a in self.ix.actors if actor.affiliation and a.name == actor.affiliation
                              and a.kind != "person"), None)
            if actor is None:
                return []
        return [ActorRef(actor, tok.idx, tok.idx + len(tok))]

    def _verb_of_quote(self, tok: Token) -> Token | None:
        """The speech verb the quotation around `tok` is attributed to (quotes.py), None outside one."""
        if not self._quoted(tok.i):
            return None
        if self._quote_verbs is None:
            self._quote_verbs = {}
            for t in self.doc:
                if t.lemma_ in _SPEECH_AND_THOUGHT and t.pos_ == "VERB" and not self._quoted(t.i):
                    span = quotes.quote_for(self.doc, t)
                    if span is not None:
                        near = self._quote_verbs.get(span)
                        if near is None or abs(t.idx - span[0]) < abs(near.idx - span[0]):
                            self._quote_verbs[span] = t
        return next((v for (s, e), v in self._quote_verbs.items() if s <= tok.idx < e), None)

    def _coordinated(self, tok: Token, ref: ActorRef | None) -> list[ActorRef] | None:
        """'they', 'their' for parties named together as a subject: "Chile and Peru said they were
        reluctant", "Macron and Scholz are due to meet ... if their discussions fail". The nearest such
        subject before the pronoun, in its sentence or the one before, unless the pronoun's own antecedent
        is named after it ("Iran and Syria met. The EU said they ..." is still the EU only if it fits)."""
        first = self._sentence[tok.i]
        start = self._sentence[first - 1] if first > 0 else first
        for j in range(tok.i - 1, start - 1, -1):
            sub = self.doc[j]
            if sub.dep_ not in _SUBJECTS or not sub.conjuncts or sub.pos == PRON:
                continue
            group = list({r.actor.id: r.actor for x in (sub, *sub.conjuncts) if x.i < tok.i
                          for r in self.refs(x)}.values())
            if len(group) < 2:
                continue
            if ref is not None and ref.actor not in group and self._last_mention(ref.actor, tok.i) > j:
                return None
            return [ActorRef(a, tok.idx, tok.idx + len(tok)) for a in group]
        return None

    def _last_mention(self, actor: Actor, before: int) -> int:
        return max((i for i, a in self.ix._recent if a is actor and i < before), default=-1)

    def _clause_antecedent(self, tok: Token, kinds: tuple[str, ...], singular: bool) -> Actor | None:
        """The subject of a clause above the pronoun's own, nearest first (Hobbs 1978): "X caused a backlash
        when he called for ...", "X compromised by saying it would ...", "When X arrived, he began ...".
        A pronoun is never its own clause's subject or object (binding), but a possessive may be its subject's."""
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.dep_ in _THROUGH_NOUN and verb.head.i != verb.i:
            verb = verb.head   # "talks with them": the clause of the noun
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        own = verb
        if tok.dep_ == "dobj" and own.dep_ == "advcl" and own.tag_ == "VBG" and \
                not any(c.dep_ in _SUBJECTS for c in own.children):
            # "Peru criticised the union, accusing it of ...": the participle's understood subject is the clause's,
            # which its object cannot be; the clause's object is the one meant.
            found = self._fitting_object(own.head, tok, kinds, singular)
            if found is not None:
                return found
        for _ in range(_CLAUSE_REACH):
            if verb.i != own.i or tok.lower_ in _POSSESSIVE_PRONOUNS and tok.dep_ == "poss":
                found = self._fitting_subject(verb, tok, kinds, singular)
                if found is not None:
                    return found
            if verb.i == own.i and tok.dep_ in _SUBJECTS:   # "When X arrived in power, he began"
                for c in verb.children:
                    if c.dep_ == "advcl" and c.i < tok.i:
                        found = self._fitting_subject(c, tok, kinds, singular)
                        if found is not None:
                            return found
            if verb.dep_ not in _CLAUSE_LINKS or verb.head.i == verb.i:
                return None
            verb = verb.head
            if verb.dep_ == "prep" and verb.head.i != verb.i:
                verb = verb.head   # "by saying it would": the verb the preposition hangs on
            if verb.pos_ not in ("VERB", "AUX"):
                return None
        return None

    def _fitting_subject(self, verb: Token, tok: Token, kinds: tuple[str, ...], singular: bool) -> Actor | None:
        for sub in verb.children:
            if sub.dep_ not in _SUBJECTS or sub.i >= tok.i or singular and sub.tag_ in ("NNS", "NNPS"):
                continue
            refs = self.refs(sub)
            if len(refs) == 1 and refs[0].actor.kind in kinds:
                return refs[0].actor
            # "X's warning came after he set out a plan": the subject's possessor, next in Hobbs's search
            for owner in (c for c in sub.children if c.dep_ == "poss" and c.pos_ != "PRON"):
                refs = self.refs(owner)
                if len(refs) == 1 and refs[0].actor.kind in kinds:
                    return refs[0].actor
        return None

    def _fitting_object(self, verb: Token, tok: Token, kinds: tuple[str, ...], singular: bool) -> Actor | None:
        for obj in verb.children:
            if obj.dep_ != "dobj" or obj.i >= tok.i or singular and obj.tag_ in ("NNS", "NNPS"):
                continue
            refs = self.refs(obj)
            if len(refs) == 1 and refs[0].actor.kind in kinds:
                return refs[0].actor
        return None

    def _quoted(self, i: int) -> bool:
        """Is the token at `i` inside a quotation (all tokens marked once per document)?"""
        if self._in_quote is None:
            self._in_quote = np.zeros(len(self.doc), dtype=bool)
            starts = np.array([t.idx for t in self.doc])
            for s, e in quotes.doc_quotes(self.doc):
                self._in_quote[np.searchsorted(starts, s):np.searchsorted(starts, e)] = True
        return bool(self._in_quote[i])

    def _mention_facts(self, i: int) -> tuple[int, int, bool]:
        """(sentence, 2 for a main clause's subject / 1 for another subject / 0, plural) of the mention at `i`."""
        facts = self._facts.get(i)
        if facts is None:
            t = self.doc[i]
            verb = t.head if t.dep_ in _SUBJECTS else \
                t.head.head if t.head.dep_ in _SUBJECTS and t.dep_ in ("compound", "appos") else None   # "Secretary Antony Blinken said"
            rank = 0
            if verb is not None:
                root = self._root[self._sentence[verb.i]]
                rank = 2 if verb.i == root or verb.dep_ == "conj" and verb.head.i == root else 1
            facts = self._facts[i] = (self._sentence[i], rank, t.tag_ in ("NNS", "NNPS"))
        return facts
