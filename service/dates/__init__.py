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
import logging
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .constraints import CONSTRAINTS
from .gates import Gates, keywords
from .normalize import NORMALIZERS, Context, relative_duration
from .resources import RuleSpec, rules as _specs
from .values import Timex

__all__ = ["Rule", "RULES", "Timex", "find", "reference_from_text", "rule"]
log = logging.getLogger(__name__)


@dataclass
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
        try:
            timex = _read(m, r, ctx)
        except Exception as e:   # a date that cannot be read must not sink the article: any error
            timex = _unresolved(m, r, e)
        if timex is None:
            continue
        for t in timex if isinstance(timex, list) else [timex]:
            out.append(t)
            if t.range is not None:
                ctx.mentioned(t.granularity, t.range, t.end)
        taken.append((start, end))
    out.sort(key=lambda t: t.start)
    return out


def _read(m: re.Match, r: Rule, ctx: Context) -> Timex | list[Timex] | None:
    """The Timex of a rule's match, or None when its constraints or its normalizer say it is no date; a
    normalizer that reads two dates in one match ("Nov. 4 and 5") gives each its (start, end, value)."""
    if not all(check(ctx.text, ctx.doc, m) for check in r.constraints):
        return None
    result = r.normalize(m, ctx)
    if result == "reject":
        return None
    if isinstance(result, list):
        return [Timex(s, e, ctx.text[s:e], *((v[0], "date", v[1], v[2]) if v else (None, "date", None, None)),
                      r.name) for s, e, v in result]
    start, end, text = m.start(), m.end(), m.group()
    if r.spec.type == "duration":
        return Timex(start, end, text, result, "duration", None, None, r.name)
    if result == "duration":
        return Timex(start, end, text, relative_duration(m), "duration", None, None, r.name)
    if result is None:
        return Timex(start, end, text, None, "date", None, None, r.name)
    value, granularity, rng = result
    return Timex(start, end, text, value, "date", granularity, rng, r.name)


def _unresolved(m: re.Match, r: Rule, error: Exception) -> Timex:
    """A date the text gives that cannot be resolved ("February 30"): value null, and a warning that says why."""
    if isinstance(error, (ValueError, OverflowError)):   # the calendar has no such day, or not that far
        reason = str(error)
    else:
        reason = "an error in the date rules"
        log.exception("date rule %s failed on %r", r.name, m.group())
    warning = f'The date "{m.group()}" (characters {m.start()}-{m.end()}) cannot be resolved: {reason}; its value is null.'
    return Timex(m.start(), m.end(), m.group(), None, r.spec.type, None, None, r.name, warning)


# ---- the reference date found in the text ---------------------------------------------------

_EPOCH_MS = re.compile(r"(?<![\d])(1[0-9]{12})(?![\d])")
# The rules that give a whole calendar day on their own: a dateline or a caption date.
# (index in RULES, which GATES.windows follows; the rule)
_FULL_DATE = tuple((RULES.index(rule(name)), rule(name)) for name in ("date_month_day_year", "date_day_month_year"))


def reference_from_text(text: str) -> dt.date | None:
    """A dateline, caption date or file-name timestamp: the first full date the text gives."""
    found = []
    ctx = Context(text, None, None)
    windows = GATES.windows(text)
    for i, r in _FULL_DATE:
        found.extend(_first_day(r, windows[i], ctx))
    for m in _EPOCH_MS.finditer(text):
        when = dt.datetime.fromtimestamp(int(m.group(1)) / 1000, tz=dt.timezone.utc).date()
        if 1995 <= when.year <= 2100:
            found.append((m.start(), when))
            break
    return min(found)[1] if found else None


def _first_day(r: Rule, windows: list[tuple[int, int]], ctx: Context) -> list[tuple[int, dt.date]]:
    """[(start, day)] of the rule's first match that reads as a whole calendar day, or []: only the earliest
    date can be the reference, and the rule is tried only near its keywords, as find() tries it."""
    for lo, hi in windows:
        for m in r.regex.finditer(ctx.text, lo, hi):
            try:
                timex = _read(m, r, ctx)
            except Exception as e:   # "February 30, 2024" is no day; nor is any date a rule fails on
                _unresolved(m, r, e)
                continue
            if timex is not None and timex.granularity == "day":
                return [(m.start(), timex.range[0])]
    return []
