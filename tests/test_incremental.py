"""Incremental runs: a rerun on a grown corpus reads only new or changed files and equals a full run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.tables import pipeline
from analysis.tables.manifest import MANIFEST_NAME, Manifest
from analysis.tables.pipeline import DocumentIds

ROOT = Path(__file__).resolve().parent.parent
GENRE = ROOT / "tests/fixtures/genre"
BAD = ROOT / "tests/fixtures/bad"
TABLES = ("documents", "seizures", "visits", "meetings", "counts", "mentions", "skipped")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small mixed corpus: seizure and cooperation releases, a feed with a broken line, two bad files."""
    root = tmp_path / "corpus"
    for folder, names, into in (
        (GENRE / "seizures/docs", ["g01_torkham_heroin.txt", "g09_santos_cocaine.txt",
                                   "g12_uzbekistan_2023_results.txt"], "a"),
        (GENRE / "cooperation/docs", ["c01_interpol_sg_astana.txt", "c03_osce_workshop_dushanbe.txt"], "b"),
        (BAD, ["feed-one-broken-line.jsonl", "empty.txt", "good-cocaine.html"], "b"),
    ):
        for name in names:
            target = root / into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(folder / name, target)
    # two files with one stem: the second document gets a suffixed id
    shutil.copy(GENRE / "seizures/docs/g03_herat_opium.txt", root / "a/release.txt")
    shutil.copy(GENRE / "seizures/docs/g08_karachi_fishing_boat.txt", root / "b/release.txt")
    return root


def _run(capsys, *args: str) -> str:
    assert main(["extract", *args, "--no-progress"]) == 0
    return capsys.readouterr().out


def _csv_bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.csv").read_bytes() for name in TABLES}


def _count_extractions(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = pipeline.extract_document

    def counting(document):
        seen.append(document.path)
        return real(document)

    monkeypatch.setattr(pipeline, "extract_document", counting)
    return seen


def test_rerun_on_grown_corpus_reads_only_new_and_changed_files_and_equals_a_full_run(corpus, tmp_path, capsys,
                                                                                     monkeypatch):
    incremental, full = tmp_path / "incremental", tmp_path / "full"
    _run(capsys, str(corpus), "--out", str(incremental))

    # the corpus grows: a new release, a changed one, a deleted one, and a new file whose stem
    # comes first in the listing, so every later "release" document gets a new id
    shutil.copy(GENRE / "seizures/docs/g17_buenaventura_semisubmersible.txt", corpus / "a/g17.txt")
    (corpus / "0").mkdir()
    shutil.copy(GENRE / "seizures/docs/g19_lahore_airport_capsules.txt", corpus / "0/release.txt")
    changed = corpus / "a/g09_santos_cocaine.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("cocaine", "heroin"), encoding="utf-8")
    (corpus / "b/c03_osce_workshop_dushanbe.txt").unlink()

    extracted = _count_extractions(monkeypatch)
    printed = _run(capsys, str(corpus), "--out", str(incremental))
    assert sorted(Path(p).name for p in extracted) == ["g09_santos_cocaine.txt", "g17.txt", "release.txt"]
    assert str(corpus / "0/release.txt") in extracted
    assert "incremental: 8 unchanged files reused, 3 read" in printed

    monkeypatch.undo()
    _run(capsys, str(corpus), "--out", str(full), "--full")
    assert _csv_bytes(incremental) == _csv_bytes(full)
    ids = json.loads((incremental / MANIFEST_NAME).read_text())["files"]
    assert ids[str(corpus / "a/release.txt")]["doc_ids"] == ["release~2"]
    assert ids[str(corpus / "b/release.txt")]["doc_ids"] == ["release~3"]
    assert str(corpus / "b/c03_osce_workshop_dushanbe.txt") not in ids


def test_unchanged_rerun_reads_nothing_and_keeps_skips_and_warnings(corpus, tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    _run(capsys, str(corpus), "--out", str(out))
    before = _csv_bytes(out)

    extracted = _count_extractions(monkeypatch)
    assert main(["extract", str(corpus), "--out", str(out), "--no-progress"]) == 0
    captured = capsys.readouterr()
    assert extracted == []
    assert _csv_bytes(out) == before
    assert "empty.txt: empty" in captured.err  # skips are reported again, as a full run would
    assert "invalid JSON" in captured.err


@pytest.mark.parametrize("spoil", ["garbage", "other extractor", "other size limit", "missing"])
def test_an_untrusted_manifest_means_a_full_run(corpus, tmp_path, capsys, monkeypatch, spoil):
    out = tmp_path / "out"
    _run(capsys, str(corpus), "--out", str(out))
    before = _csv_bytes(out)
    path = out / MANIFEST_NAME
    manifest = Manifest.from_json(path.read_text())
    if spoil == "garbage":
        path.write_text("{not json")
    elif spoil == "other extractor":
        manifest.fingerprint = "0" * 16
        path.write_text(manifest.to_json())
    elif spoil == "other size limit":
        manifest.max_bytes = 1
        path.write_text(manifest.to_json())
    else:
        path.unlink()

    extracted = _count_extractions(monkeypatch)
    printed = _run(capsys, str(corpus), "--out", str(out))
    assert len(extracted) == 10  # every document read again (the feed gives two, the empty file none)
    assert "incremental:" not in printed
    assert _csv_bytes(out) == before


def test_tables_replaced_without_their_manifest_mean_a_full_run(corpus, tmp_path, capsys, monkeypatch):
    """As after a run killed between writing the tables and writing the manifest."""
    out = tmp_path / "out"
    _run(capsys, str(corpus), "--out", str(out))
    stale_manifest = (out / MANIFEST_NAME).read_text()
    changed = corpus / "a/g01_torkham_heroin.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOfficers also seized 3 kg of opium.\n", encoding="utf-8")
    _run(capsys, str(corpus), "--out", str(out))
    after_second_run = _csv_bytes(out)
    (out / MANIFEST_NAME).write_text(stale_manifest)  # the tables are new, the manifest is not

    extracted = _count_extractions(monkeypatch)
    _run(capsys, str(corpus), "--out", str(out))
    assert len(extracted) == 10
    assert _csv_bytes(out) == after_second_run


def test_a_table_edited_by_hand_means_a_full_run(corpus, tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    _run(capsys, str(corpus), "--out", str(out))
    before = _csv_bytes(out)
    documents = out / "documents.parquet"
    frame = pd.read_parquet(documents)
    frame[frame["doc_id"] != "g01_torkham_heroin"].to_parquet(documents, index=False)

    extracted = _count_extractions(monkeypatch)
    _run(capsys, str(corpus), "--out", str(out))
    assert len(extracted) == 10
    assert _csv_bytes(out) == before


def test_document_ids_number_repeats_in_order():
    ids = DocumentIds()
    assert [ids.assign(x) for x in ["a", "b", "a", "a~2", "a", "b"]] == ["a", "b", "a~2", "a~2~2", "a~3", "b~2"]
