"""Many documents through the extraction core, in one process or several, one record per document as each
finishes. A document that cannot be read, does not validate or fails in extraction becomes an error record
(`{"id", "error": <RFC 9457 problem>}`); the others go on."""
from __future__ import annotations

import multiprocessing
import signal
import threading
from dataclasses import dataclass
from typing import Iterable, Iterator

from marshmallow import ValidationError
from spacy.language import Language

from . import core, problems
from .schemas import ExtractRequestSchema
from .sources import Source, Unreadable, read


@dataclass(frozen=True)
class Options:
    max_text_chars: int
    published_at: str | None = None    # for documents that do not give their own
    types: tuple[str, ...] | None = None
    keep_text: bool = False            # hand each document's text back with its record (the HTML view needs it)


def error_record(doc_id: str, status: int, detail: str, errors: list[dict] | None = None) -> dict:
    return {"id": doc_id, "error": problems.body(status, detail, errors)}


def prepare(schema: ExtractRequestSchema, options: Options, source: Source) -> tuple[dict | None, dict | None, str | None]:
    """(request, None, text) for a document that validates; (None, error record, text) for one that does not
    (text None when it could not be read)."""
    text = None
    try:
        fields = read(source)
        text = fields.get("text") if isinstance(fields.get("text"), str) else None
        body = {"published_at": options.published_at, "types": list(options.types) if options.types else None,
                **fields, "id": source.id}
        return schema.load({k: v for k, v in body.items() if v is not None}), None, text
    except Unreadable as exc:
        return None, error_record(source.id, 422, str(exc)), text
    except ValidationError as exc:
        errors = problems.field_errors(exc.messages)
        return None, error_record(source.id, 422, "The document is not a valid request: " +
                                  "; ".join(f"{e['pointer']}: {e['detail']}" for e in errors), errors), text


def _failed(req: dict, exc: Exception) -> dict:
    # A bug in a rule must not end the run: this document is reported, the rest go on.
    return error_record(req["id"], 500, f"Extraction failed: {type(exc).__name__}: {exc}")


def extract_one(nlp: Language, schema: ExtractRequestSchema, options: Options, source: Source) -> tuple[dict, str | None]:
    """The record of one document, and its text when options.keep_text (None when it could not be read)."""
    req, record, text = prepare(schema, options, source)
    return (record if req is None else _alone(nlp, req)), (text if options.keep_text else None)


def _alone(nlp: Language, req: dict) -> dict:
    try:
        return core.extract_many(nlp, [req])[0]
    except Exception as exc:
        return _failed(req, exc)


def extract_batch(nlp: Language, schema: ExtractRequestSchema, options: Options,
                  sources: list[Source]) -> list[tuple[dict, str | None]]:
    """The records of several documents in their order, the valid ones parsed through one nlp.pipe. When the
    parse itself fails, the batch is redone one document at a time, so only the one at fault is an error."""
    prepared = [prepare(schema, options, s) for s in sources]
    reqs = [req for req, _, _ in prepared if req is not None]
    try:
        records = iter(core.extract_many(nlp, reqs, on_error=_failed))
    except Exception:
        records = iter([_alone(nlp, req) for req in reqs])
    return [(next(records) if req is not None else record, text if options.keep_text else None)
            for req, record, text in prepared]


# The pipeline and options of a worker process: set in the parent before the pool forks, so the workers
# share the loaded pipeline's pages instead of each loading it.
_WORKER: dict = {}


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: the parent stops the pool, the workers must not die mid-task
    # first (a pool whose worker died that way can hang).
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(source: Source) -> tuple[dict, str | None]:
    return extract_one(_WORKER["nlp"], _WORKER["schema"], _WORKER["options"], source)


def run(nlp: Language, sources: Iterable[Source], options: Options, processes: int = 1) -> Iterator[tuple[dict, str | None]]:
    """(record, text) per source, in the order documents finish (input order with one process)."""
    schema = ExtractRequestSchema(max_text_chars=options.max_text_chars)
    if processes <= 1:
        for source in sources:
            yield extract_one(nlp, schema, options, source)
        return
    _WORKER.update(nlp=nlp, schema=schema, options=options)
    # The pool's feeder would read the whole input ahead (a manifest's texts included): it may run only a
    # few documents ahead of the results taken.
    window = threading.BoundedSemaphore(processes * 2)
    stopped = threading.Event()   # the run ends early (Ctrl-C, a closed pipe): the feeder must not wait on

    def fed():
        for source in sources:
            while not window.acquire(timeout=0.1):
                if stopped.is_set():
                    return
            yield source

    with multiprocessing.get_context("fork").Pool(processes, initializer=_ignore_interrupts) as pool:
        try:
            for out in pool.imap_unordered(_work, fed()):
                window.release()
                yield out
        finally:
            stopped.set()
