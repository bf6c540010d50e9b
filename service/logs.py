"""JSON log lines on stderr, each with the request id when there is one: the service's, gunicorn's own and
its access log alike (gunicorn takes `gunicorn_config()` as its `logconfig_dict`)."""
from __future__ import annotations

import json
import logging
import sys


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"), "level": record.levelname,
                 "logger": record.name, "message": record.getMessage()}
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry.update(_access(record.args))
        for key in ("request_id", "document_id", "method", "path", "status", "duration_ms"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def _number(value, cast=int):
    try:
        return cast(value)
    except (TypeError, ValueError):   # gunicorn writes "-" for what it does not know
        return None


def _access(atoms: dict) -> dict:
    """The fields of one access-log line from gunicorn's atoms, numbers as numbers."""
    request_id = atoms.get("{x-request-id}o", "-")
    return {"request_id": None if request_id == "-" else request_id, "method": atoms.get("m"),
            "path": atoms.get("U"), "query": atoms.get("q") or None, "status": _number(atoms.get("s")),
            "bytes": _number(atoms.get("B")),
            "duration_ms": None if _number(atoms.get("D")) is None else round(atoms["D"] / 1000, 3),
            "remote": atoms.get("h"), "user_agent": None if atoms.get("a") in (None, "-") else atoms["a"]}


def configure_logging(level: str = "INFO") -> None:
    root = logging.getLogger("service")
    if not any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
        root.propagate = False
    root.setLevel(level.upper())


def gunicorn_config(level: str = "INFO") -> dict:
    """gunicorn's `logconfig_dict`: its error and access logs, and any library's, as JSON on stderr."""
    handler = {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "json"}
    return {"version": 1, "disable_existing_loggers": False,
            "formatters": {"json": {"()": JsonFormatter}},
            "handlers": {"stderr": handler},
            "root": {"level": level.upper(), "handlers": ["stderr"]},
            "loggers": {"gunicorn.error": {"level": level.upper(), "handlers": ["stderr"], "propagate": False},
                        "gunicorn.access": {"level": "INFO", "handlers": ["stderr"], "propagate": False}}}
