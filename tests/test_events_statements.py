"""Statements: speakers, addressees, quotations and reported content."""
from __future__ import annotations

from tests.helpers import actors, events, one


def test_statement_with_quote_speaker_after_and_addressee(nlp):
    text = "“There’s an offer out there that’s rational,” Mr. Biden told reporters."
    ev = one(nlp, text, "statement")
    assert ev["quote"]["text"] == "There’s an offer out there that’s rational,"
    assert text[ev["quote"]["start"]:ev["quote"]["end"]] == ev["quote"]["text"]
    assert {(a["name"], a["role"]) for a in ev["actors"]} >= {("Biden", "speaker"), ("reporters", "addressee")}


def test_indirect_speech_content(nlp):
    ev = one(nlp, "Osama Hamdan said that the group would only engage in talks on implementation.", "statement")
    assert ev["content"]["text"].startswith("the group would only engage")
    assert actors(ev, "speaker") == {"Osama Hamdan"}


def test_unpaired_quote_never_raises(nlp):
    ev = one(nlp, "“We are ready, the spokesman said of the plan.", "statement")
    assert ev["quote"] is None


def test_a_quote_is_not_given_to_the_next_sentence_speaker(nlp):
    text = ("\"We will not accept pressure,\" the spokeswoman told reporters. \"We are ready.\"\n"
            "Rubio said last month that sanctions would stay.")
    said = next(e for e in events(nlp, text) if e["trigger"]["text"] == "said")
    assert said["quote"] is None and said["content"]["text"].startswith("sanctions would stay")
