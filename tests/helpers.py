"""Helpers for the extraction tests: run the core on a sentence and pick out events and actors."""
from __future__ import annotations

import datetime as dt

from service.core import extract

REF = dt.date(2024, 8, 20)   # a Tuesday


def events(nlp, text, ref=REF):
    return extract(nlp, text, ref)["events"]


def one(nlp, text, type_, ref=REF):
    """The one event of `type_` in `text` (fails when there are none or several)."""
    found = [e for e in events(nlp, text, ref) if e["type"] == type_]
    assert len(found) == 1, (text, [(e["type"], e["trigger"]["text"]) for e in events(nlp, text, ref)])
    return found[0]


def actors(ev, role=None):
    return {a["name"] for a in ev["actors"] if role is None or a["role"] == role}


def types_of(nlp, text):
    return {e["type"] for e in events(nlp, text)}
