"""Where the documents of a command-line run come from: files, folders, globs, standard input, or a JSONL
manifest; and how a file's bytes become text (UTF-8, else the encoding charset-normalizer detects)."""
from __future__ import annotations

import glob
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from charset_normalizer import from_bytes

MANIFEST_FIELDS = ("id", "text", "published_at", "types")   # other fields of a manifest line are ignored


class Unreadable(Exception):
    """A document that cannot be read as text; its message says why."""


@dataclass(frozen=True)
class Source:
    """One document: read from `path` when it runs, or given as `fields` (a manifest line); `problem` when
    it was broken before it could be read (a missing file, a manifest line that is not JSON)."""
    id: str
    path: str | None = None
    fields: dict | None = None
    problem: str | None = None


def decode(raw: bytes) -> str:
    if not raw.strip():
        raise Unreadable("The file is empty." if not raw else "The file holds only whitespace.")
    try:
        return raw.decode("utf-8-sig")   # a BOM is not part of the article
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if best is None:
        raise Unreadable("The file is not text in any encoding charset-normalizer knows (a binary file?).")
    return str(best)


def read(source: Source) -> dict:
    """The request fields of a source: text and whatever the manifest gave."""
    if source.problem:
        raise Unreadable(source.problem)
    if source.fields is not None:
        return source.fields
    try:
        raw = sys.stdin.buffer.read() if source.path == "-" else Path(source.path).read_bytes()
    except OSError as exc:
        raise Unreadable(f"The file cannot be read: {exc.strerror or exc}.") from None
    return {"text": decode(raw)}


def _folder(path: Path) -> list[Path]:
    """Every regular file under a folder, hidden ones left out, in name order."""
    out = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(Path(root) / f for f in sorted(files) if not f.startswith("."))
    return out


def from_paths(args: list[str]) -> list[Source]:
    """Files, folders (recursively) and glob patterns (quoted, so the shell leaves them: 'news/**/*.txt')."""
    sources = []
    for arg in args:
        if arg == "-":
            sources.append(Source("<stdin>", path="-"))
            continue
        path = Path(arg)
        if path.is_dir():
            sources.extend(Source(str(p), path=str(p)) for p in _folder(path))
        elif path.exists() or not glob.has_magic(arg):
            sources.append(Source(arg, path=arg, problem=None if path.exists() else "No such file or folder."))
        else:
            matches = sorted(glob.glob(arg, recursive=True))
            files = [p for m in matches for p in (_folder(Path(m)) if Path(m).is_dir() else [Path(m)])]
            sources.extend(Source(str(p), path=str(p)) for p in files)
            if not files:
                sources.append(Source(arg, problem="No file matches this pattern."))
    return sources


def from_manifest(path: str) -> Iterator[Source]:
    """One source per line of a JSONL manifest: {"id", "text", "published_at"?, "types"?}; blank lines skipped.
    The file is opened now (OSError here), read as the sources are taken."""
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8-sig", errors="replace")
    return _manifest_lines(path, stream)


def _manifest_lines(path: str, stream) -> Iterator[Source]:
    with stream:
        for n, line in enumerate(stream, 1):
            if line.strip():
                yield manifest_line(line, f"{'<stdin>' if path == '-' else path}:{n}")


def manifest_line(line: str, where: str) -> Source:
    """The source of one manifest line (not blank), `where` (path:line) its id when it gives none."""
    n = where.rpartition(":")[2]
    try:
        entry = json.loads(line)
    except ValueError as exc:
        return Source(where, problem=f"Line {n} of the manifest is not JSON: {exc}.")
    if not isinstance(entry, dict):
        return Source(where, problem=f"Line {n} of the manifest is not a JSON object.")
    doc_id = entry.get("id")
    return Source(str(doc_id) if doc_id is not None else where,
                  fields={k: entry[k] for k in MANIFEST_FIELDS if k in entry and k != "id"})
