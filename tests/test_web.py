"""What browsers, ops and batch callers get from the app: partial batch failures, CORS with keys, /metrics,
the demo page and its assets."""
from __future__ import annotations

import json
import re

import jsonschema

import service.core
from tests.conftest import spec_schema

MEETING = "Blinken met Netanyahu in Jerusalem on Monday."


def post(client, path, body, **kw):
    return client.post(path, data=json.dumps(body), content_type="application/json", **kw)


# ---- batch: one failing document does not fail the others -------------------------------------

def test_a_document_that_fails_gets_a_problem_in_its_slot(client, monkeypatch):
    real = service.core._respond

    def respond(nlp, req, doc):
        if "BROKEN" in req["text"]:
            raise RuntimeError("a rule broke")
        return real(nlp, req, doc)

    monkeypatch.setattr(service.core, "_respond", respond)
    docs = [{"id": "a", "text": MEETING}, {"id": "b", "text": "BROKEN " + MEETING}, {"id": "c", "text": MEETING}]
    resp = post(client, "/v1/extract/batch", {"documents": docs}, headers={"X-Request-ID": "batch-1"})
    assert resp.status_code == 200
    a, b, c = resp.get_json()["results"]
    assert a["id"] == "a" and c["id"] == "c" and a["events"] and c["events"]
    assert b["status"] == 500 and b["instance"] == "urn:request:batch-1" and "a rule broke" not in json.dumps(b)
    jsonschema.validate(b, spec_schema("Problem"))
    jsonschema.validate(resp.get_json(), spec_schema("BatchResponse"))


def test_a_request_that_does_not_validate_is_still_a_422_as_a_whole(client):
    resp = post(client, "/v1/extract/batch", {"documents": [{"text": MEETING}, {"text": ""}]})
    assert resp.status_code == 422 and resp.get_json()["errors"][0]["pointer"] == "/documents/1/text"


# ---- CORS with API keys ---------------------------------------------------------------------------

def test_preflight_is_answered_without_a_key_and_exposes_the_request_id(make_client):
    _, client = make_client(API_KEYS="k1", CORS_ORIGINS="https://app.example")
    pre = client.options("/v1/extract", headers={"Origin": "https://app.example",
                                                 "Access-Control-Request-Method": "POST",
                                                 "Access-Control-Request-Headers": "authorization, content-type"})
    assert pre.status_code == 200
    assert pre.headers["Access-Control-Allow-Origin"] == "https://app.example"
    assert "authorization" in pre.headers["Access-Control-Allow-Headers"].lower()
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    resp = post(client, "/v1/extract", {"text": MEETING},
                headers={"Origin": "https://app.example", "Authorization": "Bearer k1"})
    assert resp.status_code == 200 and resp.headers["Access-Control-Allow-Origin"] == "https://app.example"
    assert "X-Request-ID" in resp.headers["Access-Control-Expose-Headers"]
    denied = post(client, "/v1/extract", {"text": MEETING}, headers={"Origin": "https://app.example"})
    assert denied.status_code == 401   # the preflight is open, the call itself still needs the key
    assert denied.headers["Access-Control-Allow-Origin"] == "https://app.example"   # so the page can read why


def test_other_origins_get_no_cors_headers(make_client):
    _, client = make_client(API_KEYS="k1", CORS_ORIGINS="https://app.example")
    pre = client.options("/v1/extract", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in pre.headers
    _, client = make_client()
    pre = client.options("/v1/extract", headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in pre.headers


# ---- metrics --------------------------------------------------------------------------------------

def _samples(text: str) -> dict[str, float]:
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            out[name] = float(value)
    return out


def test_metrics_count_requests_events_and_latency(make_client):
    _, client = make_client(API_KEYS="k1")
    before = _samples(client.get("/metrics").get_data(as_text=True))
    for _ in range(3):
        post(client, "/v1/extract", {"text": MEETING}, headers={"Authorization": "Bearer k1"})
    post(client, "/v1/extract", {"text": ""}, headers={"Authorization": "Bearer k1"})
    client.get("/no/such/path")
    client.open("/v1/extract", method="BREW")
    resp = client.get("/metrics")   # open like the probes, though API_KEYS is set
    assert resp.status_code == 200 and resp.mimetype == "text/plain"
    after = _samples(resp.get_data(as_text=True))

    def grew(name):
        return after.get(name, 0) - before.get(name, 0)

    p = "event_extraction_"
    assert grew(p + 'http_requests_total{method="POST",route="/v1/extract",status="200"}') == 3
    assert grew(p + 'http_requests_total{method="POST",route="/v1/extract",status="422"}') == 1
    assert grew(p + 'http_requests_total{method="GET",route="unmatched",status="404"}') == 1
    assert grew(p + 'http_requests_total{method="other",route="unmatched",status="401"}') == 1   # bounded labels
    assert grew(p + 'http_request_duration_seconds_count{route="/v1/extract"}') == 4
    assert grew(p + 'extraction_duration_seconds_count{route="/v1/extract"}') == 3
    assert grew(p + 'events_extracted_total{type="meeting"}') == 3
    assert p + "requests_shed_total" in after and p + "requests_timed_out_total" in after
    assert any(re.fullmatch(p + r'pipeline_info\{name="[^"]+",version="[^"]+"\}', k) for k in after)


def test_shed_and_timed_out_requests_are_counted(make_client):
    app, client = make_client(REQUEST_TIMEOUT_S=1e-9, QUEUE_WAIT_S=0.01)
    before = _samples(client.get("/metrics").get_data(as_text=True))
    assert post(client, "/v1/extract", {"text": MEETING * 20}).status_code == 503
    slots = app.extensions["slots"]
    slots.acquire()
    try:
        assert post(client, "/v1/extract", {"text": MEETING}).status_code == 503
    finally:
        slots.release()
    after = _samples(client.get("/metrics").get_data(as_text=True))
    assert after["event_extraction_requests_timed_out_total"] - before["event_extraction_requests_timed_out_total"] == 1
    assert after["event_extraction_requests_shed_total"] - before["event_extraction_requests_shed_total"] == 1


# ---- the demo page ------------------------------------------------------------------------------

def test_demo_page_is_served_with_local_assets_and_a_strict_policy(client):
    page = client.get("/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe" not in csp and "connect-src 'self'" in csp
    html = page.get_data(as_text=True)
    assert "http://" not in html and "https://" not in html   # no CDN
    assets = re.findall(r'(?:src|href)="(/demo/assets/[^"]+)"', html)
    assert len(assets) == 5
    for asset in assets:
        assert client.get(asset).status_code == 200
    samples = re.findall(r'<option value="([^"]+)" data-published="(\d{4}-\d\d-\d\d)">', html)
    assert len(samples) == 5
    seed = client.get(f"/demo/seeds/{samples[0][0]}")
    assert seed.status_code == 200 and seed.mimetype == "text/plain" and len(seed.get_data(as_text=True)) > 1000
    assert client.get("/demo/seeds/..%2Fservice%2Fconfig.py").status_code == 404
    assert client.get("/demo/assets/../config.py").status_code == 404
