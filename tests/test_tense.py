"""The tense cues of service/dates/tense.py: each cue places the date of its own example, and the date gets the
example's value against the reference Tuesday."""
from __future__ import annotations

import datetime as dt

import pytest

from service import dates
from service.dates import tense

REF = dt.date(2024, 8, 20)   # the examples are read against this Tuesday, as rules.txt's are


@pytest.mark.parametrize("cue", [pytest.param(c, id=c.name) for c in tense.CUES])
def test_each_cue_places_its_example(nlp, cue):
    e = cue.example
    doc = nlp(e.sentence)
    read = tense.reading(doc.char_span(e.start, e.end))
    assert cue in read, [c.name for c in read]
    assert [(t.text, t.value) for t in dates.find(e.sentence, doc, REF) if (t.start, t.end) == (e.start, e.end)] == \
        [(e.expression, e.value)]


def test_cue_names_are_unique():
    names = [c.name for c in tense.CUES]
    assert len(names) == len(set(names))


def test_the_last_cue_read_gives_the_tense(nlp):
    text = "The stock has swung, rising to $42 in June."
    doc = nlp(text)
    start = text.index("June")
    cues = tense.reading(doc.char_span(start, start + 4))
    assert [c.name for c in cues] == ["adds to a clause", "past", "past verb"]
    assert tense.tense_at(doc, start, start + 4) == cues[-1].tense == "past"


def test_without_a_parse_the_tense_is_present():
    assert tense.tense_at(None, 0, 6) == "present"
