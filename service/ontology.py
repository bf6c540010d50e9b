"""The event ontology: types, their roles and their CAMEO / PLOVER codes (data/event_types.json)."""
import json
from pathlib import Path

EVENT_TYPES: list[dict] = json.loads((Path(__file__).parent / "data" / "event_types.json").read_text())
TYPE_NAMES: tuple[str, ...] = tuple(t["type"] for t in EVENT_TYPES)
BY_TYPE: dict[str, dict] = {t["type"]: t for t in EVENT_TYPES}

ACTOR_KINDS = ("person", "organization", "country", "group")
PLACE_KINDS = ("country", "city", "region", "facility")
PLACE_ROLES = ("location", "destination", "origin")
ACTOR_ROLES = ("participant", "host", "visitor", "speaker", "addressee", "mediator", "agent", "target")
MODALITIES = ("asserted", "negated", "planned", "hypothetical")
GRANULARITIES = ("day", "week", "month", "quarter", "half", "season", "year", "decade", "century")
DATE_KINDS = ("date", "duration", "time", "set")
