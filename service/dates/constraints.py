"""Checks a rule's match must pass besides its pattern (a rule's CONSTRAINT in rules.txt), by name."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from .. import words
from .resources import patterns

_YEAR_DETERMINERS = words.load("year_determiners")
_OF_AN_ERA = re.compile(patterns()["reEra"])


def not_a_count(text: str, doc: Doc | None, m: re.Match) -> bool:
    """'2000 people', '$1999': a four-digit number that counts something is no year."""
    return not _is_number_not_year(doc, m.start(), m.end())


def not_a_title_or_era(text: str, doc: Doc | None, m: re.Match) -> bool:
    """'today's world', 'the people of tomorrow': an era, no day; 'USA Today', ABC's "This Week": a title."""
    return not _no_time(text, m.start(), m.end())


def counted(text: str, doc: Doc | None, m: re.Match) -> bool:
    """A unit word is a duration when counted ("six weeks") or with an article ("the past week"); "the
    year" alone is none."""
    return bool(m["num"]) or text[m.start():m.end()].lower().startswith("the")


def not_in_a_name(text: str, doc: Doc | None, m: re.Match) -> bool:
    """'Transport 2000 said', 'the conference Nairobi 2006', 'Euro 2016': a year after the name it numbers is
    part of that name, no time."""
    if doc is None:
        return True
    span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
    if span is None:
        return True
    tok = span[-1]
    return not (tok.dep_ in ("nummod", "appos", "compound") and tok.head.pos_ == "PROPN" and tok.head.i < tok.i
                and tok.head.ent_type_ != "DATE")


CONSTRAINTS = {f.__name__: f for f in (not_a_count, not_a_title_or_era, counted, not_in_a_name)}


def _is_number_not_year(doc: Doc | None, start: int, end: int) -> bool:
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    tok = span[-1]
    if tok.i > 0 and doc[tok.i - 1].text in "$€£#":
        return True
    if len(span) > 1 or tok.i > 0 and (doc[tok.i - 1].lower_ in _YEAR_DETERMINERS or doc[tok.i - 1].tag_ == "POS"):
        return False   # "fiscal 1989 sales", "the 2000 Olympics", "the company's 1989 results"
    if any(t.pos_ == "PROPN" for t in doc[tok.i + 1:tok.head.i]):
        return False   # "1990 BellSouth earnings": a count stands next to what it counts
    return tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS")


def _no_time(text: str, start: int, end: int) -> bool:
    said = text[start:end]
    if _OF_AN_ERA.match(text, start) or re.search(r"(?i)\bof\s+$", text[max(0, start - 4):start]) and \
            said.lower() in ("today", "tomorrow"):
        return True
    said_words = said.split()
    if not all(w[0].isupper() for w in said_words):
        return False
    before = text[max(0, start - 40):start]
    if len(said_words) > 1:
        return before.rstrip(" ").endswith(('"', "“", "``", "'"))
    return re.search(r"[A-Z][\w.&-]*['’]?s?\s+$", before) is not None and not re.search(r"[.!?:;\n]\s*\S*\s+$", before)
