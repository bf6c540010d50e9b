"""The event types as data: one file per type under data/events/, checked against data/event_types.json.

Each file declares, for its type:
    lexicon       the words and phrases that trigger it (verbs, nouns, adjectives: lemmas matched with their
                  part of speech; phrases: spaCy Matcher patterns whose whole span is the trigger)
    filters       when a match is no event of this type (a generic use, a modifier, another sense); a filter
                  with `instead: TYPE` makes it an event of that type ('warned X not to attack' is a demand)
    roles         the paths from a trigger to each of its actors, in order: an actor keeps the first role
                  it is given
    also          the other type one trigger is at the same time ('dismissed .. as' is also a statement)
    one_occasion  a bare 'the meeting' with no party of its own is the one just reported
    places        how its places are read: occasion (the default), journey or at_target (places.py)
    speech        its mentions carry the quotation and the reported content attributed to them
data/events/shared.yaml holds the filters of every type; a type's filter of the same name replaces one.
Every row carries an example, run as a test (tests/test_rule_examples.py). The rows are written in the
path language of rules.py. A role not declared for the type in event_types.json is an error at load.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.tokens import Token

from .entities import ActorRef
from .ontology import ACTOR_KINDS, BY_TYPE
from .rules import Condition, Context, Reach, RuleError

FOLDER = Path(__file__).parent / "data" / "events"
SHARED = "shared"
FORMS = ("noun", "verb")                               # the trigger's head: a noun, or anything else
FAMILIES = ("verb", "noun", "adjective", "phrase")     # which list of the lexicon matched
_LEXICON_KEYS = ("verbs", "nouns", "adjectives", "phrases")
PLACE_MODES = {"occasion": {"location"}, "journey": {"destination", "origin"}, "at_target": {"location"}}   # places.py


@dataclass(frozen=True)
class RoleRule:
    """Who fills `role`: the actors at the end of `reaches` (the first alternative that finds some)."""
    role: str
    form: str | None
    condition: Condition
    reaches: tuple[Reach, ...]
    kind: str | None
    example: dict
    where: str

    def actors(self, head: Token, form: str, ctx: Context) -> list[ActorRef]:
        if self.form is not None and form != self.form or not self.condition.holds(head, ctx):
            return []
        refs: list[ActorRef] = []
        for reach in self.reaches:
            refs = reach.actors(head, ctx)
            if refs:
                break
        return [r for r in refs if r.actor.kind == self.kind] if self.kind else refs


@dataclass(frozen=True)
class Filter:
    """A match of the lexicon that is no event: the condition holds at the trigger's head."""
    name: str
    family: str | None
    condition: Condition
    why: str
    example: dict
    where: str
    instead: str | None = None

    def drops(self, family: str, head: Token, ctx: Context) -> bool:
        return (self.family is None or family == self.family) and self.condition.holds(head, ctx)


@dataclass(frozen=True)
class AlsoRule:
    """The same trigger is also an event of `type` when the condition holds."""
    type: str
    condition: Condition
    example: dict
    where: str


@dataclass(frozen=True)
class EventType:
    name: str
    lexicon: dict
    filters: tuple[Filter, ...]
    roles: tuple[RoleRule, ...]
    also: tuple[AlsoRule, ...]
    one_occasion: bool
    places: str
    speech: bool


def _load(path: Path) -> dict:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict):
        raise RuleError(f"{path.name}: not a mapping")
    return data


def _check_keys(where: str, row: dict, allowed: set[str], required: set[str]) -> None:
    if not isinstance(row, dict):
        raise RuleError(f"{where}: a row is a mapping, not {row!r}")
    if unknown := set(row) - allowed:
        raise RuleError(f"{where}: unknown field(s) {sorted(unknown)}")
    if missing := required - set(row):
        raise RuleError(f"{where}: missing field(s) {sorted(missing)}")


def _example(where: str, example, allowed: set[str], required: set[str]) -> dict:
    _check_keys(f"{where}: example", example, allowed, required)
    return example


def _filter(where: str, row: dict, shared: bool = False) -> Filter:
    _check_keys(where, row, {"name", "family", "when", "unless", "why", "example", "instead"}, {"name", "why", "example"})
    if row.get("family") not in (None, *FAMILIES):
        raise RuleError(f"{where}: family is one of {FAMILIES}")
    if row.get("instead") not in (None, *BY_TYPE):
        raise RuleError(f"{where}: instead names an unknown type {row['instead']!r}")
    try:
        condition = Condition.from_row(row)
    except RuleError as e:
        raise RuleError(f"{where}: {e}") from None
    # A shared filter's example says which type it is about.
    keys = {"text", "trigger"} | ({"type"} if shared else set())
    example = _example(where, row["example"], keys | {"kept"}, keys)
    if shared and example["type"] not in BY_TYPE:
        raise RuleError(f"{where}: example of unknown type {example['type']!r}")
    if isinstance(example.get("kept"), dict):   # the same word in another form: {text, trigger}
        _example(f"{where}: kept", example["kept"], {"text", "trigger"}, {"text", "trigger"})
    return Filter(row["name"], row.get("family"), condition, row["why"], example, where, row.get("instead"))


def _role(where: str, type_name: str, row: dict) -> RoleRule:
    _check_keys(where, row, {"role", "form", "when", "unless", "path", "as", "first", "kind", "example"},
                {"role", "example"})
    declared = BY_TYPE[type_name]["actor_roles"]
    if row["role"] not in declared:
        raise RuleError(f"{where}: role {row['role']!r} is not one of {type_name}'s roles in event_types.json "
                        f"({', '.join(declared)})")
    if row.get("form") not in (None, *FORMS):
        raise RuleError(f"{where}: form is one of {FORMS}")
    if row.get("kind") not in (None, *ACTOR_KINDS):
        raise RuleError(f"{where}: kind is one of {ACTOR_KINDS}")
    if "first" in row and ("path" in row or "as" in row):
        raise RuleError(f"{where}: 'first' lists alternatives, each with its own path and as")
    try:
        reaches = tuple(Reach.from_spec(alt) for alt in row["first"]) if "first" in row else (Reach.from_spec(row),)
        condition = Condition.from_row(row)
    except RuleError as e:
        raise RuleError(f"{where}: {e}") from None
    example = _example(where, row["example"], {"text", "actor", "trigger"}, {"text", "actor"})
    return RoleRule(row["role"], row.get("form"), condition, reaches, row.get("kind"), example, where)


def _also(where: str, row: dict) -> AlsoRule:
    _check_keys(where, row, {"type", "when", "unless", "example"}, {"type", "when", "example"})
    if row["type"] not in BY_TYPE:
        raise RuleError(f"{where}: unknown type {row['type']!r}")
    try:
        condition = Condition.from_row(row)
    except RuleError as e:
        raise RuleError(f"{where}: {e}") from None
    return AlsoRule(row["type"], condition, _example(where, row["example"], {"text", "trigger"}, {"text", "trigger"}),
                    where)


def load(folder: Path = FOLDER) -> dict[str, EventType]:
    """Every type of event_types.json from its file, rows compiled; any error names the file and row."""
    files = {p.stem: p for p in folder.glob("*.yaml")}
    if missing := [t for t in BY_TYPE if t not in files]:
        raise RuleError(f"no rule file for type(s) {missing} in {folder}")
    if extra := sorted(set(files) - set(BY_TYPE) - {SHARED}):
        raise RuleError(f"rule file(s) for unknown type(s) {extra} (types are declared in event_types.json)")
    shared = _load(files[SHARED]) if SHARED in files else {}
    _check_keys(f"{SHARED}.yaml", shared, {"filters"}, set())
    shared_filters = [_filter(f"{SHARED}.yaml: filters[{n}]", row, shared=True)
                      for n, row in enumerate(shared.get("filters", []))]
    types = {}
    for name in BY_TYPE:
        data = _load(files[name])
        where = f"{name}.yaml"
        _check_keys(where, data, {"type", "lexicon", "filters", "roles", "also", "one_occasion", "places", "speech"},
                    {"type", "lexicon"})
        if data["type"] != name:
            raise RuleError(f"{where}: declares type {data['type']!r}")
        lexicon = data["lexicon"]
        _check_keys(f"{where}: lexicon", lexicon, set(_LEXICON_KEYS), set())
        own = [_filter(f"{where}: filters[{n}]", row) for n, row in enumerate(data.get("filters") or [])]
        names = [f.name for f in own]
        if len(set(names)) != len(names):
            raise RuleError(f"{where}: two filters with one name")
        by_name = {f.name: f for f in own}
        filters = [by_name.pop(f.name, f) for f in shared_filters] + [f for f in own if f.name in by_name]
        roles = [_role(f"{where}: roles[{n}]", name, row) for n, row in enumerate(data.get("roles") or [])]
        also = [_also(f"{where}: also[{n}]", row) for n, row in enumerate(data.get("also") or [])]
        places = data.get("places", "occasion")
        if places not in PLACE_MODES:
            raise RuleError(f"{where}: places is one of {', '.join(PLACE_MODES)}")
        if undeclared := PLACE_MODES[places] - set(BY_TYPE[name]["place_roles"]):
            raise RuleError(f"{where}: places: {places} gives role(s) {sorted(undeclared)} not declared for {name}")
        types[name] = EventType(name, {k: lexicon.get(k) or [] for k in _LEXICON_KEYS}, tuple(filters), tuple(roles),
                                tuple(also), bool(data.get("one_occasion", False)), places,
                                bool(data.get("speech", False)))
    return types


TYPES: dict[str, EventType] = load()
