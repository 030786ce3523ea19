"""The lexicon data files under analysis/data are read strictly."""

import pytest

from analysis.text import lexicons


def test_a_data_row_with_an_unquoted_comma_is_an_error_naming_the_file(monkeypatch):
    text = "# Cues. kind: planned\nkind,pattern\nplanned,\\bwill\\b\nplanned,\\bx{0,80}y\n"
    monkeypatch.setattr(lexicons, "_data_text", lambda name: text)
    lexicons.read_rows.cache_clear()
    with pytest.raises(ValueError, match=r"analysis/data/cues\.csv: line 4 has more cells than the header"):
        lexicons.read_rows("cues.csv")
    lexicons.read_rows.cache_clear()


def test_a_kind_without_words_is_an_error_naming_the_file_and_row(monkeypatch):
    monkeypatch.setattr(lexicons, "_data_text", lambda name: "kind,words\nverb,said|says\nnoun,\n")
    lexicons.read_rows.cache_clear()
    lexicons.words_by_kind.cache_clear()
    with pytest.raises(ValueError, match=r"analysis/data/reporting\.csv: row 2 \('noun'\) has no kind or no words"):
        lexicons.words_by_kind("reporting.csv")
    lexicons.read_rows.cache_clear()
    lexicons.words_by_kind.cache_clear()


def test_an_alternation_tries_the_longest_words_first():
    import re

    pattern = re.compile(rf"\b(?:{lexicons.alternation(['pointed', 'pointed out', 'said'])})\b")
    assert pattern.search("She pointed  out that").group(0) == "pointed  out"


def test_every_data_file_reads():
    from importlib import resources

    names = sorted(p.name for p in resources.files("analysis").joinpath("data").iterdir() if p.name.endswith(".csv"))
    assert len(names) > 10
    for name in names:
        assert lexicons.read_rows(name)
