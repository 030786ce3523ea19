"""Writing and reading table folders: Parquet and CSV, written atomically.

Every file is written to a temporary name in the target folder, flushed to
disk and renamed into place (``os.replace`` is atomic on POSIX), so a crash
or a kill never leaves a half-written table: readers see the old file or the
new one. :func:`write_tables` writes every table's temporary files first and
renames them only when all are written, so a run killed while writing leaves
the whole previous set of tables as it was. Temporary files of a killed run
(``.<name>.<pid>.<random>.tmp``) are removed by the next write into the folder.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd


def atomic_write(path: str | os.PathLike, write: Callable[[str], None]) -> None:
    """Call ``write(temp_path)`` and move the result onto ``path`` in one step."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path.parent)
    temp = _stage(path, write)
    try:
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def write_table(frame: pd.DataFrame, out_dir: str | os.PathLike, name: str) -> list[Path]:
    """Write ``frame`` as ``<out_dir>/<name>.parquet`` and ``.csv``; returns the paths."""
    return write_tables({name: frame}, out_dir)


def write_tables(tables: Mapping[str, pd.DataFrame], out_dir: str | os.PathLike) -> list[Path]:
    """Write every table of ``tables`` (name -> frame) into ``out_dir`` as Parquet and CSV.

    All files are written under temporary names first; only then are they
    renamed into place, one quick rename each.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(out_dir)
    staged: list[tuple[str, Path]] = []
    try:
        for name, frame in tables.items():
            for path, write in _writers(frame, out_dir, name):
                staged.append((_stage(path, write), path))
        for temp, path in staged:
            os.replace(temp, path)
    except BaseException:
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)
        raise
    _fsync_dir(out_dir)
    return [path for _, path in staged]


def _writers(frame: pd.DataFrame, out_dir: Path, name: str) -> list[tuple[Path, Callable[[str], None]]]:
    return [
        (out_dir / f"{name}.parquet", lambda temp: frame.to_parquet(temp, index=False)),
        (out_dir / f"{name}.csv", lambda temp: frame.to_csv(temp, index=False, lineterminator="\n")),
    ]


def _stage(path: Path, write: Callable[[str], None]) -> str:
    """Write a temporary file beside ``path`` with ``write`` and flush it to disk; returns its name."""
    while True:  # like tempfile.mkstemp, but with the usual permissions (0666 less the umask), not 0600
        temp = str(path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            break
        except FileExistsError:
            continue
    try:
        write(temp)
        with open(temp, "rb") as written:
            os.fsync(written.fileno())
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return temp


def _fsync_dir(directory: Path) -> None:
    """Make the renames in ``directory`` durable (where the platform allows it)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


_TEMP_NAME = re.compile(r"^\..+\.(?P<pid>\d+)\.[^.]+\.tmp$")


def remove_stale_temps(directory: str | os.PathLike) -> list[Path]:
    """Remove temporary files that a killed writer left in ``directory``; returns them.

    A temporary file is stale when the process named in it no longer runs,
    so a writer busy in the same folder keeps its files.
    """
    removed: list[Path] = []
    for temp in Path(directory).glob(".*.tmp"):
        match = _TEMP_NAME.match(temp.name)
        if match is None or _running(int(match.group("pid"))):
            continue
        temp.unlink(missing_ok=True)
        removed.append(temp)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # alive but not ours, or we cannot tell: leave the file alone
    return True


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
