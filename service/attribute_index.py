"""The attribute ruler's matches found by dictionary lookups instead of spaCy's Matcher.

The English pipelines map every fine-grained tag to its POS and morphology with an `attribute_ruler`
of about 180 patterns, nearly all of one token with exact values ({"TAG": "NNS"}, {"LOWER": "'s",
"TAG": "POS"}). spaCy's Matcher tries every pattern at every token, which costs about a tenth of the
whole parse (measured: `make bench`). `IndexedMatcher` answers the same call with the same matches: a
single-token pattern of exact values (or IN lists of them) is looked up by the token's values, other
fixed-length patterns (NOT_IN, REGEX, several tokens) are tested column-wise with numpy, and only patterns
with operators ("OP") are left to a Matcher. The ruler itself still sorts the matches and sets the
attributes, so its output is unchanged (tests/test_attribute_index.py compares the two).
"""
from __future__ import annotations

import itertools
import re
from collections import defaultdict

import numpy
from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

# Token attributes a single-token pattern may test by exact value and still be looked up.
_LOOKUP_ATTRS = {"ORTH", "LOWER", "TAG", "POS", "DEP", "LEMMA", "NORM", "SHAPE", "IS_SPACE", "IS_PUNCT",
                 "IS_ALPHA", "IS_DIGIT", "LIKE_NUM"}


class IndexedMatcher:
    """Drop-in for the ruler's `matcher`: `__call__(doc, allow_missing=True, as_spans=False)` and `get`."""

    def __init__(self, nlp: Language, matcher: Matcher, patterns: list[dict]):
        self._matcher = matcher   # kept for `get`: the ruler reads its patterns back from it (serialization)
        strings = self._strings = nlp.vocab.strings
        self._rest = Matcher(nlp.vocab)
        self._searched: dict[tuple[str, int], bool] = {}
        self._columnwise: list[tuple[int, list[list[tuple]]]] = []
        index: dict[tuple[str, ...], dict[tuple[int, ...], list[int]]] = defaultdict(lambda: defaultdict(list))
        for i, entry in enumerate(patterns):
            key = str(i)
            for pattern in entry["patterns"]:
                alternatives = _expand(pattern[0]) if len(pattern) == 1 else None
                if alternatives is not None:
                    for exact in alternatives:
                        attrs = tuple(sorted(exact))
                        index[attrs][tuple(_value(strings, exact[a]) for a in attrs)].append(strings.add(key))
                elif all(_tests(spec, strings) is not None for spec in pattern):
                    self._columnwise.append((strings.add(key), [_tests(spec, strings) for spec in pattern]))
                else:
                    self._rest.add(key, [pattern])
        self._shapes = []
        for attrs, table in index.items():
            known = [numpy.array(sorted({v[k] for v in table}), dtype=numpy.uint64) for k in range(len(attrs))]
            self._shapes.append(([IDS[a] for a in attrs], known, dict(table)))

    def get(self, key, default=None):
        return self._matcher.get(key, default)

    def __len__(self) -> int:
        return len(self._matcher)

    def __call__(self, doc: Doc, allow_missing: bool = True, as_spans: bool = False):
        if as_spans:
            raise NotImplementedError("the attribute ruler asks for (match_id, start, end) tuples only")
        out = list(self._rest(doc, allow_missing=allow_missing)) if len(self._rest) else []
        n = len(doc)
        if not n:
            return out
        columns: dict[int, numpy.ndarray] = {}

        def column(attr: int) -> numpy.ndarray:
            if attr not in columns:
                columns[attr] = doc.to_array(attr).astype(numpy.uint64)
            return columns[attr]

        for ids, known, table in self._shapes:
            # Only rows whose every value occurs in some pattern can match; each distinct row is looked up once.
            maybe = numpy.ones(n, dtype=bool)
            for attr, values in zip(ids, known):
                maybe &= _member(column(attr), values)
            rows = numpy.flatnonzero(maybe)
            if not len(rows):
                continue
            values = numpy.stack([column(attr)[rows] for attr in ids], axis=1)
            distinct, which = numpy.unique(values, axis=0, return_inverse=True)
            which = which.reshape(-1)
            order = numpy.argsort(which, kind="stable")
            bounds = numpy.searchsorted(which[order], numpy.arange(len(distinct) + 1))
            for k, key in enumerate(map(tuple, distinct.tolist())):
                hits = table.get(key)
                if hits:
                    at = rows[order[bounds[k]:bounds[k + 1]]].tolist()
                    out.extend((match_id, i, i + 1) for match_id in hits for i in at)
        for match_id, specs in self._columnwise:
            length = len(specs)
            if length > n:
                continue
            ok = numpy.ones(n - length + 1, dtype=bool)
            for offset, spec in enumerate(specs):
                ok &= self._mask(column, spec)[offset:n - length + 1 + offset]
            out.extend((match_id, i, i + length) for i in numpy.flatnonzero(ok).tolist())
        return out

    def _mask(self, column, spec: list[tuple]) -> numpy.ndarray:
        """Which tokens satisfy every (attribute, test, values) of one token's pattern."""
        ok = None
        for attr, test, values in spec:
            col = column(IDS[attr])
            if test == "REGEX":
                values = numpy.array([h for h in numpy.unique(col).tolist() if self._search(values, h)],
                                     dtype=numpy.uint64)
                test = "IN"
            inside = _member(col, values)
            hit = ~inside if test == "NOT_IN" else inside
            ok = hit if ok is None else ok & hit
        return ok

    def _search(self, regex: re.Pattern, h: int) -> bool:
        """Whether the string of hash `h` matches: remembered, a word's hash meaning the same string always."""
        key = (regex.pattern, h)
        hit = self._searched.get(key)
        if hit is None:
            if len(self._searched) >= 100_000:   # bounded on any input stream
                self._searched.clear()
            hit = self._searched[key] = bool(regex.search(self._strings[h] if h else ""))
        return hit


def _member(column: numpy.ndarray, values: numpy.ndarray) -> numpy.ndarray:
    """numpy.isin, by comparisons when the values are few (isin sorts: ten times slower on a Doc's column)."""
    if len(values) > 8:
        return numpy.isin(column, values)
    out = numpy.zeros(len(column), dtype=bool)
    for v in values.tolist():
        out |= column == v
    return out


def _expand(token_pattern: dict) -> list[dict] | None:
    """The exact-valued patterns a one-token pattern stands for ({"LOWER": {"IN": [a, b]}} is two), or None
    when it tests anything else (NOT_IN, REGEX, operators), which stays with the Matcher."""
    choices = []
    for attr, v in token_pattern.items():
        if attr not in _LOOKUP_ATTRS:
            return None
        if isinstance(v, (str, bool)):
            choices.append([(attr, v)])
        elif isinstance(v, dict) and list(v) == ["IN"] and all(isinstance(x, str) for x in v["IN"]):
            choices.append([(attr, x) for x in dict.fromkeys(v["IN"])])
        else:
            return None
    return [dict(combo) for combo in itertools.product(*choices)]


def _tests(token_pattern: dict, strings) -> list[tuple] | None:
    """(attribute, IN | NOT_IN | REGEX, hashes or regex) for each key of a one-token pattern, or None when
    it uses something column tests cannot (operators, other predicates)."""
    out = []
    for attr, v in token_pattern.items():
        if attr not in _LOOKUP_ATTRS:
            return None
        if isinstance(v, (str, bool)):
            out.append((attr, "IN", numpy.array([_value(strings, v)], dtype=numpy.uint64)))
            continue
        if not (isinstance(v, dict) and len(v) == 1):
            return None
        (test, values), = v.items()
        if test in ("IN", "NOT_IN") and all(isinstance(x, str) for x in values):
            out.append((attr, test, numpy.array([strings.add(x) for x in values], dtype=numpy.uint64)))
        elif test == "REGEX" and attr in _STRING_ATTRS:
            out.append((attr, "REGEX", re.compile(values)))
        else:
            return None
    return out


def _value(strings, v) -> int:
    return int(v) if isinstance(v, bool) else strings.add(v)


_STRING_ATTRS = {"ORTH", "LOWER", "TAG", "POS", "DEP", "LEMMA", "NORM", "SHAPE"}


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Give the pipeline's attribute ruler an IndexedMatcher; False when it has none to index."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not hasattr(ruler, "matcher") or isinstance(ruler.matcher, IndexedMatcher):
        return False
    ruler.matcher = IndexedMatcher(nlp, ruler.matcher, ruler.patterns)
    return True
