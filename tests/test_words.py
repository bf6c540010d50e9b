"""The shared word lists: one file per kind, loaded as sets, every list read by some module or rule file."""
import re

import pytest

from service import words


def test_a_list_is_its_lines_without_comments():
    assert words.load("future_auxiliaries") == {"will", "'ll", "shall", "wo"}


def test_an_unknown_kind_is_an_error():
    with pytest.raises(KeyError):
        words.load("no_such_kind")


@pytest.mark.parametrize("kind", words.kinds())
def test_every_list_is_read_by_a_module(kind):
    sources = "".join(p.read_text() for p in words.FOLDER.parents[1].rglob("*.py"))
    rules = "".join(p.read_text() for p in (words.FOLDER.parent / "events").glob("*.yaml"))   # '@kind' in a path
    assert f'words.load("{kind}")' in sources or re.search(rf"@{kind}\b", rules)
