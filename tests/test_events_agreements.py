"""Agreements: consent given in other words, and agreement words that report none."""
from __future__ import annotations

import pytest

from tests.helpers import actors, events, one


@pytest.mark.parametrize("text, agreed", [
    ("It is now a generally accepted fact that the dam leaks.", False),   # a common belief
    ("The mayor accepted the report on the dam.", True),
])
def test_a_common_belief_is_no_agreement(nlp, text, agreed):
    assert ("agreement" in {e["type"] for e in events(nlp, text)}) == agreed


@pytest.mark.parametrize("text, trigger", [
    ("The regulator gave its go-ahead for the merger on Tuesday.", "gave its go-ahead"),
    ("The senate gave the budget the green light on Tuesday.", "gave the budget the green light"),
    ("The assembly voted in favour of the treaty on Tuesday.", "voted"),
])
def test_consent_given_is_an_agreement(nlp, text, trigger):
    assert [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "agreement"] == [trigger]


def test_the_one_giving_the_go_ahead_is_the_agent(nlp):
    ev = one(nlp, "The European Commission gave its go-ahead for the merger on Tuesday.", "agreement")
    assert actors(ev, "agent") == {"European Commission"}


@pytest.mark.parametrize("text, agreed", [
    ("The strike talks led to agreement on a new pay scale.", True),      # concluded
    ("The unions came to an agreement with the owners on Friday.", True),
    ("The strike talks could lead to an agreement on pay.", False),       # only hoped for
    ("The unions hope to come to an agreement soon.", False),
])
def test_an_agreement_talks_led_to_is_concluded(nlp, text, agreed):
    assert ("agreement" in {e["type"] for e in events(nlp, text)}) == agreed


@pytest.mark.parametrize("text, agreed", [
    ("Chile showed interest in signing a trade deal with Peru.", False),     # a goal
    ("The unions have little hope of reaching a deal this year.", False),
    ("Chile succeeded in signing a trade deal with Peru.", True),
])
def test_an_agreement_one_is_interested_in_is_no_agreement(nlp, text, agreed):
    assert ("agreement" in {e["type"] for e in events(nlp, text)}) == agreed
