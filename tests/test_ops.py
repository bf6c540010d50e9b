"""What operators and client authors get from the real server (gunicorn, 2 workers, loopback): metrics summed
over the workers, JSON log lines on one stream, the settings compose passes, and a Python client generated
from openapi.yaml that talks to it."""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import fields

import pytest
import yaml

from service.config import Config
from tests.conftest import ROOT

MEETING = "Blinken met Netanyahu in Jerusalem on Monday."


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """gunicorn as `make serve` runs it (its bind from HOST and PORT), stdout and stderr kept apart."""
    logs = tmp_path_factory.mktemp("gunicorn")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("HOST", "PROMETHEUS_MULTIPROC_DIR")}
    env.update(PORT=str(port), WORKERS="2", QUEUE_WAIT_S="20", LOG_LEVEL="INFO")
    with open(logs / "stdout", "w") as out, open(logs / "stderr", "w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=ROOT, env=env,
                                stdout=out, stderr=err)
    url = f"http://127.0.0.1:{port}"
    for _ in range(160):
        try:
            urllib.request.urlopen(url + "/readyz", timeout=1)
            break
        except OSError:
            time.sleep(0.25)
    else:
        proc.kill()
        pytest.fail("gunicorn did not become ready:\n" + (logs / "stderr").read_text()[-2000:])
    yield {"url": url, "port": port, "proc": proc, "logs": logs}
    if proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=30)


def _post(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


def _metrics(url) -> dict[str, float]:
    text = urllib.request.urlopen(url + "/metrics", timeout=10).read().decode()
    return {name: float(value) for name, value in
            (line.rsplit(" ", 1) for line in text.splitlines() if line and not line.startswith("#"))}


def _worker_pids(gunicorn) -> set[int]:
    return {int(p) for p in re.findall(r'"Booting worker with pid: (\d+)"', (gunicorn["logs"] / "stderr").read_text())}


def test_listens_on_loopback_by_default(gunicorn):
    text = (gunicorn["logs"] / "stderr").read_text()
    assert f"Listening at: http://127.0.0.1:{gunicorn['port']}" in text


def test_metrics_are_summed_over_the_workers(gunicorn):
    url = gunicorn["url"]
    before = _metrics(url)
    n = 12
    statuses = [_post(url + "/v1/extract", {"text": MEETING}) for _ in range(n)]
    assert statuses == [200] * n
    assert len(_worker_pids(gunicorn)) == 2
    key = 'event_extraction_http_requests_total{method="POST",route="/v1/extract",status="200"}'
    # Whichever worker answers /metrics, it counts what both answered (a fresh connection per request,
    # keepalive 0, spreads them); three reads must all agree.
    for _ in range(3):
        after = _metrics(url)
        assert after[key] - before.get(key, 0) == n
        assert after['event_extraction_events_extracted_total{type="meeting"}'] >= n
        assert after['event_extraction_extraction_duration_seconds_count{route="/v1/extract"}'] >= n
    assert any(k.startswith("event_extraction_pipeline_info{") and v == 1 for k, v in after.items())


def test_every_log_line_is_json_on_stderr_with_numbers_as_numbers(gunicorn):
    url = gunicorn["url"]
    _post(url + "/v1/extract", {"text": MEETING})
    _post(url + "/v1/extract", {"text": ""})
    urllib.request.urlopen(url + "/healthz?probe=1", timeout=10).read()
    time.sleep(0.5)
    assert (gunicorn["logs"] / "stdout").read_text() == ""   # one stream, as documented
    lines = (gunicorn["logs"] / "stderr").read_text().splitlines()
    records = [json.loads(line) for line in lines]   # fails on any line that is not JSON
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
    assert any(r["logger"] == "gunicorn.error" and "Booting worker" in r["message"] for r in records)
    access = [r for r in records if r["logger"] == "gunicorn.access"]
    ok = next(r for r in access if r["path"] == "/v1/extract" and r["status"] == 200)
    assert isinstance(ok["bytes"], int) and ok["bytes"] > 100
    assert isinstance(ok["duration_ms"], float) and ok["duration_ms"] > 0
    assert re.fullmatch(r"[0-9a-f]{32}", ok["request_id"])
    assert any(r["status"] == 422 for r in access)
    probe = next(r for r in access if r["path"] == "/healthz")
    assert probe["query"] == "probe=1" and probe["method"] == "GET"


def test_the_python_client_generated_from_the_contract_calls_the_service(gunicorn, tmp_path):
    """openapi-python-client builds a client with every model (no clashing names), and it works."""
    generator = shutil.which("openapi-python-client", path=os.path.dirname(sys.executable))
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    proc = subprocess.run([generator, "generate", "--path", str(ROOT / "openapi.yaml"), "--meta", "none",
                           "--output-path", str(tmp_path / "evx_client")], capture_output=True, text=True,
                          env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = proc.stdout + proc.stderr
    assert "onflict" not in report and "Unable to parse" not in report, report
    # the one warning allowed: the generator reads no YAML, so GET /openapi.yaml returns raw bytes
    warned = re.findall(r"WARNING parsing (\S+ \S+)", report)
    assert set(warned) <= {"GET /openapi.yaml"}, report
    sys.path.insert(0, str(tmp_path))
    try:
        from evx_client import Client
        from evx_client.api.default import extract, extract_batch, event_types
        from evx_client.models import BatchRequest, EventTypeName, ExtractRequest, ExtractResponse, Problem
        client = Client(base_url=gunicorn["url"], raise_on_unexpected_status=True)
        import datetime as dt
        answer = extract.sync(client=client, body=ExtractRequest(text=MEETING, published_at=dt.date(2024, 8, 20)))
        assert isinstance(answer, ExtractResponse)
        meeting = answer.events[0]
        assert meeting.type_ == EventTypeName.MEETING and meeting.dates[0].value == "2024-08-19"
        invalid = extract.sync(client=client, body=ExtractRequest(text=" "))
        assert isinstance(invalid, Problem) and invalid.status == 422
        batch = extract_batch.sync(client=client, body=BatchRequest(documents=[ExtractRequest(text=MEETING)] * 2))
        assert [type(r) for r in batch.results] == [ExtractResponse, ExtractResponse]
        assert len(event_types.sync(client=client).event_types) == 11
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == "evx_client" or m.startswith("evx_client.")]:
            del sys.modules[name]


# ---- settings --------------------------------------------------------------------------------------

def test_compose_passes_every_setting_with_the_same_defaults():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    env = compose["services"]["extractor"]["environment"]
    assert set(env) >= {f.name for f in fields(Config)}, "docker-compose.yml drops a setting of service/config.py"
    example = dict(line.split("=", 1) for line in (ROOT / ".env.example").read_text().splitlines()
                   if line and not line.startswith("#"))
    compose_text = (ROOT / "docker-compose.yml").read_text()
    variables = dict(re.findall(r"\$\{(\w+):-([^}]*)\}", compose_text))
    assert set(variables) == set(example), ".env.example and docker-compose.yml name different variables"
    for name, default in variables.items():
        assert example[name] == default, name
        if name in Config.__dataclass_fields__ and name != "SPACY_MODEL":
            assert Config.from_env({name: default}) == Config(), f"{name}: compose's default is not the service's"
    assert (env["HOST"], str(env["PORT"])) == ("0.0.0.0", "8000")


def test_host_is_loopback_by_default_and_all_interfaces_in_the_image():
    assert Config().HOST == "127.0.0.1"
    code = ("import os, runpy, shutil; bind = runpy.run_path('gunicorn.conf.py')['bind']; "
            "shutil.rmtree(os.environ['PROMETHEUS_MULTIPROC_DIR']); print(bind)")
    env = {k: v for k, v in os.environ.items() if k not in ("HOST", "PORT")}
    binds = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=dict(env, **extra), capture_output=True,
                            text=True, timeout=60).stdout.strip() for extra in ({}, {"HOST": "::1", "PORT": "9000"})]
    assert binds == ["127.0.0.1:8000", "[::1]:9000"]
    assert re.search(r"^\s+HOST=0\.0\.0\.0 ", (ROOT / "Dockerfile").read_text(), re.M)


def test_readme_documents_settings_metrics_and_the_event_table():
    from service import metrics, writers
    readme = (ROOT / "README.md").read_text()
    for f in fields(Config):
        assert f"| `{f.name}` |" in readme, f.name
    for metric in (metrics.REQUESTS, metrics.LATENCY, metrics.EXTRACTION, metrics.DOCUMENTS, metrics.EVENTS,
                   metrics.SHED, metrics.TIMED_OUT, metrics.PIPELINE):
        name = metric._name + ("_total" if metric._type == "counter" else "")
        assert f"`{name}" in readme, name
    for column in writers.COLUMNS:
        assert f"`{column}`" in readme, column
    for fmt in writers.FORMATS:
        assert f"`{fmt}`" in readme, fmt
    assert "docs/demo.png" in readme and (ROOT / "docs" / "demo.png").stat().st_size > 10_000
