"""Find temporal expressions and normalize them to TIMEX3 values, resolved against a reference date.

A rule-based tagger in the tradition of HeidelTime (Strötgen & Gertz, 2010): regular
expressions find the expression, the dependency parse gives the tense that decides
the direction of underspecified ones ("on Monday", "in May"), and each value comes
with its granularity and the closed range of days it covers.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from . import words

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12})
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
           "thirty": 30, "several": None, "few": None, "a few": None, "many": None, "some": None}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE",
         "hour": "H", "minute": "MIN", "quarter": "Q", "weekend": "WE"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}

_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_NUM = r"(?P<num>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|several|a few|few|many)"
_UNIT = r"(?P<unit>day|week|month|year|decade|century|hour|minute)s?"
_PART = r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
_WB = r"(?<![\w-])"
_WE = r"(?![\w])"


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    value: str | None
    kind: str                      # date, duration, time, set
    granularity: str | None
    range: tuple[dt.date, dt.date] | None

    def as_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value, "kind": self.kind,
                "granularity": self.granularity,
                "range": None if self.range is None else {"start": self.range[0].isoformat(),
                                                          "end": self.range[1].isoformat()}}


# ---- calendar arithmetic ---------------------------------------------------------------

def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _shift_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def day_value(d: dt.date):
    return d.isoformat(), "day", (d, d)


def week_value(d: dt.date):
    iso = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    return f"{iso[0]}-W{iso[1]:02d}", "week", (monday, monday + dt.timedelta(days=6))


def month_value(y: int, m: int):
    return f"{y:04d}-{m:02d}", "month", (dt.date(y, m, 1), _month_end(y, m))


def quarter_value(y: int, q: int):
    return f"{y:04d}-Q{q}", "quarter", (dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q))


def half_value(y: int, h: int):
    return f"{y:04d}-H{h}", "half", (dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h))


def year_value(y: int):
    return f"{y:04d}", "year", (dt.date(y, 1, 1), dt.date(y, 12, 31))


def season_value(y: int, code: str):
    first, last = SEASON_MONTHS[code]
    ly, lm = _shift_months(y, last, 0) if last <= 12 else (y + 1, last - 12)
    return f"{y:04d}-{code}", "season", (dt.date(y, first, 1), _month_end(ly, lm))


def decade_value(decade_start: int):
    return f"{decade_start // 10:03d}", "decade", (dt.date(decade_start, 1, 1), dt.date(decade_start + 9, 12, 31))


# ---- tense from the parse ----------------------------------------------------------------

_FUTURE_AUX = words.load("future_auxiliaries")
_FUTURE_GOVERNORS = {"set", "expect", "schedule", "due", "plan", "slate", "poise", "intend", "hope", "aim", "going"}
# An infinitive under these looks forward from the governing verb: "agreed to buy it in February".
_INTENT_GOVERNORS = _FUTURE_GOVERNORS | {"agree", "decide", "promise", "vow", "pledge", "propose", "offer",
                                         "prepare", "threaten", "want", "seek", "be"}
_INTENT_NOUNS = {"agreement", "plan", "deal", "offer", "proposal", "bid", "decision", "promise", "pledge",
                 "intention", "commitment", "threat", "schedule", "timetable", "deadline"}
_FUTURE_MODIFIERS = {"upcoming", "next", "coming", "planned", "scheduled", "future", "effective", "payable",
                     "starting"}
_DEADLINE_PREPS = {"until", "till", "by"}
_FORWARD_PREPS = {"through", "into", "before"}
_BACKWARD_PREPS = {"since"}
_FORWARD_PHRASES = ("as soon as", "as early as", "no sooner than", "no earlier than")
# A report's own verbs in the present ("says") are no schedule; other simple presents with a date are
# ("they meet Monday", "the law takes effect in March").
_REPORTING = {"say", "tell", "report", "announce", "claim", "state", "add", "note", "write", "insist", "argue",
              "believe", "think", "be", "have", "remain", "seem", "appear", "show", "know", "want", "need"}


def tense_at(doc: Doc | None, start: int, end: int) -> str:
    """Where the clause an expression sits in puts it: 'past', 'future', 'present', 'near' (whichever side of
    the reference date is closer: a deadline or a plan reported in the past tense, "had filed by Wednesday",
    "planned a rally on Saturday") or 'named' for a date naming an event ('the October 7 attack'), read as past."""
    if doc is None:
        return "present"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "present"
    tok = span.root
    if tok.dep_ in ("nmod", "compound", "poss") and tok.head.pos_ == "NOUN" and tok.head.i > tok.i:
        return "named"   # a date naming an event: "the October 7 attack", "Tuesday's declaration"
    before = doc[max(0, span.start - 3):span.start].text.lower()
    prep = doc[span.start - 1].lower_ if span.start > 0 else ""
    if tok.head.dep_ == "prep":
        prep = tok.head.lower_
    elif tok.dep_ == "npadvmod" and tok.head.head.dep_ == "prep":
        prep = tok.head.head.lower_   # "until 9 a.m. Tuesday"
    verb_tense = _verb_tense(tok, prep)
    # A deadline looks forward from its event ("postponed until Tuesday"), unless a past perfect has it passed
    # already ("had filed by Wednesday"); a span's end after a past verb lies on either side ("made it
    # hard to meet demand well into the summer", "has extended loans through January").
    if prep in _DEADLINE_PREPS:
        return "near" if verb_tense == "pluperfect" else "future"
    if prep in _FORWARD_PREPS:
        return "near" if verb_tense in ("past", "pluperfect") else "future"
    if verb_tense in ("past", "pluperfect"):
        return "past"
    if before.endswith(_FORWARD_PHRASES):
        return "future"
    if prep in _BACKWARD_PREPS:
        return "past"
    return verb_tense


def _verb_tense(tok, prep: str = "") -> str:
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            break
        if tok.lower_ in _FUTURE_MODIFIERS or any(c.lower_ in _FUTURE_MODIFIERS for c in tok.children):
            return "future"
        if tok.head.i == tok.i:
            return "present"
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return "present"
    for _ in range(3):
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        perfect = any(a.lower_ in ("has", "have", "had", "'ve") for a in auxes)
        if any(a.lower_ in _FUTURE_AUX or a.lower_ == "would" for a in auxes):
            return "future"
        # "talks scheduled for Thursday", "a rally planned Saturday": a plan, whose date lies ahead of the
        # planning; in a past report ("has scheduled", "planned ... was canceled") on either side of it.
        if tok.tag_ in ("VBN", "VBD") and _plans(tok):
            if tok.tag_ == "VBN" and not perfect and not _in_past_clause(tok):
                return "future"
            return "near"
        if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or (tok.tag_ == "VBN" and not auxes) or \
                (tok.tag_ == "VBN" and perfect):
            return "pluperfect" if any(a.lower_ == "had" for a in auxes) else "past"
        if tok.dep_ == "xcomp" and tok.head.lemma_ in _INTENT_GOVERNORS and \
                (tok.head.lemma_ in _FUTURE_GOVERNORS or any(a.lower_ == "to" for a in auxes)):
            return "future"  # "set to meet on Monday", "expected to vote in May", "agreed to buy it in May"
        if tok.dep_ == "acl" and tok.head.lemma_ in _INTENT_NOUNS and any(a.lower_ == "to" for a in auxes):
            return "future"  # "an agreement to acquire the bank in January"
        if tok.tag_ == "VBG" and any(a.lower_ in ("is", "are", "am", "'s", "'re") for a in auxes):
            return "future"  # "they are meeting Monday"
        if (tok.dep_ in ("xcomp", "pcomp", "acl") or tok.tag_ in ("VBG", "VB") and not auxes and tok.dep_ == "advcl"
                or tok.tag_ == "VB" and [a.lower_ for a in auxes] == ["to"] and tok.dep_ in ("advcl", "ccomp")) \
                and tok.head.i != tok.i:
            # A participle or an infinitive takes the tense of the clause it adds to: "rising to $42 in June
            # from $29 in March", "made it difficult for Sun to meet demand well into the summer".
            climb_adjective = tok.dep_ in ("advcl", "ccomp")
            tok = tok.head
            if climb_adjective and tok.pos_ == "ADJ" and tok.head.pos_ in ("VERB", "AUX"):
                tok = tok.head
            continue
        if tok.tag_ == "VBP" and any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") and
                                     not any(g.dep_ == "conj" for g in c.children) for c in tok.children):
            return "past"   # a singular subject has no "hurt" in the present: the tagger took a past for one
        if tok.tag_ in ("VBZ", "VBP") and tok.lemma_ not in _REPORTING and not auxes:
            return "future"
        break
    return "present"


def _plans(verb) -> bool:
    """A verb of planning; "set" only with what is set for ("a summit set for April", not "a record set on
    Aug. 6")."""
    return verb.lemma_ in _FUTURE_GOVERNORS and (
        verb.lemma_ != "set" or any(c.lower_ == "for" or c.dep_ == "xcomp" for c in verb.children))


def _in_past_clause(tok) -> bool:
    """Whether the clause a participle's noun belongs to is in the past ("the rally planned for Saturday was
    canceled")."""
    head = tok.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return False
    return head.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in head.children)


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


# ---- the rules ----------------------------------------------------------------------------

def _num(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBERS.get(word)


def _month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _reported_quarter(ref: dt.date) -> tuple[int, int]:
    """(year, quarter) of the last quarter closed before `ref`: the one earnings news reports on."""
    cur = (ref.month - 1) // 3 + 1
    return (ref.year, cur - 1) if cur > 1 else (ref.year - 1, 4)


_ANCHORS = {"day": ("day", "month", "year"), "week": ("month", "year"), "month": ("month", "year"),
            "quarter": ("year",), "half": ("year",), "season": ("year",), "year": ("year",)}


_FISCAL_QUARTER = re.compile(r"(?i:(?P<ord>first|second|third|fourth)[\s-]+(?:fiscal\s+)?quarter,?\s+end(?:ed|ing)\s+)"
                             + _MONTH)


class _Ctx:
    def __init__(self, text: str, ref: dt.date | None, doc: Doc | None):
        self.text, self.ref, self.doc = text, ref, doc
        self.anchor: dict[str, dt.date] = {}   # the latest date mentioned, per granularity it pins down

    @functools.cached_property
    def quarterly(self) -> bool:
        """Whether the text speaks of quarters (earnings news), read once per text."""
        return self.doc is not None and "quarter" in self.text.lower()

    @functools.cached_property
    def fiscal_shift(self) -> int:
        """How far the company's quarter numbers run ahead of the calendar's, read from "its fourth quarter
        ended June 30" (a fiscal year that ends in June numbers July-September its first quarter)."""
        m = _FISCAL_QUARTER.search(self.text)
        if m is None or _month_num(m["month"]) % 3:
            return 0
        return (ORDINALS[m["ord"].lower()] - _month_num(m["month"]) // 3) % 4

    def reported_quarter(self) -> tuple[int, int]:
        """(year, quarter) of the quarter earnings news reports on, numbered as the company numbers it."""
        y, q = _reported_quarter(self.ref)
        return y, (q - 1 + self.fiscal_shift) % 4 + 1

    def tense(self, m: re.Match) -> str:
        return tense_at(self.doc, m.start(), m.end())

    def mentioned(self, granularity: str | None, rng) -> None:
        for g in _ANCHORS.get(granularity or "", ()):
            self.anchor[g] = rng[0]

    def anchor_for(self, granularity: str) -> dt.date | None:
        return self.anchor.get(granularity, self.ref)


def _explicit_day(m, c):
    y, mo, d = int(m["year"]), _month_num(m["month"]), int(m["day"])
    return day_value(dt.date(y, mo, d))


def _iso_day(m, c):
    return day_value(dt.date(int(m["year"]), int(m["mon"]), int(m["day"])))


def _month_day(m, c):
    if c.ref is None:
        return None
    mo, d = _month_num(m["month"]), int(m["day"])
    if d > 31:
        return "reject"
    tense = c.tense(m)
    y = _pick_year(c.ref, tense, lambda y: (dt.date(y, mo, min(d, calendar.monthrange(y, mo)[1])),) * 2)
    return day_value(dt.date(y, mo, min(d, calendar.monthrange(y, mo)[1])))


def _week_of(m, c):
    """'the week of March 6': the week that holds the day."""
    day = _explicit_day(m, c) if m["year"] else _month_day(m, c)
    if day in (None, "reject"):
        return day
    return week_value(day[2][0])


def _month_year(m, c):
    return month_value(int(m["year"]), _month_num(m["month"]))


def _month_only(m, c):
    if c.ref is None:
        return None
    mo = _month_num(m["month"])
    y = _pick_year(c.ref, c.tense(m), lambda y: (dt.date(y, mo, 1), _month_end(y, mo)))
    return month_value(y, mo)


def _weekday(m, c):
    if c.ref is None:
        return None
    return day_value(_weekday_date(c.ref, WEEKDAYS[m["weekday"].lower()], c.tense(m)))


def _year(m, c):
    return year_value(int(m["year"]))


def _decade(m, c):
    y = int(m["decade"]) if m["decade"] else None
    if y is None:
        return None
    if y < 100:
        y += 1900
    return decade_value(y - y % 10)


def _relative_day(m, c):
    if c.ref is None:
        return None
    word = m["rel"].lower()
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "last night": -1, "the day before yesterday": -2, "the day after tomorrow": 2}[word]
    return day_value(c.ref + dt.timedelta(days=offset))


_ANAPHORIC = {"the following", "following", "the same", "that"}   # as _anaphoric: from the date last mentioned


def _relative_unit(m, c):
    if c.ref is None:
        return None
    which, unit = m["which"].lower(), m["unit"].lower()
    k = {"this": 0, "current": 0, "the current": 0, "earlier this": 0, "later this": 0, "last": -1,
         "the last": None, "past": None, "the past": None, "previous": -1, "the previous": -1, "next": 1,
         "the next": None, "coming": 1, "the coming": 1, "the following": 1, "following": 1,
         "the same": 0, "that": 0, "the latest": -1, "latest": -1}[which]
    if k is None:
        return "duration"
    r = c.anchor_for("day") if which in _ANAPHORIC else c.ref
    if unit == "week":
        return week_value(r + dt.timedelta(weeks=k))
    if unit == "weekend":
        v, _, (monday, _) = week_value(r + dt.timedelta(weeks=k))
        return v + "-WE", "week", (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
    if unit == "month":
        return month_value(*_shift_months(r.year, r.month, k))
    if unit == "year":
        return year_value(r.year + k)
    if unit == "quarter":
        q = (r.month - 1) // 3 + 1 + k
        y = r.year + (q - 1) // 4
        return quarter_value(y, (q - 1) % 4 + 1)
    if unit == "decade":
        return decade_value(r.year - r.year % 10 + 10 * k)
    return None


def _anaphoric(m, c):
    """'that year', 'the following day', 'later that month', 'the year before': relative to the date last
    mentioned, as a narrative moves its own clock; without one, 'the next day' counts from the reference
    date, while 'that day' points back to nothing and is no date."""
    unit = m["unit"].lower()
    unit = "day" if unit in ("morning", "afternoon", "evening", "night") else unit
    which = re.sub(r"\s+", " ", m["which"].lower())
    if which == "the":   # "the year before", "the day after"
        which = "the previous" if m["dir"].lower() == "before" else "the following"
    pinned_by = "month" if unit == "week" else unit
    base = c.anchor_for(pinned_by)
    if base is None:
        return None
    if which in ("that", "the same") and pinned_by not in c.anchor:
        return "reject"   # "redemptions that day": no day was mentioned for it to point back to
    k = {"that": 0, "the same": 0, "the following": 1, "the next": 1, "the previous": -1, "the preceding": -1,
         "the prior": -1}[which]
    if unit == "day":
        return day_value(base + dt.timedelta(days=k))
    if unit == "week":
        return week_value(c.anchor.get("day", base) + dt.timedelta(weeks=k))
    if unit == "month":
        return month_value(*_shift_months(base.year, base.month, k))
    return year_value(base.year + k)


def _ago(m, c):
    n, unit, direction = _num(m["num"]), m["unit"].lower(), m["dir"].lower()
    if direction == "before" and re.match(r"\s+[\w$]", m.string[m.end():m.end() + 2]):
        return "duration"   # "10 days before the murder": counted from an event, not from today
    if c.ref is None:
        return None
    if n is None:
        return ("PAST_REF", None, None) if direction in ("ago", "earlier", "before") else ("FUTURE_REF", None, None)
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    r = c.ref
    if unit == "day":
        return day_value(r + dt.timedelta(days=sign * n))
    if unit == "week":
        return week_value(r + dt.timedelta(weeks=sign * n))
    if unit == "month":
        return month_value(*_shift_months(r.year, r.month, sign * n))
    if unit == "year":
        return year_value(r.year + sign * n)
    if unit == "decade":
        return decade_value(r.year + sign * 10 * n - (r.year + sign * 10 * n) % 10)
    return None


def _part_of_month(m, c):
    mo = _month_num(m["month"])
    if m["year"]:
        return month_value(int(m["year"]), mo)
    return _month_only(m, c)


def _quarter(m, c):
    q = ORDINALS.get(m["ord"].lower()) if m["ord"] else None
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


def _half(m, c):
    h = 1 if m["ord"].lower() in ("first", "1st", "early") else 2
    if m["year"]:
        return half_value(int(m["year"]), h)
    if c.ref is None:
        return None
    return half_value(c.ref.year, h)


def _season(m, c):
    code = SEASONS[m["season"].lower()]
    if m["year"]:
        return season_value(int(m["year"]), code)
    if c.ref is None:
        return None
    which = re.sub(r"\s+", " ", (m["which"] or "").lower())
    if which in ("last", "next"):
        return season_value(c.ref.year + (1 if which == "next" else -1), code)
    tense = {"this past": "past", "this coming": "future", "this": "present"}.get(which) or c.tense(m)
    return season_value(_pick_year(c.ref, tense, lambda y: season_value(y, code)[2]), code)


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def _decade_word(m, c):
    """'the nineties': the latest such decade up to the reference year (the twentieth century's without one)."""
    d = _DECADE_WORDS[m["dw"].lower()]
    year = c.ref.year if c.ref else 1999
    start = year - year % 100 + 10 * d
    return decade_value(start if start <= year else start - 100)


def _which_month(m, c):
    """'last December' is the latest December before this month, 'next May' the first after it."""
    if c.ref is None:
        return None
    mo = _month_num(m["month"])
    which = m["which"].lower()
    y = c.ref.year
    if which == "last" and mo >= c.ref.month:
        y -= 1
    elif which == "next" and mo <= c.ref.month:
        y += 1
    if m["day"]:
        return day_value(dt.date(y, mo, int(m["day"])))
    return month_value(y, mo)


def _month_relative_year(m, c):
    """'in June last year', 'March next year'."""
    if c.ref is None:
        return None
    k = {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
    return month_value(c.ref.year + k, _month_num(m["month"]))


def _which_weekday(m, c):
    if c.ref is None:
        return None
    wd = WEEKDAYS[m["weekday"].lower()]
    which = re.sub(r"\s+", " ", m["which"].lower())
    # "the previous Friday" and "the following Monday" count from the day the narrative is at.
    r = c.anchor_for("day") if which.startswith("the ") else c.ref
    if which in ("last", "the previous", "this past"):
        d = r - dt.timedelta(days=(r.weekday() - wd) % 7 or 7)
    elif which in ("next", "the following", "this coming"):
        d = r + dt.timedelta(days=(wd - r.weekday()) % 7 or 7)
    else:
        d = _weekday_date(c.ref, wd, c.tense(m))
    return day_value(d)


def _this_year(m, c):
    return None if c.ref is None else year_value(c.ref.year)


def _year_end(m, c):
    """'year-end': the last day of the year the tense points to ("net was below the 1987 level at
    year-end", said in October, is last December's)."""
    if c.ref is None:
        return None
    y = _pick_year(c.ref, c.tense(m), lambda y: (dt.date(y, 12, 31),) * 2)
    return day_value(dt.date(y, 12, 31))


def _this_weekend(m, c):
    if c.ref is None:
        return None
    day = c.ref
    if c.tense(m) in ("past", "named") and day.weekday() < 5:
        day -= dt.timedelta(days=7)
    v, _, (monday, _) = week_value(day)
    return v + "-WE", "week", (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))


def _year_ago(m, c):
    """Earnings-report style: 'a year ago' beside quarterly figures means the same quarter last year; beside
    figures for nine months or a half year, or beside no figures at all ("wages 3.8% higher than a year
    earlier"), it is last year."""
    if c.ref is None:
        return None
    said = m.group(0).lower()
    if "quarter" in said or "period" in said or c.quarterly and _speaks_of_quarter(c.doc, m.start(), m.end()):
        y, q = c.reported_quarter()
        return quarter_value(y - 1, q)
    return year_value(c.ref.year - 1)


_RESULTS = {"net", "earn", "earnings", "profit", "income", "loss", "sale", "revenue", "result", "quarter",
            "period", "share", "margin", "dividend"}
_LONGER_PERIODS = re.compile(r"\b(?:nine|six)[\s-]months?\b|\bhalf\b|\bfiscal year\b|\b(?:the|full|whole) year(?![\w-])")


def _speaks_of_quarter(doc: Doc, start: int, end: int) -> bool:
    """Whether the sentence around a 'year ago' compares a quarter's results."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    sent = span.sent
    if _LONGER_PERIODS.search(sent.text.lower()):
        return False
    return any(t.lemma_.lower() in _RESULTS or "quarter" in t.lower_ and "quarterly" not in t.lower_ for t in sent)


_ONES = {w: i for i, w in enumerate("zero one two three four five six seven eight nine".split())}
_TEENS = {w: 10 + i for i, w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
                                          "nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}


_SPOKEN = (r"(?:nineteen|eighteen)[\s-]+(?:hundred[\s-]+(?:and[\s-]+)?)?"
           r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
           r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[\s-]\w+)"
           r"|two[\s-]thousand(?:[\s-]and)?(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine|ten))?")


def _spoken_year(m, c):
    """Broadcast transcripts spell years out: 'nineteen ninety-six', 'the year two thousand', 'January nineteen
    ninety-seven', 'the winter of nineteen ninety-four'."""
    words = re.split(r"[\s-]+", m.group("spoken").lower())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        y = 2000 + (_ONES.get(rest[0], _TEENS.get(rest[0], 0)) if rest else 0)
    else:
        y = {"nineteen": 1900, "twenty": 2000, "eighteen": 1800}[words[0]]
        for w in words[1:]:
            y += _TENS.get(w, _TEENS.get(w, _ONES.get(w, 0)))
    if m.groupdict().get("month"):
        return month_value(y, _month_num(m["month"]))
    if m.groupdict().get("season"):
        return season_value(y, SEASONS[m["season"].lower()])
    return year_value(y)


_CENTURY_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                "nineteenth": 19, "twentieth": 20, "twenty-first": 21}


def _century(m, c):
    word = m["cent"].lower()
    n = int(re.match(r"\d+", word).group()) if word[0].isdigit() else _CENTURY_ORD[word]
    if not 1 <= n <= 21:
        return "reject"
    return f"{n - 1:02d}", "century", (dt.date(max(1, 100 * (n - 1)), 1, 1), dt.date(100 * n - 1, 12, 31))


def _easter(y: int) -> dt.date:
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


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (n < 0: from the end) given weekday of a month."""
    if n > 0:
        first = dt.date(y, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = _month_end(y, month)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-n - 1))


# Fixed and movable feasts of the calendars newswire writes from (US federal holidays among them).
HOLIDAYS = {
    "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas": lambda y: dt.date(y, 12, 25),
    "boxing day": lambda y: dt.date(y, 12, 26),
    "valentine's day": lambda y: dt.date(y, 2, 14),
    "independence day": lambda y: dt.date(y, 7, 4),
    "the fourth of july": lambda y: dt.date(y, 7, 4),
    "halloween": lambda y: dt.date(y, 10, 31),
    "veterans day": lambda y: dt.date(y, 11, 11),
    "armistice day": lambda y: dt.date(y, 11, 11),
    "may day": lambda y: dt.date(y, 5, 1),
    "easter": _easter,
    "easter sunday": _easter,
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
    "easter monday": lambda y: _easter(y) + dt.timedelta(days=1),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "presidents' day": lambda y: _nth_weekday(y, 2, 0, 3),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
}


def _holiday(m, c):
    day_of = HOLIDAYS[re.sub(r"\s+", " ", m["holiday"].lower()).replace("’", "'")]
    which = (m["which"] or "").lower()
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


def _year_quarter(m, c):
    """Earnings language: "this year's third quarter", "the 1988 second quarter", "last year's quarter"."""
    if m["year"]:
        y = int(m["year"])
    elif c.ref is None:
        return None
    else:
        y = c.ref.year + {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
    q = ORDINALS.get((m["ord"] or "").lower())
    if q is None:   # "the 1988 period": the quarter being reported, in that year
        if c.ref is None:
            return None
        q = c.reported_quarter()[1]
    return quarter_value(y, q)


def _ref(value):
    return lambda m, c: (value, None, None)


def _duration(m, c):
    n = _num(m["num"]) if m["num"] else None
    unit = UNITS[m["unit"].lower()]
    amount = "X" if n is None else str(n)
    if unit in ("H", "MIN"):
        return "duration", f"PT{amount}{'M' if unit == 'MIN' else 'H'}"
    if unit == "DE":
        return "duration", f"P{amount}0Y" if n else "P" + amount + "DE"
    if unit == "CE":
        return "duration", f"P{amount}CE"
    return "duration", f"P{amount}{unit}"


_WHICH = (r"(?P<which>earlier this|later this|the current|this|current|last|the last|the past|past|previous|"
          r"the previous|next|the next|the coming|coming|the following|following|the same|the latest|latest)")

# (pattern, handler, flags) — tried in order; where matches overlap the longer one wins.
RULES: list[tuple[str, object, str]] = [
    (rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}{_WE}", _explicit_day, "month"),
    (rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_WE}", _explicit_day, "month"),
    (rf"(?i:the\s+week\s+of)\s+{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?(?!\d|:\d)", _week_of, "month"),
    (r"(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\d])", _iso_day, "digits"),
    (rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?!\d|:\d)" + r"(?!,?\s+\d)", _month_day, "month"),
    (rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?!,?\s+\d)", _month_day, "month"),
    (rf"(?:(?:the\s+)?(?:early|mid|late|end of|beginning of|start of|middle of)[\s-]+)?{_MONTH},?\s+(?:of\s+)?{_YEAR}{_WE}",
     _part_of_month, "month"),
    (rf"(?i:(?:the\s+)?(?:early|mid|late|end\s+of|beginning\s+of|start\s+of|middle\s+of))[\s-]+{_MONTH}{_WE}(?:,?\s+{_YEAR})?",
     _part_of_month, "month"),
    (r"(?i:(?<=in\s)|(?<=since\s)|(?<=until\s)|(?<=by\s)|(?<=from\s)|(?<=of\s)|(?<=during\s)|(?<=before\s)|"
     r"(?<=after\s)|(?<=through\s)|(?<=till\s)|(?<=last\s)|(?<=next\s)|(?<=this\s)|(?<=and\s)|(?<=or\s)|(?<=to\s)|"
     r"(?<=the\s))"
     r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)(?![\w])",
     _month_only, "month"),
    (r"(?P<month>January|February|April|June|July|August|September|October|November|December)(?![\w\s]*\d)(?![\w])",
     _month_only, "month"),
    (rf"(?i:(?P<which>this|next|last))\s+{_MONTH}(?:\s+{_DAY}(?!\d|:\d))?{_WE}", _which_month, "month"),
    (rf"{_MONTH}\s+(?i:(?P<which>last|this|next))\s+year{_WE}", _month_relative_year, "month"),
    (rf"(?i:(?P<which>last|next|this|the previous|the following|this past|this coming))\s+{_WEEKDAY}{_PART}{_WE}",
     _which_weekday, "weekday"),
    (rf"{_WEEKDAY}{_PART}{_WE}", _weekday, "weekday"),
    (r"(?i:the\s+(?:full\s+|entire\s+|whole\s+|current\s+)?(?:fiscal\s+)?year)(?![\w-])", _this_year, "year"),
    (r"(?i:year[\s-]end)(?![\w-])", _year_end, "year"),
    (r"(?i:the\s+weekend)(?![\w])", _this_weekend, "week"),
    (r"(?i:(?:the\s+)?(?:a\s+year\s+(?:ago|earlier)|year[\s-](?:earlier|ago))(?:\s+(?:third\s+|second\s+|first\s+|fourth\s+)?(?:quarter|period))?)(?![\w-])",
     _year_ago, "year"),
    (r"(?i:(?:the\s+)?(?:early|mid|late)[\s-]+)?(?:the\s+)?(?P<decade>(?:1[89]|20)\d0)'?s(?![\w])", _decade, "digits"),
    (r"(?i:the\s+)'(?P<decade>\d0)s(?![\w])", _decade, "digits"),
    (r"(?i:(?P<rel>the day before yesterday|the day after tomorrow|today|tonight|yesterday|tomorrow|"
     r"this morning|this afternoon|this evening|last night))(?![\w])", _relative_day, "relday"),
    (r"(?i:(?:(?:earlier|later)\s+)?(?P<which>that|the\s+same|the\s+following|the\s+previous|the\s+preceding|"
     r"the\s+prior)\s+(?P<unit>day|morning|afternoon|evening|night|week|month|year))(?![\w])", _anaphoric, "anaphor"),
    (r"(?i:(?P<which>the\s+next)\s+(?P<unit>day|morning|afternoon|evening|night))(?![\w])", _anaphoric, "dayparts"),
    (r"(?i:(?P<which>the)\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after))(?=\s*(?:[,.;:!?)]|$))",
     _anaphoric, "anaphor"),
    (rf"(?i:{_WHICH}\s+(?P<unit>week|weekend|month|year|quarter|decade))(?![\w])", _relative_unit, "relunit"),
    (rf"(?i:{_NUM}[\s-]+{_UNIT}\s+(?P<dir>ago|earlier|before|later|from now|hence))(?![\w])", _ago, "unit"),
    (r"(?i:(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter)(?:\s+of\s+(?:fiscal\s+)?"
     + _YEAR + r")?(?![\w])", _quarter, "quarter"),
    (r"(?i:the\s+(?:latest\s+|last\s+|most\s+recent\s+)?quarter)(?P<ord>)(?P<year>)(?![\w-])", _quarter, "quarter"),
    (r"(?i:(?:the\s+)?(?P<ord>first|second|last|latter|early)\s+half)(?:\s+of\s+" + _YEAR + r")?(?![\w])", _half, "half"),
    (r"(?i:(?:the\s+)?(?P<cent>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
     r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
     r"twentieth|twenty-first)[\s-]+century)(?![\w])", _century, "century"),
    (r"(?i:(?:(?P<which>last|next|this)\s+)?(?P<holiday>new\s+year['’]s\s+(?:day|eve)|christmas(?:\s+(?:day|eve))?|"
     r"boxing\s+day|valentine['’]s\s+day|independence\s+day|the\s+fourth\s+of\s+july|halloween|veterans\s+day|"
     r"armistice\s+day|may\s+day|easter(?:\s+(?:sunday|monday))?|good\s+friday|thanksgiving(?:\s+day)?|"
     r"labor\s+day|memorial\s+day|martin\s+luther\s+king\s+day|presidents['’]?\s+day|election\s+day))"
     r"(?P<week>\s+week)?(?:,?\s+" + _YEAR + r")?(?![\w])", _holiday, "holiday"),
    (r"(?i:(?:(?P<which>this|last|next)\s+year['’]s|the\s+" + _YEAR + r")\s+(?:(?P<ord>first|second|third|fourth)"
     r"[\s-]+)?(?:fiscal\s+)?(?:quarter|period))(?![\w-])", _year_quarter, "yearquarter"),
    (r"(?i:the\s+(?:early\s+|late\s+)?(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))"
     r"(?![\w])", _decade_word, "decadeword"),
    (r"(?i:(?:(?P<which>this\s+past|this\s+coming|this|last|next)\s+|the\s+(?:early\s+|late\s+|mid-?)?)"
     r"(?P<season>spring|summer|fall|autumn|winter))(?:\s+(?:of\s+)?"
     + _YEAR + r")?(?![\w])", _season, "season"),
    (r"(?i:(?:the\s+year\s+)?(?P<spoken>" + _SPOKEN + r"))(?![\w-])", _spoken_year, "spoken"),
    (_MONTH + r",?\s+(?:of\s+)?(?i:(?P<spoken>" + _SPOKEN + r"))(?![\w-])", _spoken_year, "spoken"),
    (r"(?i:(?:the\s+)?(?P<season>spring|summer|fall|autumn|winter)\s+of\s+(?P<spoken>" + _SPOKEN + r"))(?![\w-])",
     _spoken_year, "spoken"),
    (r"(?:\b(?i:fiscal|calendar|the year|model year)\s+|\b(?i:early|late|the end of|mid)[\s-]+|" + _WB + ")"
     + _YEAR + r"(?![\w%-]|\.\d|,\d)", _year, "digits"),
    (r"(?i:\b(?:now|currently|at present|presently|nowadays|these days|the present|right now|"
     r"at the moment|current))(?![\w-])", _ref("PRESENT_REF"), "present"),
    (r"(?i:\b(?:recently|recent (?:days|weeks|months|years)|lately|the past))(?![\w-])", _ref("PAST_REF"), "past"),
    (r"(?i:\b(?:the future|the near future|(?:the )?coming (?:days|weeks|months|years)|the years ahead))(?![\w-])",
     _ref("FUTURE_REF"), "future"),
    (rf"(?i:(?:the\s+(?:past|last|next|first|coming)\s+)?{_NUM}?[\s-]*(?P<unit>day|week|month|year|decade|century|hour|minute)s?(?:[\s-]long|[\s-]old)?)(?![\w-])",
     _duration, "unit"),
]
_COMPILED = [(re.compile(p), h, gate) for p, h, gate in RULES]


def _is_number_not_year(doc: Doc | None, start: int, end: int) -> bool:
    """'2000 people', '$1999': a four-digit number that counts something is no year."""
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    tok = span[-1]
    if tok.i > 0 and doc[tok.i - 1].text in "$€£#":
        return True
    if len(span) > 1 or tok.i > 0 and (doc[tok.i - 1].lower_ in _YEAR_DETERMINERS or doc[tok.i - 1].tag_ == "POS"):
        return False   # "fiscal 1989 sales", "the 2000 Olympics", "the company's 1989 results"
    if any(t.pos_ == "PROPN" for t in doc[tok.i + 1:tok.head.i]):
        return False   # "1990 BellSouth earnings": a count stands next to what it counts
    return tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS")


_ERA_NOUNS = r"world|youth|society|generation|children|kids|teenagers|young|economy|culture|standards"
_OF_AN_ERA = re.compile(rf"(?i:today|tomorrow)['’]s\s+(?:{_ERA_NOUNS})\b")


def _no_time(text: str, start: int, end: int) -> bool:
    """'today's world', 'the people of tomorrow': an era, no day; 'USA Today', ABC's "This Week": a title."""
    said = text[start:end]
    if _OF_AN_ERA.match(text, start) or re.search(r"(?i)\bof\s+$", text[max(0, start - 4):start]) and \
            said.lower() in ("today", "tomorrow"):
        return True
    words = said.split()
    if not all(w[0].isupper() for w in words):
        return False
    before = text[max(0, start - 40):start]
    if len(words) > 1:
        return before.rstrip(" ").endswith(('"', "“", "``", "'"))
    return re.search(r"[A-Z][\w.&-]*['’]?s?\s+$", before) is not None and not re.search(r"[.!?:;\n]\s*\S*\s+$", before)


_YEAR_DETERMINERS = {"the", "its", "their", "his", "her", "our", "this", "that", "whose"}


# Every rule's match contains one of its gate's keywords, so each rule only runs near those (regular
# expressions tried at every character of an article cost more than all the other date work together).
_KEYWORD = re.compile(
    r"\b(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"today|tonight|yesterday|tomorrow|night|morning|evening|afternoon|day|week|month|year|decade|centur|hour|"
    r"minute|quarter|half|spring|summer|fall|autumn|winter|now|current|present|nowadays|recent|lately|past|future|"
    r"coming|ago|ahead|nineteen|eighteen|thousand|twenties|thirties|forties|fifties|sixties|seventies|eighties|"
    r"nineties|christmas|easter|thanksgiving|halloween|moment)|\d{4}|\d0s")
_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
_UNITS = {"day", "week", "month", "year", "dec", "decade", "centur", "hour", "minute"}   # "dec" opens "decade"
_DAYPARTS = {"morning", "afternoon", "evening", "night"}
_GATES = {
    "month": _MONTHS, "digits": {"#"}, "year": {"year"}, "week": {"week"},
    "weekday": {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"},
    "relday": {"today", "tonight", "yesterday", "tomorrow", "day"} | _DAYPARTS,
    "anaphor": {"day", "week", "month", "year"} | _DAYPARTS, "dayparts": {"day"} | _DAYPARTS,
    "relunit": {"week", "month", "year", "quarter", "dec", "decade"}, "unit": _UNITS,
    "quarter": {"quarter"}, "half": {"half"}, "century": {"centur"},
    "holiday": {"christmas", "easter", "thanksgiving", "halloween", "jul", "day", "year", "friday"},
    "yearquarter": {"year", "#"},
    "decadeword": {"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"},
    "season": {"spring", "summer", "fall", "autumn", "winter"}, "spoken": {"nineteen", "eighteen", "thousand"},
    "present": {"now", "current", "present", "nowadays", "day", "moment"}, "past": {"recent", "lately", "past"},
    "future": {"future", "coming", "ahead"},
}
_REACH = 60   # longer than any expression the rules accept, on either side of its keyword


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each gate, the merged stretches of text within reach of one of its keywords."""
    hits = [(m.start(), m.end(), "#" if m.group()[0].isdigit() else m.group().lower()) for m in _KEYWORD.finditer(text)]
    out: dict[str, list[tuple[int, int]]] = {}
    for gate, words in _GATES.items():
        spans: list[list[int]] = []
        for start, end, word in hits:
            if word not in words:
                continue
            lo, hi = max(0, start - _REACH), min(len(text), end + _REACH)
            if spans and lo <= spans[-1][1]:
                spans[-1][1] = hi
            else:
                spans.append([lo, hi])
        out[gate] = [(lo, hi) for lo, hi in spans]
    return out


def find(text: str, doc: Doc | None, ref: dt.date | None) -> list[Timex]:
    """Every temporal expression of the text, normalized against `ref` (None: relative ones stay unresolved)."""
    ctx = _Ctx(text, ref, doc)
    candidates = []
    windows = _windows(text)
    for order, (rx, handler, gate) in enumerate(_COMPILED):
        for lo, hi in windows[gate]:
            for m in rx.finditer(text, lo, hi):
                if m.end() <= m.start():
                    continue
                candidates.append((m.start(), -(m.end() - m.start()), order, m, handler))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    taken: list[tuple[int, int]] = []
    out: list[Timex] = []
    for start, _neg_len, _order, m, handler in candidates:
        end = m.end()
        if any(s < end and start < e for s, e in taken):
            continue
        if start > 0 and text[start - 1].isalnum() or end < len(text) and text[end].isalnum():
            continue  # inside a word or number: "nearly half", "1,384,119 Octel"
        if handler is _duration and not (m["num"] or text[start:end].lower().startswith("the")):
            continue  # a bare unit word ("the year" alone is no duration)
        if handler is _year and _is_number_not_year(doc, start, end):
            continue
        if handler in (_relative_day, _relative_unit) and _no_time(text, start, end):
            continue
        try:
            result = handler(m, ctx)
        except (ValueError, OverflowError):
            continue
        if result == "reject":
            continue
        if handler is _duration or result == "duration":
            kind, value = result if handler is _duration else ("duration", _relative_duration(m))
            out.append(Timex(start, end, text[start:end], value, kind, None, None))
        elif result is None:
            out.append(Timex(start, end, text[start:end], None, "date", None, None))
        else:
            value, gran, rng = result
            out.append(Timex(start, end, text[start:end], value, "date", gran, rng))
            if rng is not None:
                ctx.mentioned(gran, rng)
        taken.append((start, end))
    out.sort(key=lambda t: t.start)
    return out


def _relative_duration(m) -> str:
    unit = UNITS[m["unit"].lower()]
    n = _num(m["num"]) if m.groupdict().get("num") else 1
    return f"P{'X' if n is None else n}{unit}"


# ---- the reference date found in the text ---------------------------------------------------

_EPOCH_MS = re.compile(r"(?<![\d])(1[0-9]{12})(?![\d])")
# The rules that give a whole calendar day on their own, picked by what they do, not by where they stand.
_FULL_DATE = [rx for rx, handler, _ in _COMPILED if handler is _explicit_day]


def reference_from_text(text: str) -> dt.date | None:
    """A dateline, caption date or file-name timestamp: the first full date the text gives."""
    found = []
    for rx in _FULL_DATE:
        for m in rx.finditer(text):
            try:
                found.append((m.start(), dt.date(int(m["year"]), _month_num(m["month"]), int(m["day"]))))
            except ValueError:   # "February 30, 2024" is no day
                continue
    for m in _EPOCH_MS.finditer(text):
        when = dt.datetime.fromtimestamp(int(m.group(1)) / 1000, tz=dt.timezone.utc).date()
        if 1995 <= when.year <= 2100:
            found.append((m.start(), when))
    return min(found)[1] if found else None
