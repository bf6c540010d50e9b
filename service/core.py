"""The extraction core: article text in, events and document index out, as plain JSON-ready dicts.

    text --clean--> noise blanked (offsets unchanged)
         --nlp----> spaCy Doc
         --dates--> reference date and temporal expressions
         --entities-> actors and places the document names
         --coreference-> what points back to them (descriptions, "both sides", pronouns); the index is complete
         --triggers/events--> events with modality and arguments
         --here---> the response body of /v1/extract

No Flask here: `extract(nlp, text, published_at)` works in a script or a notebook.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from . import actor_codes, budget, clean, coreference, dates, events, triggers
from .entities import DocIndex
from .nlp import describe
from .ontology import BY_TYPE


def extract(nlp: Language, text: str, published_at: dt.date | dt.datetime | str | None = None,
            types: Iterable[str] | None = None, doc_id: str | None = None) -> dict:
    """Events of one article (see spec/EVENTS.md for every field). `published_at` is a date, a datetime or
    an ISO 8601 string ("2024-08-20", "2024-08-20T09:30:00Z")."""
    return extract_many(nlp, [{"text": text, "published_at": reference_date(published_at), "types": types,
                               "id": doc_id}])[0]


def reference_date(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    """The calendar date of a publication date given as a date, a datetime or an ISO 8601 string."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"published_at {value!r} is not an ISO 8601 date or date-time") from None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"published_at must be a date, a datetime or an ISO 8601 string, not {type(value).__name__}")


# Text is parsed in pieces of at most this many characters, cut at paragraph or sentence ends where it
# can be: a run-on "sentence" of 50,000 tokens then costs what 25 ordinary paragraphs cost.
PIECE_CHARS = 2000
_BREAKS = ("\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ")


def pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """Consecutive substrings of `text` (they join back to it exactly), each at most `limit` long."""
    out, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((window.rfind(b) + len(b) for b in _BREAKS if window.rfind(b) > limit // 4), limit)
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


def parse(nlp: Language, texts: list[str], deadline: float | None = None) -> list[Doc]:
    """One Doc per text, parsed piece by piece and joined, so offsets index the whole text."""
    cut = [pieces(t) for t in texts]
    flat = nlp.pipe(p for ps in cut for p in ps)
    docs = []
    for ps in cut:
        parts = []
        for _ in ps:
            parts.append(next(flat))
            budget.check(deadline)
        docs.append(parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False))
    return docs


def extract_many(nlp: Language, requests: list[dict], deadline: float | None = None,
                 on_error: Callable[[dict, Exception], dict] | None = None) -> list[dict]:
    """Several articles through one `nlp.pipe`, each answered as `extract` would.

    `deadline` (a time.monotonic() value) bounds the work: past it, budget.Exceeded is raised between steps.
    `on_error(request, exception)` answers a document whose extraction failed, so the others are still
    answered; without it the exception propagates.
    """
    blanked = [clean.blank(r["text"], clean.noise_spans(r["text"])) for r in requests]
    triggers.prepare(nlp.vocab)
    with nlp.memory_zone():   # strings interned for these docs are freed when the zone ends
        out = []
        for r, doc in zip(requests, parse(nlp, blanked, deadline)):
            try:
                out.append(_respond(nlp, r, doc))
            except Exception as exc:
                if on_error is None:
                    raise
                out.append(on_error(r, exc))
            budget.check(deadline)
        return out


def _respond(nlp: Language, req: dict, doc: Doc) -> dict:
    text = req["text"]
    warnings: list[str] = []
    ref, source = req.get("published_at"), "request"
    if ref is None:
        ref, source = dates.reference_from_text(text), "text"
    if ref is None:
        source = "none"
        warnings.append("No published_at and no date in the text: relative dates are left unresolved (value null).")
    timexes = dates.find(doc.text, doc, ref)
    warnings.extend(t.warning for t in timexes if t.warning)
    index = DocIndex(doc)
    coreference.resolve(index)
    found = events.extract(doc, triggers.find(doc), index, timexes, set(req.get("types") or ()), ref)
    codes = {a.id: actor_codes.for_actor(a, text, ref).as_json() for a in index.actors}
    return {
        "id": req.get("id"),
        "events": [_event_json(text, doc, i, ev, codes) for i, ev in enumerate(found, 1)],
        "entities": {"actors": [{**a.as_json(text), **codes[a.id]} for a in index.actors if a.mentions],
                     "places": [p.as_json(text) for p in index.places if p.mentions],
                     "dates": [_timex_json(text, t) for t in timexes]},
        "reference_date": {"value": ref.isoformat() if ref else None, "source": source},
        "model": describe(nlp),
        "warnings": warnings,
    }


def _span(text: str, start: int, end: int) -> dict:
    return {"text": text[start:end], "start": start, "end": end}


def _trimmed(text: str, start: int, end: int) -> dict:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return _span(text, start, end)


def _timex_json(text: str, t: dates.Timex) -> dict:
    out = t.as_json()
    out["text"] = text[t.start:t.end]
    return out


def _event_json(text: str, doc: Doc, n: int, ev: events.Event, codes: dict[str, dict]) -> dict:
    first, last = doc[ev.start], doc[ev.end - 1]
    sent = ev.head.sent
    info = BY_TYPE[ev.type]
    return {
        "id": f"e{n}",
        "type": ev.type,
        "cameo": info["cameo"],
        "plover": info["plover"],
        "trigger": _span(text, first.idx, last.idx + len(last)),
        "sentence": _trimmed(text, sent.start_char, sent.end_char),
        "modality": ev.modality,
        "actors": [{**_span(text, r.start, r.end), "name": r.actor.name, "kind": r.actor.kind, "role": role,
                    "title": r.actor.title, "affiliation": r.actor.affiliation, **codes[r.actor.id]}
                   for r, role in ev.actors],
        "places": [{**_span(text, r.start, r.end), "name": r.place.name, "country_code": r.place.country_code,
                    "kind": r.place.kind, "role": role} for r, role in ev.places],
        "dates": [_timex_json(text, t) for t in ev.dates],
        "quote": _span(text, *ev.quote) if ev.quote else None,
        "content": _span(text, *ev.content) if ev.content else None,
        "confidence": ev.confidence,
    }
