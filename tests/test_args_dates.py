"""Dates of events: which of a sentence's dates belong to which event (the dates themselves: test_dates.py)."""
from __future__ import annotations

import datetime as dt

import pytest

from service.core import extract
from tests.helpers import events


@pytest.mark.parametrize("text, type_, values", [
    # a date fronted before the main verb holds for the verbs coordinated with it ...
    ("On Sunday, Netanyahu accused Hamas of obstructing progress and called for more pressure on it.", "demand",
     ["2024-08-18"]),
    # ... not for a clause with a time of its own
    ("On Sunday, Netanyahu said that Hamas had rejected the proposal.", "rejection", []),
])
def test_a_fronted_date_holds_for_coordinated_verbs_not_for_reported_clauses(nlp, text, type_, values):
    assert [d["value"] for e in events(nlp, text) if e["type"] == type_ for d in e["dates"]] == values


def test_a_date_left_unresolved_dates_no_event_but_stays_in_the_index(nlp):
    out = extract(nlp, "The minister met the union leaders on Thursday.", None)
    assert [e["dates"] for e in out["events"] if e["type"] == "meeting"] == [[]]
    assert [(d["text"], d["value"]) for d in out["entities"]["dates"]] == [("Thursday", None)]


@pytest.mark.parametrize("text, type_", [
    # vague: no time the text fixes
    ("Officials said on Monday the talks would resume in the coming days.", "negotiation"),
    ("The talks are now under way.", "negotiation"),
    # where a span begins or ends, not when the event happens
    ("The minister made his first visit to the country since August.", "visit"),
    ("They are negotiating commitments beyond 2012.", "negotiation"),
    ("Until Thursday, the government had refused to negotiate with the rebels.", "rejection"),
])
def test_vague_dates_and_span_edges_date_no_event(nlp, text, type_):
    assert [e["dates"] for e in events(nlp, text) if e["type"] == type_] == [[]]


@pytest.mark.parametrize("text, type_, values", [
    ("The summit, to be held in Lima on Nov. 4 and 5, will discuss trade.", "meeting", ["2024-11-04", "2024-11-05"]),
    ("Leaders agreed to meet on 10 and 11 September.", "meeting", ["2024-09-10", "2024-09-11"]),
])
def test_an_event_over_two_days_carries_both(nlp, text, type_, values):
    assert [d["value"] for e in events(nlp, text) if e["type"] == type_ for d in e["dates"]] == values


@pytest.mark.parametrize("text, type_, values", [
    # a verb coordinated with a dated one, in the same tense
    ("The minister criticised the plan on Monday and urged the envoys to resign.", "demand", ["2024-08-19"]),
    # ... not one moved on, nor one with a time of its own
    ("The plan was laid out by the president in May and later endorsed by the council.", "agreement", []),
    ("The envoys met on Monday and will meet again soon.", "meeting", ["2024-08-19"]),
    # the manner of a dated verb, and a "when" clause of one
    ("The group compromised last year by saying it would drop the demand.", "statement", ["2023"]),
    ("The president caused a backlash in October when he called for the border to be closed.", "demand",
     ["2023-10"]),
    # events counted by a noun, as its subject: not a noun that is no count
    ("A series of meetings opened in Nairobi on Monday.", "meeting", ["2024-08-19"]),
    ("The urgency of the talks increased on Monday.", "negotiation", []),
])
def test_a_verb_without_a_date_shares_the_time_of_its_clause(nlp, text, type_, values):
    assert [d["value"] for e in events(nlp, text) if e["type"] == type_ for d in e["dates"]] == values


@pytest.mark.parametrize("text, trigger, values", [
    # a date naming a noun dates that noun only
    ("The Nov. 6-17 conference is the first climate summit held in Africa.", "summit", []),
    ("Monday's vote was a setback, the minister said.", "said", []),
    # ... and a date reaches its verb over a long place phrase
    ("A series of climate meetings opened at the UN Office in Nairobi, Kenya on Monday with delegates warning of floods.", "meetings", ["2024-08-19"]),
])
def test_a_date_naming_a_noun_and_one_far_from_its_verb(nlp, text, trigger, values):
    assert [[d["value"] for d in e["dates"]] for e in events(nlp, text) if e["trigger"]["text"] == trigger] == [values]


@pytest.mark.parametrize("text, type_, values", [
    # a past act is not dated after the article: the later date is what the act is about
    ("The prime minister on Friday predicted an improvement during the coming year.", "statement", ["2024-08-16"]),
    # ... while a date the act itself looks ahead to stays on the event that happens then
    ("The minister said on Monday that the talks would resume next week.", "negotiation", ["2024-W35"]),
    # ... and the day after the article is the day a story filed on its eve is printed
    ("The newspaper said in an editorial on Wednesday, Aug. 21, that the court had erred.", "statement",
     ["2024-08-21"]),
])
def test_a_past_act_is_not_dated_after_the_article(nlp, text, type_, values):
    assert [d["value"] for e in events(nlp, text) if e["type"] == type_ for d in e["dates"]] == values


@pytest.mark.parametrize("text, type_, values", [
    # the statement or speech an act is done in gives it its date
    ("In a statement on Monday, the ministry called for calm.", "demand", ["2024-08-19"]),
    ("The president, in a televised address late Sunday urged voters to back the constitution.", "demand",
     ["2024-08-18"]),
])
def test_an_act_done_in_a_dated_statement_takes_its_date(nlp, text, type_, values):
    assert [d["value"] for e in events(nlp, text) if e["type"] == type_ for d in e["dates"]] == values


@pytest.mark.parametrize("ref, text", [
    # a past-tense verb's dates are compared with the day after the reference
    (dt.date(9999, 12, 31), "CAIRO (AFP) -- Egypt said on Aug. 1, 1999 that the talks resumed in Cairo."),
    # the dateline's reach with the week before it
    (dt.date(1, 1, 1), "CAIRO (AFP) -- Egypt said on Monday that the talks resumed on December 29 in Cairo."),
])
def test_dating_events_at_the_ends_of_the_calendar(nlp, ref, text):
    # neither comparison may step outside the calendar (the request fuzzer sends such dates)
    evs = [e for e in extract(nlp, text, ref)["events"] if e["type"] == "statement"]
    assert [e["trigger"]["text"] for e in evs] == ["said"]
