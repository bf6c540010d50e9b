"""The date rules as data (service/data/dates/english): every rule's example, the keyword gates read from
the patterns, and the resource files' checks."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from service import dates
from service.dates import gates, resources

REF = dt.date(2024, 8, 20)   # rules.txt: the examples are read against this Tuesday
SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
EXAMPLES = [pytest.param(r, e, id=f"{r.name}-{i}") for r in dates.RULES for i, e in enumerate(r.spec.examples)]


@pytest.mark.parametrize("rule, example", EXAMPLES)
def test_each_rule_finds_its_example(nlp, rule, example):
    got = [(t.text, t.value, t.rule) for t in dates.find(example.sentence, nlp(example.sentence), REF)
           if (t.start, t.end) == (example.start, example.end)]
    assert got == [(example.expression, example.value, rule.name)]


def test_rules_are_found_by_name():
    assert dates.rule("date_month_day_year").name == "date_month_day_year"
    assert [r.name for r in dates.RULES].count("date_week_of") == 1
    with pytest.raises(KeyError):
        dates.rule("no_such_rule")


@pytest.mark.parametrize("rule, example", EXAMPLES)
def test_each_example_holds_a_keyword_of_its_rule(rule, example):
    i = dates.RULES.index(rule)
    assert any(i in rules for start, end, rules in dates.GATES.hits(example.sentence)
               if example.start <= start and end <= example.end), (rule.name, sorted(rule.keywords))


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SEEDS] + [e.sentence for r in dates.RULES for e in r.spec.examples]


def _whole_words(text, matches):
    """The matches find() considers: not inside a word or a number ("day" of "Tuesday")."""
    return {(m.start(), m.end()) for m in matches if m.end() > m.start()
            and not (m.start() > 0 and text[m.start() - 1].isalnum()) and not (m.end() < len(text) and text[m.end()].isalnum())}


def test_the_gates_lose_no_match():
    """Every match a rule finds in the whole text it also finds in the windows around its keywords."""
    for text in _texts():
        for rule, spans in zip(dates.RULES, dates.GATES.windows(text)):
            gated = _whole_words(text, (m for lo, hi in spans for m in rule.regex.finditer(text, lo, hi)))
            assert _whole_words(text, rule.regex.finditer(text)) <= gated, rule.name


@pytest.mark.parametrize("pattern, expected", [
    (r"(?i:the\s+weekend)(?![\w])", {"weekend"}),                    # "the" is a function word
    (r"(?P<m>Jan\.?|January)\s+\d", {"jan", "january"}),
    (r"(?:1[89]|20)\d\d", {"####"}),
    (r"(?i:the\s+)'(?P<decade>\d0)s", {"##s"}),
    (r"(?:early\s+)?(?:spring|summer)", {"spring", "summer"}),       # an optional part gives none
    (r"(?i:right now|at present)", {"right", "present"}),
])
def test_keywords_are_read_from_the_pattern(pattern, expected):
    assert gates.keywords(pattern) == expected


def test_a_pattern_with_no_required_word_is_refused():
    with pytest.raises(ValueError):
        gates.keywords(r"(?:the\s+)?\w+")


def test_a_table_is_both_a_pattern_and_a_lookup():
    months = resources.tables()["month"]
    assert months["Sept."] == months["september"] == "9"
    alternation = months.alternation("name,-homograph")
    assert "March" not in alternation and "May" not in alternation and "February" in alternation
    holidays = resources.tables()["holiday"]
    assert holidays["Valentine’s  Day"] == "02-14"   # either apostrophe, any white space


@pytest.mark.parametrize("block, error", [
    ("RULENAME = r1\nEXTRACTION = (?i:weekend)\nNORM_VALUE = year()\n", "missing"),          # no EXAMPLE
    ("RULENAME = r1\nEXTRACTION = %reNoSuch\nNORM_VALUE = year()\nEXAMPLE = [x] => 1\n", "no sub-pattern"),
    ("RULENAME = r1\nEXTRACTION = %{nosuch}\nNORM_VALUE = year()\nEXAMPLE = [x] => 1\n", "no table"),
    ("RULENAME = r1\nEXTRACTION = x\nNORM_VALUE = year()\nEXAMPLE = x without brackets => 1\n", "EXAMPLE"),
    ("RULENAME = r1\nEXTRACTION = x\nEXTRACTION = y\nNORM_VALUE = year()\nEXAMPLE = [x] => 1\n", "twice"),
])
def test_a_broken_rule_is_an_error_at_load(tmp_path, block, error):
    path = tmp_path / "rules.txt"
    path.write_text(block)
    with pytest.raises((ValueError, KeyError), match=error):
        resources.read_rules(path, resources.patterns(), resources.tables())
