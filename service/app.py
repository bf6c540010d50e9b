"""The Flask app factory: configuration, the pipeline, request ids, logging and error handling."""
from __future__ import annotations

import hmac
import logging
import re
import threading
import time
import uuid

from flask import Flask, g, request
from flask_cors import CORS
from werkzeug.exceptions import HTTPException

from . import actor_codes, core, gazetteer, metrics, problems
from .api import bp
from .config import Config
from .logs import configure_logging
from .nlp import describe, load_pipeline
from .openapi import render
from .schemas import BatchRequestSchema, ExtractRequestSchema

log = logging.getLogger("service")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def create_app(config: Config | None = None, *, load_nlp: bool = True) -> Flask:
    config = config or Config.from_env()
    configure_logging(config.LOG_LEVEL)
    app = Flask(__name__)
    app.config.from_mapping({k: getattr(config, k) for k in config.__dataclass_fields__})
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.extensions["openapi_yaml"] = render()
    app.extensions["nlp"] = load_pipeline(config.SPACY_MODEL) if load_nlp else None
    app.extensions["slots"] = threading.BoundedSemaphore(config.MAX_CONCURRENT)
    # Request schemas hold no per-request state: built once, with this configuration's text limit.
    app.extensions["schemas"] = {"extract": ExtractRequestSchema(max_text_chars=config.MAX_TEXT_CHARS),
                                 "batch": BatchRequestSchema(max_text_chars=config.MAX_TEXT_CHARS)}
    gazetteer.warm()
    actor_codes.warm()
    if app.extensions["nlp"] is not None:
        # Compile the lexicon and run one parse now, before gunicorn forks: workers share the result and
        # the first request does not pay for it.
        core.extract(app.extensions["nlp"], "Officials met in Cairo on Monday, the ministry said.")
        metrics.PIPELINE.labels(**describe(app.extensions["nlp"])).set(1)
    app.register_blueprint(bp)
    if config.cors_origins:
        # Browsers on these origins may call the API and the contract; scripts may read X-Request-ID and
        # Retry-After. The preflight carries no key (browsers never send one), so it is not asked for one.
        CORS(app, resources={r"/v1/*": {}, "/openapi.yaml": {}}, origins=list(config.cors_origins),
             allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
             expose_headers=["X-Request-ID", "Retry-After"], max_age=600)
    keys = [k.encode() for k in config.api_keys]

    @app.before_request
    def _start():
        g.started = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        if keys and request.path.startswith("/v1/") and request.method != "OPTIONS":
            scheme, _, offered = request.headers.get("Authorization", "").partition(" ")
            offered = offered.strip().encode()
            # Compare with every key, always: the time taken says nothing about which key came close.
            ok = False
            for key in keys:
                ok |= hmac.compare_digest(key, offered)
            if scheme.lower() != "bearer" or not ok:
                raise problems.Problem(401, "Send a valid API key as 'Authorization: Bearer <key>'.",
                                       headers={"WWW-Authenticate": 'Bearer realm="event-extraction"'})

    @app.after_request
    def _finish(resp):
        resp.headers["X-Request-ID"] = g.get("request_id", "")
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer"
        resp.headers.setdefault("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        resp.headers.setdefault("Cache-Control", "no-store")
        # Unknown paths and methods each count as one series, so no client can make the series list grow.
        route = request.url_rule.rule if request.url_rule else "unmatched"
        method = request.method if request.method in _METHODS else "other"
        metrics.REQUESTS.labels(route, method, str(resp.status_code)).inc()
        metrics.LATENCY.labels(route).observe(time.perf_counter() - g.get("started", time.perf_counter()))
        return resp

    @app.errorhandler(problems.Problem)
    def _problem(exc: problems.Problem):
        return problems.response(exc.status, exc.detail, exc.errors, exc.headers)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        headers = {"Allow": ", ".join(exc.valid_methods)} if getattr(exc, "valid_methods", None) else None
        detail = {404: f"No route for {request.path!r}; see /openapi.yaml.",
                  405: f"{request.method} is not allowed on {request.path!r}.",
                  413: f"The body is larger than {app.config['MAX_CONTENT_LENGTH']} bytes."}.get(
            exc.code, exc.description or "")
        status = exc.code if exc.code in problems.TITLES else 400
        return problems.response(status, detail, headers=headers)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error", extra={"request_id": g.get("request_id")})
        return problems.response(500, "An unexpected error occurred; quote the request id when reporting it.")

    return app
