"""Temporal expressions: TIMEX3 values, granularity and ranges, resolved by tense against the reference date."""
from __future__ import annotations

import datetime as dt

import pytest

from service import dates

REF = dt.date(2024, 8, 20)   # Tuesday, ISO week 34


def found(nlp, text, ref=REF):
    return [(t.text, t.value) for t in dates.find(text, nlp(text), ref)]


@pytest.mark.parametrize("text, expected", [
    ("Blinken met Netanyahu on Monday.", [("Monday", "2024-08-19")]),
    ("Talks are scheduled for Thursday.", [("Thursday", "2024-08-22")]),
    ("Blinken is set to meet Israeli leaders on Monday.", [("Monday", "2024-08-26")]),
    ("He said it on Wednesday night.", [("Wednesday night", "2024-08-14")]),
    ("The talks took place last week.", [("last week", "2024-W33")]),
    ("Talks resumed earlier this week.", [("earlier this week", "2024-W34")]),
    ("They had agreed to it in early July.", [("early July", "2024-07")]),
    ("Fighting broke out in mid-February.", [("mid-February", "2024-02")]),
    ("The plan was laid out in late May.", [("late May", "2024-05")]),
    ("Since the October 7 attack, talks stalled.", [("October 7", "2023-10-07")]),
    ("The deal was signed on August 18, 2024.", [("August 18, 2024", "2024-08-18")]),
    ("The war began in 2023.", [("2023", "2023")]),
    ("Prices rose in the 1990s.", [("the 1990s", "199")]),
    ("Profits fell in the third quarter.", [("the third quarter", "2024-Q3")]),
    ("The law passed yesterday.", [("yesterday", "2024-08-19")]),
    ("He is now in Cairo.", [("now", "PRESENT_REF")]),
    ("It happened two weeks ago.", [("two weeks ago", "2024-08-06")]),
    ("They met last Thursday.", [("last Thursday", "2024-08-15")]),
    ("Elections are due next year.", [("next year", "2025")]),
])
def test_normalization(nlp, text, expected):
    assert found(nlp, text) == expected


def test_durations_are_not_dates(nlp):
    got = dates.find("A six-week pause after five-month-long talks.", nlp("A six-week pause after five-month-long talks."), REF)
    assert [(t.text, t.kind, t.value, t.range) for t in got] == [
        ("six-week", "duration", "P6W", None), ("five-month-long", "duration", "P5M", None)]


def test_counts_are_not_years(nlp):
    assert found(nlp, "About 2000 people fled.") == []


def test_ranges_and_granularity(nlp):
    text = "They met last week and in July and in 2023."
    got = {t.text: (t.granularity, t.range) for t in dates.find(text, nlp(text), REF)}
    assert got["last week"] == ("week", (dt.date(2024, 8, 12), dt.date(2024, 8, 18)))
    assert got["July"] == ("month", (dt.date(2024, 7, 1), dt.date(2024, 7, 31)))
    assert got["2023"] == ("year", (dt.date(2023, 1, 1), dt.date(2023, 12, 31)))


def test_without_reference_relative_dates_have_no_value(nlp):
    assert found(nlp, "They met on Monday and on August 18, 2024.", None) == [
        ("Monday", None), ("August 18, 2024", "2024-08-18")]


@pytest.mark.parametrize("text, expected", [
    ("gazaaaaaa-1723993484098\nPalestinians flee.", dt.date(2024, 8, 18)),
    ("Photo taken on August 18, 2024. Israel said ...", dt.date(2024, 8, 18)),
    ("Israel said on Monday ...", None),
])
def test_reference_date_from_text(text, expected):
    assert dates.reference_from_text(text) == expected
