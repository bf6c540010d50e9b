"""Output formats for extraction results: JSON lines, a flat event table (CSV/TSV) and an HTML view.

A *record* is what the service answers for one document: the /v1/extract response, or, for a document that
failed, `{"id": ..., "error": <RFC 9457 problem>}`. Every writer takes records one at a time (`write`) and is
finished with `close`, so a run can stream results as documents finish:

    with open_writer("csv", sys.stdout) as out:
        for record, text in results:
            out.write(record, text)

`event_rows(record)` gives the flat table as plain dicts (keys: COLUMNS), for other table formats.
"""
from __future__ import annotations

import csv
import html
import json
from pathlib import Path
from typing import TextIO

FORMATS = ("jsonl", "csv", "tsv", "html")

# One row per event. Actors are grouped by role into fixed columns, names joined by JOIN (and their CAMEO
# actor codes in *_code):
#   agent    the side that acts or speaks: agent, speaker, visitor, and the participants of a meeting or talks
#   target   the side acted on or addressed: target, addressee, host
#   mediator the mediators of a negotiation
COLUMNS = ("document", "document_date", "event", "type", "cameo", "plover", "agent", "agent_code", "target",
           "target_code", "mediator", "place", "country", "event_date", "modality", "confidence", "trigger",
           "trigger_start", "trigger_end", "error")
JOIN = "; "
_SIDE = {"agent": "agent", "speaker": "agent", "visitor": "agent", "participant": "agent",
         "target": "target", "addressee": "target", "host": "target", "mediator": "mediator"}


def _joined(values) -> str:
    out = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return JOIN.join(out)


def event_rows(record: dict) -> list[dict]:
    """The flat table rows of one record: one per event, or one carrying the error of a failed document."""
    if "error" in record:
        return [dict.fromkeys(COLUMNS, None) | {"document": record.get("id"), "error": record["error"]["detail"]}]
    rows = []
    for ev in record["events"]:
        by_side = {side: [a for a in ev["actors"] if _SIDE.get(a["role"]) == side]
                   for side in ("agent", "target", "mediator")}
        rows.append({
            "document": record.get("id"), "document_date": record["reference_date"]["value"],
            "event": ev["id"], "type": ev["type"], "cameo": ev["cameo"], "plover": ev["plover"],
            **{side: _joined(a["name"] for a in actors) for side, actors in by_side.items()},
            "agent_code": _joined(a.get("code") for a in by_side["agent"]),
            "target_code": _joined(a.get("code") for a in by_side["target"]),
            "place": _joined(p["name"] for p in ev["places"]),
            "country": _joined(p["country_code"] for p in ev["places"]),
            "event_date": _joined(d["value"] for d in ev["dates"]),
            "modality": ev["modality"], "confidence": ev["confidence"], "trigger": ev["trigger"]["text"],
            "trigger_start": ev["trigger"]["start"], "trigger_end": ev["trigger"]["end"], "error": None,
        })
    return rows


class Writer:
    def __init__(self, stream: TextIO):
        self.stream = stream

    def write(self, record: dict, text: str | None = None) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.stream.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class JsonlWriter(Writer):
    """One JSON object per line and document: the /v1/extract response, or the error record."""

    def write(self, record: dict, text: str | None = None) -> None:
        self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.stream.flush()


class TableWriter(Writer):
    """The flat event table, header first; empty cells for nulls."""

    def __init__(self, stream: TextIO, delimiter: str = ","):
        super().__init__(stream)
        self._rows = csv.DictWriter(stream, COLUMNS, delimiter=delimiter, lineterminator="\n")
        self._rows.writeheader()

    def write(self, record: dict, text: str | None = None) -> None:
        for row in event_rows(record):
            # A tab or line break inside a cell would split a TSV row; CSV quotes them, TSV cannot.
            self._rows.writerow({k: _cell(v, self._rows.writer.dialect.delimiter) for k, v in row.items()})
        self.stream.flush()


def _cell(value, delimiter: str):
    if isinstance(value, str) and delimiter == "\t":
        return " ".join(value.split())
    return value


_STATIC = Path(__file__).parent / "static"


class HtmlWriter(Writer):
    """A self-contained page: each document's text with its events marked, as the demo page shows them.

    The view's script and style are inlined (the file is opened from disk, without the service); each
    document is a JSON block the script renders when the page has loaded."""

    def __init__(self, stream: TextIO, title: str = "Extracted events"):
        super().__init__(stream)
        css = (_STATIC / "view.css").read_text()
        js = (_STATIC / "view.js").read_text()
        stream.write(f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
                     f"<title>{html.escape(title)}</title>\n<style>\n{css}</style>\n<script>\n{js}</script>\n"
                     f'</head>\n<body class="evx-report">\n<h1>{html.escape(title)}</h1>\n')

    def write(self, record: dict, text: str | None = None) -> None:
        payload = json.dumps({"text": text, "result": record}, ensure_ascii=False)
        # "<" escaped so no text can close the script element early ("</script>", "<!--").
        self.stream.write(f'<script type="application/json" class="evx-document">'
                          f'{payload.replace("<", chr(92) + "u003c")}</script>\n')
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("</body>\n</html>\n")
        super().close()


def open_writer(fmt: str, stream: TextIO) -> Writer:
    if fmt == "jsonl":
        return JsonlWriter(stream)
    if fmt in ("csv", "tsv"):
        return TableWriter(stream, "," if fmt == "csv" else "\t")
    if fmt == "html":
        return HtmlWriter(stream)
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
