"""No fault that costs a corpus (issue 17): one document's failure is its own skipped row; long and
pathological documents take time that grows linearly; lone surrogates and odd file names are written."""

import json
import time

import pytest

from analysis import extract
from analysis.corpus import Document, Skipped
from analysis.pipeline import extract_document
from analysis.store import read_tables, write_tables

GOOD = "Customs officers seized 14 kg of heroin at the Termez crossing on 3 May 2024."


def test_an_extractor_failure_is_a_skipped_row_and_the_rest_is_written(tmp_path, monkeypatch):
    from analysis import pipeline

    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.txt").write_text("Police seized 3 kg of opium. BOOM", encoding="utf-8")
    real = pipeline.extract_seizures

    def explode_on_boom(doc_id, text, *args, **kwargs):
        if "BOOM" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(doc_id, text, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_seizures", explode_on_boom)
    skipped = []
    tables = extract(tmp_path, progress=False, on_skip=skipped.append)
    assert list(tables.documents["doc_id"]) == ["good"]
    assert tables.seizures["quantity_kg"].tolist() == [14.0]
    (skip,) = skipped
    assert skip.path.endswith("bad.txt") and skip.reason.startswith("extractor failed (RecursionError")
    write_tables(tables.as_dict(), tmp_path / "out")
    assert len(read_tables(tmp_path / "out")["skipped"]) == 1


def test_a_thousand_sentence_digest_is_read():
    text = "In 2023 police seized 5 tonnes of drugs. " + " ".join(
        f"Police also seized {i + 1} kg of heroin in district {i}." for i in range(1000))
    rows = extract_document(Document("digest", "digest.txt", text))
    assert len(rows["seizures"]) == 1001


def _seconds(function, argument) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        function(argument)
        best = min(best, time.perf_counter() - start)
    return best


_RELEASE = ("Border guards seized 12 kg of hashish and 3 kg of heroin at the Panj crossing on Monday, the agency "
            "said. The delegation of 14 experts met the minister in Dushanbe on 4 May. Notices rose by 5% in 2023. ")


@pytest.mark.parametrize("unit", [
    "Police also seized {i} kg of heroin in district {i}. ",  # a digest of finds
    _RELEASE,  # releases one after another
    "{i}%, ",  # a run of percentages
])
def test_time_grows_linearly_with_the_document(unit):
    """A ratio measured in one run (not a wall-clock limit): eight times the text, at most 16 times the time."""
    def document(n):
        return Document("d", "d.txt", "".join(unit.format(i=i + 1) for i in range(n)))

    small, large = document(250), document(2000)
    extract_document(small)  # warm the caches of the lexicons
    ratio = _seconds(extract_document, large) / max(_seconds(extract_document, small), 1e-4)
    assert ratio < 16, ratio


def test_lone_surrogates_are_written(tmp_path):
    line = json.dumps({"id": "s1", "text": "Police seized 4 kg of opium \ud800 in Osh.", "title": "Bad \udc80 title"})
    (tmp_path / "feed.jsonl").write_text(line + "\n", encoding="utf-8")
    tables = extract(tmp_path, progress=False)
    assert tables.seizures["quantity_kg"].tolist() == [4.0]
    write_tables(tables.as_dict(), tmp_path / "out")  # no UnicodeEncodeError
    assert "\ufffd" in read_tables(tmp_path / "out")["documents"]["title"].iloc[0]


def test_a_file_name_with_a_newline_stays_one_log_line():
    shown = str(Skipped("news/a\nerror: all tables lost.txt", "empty\nfile"))
    assert "\n" not in shown and shown.startswith('"news/a\\nerror')


@pytest.mark.parametrize(("written", "kg"), [
    ("1\u2009250\u2009000 kg", 1250000.0),  # thin spaces as thousands separators
    ("1\u202f250 kg", 1250.0),  # narrow no-break space
    ("1\u200b250 kg", 1250.0),  # a zero-width space
    ("1,\u2060250 kg", 1250.0),  # a word joiner
    ("\u200e1,250 kg", 1250.0),  # a left-to-right mark
    ("1\uff0c250 kg", 1250.0),  # a full-width comma
])
def test_numbers_are_read_through_invisible_characters(tmp_path, written, kg):
    (tmp_path / "a.txt").write_text(f"Customs officers seized {written} of cocaine at the port.", encoding="utf-8")
    tables = extract(tmp_path, progress=False)
    (row,) = tables.seizures.itertuples()
    assert row.quantity_kg == kg
    assert row.quantity_text in row.sentence and "\u200b" not in row.sentence  # the cleaned text, offsets into it


def test_formula_cells_are_written_safely_in_csv_only(tmp_path):
    import pandas as pd

    title = '=HYPERLINK("http://example.org","x") Police seize opium at the port'
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(f"{title}\n\nCustoms seized 4 kg of opium at the port.", encoding="utf-8")
    tables = extract(tmp_path / "docs", progress=False)
    write_tables(tables.as_dict(), tmp_path / "out")
    csv = pd.read_csv(tmp_path / "out" / "documents.csv", dtype=str, keep_default_na=False)
    assert csv["title"].iloc[0] == "'" + title
    assert pd.read_parquet(tmp_path / "out" / "documents.parquet")["title"].iloc[0] == title
    seizures = pd.read_csv(tmp_path / "out" / "seizures.csv")
    assert seizures["quantity_kg"].tolist() == [4.0]  # numbers untouched
