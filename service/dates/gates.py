"""Keyword gates: each rule runs only within reach of a word every one of its matches contains.

Regular expressions tried at every character of an article cost more than all the other date work
together, so a rule is tried only near its keywords. The keywords are read from the rule's own pattern
(its parse tree, `re._parser`), never listed beside it: a required part of the pattern that can match only
a few short strings ("quarter", the month names, four digits) gives them. A digit stands as "#" in a
keyword, and keywords are single words matched at the start of a word in any case.
"""
from __future__ import annotations

import re
import re._constants as sre   # the parse tree's opcodes; Python 3.11's re exposes its parser only here
import re._parser as sre_parse
from typing import Iterable

from .. import words
from .resources import key

REACH = 60            # longer than any expression the rules accept, on either side of its keyword
_MAX_STRINGS = 64     # a part that can match more strings than this gives no keywords
# Function words ("the", "last") are in every paragraph: a window around each would be the whole text.
_TOO_COMMON = words.load("function_words")
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _char(code: int) -> str:
    ch = chr(code).lower()
    return "#" if ch.isdigit() else ch


def _strings_of_node(op, av) -> set[str] | None:
    """Every string one parse-tree node can match (lower-cased, digits as "#"), or None for too many."""
    if op is sre.LITERAL:
        return {_char(av)}
    if op is sre.IN:
        out: set[str] = set()
        for o, a in av:
            if o is sre.LITERAL:
                out.add(_char(a))
            elif o is sre.RANGE and a[1] - a[0] <= 26:
                out |= {_char(c) for c in range(a[0], a[1] + 1)}
            elif o is sre.CATEGORY and a is sre.CATEGORY_DIGIT:
                out.add("#")
            else:
                return None
        return out
    if op is sre.BRANCH:
        out = set()
        for branch in av[1]:
            s = _strings(branch)
            if s is None:
                return None
            out |= s
        return out if len(out) <= _MAX_STRINGS else None
    if op is sre.SUBPATTERN:
        return _strings(av[3])
    if op in _REPEATS:
        lo, hi, body = av
        s = _strings(body)
        if s is None or hi is sre.MAXREPEAT or hi > 4:
            return None
        out, cur = set(), {""}
        for k in range(hi + 1):
            if k >= lo:
                out |= cur
            cur = {a + b for a in cur for b in s}
            if len(cur) > _MAX_STRINGS:
                return None
        return out
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return {""}     # zero width: the text on either side of it is contiguous in the match
    return None


def _strings(items) -> set[str] | None:
    out = {""}
    for op, av in items:
        s = _strings_of_node(op, av)
        if s is None:
            return None
        out = {a + b for a in out for b in s}
        if len(out) > _MAX_STRINGS:
            return None
    return out


def _candidates(items) -> list[set[str]]:
    """Sets of strings such that every match of the sequence contains one string of each set."""
    found: list[set[str]] = []
    run: list[set[str]] = []     # consecutive nodes of few strings each: their product is contiguous text

    def flush():
        product = {""}
        for s in run:
            product = {a + b for a in product for b in s}
            if len(product) > _MAX_STRINGS:
                found.extend(run)
                break
        else:
            found.append(product)
        run.clear()

    for op, av in items:
        s = _strings_of_node(op, av)
        if s is not None:
            run.append(s)
            continue
        flush()
        if op is sre.SUBPATTERN:
            found.extend(_candidates(av[3]))
        elif op is sre.BRANCH:
            per_branch = [_best(_candidates(b)) for b in av[1]]
            if all(k is not None for k in per_branch):
                found.append(set().union(*per_branch))
        elif op in _REPEATS and av[0] >= 1:
            found.extend(_candidates(av[2]))
    flush()
    return found


def _keyword(s: str) -> str:
    """The word of a matched string that a search for keywords looks for: its longest, not a function word
    ("present" of "at present", "1990" of "the 1990's"). One word, so that keywords never overlap in a text."""
    found = [w for w in re.split(r"[^\w#]+", s) if w and w not in _TOO_COMMON]
    return max(found, key=len) if found else ""


def _best(candidates: Iterable[set[str]]) -> set[str] | None:
    """The candidate whose shortest keyword is longest (then the one with fewest keywords); none that has a
    string without a word to look for ("the", ",")."""
    best, best_score = None, None
    for c in candidates:
        kws = {_keyword(s) for s in c}
        if "" in kws:
            continue
        score = (min(map(len, kws)), -len(kws))
        if best_score is None or score > best_score:
            best, best_score = kws, score
    return best


def keywords(pattern: str) -> frozenset[str]:
    """Strings one of which every match of `pattern` contains, at the start of a word (digits as "#")."""
    found = _best(_candidates(sre_parse.parse(pattern)))
    if found is None:
        raise ValueError(f"no keyword can be read from {pattern!r}: every rule needs a required word")
    return frozenset(found)


class Gates:
    """One search for every rule's keywords, and the stretches of text each rule is to be tried on."""

    def __init__(self, rule_keywords: list[frozenset[str]]):
        vocabulary = set().union(*rule_keywords)
        # Where one keyword starts another ("jan", "january"), the shorter stands for both: a search finds
        # one keyword per place, and whatever contains the longer contains the shorter.
        shortest = {k: min((p for p in vocabulary if k.startswith(p)), key=len) for k in vocabulary}
        self.rules_of: dict[str, list[int]] = {}
        for i, kws in enumerate(rule_keywords):
            for k in sorted({shortest[k] for k in kws}):
                self.rules_of.setdefault(k, []).append(i)
        self.search = re.compile(r"\b(?i:" + _trie(self.rules_of) + ")")
        self.n_rules = len(rule_keywords)

    def hits(self, text: str):
        """(start, end, the rules waiting for it) of every keyword in the text."""
        for m in self.search.finditer(text):
            yield m.start(), m.end(), self.rules_of.get(_DIGIT.sub("#", key(m.group())), ())

    def windows(self, text: str) -> list[list[tuple[int, int]]]:
        """For each rule, the merged stretches of text within REACH of one of its keywords."""
        spans: list[list[list[int]]] = [[] for _ in range(self.n_rules)]
        n = len(text)
        for start, end, rules in self.hits(text):
            lo, hi = max(0, start - REACH), min(n, end + REACH)
            for i in rules:
                s = spans[i]
                if s and lo <= s[-1][1]:
                    s[-1][1] = hi
                else:
                    s.append([lo, hi])
        return [[(lo, hi) for lo, hi in s] for s in spans]


def _trie(keywords: Iterable[str]) -> str:
    """An alternation of the keywords with their common prefixes factored out ("a(?:pr|ug|...)"): the regex
    engine tries alternatives one by one, and a flat list of 80 keywords at every word costs three times as
    much. The keywords are prefix-free, so no branch needs to stop early."""
    tree: dict = {}
    for k in keywords:
        node = tree
        for ch in k:
            node = node.setdefault(ch, {})

    def alternation(node: dict) -> str:
        branches = [(r"\d" if ch == "#" else re.escape(ch)) + alternation(child) for ch, child in sorted(node.items())]
        return "" if not branches else branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return alternation(tree)


_DIGIT = re.compile(r"\d")
