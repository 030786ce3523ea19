"""The lexicon data files under analysis/data are read strictly."""

import pytest

from analysis.text import lexicons


def test_a_data_row_with_an_unquoted_comma_is_an_error_naming_the_file(monkeypatch):
    monkeypatch.setattr(lexicons, "_data_text", lambda name: "kind,pattern\nplanned,\\bx{0,80}y\n")
    with pytest.raises(ValueError, match=r"analysis/data/cues\.csv: data row 2 has more cells than the header"):
        lexicons.read_rows("cues.csv")


def test_every_data_file_reads():
    from importlib import resources

    names = sorted(p.name for p in resources.files("analysis").joinpath("data").iterdir() if p.name.endswith(".csv"))
    assert len(names) > 10
    for name in names:
        assert lexicons.read_rows(name)
