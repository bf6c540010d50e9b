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
    ("Officials said the army could as early as Monday publicly announce the figure.", [("Monday", "2024-08-26")]),
    # a participle on a noun: nearer side, unless the noun's clause is past
    ("The delegates, meeting in Lima on Thursday, are divided.", [("Thursday", "2024-08-22")]),
    ("The delegates, meeting in Lima on Thursday, were divided.", [("Thursday", "2024-08-15")]),
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


@pytest.mark.parametrize("text, expected", [
    ("Leaders will meet on Nov. 4 and 5 in Lima.", [("Nov. 4", "2024-11-04"), ("5", "2024-11-05")]),
    ("The Dec. 6-17, 2023 conference ended.", [("Dec. 6", "2023-12-06"), ("17, 2023", "2023-12-17")]),
    ("They were asked to meet on 10 and 11 September.", [("10", "2024-09-10"), ("11 September", "2024-09-11")]),
    ("The summit is slated for Nov. 4-5.", [("Nov. 4", "2024-11-04"), ("5", "2024-11-05")]),
    # no pair: a count after the day, a day range backwards
    ("On Nov. 4 and 5,000 people marched.", [("Nov. 4", "2023-11-04")]),
])
def test_two_days_of_a_month_are_two_dates(nlp, text, expected):
    assert found(nlp, text) == expected


@pytest.mark.parametrize("text", ["Environmental group Transport 2000 said the plan was wrong.",
                                  "The meetings, dubbed Nairobi 2006, opened in a hall."])
def test_a_year_numbering_a_name_is_no_date(nlp, text):
    assert found(nlp, text) == []


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


def test_later_or_earlier_this_unit_ranges_over_its_part_after_or_before_the_reference_day(nlp):
    text = "They will meet later this month; they met earlier this year; they meet this week."
    got = {t.text: (t.value, t.range) for t in dates.find(text, nlp(text), REF)}
    assert got["later this month"] == ("2024-08", (dt.date(2024, 8, 21), dt.date(2024, 8, 31)))
    assert got["earlier this year"] == ("2024", (dt.date(2024, 1, 1), dt.date(2024, 8, 19)))
    assert got["this week"] == ("2024-W34", (dt.date(2024, 8, 19), dt.date(2024, 8, 25)))


def test_without_reference_relative_dates_have_no_value(nlp):
    assert found(nlp, "They met on Monday and on August 18, 2024.", None) == [
        ("Monday", None), ("August 18, 2024", "2024-08-18")]


@pytest.mark.parametrize("text, expected", [
    ("gazaaaaaa-1723993484098\nPalestinians flee.", dt.date(2024, 8, 18)),
    ("Photo taken on August 18, 2024. Israel said ...", dt.date(2024, 8, 18)),
    ("Israel said on Monday ...", None),
    # a rule whose year is optional gives no reference day, and an impossible day is none
    ("Talks are set for the week of May 5.", None),
    ("BEIJING, the week of Nov. 8 (Xinhua) -- Talks began.", None),
    ("CAIRO, February 30, 2024 -- Talks began on March 2, 2024.", dt.date(2024, 3, 2)),
])
def test_reference_date_from_text(text, expected):
    assert dates.reference_from_text(text) == expected


def test_anaphoric_expressions_follow_the_narrative(nlp):
    text = "The ship sank on March 3, 2021. The following day divers arrived. In 2019 it had been sold; later that year it was renamed."
    assert found(nlp, text) == [("March 3, 2021", "2021-03-03"), ("The following day", "2021-03-04"),
                                ("2019", "2019"), ("later that year", "2019")]


@pytest.mark.parametrize("text, expected", [
    # counted from the day just named, in its sentence or the two before it
    ("The envoys will meet on 10 September, followed three days later by a meeting with the donors.",
     [("10 September", "2024-09-10"), ("three days later", "2024-09-13")]),
    ("The congress opens in Lyon on 12 October. Delegates are expected. Talks resume in Turin 10 days later.",
     [("12 October", "2024-10-12"), ("10 days later", "2024-10-22")]),
    ("The ship sank on March 5, 2021. Three days earlier it had left port.",
     [("March 5, 2021", "2021-03-05"), ("Three days earlier", "2021-03-02")]),
    # a day named long before, or none: from the reference date; "ago" always is
    ("The congress opened on 18 November. Delegates arrived from abroad. Many of them were tired. The hall was "
     "cold. Talks resumed three days later.", [("18 November", "2023-11-18"), ("three days later", "2024-08-23")]),
    ("The talks began on 12 August. They ended two days ago.", [("12 August", "2024-08-12"), ("two days ago", "2024-08-18")]),
])
def test_n_days_later_counts_from_the_day_just_named(nlp, text, expected):
    assert found(nlp, text) == expected


def test_anaphoric_expressions_without_a_date_use_the_reference(nlp):
    assert found(nlp, "Rebels attacked the town. The next day, troops arrived.") == [("The next day", "2024-08-21")]


@pytest.mark.parametrize("year, easter", [(2024, dt.date(2024, 3, 31)), (2000, dt.date(2000, 4, 23)),
                                          (1998, dt.date(1998, 4, 12)), (2025, dt.date(2025, 4, 20))])
def test_easter(year, easter):
    assert dates.normalize.easter(year) == easter


def test_a_past_verb_cannot_mean_a_month_not_yet_begun(nlp):
    late_october = dt.date(2024, 10, 28)
    assert found(nlp, "The group changed its name in December.", late_october) == [("December", "2023-12")]
    assert found(nlp, "The dividend is payable Dec. 15.", late_october) == [("Dec. 15", "2024-12-15")]


THU, FRI, SUN, MON = dt.date(2024, 8, 22), dt.date(2024, 8, 23), dt.date(2024, 8, 25), dt.date(2024, 8, 26)
LATE_OCTOBER = dt.date(2024, 10, 26)


@pytest.mark.parametrize("text, ref, expected", [
    # a deadline looks forward unless a past perfect has it passed already
    ("Officials postponed the vote until Tuesday.", THU, [("Tuesday", "2024-08-27")]),
    ("Thirty members had filed reports by Wednesday.", THU, [("Wednesday", "2024-08-21")]),
    ("The agency has given the family until 9 a.m. Tuesday to sign.", dt.date(2024, 8, 19),
     [("Tuesday", "2024-08-20")]),
    # a plan reported in the past lies on whichever side is nearer
    ("Protesters planned a large rally on Saturday.", FRI, [("Saturday", "2024-08-24")]),
    ("A memorial service planned for Saturday was canceled.", SUN, [("Saturday", "2024-08-24")]),
    ("The issue will dominate a summit set for Washington in April.", dt.date(2024, 3, 12), [("April", "2024-04")]),
    ("The index is near the record high set on Aug. 6.", dt.date(2025, 2, 6), [("Aug. 6", "2024-08-06")]),
    # participles and infinitives take the tense of the clause they belong to
    ("The stock has swung, rising to $42 in June from $29 in March.", LATE_OCTOBER,
     [("June", "2024-06"), ("March", "2024-03")]),
    ("Problems made it hard for the firm to meet demand well into the summer.", LATE_OCTOBER,
     [("the summer", "2024-SU")]),
    ("The bank announced an agreement to acquire the lender in January.", LATE_OCTOBER, [("January", "2025-01")]),
    # a singular subject with a bare verb: the tagger's present is a past ("hurt", "cut", "set")
    ("Weakness in technology stocks hurt the index on Friday.", MON, [("Friday", "2024-08-23")]),
    ("Stocks fell on Friday, down 4% from the previous Friday.", MON,
     [("Friday", "2024-08-23"), ("the previous Friday", "2024-08-16")]),
])
def test_tense_of_the_clause(nlp, text, ref, expected):
    assert found(nlp, text, ref) == expected


@pytest.mark.parametrize("text, expected", [
    ("Third-quarter profit rose to $9 million from $5 million a year earlier.", "2023-Q2"),
    ("For the nine months, net rose to $9 million from $5 million a year earlier. The quarter was weak.", "2023"),
    ("Wages were 3.8 percent higher than a year earlier, the quarterly survey found.", "2023"),
    ("The third-quarter net loss was $5 million, compared with a year-earlier net loss of $6 million.", "2023-Q2"),
])
def test_a_year_ago_is_the_quarter_only_beside_quarterly_figures(nlp, text, expected):
    year_ago = [v for t, v in found(nlp, text) if "year" in t.lower() and ("ago" in t or "earlier" in t)]
    assert year_ago == [expected]


def test_the_quarter_is_numbered_as_the_company_numbers_it(nlp):
    text = "Its fourth quarter ended June 30. In the quarter ended Sept. 29, net rose; in the quarter, sales fell."
    assert ("the quarter", "2024-Q1") in found(nlp, text, LATE_OCTOBER)


@pytest.mark.parametrize("text", [
    'Baker spoke on ABC\'s "This Week" program.',
    "He reads USA Today on the train.",
    "Rules that make no sense in today's world.",
    "I would have chosen the people of tomorrow.",
    "It accounts for nearly half of the assets.",
    "It now holds 1,384,119 Octel shares.",
    "The quarter-to-quarter comparison was enhanced.",
    "You get strong redemptions that day and for two days following.",
])
def test_names_eras_and_word_fragments_are_no_dates(nlp, text):
    assert [(t, v) for t, v in found(nlp, text) if v is not None and not v.startswith("P")] == []


@pytest.mark.parametrize("text, ref, expected", [
    ("Revenue fell to $300 million last year, down from $450 million the year before.", REF,
     [("last year", "2023"), ("the year before", "2022")]),
    ("A hearing is set for the week of March 6.", dt.date(2024, 2, 24), [("the week of March 6", "2024-W10")]),
    ("Pilgrims arrived for Easter week.", dt.date(2024, 3, 25), [("Easter week", "2024-W13")]),
    ("It began in January nineteen ninety-seven.", REF, [("January nineteen ninety-seven", "1997-01")]),
    ("It was cold in the winter of nineteen ninety-four.", REF,
     [("the winter of nineteen ninety-four", "1994-WI")]),
    ("The March accession lets them vote.", dt.date(2024, 2, 10), [("March", "2024-03")]),
    ("Sales in the current fiscal year will rise.", REF, [("the current fiscal year", "2024")]),
    ("Net was below the 2022 level at year-end.", dt.date(2024, 10, 26), [("2022", "2022"), ("year-end", "2023-12-31")]),
    ("The loan is due at year-end.", dt.date(2024, 10, 26), [("year-end", "2024-12-31")]),
    ("Analysts predicted 1990 BellSouth earnings of $3.90 a share.", REF, [("1990", "1990")]),
])
def test_more_expressions(nlp, text, ref, expected):
    assert found(nlp, text, ref) == expected


def test_days_before_an_event_are_a_duration(nlp):
    text = "A jogger saw the car 10 days before the murder."
    assert [(t.text, t.kind, t.value) for t in dates.find(text, nlp(text), REF)] == [
        ("10 days before", "duration", "P10D")]
