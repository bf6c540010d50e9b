"""Places of events: where it happens, or where a journey goes and comes from."""
from __future__ import annotations

import pytest

from tests.helpers import actors, events, one


@pytest.mark.parametrize("text, places", [
    ("The French president arrived in Cairo on Sunday.", [("Cairo", "destination")]),
    ("The Hamas delegation left Cairo on Tuesday.", [("Cairo", "origin")]),
])
def test_visit_destination_and_origin(nlp, text, places):
    ev = one(nlp, text, "visit")
    assert [(p["name"], p["role"]) for p in ev["places"]] == places


def test_weapons_act_for_their_country_where_they_strike(nlp):
    ev = one(nlp, "Russian missiles struck a power plant in Kharkiv on Friday.", "attack")
    assert actors(ev, "agent") == {"Russia"}
    assert [(p["name"], p["country_code"]) for p in ev["places"]] == [("Kharkiv", "UA")]


def test_a_meeting_during_a_visit_takes_place_where_the_visit_went(nlp):
    ev = one(nlp, "During his ninth visit to Israel, Antony Blinken met with Benjamin Netanyahu on Monday.", "meeting")
    assert [(p["name"], p["role"]) for p in ev["places"]] == [("Israel", "location")]


def test_talks_parsed_as_the_verbs_compound_still_take_its_place(nlp):
    evs = [e for e in events(nlp, "Blinken is set to meet Israeli leaders on Monday before truce talks resume in Cairo.")
           if e["type"] == "negotiation"]
    assert [[p["name"] for p in e["places"]] for e in evs] == [["Cairo"]]
