"""The normalizers a rule names in NORM_VALUE: each reads a match and gives its TIMEX3 value.

A normalizer returns (value, granularity, range) for a date; None for a date that needs a reference date
there is none of; "duration" for a relative expression that is a duration ("the past week"); "reject" for
a match that is no date after all. Tables (month names, numbers, holidays ...) are read from
data/dates/english/normalization, never written out here.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

from spacy.tokens import Doc

from .. import words
from .resources import key, patterns, tables
from .tense import tense_at
from .values import (century_value, day_value, decade_value, half_value, month_end, month_value, quarter_value,
                     season_value, shift_months, weekend_value, week_value, year_value)

_T = tables()
MONTHS = _T["month"].as_dict(value=int)
WEEKDAYS = _T["weekday"].as_dict(value=int)
COUNTS = _T["number"].as_dict("count", value=int)
# The words of a spoken year ("nineteen ninety-six"), whatever the rule that counts units takes.
SPOKEN = {**_T["number"].as_dict("ones", value=int), **_T["number"].as_dict("teens", value=int),
          **_T["number"].as_dict("tens", value=int)}
ORDINALS = _T["ordinal"].as_dict(value=int)
HALVES = _T["half"].as_dict(value=int)
UNITS = _T["unit"].as_dict()
RELATIVE_DAYS = _T["relative_day"].as_dict(value=int)
DECADES = _T["decade"].as_dict(value=int)
THIS_NEXT_LAST = _T["this_next_last"].as_dict(value=lambda v: v if v == "duration" else int(v))
ANAPHORIC = set(_T["this_next_last"].as_dict("anaphoric"))   # counted from the date last mentioned
SEASONS = {word: (code, int(first), int(last))
           for word, (code, first, last) in _T["season"].as_dict(value=str.split).items()}

_FISCAL_QUARTER = re.compile(patterns()["reFiscalQuarterEnded"])
_LONGER_PERIODS = re.compile(patterns()["reLongerPeriod"])


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else COUNTS.get(key(word))


def _ordinal(word: str) -> int:
    """'third' or '3rd'."""
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else ORDINALS[key(word)]


def _month(word: str) -> int:
    return MONTHS[key(word)]


# ---- holidays ----------------------------------------------------------------------------------

def easter(y: int) -> dt.date:
    """The Gregorian computus (Meeus/Jones/Butcher)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(y, month, day + 1)


def nth_weekday(y: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (n < 0: from the end) given weekday of a month."""
    if n > 0:
        first = dt.date(y, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = month_end(y, month)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-n - 1))


def _holiday_rule(spec: str):
    """A holiday table value as a function of the year: '12-25', 'easter-2', 'november thursday 4 +1'."""
    fixed = re.fullmatch(r"(\d\d)-(\d\d)", spec)
    if fixed:
        mo, d = int(fixed[1]), int(fixed[2])
        return lambda y: dt.date(y, mo, d)
    movable = re.fullmatch(r"easter([+-]\d+)?", spec)
    if movable:
        shift = int(movable[1] or 0)
        return lambda y: easter(y) + dt.timedelta(days=shift)
    month, weekday, n, *after = spec.split()
    mo, wd, nth, shift = _month(month), WEEKDAYS[key(weekday)], int(n), int(after[0]) if after else 0
    return lambda y: nth_weekday(y, mo, wd, nth) + dt.timedelta(days=shift)


HOLIDAYS = {word: _holiday_rule(spec) for word, spec in _T["holiday"].as_dict().items()}


# ---- resolving against the reference date ----------------------------------------------------

_NEAR_DAYS = 45


def _pick_year(ref: dt.date, tense: str, make) -> int:
    """The year (ref's, or one either side) that puts an underspecified date where the tense says."""
    options = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        lo, hi = make(y)
        options.append((y, lo, hi))
    _, lo, hi = options[1]
    if lo <= ref <= hi:
        return ref.year
    # A date within weeks of the reference is that year's whatever the verb's tense, which the parse often
    # gets wrong for a single day; a whole month that has not begun cannot be meant by a past verb.
    month_ahead = hi - lo > dt.timedelta(days=27) and lo > ref
    if -_NEAR_DAYS <= (lo - ref).days <= _NEAR_DAYS and not (tense == "past" and month_ahead):
        return ref.year
    if tense in ("past", "named"):
        ok = [o for o in options if o[1] <= ref]
        return max(ok, key=lambda o: o[1])[0] if ok else ref.year
    if tense == "future":
        ok = [o for o in options if o[2] >= ref]
        return min(ok, key=lambda o: o[1])[0] if ok else ref.year
    return min(options, key=lambda o: (0 if o[1] <= ref <= o[2] else min(abs((o[1] - ref).days), abs((o[2] - ref).days)),
                                       o[0] != ref.year))[0]


def _weekday_date(ref: dt.date, weekday: int, tense: str) -> dt.date:
    back = ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)
    fwd = ref + dt.timedelta(days=(weekday - ref.weekday()) % 7)
    if tense == "near":
        return fwd if (fwd - ref) < (ref - back) else back
    # News mostly reports what happened: a weekday without a future cue is the last one.
    return fwd if tense == "future" else back


def _reported_quarter(ref: dt.date) -> tuple[int, int]:
    """(year, quarter) of the last quarter closed before `ref`: the one earnings news reports on."""
    cur = (ref.month - 1) // 3 + 1
    return (ref.year, cur - 1) if cur > 1 else (ref.year - 1, 4)


_NARRATIVE_SENTENCES = 2   # how far back the day "three days later" counts from may be named
_ANCHORS = {"day": ("day", "month", "year"), "week": ("month", "year"), "month": ("month", "year"),
            "quarter": ("year",), "half": ("year",), "season": ("year",), "year": ("year",)}


class Context:
    """What the normalizers of one text share: the text, its reference date and parse, and the dates
    mentioned so far (a narrative moves its own clock: "the following day")."""

    def __init__(self, text: str, ref: dt.date | None, doc: Doc | None):
        self.text, self.ref, self.doc = text, ref, doc
        self.anchor: dict[str, dt.date] = {}   # the latest date mentioned, per granularity it pins down
        self.anchor_end: dict[str, int] = {}   # where it ends in the text

    @functools.cached_property
    def quarterly(self) -> bool:
        """Whether the text speaks of quarters (earnings news), read once per text."""
        return self.doc is not None and "quarter" in self.text.lower()

    @functools.cached_property
    def fiscal_shift(self) -> int:
        """How far the company's quarter numbers run ahead of the calendar's, read from "its fourth quarter
        ended June 30" (a fiscal year that ends in June numbers July-September its first quarter)."""
        m = _FISCAL_QUARTER.search(self.text)
        if m is None or _month(m["month"]) % 3:
            return 0
        return (_ordinal(m["ord"]) - _month(m["month"]) // 3) % 4

    def reported_quarter(self) -> tuple[int, int]:
        """(year, quarter) of the quarter earnings news reports on, numbered as the company numbers it."""
        y, q = _reported_quarter(self.ref)
        return y, (q - 1 + self.fiscal_shift) % 4 + 1

    def tense(self, m: re.Match) -> str:
        return tense_at(self.doc, m.start(), m.end())

    def mentioned(self, granularity: str | None, rng, end: int = 0) -> None:
        for g in _ANCHORS.get(granularity or "", ()):
            self.anchor[g] = rng[0]
            self.anchor_end[g] = end

    def recent_day(self, start: int) -> dt.date | None:
        """The last day named before `start` in its sentence or the two before it ("met on 10 September,
        followed three days later by ..."): what a narrative's "N days later" counts from."""
        if "day" not in self.anchor or self.doc is None:
            return None
        here = self.doc.char_span(start, start + 1, alignment_mode="expand")
        there = self.doc.char_span(self.anchor_end["day"] - 1, self.anchor_end["day"], alignment_mode="expand")
        if here is None or there is None:
            return None
        boundaries = sum(1 for t in self.doc[there[0].i + 1:here[0].i + 1] if t.is_sent_start)
        return self.anchor["day"] if boundaries <= _NARRATIVE_SENTENCES else None

    def anchor_for(self, granularity: str) -> dt.date | None:
        return self.anchor.get(granularity, self.ref)


# ---- the normalizers, by the name rules.txt gives them ----------------------------------------

NORMALIZERS = {}


def normalizer(f):
    NORMALIZERS[f.__name__] = f
    return f


def _day_number(text: str) -> int | None:
    """A day of the month as a number, or None when no month has it ("May 35, 2000 people" is no date);
    a day some month has but this one lacks ("February 30") is left to the calendar to refuse."""
    d = int(text)
    return d if 1 <= d <= 31 else None


@normalizer
def explicit_day(m, c):
    y, mo, d = int(m["year"]), _month(m["month"]), _day_number(m["day"])
    return "reject" if d is None else day_value(dt.date(y, mo, d))


@normalizer
def iso_day(m, c):
    mo, d = int(m["mon"]), _day_number(m["day"])
    if d is None or not 1 <= mo <= 12:
        return "reject"
    return day_value(dt.date(int(m["year"]), mo, d))


@normalizer
def month_day(m, c):
    if c.ref is None:
        return None
    mo, d = _month(m["month"]), _day_number(m["day"])
    if d is None:
        return "reject"
    tense = c.tense(m)
    y = _pick_year(c.ref, tense, lambda y: (dt.date(y, mo, min(d, calendar.monthrange(y, mo)[1])),) * 2)
    return day_value(dt.date(y, mo, d))


@normalizer
def day_pair(m, c):
    """'Nov. 4 and 5', 'Nov. 6-17', '10 and 11 September': two days of one month, each a date of its own
    (an event held over both carries both); the year as for the first alone."""
    mo, d1, d2 = _month(m["month"]), _day_number(m["day"]), _day_number(m["day2"])
    if d1 is None or d2 is None or d2 <= d1:
        return "reject"
    if m["year"]:
        y = int(m["year"])
    elif c.ref is None:
        return [(m.start(), m.end("day"), None), (m.start("day2"), m.end(), None)]
    else:
        y = _pick_year(c.ref, c.tense(m), lambda y: (dt.date(y, mo, min(d1, calendar.monthrange(y, mo)[1])),) * 2)
    return [(m.start(), m.end("day"), day_value(dt.date(y, mo, d1))),
            (m.start("day2"), m.end(), day_value(dt.date(y, mo, d2)))]


@normalizer
def week_of(m, c):
    """'the week of March 6': the week that holds the day."""
    day = explicit_day(m, c) if m["year"] else month_day(m, c)
    if day in (None, "reject"):
        return day
    return week_value(day[2][0])


@normalizer
def month_only(m, c):
    if c.ref is None:
        return None
    mo = _month(m["month"])
    y = _pick_year(c.ref, c.tense(m), lambda y: (dt.date(y, mo, 1), month_end(y, mo)))
    return month_value(y, mo)


@normalizer
def weekday(m, c):
    if c.ref is None:
        return None
    return day_value(_weekday_date(c.ref, WEEKDAYS[key(m["weekday"])], c.tense(m)))


@normalizer
def year(m, c):
    return year_value(int(m["year"]))


@normalizer
def decade(m, c):
    y = int(m["decade"]) if m["decade"] else None
    if y is None:
        return None
    if y < 100:
        y += 1900
    return decade_value(y - y % 10)


@normalizer
def relative_day(m, c):
    if c.ref is None:
        return None
    return day_value(c.ref + dt.timedelta(days=RELATIVE_DAYS[key(m["rel"])]))


@normalizer
def relative_unit(m, c):
    if c.ref is None:
        return None
    which, unit = key(m["which"]), key(m["unit"])
    k = THIS_NEXT_LAST[which]
    if k == "duration":
        return "duration"
    r = c.anchor_for("day") if which in ANAPHORIC else c.ref
    return _part_of(which, r, _unit_value(unit, r, k))


def _unit_value(unit, r, k):
    if unit == "week":
        return week_value(r + dt.timedelta(weeks=k))
    if unit == "weekend":
        return weekend_value(r + dt.timedelta(weeks=k))
    if unit == "month":
        return month_value(*shift_months(r.year, r.month, k))
    if unit == "year":
        return year_value(r.year + k)
    if unit == "quarter":
        q = (r.month - 1) // 3 + 1 + k
        y = r.year + (q - 1) // 4
        return quarter_value(y, (q - 1) % 4 + 1)
    if unit == "decade":
        return decade_value(r.year - r.year % 10 + 10 * k)
    return None


def _part_of(which, r, result):
    """'later this month' is the part of the month after the reference day, 'earlier this year' the part before
    it: the value names the unit, the range only that part (so what is dated "later this month" is ahead)."""
    if result is None or not which.startswith(("later", "earlier")):
        return result
    value, granularity, (start, end) = result
    if which.startswith("later") and r < end:
        return value, granularity, (max(start, r + dt.timedelta(days=1)), end)
    if which.startswith("earlier") and r > start:
        return value, granularity, (start, min(end, r - dt.timedelta(days=1)))
    return result


_PARTS_OF_DAY = _T["part_of_day"].as_dict()   # "the next morning" is the next day
_ANAPHORIC_OFFSET = {"that": 0, "the same": 0, "the following": 1, "the next": 1, "the previous": -1,
                     "the preceding": -1, "the prior": -1}


@normalizer
def anaphoric(m, c):
    """'that year', 'the following day', 'later that month', 'the year before': relative to the date last
    mentioned, as a narrative moves its own clock; without one, 'the next day' counts from the reference
    date, while 'that day' points back to nothing and is no date."""
    unit = key(m["unit"])
    unit = "day" if unit in _PARTS_OF_DAY else unit
    which = key(m["which"])
    if which == "the":   # "the year before", "the day after"
        which = "the previous" if key(m["dir"]) == "before" else "the following"
    pinned_by = "month" if unit == "week" else unit
    base = c.anchor_for(pinned_by)
    if base is None:
        return None
    if which in ("that", "the same") and pinned_by not in c.anchor:
        return "reject"   # "redemptions that day": no day was mentioned for it to point back to
    k = _ANAPHORIC_OFFSET[which]
    if unit == "day":
        return day_value(base + dt.timedelta(days=k))
    if unit == "week":
        return week_value(c.anchor.get("day", base) + dt.timedelta(weeks=k))
    if unit == "month":
        return month_value(*shift_months(base.year, base.month, k))
    return year_value(base.year + k)


@normalizer
def ago(m, c):
    n, unit, direction = _count(m["num"]), key(m["unit"]), key(m["dir"])
    if direction == "before" and re.match(r"\s+[\w$]", m.string[m.end():m.end() + 2]):
        return "duration"   # "10 days before the murder": counted from an event, not from today
    if c.ref is None:
        return None
    if n is None:
        return ("PAST_REF", None, None) if direction in ("ago", "earlier", "before") else ("FUTURE_REF", None, None)
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    r = c.ref
    if direction in ("later", "earlier"):   # counted from the day just named, if one was: "10 days later"
        r = c.recent_day(m.start()) or r
    if unit == "day":
        return day_value(r + dt.timedelta(days=sign * n))
    if unit == "week":
        return week_value(r + dt.timedelta(weeks=sign * n))
    if unit == "month":
        return month_value(*shift_months(r.year, r.month, sign * n))
    if unit == "year":
        return year_value(r.year + sign * n)
    if unit == "decade":
        return decade_value(r.year + sign * 10 * n - (r.year + sign * 10 * n) % 10)
    return None


@normalizer
def part_of_month(m, c):
    mo = _month(m["month"])
    if m["year"]:
        return month_value(int(m["year"]), mo)
    return month_only(m, c)


@normalizer
def quarter(m, c):
    q = _ordinal(m["ord"]) if m["ord"] else None
    if m["year"]:
        y = int(m["year"])
    elif c.ref is None:
        return None
    else:
        cur = (c.ref.month - 1) // 3 + 1
        y = c.ref.year if q is None or q <= cur else c.ref.year - 1
    if q is None:  # "the quarter", "the latest quarter": the last one reported
        y, q = c.reported_quarter()
    return quarter_value(y, q)


@normalizer
def half(m, c):
    h = HALVES[key(m["ord"])]
    if m["year"]:
        return half_value(int(m["year"]), h)
    if c.ref is None:
        return None
    return half_value(c.ref.year, h)


def _season(y: int, word: str):
    code, first, last = SEASONS[key(word)]
    return season_value(y, code, first, last)


@normalizer
def season(m, c):
    word = m["season"]
    if m["year"]:
        return _season(int(m["year"]), word)
    if c.ref is None:
        return None
    which = key(m["which"] or "")
    if which in ("last", "next"):
        return _season(c.ref.year + THIS_NEXT_LAST[which], word)
    tense = {"this past": "past", "this coming": "future", "this": "present"}.get(which) or c.tense(m)
    return _season(_pick_year(c.ref, tense, lambda y: _season(y, word)[2]), word)


@normalizer
def decade_word(m, c):
    """'the nineties': the latest such decade up to the reference year (the twentieth century's without one)."""
    d = DECADES[key(m["dw"])]
    ref_year = c.ref.year if c.ref else 1999
    start = ref_year - ref_year % 100 + 10 * d
    return decade_value(start if start <= ref_year else start - 100)


@normalizer
def which_month(m, c):
    """'last December' is the latest December before this month, 'next May' the first after it."""
    if c.ref is None:
        return None
    mo = _month(m["month"])
    which = key(m["which"])
    y = c.ref.year
    if which == "last" and mo >= c.ref.month:
        y -= 1
    elif which == "next" and mo <= c.ref.month:
        y += 1
    if m["day"]:
        d = _day_number(m["day"])
        return "reject" if d is None else day_value(dt.date(y, mo, d))
    return month_value(y, mo)


@normalizer
def month_relative_year(m, c):
    """'in June last year', 'March next year'."""
    if c.ref is None:
        return None
    return month_value(c.ref.year + THIS_NEXT_LAST[key(m["which"])], _month(m["month"]))


@normalizer
def which_weekday(m, c):
    if c.ref is None:
        return None
    wd = WEEKDAYS[key(m["weekday"])]
    which = key(m["which"])
    # "the previous Friday" and "the following Monday" count from the day the narrative is at.
    r = c.anchor_for("day") if which.startswith("the ") else c.ref
    if which in ("last", "the previous", "this past"):
        d = r - dt.timedelta(days=(r.weekday() - wd) % 7 or 7)
    elif which in ("next", "the following", "this coming"):
        d = r + dt.timedelta(days=(wd - r.weekday()) % 7 or 7)
    else:
        d = _weekday_date(c.ref, wd, c.tense(m))
    return day_value(d)


@normalizer
def this_year(m, c):
    return None if c.ref is None else year_value(c.ref.year)


@normalizer
def year_end(m, c):
    """'year-end': the last day of the year the tense points to ("net was below the 1987 level at
    year-end", said in October, is last December's)."""
    if c.ref is None:
        return None
    y = _pick_year(c.ref, c.tense(m), lambda y: (dt.date(y, 12, 31),) * 2)
    return day_value(dt.date(y, 12, 31))


@normalizer
def this_weekend(m, c):
    if c.ref is None:
        return None
    day = c.ref
    if c.tense(m) in ("past", "named") and day.weekday() < 5:
        day -= dt.timedelta(days=7)
    return weekend_value(day)


_RESULTS = words.load("earnings_words")


@normalizer
def year_ago(m, c):
    """Earnings-report style: 'a year ago' beside quarterly figures means the same quarter last year; beside
    figures for nine months or a half year, or beside no figures at all ("wages 3.8% higher than a year
    earlier"), it is last year."""
    if c.ref is None:
        return None
    said = key(m.group(0))
    if "quarter" in said or "period" in said or c.quarterly and _speaks_of_quarter(c.doc, m.start(), m.end()):
        y, q = c.reported_quarter()
        return quarter_value(y - 1, q)
    return year_value(c.ref.year - 1)


def _speaks_of_quarter(doc: Doc, start: int, end: int) -> bool:
    """Whether the sentence around a 'year ago' compares a quarter's results."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    sent = span.sent
    if _LONGER_PERIODS.search(sent.text.lower()):
        return False
    return any(t.lemma_.lower() in _RESULTS or "quarter" in t.lower_ and "quarterly" not in t.lower_ for t in sent)


@normalizer
def spoken_year(m, c):
    """Broadcast transcripts spell years out: 'nineteen ninety-six', 'the year two thousand', 'January nineteen
    ninety-seven', 'the winter of nineteen ninety-four'."""
    spoken = re.split(r"[\s-]+", key(m.group("spoken")))
    if spoken[:2] == ["two", "thousand"]:
        rest = [w for w in spoken[2:] if w != "and"]
        y = 2000 + (SPOKEN.get(rest[0], 0) if rest else 0)
    else:
        y = 100 * SPOKEN[spoken[0]]   # "nineteen" (hundred)
        y += sum(SPOKEN.get(w, 0) for w in spoken[1:])
    if m.groupdict().get("month"):
        return month_value(y, _month(m["month"]))
    if m.groupdict().get("season"):
        return _season(y, m["season"])
    return year_value(y)


@normalizer
def century(m, c):
    n = _ordinal(m["cent"])
    if not 1 <= n <= 21:
        return "reject"
    return century_value(n)


@normalizer
def holiday(m, c):
    day_of = HOLIDAYS[key(m["holiday"])]
    which = key(m["which"] or "")
    y = int(m["year"]) if m["year"] else None
    if y is None:
        if c.ref is None:
            return None
        tense = {"last": "past", "next": "future", "this": "present"}.get(which) or c.tense(m)
        y = _pick_year(c.ref, tense, lambda y: (day_of(y),) * 2)
        if which == "last" and day_of(y) >= c.ref:
            y -= 1
        elif which == "next" and day_of(y) <= c.ref:
            y += 1
    if m["week"]:   # "Easter week", "Christmas week"
        return week_value(day_of(y))
    return day_value(day_of(y))


@normalizer
def before_holiday(m, c):
    """'before Christmas': the run-up to the holiday, its month."""
    day = holiday(m, c)
    if day is None or day == "reject":
        return day
    return month_value(day[2][0].year, day[2][0].month)


@normalizer
def year_quarter(m, c):
    """Earnings language: "this year's third quarter", "the 1988 second quarter", "last year's quarter"."""
    if m["year"]:
        y = int(m["year"])
    elif c.ref is None:
        return None
    else:
        y = c.ref.year + THIS_NEXT_LAST[key(m["which"])]
    q = _ordinal(m["ord"]) if m["ord"] else None
    if q is None:   # "the 1988 period": the quarter being reported, in that year
        if c.ref is None:
            return None
        q = c.reported_quarter()[1]
    return quarter_value(y, q)


@normalizer
def duration(m, c):
    n = _count(m["num"]) if m["num"] else None
    return _duration_value(n, UNITS[key(m["unit"])])


def relative_duration(m) -> str:
    """The duration a relative expression spans ("the past week": P1W)."""
    n = _count(m["num"]) if m.groupdict().get("num") else 1
    return f"P{'X' if n is None else n}{UNITS[key(m['unit'])]}"


def _duration_value(n: int | None, unit: str) -> str:
    amount = "X" if n is None else str(n)
    if unit in ("H", "MIN"):
        return f"PT{amount}{'M' if unit == 'MIN' else 'H'}"
    if unit == "DE":
        return f"P{amount}0Y" if n else "P" + amount + "DE"
    return f"P{amount}{unit}"
