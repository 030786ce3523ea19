"""The Dask engine gives exactly the local engine's tables (rows, order, ids, skips)."""

import json
import shutil
from pathlib import Path

import distributed  # the dev extra installs Dask; users get it with pip install -e '.[dask]'
import pandas as pd
import pytest
from conftest import GENRE, SEEDS

from analysis import extract
from analysis.cli import main
from analysis.tables import dask_engine
from analysis.tables.dask_engine import extract_with_dask
from analysis.tables.pipeline import TABLE_NAMES

pytestmark = pytest.mark.filterwarnings("ignore:Port .* is already in use")

RELEASE = ("Customs seize heroin at Torkham\n\n"
           "KABUL, 3 March 2024 – Border police seized 14 kg of heroin from a truck at the "
           "Torkham border crossing, officials said.\n")


@pytest.fixture(scope="module")
def scheduler():
    """One two-worker LocalCluster for the whole module (starting one costs seconds)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def _assert_same_tables(local, dask):
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(getattr(dask, name), getattr(local, name), obj=name)


@pytest.mark.parametrize(("folder", "local_fixture"), [
    (SEEDS, "seed_tables"),
    (GENRE / "seizures" / "docs", "genre_seizure_tables"),
    (GENRE / "cooperation" / "docs", "genre_cooperation_tables"),
], ids=["seeds", "genre-seizures", "genre-cooperation"])
def test_dask_tables_equal_local_tables(scheduler, request, folder, local_fixture):
    local = request.getfixturevalue(local_fixture)  # the local engine's tables, shared with other tests
    dask = extract_with_dask(folder, scheduler=scheduler, progress=False, batch_size=3)
    assert len(local.documents) > 1
    _assert_same_tables(local, dask)


def test_skips_duplicate_ids_and_jsonl_lines_match(scheduler, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "release.txt").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "b" / "release.txt").write_text(RELEASE.replace("14 kg", "9 kg"), encoding="utf-8")
    (tmp_path / "b" / "empty.txt").write_bytes(b"")
    (tmp_path / "b" / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    lines = [json.dumps({"id": "release", "text": RELEASE.replace("14 kg", "5 kg")}), "{not json"]
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths = [tmp_path / "a", tmp_path / "missing", tmp_path / "b", tmp_path / "c.jsonl"]

    local_skips, dask_skips = [], []
    local = extract(paths, progress=False, on_skip=local_skips.append)
    dask = extract_with_dask(paths, scheduler=scheduler, progress=False, on_skip=dask_skips.append,
                             batch_size=2)
    _assert_same_tables(local, dask)
    assert dask_skips == local_skips
    assert len(dask.skipped) == 4  # missing folder, empty file, binary file, broken JSON line
    assert dask.documents["doc_id"].tolist() == ["release", "release~2", "release~3"]
    assert sorted(dask.seizures["quantity_kg"].tolist()) == [5.0, 9.0, 14.0]


def test_own_local_cluster_is_started_and_closed(tmp_path):
    (tmp_path / "release.txt").write_text(RELEASE, encoding="utf-8")
    tables = extract_with_dask(tmp_path, workers=1, progress=False)
    _assert_same_tables(extract(tmp_path, progress=False), tables)


def test_command_line_on_an_existing_scheduler_writes_the_local_engines_tables(scheduler, tmp_path, capsys):
    folder = GENRE / "seizures" / "docs"
    assert main(["extract", str(folder), "--out", str(tmp_path / "local"), "--no-progress"]) == 0
    assert main(["extract", str(folder), "--out", str(tmp_path / "dask"), "--no-progress",
                 "--engine", "dask", "--scheduler", scheduler]) == 0
    for name in TABLE_NAMES:
        assert (tmp_path / "dask" / f"{name}.csv").read_bytes() == (tmp_path / "local" / f"{name}.csv").read_bytes()
    # the same manifest too, so that a later run with either engine reads only new or changed files
    assert (tmp_path / "dask" / "manifest.json").read_bytes() == (tmp_path / "local" / "manifest.json").read_bytes()


def test_dask_rerun_on_grown_corpus_sends_only_new_and_changed_files(scheduler, tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = sorted(p.name for p in (GENRE / "seizures" / "docs").glob("*.txt"))[:6]
    for name in names:
        shutil.copy(GENRE / "seizures" / "docs" / name, corpus / name)
    out, full = tmp_path / "dask", tmp_path / "full"
    dask_args = ["--no-progress", "--engine", "dask", "--scheduler", scheduler]
    assert main(["extract", str(corpus), "--out", str(out), *dask_args]) == 0

    (corpus / "0-new.txt").write_text(RELEASE, encoding="utf-8")  # first in the listing
    changed = corpus / names[2]
    changed.write_text(changed.read_text(encoding="utf-8").replace("heroin", "cocaine"), encoding="utf-8")
    (corpus / names[4]).unlink()
    sent: list[list] = []
    real_run = dask_engine._run

    def recording_run(client, plan, assembly, *args):
        sent.extend(str(item) for item, digest in plan
                    if assembly.previous is None or assembly.previous.record(str(item), digest) is None)
        return real_run(client, plan, assembly, *args)

    monkeypatch.setattr(dask_engine, "_run", recording_run)
    capsys.readouterr()
    assert main(["extract", str(corpus), "--out", str(out), *dask_args]) == 0
    assert sorted(Path(p).name for p in sent) == sorted(["0-new.txt", names[2]])
    assert "incremental: 4 unchanged files reused, 2 read" in capsys.readouterr().out

    monkeypatch.undo()
    assert main(["extract", str(corpus), "--out", str(full), "--no-progress", "--full"]) == 0
    for name in TABLE_NAMES:
        assert (out / f"{name}.csv").read_bytes() == (full / f"{name}.csv").read_bytes(), name
