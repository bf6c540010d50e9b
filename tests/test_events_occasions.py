"""Meetings, visits and negotiations: which words are such an event, and whose."""
from __future__ import annotations

import pytest

from tests.helpers import actors, events, one


def test_meeting_verb_with_participants_place_and_date(nlp):
    ev = one(nlp, "Antony Blinken met Benjamin Netanyahu in Jerusalem on Monday.", "meeting")
    assert ev["trigger"]["text"] == "met" and ev["modality"] == "asserted"
    assert actors(ev, "participant") == {"Antony Blinken", "Benjamin Netanyahu"}
    assert [(p["name"], p["country_code"], p["role"]) for p in ev["places"]] == [("Jerusalem", "IL", "location")]
    assert [d["value"] for d in ev["dates"]] == ["2024-08-19"]


@pytest.mark.parametrize("text, is_event", [
    ("Diplomats say visits are important.", False),       # a kind of thing
    ("Diplomats say the visits are important.", True),    # particular ones
])
def test_a_generic_noun_is_no_event(nlp, text, is_event):
    assert bool([e for e in events(nlp, text) if e["type"] == "visit"]) == is_event


def test_negotiation_between_parties_with_mediators(nlp):
    ev = one(nlp, "Negotiations between Israel and Hamas resumed in Doha.", "negotiation")
    assert actors(ev, "participant") == {"Israel", "Hamas"}
    assert [p["name"] for p in ev["places"]] == ["Doha"]
    ev = one(nlp, "Egypt mediated the talks.", "negotiation")
    assert actors(ev, "mediator") == {"Egypt"}


def test_brokers_of_talks_are_mediators_not_an_event(nlp):
    evs = events(nlp, "Burhan arrived in Jeddah for a new round of Saudi-brokered talks with the RSF.")
    assert [e["type"] for e in evs if e["type"] == "negotiation"] == ["negotiation"]
    talks = next(e for e in evs if e["type"] == "negotiation")
    assert "Saudi Arabia" in actors(talks, "mediator")


@pytest.mark.parametrize("text, trigger", [
    ("Hamas engaged in discussions with Israel in Cairo.", "discussions"),
    ("Hamas is reluctant to join further discussions.", None),   # more of a kind, no one occasion
])
def test_discussions_are_negotiations_unless_merely_further_ones(nlp, text, trigger):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "negotiation"]
    assert found == ([trigger] if trigger else [])


@pytest.mark.parametrize("text, parties", [
    # "the meeting" just after one names it again, with its parties
    ("Antony Blinken met Benjamin Netanyahu on Monday. After the meeting, Blinken spoke to reporters.",
     [{"Antony Blinken", "Benjamin Netanyahu"}] * 2),
    # too long after, it may be another
    ("Antony Blinken met Benjamin Netanyahu on Monday. Talks stalled. Fighting went on. Aid was blocked. "
     "The meeting was criticized.", [{"Antony Blinken", "Benjamin Netanyahu"}, set()]),
])
def test_the_meeting_named_again_keeps_its_parties(nlp, text, parties):
    assert [actors(e) for e in events(nlp, text) if e["type"] == "meeting"] == parties


def test_a_modified_occasion_may_be_another_one(nlp):
    text = "Antony Blinken visited Cairo on Monday. He asked for a visa for the expected visit."
    visits = [e for e in events(nlp, text) if e["type"] == "visit"]
    assert actors(visits[-1]) != {"Antony Blinken"}
