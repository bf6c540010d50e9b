"""Which parties a noun phrase brings to an event: the actors it denotes, the author of the plan it
names, or the one a demanded thing is asked of. The rule files name these as the `as:` of a row.
"""
from __future__ import annotations

from spacy.tokens import Token

from . import words
from .entities import ActorRef, DocIndex
from .syntax import governing_verb, pobjs, subjects

_AUTHORING_VERBS = words.load("authoring_verbs")
_DONE_BY_TARGET = words.load("done_by_target_nouns")
_MEDIATING = words.load("mediating_verbs")


def actors(tok: Token, index: DocIndex) -> list[ActorRef]:
    """Whom the word denotes: a name, a description or a pronoun (entities, coreference)."""
    return index.actors_at(tok)


def author(noun: Token, index: DocIndex) -> list[ActorRef]:
    """Who a plan or proposal belongs to: 'the U.S. plan', 'Biden's framework', 'the American-led framework'."""
    refs = []
    if noun.dep_ in ("compound", "amod") and noun.head.pos_ in ("NOUN", "PROPN"):
        refs.extend(author(noun.head, index))   # "framework proposal, laid out by Biden"; "the proposed deal"
    owned = any(c.dep_ == "poss" for c in noun.children)
    for c in noun.children:
        if c.dep_ == "poss" and c.pos_ == "PRON":
            refs.extend(_possessor(c, index))
            continue
        if c.dep_ in ("compound", "nmod") and _city(c, index):
            continue   # "the Vienna talks": where they are held, not who holds them
        if c.dep_ in ("compound", "amod", "nmod") and owned:
            continue   # "Biden's Egyptian plan": the possessor's plan, about Egypt
        if c.dep_ == "amod" and c.lemma_ in _MEDIATING:
            continue   # "a UN-brokered deal": the broker is none of its parties
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
            for p in pobjs(c, {"by"}):
                refs.extend(index.actors_at(p))
    if noun.dep_ == "nsubjpass" and noun.head.lemma_ in _AUTHORING_VERBS and not owned:
        # "the plan was advanced by X"; but "Y's plan was backed by X" is Y's, X only backs it
        refs.extend(r for p in pobjs(noun.head, {"by"}) for r in index.actors_at(p))
    return refs


def _city(tok: Token, index: DocIndex) -> bool:
    place = index.place_at(tok)
    return place is not None and place.place.kind != "country"


def _possessor(pron: Token, index: DocIndex) -> list[ActorRef]:
    """'its demands' in 'Hamas said ..., reiterating its demands': the clause's subject first."""
    gov = governing_verb(pron)
    if gov is not None:
        refs = [r for sub in subjects(gov) if sub.pos_ != "PRON" for r in index.actors_at(sub)]
        if refs:   # "Iran and Hezbollah ... their reprisals": both
            return [ActorRef(r.actor, pron.idx, pron.idx + len(pron)) for r in refs]
    return index.actors_at(pron)


def demanded_of(noun: Token, index: DocIndex, depth: int = 0) -> list[ActorRef]:
    """Whom a demanded thing is asked of: "pressure on Netanyahu", "a full withdrawal of Israeli troops",
    "an end to Israeli presence" (the party, not its troops)."""
    refs = [r for p in pobjs(noun, {"on", "against"}) for r in index.actors_at(p)]
    if noun.lemma_.lower() not in _DONE_BY_TARGET:
        return refs
    refs.extend(r for c in noun.children if c.dep_ == "poss" for r in index.actors_at(c))
    for p in pobjs(noun, {"of", "to", "by"}):
        parties = [r for m in p.children if m.dep_ in ("amod", "compound", "nmod", "poss") and m.i < p.i
                   for r in index.actors_at(m)]
        refs.extend(parties or index.actors_at(p) or (demanded_of(p, index, 1) if depth == 0 else []))
    return refs


def actors_else_author(tok: Token, index: DocIndex) -> list[ActorRef]:
    """The actors the word denotes, else the author of what it names ('rejected the American-led framework')."""
    return index.actors_at(tok) or author(tok, index)


RESOLVERS = {"actors": actors, "author": author, "demanded_of": demanded_of, "actors_else_author": actors_else_author}
