"""The document index and coreference: built once, before events, the same whatever the request asks for."""
from __future__ import annotations

import datetime as dt

import pytest

from service import coreference
from service.core import extract
from service.entities import DocIndex

REF = dt.date(2024, 8, 20)


def entity_actors(nlp, text, **kw):
    return {a["name"]: [m["text"] for m in a["mentions"]] for a in extract(nlp, text, REF, **kw)["entities"]["actors"]}


def speakers(nlp, text, trigger):
    """The speakers of the last statement on `trigger`."""
    ev = [e for e in extract(nlp, text, REF)["events"] if e["trigger"]["text"] == trigger and e["type"] == "statement"][-1]
    return [(a["text"], a["name"]) for a in ev["actors"] if a["role"] == "speaker"]


@pytest.mark.parametrize("types", [["meeting"], ["statement"], ["attack"]])
def test_entities_are_the_same_whatever_types_are_asked_for(nlp, types):
    text = ("A senior Hamas official rejected the offer. Antony Blinken met Benjamin Netanyahu in Cairo. "
            "The official said Israeli negotiators had left. Both sides blamed the mediators.")
    everything = extract(nlp, text, REF)
    some = extract(nlp, text, REF, types=types)
    assert some["entities"] == everything["entities"]
    assert "A senior Hamas official" in {a["name"] for a in some["entities"]["actors"]}


def test_the_index_answers_without_changing(nlp):
    doc = nlp("Hamas said it would attend. The group sent a delegation. Both sides met.")
    index = coreference.resolve(DocIndex(doc))
    before = [(a.id, a.name, list(a.mentions)) for a in index.actors]
    answers = [[(r.actor.id, r.start, r.end) for r in index.actors_at(t)] for t in reversed(doc)]
    assert [[(r.actor.id, r.start, r.end) for r in index.actors_at(t)] for t in reversed(doc)] == answers
    assert [(a.id, a.name, list(a.mentions)) for a in index.actors] == before


def test_a_description_beside_a_name_is_that_name(nlp):
    text = "Mahmoud Mardawi, a Hamas official, spoke on Monday. He said the talks had stalled."
    assert speakers(nlp, text, "said") == [("He", "Mahmoud Mardawi")]
    assert entity_actors(nlp, text)["Mahmoud Mardawi"] == ["Mahmoud Mardawi", "a Hamas official"]


def test_a_title_before_a_name_is_no_actor_of_its_own(nlp):
    assert list(entity_actors(nlp, "President Joe Biden met Benjamin Netanyahu.")) == ["Joe Biden", "Benjamin Netanyahu"]


def test_an_actor_noun_that_modifies_another_is_part_of_it(nlp):
    assert list(entity_actors(nlp, "A government spokesman said the talks would resume.")) == ["A government spokesman"]


def test_a_country_in_a_place_phrase_is_a_place_not_a_party(nlp):
    result = extract(nlp, "The war in Syria went on for years.", REF)
    assert [p["name"] for p in result["entities"]["places"]] == ["Syria"]
    assert result["entities"]["actors"] == []
    assert entity_actors(nlp, "Syria said it would attend.") == {"Syria": ["Syria"]}


def test_a_pronoun_prefers_the_last_sentence_with_a_subject(nlp):
    text = ("The Pentagon said the deployment had begun. Troops were flown from bases in Germany and from Italy. "
            "It added that more would follow.")
    assert speakers(nlp, text, "added") == [("It", "Pentagon")]


def test_a_pronoun_prefers_the_main_clause_subject(nlp):
    text = 'Antony Blinken said the president had approved the plan. "We are ready," he said.'
    assert speakers(nlp, text, "said") == [("he", "Antony Blinken")]


def test_it_is_never_a_plural_group(nlp):
    text = "The company reported a loss on Monday. Analysts had expected a profit. It said sales would recover."
    assert speakers(nlp, text, "said") == [("It", "company")]
