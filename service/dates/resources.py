"""The date resources, read once: normalization tables, named sub-patterns and the rules that use them.

The layout is HeidelTime's (resources/english/: repattern, normalization, rules), in a form Python reads
without a grammar of its own: a table line is `entry = value [tags]`, a sub-pattern line `reName = regex`,
a rule a block of `KEY = value` lines. Any error in them is an error at import, not a silent miss.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "data" / "dates" / "english"


# The only characters outside ASCII that Python's case-insensitive matching takes for ASCII letters: a
# pattern's "(?i:last)" matches "Laſt", and its lookup must find "last".
_AS_ASCII = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})


def key(text: str) -> str:
    """How a table looks a matched word up: case, runs of white space and the apostrophe's form ignored."""
    return " ".join(text.translate(_AS_ASCII).lower().split()).replace("’", "'")


@dataclass(frozen=True)
class Entry:
    word: str
    value: str
    tags: frozenset[str]


class Table:
    """A normalization table: words with a value each, some tagged to be taken by some rules only."""

    def __init__(self, name: str, entries: list[Entry]):
        self.name, self.entries = name, entries
        self._values = {key(e.word): e.value for e in entries}

    def __getitem__(self, word: str) -> str:
        return self._values[key(word)]

    def get(self, word: str, default=None):
        return self._values.get(key(word), default)

    def select(self, spec: str = "") -> list[Entry]:
        """The entries with every tag of `spec` ("name,-homograph") and none of those marked "-"."""
        tags = [t.strip() for t in spec.split(",") if t.strip()]
        want = {t for t in tags if not t.startswith("-")}
        avoid = {t[1:] for t in tags if t.startswith("-")}
        unknown = (want | avoid) - set().union(*(e.tags for e in self.entries))
        if unknown:
            raise ValueError(f"table {self.name!r} has no tag {sorted(unknown)}")
        return [e for e in self.entries if want <= e.tags and not avoid & e.tags]

    def alternation(self, spec: str = "") -> str:
        """A regex group that matches any of the selected entries, the longest first, so that "Sept." wins
        over "Sept" and "Christmas Day" over "Christmas"."""
        words = sorted((e.word for e in self.select(spec)), key=len, reverse=True)
        return "(?:" + "|".join(map(_word_regex, words)) + ")"

    def as_dict(self, spec: str = "", value=str) -> dict[str, object]:
        """{key(word): value(v)} of the selected entries; "?" (a vague amount) is None."""
        return {key(e.word): None if e.value == "?" else value(e.value) for e in self.select(spec)}


def _word_regex(word: str) -> str:
    out = []
    for ch in word:
        out.append(r"\s+" if ch == " " else "['’]" if ch == "'" else re.escape(ch))
    return "".join(out)


def _lines(path: Path) -> list[str]:
    """The lines of a resource file, comments dropped, continuation lines (indented) joined to the one before."""
    out: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.lstrip().startswith("#"):
            continue
        if raw[:1].isspace() and raw.strip() and out and out[-1]:
            out[-1] += raw.strip()
        else:
            out.append(raw.strip())
    return out


_ENTRY = re.compile(r"(?P<word>.+?)\s+=\s+(?P<value>.+?)(?:\s+\[(?P<tags>[^\]]*)\])?")


def read_table(path: Path) -> Table:
    entries = []
    for line in _lines(path):
        if not line:
            continue
        m = _ENTRY.fullmatch(line)
        if m is None:
            raise ValueError(f"{path.name}: not `entry = value [tags]`: {line!r}")
        entries.append(Entry(m["word"], m["value"], frozenset((m["tags"] or "").split())))
    return Table(path.stem, entries)


@functools.cache
def tables() -> dict[str, Table]:
    return {p.stem: read_table(p) for p in sorted((FOLDER / "normalization").glob("*.txt"))}


_TABLE_REF = re.compile(r"%\{(?P<table>\w+)(?::(?P<spec>[^}]*))?\}")
_PATTERN_REF = re.compile(r"%(?P<name>re[A-Za-z]+)")


def expand(text: str, patterns: dict[str, str], tables: dict[str, Table]) -> str:
    """A pattern with its %reName and %{table} references written out."""
    def sub_pattern(m):
        if m["name"] not in patterns:
            raise KeyError(f"no sub-pattern %{m['name']} (defined above its use in repattern.txt?)")
        return patterns[m["name"]]

    def table(m):
        if m["table"] not in tables:
            raise KeyError(f"no table {m['table']!r} in {FOLDER / 'normalization'}")
        return tables[m["table"]].alternation(m["spec"] or "")

    return _PATTERN_REF.sub(sub_pattern, _TABLE_REF.sub(table, text))


def read_patterns(path: Path, tables: dict[str, Table]) -> dict[str, str]:
    """The named sub-patterns, each expanded; a sub-pattern may use those defined above it."""
    out: dict[str, str] = {}
    for line in _lines(path):
        if not line:
            continue
        name, sep, text = line.partition(" = ")
        if not sep or not re.fullmatch(r"re[A-Za-z]+", name):
            raise ValueError(f"{path.name}: not `reName = regex`: {line!r}")
        out[name] = expand(text, out, tables)
        re.compile(out[name])
    return out


@functools.cache
def patterns() -> dict[str, str]:
    return read_patterns(FOLDER / "repattern.txt", tables())


@dataclass(frozen=True)
class Example:
    sentence: str
    start: int
    end: int
    value: str | None

    @property
    def expression(self) -> str:
        return self.sentence[self.start:self.end]


@dataclass(frozen=True)
class RuleSpec:
    name: str
    extraction: str          # as written, with its references
    pattern: str             # expanded
    norm_value: str          # "normalizer()" or a constant value
    type: str
    constraints: tuple[str, ...]
    examples: tuple[Example, ...]

    @property
    def normalizer(self) -> str | None:
        return self.norm_value[:-2] if self.norm_value.endswith("()") else None


_FIELD = re.compile(r"(?P<key>[A-Z_]+)\s*=\s*(?P<value>.*)")
_EXAMPLE = re.compile(r"(?P<before>[^\[\]]*)\[(?P<expr>[^\[\]]+)\](?P<after>[^\[\]]*?)\s+=>\s+(?P<value>\S+)")


def example(text: str, owner: str) -> Example:
    """`a sentence with [the expression] => value`, the notation of rules.txt's examples."""
    m = _EXAMPLE.fullmatch(text)
    if m is None:
        raise ValueError(f"{owner}: EXAMPLE is not `a sentence with [the expression] => value`: {text!r}")
    start = len(m["before"])
    return Example(m["before"] + m["expr"] + m["after"], start, start + len(m["expr"]),
                   None if m["value"] == "null" else m["value"])


@functools.cache
def rules() -> tuple[RuleSpec, ...]:
    return read_rules(FOLDER / "rules.txt", patterns(), tables())


def read_rules(path: Path, patterns: dict[str, str], tables: dict[str, Table]) -> tuple[RuleSpec, ...]:
    """The rules of a rules file, in order; every rule has a name, an extraction, a value and an example."""
    blocks: list[list[str]] = [[]]
    for line in _lines(path):
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    out, seen = [], set()
    for block in filter(None, blocks):
        fields: dict[str, list[str]] = {}
        for line in block:
            m = _FIELD.fullmatch(line)
            if m is None:
                raise ValueError(f"{path.name}: not `KEY = value`: {line!r}")
            fields.setdefault(m["key"], []).append(m["value"])
        unknown = set(fields) - {"RULENAME", "EXTRACTION", "NORM_VALUE", "TYPE", "CONSTRAINT", "EXAMPLE"}
        missing = {"RULENAME", "EXTRACTION", "NORM_VALUE", "EXAMPLE"} - set(fields)
        name = fields.get("RULENAME", ["?"])[0]
        repeated = {k for k, v in fields.items() if len(v) > 1 and k not in ("CONSTRAINT", "EXAMPLE")}
        if repeated:
            raise ValueError(f"{path.name}, rule {name}: {sorted(repeated)} given twice")
        if unknown or missing:
            raise ValueError(f"{path.name}, rule {name}: unknown {sorted(unknown)}, missing {sorted(missing)}")
        if name in seen:
            raise ValueError(f"{path.name}: two rules named {name}")
        seen.add(name)
        kind = fields.get("TYPE", ["date"])[0]
        if kind not in ("date", "duration"):
            raise ValueError(f"{path.name}, rule {name}: TYPE is date or duration, not {kind!r}")
        pattern = expand(fields["EXTRACTION"][0], patterns, tables)
        out.append(RuleSpec(name, fields["EXTRACTION"][0], pattern, fields["NORM_VALUE"][0], kind,
                            tuple(fields.get("CONSTRAINT", ())), tuple(example(e, f"rule {name}") for e in fields["EXAMPLE"])))
    return tuple(out)
