"""Every row of the event-type files (service/data/events/) run on its own example sentence.

A row's example must come out as the row says, and otherwise without the row: so every row is needed,
and a new row is a data edit whose example is its test.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from service import registry
from service.core import extract

REF = dt.date(2024, 8, 20)
TYPES = registry.TYPES


def _events(nlp, text, type_, trigger=None):
    return [e for e in extract(nlp, text, REF)["events"]
            if e["type"] == type_ and (trigger is None or trigger.lower() in e["trigger"]["text"].lower().split())]


def _has_role(nlp, type_, example, role):
    return any(role == a["role"] and example["actor"] in (a["name"], a["text"])
               for e in _events(nlp, example["text"], type_, example.get("trigger")) for a in e["actors"])


def _without(monkeypatch, type_, field, n):
    rows = getattr(TYPES[type_], field)
    monkeypatch.setitem(TYPES, type_, dataclasses.replace(TYPES[type_], **{field: rows[:n] + rows[n + 1:]}))


def _rows(field):
    return [pytest.param(name, n, id=f"{name}-{getattr(row, 'name', None) or getattr(row, 'role', None) or row.type}-{n}")
            for name, t in TYPES.items() for n, row in enumerate(getattr(t, field))]


@pytest.mark.parametrize("type_, n", _rows("roles"))
def test_role_row(nlp, monkeypatch, type_, n):
    rule = TYPES[type_].roles[n]
    assert _has_role(nlp, type_, rule.example, rule.role), (rule.where, rule.example)
    _without(monkeypatch, type_, "roles", n)
    assert not _has_role(nlp, type_, rule.example, rule.role), f"{rule.where}: the example holds without the row"


def _filters():
    """Each filter once: a type's own with that type, a shared one with the type its example is about."""
    out = []
    for name, t in TYPES.items():
        for n, f in enumerate(t.filters):
            shared = f.where.startswith(f"{registry.SHARED}.yaml")
            if shared and f.example["type"] == name or not shared:
                out.append(pytest.param(name, n, id=f"{'shared' if shared else name}-{f.name}"))
    return out


@pytest.mark.parametrize("type_, n", _filters())
def test_filter_row(nlp, monkeypatch, type_, n):
    rule = TYPES[type_].filters[n]
    example = rule.example
    assert not _events(nlp, example["text"], type_, example["trigger"]), (rule.where, example)
    if rule.instead:   # the match is an event of another type
        assert _events(nlp, example["text"], rule.instead, example["trigger"]), f"{rule.where}: no {rule.instead}"
    if "kept" in example:   # the same word, kept as an event: a sentence, or {text, trigger} for another form
        kept = example["kept"] if isinstance(example["kept"], dict) else {"text": example["kept"], "trigger": example["trigger"]}
        assert _events(nlp, kept["text"], type_, kept["trigger"]), f"{rule.where}: 'kept' is dropped"
    _without(monkeypatch, type_, "filters", n)
    assert _events(nlp, example["text"], type_, example["trigger"]), f"{rule.where}: dropped without the row"


@pytest.mark.parametrize("type_, n", _rows("also"))
def test_double_typing_row(nlp, monkeypatch, type_, n):
    rule = TYPES[type_].also[n]
    example = rule.example
    assert _events(nlp, example["text"], type_, example["trigger"]), (rule.where, example)
    assert _events(nlp, example["text"], rule.type, example["trigger"]), (rule.where, example)
    _without(monkeypatch, type_, "also", n)
    assert not _events(nlp, example["text"], rule.type, example["trigger"]), f"{rule.where}: holds without the row"
