"""Direct quotations and reported content of statements.

Quotation spans are paired straight or curly marks; an unpaired mark is ignored,
never an error. A quote belongs to a speech verb in its sentence, or to the verb
right after it ('"...," Mr. Biden told reporters').
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

_QUOTE = re.compile(r"“([^”“]{2,}?)”|\"([^\"\n]{2,}?)\"")


def quote_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _QUOTE.finditer(text):
        g = 1 if m.group(1) is not None else 2
        spans.append((m.start(g), m.end(g)))
    return spans


def doc_quotes(doc: Doc) -> list[tuple[int, int]]:
    """The quotation spans of a Doc, found once and kept with it (coreference and the rules read them too)."""
    if "quotes" not in doc.user_data:
        doc.user_data["text"] = doc.text   # Doc.text joins every token each time it is read
        doc.user_data["quotes"] = quote_spans(doc.user_data["text"])
    return doc.user_data["quotes"]


def inside_quote(doc: Doc, tok: Token) -> bool:
    return any(s <= tok.idx < e for s, e in doc_quotes(doc))


def quote_for(doc: Doc, verb: Token) -> tuple[int, int] | None:
    sent = verb.sent
    best = None
    spans = doc_quotes(doc)
    text = doc.user_data["text"]
    for s, e in spans:
        if s > sent.end_char + 2:
            break   # the spans are in text order: the rest start past this sentence
        inside = sent.start_char <= s and e <= sent.end_char + 1
        # A quotation that runs up to this sentence and ends right before the speech verb, with the comma
        # (or ? !) of a post-posed attribution: '"...," Mr. Biden told reporters'.
        before = s < sent.start_char <= e + 2 and verb.idx - e < 40 and text[e - 1:e] in (",", "?", "!")
        # A quotation opened after a colon that follows the verb ('he replied: "Well. I think ..."') may run on
        # past the sentence the parser ends at its first full stop.
        after_colon = verb.idx < s <= sent.end_char + 2 and text[verb.idx:s].rstrip(" \"“").endswith(":")
        if inside or before or after_colon:
            if best is None or abs(s - verb.idx) < abs(best[0] - verb.idx):
                best = (s, e)
    return best


def content_for(verb: Token) -> tuple[int, int] | None:
    """The clause of indirect speech: 'said [that] <content>'."""
    for c in verb.children:
        if c.dep_ == "ccomp":
            toks = [t for t in c.subtree if not (t.dep_ == "mark" and t.lower_ == "that" and t.head.i == c.i)]
            toks = [t for t in toks if not t.is_punct or t.i not in (c.left_edge.i, c.right_edge.i)]
            if toks:
                start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
                return start, end
    return None
