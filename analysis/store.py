"""Writing and reading table folders: Parquet and CSV, written atomically.

Every file is written to a temporary name in the target folder and renamed
into place (``os.replace`` is atomic on POSIX), so a crash or a kill never
leaves a half-written table: readers see the old file or the new one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd


def atomic_write(path: str | os.PathLike, write: Callable[[str], None]) -> None:
    """Call ``write(temp_path)`` and move the result onto ``path`` in one step."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        write(temp)
        with open(temp, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_table(frame: pd.DataFrame, out_dir: str | os.PathLike, name: str) -> list[Path]:
    """Write ``frame`` as ``<out_dir>/<name>.parquet`` and ``.csv``; returns the paths."""
    out_dir = Path(out_dir)
    parquet, csv = out_dir / f"{name}.parquet", out_dir / f"{name}.csv"
    atomic_write(parquet, lambda temp: frame.to_parquet(temp, index=False))
    atomic_write(csv, lambda temp: frame.to_csv(temp, index=False, lineterminator="\n"))
    return [parquet, csv]


def write_tables(tables: Mapping[str, pd.DataFrame], out_dir: str | os.PathLike) -> list[Path]:
    """Write every table of ``tables`` (name -> frame) into ``out_dir``."""
    written: list[Path] = []
    for name, frame in tables.items():
        written.extend(write_table(frame, out_dir, name))
    return written


def read_tables(directory: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """Every table in a folder written by :func:`write_tables` (Parquet preferred, else CSV)."""
    directory = Path(directory)
    tables: dict[str, pd.DataFrame] = {}
    for path in sorted(directory.glob("*.parquet")):
        tables[path.stem] = pd.read_parquet(path)
    for path in sorted(directory.glob("*.csv")):
        if path.stem not in tables:
            tables[path.stem] = pd.read_csv(path, dtype=str, keep_default_na=False)
    return tables
