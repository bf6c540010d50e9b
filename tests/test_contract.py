"""openapi.yaml is valid, is what the code generates, names every route, and the running app honours it."""
from __future__ import annotations

import re

import schemathesis
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate

from service.app import create_app
from service.config import Config
from service.openapi import render
from tests.conftest import SPEC, SPEC_PATH


def test_committed_contract_is_what_the_schemas_generate():
    assert SPEC_PATH.read_text() == render(), "openapi.yaml is stale: run `make openapi` and commit it"


def test_contract_is_valid_openapi_3_1():
    validate(SPEC)
    assert SPEC["openapi"].startswith("3.1")


def test_every_route_is_documented_and_every_path_is_a_route(app):
    routes = {re.sub(r"<(?:path:)?(\w+)>", r"{\1}", r.rule): set(r.methods) - {"HEAD", "OPTIONS"}
              for r in app.url_map.iter_rules() if r.endpoint != "static"}
    documented = {path: {m.upper() for m in ops} for path, ops in SPEC["paths"].items()}
    assert routes == documented


def test_every_error_status_the_app_uses_is_documented():
    from service.problems import TITLES
    codes = {c for ops in SPEC["paths"].values() for op in ops.values() for c in op["responses"]}
    assert {str(c) for c in TITLES} - {"404", "405"} <= codes


_app = create_app(Config.from_env())
schema = schemathesis.openapi.from_wsgi("/openapi.yaml", _app)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_schemathesis_every_operation(case):
    """Generated requests, valid and invalid: no 5xx, documented status codes, types and bodies."""
    response = case.call()
    assert response.status_code < 500, response.text[:500]
    case.validate_response(response)
