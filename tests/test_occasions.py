"""Later mentions of one occasion (service/occasions.py): which earlier event "the summit", "his visit" names
again, and what it takes from it: the modality of an occasion still ahead, and the parties its own sentence
names again."""
from __future__ import annotations

import pytest

from service import core, events, occasions, triggers
from service.coreference import resolve
from service.entities import DocIndex
from tests.helpers import REF, actors


def _mentions(nlp, text):
    """(trigger, trigger of the earlier mention it names again or None) for each occasion event."""
    doc = nlp(text)
    index = resolve(DocIndex(doc))
    found = events.extract(doc, triggers.find(doc), index, [], ref=REF)
    links = occasions.link(found, index)
    return [(doc[e.start:e.end].text, (lambda p: doc[p.start:p.end].text if p else None)(links.earlier(e)))
            for e in found if e.type in ("meeting", "visit")]


def _of(nlp, text, trigger, type_="meeting"):
    evs = [e for e in core.extract(nlp, text, REF)["events"] if e["type"] == type_]
    return [e for e in evs if e["trigger"]["text"] == trigger][-1]


@pytest.mark.parametrize("text, later, earlier", [
    ("Leaders will hold a summit in Lima next month. Trade is the main topic of the summit, officials said.",
     "summit", "summit"),
    ("The ministers will meet in Oslo on Friday. Officials expect little from the meeting.", "meeting", "meet"),
    ("Lavrov arrived in Jakarta on Monday. His visit is the first of the year.", "visit", "arrived"),
    ("Lavrov arrived in Jakarta on Monday. Lavrov's visit to Jakarta comes at a busy time.", "visit", "arrived"),
    # a modifier naming a nationality is no party: the sponsor's summit is the same one
    ("Leaders will attend a Russian-sponsored summit next month. Officials described Vladimir Putin's summit as a "
     "showpiece.", "summit", "summit"),
    # a place the verb of the first mention names, and a city the tagger left unlabelled in the second
    ("A summit will be held in Sochi next month. Trade is a concern. Prices rose. Markets fell. Banks closed. "
     "Critics dismissed the Sochi meeting as a show.", "meeting", "summit"),
    # another noun further back, where the place says so
    ("Leaders will hold a summit in Lima next month. Trade is a concern. Prices rose. Markets fell. Banks closed. "
     "Officials expect much from the meeting in Lima.", "meeting", "summit"),
])
def test_a_definite_mention_names_the_occasion_before_again(nlp, text, later, earlier):
    assert (later, earlier) in _mentions(nlp, text)


@pytest.mark.parametrize("text", [
    "Leaders will hold a summit in Lima next month. Trade is the main topic of the summit in Quito, officials said.",
    "Antony Blinken will meet Benjamin Netanyahu on Monday. The meeting with Recep Erdogan is a separate matter.",
    "Leaders will hold a summit in Lima next month. Trade was the main topic of the previous summit.",
    "Leaders will hold a summit in Lima next month. Trade was the main topic of the 2019 summit.",
    "Leaders will hold a summit in Lima next month. Trade was the main topic at a summit in Quito.",
    "Preparatory meetings for the summit ended on Friday.",   # the meetings its phrase hangs on are another
])
def test_another_place_party_or_a_word_of_its_own_makes_another_occasion(nlp, text):
    later = _mentions(nlp, text)[-1]
    assert later[1] is None, later


def test_a_later_mention_of_an_occasion_ahead_is_planned(nlp):
    text = "Leaders will hold a summit in Lima next month. Trade is the main topic of the summit, officials said."
    assert _of(nlp, text, "summit")["modality"] == "planned"


def test_a_mention_of_someone_not_attending_says_nothing_of_the_occasion(nlp):
    text = ("The envoys will meet in Oslo on Friday. Rebels would not attend the meeting, they said. "
            "Officials expect much from the meeting.")
    assert [e["modality"] for e in core.extract(nlp, text, REF)["events"] if e["type"] == "meeting"] == \
        ["planned", "negated", "planned"]


def test_a_later_mention_of_an_occasion_that_took_place_is_asserted(nlp):
    text = "Leaders held a summit in Lima last month. Trade was the main topic of the summit, officials said."
    assert _of(nlp, text, "summit")["modality"] == "asserted"


def test_a_mention_telling_the_occasion_as_past_is_asserted(nlp):
    text = "The ministers will meet in Oslo on Friday. The meeting ended without a deal, officials said later."
    assert _of(nlp, text, "meeting")["modality"] == "asserted"
    text = "The ministers will meet in Oslo on Friday. Officials described the meeting as crucial."   # told, not past
    assert _of(nlp, text, "meeting")["modality"] == "planned"


def test_a_later_mention_has_the_parties_its_sentence_names_again(nlp):
    text = ("Antony Blinken met Benjamin Netanyahu in Jerusalem on Monday. "
            "After the meeting, Antony Blinken said Benjamin Netanyahu had accepted the plan.")
    assert actors(_of(nlp, text, "meeting")) == {"Antony Blinken", "Benjamin Netanyahu"}


def test_a_later_mention_has_no_party_its_sentence_does_not_name(nlp):
    text = "Antony Blinken met Benjamin Netanyahu in Jerusalem on Monday. The meeting lasted three hours, officials said."
    assert actors(_of(nlp, text, "meeting")) == set()
