"""The HTTP routes: translate requests to calls of the extraction core and back, nothing more."""
from __future__ import annotations

import ctypes
import html
import json
import logging
import time
from contextlib import contextmanager
from pathlib import Path

import gevent
import swagger_ui_bundle
from flask import Blueprint, Response, current_app, g, jsonify, request, send_from_directory
from gevent import monkey
from marshmallow import ValidationError

from . import balance, budget, core, metrics, problems
from .actor_codes import SECTORS
from .ontology import EVENT_TYPES
from .problems import Problem, field_errors

bp = Blueprint("api", __name__)
log = logging.getLogger("service")
_STATIC = Path(__file__).parent / "static"
_SEEDS = Path(__file__).resolve().parent.parent / "seeds"   # the sample articles; absent, the page offers none
_PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
             "connect-src 'self'; frame-ancestors 'none'")   # Swagger UI sets inline styles
_DEMO_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
             "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def _reject_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError(f"duplicated key {next(k for k in keys if keys.count(k) > 1)!r}")
    return dict(pairs)


def _reject_constant(name):
    raise ValueError(f"{name} is not valid JSON")


def _json_body():
    if request.mimetype != "application/json":
        raise Problem(415, "Send the body as JSON with 'Content-Type: application/json'.")
    raw = _body()
    if request.content_length is not None and len(raw) != request.content_length:
        raise Problem(400, f"The body has {len(raw)} bytes, not the {request.content_length} its Content-Length says.")
    try:
        return json.loads(raw.decode("utf-8"), object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise Problem(400, "The body is not valid UTF-8.") from None
    except RecursionError:
        raise Problem(400, "The JSON is nested too deeply.") from None
    except ValueError as exc:  # JSONDecodeError, duplicated keys, NaN, integers too long to convert
        raise Problem(400, f"The body is not valid JSON: {exc}.") from None


def _body() -> bytes:
    """The whole body, read before the request asks for an extraction slot. Under the gevent worker a client
    that trickles or stalls holds only its own greenlet, and only until BODY_TIMEOUT_S; then it gets a 408."""
    seconds = current_app.config["BODY_TIMEOUT_S"]
    with gevent.Timeout(seconds, False):
        return request.get_data()
    raise Problem(408, f"The body did not arrive within {seconds:g} s of the headers; send it at once.")


def _in_thread(fn, *args, **kwargs):
    """Extraction is CPU work: under the gevent worker it runs in a thread of the hub's pool, so that the worker
    goes on accepting connections, reading bodies, keeping deadlines and answering /healthz meanwhile. The
    extraction slots (a gevent semaphore there) keep the threads at MAX_CONCURRENT."""
    if monkey.is_module_patched("threading"):
        return gevent.get_hub().threadpool.apply(fn, args, kwargs)
    return fn(*args, **kwargs)


def _load(schema, body):
    if not isinstance(body, dict):
        raise Problem(422, "The body must be a JSON object.", [{"pointer": "/", "detail": "Not an object."}])
    try:
        return schema.load(body)
    except ValidationError as exc:
        raise Problem(422, "The request does not validate: see errors.", field_errors(exc.messages)) from None


@contextmanager
def _turn():
    """One extraction at a time per worker slot; a request that cannot get a turn soon is shed with a 503.
    While it waits or runs, the request counts in this worker's load (service/balance.py)."""
    balance.enter()
    try:
        with _slot() as deadline:
            yield deadline
    finally:
        balance.leave()


@contextmanager
def _slot():
    slots = current_app.extensions["slots"]
    if not slots.acquire(timeout=current_app.config["QUEUE_WAIT_S"]):
        metrics.SHED.inc()
        raise Problem(503, "The service is at capacity; retry shortly.", headers={"Retry-After": "2"})
    started = time.perf_counter()
    try:
        yield budget.deadline_in(current_app.config["REQUEST_TIMEOUT_S"])
    except budget.Exceeded:
        metrics.TIMED_OUT.inc()
        raise Problem(503, f"The request took longer than its budget of {current_app.config['REQUEST_TIMEOUT_S']} s; "
                           "send shorter texts or smaller batches.", headers={"Retry-After": "5"}) from None
    finally:
        metrics.EXTRACTION.labels(request.url_rule.rule).observe(time.perf_counter() - started)
        slots.release()
        _release_heap()


try:
    _LIBC = ctypes.CDLL("libc.so.6")
except OSError:   # not glibc: nothing to trim
    _LIBC = None


def _release_heap() -> None:
    """Hand the freed parse arrays back to the OS after every extraction (about 0.7 ms): glibc keeps them
    otherwise, and a worker's RSS would wander with the high-water mark of whatever it served last.
    Trimming only after large requests measured ~6% faster once, but let RSS drift 5% in a 40-second soak."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _pipeline():
    nlp = current_app.extensions.get("nlp")
    if nlp is None:
        raise Problem(503, "The language pipeline is not loaded yet.", headers={"Retry-After": "5"})
    return nlp


@bp.post("/v1/extract")
def extract():
    req = _load(current_app.extensions["schemas"]["extract"], _json_body())
    nlp = _pipeline()
    with _turn() as deadline:
        results = _in_thread(core.extract_many, nlp, [req], deadline)
    metrics.count_events(results)
    return jsonify(results[0])


def _failed_document(req: dict, exc: Exception) -> dict:
    """The slot of a batch document whose extraction failed: a problem, while the others are answered."""
    log.error("extraction failed for one document of a batch", exc_info=exc,
              extra={"request_id": g.get("request_id"), "document_id": req.get("id")})
    return problems.body(500, "Extracting this document failed; the others were answered. "
                              "Quote the request id when reporting it.", request_id=g.get("request_id"))


@bp.post("/v1/extract/batch")
def extract_batch():
    req = _load(current_app.extensions["schemas"]["batch"], _json_body())
    nlp = _pipeline()
    with _turn() as deadline:
        results = _in_thread(core.extract_many, nlp, req["documents"], deadline, on_error=_failed_document)
    metrics.count_events(results)
    return jsonify({"results": results})


@bp.get("/v1/event-types")
def event_types():
    return jsonify({"event_types": EVENT_TYPES,
                    "actor_sectors": [{"code": k, "description": v} for k, v in SECTORS.items()]})


@bp.get("/healthz")
def healthz():
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz():
    _pipeline()
    return jsonify({"status": "ready"})


@bp.get("/metrics")
def prometheus_metrics():
    body, content_type = metrics.exposition()
    return Response(body, content_type=content_type)


@bp.get("/openapi.yaml")
def contract():
    return Response(current_app.extensions["openapi_yaml"], mimetype="application/yaml")


@bp.get("/docs")
def docs():
    resp = send_from_directory(_STATIC, "docs.html", mimetype="text/html")
    resp.headers["Content-Security-Policy"] = _PAGE_CSP
    return resp


def _samples() -> list[dict]:
    index = _SEEDS / "index.json"
    return json.loads(index.read_text()) if index.exists() else []


@bp.get("/")
def demo():
    options = "\n".join(f'          <option value="{html.escape(s["file"])}" data-published="{html.escape(s["published_at"])}">'
                        f'{html.escape(s["title"])}</option>' for s in _samples())
    page = (_STATIC / "demo.html").read_text().replace("{seed_options}", options)
    return Response(page, mimetype="text/html", headers={"Content-Security-Policy": _DEMO_CSP})


@bp.get("/demo/assets/<path:name>")
def demo_assets(name):
    return send_from_directory(_STATIC, name)


@bp.get("/demo/seeds/<name>")
def demo_seed(name):
    if name not in {s["file"] for s in _samples()}:
        raise Problem(404, f"No sample article named {name!r}.")
    return Response((_SEEDS / name).read_text(encoding="utf-8"), mimetype="text/plain")


@bp.get("/docs/assets/<path:name>")
def docs_assets(name):
    # Our own initializer beside Swagger UI's files, all served from disk: no CDN.
    if name == "init.js":
        return send_from_directory(_STATIC, "docs-init.js", mimetype="text/javascript")
    return send_from_directory(swagger_ui_bundle.swagger_ui_path, name)
