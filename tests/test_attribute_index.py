"""The indexed attribute ruler must annotate exactly as spaCy's own (POS, morphology, lemmas follow from it)."""
from __future__ import annotations

from service.attribute_index import IndexedMatcher, index_attribute_ruler
from tests.conftest import SEEDS

TRICKY = ["", " ", "\n\n", "I 'm here, you're there and it's late; they've gone. Y'all gonna c'm on? Ain't nothin'.",
          "Let's go: gotta see it. There is a way and there are two. Give it to me and you.",
          "Ça va?  Tabs\tand  spaces \r\n and 😀 emoji. That which is, is."]


def test_same_annotations_as_the_stock_ruler(nlp, stock):
    assert not isinstance(stock.get_pipe("attribute_ruler").matcher, IndexedMatcher)
    assert isinstance(nlp.get_pipe("attribute_ruler").matcher, IndexedMatcher)
    texts = TRICKY + [p.read_text(encoding="utf-8") for p in SEEDS]
    compared = 0
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts)):
        assert [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in ours] == \
               [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in theirs]
        theirs_ruler = stock.get_pipe("attribute_ruler")
        assert nlp.get_pipe("attribute_ruler").match(ours) == theirs_ruler.match(theirs)
        compared += len(ours)
    assert compared > 2000   # the seeds are read: a test over nothing would pass


def test_patterns_read_back_unchanged(nlp, stock):
    assert nlp.get_pipe("attribute_ruler").patterns == stock.get_pipe("attribute_ruler").patterns


def test_indexing_twice_is_a_no_op(nlp):
    assert index_attribute_ruler(nlp) is False
