"""Crash safety (issue 7): a run killed while writing leaves the previous tables intact; reruns are byte-identical."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import GENRE, ROOT, SEEDS, wait_for

from analysis.tables.store import read_tables, remove_stale_temps, write_tables

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

# The child runs the real command line; its second CSV write stops half-way and waits to be killed.
KILLED_WHILE_WRITING = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import pandas as pd

    marker = Path(sys.argv[1])
    real_to_csv = pd.DataFrame.to_csv
    calls = []

    def to_csv_then_hang(self, path_or_buf=None, *args, **kwargs):
        calls.append(path_or_buf)
        if len(calls) == 2:
            text = real_to_csv(self, None, *args, **kwargs)
            Path(path_or_buf).write_text(text[: len(text) // 2], encoding="utf-8")
            marker.write_text(str(path_or_buf), encoding="utf-8")
            time.sleep(600)  # killed long before
        return real_to_csv(self, path_or_buf, *args, **kwargs)

    pd.DataFrame.to_csv = to_csv_then_hang
    from analysis.cli import main
    sys.exit(main(sys.argv[2:]))
""")

# The child writes one big table with the real store, unpatched; it is killed as soon as a temp file shows.
BIG_WRITE = textwrap.dedent("""
    import sys
    import pandas as pd
    from analysis.tables.store import write_tables

    rows = int(sys.argv[2])
    frame = pd.DataFrame({"doc_id": [f"doc-{i:07d}" for i in range(rows)], "quantity_kg": [i / 7 for i in range(rows)],
                          "sentence": ["Police seized " + str(i) + " kg of heroin at the border crossing." for i in range(rows)]})
    write_tables({"seizures": frame, "mentions": frame.iloc[::-1]}, sys.argv[1])
""")


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every output file under ``folder`` (tables, datasets, manifest), temporary files left out."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}


def _temps(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


def _cli(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=600, **kwargs)


def test_a_run_killed_while_writing_leaves_the_previous_tables(tmp_path):
    out = tmp_path / "out"
    first = _cli("extract", SEEDS, "--out", out, "--no-progress")
    assert first.returncode == 0, first.stderr
    before_bytes, before_tables = _snapshot(out), read_tables(out)

    marker = tmp_path / "half-written"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_WHILE_WRITING, marker, "extract", GENRE / "seizures" / "docs", "--out", out,
         "--no-progress"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wait_for(marker.exists, child, "the half-written table")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL

    half_written = Path(marker.read_text(encoding="utf-8"))
    assert half_written.parent in _temps(out)  # killed in mid-write: the run's staging folder is left ...
    assert _snapshot(out) == before_bytes  # ... and every table is the previous run's, byte for byte
    after_tables = read_tables(out)
    assert after_tables.keys() == before_tables.keys()
    for name, frame in before_tables.items():
        pd.testing.assert_frame_equal(after_tables[name], frame)

    # the next run removes the dead run's temp files and writes the new tables
    second = _cli("extract", GENRE / "seizures" / "docs", "--out", out, "--no-progress")
    assert second.returncode == 0, second.stderr
    assert _temps(out) == []
    assert read_tables(out)["documents"]["path"].str.contains("genre").all()


def test_a_kill_at_any_moment_leaves_each_table_whole(tmp_path):
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    write_tables({"seizures": pd.DataFrame({"doc_id": ["old"], "quantity_kg": [1.0], "sentence": ["old"]}),
                  "mentions": pd.DataFrame({"doc_id": ["old"]})}, out)
    old = _snapshot(out)
    rows = 200_000
    subprocess.run([sys.executable, "-c", BIG_WRITE, fresh, str(rows)], cwd=ROOT, check=True, timeout=600)
    new = _snapshot(fresh)

    child = subprocess.Popen([sys.executable, "-c", BIG_WRITE, out, str(rows)], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not _temps(out) and child.poll() is None:  # kill it as soon as it writes (it is never slow to start)
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)  # if it had already finished, every table must be the new one
    child.wait(timeout=60)

    now = _snapshot(out)
    assert now.keys() == old.keys()
    for name, data in now.items():
        assert data in (old[name], new[name]), f"{name} is neither the old nor the new table"
    tables = read_tables(out)  # and readable
    assert set(tables) == {"seizures", "mentions"}


def test_stale_temp_files_of_a_live_writer_are_kept(tmp_path):
    mine = tmp_path / f".seizures.csv.analysis-{os.getpid()}-0a1b2c3d.tmp"
    mine.write_text("in progress", encoding="utf-8")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".seizures.csv.analysis-{dead.pid}-0a1b2c3d.tmp"
    stale.write_text("left by a killed run", encoding="utf-8")
    foreign = tmp_path / f".notes.{dead.pid}.draft.tmp"  # another program's temp file: not ours to remove
    foreign.write_text("an editor's swap file", encoding="utf-8")
    assert remove_stale_temps(tmp_path) == [stale]
    assert mine.exists() and not stale.exists() and foreign.exists()


def test_written_tables_have_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    write_tables({"skipped": pd.DataFrame({"path": ["a"], "reason": ["b"]})}, tmp_path)
    for path in tmp_path.iterdir():
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path  # not mkstemp's 0600


def test_reruns_are_byte_identical(tmp_path):
    corpus = [SEEDS, GENRE / "seizures" / "docs", GENRE / "cooperation" / "docs", ROOT / "tests" / "fixtures" / "bad"]
    outs = [tmp_path / "one", tmp_path / "two"]
    for out, seed in zip(outs, ("1", "2"), strict=True):  # different hash seeds: set order must not leak out
        result = _cli("extract", *corpus, "--out", out, "--no-progress", env={**os.environ, "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
    one, two = _snapshot(outs[0]), _snapshot(outs[1])
    csvs = sorted(name for name in one if name.endswith(".csv"))
    assert len(csvs) >= 7
    for name in csvs:
        assert one[name] == two[name], name
    # and a rerun into the same folder rewrites the same bytes
    again = _cli("extract", *corpus, "--out", outs[0], "--no-progress")
    assert again.returncode == 0, again.stderr
    assert _snapshot(outs[0]) == one
