"""The archive job's Parquet tables, built from the records the service answers (needs pyarrow: the
`archive` extra).

events     one row per event: the CLI's flat event table (writers.event_rows, same columns and values),
           plus the event's actors, places and dates as lists of structs, typed as the contract's
           ActorArgument, PlaceArgument and DateMention; a document that failed is one row carrying `error`
documents  one row per input document: where it came from, its reference date, the document index
           (actors, places, dates of the whole text), warnings, its number of events, or its error

The struct types are read from the OpenAPI contract the schemas build, so a field added to the response
is a column here without an edit.
"""
from __future__ import annotations

import functools

import pyarrow as pa

from . import writers
from .openapi import build_spec

_SCALARS = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
_FLAT_TYPES = {"trigger_start": pa.int64(), "trigger_end": pa.int64(), "confidence": pa.float64()}


@functools.lru_cache(maxsize=1)
def _components() -> dict:
    return build_spec().to_dict()["components"]["schemas"]


def arrow_type(node: dict) -> pa.DataType:
    """The Arrow type of a JSON Schema node of the contract (a $ref, a nullable union, an enum, ...)."""
    if "$ref" in node:
        return arrow_type(_components()[node["$ref"].rsplit("/", 1)[1]])
    for union in ("anyOf", "oneOf"):
        if union in node:
            (kept,) = [n for n in node[union] if n.get("type") != "null"]
            return arrow_type(kept)
    kind = node.get("type", "string" if "enum" in node else None)
    if isinstance(kind, list):
        (kind,) = [k for k in kind if k != "null"]
    if kind == "array":
        return pa.list_(arrow_type(node["items"]))
    if kind == "object":
        return pa.struct([(name, arrow_type(sub)) for name, sub in node["properties"].items()])
    return _SCALARS[kind]


def _component(name: str) -> pa.DataType:
    return arrow_type({"$ref": f"#/components/schemas/{name}"})


@functools.lru_cache(maxsize=1)
def event_schema() -> pa.Schema:
    flat = [(c, _FLAT_TYPES.get(c, pa.string())) for c in writers.COLUMNS]
    return pa.schema(flat + [("actors", pa.list_(_component("ActorArgument"))),
                             ("places", pa.list_(_component("PlaceArgument"))),
                             ("dates", pa.list_(_component("DateMention")))])


@functools.lru_cache(maxsize=1)
def document_schema() -> pa.Schema:
    return pa.schema([
        ("document", pa.string()), ("input", pa.string()), ("reference_date", pa.string()),
        ("reference_date_source", pa.string()), ("events", pa.int64()),
        ("actors", pa.list_(_component("ActorEntity"))), ("places", pa.list_(_component("PlaceEntity"))),
        ("dates", pa.list_(_component("DateMention"))), ("warnings", pa.list_(pa.string())),
        ("error_status", pa.int64()), ("error", pa.string()),
    ])


def event_rows(record: dict) -> list[dict]:
    """writers.event_rows with each event's actors, places and dates as structured lists."""
    flat = writers.event_rows(record)
    events = record.get("events") or [{}] * len(flat)
    return [row | {"actors": ev.get("actors", []), "places": ev.get("places", []), "dates": ev.get("dates", [])}
            for row, ev in zip(flat, events)]


def document_row(record: dict, where: str) -> dict:
    if "error" in record:
        return {"document": record.get("id"), "input": where, "error_status": record["error"]["status"],
                "error": record["error"]["detail"], "actors": [], "places": [], "dates": [], "warnings": []}
    entities = record["entities"]
    return {"document": record.get("id"), "input": where, "reference_date": record["reference_date"]["value"],
            "reference_date_source": record["reference_date"]["source"], "events": len(record["events"]),
            "actors": entities["actors"], "places": entities["places"], "dates": entities["dates"],
            "warnings": record["warnings"], "error_status": None, "error": None}


def events_table(records: list[dict]) -> pa.Table:
    return pa.Table.from_pylist([row for r in records for row in event_rows(r)], schema=event_schema())


def documents_table(records: list[dict], inputs: list[str]) -> pa.Table:
    return pa.Table.from_pylist([document_row(r, w) for r, w in zip(records, inputs)], schema=document_schema())
