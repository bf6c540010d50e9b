"""No date can sink an article: an expression that cannot be resolved is a date with value null and a
warning, never an exception (and so never a 500); impossible days are refused, not guessed."""
from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from hypothesis import HealthCheck, example, given, settings

from service import core, dates
from tests.date_phrases import date_texts, references

REF = dt.date(2024, 8, 20)


def post(client, body):
    return client.post("/v1/extract", data=json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("text", [
    "Talks are set for the week of May 5.",
    "BEIJING, the week of Nov. 8 (Xinhua) -- Talks began.",
    "Protests are planned for Presidents Day.",
    "CAIRO, February 30, 2024 -- Talks began.",
])
def test_date_phrases_that_used_to_fail_answer_200(client, text):
    for body in ({"text": text}, {"text": text, "published_at": "2024-08-20"}):
        assert post(client, body).status_code == 200


def test_a_day_the_month_lacks_is_null_with_a_warning(client):
    body = post(client, {"text": "CAIRO, February 30, 2024 -- Talks began on March 2, 2024."}).get_json()
    assert body["reference_date"] == {"value": "2024-03-02", "source": "text"}
    assert [(d["text"], d["value"]) for d in body["entities"]["dates"]] == [
        ("February 30, 2024", None), ("March 2, 2024", "2024-03-02")]
    assert any('"February 30, 2024"' in w and "day is out of range" in w for w in body["warnings"])


@pytest.mark.parametrize("text, expression", [
    ("The talks ended on February 30.", "February 30"),          # was read as February 29
    ("The memo is dated 2023-02-29.", "2023-02-29"),
    ("The envoys met last Feb. 30.", "last Feb. 30"),
    ("Talks resumed the week of April 31.", "the week of April 31"),
])
def test_impossible_days_are_not_guessed(nlp, text, expression):
    got = [(t.text, t.value, t.warning is not None) for t in dates.find(text, nlp(text), REF)]
    assert got == [(expression, None, True)]


def test_a_number_no_month_has_is_no_day(nlp):
    text = "In May 35, 2000 people marched."
    got = [(t.text, t.value, t.warning) for t in dates.find(text, nlp(text), REF)]
    assert got == [("May", "2024-05", None)]


def test_holidays_spelled_without_their_apostrophe(nlp):
    text = "Markets closed on Presidents Day and reopened after Presidents' Day."
    assert [(t.text, t.value) for t in dates.find(text, nlp(text), REF)] == [
        ("Presidents Day", "2024-02-19"), ("Presidents' Day", "2024-02-19")]


@pytest.mark.parametrize("text, expected", [
    ("Laſt week the talks stalled.", [("Laſt week", "2024-W33")]),      # a long s, which "(?i:s)" matches
    ("It happened two weeKs earlıer.", [("two weeKs earlıer", "2024-W32")]),   # a Kelvin sign, a dotless i
    ("Crowds gathered on Thanksgıving.", [("Thanksgıving", "2023-11-23")]),
])
def test_letters_that_match_ascii_in_any_case_are_read_as_ascii(nlp, text, expected):
    got = dates.find(text, nlp(text), REF)
    assert [(t.text, t.value) for t in got] == expected and not any(t.warning for t in got)


def test_an_error_in_a_normalizer_is_a_warning_not_a_500(client, monkeypatch, caplog):
    def broken(m, c):
        raise RuntimeError("a bug in a rule")
    monkeypatch.setattr(dates.rule("date_weekday"), "normalize", broken)
    resp = post(client, {"text": "Blinken met Netanyahu on Monday.", "published_at": "2024-08-20"})
    assert resp.status_code == 200
    body = resp.get_json()
    assert [(d["text"], d["value"]) for d in body["entities"]["dates"]] == [("Monday", None)]
    assert any('"Monday"' in w for w in body["warnings"])
    assert "a bug in a rule" not in json.dumps(body)           # the cause goes to the log, not to the client
    assert "date_weekday" in caplog.text


def test_reference_from_text_survives_every_error(monkeypatch, caplog):
    assert dates.reference_from_text("CAIRO, February 30, 2023 -- Talks began.") is None

    def broken(m, c):
        raise KeyError("x")
    monkeypatch.setattr(dates.rule("date_month_day_year"), "normalize", broken)
    assert dates.reference_from_text("CAIRO, August 19, 2024 -- Talks began.") is None
    assert "date_month_day_year" in caplog.text


# `make soak` raises FUZZ_EXAMPLES to fuzz for minutes.
@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(text=date_texts(), ref=references)
@example(text="Talks on Presidents Day, 1990 and the week of May 5.", ref=None)
def test_date_dense_text_never_fails_a_rule(text, ref):
    """No rule fails on any phrase of the grammar (a failure would be a warning blaming the rules), and
    every date's text is exactly the text at its offsets."""
    for t in dates.find(text, None, ref):
        assert t.warning is None or "error in the date rules" not in t.warning, t
        assert text[t.start:t.end] == t.text
        assert (t.value is None) >= (t.warning is not None)
    dates.reference_from_text(text)


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(text=date_texts(), ref=references)
def test_date_dense_text_through_the_core(nlp, text, ref):
    result = core.extract(nlp, text, ref)
    for d in result["entities"]["dates"]:
        assert text[d["start"]:d["end"]] == d["text"]
    assert all("error in the date rules" not in w for w in result["warnings"])
