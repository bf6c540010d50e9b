"""The tense that places a date and the modality of the event read the same word lists, so they agree: a
meeting someone plans or commits to is planned, and its weekday is the coming one."""
from __future__ import annotations

import datetime as dt

import pytest

from service import core, words

TUESDAY = dt.date(2024, 8, 20)


@pytest.mark.parametrize("governor", [
    "are set", "are expected", "are scheduled", "are due", "plan", "are poised", "intend", "aim", "hope",   # plan_verbs
    "agreed", "decided", "promised", "pledged", "vowed", "proposed", "offered", "are preparing",           # commitment_verbs
])
def test_a_planned_meeting_is_planned_and_ahead(nlp, governor):
    dated = core.extract(nlp, f"The envoys {governor} to meet on Monday.", TUESDAY)
    assert [(d["text"], d["value"]) for d in dated["entities"]["dates"]] == [("Monday", "2024-08-26")]
    undated = core.extract(nlp, f"The envoys {governor} to meet again.", TUESDAY)   # no date to make it planned
    assert [e["modality"] for e in undated["events"] if e["type"] == "meeting"] == ["planned"]


@pytest.mark.parametrize("modifier", sorted(words.load("plan_modifiers")))
def test_an_event_modified_as_ahead_is_planned_and_its_date_ahead(nlp, modifier):
    dated = core.extract(nlp, f"Delegates prepared for the {modifier} talks on Monday.", TUESDAY)
    assert [(d["text"], d["value"]) for d in dated["entities"]["dates"] if d["text"] == "Monday"] == \
        [("Monday", "2024-08-26")]
    undated = core.extract(nlp, f"Officials described the {modifier} talks.", TUESDAY)   # no date to make it planned
    assert [e["modality"] for e in undated["events"] if e["type"] == "negotiation"] == ["planned"]
