"""The command line, run as a user would."""

import subprocess
import sys

import pandas as pd
from conftest import ROOT, SEED_GOLD, SEEDS


def _run(*args):
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT)


def test_extract_writes_parquet_and_csv(tmp_path):
    result = _run("extract", SEEDS, "--out", tmp_path, "--no-progress")
    assert result.returncode == 0, result.stderr
    assert "seizures: 2 rows" in result.stdout
    for table in ("documents", "seizures", "mentions", "skipped"):
        assert (tmp_path / f"{table}.parquet").exists() and (tmp_path / f"{table}.csv").exists()
    seizures = pd.read_parquet(tmp_path / "seizures.parquet")
    assert sorted(seizures["quantity_kg"]) == [71.11, 12000.0]
    assert not list(tmp_path.glob(".*.tmp"))


def test_evaluate_against_the_seed_gold(tmp_path):
    _run("extract", SEEDS, "--out", tmp_path, "--no-progress")
    result = _run("evaluate", "--gold", SEED_GOLD, "--pred", tmp_path)
    assert result.returncode == 0, result.stderr
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("seizures"))
    assert line.split()[2:5] == ["1.00", "1.00", "1.00"]


def test_unreadable_input_warns_and_exits_1(tmp_path):
    result = _run("extract", tmp_path / "missing", "--out", tmp_path / "out", "--no-progress")
    assert result.returncode == 1
    assert f"{tmp_path / 'missing'}: no such file or folder" in result.stderr


def test_usage_errors_exit_2():
    assert _run("extract").returncode == 2
    assert "--engine" in _run("extract", "--help").stdout
