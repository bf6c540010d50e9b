"""Fixtures: one pipeline per test session, an app per configuration, and a client whose every
response is checked against the committed openapi.yaml (the contract other systems test against)."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import spacy
import yaml
from flask.testing import FlaskClient
from openapi_core import Config as OpenAPIConfig, OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from eval import corpora
from eval.articles import predict
from service.app import create_app
from service.config import Config
from service.nlp import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
SPEC_PATH = ROOT / "openapi.yaml"
SPEC = yaml.safe_load(SPEC_PATH.read_text())
OPENAPI = OpenAPI.from_dict(SPEC, config=OpenAPIConfig(
    extra_media_type_deserializers={"application/problem+json": json.loads}))
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def spec_schema(name: str) -> dict:
    """A component of openapi.yaml as a stand-alone JSON Schema (the other components as $defs)."""
    schemas = SPEC["components"]["schemas"]
    schema = dict(schemas[name], **{"$defs": schemas})
    return json.loads(json.dumps(schema).replace("#/components/schemas/", "#/$defs/"))


def documented(path: str, method: str) -> bool:
    for template, ops in SPEC["paths"].items():
        parts, actual = template.strip("/").split("/"), path.split("?")[0].strip("/").split("/")
        if len(parts) == len(actual) and all(p == a or p.startswith("{") for p, a in zip(parts, actual)):
            return method.lower() in ops
    return False


class ContractClient(FlaskClient):
    """A test client that fails the test when a response breaks the contract."""

    def open(self, *args, **kwargs):
        resp = super().open(*args, **kwargs)
        req = resp.request
        if resp.status_code >= 400:
            assert resp.mimetype == "application/problem+json", resp.get_data(as_text=True)[:300]
            jsonschema.validate(resp.get_json(), spec_schema("Problem"))
            assert resp.get_json()["status"] == resp.status_code
        if documented(req.path, req.method):
            OPENAPI.validate_response(
                MockRequest("http://localhost", req.method.lower(), req.path),
                MockResponse(resp.get_data() if resp.is_json else resp.get_data(as_text=True), status_code=resp.status_code, content_type=resp.mimetype,
                             headers=dict(resp.headers)))
        return resp


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline(Config.from_env().SPACY_MODEL)


@pytest.fixture(scope="session")
def stock():
    """spaCy's pipeline as it loads, untouched: what the service's faster components must annotate like."""
    return spacy.load(Config.from_env().SPACY_MODEL, exclude=["senter"])


@pytest.fixture(scope="session")
def corpus(nlp):
    """corpus("seeds") / corpus("dev"): (gold, the service's responses), each corpus run once per session."""
    done = {}

    def get(name):
        if name not in done:
            reqs, gold = corpora.ARTICLES[name]()
            done[name] = gold, predict(nlp, reqs)
        return done[name]
    return get


@pytest.fixture(scope="session")
def app(nlp):
    app = create_app(Config.from_env())
    app.test_client_class = ContractClient
    return app


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def make_client(nlp):
    """A client for an app with other settings: make_client(MAX_TEXT_CHARS=50)."""
    def make(**overrides):
        app = create_app(Config.from_env(**overrides))
        app.test_client_class = ContractClient
        return app, app.test_client()
    return make
