"""tests/scoring.py keeps the official scorer's rules (../shared/eval/score.py) on a clean checkout."""
from __future__ import annotations

import importlib.util
import io

import pytest

from eval import corpora
from tests.scoring import score

OFFICIAL = corpora.SHARED / "eval" / "score.py"


def _event(kind: str, start: int, end: int) -> dict:
    return {"type": kind, "trigger": {"start": start, "end": end}, "actors": [], "places": [], "dates": []}


def _events(gold: list[dict], pred: list[dict]) -> dict:
    return score({"d": {"events": gold}}, {"d": {"id": "d", "events": pred}}, out=io.StringIO())["events"]


def test_a_statement_on_an_accusations_trigger_is_optional():
    accused = [_event("accusation", 10, 17)]
    both = accused + [_event("statement", 10, 17)]
    # gold with the double typing, prediction without: nothing missed
    assert _events(both, accused) == _events(accused, accused) == {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}
    # prediction with it, gold without: nothing false
    assert _events(accused, both)["fp"] == 0
    # a statement elsewhere stays required and counted
    assert _events(accused + [_event("statement", 30, 34)], accused)["fn"] == 1
    assert _events(accused, accused + [_event("statement", 30, 34)])["fp"] == 1


@pytest.mark.skipif(not OFFICIAL.exists(), reason=f"no official scorer at {OFFICIAL}")
@pytest.mark.parametrize("name", ["seeds", "dev"])
def test_same_figures_as_the_official_scorer(corpus, name):
    if name == "dev" and not corpora.dev_available():
        pytest.skip(f"no development set at {corpora.DEV_TEXTS}")
    spec = importlib.util.spec_from_file_location("official_score", OFFICIAL)
    official = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(official)
    gold, preds = corpus(name)
    ours, theirs = io.StringIO(), io.StringIO()
    assert score(gold, preds, explain=True, out=ours) == official.score(gold, preds, explain=True, out=theirs)
    assert ours.getvalue() == theirs.getvalue()
