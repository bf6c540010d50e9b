"""Bad input, bounded work, load shedding and access control, through the app."""
from __future__ import annotations

import json

import gevent
import pytest

from tests.conftest import SEEDS
from tests.test_api import post, problem


def test_api_keys_guard_v1_only(make_client):
    _, client = make_client(API_KEYS="k-one, k-two")
    resp = post(client, "/v1/extract", {"text": "Blinken met Netanyahu."})
    problem(resp, 401)
    assert resp.headers["WWW-Authenticate"].startswith("Bearer")
    problem(post(client, "/v1/extract", {"text": "x"}, headers={"Authorization": "Bearer k-three"}), 401)
    problem(post(client, "/v1/extract", {"text": "x"}, headers={"Authorization": "Basic k-one"}), 401)
    ok = post(client, "/v1/extract", {"text": "Blinken met Netanyahu."}, headers={"Authorization": "Bearer k-two"})
    assert ok.status_code == 200
    assert client.get("/v1/event-types", headers={"Authorization": "Bearer k-one"}).status_code == 200
    for open_path in ("/healthz", "/readyz", "/openapi.yaml", "/docs"):
        assert client.get(open_path).status_code == 200


def test_security_headers_and_cors_off_by_default(client, make_client):
    resp = client.get("/v1/event-types", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in resp.headers
    assert resp.headers["Content-Security-Policy"].startswith("default-src 'none'")
    _, allowed = make_client(CORS_ORIGINS="https://app.example")
    resp = allowed.get("/v1/event-types", headers={"Origin": "https://app.example"})
    assert resp.headers["Access-Control-Allow-Origin"] == "https://app.example"


def test_overload_is_shed_with_503_and_retry_after(make_client):
    app, client = make_client(MAX_CONCURRENT=1, QUEUE_WAIT_S=0.05)
    slots = app.extensions["slots"]
    assert slots.acquire(timeout=1)   # another request holds the only slot
    try:
        resp = post(client, "/v1/extract", {"text": "Blinken met Netanyahu."})
        body = problem(resp, 503)
        assert resp.headers["Retry-After"] and "capacity" in body["detail"]
    finally:
        slots.release()
    assert post(client, "/v1/extract", {"text": "Blinken met Netanyahu."}).status_code == 200


class _Trickle:
    """A request body that arrives a byte at a time, a second apart: a client that will not finish."""

    def read(self, size=-1):
        gevent.sleep(1)
        return b"{"

    readline = read


def test_a_body_that_does_not_arrive_in_time_is_408(make_client):
    _, client = make_client(BODY_TIMEOUT_S=0.3)
    resp = client.post("/v1/extract", content_type="application/json",
                       environ_overrides={"wsgi.input": _Trickle(), "CONTENT_LENGTH": "40"})
    body = problem(resp, 408)
    assert "0.3 s" in body["detail"]


def test_time_budget_answers_503_instead_of_holding_a_worker(make_client):
    _, client = make_client(REQUEST_TIMEOUT_S=0.2)
    resp = post(client, "/v1/extract", {"text": "word " * 19_000})
    body = problem(resp, 503)
    assert resp.headers["Retry-After"] and "budget" in body["detail"]


def test_one_giant_sentence_is_parsed_in_pieces(client):
    text = " ".join(["Blinken met Netanyahu and"] * 3000)   # 75,000 characters, no punctuation
    body = post(client, "/v1/extract", {"text": text}).get_json()
    assert len(body["events"]) == 3000
    assert max(e["sentence"]["end"] - e["sentence"]["start"] for e in body["events"]) <= 2000


def test_one_megabyte_of_one_word_is_422(client):
    problem(post(client, "/v1/extract", {"text": "a" * 1_000_000}), 422)


def test_a_batch_of_64_maximal_documents_is_413(client):
    problem(post(client, "/v1/extract/batch", {"documents": [{"text": "a " * 50_000}] * 64}), 413)


@pytest.mark.parametrize("text", [
    "בלינקן נפגש עם נתניהו בירושלים. Blinken met Netanyahu in Jerusalem.",
    "布林肯在耶路撒冷会见了内塔尼亚胡。 Blinken met Netanyahu in Jerusalem on Monday 🙂.",
    "𝔅𝔩𝔦𝔫𝔨𝔢𝔫 🇮🇱 met\r\nNetanyahu in Jerusalem.\r\n“He said,” Blinken told reporters.",
    "<p>Blinken <b>met</b> Netanyahu in <a href='x'>Jerusalem</a>.</p><script>alert(1)</script>",
])
def test_scripts_markup_and_astral_characters_keep_exact_offsets(client, text):
    body = post(client, "/v1/extract", {"text": text, "published_at": "2024-08-20"}).get_json()
    spans = [e["trigger"] for e in body["events"]] + [a for e in body["events"] for a in e["actors"] + e["places"]]
    assert spans
    assert all(text[s["start"]:s["end"]] == s["text"] for s in spans)


def test_unknown_query_parameters_are_ignored(client):
    assert post(client, "/v1/extract?debug=1&x=%00", {"text": "Blinken met Netanyahu."}).status_code == 200


def test_huge_numbers_and_wrong_types_in_fields(client):
    problem(post(client, "/v1/extract", '{"text": "a", "id": 1e999999}'), 422)
    problem(post(client, "/v1/extract", json.dumps({"text": "a", "types": "meeting"})), 422)


@pytest.mark.parametrize("published_at", ["9999-12-31", "0001-01-01"])
def test_the_seed_articles_dated_at_the_ends_of_the_calendar_are_answered(client, published_at):
    # every comparison of a date with the reference day must stay inside the calendar; the seeds hold
    # datelines, past-tense verbs with dates and relative dates of every kind
    for path in SEEDS:
        r = post(client, "/v1/extract", json.dumps({"text": path.read_text(), "published_at": published_at}))
        assert r.status_code == 200, (path.name, r.get_data(as_text=True)[:300])
        assert r.get_json()["reference_date"]["value"] == published_at
