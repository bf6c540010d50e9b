"""The rule language of the event-type files (data/events/*.yaml): paths through the dependency tree.

A path is a list of steps applied left to right, starting from the trigger's head word; each step
maps every token it is given to tokens (a move) or keeps only the tokens that pass (a filter, a test).
A path *finds* something when tokens are left at its end.

    moves    head                 the word this one hangs on
             children             every dependent;   child DEPS   the dependents with one of these labels
             prep WORDS           objects of these prepositions (and of a passive's 'by'), with conjuncts
             subjects             subjects, inherited through participles, infinitives, coordination
             objects              direct and indirect objects, with conjuncts
             governor             the word hung on, through a preposition ('took part in talks' -> took)
             described            the noun a participle describes ('a proposal endorsed by X' -> proposal)
             subtree              the word and everything under it
             brokered_by          the names before a brokering participle on it ('Saudi-brokered talks')
    filters  ATTR VALUES          keep tokens whose ATTR is one of VALUES;  ATTR !VALUES  whose ATTR is not
             ATTR is dep, lemma, lower, pos, tag or ent (spaCy's dep_, lemma_, lower_, pos_, tag_, ent_type_);
             VALUES is a|b|c, where an item may be @kind (the words of data/words/kind.txt) or a label set
             (SUBJ, OBJ of syntax.py)
    tests    actor                the word denotes an actor (entities, coreference)
             person               the word denotes an actor of kind person
             place                the word is a place the index knows
             in_quote             the word is inside a quotation
             has_quote            a quotation is attributed to this speech verb (quotes.py)
             blank                the word is white space
             sentence_start       the word opens its sentence
             !TEST                the test fails

Like spaCy's DependencyMatcher, a pattern says what the tree must look like, and the code only applies
it; like HeidelTime's constraint functions, the few conditions that need code are named tests above.
"""
from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Callable, Iterable

from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from . import arguments, quotes, syntax, words
from .entities import ActorRef, DocIndex

Path = Callable[[Token, "Context"], list[Token]]


class RuleError(ValueError):
    """A rule file that cannot be read: an unknown step, word list, role or field."""


@dataclass(frozen=True)
class Context:
    doc: Doc
    index: DocIndex


_LABEL_SETS = {"SUBJ": syntax.SUBJ, "OBJ": syntax.OBJ}
_ATTRS = {"dep": "dep_", "lemma": "lemma_", "lower": "lower_", "pos": "pos_", "tag": "tag_", "ent": "ent_type_"}

_MOVES: dict[str, Callable[[Token], Iterable[Token]]] = {
    "head": lambda t: (t.head,),
    "children": lambda t: t.children,
    "subjects": syntax.subjects,
    "objects": syntax.objects,
    "governor": lambda t: (syntax.governor(t),),
    "described": lambda t: [d for d in [syntax.described_by(t)] if d is not None],
    "subtree": lambda t: t.subtree,
    "brokered_by": lambda t: _brokered_by(t),
}

_TESTS: dict[str, Callable[[Token, Context], bool]] = {
    "actor": lambda t, ctx: bool(ctx.index.actors_at(t)),
    "person": lambda t, ctx: any(r.actor.kind == "person" for r in ctx.index.actors_at(t)),
    "place": lambda t, ctx: ctx.index.place_at(t) is not None,
    "in_quote": lambda t, ctx: quotes.inside_quote(ctx.doc, t),
    "has_quote": lambda t, ctx: quotes.quote_for(ctx.doc, t) is not None,
    "blank": lambda t, ctx: t.is_space or not t.text.strip(),
    "sentence_start": lambda t, ctx: t.is_sent_start,
}

_BROKERING = words.load("brokering_words")


def _brokered_by(h: Token) -> list[Token]:
    """'U.S.- and Saudi-brokered talks': the named words before each brokering participle that modifies `h`."""
    doc, left = h.doc, h.left_edge.i
    return [x for t in doc[left:h.i] if t.lemma_ in _BROKERING and t.pos_ in ("VERB", "ADJ")
            for x in doc[left:t.i] if x.ent_type_ in ("GPE", "NORP", "ORG")]


def _values(text: str) -> frozenset[str]:
    out: set[str] = set()
    for item in text.split("|"):
        if item.startswith("@"):
            try:
                out |= words.load(item[1:])
            except KeyError as e:
                raise RuleError(str(e)) from None
        elif item in _LABEL_SETS:
            out |= _LABEL_SETS[item]
        else:
            out.add(item)
    return frozenset(out)


def _step(text: str) -> tuple[str, Callable]:
    """One step of a path, compiled: ("move", token -> tokens) or ("keep", (token, context) -> bool)."""
    name, _, arg = text.strip().partition(" ")
    arg = arg.strip()
    if name in _MOVES and not arg:
        return "move", _MOVES[name]
    if name == "child" and arg:
        deps = _values(arg)
        return "move", lambda t: [c for c in t.children if c.dep_ in deps]
    if name == "prep" and arg:
        preps = _values(arg)
        return "move", lambda t: syntax.pobjs(t, preps)
    if name in _ATTRS and arg:
        negated = arg.startswith("!")
        attr, values = _ids(name, _values(arg.lstrip("!")))
        get = attrgetter(attr)
        if negated:
            return "keep", lambda t, ctx: get(t) not in values
        return "keep", lambda t, ctx: get(t) in values
    if name.lstrip("!") in _TESTS and not arg:
        test, negated = _TESTS[name.lstrip("!")], name.startswith("!")
        return "keep", lambda t, ctx: test(t, ctx) != negated
    raise RuleError(f"unknown step {text!r}")


def compile_path(steps) -> Path:
    """A path from a list of step strings (an empty list finds the trigger itself)."""
    if not isinstance(steps, list) or not all(isinstance(s, str) for s in steps):
        raise RuleError(f"a path is a list of steps, not {steps!r}")
    compiled = [_step(s) for s in steps]

    def run(tok: Token, ctx: Context) -> list[Token]:
        found = [tok]
        for kind, step in compiled:
            if kind == "keep":
                found = [t for t in found if step(t, ctx)]
            else:
                found = [x for t in found for x in step(t)]
            if not found:
                break
        return found
    run.gate = _gate(steps[0]) if steps else None
    return run


def _ids(name: str, values: frozenset[str]) -> tuple[str, frozenset[int]]:
    """The Token attribute holding ids for a filter ('lemma' -> token.lemma) and the ids of its values:
    `token.lemma_` is a string looked up for every call, `token.lemma` a number."""
    if name == "pos":
        return "pos", frozenset(POS_IDS[v] for v in values if v in POS_IDS)
    return _ATTRS[name].rstrip("_"), frozenset(get_string_id(v) for v in values)


def _gate(step: str) -> tuple[str, frozenset[int]] | None:
    """A first step that tests the trigger's own word ('lemma warn', 'pos NOUN'), as (attribute, ids): most
    rows fail there, and a condition checks it before it runs any path (the same result, sooner)."""
    name, _, arg = step.strip().partition(" ")
    arg = arg.strip()
    if name not in _ATTRS or not arg or arg.startswith("!"):
        return None
    return _ids(name, _values(arg))


def compile_paths(spec) -> list[Path]:
    """`when:` and `unless:` take one path or a list of paths."""
    if spec is None:
        return []
    if isinstance(spec, list) and spec and all(isinstance(p, list) for p in spec):
        return [compile_path(p) for p in spec]
    return [compile_path(spec)]


@dataclass(frozen=True)
class Condition:
    """Every `when` path finds something and no `unless` path does."""
    when: tuple[Path, ...] = ()
    unless: tuple[Path, ...] = ()
    gates: tuple[tuple[str, frozenset[int]], ...] = ()

    @classmethod
    def from_row(cls, row: dict) -> "Condition":
        when = tuple(compile_paths(row.get("when")))
        return cls(when, tuple(compile_paths(row.get("unless"))), tuple(p.gate for p in when if p.gate))

    def holds(self, tok: Token, ctx: Context) -> bool:
        for attr, values in self.gates:
            if getattr(tok, attr) not in values:
                return False
        return all(p(tok, ctx) for p in self.when) and not any(p(tok, ctx) for p in self.unless)


@dataclass(frozen=True)
class Reach:
    """A path and how the tokens it finds become actors (the `as:` of a row, arguments.RESOLVERS)."""
    path: Path
    resolve: Callable[[Token, DocIndex], list[ActorRef]]

    @classmethod
    def from_spec(cls, spec: dict) -> "Reach":
        how = spec.get("as", "actors")
        if how not in arguments.RESOLVERS:
            raise RuleError(f"unknown 'as: {how}' (one of {', '.join(arguments.RESOLVERS)})")
        return cls(compile_path(spec.get("path", [])), arguments.RESOLVERS[how])

    def actors(self, tok: Token, ctx: Context) -> list[ActorRef]:
        return [r for t in self.path(tok, ctx) for r in self.resolve(t, ctx.index)]
