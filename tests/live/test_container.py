"""The contract suite over HTTP against a running service (LIVE_URL), as `make docker-test` runs it."""
from __future__ import annotations

import json
import os
import urllib.request

import pytest

LIVE_URL = os.environ.get("LIVE_URL")
if not LIVE_URL:
    pytest.skip("LIVE_URL is not set: these run against a container (make docker-test)", allow_module_level=True)

import jsonschema  # noqa: E402
import schemathesis  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from tests.conftest import SEEDS, spec_schema  # noqa: E402

schema = schemathesis.openapi.from_url(f"{LIVE_URL}/openapi.yaml")


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_schemathesis_over_http(case):
    response = case.call(base_url=LIVE_URL)
    assert response.status_code < 500, response.text[:300]
    case.validate_response(response)


def _validator():
    return jsonschema.Draft202012Validator(spec_schema("ExtractResponse"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_articles_over_http(path):
    text = path.read_text(encoding="utf-8")
    req = urllib.request.Request(f"{LIVE_URL}/v1/extract", method="POST", headers={"Content-Type": "application/json"},
                                 data=json.dumps({"id": path.stem, "text": text}).encode())
    with urllib.request.urlopen(req, timeout=60) as resp:
        assert resp.status == 200
        body = json.loads(resp.read())
    _validator().validate(body)
    assert body["id"] == path.stem and body["events"]
    for ev in body["events"]:
        assert text[ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"]


def test_demo_page_samples_and_metrics_in_the_image():
    """The image ships the sample articles, and /metrics works on its read-only root (tmpfs /tmp)."""
    page = urllib.request.urlopen(f"{LIVE_URL}/", timeout=10).read().decode()
    assert page.count("<option value=") == 6   # "paste your own" and the five samples
    with urllib.request.urlopen(f"{LIVE_URL}/demo/seeds/001_b775d3cc8d032d1e.txt", timeout=10) as resp:
        assert resp.status == 200 and len(resp.read()) > 1000
    req = urllib.request.Request(f"{LIVE_URL}/v1/extract", method="POST", headers={"Content-Type": "application/json"},
                                 data=json.dumps({"text": "Officials met in Cairo on Monday."}).encode())
    urllib.request.urlopen(req, timeout=60).read()
    metrics = urllib.request.urlopen(f"{LIVE_URL}/metrics", timeout=10).read().decode()
    assert "event_extraction_pipeline_info{" in metrics
    assert 'event_extraction_http_requests_total{method="POST",route="/v1/extract",status="200"}' in metrics
