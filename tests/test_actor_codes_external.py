"""Actor codes measured on the PLOVER and PETRARCH example sentences (kept in ../shared, never in the project)."""
from __future__ import annotations

import json

import pytest

from eval.actors import DEFAULT, measure

# A point or two under the level reached (README, Actor codes), about one actor of the 80 scored.
COUNTRY_FLOOR, SECTOR_FLOOR = 0.84, 0.74


@pytest.mark.skipif(not DEFAULT.exists(), reason=f"no event sentences at {DEFAULT}")
def test_actor_countries_and_sectors_on_the_example_sentences_hold(nlp):
    records = [json.loads(line) for line in open(DEFAULT, encoding="utf-8") if line.strip()]
    st = measure(nlp, records)["stats"]["all"]
    assert st["found"] >= 60, st
    assert st["country ok"] / st["found"] >= COUNTRY_FLOOR, st
    assert st["sector ok"] / st["sector scored"] >= SECTOR_FLOOR, st
