"""Modality of event mentions: asserted, negated, planned or hypothetical."""
from __future__ import annotations

import pytest

from tests.helpers import events, one


@pytest.mark.parametrize("text, type_, expected", [
    ("Blinken met Netanyahu on Monday.", "meeting", "asserted"),
    ("Hamas did not attend the talks in Doha.", "negotiation", "negated"),
    ("Blinken is set to meet Israeli leaders on Monday.", "meeting", "planned"),
    ("Blinken will visit Cairo next week.", "visit", "planned"),
    ("Hamas would only engage in talks if Israel withdrew.", "negotiation", "hypothetical"),
    ("Officials fear potential attacks by Iran.", "attack", "hypothetical"),
    ("According to the official, the mediators have not presented any progress.", "statement", "asserted"),
    ("Talks are set to take place in Doha this week.", "negotiation", "planned"),
    ("The talks will resume in Cairo.", "negotiation", "planned"),
    ("The talks resumed in Cairo.", "negotiation", "asserted"),
])
def test_modality(nlp, text, type_, expected):
    assert one(nlp, text, type_)["modality"] == expected


def test_coordinated_clause_has_its_own_modality(nlp):
    evs = events(nlp, "Turkey has offered to host talks, but Russia has refused to negotiate.")
    refused = next(e for e in evs if e["trigger"]["text"] == "refused")
    assert refused["modality"] == "asserted"
    assert next(e for e in evs if e["trigger"]["text"] == "negotiate")["modality"] == "negated"
