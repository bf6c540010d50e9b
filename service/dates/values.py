"""TIMEX3 values: a date's value, its granularity and the closed range of days it covers."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    value: str | None
    kind: str                      # date, duration, time, set
    granularity: str | None
    range: tuple[dt.date, dt.date] | None
    rule: str = ""                 # the rule that found it (rules.txt)
    warning: str | None = None     # why a date the text gives could not be resolved (its value is null)

    def as_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value, "kind": self.kind,
                "granularity": self.granularity,
                "range": None if self.range is None else {"start": self.range[0].isoformat(),
                                                          "end": self.range[1].isoformat()}}


def month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def shift_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def day_value(d: dt.date):
    return d.isoformat(), "day", (d, d)


def week_value(d: dt.date):
    iso = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    return f"{iso[0]}-W{iso[1]:02d}", "week", (monday, monday + dt.timedelta(days=6))


def weekend_value(d: dt.date):
    value, _, (monday, _) = week_value(d)
    return value + "-WE", "week", (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))


def month_value(y: int, m: int):
    return f"{y:04d}-{m:02d}", "month", (dt.date(y, m, 1), month_end(y, m))


def quarter_value(y: int, q: int):
    return f"{y:04d}-Q{q}", "quarter", (dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q))


def half_value(y: int, h: int):
    return f"{y:04d}-H{h}", "half", (dt.date(y, 6 * h - 5, 1), month_end(y, 6 * h))


def year_value(y: int):
    return f"{y:04d}", "year", (dt.date(y, 1, 1), dt.date(y, 12, 31))


def season_value(y: int, code: str, first: int, last: int):
    """A season from its first to its last month; one whose last month comes before its first ends in the
    next year (winter)."""
    end = month_end(y + 1, last) if last < first else month_end(y, last)
    return f"{y:04d}-{code}", "season", (dt.date(y, first, 1), end)


def decade_value(decade_start: int):
    return f"{decade_start // 10:03d}", "decade", (dt.date(decade_start, 1, 1), dt.date(decade_start + 9, 12, 31))


def century_value(n: int):
    """The n-th century: "the 11th century" is 1000-1099, TIMEX3 "10"."""
    return f"{n - 1:02d}", "century", (dt.date(max(1, 100 * (n - 1)), 1, 1), dt.date(100 * n - 1, 12, 31))
