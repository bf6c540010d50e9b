"""Word lists by kind, one file each under data/words/, shared by every module that needs that kind of word.

A list is a plain text file: one entry a line (a lemma, or a lower-cased word form where the file's header
says so), `#` lines say why an entry is there or what the list is for. Keeping each kind of word in one
place is what lets tense, modality and argument rules agree on what "a verb of planning" is.
"""
from __future__ import annotations

import functools
from pathlib import Path

FOLDER = Path(__file__).parent / "data" / "words"


@functools.cache
def load(kind: str) -> frozenset[str]:
    """The entries of data/words/<kind>.txt; an unknown kind is an error at import time, not an empty set."""
    path = FOLDER / f"{kind}.txt"
    if not path.is_file():
        raise KeyError(f"no word list {kind!r} in {FOLDER}")
    entries = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(e for e in entries if e)


def kinds() -> list[str]:
    return sorted(p.stem for p in FOLDER.glob("*.txt"))
