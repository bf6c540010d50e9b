"""Prometheus metrics for GET /metrics, summed over gunicorn's worker processes.

gunicorn.conf.py points PROMETHEUS_MULTIPROC_DIR at an empty directory before the app is imported, and each
process then keeps its counts in files there that any worker reads back (prometheus-client's multiprocess
mode). Without that variable (tests, a script) the counts live in this process's registry.
"""
from __future__ import annotations

import os

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Gauge, Histogram, \
    generate_latest, multiprocess

_PREFIX = "event_extraction_"
# An article takes 0.1-2 s; a batch up to the request budget (30 s by default).
_SECONDS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)

REQUESTS = Counter(_PREFIX + "http_requests_total", "HTTP requests answered, by route, method and status.",
                   ["route", "method", "status"])
LATENCY = Histogram(_PREFIX + "http_request_duration_seconds", "Time from receiving a request to answering it, by route.",
                    ["route"], buckets=_SECONDS)
EXTRACTION = Histogram(_PREFIX + "extraction_duration_seconds",
                       "Time spent extracting (parse and rules) once a request had its turn, by route.",
                       ["route"], buckets=_SECONDS)
DOCUMENTS = Counter(_PREFIX + "documents_total", "Documents extracted, by outcome (ok, or failed in a batch).",
                    ["outcome"])
EVENTS = Counter(_PREFIX + "events_extracted_total", "Events returned, by event type.", ["type"])
SHED = Counter(_PREFIX + "requests_shed_total", "Requests answered 503 because no turn came within QUEUE_WAIT_S.")
TIMED_OUT = Counter(_PREFIX + "requests_timed_out_total", "Requests answered 503 because they ran past REQUEST_TIMEOUT_S.")
PIPELINE = Gauge(_PREFIX + "pipeline_info", "The spaCy pipeline this service runs (always 1; see the labels).",
                 ["name", "version"], multiprocess_mode="max")


def count_events(results: list[dict]) -> None:
    for result in results:
        if "events" not in result:   # a document that failed in a batch: its slot holds a problem
            DOCUMENTS.labels("failed").inc()
            continue
        DOCUMENTS.labels("ok").inc()
        for event in result["events"]:
            EVENTS.labels(event["type"]).inc()


def exposition() -> tuple[bytes, str]:
    """The text format of every metric, and its content type."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry), CONTENT_TYPE_LATEST
