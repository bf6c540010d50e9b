"""The HTTP API: happy paths of every route and every documented error, status, type and body."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.conftest import ROOT, SEEDS

PROBLEM = "application/problem+json"


def post(client, path, body, **kw):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(path, data=data, content_type=kw.pop("content_type", "application/json"), **kw)


def problem(resp, status):
    assert resp.status_code == status
    assert resp.mimetype == PROBLEM
    body = resp.get_json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"].startswith("http")
    assert "Traceback" not in resp.get_data(as_text=True) and "/site-packages/" not in resp.get_data(as_text=True)
    return body


# ---- happy paths ---------------------------------------------------------------------------

def test_extract_seed_article(client):
    text = SEEDS[1].read_text()
    resp = post(client, "/v1/extract", {"id": "doc-1", "text": text, "published_at": "2024-08-20"})
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    body = resp.get_json()
    assert body["id"] == "doc-1"
    assert body["reference_date"] == {"value": "2024-08-20", "source": "request"}
    assert {e["type"] for e in body["events"]} >= {"meeting", "visit", "statement"}
    for ev in body["events"]:
        for span in [ev["trigger"], ev["sentence"], *ev["actors"], *ev["places"], *ev["dates"]]:
            assert text[span["start"]:span["end"]] == span["text"]


def test_published_at_accepts_date_time(client):
    resp = post(client, "/v1/extract", {"text": "Blinken met Netanyahu on Monday.", "published_at": "2024-08-20T09:30:00Z"})
    assert resp.get_json()["reference_date"]["value"] == "2024-08-20"
    dates = resp.get_json()["entities"]["dates"]
    assert [d["value"] for d in dates] == ["2024-08-19"]


def test_without_reference_date_relative_dates_stay_unresolved(client):
    body = post(client, "/v1/extract", {"text": "Blinken met Netanyahu on Monday."}).get_json()
    assert body["reference_date"] == {"value": None, "source": "none"}
    assert body["entities"]["dates"][0]["value"] is None
    assert body["warnings"]


def test_types_filter(client):
    text = "Blinken met Netanyahu on Monday. Hamas rejected the proposal, he said."
    body = post(client, "/v1/extract", {"text": text, "types": ["meeting"]}).get_json()
    assert body["events"] and {e["type"] for e in body["events"]} == {"meeting"}


def test_batch_answers_in_order(client):
    docs = [{"id": p.stem, "text": p.read_text()} for p in SEEDS]
    resp = post(client, "/v1/extract/batch", {"documents": docs})
    assert resp.status_code == 200
    assert [r["id"] for r in resp.get_json()["results"]] == [p.stem for p in SEEDS]


def test_batch_limit(client):
    body = problem(post(client, "/v1/extract/batch", {"documents": [{"text": "x"}] * 65}), 422)
    assert body["errors"][0]["pointer"] == "/documents"


def test_batch_item_errors_point_at_the_item(client):
    body = problem(post(client, "/v1/extract/batch", {"documents": [{"text": "ok"}, {"text": " "}]}), 422)
    assert body["errors"] == [{"pointer": "/documents/1/text", "detail": "Text is empty or whitespace only."}]


def test_event_types(client):
    resp = client.get("/v1/event-types")
    types = resp.get_json()["event_types"]
    assert len(types) == 11 and {t["type"] for t in types} >= {"meeting", "visit", "statement", "attack"}
    assert next(t for t in types if t["type"] == "visit")["cameo"] == "042"


def test_probes(client, app):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    assert client.get("/readyz").get_json() == {"status": "ready"}
    saved = app.extensions["nlp"]
    app.extensions["nlp"] = None
    try:
        resp = client.get("/readyz")
        problem(resp, 503)
        assert resp.headers["Retry-After"]
    finally:
        app.extensions["nlp"] = saved


def test_contract_and_docs_are_served(client):
    from tests.conftest import SPEC_PATH
    resp = client.get("/openapi.yaml")
    assert resp.status_code == 200 and resp.get_data(as_text=True) == SPEC_PATH.read_text()
    page = client.get("/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    html = page.get_data(as_text=True)
    assert "http" not in html.replace("http-equiv", "")   # no CDN: every asset is local
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "init.js"):
        assert client.get(f"/docs/assets/{asset}").status_code == 200


def test_request_id_echoed_or_generated(client):
    resp = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert resp.headers["X-Request-ID"] == "abc-123"
    generated = client.get("/healthz", headers={"X-Request-ID": "bad id <script>"}).headers["X-Request-ID"]
    assert len(generated) == 32 and generated.isalnum()
    assert client.get("/healthz").headers["X-Content-Type-Options"] == "nosniff"


# ---- errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, fragment", [
    ('{"text": "a"', "not valid JSON"),
    ('{"text": "a", "text": "b"}', "duplicated key"),
    ('{"text": NaN}', "NaN"),
    ("[" * 10000 + "]" * 10000, "nested too deeply"),
    (b'{"text": "\xff"}', "UTF-8"),
    ('{"text": "a", "id": 1' + "0" * 5000 + "}", "not valid JSON"),
])
def test_malformed_json_is_400(client, raw, fragment):
    body = problem(post(client, "/v1/extract", raw), 400)
    assert fragment in body["detail"]


def test_wrong_content_type_is_415(client):
    problem(client.post("/v1/extract", data="text=hello", content_type="application/x-www-form-urlencoded"), 415)
    problem(client.post("/v1/extract", data='{"text": "hi"}', content_type="text/plain"), 415)


def test_body_over_limit_is_413(client):
    body = problem(post(client, "/v1/extract", {"text": "word " * 220_000}), 413)
    assert "1048576" in body["detail"]


@pytest.mark.parametrize("payload, pointer", [
    ({"text": ""}, "/text"),
    ({"text": " \n\t "}, "/text"),
    ({}, "/text"),
    ({"text": None}, "/text"),
    ({"text": 5}, "/text"),
    ({"text": ["a"]}, "/text"),
    ({"text": "a", "extra": 1}, "/extra"),
    ({"text": "a", "published_at": "19 August 2024"}, "/published_at"),
    ({"text": "a", "published_at": "2024-02-30"}, "/published_at"),
    ({"text": "a", "types": ["party"]}, "/types/0"),
    ({"text": "a", "types": []}, "/types"),
    ({"text": "a\ud800b"}, "/text"),
    ({"text": "a", "id": "x" * 300}, "/id"),
])
def test_invalid_request_is_422_with_field_errors(client, payload, pointer):
    body = problem(post(client, "/v1/extract", payload), 422)
    assert pointer in [e["pointer"] for e in body["errors"]]


def test_nul_characters_are_text_like_any_other(client):
    text = "Blinken\u0000 met Netanyahu in Jerusalem.\u0000"
    body = post(client, "/v1/extract", {"text": text}).get_json()
    spans = [e["trigger"] for e in body["events"]] + [p for e in body["events"] for p in e["places"]]
    assert spans and all(text[s["start"]:s["end"]] == s["text"] for s in spans)


def test_json_that_is_not_an_object_is_422(client):
    for raw in ("[]", '"text"', "3", "null"):
        problem(post(client, "/v1/extract", raw), 422)


def test_text_over_max_chars_is_422(make_client):
    _, client = make_client(MAX_TEXT_CHARS=50)
    body = problem(post(client, "/v1/extract", {"text": "x" * 51}), 422)
    assert "longer than 50" in body["errors"][0]["detail"]
    assert post(client, "/v1/extract", {"text": "x" * 50}).status_code == 200


def test_unknown_path_is_404_and_wrong_method_405(client):
    problem(client.get("/v1/nothing"), 404)
    resp = client.get("/v1/extract")
    problem(resp, 405)
    assert "POST" in resp.headers["Allow"]


def test_unexpected_error_is_500_without_internals(make_client, caplog):
    app, client = make_client()

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internal detail /srv/app.py")

    resp = client.get("/boom", headers={"X-Request-ID": "req-500"})
    body = problem(resp, 500)
    assert "secret" not in json.dumps(body) and body["instance"] == "urn:request:req-500"


def test_an_uninstalled_model_fails_at_start_with_a_clear_message():
    from service.app import create_app
    from service.config import Config
    with pytest.raises(RuntimeError, match="not installed here"):
        create_app(Config.from_env(SPACY_MODEL="en_core_web_nonexistent"))


@pytest.mark.parametrize("text, accepted", [
    ("\f\x0b\x85", False),          # U+0085 is space to Python, not to ECMA-262's \s: the contract names it
    ("\x1c\x1d\x1e\x1f", False),
    ("\ufeff \u3000", False),       # U+FEFF is space to ECMA-262, not to Python
    ("\u00a0x", True),
])
def test_blank_text_means_the_same_to_the_service_and_to_the_contract(client, text, accepted):
    pattern = yaml.safe_load((ROOT / "openapi.yaml").read_text())["components"]["schemas"]["ExtractRequest"][
        "properties"]["text"]["pattern"]
    assert bool(re.search(pattern, text)) is accepted
    assert (post(client, "/v1/extract", {"text": text}).status_code == 200) is accepted
