"""Trigger candidates: the phrase Matcher runs on the sentences that can hold a phrase, with the same result."""
from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS

from service import triggers

TEXT = ("The talks went on. Ministers called for calm and ruled out a ceasefire. Nobody spoke. "
        "Rebels vowed to retaliate after the deaths of two soldiers. The weather was fine; it rained later.\n\n"
        "They will not accept the terms, he said, according to the agency. Officials signed a new trade "
        "agreement on Monday. The army gave the plan the green light.")


def test_phrases_found_by_sentence_are_those_of_the_whole_doc(nlp, monkeypatch):
    doc = nlp(TEXT)
    by_sentence = [(t.type, t.start, t.end, t.family) for t in triggers.find(doc)]
    monkeypatch.setattr(triggers, "_phrase_sentences", lambda doc, arr, compiled: [(0, len(doc))])
    whole = [(t.type, t.start, t.end, t.family) for t in triggers.find(doc)]
    # The text holds phrases of several types: the comparison is not over nothing.
    assert len({t for t, *_, family in whole if family == "phrase"}) >= 5
    assert by_sentence == whole


def test_only_sentences_with_a_phrase_s_words_are_read(nlp):
    doc = nlp(TEXT)
    triggers.prepare(doc.vocab)
    compiled = triggers._COMPILED[id(doc.vocab)]
    arr = doc.to_array([LEMMA, LOWER, POS]).astype(np.uint64)
    read = triggers._phrase_sentences(doc, arr, compiled)
    texts = [doc[a:b].text for a, b in read]
    assert not any(t.startswith(("Nobody spoke", "The talks went on", "The weather")) for t in texts)
    assert any("ruled out" in t for t in texts) and any("green light" in t for t in texts)
