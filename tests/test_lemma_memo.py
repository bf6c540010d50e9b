"""The memoized lemmatizer must give exactly the stock lemmatizer's lemmas, in and out of memory zones."""
from __future__ import annotations

from service import lemma_memo
from service.lemma_memo import MemoLemmatizer, memoize_lemmatizer
from tests.conftest import SEEDS

TEXTS = ["", " ", "\n\n", "The ministers were meeting; they met again and had met before. Meetings, meets, met.",
         "She's been saying it's better, the best of the better ones; he'd said worse things. Mice ran.",
         "Ça va?  Tabs\tand  spaces \r\n and 😀 emoji. Running runners ran, RUNNING. U.S. officials' remarks."]


def _lemmas(docs):
    return [[t.lemma_ for t in d] for d in docs]


def test_same_lemmas_as_the_stock_lemmatizer(nlp, stock):
    assert isinstance(nlp.get_pipe("lemmatizer"), MemoLemmatizer)
    assert not isinstance(stock.get_pipe("lemmatizer"), MemoLemmatizer)
    texts = TEXTS + [p.read_text(encoding="utf-8") for p in SEEDS]
    for _ in range(2):   # the second pass is answered from the memo
        ours, theirs = _lemmas(nlp.pipe(texts)), _lemmas(stock.pipe(texts))
        assert ours == theirs
    assert sum(map(len, ours)) > 2000   # the seeds are read: a comparison over nothing would pass


def test_lemmas_of_new_words_survive_memory_zones(nlp, stock):
    text = "The zorblaxes were glimmerating over the quandoodles."
    with nlp.memory_zone():
        first = _lemmas([nlp(text)])
    with nlp.memory_zone():   # the strings added in the first zone are gone; the memo must add them again
        second = _lemmas([nlp(text)])
    assert first == second == _lemmas([stock(text)])
    assert "zorblax" in first[0] or "zorblaxe" in first[0]


def test_the_memo_is_bounded(nlp, monkeypatch):
    monkeypatch.setattr(lemma_memo, "LIMIT", 5)
    memo = nlp.get_pipe("lemmatizer").lemma_memo
    nlp("One two three four five six seven eight nine ten eleven twelve thirteen.")
    assert 0 < len(memo) <= 5


def test_memoizing_twice_is_a_no_op(nlp):
    assert memoize_lemmatizer(nlp) is False
