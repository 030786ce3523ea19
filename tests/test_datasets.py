"""Partitioned Parquet datasets: one per table, by publication year, read directly by pandas, Dask and DuckDB."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.tables.store import DATASETS, PARTITION_COLUMN, read_dataset, read_tables, write_datasets

ROOT = Path(__file__).resolve().parent.parent
GENRE = ROOT / "tests/fixtures/genre/seizures/docs"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("datasets")
    assert main(["extract", str(GENRE), "--out", str(out), "--no-progress"]) == 0
    return out


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


def test_every_document_table_is_a_dataset_with_the_flat_tables_rows(out):
    flat = read_tables(out)
    for name in ("documents", "seizures", "visits", "meetings", "counts", "mentions"):
        dataset = read_dataset(out, name)
        assert len(dataset) == len(flat[name]), name
        pd.testing.assert_frame_equal(_sorted(dataset.drop(columns=[PARTITION_COLUMN]).astype(str)),
                                      _sorted(flat[name].astype(str)), check_dtype=False)
    assert not (out / DATASETS / "skipped").exists()  # no documents, nothing to partition by


def test_partitions_are_publication_years(out):
    documents = read_tables(out)["documents"]
    folders = sorted(p.name for p in (out / DATASETS / "seizures").iterdir())
    years = sorted({int(d[:4]) if d else 0 for d in documents["published"]})
    assert folders == [f"{PARTITION_COLUMN}={year}" for year in years]
    seizures = read_dataset(out, "seizures")
    published = dict(zip(documents["doc_id"], documents["published"], strict=True))
    for doc_id, year in zip(seizures["doc_id"], seizures[PARTITION_COLUMN], strict=True):
        assert int(year) == (int(published[doc_id][:4]) if published[doc_id] else 0)


def test_duckdb_reads_the_dataset_with_the_readme_query(out):
    import duckdb  # in the dev extra
    query = (f"SELECT drug, published_year, round(sum(quantity_kg), 2) AS kg "
             f"FROM read_parquet('{out}/datasets/seizures/*/*.parquet', hive_partitioning = true) "
             f"GROUP BY ALL ORDER BY kg DESC")
    result = duckdb.sql(query).df()
    seizures = read_tables(out)["seizures"]
    assert result["kg"].sum() == pytest.approx(seizures["quantity_kg"].sum(), abs=0.1)
    assert set(result["drug"]) == set(seizures["drug"])


def test_dask_reads_the_dataset(out):
    import dask.dataframe as dd  # in the dev extra
    frame = dd.read_parquet(str(out / DATASETS / "mentions")).compute()
    assert len(frame) == len(read_tables(out)["mentions"])


def test_empty_tables_keep_their_columns(tmp_path):
    from analysis.tables.schema import empty_frame

    write_datasets({"documents": empty_frame("documents"), "seizures": empty_frame("seizures")}, tmp_path)
    seizures = read_dataset(tmp_path, "seizures")
    assert seizures.empty and "quantity_kg" in seizures.columns


def test_rewriting_replaces_the_whole_dataset_and_leaves_no_temporary_folder(out, tmp_path):
    target = tmp_path / "copy"
    tables = read_tables(out)
    write_datasets(tables, target)
    write_datasets({"documents": tables["documents"].iloc[:1], "seizures": tables["seizures"].iloc[:0]}, target)
    assert len(read_dataset(target, "documents")) == 1
    assert not (target / DATASETS / "mentions").exists()
    assert [p.name for p in target.iterdir()] == [DATASETS]


def test_read_tables_falls_back_to_the_datasets(out, tmp_path):
    tables = read_tables(out)
    write_datasets(tables, tmp_path)
    only_datasets = read_tables(tmp_path)
    assert set(only_datasets) == {"documents", "seizures", "visits", "meetings", "counts", "mentions"}
    assert PARTITION_COLUMN not in only_datasets["seizures"].columns
    assert len(only_datasets["seizures"]) == len(tables["seizures"])


@pytest.mark.parametrize("argv, message", [
    (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
    (["--engine", "dask", "--workers", "0"], "must be at least 1"),
    (["--max-bytes", "-5"], "must be at least 1"),
    (["--max-bytes", "lots"], "not a whole number"),
])
def test_engine_options_are_checked_before_anything_runs(tmp_path, capsys, argv, message):
    with pytest.raises(SystemExit) as exited:
        status = main(["extract", str(GENRE), "--out", str(tmp_path / "o"), *argv])
        raise SystemExit(status)
    assert exited.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
