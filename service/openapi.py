"""Build the OpenAPI 3.1 contract from the marshmallow schemas.

`python -m service openapi > openapi.yaml` writes the committed file; a test fails
when the committed file differs from what this module builds.
"""
from __future__ import annotations

import yaml
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from . import schemas
from .actor_codes import SECTORS
from .ontology import (ACTOR_KINDS, ACTOR_ROLES, DATE_KINDS, GRANULARITIES, MODALITIES, PLACE_KINDS, PLACE_ROLES,
                       TYPE_NAMES)

PROBLEM = "application/problem+json"

_ERRORS = {
    "400": "Malformed JSON (syntax, duplicated keys, NaN, nesting too deep).",
    "401": "API keys are configured and the request has no valid `Authorization: Bearer` key.",
    "404": "No such path.",
    "405": "Method not allowed on this path.",
    "408": "The body did not arrive within BODY_TIMEOUT_S (default 20 s) of the headers.",
    "413": "Body larger than MAX_CONTENT_LENGTH (default 1 MiB).",
    "415": "Content-Type is not application/json.",
    "422": "The JSON is well formed but not a valid request: see `errors` for each field.",
    "500": "Unexpected error; the body carries no internals, the log has the request id.",
    "503": "Overloaded or past the request time budget; retry after `Retry-After` seconds.",
}


def _problem_responses(*codes: str) -> dict:
    return {code: {"description": _ERRORS[code], "content": {PROBLEM: {"schema": "Problem"}}} for code in codes}


def _json(schema: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ASSET = {"description": "The file.", "content": {t: {"schema": {"type": "string"}} for t in (
    "text/javascript", "text/css", "text/html", "image/png", "image/svg+xml", "application/json")}}

_REQUEST_ID = {"X-Request-ID": {"description": "The caller's X-Request-ID, or one generated for this request.",
                                "schema": {"type": "string"}}}


def build_spec() -> APISpec:
    spec = APISpec(
        title="Event extraction service",
        version="1.0.0",
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin()],
        info={"description": "Extracts the events a news article reports (meetings, visits, statements, "
                             "negotiations, proposals, agreements, rejections, accusations, demands, threats, "
                             "attacks) with their actors, places and dates. Every error is an RFC 9457 "
                             "problem+json document. Field meanings: see the schemas below.",
              "license": {"name": "MIT", "identifier": "MIT"}},
    )
    for name in ("ExtractRequest", "BatchRequest", "ExtractResponse", "BatchResponse", "EventTypesResponse",
                 "Status", "Problem"):
        spec.components.schema(name, schema=getattr(schemas, name + "Schema"))
    spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer",
                                                   "description": "Required on /v1 routes when the service is "
                                                                  "started with API_KEYS."})
    v1_errors = ("401", "404", "405", "500", "503")
    body_errors = ("400", "408", "413", "415", "422")
    spec.path("/v1/extract", operations={"post": {
        "operationId": "extract", "summary": "Extract the events of one article",
        "security": [{}, {"bearerAuth": []}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": "ExtractRequest",
                        "example": {"id": "a1", "text": "Blinken met Netanyahu in Jerusalem on Monday.",
                                    "published_at": "2024-08-20"}}}},
        "responses": {"200": {**_json("ExtractResponse", "The events, the document index and the reference date."),
                              "headers": _REQUEST_ID},
                      **_problem_responses(*body_errors, *v1_errors)}}})
    spec.path("/v1/extract/batch", operations={"post": {
        "operationId": "extractBatch", "summary": "Extract the events of up to 64 articles, answered in order",
        "description": "A request that does not validate is a 422 as a whole. Once it does, every document is "
                       "answered in its slot of `results`: its events, or, when its extraction failed, a "
                       "problem (status 500) while the other documents are answered.",
        "security": [{}, {"bearerAuth": []}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": "BatchRequest"}}},
        "responses": {"200": {**_json("BatchResponse", "One result per document, in request order: a response, "
                                                       "or a problem for a document that failed."),
                              "headers": _REQUEST_ID},
                      **_problem_responses(*body_errors, *v1_errors)}}})
    spec.path("/v1/event-types", operations={"get": {
        "operationId": "eventTypes", "summary": "The event ontology: types, roles, CAMEO and PLOVER codes; the actor sectors",
        "security": [{}, {"bearerAuth": []}],
        "responses": {"200": _json("EventTypesResponse", f"The {len(TYPE_NAMES)} event types."),
                      **_problem_responses(*v1_errors)}}})
    spec.path("/healthz", operations={"get": {
        "operationId": "health", "summary": "Liveness: the process answers",
        "responses": {"200": _json("Status", "Alive."), **_problem_responses("405", "500")}}})
    spec.path("/readyz", operations={"get": {
        "operationId": "ready", "summary": "Readiness: the language pipeline is loaded",
        "responses": {"200": _json("Status", "Ready to extract."),
                      **_problem_responses("405", "500", "503")}}})
    spec.path("/openapi.yaml", operations={"get": {
        "operationId": "contract", "summary": "This contract",
        "responses": {"200": {"description": "The OpenAPI document.",
                              "content": {"application/yaml": {"schema": {"type": "string"}}}},
                      **_problem_responses("405", "500")}}})
    spec.path("/docs", operations={"get": {
        "operationId": "docs", "summary": "Interactive documentation rendered from this contract",
        "responses": {"200": {"description": "An HTML page (Swagger UI, served locally).",
                              "content": {"text/html": {"schema": {"type": "string"}}}},
                      **_problem_responses("405", "500")}}})
    spec.path("/docs/assets/{name}", operations={"get": {
        "operationId": "docsAsset", "summary": "Static files of the documentation page (Swagger UI, shipped locally)",
        "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": _ASSET, **_problem_responses("404", "405", "500")}}})
    spec.path("/", operations={"get": {
        "operationId": "demo", "summary": "Demo page: the events of a text marked in it",
        "responses": {"200": {"description": "An HTML page (its script and style served locally).",
                              "content": {"text/html": {"schema": {"type": "string"}}}},
                      **_problem_responses("405", "500")}}})
    spec.path("/demo/assets/{name}", operations={"get": {
        "operationId": "demoAsset", "summary": "Static files of the demo page",
        "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": _ASSET, **_problem_responses("404", "405", "500")}}})
    spec.path("/demo/seeds/{name}", operations={"get": {
        "operationId": "demoSample", "summary": "A sample article the demo page offers",
        "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "The article's text.",
                              "content": {"text/plain": {"schema": {"type": "string"}}}},
                      **_problem_responses("404", "405", "500")}}})
    spec.path("/metrics", operations={"get": {
        "operationId": "metrics", "summary": "Prometheus metrics, summed over the worker processes (open, like the probes)",
        "responses": {"200": {"description": "Prometheus text format 0.0.4: requests by route and status, latency "
                                             "and extraction-time histograms, documents and events by type, shed "
                                             "and timed-out requests, pipeline info.",
                              "content": {"text/plain": {"schema": {"type": "string"}}}},
                      **_problem_responses("405", "500")}}})
    return spec


# Each closed word list of the contract is one named schema. Inline, a code generator names an enum after its
# property (Event.type became "EventType", the name of the ontology's schema, and the generator dropped both
# extract responses), and makes one type per use (ActorArgumentKind, ActorEntityKind).
NAMED_ENUMS = {"EventTypeName": TYPE_NAMES, "Modality": MODALITIES, "ActorKind": ACTOR_KINDS,
               "ActorRole": ACTOR_ROLES, "PlaceKind": PLACE_KINDS, "PlaceRole": PLACE_ROLES, "DateKind": DATE_KINDS,
               "Granularity": GRANULARITIES, "ReferenceDateSource": schemas.REFERENCE_SOURCES,
               "ActorSector": tuple(SECTORS)}


def _name_enums(node, by_values: dict[tuple, str]):
    """The schema tree with every enum listed in NAMED_ENUMS replaced by a reference to its component."""
    if isinstance(node, list):
        return [_name_enums(n, by_values) for n in node]
    if not isinstance(node, dict):
        return node
    values = tuple(v for v in node.get("enum", ()) if v is not None)
    if values in by_values:
        ref = {"$ref": f"#/components/schemas/{by_values[values]}"}
        rest = {k: v for k, v in node.items() if k not in ("type", "enum")}
        return {**rest, **(ref if None not in node["enum"] else {"anyOf": [ref, {"type": "null"}]})}
    return {k: _name_enums(v, by_values) for k, v in node.items()}


def render() -> str:
    spec = build_spec().to_dict()
    components = spec["components"]["schemas"]
    components.update(_name_enums(components, {tuple(v): k for k, v in NAMED_ENUMS.items()}))
    components.update({name: {"type": "string", "enum": list(values)} for name, values in NAMED_ENUMS.items()})
    return yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=100)
