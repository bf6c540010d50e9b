"""The event-type files: what a malformed one is told at load, and that a new row is only a data edit."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from service import registry
from service.core import extract
from service.ontology import BY_TYPE
from service.rules import RuleError

REF = dt.date(2024, 8, 20)


@pytest.fixture()
def folder(tmp_path):
    """A copy of data/events to edit."""
    out = tmp_path / "events"
    shutil.copytree(registry.FOLDER, out)
    return out


def edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_the_files_load_one_type_each():
    assert list(registry.load()) == list(BY_TYPE)


def test_every_role_of_a_row_is_declared_for_its_type():
    for name, t in registry.TYPES.items():
        assert {r.role for r in t.roles} <= set(BY_TYPE[name]["actor_roles"]), name


def test_a_role_not_declared_for_the_type_is_a_load_error(folder):
    edit(folder / "meeting.yaml", "  - role: host\n", "  - role: mediator\n")
    with pytest.raises(RuleError, match=r"meeting\.yaml: roles\[\d+\]: role 'mediator' is not one of meeting's roles"):
        registry.load(folder)


@pytest.mark.parametrize("old, new, message", [
    ("path: [prep between|with|among]", "path: [prep between|with|among, sideways]", "unknown step 'sideways'"),
    ("lemma @occasion_verbs, lemma !host", "lemma @no_such_list, lemma !host", "no word list 'no_such_list'"),
    ("    as: author\n", "    as: owner\n", "unknown 'as: owner'"),
    ("    form: noun\n    as: author\n", "    form: nouns\n    as: author\n", "form is one of"),
    ("  - role: host\n", "  - role: host\n    sideways: true\n", "unknown field"),
])
def test_a_malformed_row_names_its_file_and_row(folder, old, new, message):
    edit(folder / "meeting.yaml", old, new)
    with pytest.raises(RuleError, match=rf"meeting\.yaml: roles\[\d+\]: .*{message}"):
        registry.load(folder)


def test_a_filter_that_makes_a_match_another_type_names_a_known_type(folder):
    edit(folder / "statement.yaml", "    instead: demand\n", "    instead: plea\n")
    with pytest.raises(RuleError, match=r"statement\.yaml: filters\[\d+\]: instead names an unknown type 'plea'"):
        registry.load(folder)


def test_a_row_without_example_is_a_load_error(folder):
    edit(folder / "visit.yaml", '    example: {text: "Antony Blinken arrived in Cairo on Sunday.", actor: Antony Blinken}\n', "")
    with pytest.raises(RuleError, match=r"visit\.yaml: roles\[\d+\]: missing field\(s\) \['example'\]"):
        registry.load(folder)


def test_every_type_has_its_file_and_no_file_is_for_an_unknown_type(folder):
    (folder / "visit.yaml").rename(folder / "excursion.yaml")
    with pytest.raises(RuleError, match="no rule file for type"):
        registry.load(folder)
    (folder / "excursion.yaml").rename(folder / "visit.yaml")
    shutil.copy(folder / "visit.yaml", folder / "excursion.yaml")
    with pytest.raises(RuleError, match="unknown type"):
        registry.load(folder)


def test_a_new_role_path_is_a_data_edit(nlp, folder, monkeypatch):
    text = "Antony Blinken met Benjamin Netanyahu alongside Emmanuel Macron."

    def participants():
        return {a["name"] for e in extract(nlp, text, REF)["events"] if e["type"] == "meeting"
                for a in e["actors"] if a["role"] == "participant"}
    assert "Emmanuel Macron" not in participants()
    edit(folder / "meeting.yaml", "roles:\n", "roles:\n"
         "  - role: participant\n    form: verb\n    path: [prep alongside]\n"
         f"    example: {{text: \"{text}\", actor: Emmanuel Macron}}\n\n")
    monkeypatch.setitem(registry.TYPES, "meeting", registry.load(folder)["meeting"])
    assert "Emmanuel Macron" in participants()


def test_a_condition_tests_the_triggers_own_word_first_with_the_same_result(nlp):
    from service.entities import DocIndex
    from service.rules import Condition, Context
    row = {"when": [["lemma warn", "prep of"], ["pos VERB"]], "unless": ["lemma !warn"]}
    cond = Condition.from_row(row)
    assert [attr for attr, _ in cond.gates] == ["lemma", "pos"]   # a negated step is no gate
    ungated = Condition(cond.when, cond.unless)
    doc = nlp("Economists warned of a recession and warned the bank.")
    ctx = Context(doc, DocIndex(doc))
    assert [t.i for t in doc if cond.holds(t, ctx)] == [t.i for t in doc if ungated.holds(t, ctx)] == [1]
