"""The command line, run as a user would."""

import os
import shlex
import shutil
import subprocess
import sys
from importlib import metadata

import pandas as pd
import pytest
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


def test_version_is_the_installed_packages():
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"python -m analysis {metadata.version('analysis')}"


def test_a_missing_corpus_is_one_error_line_and_makes_no_output_folder(tmp_path):
    result = _run("extract", tmp_path / "no such folder", "--out", tmp_path / "out", "--no-progress")
    assert result.returncode == 1
    assert result.stderr == f'error: "{tmp_path / "no such folder"}": no such file or folder\n'
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("options", "message"), [
    (["--workers", "3"], "--workers needs --engine dask"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
    (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:8786", "--workers", "2"],
     "--workers needs a local cluster (an existing --scheduler has its own workers)"),
])
def test_an_option_without_the_one_it_needs_is_a_usage_error(tmp_path, options, message):
    result = _run("extract", SEEDS, "--out", tmp_path / "out", *options)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert errors == [f"python -m analysis extract: error: {message}"]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("options", "message"), [
    (["--jobs", "0"], "argument --jobs: must be at least 1, not 0"),
    (["--corpus", "seeds", "--tables", "out/seeds"], "argument --tables: not allowed with argument --corpus"),
])
def test_report_options_that_cannot_go_together_are_usage_errors(tmp_path, options, message):
    result = _run("report", "--out", tmp_path / "reports", *options)
    assert result.returncode == 2
    assert [line for line in result.stderr.splitlines() if "error:" in line] == [
        f"python -m analysis report: error: {message}"]
    assert not (tmp_path / "reports").exists()


# --- the Makefile with paths holding spaces ----------------------------------------------------------

def _make_env() -> dict[str, str]:
    """The environment for a make of our own: without the flags of a make we run under (make test), which
    would add "make[1]: Entering directory" lines and the outer make's options."""
    return {name: value for name, value in os.environ.items() if name not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}


def _make(cwd, *arguments):
    """Run a make target of the project's Makefile with this Python, setup taken as done."""
    return subprocess.run(["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), "-o", ".venv/.installed",
                           f"PY={sys.executable}", *arguments], cwd=cwd, capture_output=True, text=True,
                          env={**_make_env(), "PYTHONPATH": str(ROOT)})


def test_make_extract_takes_a_corpus_and_an_output_with_spaces(tmp_path):
    corpus = tmp_path / "Kenya news"
    shutil.copytree(SEEDS, corpus)
    result = _make(tmp_path, "extract", "CORPUS=Kenya news")
    assert result.returncode == 0, result.stderr
    default_out = tmp_path / "out" / "Kenya news"  # out/ and the corpus folder's name
    assert len(pd.read_csv(default_out / "documents.csv")) == len(list(SEEDS.iterdir()))
    result = _make(tmp_path, "extract", f"CORPUS={corpus}/", "OUT=tables of it's own")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "tables of it's own" / "seizures.parquet").exists()


def test_make_report_quotes_its_paths():
    # the commands make would run, split as the shell splits them
    commands = subprocess.run(["make", "-n", "--no-print-directory", "-o", ".venv/.installed", "report",
                               "CORPUS=data/Kenya news", "REPORTS=my reports", "NOTEBOOKS=note books"], cwd=ROOT,
                              capture_output=True, text=True, check=True, env=_make_env()).stdout.replace("\\\n", " ")
    words = shlex.split(commands.strip().splitlines()[-1])
    assert words[1:] == ["-m", "analysis", "report", "--corpus", "data/Kenya news", "--out", "my reports",
                         "--notebooks", "note books"]
    commands = subprocess.run(["make", "-n", "--no-print-directory", "-o", ".venv/.installed", "report",
                               "TABLES=out/Kenya news"], cwd=ROOT, capture_output=True, text=True, check=True,
                              env=_make_env()).stdout.replace("\\\n", " ")
    assert shlex.split(commands.strip().splitlines()[-1])[3:7] == ["report", "--tables", "out/Kenya news", "--out"]
