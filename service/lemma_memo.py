"""The rule lemmatizer's answers remembered for every word form, and set from arrays.

spaCy's rule lemmatizer caches only the forms it derives with its suffix rules; a word already in its base
form (a singular noun, an infinitive: most tokens of news) is worked out again at every occurrence, and
the component walks the Doc one Token object at a time. Its answer depends on the word, its POS and its
morphology alone, so `MemoLemmatizer` keys every answer on (ORTH, POS, MORPH), reads those columns with
`Doc.to_array` and writes the lemmas back with `Doc.from_array`: the same lemmas (tests/test_lemma_memo.py
compares them with the stock pipeline), about a thirtieth of the parse less (measured: `make bench`).
"""
from __future__ import annotations

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc

# Distinct (word, POS, morphology) keys kept; past it the memo starts again, so memory stays bounded on any
# input stream. A year of news has a few hundred thousand; an entry costs about 200 bytes.
LIMIT = 200_000


class MemoLemmatizer:
    """Mixed in before the pipeline's own lemmatizer class: the component keeps its tables, config and
    serialization, and answers `__call__` (and so `pipe`) from its memo."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        strings, memo, ids = doc.vocab.strings, self.lemma_memo, {}
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            form = memo.get(key)
            if form is None:
                if len(memo) >= LIMIT:
                    memo.clear()
                form = memo[key] = self.lemmatize(doc[i])[0]
            # Added per Doc: inside nlp.memory_zone() a string added earlier may have been freed since.
            if form not in ids:
                ids[form] = strings.add(form)
            lemmas[i] = ids[form]
        doc.from_array([LEMMA], lemmas)
        return doc


def memoize_lemmatizer(nlp: Language, name: str = "lemmatizer") -> bool:
    """Give the pipeline's rule lemmatizer a memo; False when there is none or it has one already."""
    if name not in nlp.pipe_names:
        return False
    component = nlp.get_pipe(name)
    if getattr(component, "mode", None) != "rule" or isinstance(component, MemoLemmatizer):
        return False
    component.lemma_memo = {}
    component.__class__ = type(f"Memo{type(component).__name__}", (MemoLemmatizer, type(component)), {})
    return True
