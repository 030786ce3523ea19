"""No fault that costs a corpus (issue 17): one document's failure is its own skipped row; long and
pathological documents take time that grows linearly; lone surrogates and odd file names are written."""

import json
import time

import pytest

from analysis import extract
from analysis.tables.pipeline import extract_document
from analysis.tables.store import read_tables, write_tables
from analysis.text.corpus import Document, Skipped

GOOD = "Customs officers seized 14 kg of heroin at the Termez crossing on 3 May 2024."


def test_an_extractor_failure_is_a_skipped_row_and_the_rest_is_written(tmp_path, monkeypatch):
    from analysis.tables import pipeline

    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.txt").write_text("Police seized 3 kg of opium. BOOM", encoding="utf-8")
    real = dict(pipeline.EXTRACTORS)["seizures"]

    def explode_on_boom(doc, earlier):
        if "BOOM" in doc.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(doc, earlier)

    monkeypatch.setattr(pipeline, "EXTRACTORS", tuple((table, explode_on_boom if table == "seizures" else extractor)
                                                      for table, extractor in pipeline.EXTRACTORS))
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


# --- random documents: extract_document always returns ----------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "Police seized ", "Customs officers found ", " kg of heroin", " tonnes of cocaine", "12", "3,400", "1.5",
    " in Dushanbe", " on 4 May 2024", ". ", ", ", "\n", "\n\n", "DUSHANBE, 3 May (Asia-Plus) – ", "Media contact:",
    "Related news", "The minister visited Almaty", " met the delegation", " notices rose by 5%", " also seized ",
    "\u2009", "\u200b", "\ud800", "=HYPERLINK(", "A-", "(", ")", "—", "INTERPOL", "the gathering", " tomorrow",
])
_DOCUMENTS = st.builds(
    lambda title, body, published: Document("d", "d.txt", body, title=title, published=published),
    st.one_of(st.just(""), st.text(max_size=40)),
    st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60).map("".join),
    st.sampled_from(["", "2024-05-03", "2024", "2024-13"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS)
def test_any_document_shape_is_extracted_without_raising(document):
    """Random pieces of the genre and random text in random order: every table comes back (once, "A-" repeated
    on the first line made the dateline pattern backtrack for minutes)."""
    rows = extract_document(document)
    assert set(rows) >= {"documents", "seizures", "visits", "meetings", "counts", "mentions"}


# --- text kept where it stands ------------------------------------------------------------------------

def _text_of(tmp_path, name: str, body: str) -> str:
    (tmp_path / name).write_text(body, encoding="utf-8")
    (document,) = list(__import__("analysis.text.corpus", fromlist=["read_file"]).read_file(tmp_path / name))
    return document.text


def test_a_contact_block_above_the_body_is_removed_and_the_body_kept(tmp_path):
    body = ("FOR IMMEDIATE RELEASE\n\nMedia Contact:\nJane Roe\n(202) 555-0143\npress@example.gov\n\n"
            "WASHINGTON – Agents seized 41 kilograms of fentanyl powder at a warehouse in El Paso on Tuesday, "
            "the agency said.\n")
    (tmp_path / "r.txt").write_text(body, encoding="utf-8")
    tables = extract(tmp_path, progress=False)
    assert tables.seizures["quantity_kg"].tolist() == [41.0]
    assert "555-0143" not in _text_of(tmp_path, "r.txt", body)


def test_a_digest_of_three_items_keeps_all_three(tmp_path):
    items = [("Kyrgyz police find opium in a truck", "Police in Osh seized 22 kg of opium from a truck on 2 June 2024."),
             ("Hashish haul at Karachi port", "Customs at Karachi port found 310 kg of hashish on 5 June 2024."),
             ("Cocaine in banana boxes", "Officers in Antwerp seized 1,200 kg of cocaine on 9 June 2024.")]
    digest = "\n\n".join(f"{title}\n\n{text}\n\nMedia contact: press office\nRead more: {title.lower()}\n"
                         "Related news\nOlder story one\nOlder story two" for title, text in items)
    (tmp_path / "digest.txt").write_text("Weekly seizure digest\n\n" + digest, encoding="utf-8")
    tables = extract(tmp_path, progress=False)
    assert sorted(tables.seizures["quantity_kg"]) == [22.0, 310.0, 1200.0]


def test_a_hard_wrapped_release_is_read_as_paragraphs(tmp_path):
    import textwrap

    body = ("Officers of the border service stopped a lorry at the Sary-Tash checkpoint on 11 April 2025 and "
            "found 27.4 kilograms of heroin behind a false wall of the trailer, the service said. In a second "
            "operation in the Chui region, police seized 96 kg of hashish and 4 kg of opium from a garage.")
    text = "Border service stops heroin lorry\n\nBishkek, 12 April 2025\n\n" + textwrap.fill(body, 70) + "\n"
    (tmp_path / "mail.txt").write_text(text, encoding="utf-8")
    tables = extract(tmp_path, progress=False)
    assert list(zip(tables.seizures["quantity_kg"], tables.seizures["drug"], strict=True)) == [
        (27.4, "heroin"), (96.0, "hashish"), (4.0, "opium")]
    cleaned = _text_of(tmp_path, "mail.txt", text)
    assert "Border service stops heroin lorry\n" in cleaned and "the trailer, the service said" in cleaned


def test_a_text_that_is_not_wrapped_keeps_its_lines(tmp_path):
    text = ("Police seize heroin\n\nDUSHANBE, 3 May 2024\n\nPolice seized 5 kg of heroin.\nThe drugs were burned.\n"
            "Officers also found 2 kg of opium.\nThe case goes to court.\n")
    assert _text_of(tmp_path, "a.txt", text) == text.strip()


# --- pathological shapes in linear time -----------------------------------------------------------------

def test_a_dateline_of_repeated_hyphens_takes_linear_time():
    """ "A-A-A-..." on the first line once took time growing as the fourth power of its length."""
    def document(n):
        return Document("d", "d.txt", "A-" * n + "\n\nPolice seized 3 kg of heroin.")

    # sizes at which the small one takes milliseconds, so that a scheduler's hiccup is not the ratio
    small, large = document(1000), document(8000)
    extract_document(small)
    assert _seconds(extract_document, large) / max(_seconds(extract_document, small), 1e-4) < 16


def test_many_empty_folders_are_listed_in_linear_time(tmp_path):
    from analysis.text.corpus import iter_paths

    def tree(n):
        root = tmp_path / f"tree{n}"
        for i in range(n):
            (root / f"f{i:05d}").mkdir(parents=True)
        (root / "a.txt").write_text(GOOD, encoding="utf-8")
        return root

    small, large = tree(1000), tree(8000)
    assert len(list(iter_paths([large]))) == 8001  # the file and one record per empty folder
    ratio = _seconds(lambda r: list(iter_paths([r])), large) / max(_seconds(lambda r: list(iter_paths([r])), small),
                                                                   1e-4)
    assert ratio < 16, ratio


# --- size before any read ----------------------------------------------------------------------------------

def test_a_file_over_the_limit_is_not_hashed(tmp_path, monkeypatch):
    import hashlib

    from analysis.tables.manifest import file_sha256

    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:  # a sparse 4 GiB file: no disk used, but hashing it would read 4 GiB
        handle.truncate(4 << 30)

    def no_hashing(*args, **kwargs):
        raise AssertionError("hashed a file over the limit")

    monkeypatch.setattr(hashlib, "sha256", no_hashing)
    monkeypatch.setattr(hashlib, "file_digest", no_hashing)
    assert file_sha256(big, max_bytes=20 << 20) is None
    skipped = []
    tables = extract(tmp_path, progress=False, on_skip=skipped.append)
    assert tables.documents.empty and "over the limit" in skipped[0].reason


def test_reads_are_bounded_when_the_file_system_lies_about_size(tmp_path, monkeypatch):
    import os
    from pathlib import Path

    from analysis.tables.manifest import file_sha256

    endless = tmp_path / "endless.txt"  # like a /proc file: size 0, more bytes than the limit
    endless.write_text("Police seized 3 kg of opium. " * 100, encoding="utf-8")
    real_stat, real_fstat = Path.stat, os.fstat

    def size_zero(result):
        return os.stat_result((*tuple(result)[:6], 0, *tuple(result)[7:10]))

    monkeypatch.setattr(Path, "stat", lambda self, **kw: size_zero(real_stat(self, **kw))
                        if self.name == "endless.txt" else real_stat(self, **kw))
    monkeypatch.setattr(os, "fstat", lambda fd: size_zero(real_fstat(fd)))
    assert file_sha256(endless, max_bytes=1000) is None
    skipped = []
    tables = extract(tmp_path, max_bytes=1000, progress=False, on_skip=skipped.append)
    assert tables.documents.empty and "over the limit of 1,000 bytes" in skipped[0].reason


# --- lone surrogates from every source --------------------------------------------------------------------

def test_a_lone_surrogate_in_pdf_text_is_written(tmp_path, monkeypatch):
    from pypdf import PdfWriter
    from pypdf._page import PageObject

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with open(tmp_path / "broken-map.pdf", "wb") as handle:
        writer.write(handle)
    # a broken ToUnicode map gives text with a lone surrogate
    monkeypatch.setattr(PageObject, "extract_text", lambda self, *a, **k: "Police seized 6 kg of opium \udc81 in Osh.")
    tables = extract(tmp_path, progress=False)
    assert tables.seizures["quantity_kg"].tolist() == [6.0]
    write_tables(tables.as_dict(), tmp_path / "out")
    assert "\ufffd" in read_tables(tmp_path / "out")["seizures"]["sentence"].iloc[0]


def test_a_file_name_that_is_not_utf8_is_written(tmp_path):
    import os

    folder = tmp_path / "archive"
    folder.mkdir()
    name = os.fsencode(folder) + b"/r\xe9sum\xe9.txt"  # Latin-1 bytes from a Windows archive
    with open(name, "wb") as handle:
        handle.write(GOOD.encode("utf-8"))
    tables = extract(folder, progress=False)
    assert tables.seizures["quantity_kg"].tolist() == [14.0]
    write_tables(tables.as_dict(), tmp_path / "out")
    assert "\ufffd" in read_tables(tmp_path / "out")["documents"]["path"].iloc[0]
