"""Where the measured texts and their gold come from: the seeds (in the project) and, when ../shared is
beside the project, the development articles and the coded event sentences (never copied into it).

Each article corpus is a list of requests for `service.core.extract_many` and the gold by document id.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS_GOLD = ROOT / "tests" / "data" / "seeds.gold.jsonl"      # a copy of ../shared/eval/gold/seeds.jsonl
DEV_TEXTS = SHARED / "eval" / "dev" / "texts.jsonl"
DEV_GOLD = SHARED / "eval" / "gold" / "dev.jsonl"
SENTENCES = SHARED / "eval" / "external" / "event_sentences.jsonl"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def seeds() -> tuple[list[dict], dict[str, dict]]:
    gold = {g["id"]: g for g in read_jsonl(SEEDS_GOLD)}
    reqs = [{"id": doc_id, "text": (ROOT / "seeds" / f"{doc_id}.txt").read_text(encoding="utf-8"),
             "published_at": _date(g["published"])} for doc_id, g in gold.items()]
    return reqs, gold


def dev() -> tuple[list[dict], dict[str, dict]]:
    """The development articles; `published_at` is the line's "published" (null for the BBC texts)."""
    gold = {g["id"]: g for g in read_jsonl(DEV_GOLD)}
    reqs = [{"id": d["id"], "text": d["text"], "published_at": _date(d.get("published"))}
            for d in read_jsonl(DEV_TEXTS)]
    return reqs, gold


def dev_available() -> bool:
    return DEV_TEXTS.exists() and DEV_GOLD.exists()


ARTICLES = {"seeds": seeds, "dev": dev}
