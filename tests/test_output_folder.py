"""Output folders that stay whole (issue 17): one run at a time, one run's files at a time, foreign files kept.

A run writes its tables, ``datasets/`` and manifest into a staging folder and
commits them with a journal (``analysis.tables.store.write_run``). These tests break
a run at every stage it can break (a full disk while staging, a SIGKILL while
committing or at a random moment, a second run at the same time) and check
that the folder then holds one whole run (``store.problems`` is empty) and that
an incremental rerun gives the tables of a full run.
"""

from __future__ import annotations

import errno
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import GENRE, ROOT, SEEDS, wait_for

from analysis.cli import main
from analysis.tables import store
from analysis.tables.manifest import MANIFEST_NAME

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals and flock")

TABLES = ("documents", "seizures", "visits", "meetings", "counts", "mentions", "skipped")


def _cli(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=600, **kwargs)


def _extract(corpus, out, *flags) -> None:
    assert main(["extract", str(corpus), "--out", str(out), "--no-progress", *flags]) == 0


def _outputs(folder: Path) -> dict[str, bytes]:
    """Every file of the project's outputs under ``folder`` (tables, datasets, manifest), hidden files left out."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}


def _csvs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / f"{name}.csv").read_bytes() for name in TABLES}


@pytest.fixture
def earlier_run(tmp_path) -> Path:
    out = tmp_path / "out"
    _extract(SEEDS, out)
    return out


# --- a full disk while staging --------------------------------------------------------

def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("stage", ["first table", "a later table", "datasets", "manifest"])
def test_a_full_disk_leaves_the_earlier_run_whole(earlier_run, monkeypatch, capsys, stage):
    """A fake writer fails with ENOSPC at each stage of staging (no tmpfs is mounted: CI runs unprivileged)."""
    before = _outputs(earlier_run)
    if stage in ("first table", "a later table"):
        real, calls = pd.DataFrame.to_csv, []

        def to_csv(self, *args, **kwargs):
            calls.append(1)
            if len(calls) == (1 if stage == "first table" else 4):
                _disk_full()
            return real(self, *args, **kwargs)

        monkeypatch.setattr(pd.DataFrame, "to_csv", to_csv)
    elif stage == "datasets":
        monkeypatch.setattr(store, "_build_datasets", _disk_full)
    else:
        real_write = store._write_synced
        monkeypatch.setattr(store, "_write_synced", lambda path, write: _disk_full()
                            if path.name == MANIFEST_NAME else real_write(path, write))
    assert main(["extract", str(GENRE / "seizures" / "docs"), "--out", str(earlier_run), "--no-progress"]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert _outputs(earlier_run) == before  # the earlier run, byte for byte ...
    assert store.problems(earlier_run) == []
    assert not list(earlier_run.glob(".*.tmp"))  # ... and no staging left behind


# --- foreign files --------------------------------------------------------------------

def test_files_the_project_did_not_write_are_kept(tmp_path):
    out = tmp_path / "shared-folder"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    foreign = {
        "notes.txt": "an analyst's notes",
        f".draft.{dead.pid}.autosave.tmp": "another program's temp file, its writer gone",
        ".seizures.csv.backup": "a hidden copy",
        "archive/seizures.csv": "an older table kept by hand",
    }
    for name, text in foreign.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text, encoding="utf-8")
    _extract(SEEDS, out)
    _extract(GENRE / "seizures" / "docs", out)
    for name, text in foreign.items():
        assert (out / name).read_text(encoding="utf-8") == text, name
    assert store.problems(out) == []


def test_a_datasets_folder_the_project_did_not_write_is_not_replaced(tmp_path, capsys):
    out = tmp_path / "out"
    (out / "datasets").mkdir(parents=True)
    (out / "datasets" / "budget.parquet").write_bytes(b"someone else's data")
    assert main(["extract", str(SEEDS), "--out", str(out), "--no-progress"]) == 2
    error = capsys.readouterr().err
    assert "datasets" in error and "not written by analysis" in error and error.count("\n") == 1
    assert [p.name for p in (out / "datasets").iterdir()] == ["budget.parquet"]


def test_datasets_of_an_earlier_run_are_replaced(earlier_run):
    assert (earlier_run / "datasets" / store.DATASETS_MARKER).exists()
    _extract(GENRE / "cooperation" / "docs", earlier_run)
    docs = store.read_dataset(earlier_run, "documents")
    assert docs["path"].str.contains("cooperation").all()


# --- one run at a time ----------------------------------------------------------------

HOLD_THE_LOCK = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from analysis.tables.store import output_lock

    with output_lock(sys.argv[1]):
        Path(sys.argv[2]).write_text("locked", encoding="utf-8")
        time.sleep(600)  # killed long before
""")


def test_a_second_run_exits_2_naming_the_holder_and_a_killed_holder_frees_the_folder(tmp_path):
    out, ready = tmp_path / "out", tmp_path / "ready"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_LOCK, out, ready], cwd=ROOT)
    try:
        wait_for(ready.exists, holder, "taking the lock")
        second = _cli("extract", SEEDS, "--out", out, "--no-progress")
        assert second.returncode == 2
        assert f"PID {holder.pid}" in second.stderr and second.stderr.startswith("error:")
        assert not (out / "documents.csv").exists()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=60)
    third = _cli("extract", SEEDS, "--out", out, "--no-progress")  # the kernel freed the dead holder's lock
    assert third.returncode == 0, third.stderr


def test_two_runs_started_together_leave_one_whole_run(tmp_path):
    out = tmp_path / "out"
    corpora = [SEEDS, GENRE / "seizures" / "docs"]
    runs = [subprocess.Popen([sys.executable, "-m", "analysis", "extract", str(corpus), "--out", str(out),
                              "--no-progress"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for corpus in corpora]
    codes = [run.wait(timeout=600) for run in runs]
    assert sorted(codes) in ([0, 0], [0, 2]), [run.stderr.read() for run in runs]
    assert store.problems(out) == []
    last = corpora[codes.index(0)] if codes.count(0) == 1 else None
    documents = store.read_tables(out)["documents"]
    if last is not None:  # the run that went through is the one in the folder
        assert documents["path"].map(lambda p: Path(p).parent.name).eq(Path(last).name).all()
    full = tmp_path / "full"
    _extract(Path(documents["path"].iloc[0]).parent, full)
    assert _csvs(out) == _csvs(full)


# --- SIGKILL --------------------------------------------------------------------------

KILLED_WHILE_COMMITTING = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path

    marker = Path(sys.argv[1])
    real_replace, renames = os.replace, []

    def replace_then_hang(source, target):
        if "analysis-commit" not in str(target) and ".run.analysis-" in str(source):
            renames.append(target)
            if len(renames) == 3:  # two tables renamed into place, the rest still staged
                marker.write_text("committing", encoding="utf-8")
                time.sleep(600)  # killed long before
        return real_replace(source, target)

    os.replace = replace_then_hang
    from analysis.cli import main
    sys.exit(main(sys.argv[2:]))
""")


def test_a_run_killed_while_committing_is_finished_by_the_next_reader(earlier_run, tmp_path):
    marker, new_corpus = tmp_path / "committing", GENRE / "seizures" / "docs"
    child = subprocess.Popen([sys.executable, "-c", KILLED_WHILE_COMMITTING, marker, "extract", new_corpus,
                              "--out", earlier_run, "--no-progress"], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wait_for(marker.exists, child, "committing")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert "an unfinished commit" in store.problems(earlier_run)  # half the renames done ...
    tables = store.read_tables(earlier_run)  # ... the reader finishes them
    assert store.problems(earlier_run) == []
    assert tables["documents"]["path"].str.contains("genre").all()
    full = tmp_path / "full"
    _extract(new_corpus, full)
    assert _csvs(earlier_run) == _csvs(full)


def test_a_kill_at_a_random_moment_leaves_one_whole_run_and_reruns_equal_a_full_run(tmp_path):
    corpora = [SEEDS, GENRE / "seizures" / "docs", GENRE / "cooperation" / "docs"]
    out, full = tmp_path / "out", tmp_path / "full"
    started = time.monotonic()
    assert _cli("extract", corpora[0], "--out", out, "--no-progress").returncode == 0
    length = time.monotonic() - started  # one run's length on this machine: the kills land inside one
    chance = random.Random(17)  # fixed seed: the same moments every run of the suite
    for trial in range(4):
        corpus = corpora[(trial + 1) % len(corpora)]
        child = subprocess.Popen([sys.executable, "-m", "analysis", "extract", str(corpus), "--out", str(out),
                                  "--no-progress"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(0.3, 1.0) * length)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        store.finish_commit(out)
        assert store.problems(out) == [], f"trial {trial}"
    rerun = _cli("extract", corpora[1], "--out", out, "--no-progress")  # incremental where it can be
    assert rerun.returncode == 0, rerun.stderr
    shutil.rmtree(full, ignore_errors=True)
    _extract(corpora[1], full, "--full")
    assert _csvs(out) == _csvs(full)
    assert store.problems(out) == []
