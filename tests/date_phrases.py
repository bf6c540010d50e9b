"""A grammar of date phrases for property-based tests: date-dense English with the forms the date rules
read (weekdays, "the week of", seasons, quarters, holidays, decades, datelines, numeric dates) and the
impossible ones they must survive ("February 30", "the 99th century", "99999999 days ago")."""
from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December", "Jan.", "Feb", "Mar.", "Sept.", "Sep", "Nov.", "Dec"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_HOLIDAYS = ["Christmas", "Christmas Eve", "Easter", "Easter Monday", "Good Friday", "Thanksgiving", "Presidents Day",
             "Presidents’ Day", "New Year's Eve", "Valentine’s Day", "Memorial Day", "Election Day", "May Day",
             "the Fourth of July", "Labor Day", "Halloween", "Martin Luther King Day", "Boxing Day"]
_UNITS = ["day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades", "hour",
          "minutes", "century", "quarter", "weekend"]
_COUNTS = ["a", "an", "two", "a few", "several", "many", "twelve", "0", "3", "10", "99999999", "123456789012"]
_DAYS = st.sampled_from(["0", "1", "7", "12", "28", "29", "30", "31", "32", "39", "1st", "3rd", "30th"])
_YEARS = st.sampled_from(["1799", "1800", "1850", "1989", "1990", "2000", "2024", "2099"])
_SPACE = st.sampled_from([" ", " ", " ", "  ", "\n"])


def _phrase(draw) -> str:
    m, w, d, y = (draw(st.sampled_from(_MONTHS)), draw(st.sampled_from(_WEEKDAYS)), draw(_DAYS), draw(_YEARS))
    h, s = draw(st.sampled_from(_HOLIDAYS)), draw(_SPACE)
    which = draw(st.sampled_from(["last", "next", "this", "this past", "this coming", "the previous",
                                  "the following", "the same", "that", "the next", "the coming", "earlier this"]))
    forms = [
        f"{m} {d}, {y}", f"{w}, {m} {d}, {y}", f"{d} {m} {y}", f"the {d} of {m}", f"{m} {d}", f"{w}{s}{m} {d}",
        f"the week of {m} {d}", f"the week of {m} {d}, {y}", f"BEIJING, the week of {m} {d} (Xinhua) --",
        f"{y}-{draw(st.sampled_from(['00', '02', '12', '13']))}-{draw(st.sampled_from(['00', '15', '29', '30', '31']))}",
        f"{d}/{draw(st.sampled_from(['1', '12', '13']))}/{y}", f"early {m}", f"mid-{m} {y}", f"End of {m} of {y}",
        f"in {m}", m, f"{which} {m}", f"{which} {m} {d}", f"{m} {which} year", f"{which} {w}", f"{w} night", w,
        f"{which}{s}{draw(st.sampled_from(_UNITS))}", f"the {draw(st.sampled_from(_UNITS))} before.",
        f"{draw(st.sampled_from(_COUNTS))} {draw(st.sampled_from(_UNITS))} "
        f"{draw(st.sampled_from(['ago', 'earlier', 'later', 'from now', 'before the vote', 'long']))}",
        f"the {draw(st.sampled_from(['first', 'fourth', '2nd', 'fifth', 'latest']))} quarter",
        f"the {draw(st.sampled_from(['first', 'fourth']))} quarter of {y}", "this year's second quarter",
        f"the {y} period", "the year-earlier quarter", "a year ago", "the quarter", "year-end", "the weekend",
        f"the {draw(st.sampled_from(['first', 'latter', 'early']))} half of {y}",
        f"the {draw(st.sampled_from(['11th', 'twenty-first', '0th', '99th', 'fifth']))} century",
        f"{which} {h}", h, f"{h} week", f"{h}, {y}",
        f"the {draw(st.sampled_from(['early ', 'late ', 'mid-', '']))}{y[:3]}0s", "the '90s",
        f"the {draw(st.sampled_from(['early ', '']))}{draw(st.sampled_from(['nineties', 'twenties', 'sixties']))}",
        f"{draw(st.sampled_from(['this past', 'this', 'last', 'next', 'the early', 'the']))} "
        f"{draw(st.sampled_from(['spring', 'summer', 'fall', 'autumn', 'winter']))}", f"the winter of {y}",
        "nineteen ninety-six", "two thousand and ten", f"{m} nineteen oh five", "the summer of nineteen eighty-four",
        f"fiscal {y}", f"{y} people", f"${y}", "today's world", "USA Today", f"the day{s}before yesterday",
        f"last{s}night", "later that month", "now", "currently", "recently", "the near future", "the coming weeks",
    ]
    return draw(st.sampled_from(forms))


@st.composite
def date_texts(draw) -> str:
    """A few sentences dense with date phrases."""
    glue = st.sampled_from([" and ", ". ", ", ", " on ", " in ", " until ", " since ", "; ", " by ", " said ",
                            " will meet ", " met ", " was set for ", "\n\n"])
    n = draw(st.integers(min_value=1, max_value=8))
    text = "Talks" + "".join(draw(glue) + _phrase(draw) for _ in range(n)) + "."
    # The letters outside ASCII that case-insensitive patterns take for "i", "s" and "k" ("Laſt week").
    return text.translate(draw(st.sampled_from([{}, str.maketrans("isk", "ıſ\u212a"), str.maketrans("I", "İ")])))


# With and without a reference date (published_at or one found in the text).
references = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
