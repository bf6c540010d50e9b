"""Dates of events: which of a sentence's dates belong to which event (the dates themselves: test_dates.py)."""
from __future__ import annotations

import pytest

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
