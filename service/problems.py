"""RFC 9457 problem details: one builder, one exception, every error goes through them."""
from __future__ import annotations

from flask import Response, current_app, g, json

PROBLEM_TYPE = "https://event-extraction.dev/problems/"  # stable identifiers, documented in README
TITLES = {400: "Malformed request body", 401: "Unauthorized", 404: "Not found", 405: "Method not allowed",
          408: "Request timeout", 413: "Request body too large", 415: "Unsupported media type", 422: "Invalid request",
          500: "Internal server error", 503: "Service unavailable"}
SLUGS = {400: "malformed-json", 401: "unauthorized", 404: "not-found", 405: "method-not-allowed",
         408: "request-timeout", 413: "body-too-large", 415: "unsupported-media-type", 422: "validation-error",
         500: "internal-error", 503: "unavailable"}


class Problem(Exception):
    def __init__(self, status: int, detail: str, errors: list[dict] | None = None, headers: dict | None = None):
        super().__init__(detail)
        self.status, self.detail, self.errors, self.headers = status, detail, errors, headers or {}


def body(status: int, detail: str, errors: list[dict] | None = None, request_id: str | None = None) -> dict:
    out = {"type": PROBLEM_TYPE + SLUGS.get(status, "error"), "title": TITLES.get(status, "Error"),
           "status": status, "detail": detail}
    if request_id:
        out["instance"] = f"urn:request:{request_id}"
    if errors:
        out["errors"] = errors
    return out


def response(status: int, detail: str, errors: list[dict] | None = None, headers: dict | None = None) -> Response:
    resp = current_app.response_class(json.dumps(body(status, detail, errors, getattr(g, "request_id", None))),
                                      status=status,
                                      mimetype="application/problem+json")
    resp.headers.update(headers or {})
    return resp


def field_errors(messages, pointer: str = "") -> list[dict]:
    """Flatten marshmallow's nested messages into RFC 9457 `errors` with JSON Pointers."""
    if isinstance(messages, dict):
        out = []
        for key, value in messages.items():
            part = "" if key == "_schema" else "/" + str(key).replace("~", "~0").replace("/", "~1")
            out.extend(field_errors(value, pointer + part))
        return out
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return [{"pointer": pointer or "/", "detail": m} for m in messages]
    if isinstance(messages, list):
        return [e for m in messages for e in field_errors(m, pointer)]
    return [{"pointer": pointer or "/", "detail": str(messages)}]
