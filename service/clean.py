"""Find the scraped-page noise in an article (data/noise.json) and blank it out.

Blanking replaces every noise character by a space (line breaks are kept), so the
text that is parsed has the same length as the request text and every offset the
service reports indexes the original string unchanged.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

_DATA = json.loads((Path(__file__).parent / "data" / "noise.json").read_text())
_NOISE = re.compile("|".join(f"(?:{p})" for p in _DATA["line_patterns"]), re.IGNORECASE | re.MULTILINE)


def noise_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of page chrome: shop widgets, captions' credits, 'Also read' lines ..."""
    return [m.span() for m in _NOISE.finditer(text) if m.end() > m.start()]


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span turned into spaces; same length, same line breaks."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)
