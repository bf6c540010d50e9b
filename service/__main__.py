"""Command line: `python -m service extract PATH... [options]`, `python -m service archive INPUT... OUT`
and `python -m service openapi`.

Exit status of `extract` and `archive`: 0 every document was extracted, 1 some failed (each has an error
record in the output; `extract` writes a line on stderr too), 2 the command itself is wrong (an option, an
unreadable manifest or input).
"""
from __future__ import annotations

import argparse
import itertools
import os
import sys
import time

from marshmallow import ValidationError

from . import archive, sources, writers
from .config import Config
from .ontology import TYPE_NAMES
from .openapi import render
from .schemas import ReferenceDate


def _types(value: str) -> tuple[str, ...]:
    names = tuple(t.strip() for t in value.split(",") if t.strip())
    unknown = [t for t in names if t not in TYPE_NAMES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown event type {', '.join(unknown) or repr(value)}; "
                                         f"known: {', '.join(TYPE_NAMES)}")
    return names


def _date(value: str) -> str:
    try:
        ReferenceDate().deserialize(value)
    except ValidationError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an ISO 8601 date or date-time (2024-08-20)") from None
    return value


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m service", description="Event extraction from news articles.")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract the events of files, folders, globs or a JSONL manifest",
                        description="One record per document, written as each finishes. A document that fails "
                                    "becomes an error record; the exit status is 1 when any did.")
    ex.add_argument("paths", nargs="*", help="text files, folders (read recursively), quoted glob patterns "
                                             "('news/**/*.txt'); '-' reads standard input")
    ex.add_argument("--manifest", help="JSONL file, one document a line: {\"id\", \"text\", \"published_at\"?, "
                                       "\"types\"?} ('-' reads standard input)")
    ex.add_argument("--published-at", type=_date, help="reference date for relative dates of documents that "
                                                       "do not give their own (ISO 8601)")
    ex.add_argument("--types", type=_types, help=f"comma-separated event types to keep ({','.join(TYPE_NAMES)})")
    ex.add_argument("--format", choices=writers.FORMATS, default="jsonl",
                    help="jsonl: the /v1/extract response per line; csv/tsv: one row per event; html: the "
                         "text with its events marked (default jsonl)")
    ex.add_argument("-o", "--output", help="write here instead of standard output")
    ex.add_argument("--processes", type=int, default=1, metavar="N", help="documents extracted at once, "
                                                                          "one process each (default 1)")
    ar = sub.add_parser("archive", help="extract a corpus on Dask into Parquet tables (needs the archive extra)",
                        description="The events of every document of JSONL or Parquet inputs, on a local Dask "
                                    "cluster or the one --scheduler names, as Parquet tables in OUT: events/ (one row "
                                    "per event), documents/ (one row per input document, failed ones with their "
                                    "error) and manifest.json (the counts). Rerun the same command to resume.")
    ar.add_argument("paths", nargs="+", metavar="INPUT... OUT",
                    help="JSONL files ({\"id\", \"text\", \"published_at\"?, \"types\"?} a line), Parquet files with "
                         "those columns, folders of them or quoted globs; then the output folder")
    ar.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="a running Dask scheduler (default: a local "
                                                                  "cluster, one worker per core)")
    ar.add_argument("--workers", type=int, metavar="N", help="workers of the local cluster (default: the cores)")
    ar.add_argument("--partition-size", type=int, default=None, metavar="N",
                    help="documents per partition, the unit of work, output file and resume (default: "
                         "enough for 64 partitions, 10 to 250)")
    ar.add_argument("--published-at", type=_date, help="reference date of documents that do not give their own")
    ar.add_argument("--types", type=_types, help=f"comma-separated event types to keep ({','.join(TYPE_NAMES)})")
    ar.add_argument("--jsonl", action="store_true", help="also write each document's whole /v1/extract response "
                                                         "as JSON lines (records/)")
    sub.add_parser("openapi", help="print the OpenAPI contract built from the schemas")
    return ap


class Progress:
    """A one-line progress bar on stderr when it is a terminal; silent otherwise (piped, CI, cron), and when
    the records themselves go to that terminal."""

    def __init__(self, total: int | None, records_to_terminal: bool = False):
        self.total, self.stream, self.done, self.failed = total, sys.stderr, 0, 0
        self.on = self.stream.isatty() and not records_to_terminal
        self.started = time.monotonic()

    def step(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        if not self.on:
            return
        rate = self.done / max(time.monotonic() - self.started, 1e-9)
        if self.total:
            filled = int(30 * self.done / self.total)
            bar = f"[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}"
        else:
            bar = f"{self.done}"
        self.stream.write(f"\r{bar} documents, {self.failed} failed, {rate:.1f}/s ")
        self.stream.flush()

    def end(self) -> None:
        if self.on and self.done:
            self.stream.write("\n")


def extract(a: argparse.Namespace) -> int:
    if not a.paths and not a.manifest:
        print("python -m service extract: give files, folders, globs or --manifest", file=sys.stderr)
        return 2
    if a.processes < 1:
        print("python -m service extract: --processes must be at least 1", file=sys.stderr)
        return 2
    listed = sources.from_paths(a.paths)
    try:
        manifest = sources.from_manifest(a.manifest) if a.manifest else ()
    except OSError as exc:
        print(f"python -m service extract: cannot read the manifest: {exc.strerror or exc}", file=sys.stderr)
        return 2
    config = Config.from_env()
    options = archive.Options(max_text_chars=config.MAX_TEXT_CHARS, published_at=a.published_at, types=a.types,
                              keep_text=a.format == "html")
    from .nlp import load_pipeline   # after the arguments are checked: loading takes seconds
    nlp = load_pipeline(config.SPACY_MODEL)
    out = open(a.output, "w", encoding="utf-8", newline="") if a.output else sys.stdout
    progress = Progress(None if a.manifest else len(listed), records_to_terminal=not a.output and sys.stdout.isatty())
    try:
        with writers.open_writer(a.format, out) as writer:
            for record, text in archive.run(nlp, itertools.chain(listed, manifest), options, a.processes):
                writer.write(record, text)
                if "error" in record:
                    progress.stream.write(("\n" if progress.on else "") +
                                          f"{record['id']}: {record['error']['detail']}\n")
                progress.step("error" in record)
    finally:
        progress.end()
        if a.output:
            out.close()
    if progress.failed:
        print(f"{progress.failed} of {progress.done} documents failed", file=sys.stderr)
    return 1 if progress.failed else 0


def archive_corpus(a: argparse.Namespace) -> int:
    *inputs, out = a.paths
    if not inputs:
        print("python -m service archive: give the inputs, then the output folder", file=sys.stderr)
        return 2
    if (a.workers is not None and a.workers < 1) or (a.partition_size is not None and a.partition_size < 1):
        print("python -m service archive: --workers and --partition-size must be at least 1", file=sys.stderr)
        return 2
    try:
        from . import archive_job
    except ImportError as exc:
        print(f"python -m service archive needs the archive extra ({exc.name} is missing): "
              "pip install '.[archive]', or make install-archive", file=sys.stderr)
        return 2
    config = Config.from_env()
    options = archive.Options(max_text_chars=config.MAX_TEXT_CHARS, published_at=a.published_at, types=a.types)
    started = time.monotonic()
    try:
        m = archive_job.run(inputs, out, options, config.SPACY_MODEL, scheduler=a.scheduler, workers=a.workers,
                            partition_size=a.partition_size, jsonl=a.jsonl)
    except archive_job.InputError as exc:
        print(f"python -m service archive: {exc}", file=sys.stderr)
        return 2
    docs, parts = m["documents"], m["partitions"]
    print(f"{docs['input']} documents: {docs['extracted']} extracted, {docs['failed']} failed, {docs['not_done']} "
          f"not done; {m['events']['total']} events; {parts['done']} of {parts['total']} partitions done; "
          f"{time.monotonic() - started:.0f} s. Manifest: {os.path.join(out, 'manifest.json')}", file=sys.stderr)
    for undone in parts["not_done"]:
        print(f"partition {undone['partition']} ({undone['input']}...): {undone['error']}", file=sys.stderr)
    return 1 if docs["failed"] or docs["not_done"] else 0


def main(argv=None) -> int:
    a = _parser().parse_args(argv)
    if a.command == "openapi":
        sys.stdout.write(render())
        return 0
    try:
        return archive_corpus(a) if a.command == "archive" else extract(a)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:   # `... | head`: the reader has what it wanted; nothing more goes to the pipe
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
