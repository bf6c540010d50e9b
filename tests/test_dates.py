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
    ("It happened two weeks ago.", [("two weeks ago", "2024-W32")]),
    ("They met last Thursday.", [("last Thursday", "2024-08-15")]),
    ("Elections are due next year.", [("next year", "2025")]),
    ("The Times said in an editorial on Saturday, August 17: the war", [("Saturday, August 17", "2024-08-17")]),
    ("The talks broke down last December.", [("last December", "2023-12")]),
    ("He was shot last Oct. 23 at home.", [("last Oct. 23", "2023-10-23")]),
    ("In June last year the leaders met.", [("June last year", "2023-06")]),
    ("They agreed to sell the unit in February.", [("February", "2025-02")]),
    ("The change is effective Sept. 1.", [("Sept. 1", "2024-09-01")]),
    ("The father could arrive as early as Monday.", [("Monday", "2024-08-26")]),
    ("Netanyahu and Abbas meet separately Thursday.", [("Thursday", "2024-08-22")]),
    ("Prices peaked in mid-2019.", [("mid-2019", "2019")]),
    ("The move follows Monday's declaration.", [("Monday", "2024-08-19")]),
    ("Talks resumed in the early summer.", [("the early summer", "2024-SU")]),
    ("Rents doubled in the nineties.", [("the nineties", "199")]),
    ("The company said its 2023 sales rose.", [("2023", "2023")]),
    ("Walls built in the 11th century still stand.", [("the 11th century", "10")]),
    ("Crowds gathered on Thanksgiving Day.", [("Thanksgiving Day", "2023-11-23")]),
    ("Sales rose in this year's second quarter.", [("this year's second quarter", "2024-Q2")]),
    ("Profit fell in the last half of 2023.", [("the last half of 2023", "2023-H2")]),
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


def test_anaphoric_expressions_follow_the_narrative(nlp):
    text = "The ship sank on March 3, 2021. The following day divers arrived. In 2019 it had been sold; later that year it was renamed."
    assert found(nlp, text) == [("March 3, 2021", "2021-03-03"), ("The following day", "2021-03-04"),
                                ("2019", "2019"), ("later that year", "2019")]


def test_anaphoric_expressions_without_a_date_use_the_reference(nlp):
    assert found(nlp, "Rebels attacked the town. The next day, troops arrived.") == [("The next day", "2024-08-21")]


@pytest.mark.parametrize("year, easter", [(2024, dt.date(2024, 3, 31)), (2000, dt.date(2000, 4, 23)),
                                          (1998, dt.date(1998, 4, 12)), (2025, dt.date(2025, 4, 20))])
def test_easter(year, easter):
    assert dates.HOLIDAYS["easter"](year) == easter


def test_a_past_verb_cannot_mean_a_month_not_yet_begun(nlp):
    late_october = dt.date(2024, 10, 28)
    assert found(nlp, "The group changed its name in December.", late_october) == [("December", "2023-12")]
    assert found(nlp, "The dividend is payable Dec. 15.", late_october) == [("Dec. 15", "2024-12-15")]
