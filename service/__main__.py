"""Command line: `python -m service extract FILE... [--published-at DATE]` and `python -m service openapi`."""
from __future__ import annotations

import argparse
import json
import sys

from marshmallow import ValidationError

from .config import Config
from .core import extract_many
from .nlp import load_pipeline
from .openapi import render
from .schemas import ExtractRequestSchema


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m service", description="Event extraction from news articles.")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="print the /v1/extract response for each file, one JSON line per file")
    ex.add_argument("files", nargs="+", help="text files; '-' reads standard input")
    ex.add_argument("--published-at", help="reference date for relative dates (ISO 8601)")
    sub.add_parser("openapi", help="print the OpenAPI contract built from the schemas")
    a = ap.parse_args(argv)
    if a.command == "openapi":
        sys.stdout.write(render())
        return 0
    config = Config.from_env()
    schema = ExtractRequestSchema(max_text_chars=config.MAX_TEXT_CHARS)
    requests = []
    for name in a.files:
        text = sys.stdin.read() if name == "-" else open(name, encoding="utf-8").read()
        body = {"text": text, "id": name}
        if a.published_at:
            body["published_at"] = a.published_at
        try:
            requests.append(schema.load(body))
        except ValidationError as exc:
            print(f"{name}: {json.dumps(exc.messages)}", file=sys.stderr)
            return 2
    for result in extract_many(load_pipeline(config.SPACY_MODEL), requests):
        print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
