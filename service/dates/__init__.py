"""Find temporal expressions and normalize them to TIMEX3 values, resolved against a reference date.

A rule-based tagger in the tradition of HeidelTime (Strötgen & Gertz, 2010): regular
expressions find the expression, the dependency parse gives the tense that decides
the direction of underspecified ones ("on Monday", "in May"), and each value comes
with its granularity and the closed range of days it covers.

As in HeidelTime's resources/english/, the rules are data (data/dates/english/rules.txt): each has a
name, an extraction pattern built from named sub-patterns (repattern.txt) and normalization tables
(normalization/*.txt), the normalizer that gives its value (normalize.py), its constraints and an
example that is run as a test.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .constraints import CONSTRAINTS
from .gates import Gates, keywords
from .normalize import NORMALIZERS, Context, relative_duration
from .resources import RuleSpec, rules as _specs
from .values import Timex

__all__ = ["Rule", "RULES", "Timex", "find", "reference_from_text", "rule"]


@dataclass(frozen=True)
class Rule:
    spec: RuleSpec
    regex: re.Pattern
    normalize: object          # (match, Context) -> value, granularity, range | None | "duration" | "reject"
    constraints: tuple
    keywords: frozenset[str]

    @property
    def name(self) -> str:
        return self.spec.name


def _constant(value: str):
    return lambda m, c: (value, None, None)


def _compile(spec: RuleSpec) -> Rule:
    if spec.normalizer is not None and spec.normalizer not in NORMALIZERS:
        raise KeyError(f"rule {spec.name}: no normalizer {spec.normalizer}() in service/dates/normalize.py")
    unknown = set(spec.constraints) - set(CONSTRAINTS)
    if unknown:
        raise KeyError(f"rule {spec.name}: no constraint {sorted(unknown)} in service/dates/constraints.py")
    normalize = NORMALIZERS[spec.normalizer] if spec.normalizer else _constant(spec.norm_value)
    return Rule(spec, re.compile(spec.pattern), normalize, tuple(CONSTRAINTS[c] for c in spec.constraints),
                keywords(spec.pattern))


RULES: tuple[Rule, ...] = tuple(_compile(s) for s in _specs())
_BY_NAME = {r.name: r for r in RULES}
GATES = Gates([r.keywords for r in RULES])


def rule(name: str) -> Rule:
    """A rule by its RULENAME."""
    return _BY_NAME[name]


def find(text: str, doc: Doc | None, ref: dt.date | None) -> list[Timex]:
    """Every temporal expression of the text, normalized against `ref` (None: relative ones stay unresolved)."""
    ctx = Context(text, ref, doc)
    candidates = []
    for order, (r, windows) in enumerate(zip(RULES, GATES.windows(text))):
        for lo, hi in windows:
            for m in r.regex.finditer(text, lo, hi):
                if m.end() > m.start():
                    candidates.append((m.start(), -(m.end() - m.start()), order, m, r))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    taken: list[tuple[int, int]] = []
    out: list[Timex] = []
    for start, _neg_len, _order, m, r in candidates:
        end = m.end()
        if any(s < end and start < e for s, e in taken):
            continue
        if start > 0 and text[start - 1].isalnum() or end < len(text) and text[end].isalnum():
            continue  # inside a word or number: "nearly half", "1,384,119 Octel"
        if not all(check(text, doc, m) for check in r.constraints):
            continue
        try:
            result = r.normalize(m, ctx)
        except (ValueError, OverflowError):
            continue
        if result == "reject":
            continue
        if r.spec.type == "duration":
            out.append(Timex(start, end, text[start:end], result, "duration", None, None, r.name))
        elif result == "duration":
            out.append(Timex(start, end, text[start:end], relative_duration(m), "duration", None, None, r.name))
        elif result is None:
            out.append(Timex(start, end, text[start:end], None, "date", None, None, r.name))
        else:
            value, gran, rng = result
            out.append(Timex(start, end, text[start:end], value, "date", gran, rng, r.name))
            if rng is not None:
                ctx.mentioned(gran, rng)
        taken.append((start, end))
    out.sort(key=lambda t: t.start)
    return out


# ---- the reference date found in the text ---------------------------------------------------

_EPOCH_MS = re.compile(r"(?<![\d])(1[0-9]{12})(?![\d])")
# The rules that give a whole calendar day on their own: a dateline or a caption date.
_FULL_DATE = (rule("date_month_day_year"), rule("date_day_month_year"))


def reference_from_text(text: str) -> dt.date | None:
    """A dateline, caption date or file-name timestamp: the first full date the text gives."""
    found = []
    ctx = Context(text, None, None)
    for r in _FULL_DATE:
        for m in r.regex.finditer(text):
            try:
                found.append((m.start(), r.normalize(m, ctx)[2][0]))
            except ValueError:   # "February 30, 2024" is no day
                continue
    for m in _EPOCH_MS.finditer(text):
        when = dt.datetime.fromtimestamp(int(m.group(1)) / 1000, tz=dt.timezone.utc).date()
        if 1995 <= when.year <= 2100:
            found.append((m.start(), when))
    return min(found)[1] if found else None
