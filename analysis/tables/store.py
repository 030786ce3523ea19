"""Writing and reading table folders: Parquet and CSV, written atomically.

Every file is written to a temporary name in the target folder, flushed to
disk and renamed into place (``os.replace`` is atomic on POSIX), so a crash
or a kill never leaves a half-written table: readers see the old file or the
new one. :func:`write_tables` writes every table's temporary files first and
renames them only when all are written, so a run killed while writing leaves
the whole previous set of tables as it was.

An ``extract`` run writes a whole output folder with :func:`write_run`: its
tables, its ``datasets/`` folder and its manifest are all written into one
staging folder first (a full disk stops the run there, the earlier run
untouched), then a commit journal naming them is written, then they are
renamed into place. A run killed during the renames is finished by the next
writer or reader of the folder (:func:`finish_commit`), so the folder always
holds one whole run. :func:`output_lock` keeps two runs out of one folder.

Only files this project wrote are ever removed: temporary names carry the
project's mark (``.<name>.analysis-<pid>-<8 hex>.tmp``), a ``datasets/``
folder the project wrote holds a ``.written-by-analysis`` marker, and other
files in an ``--out`` folder are left alone.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from analysis.tables.manifest import MANIFEST_NAME, Manifest, Previous, file_sha256, is_usable
from analysis.text.corpus import LOCK_NAME, shown_path


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
        (out_dir / f"{name}.csv", lambda temp: spreadsheet_safe(frame).to_csv(temp, index=False, lineterminator="\n")),
    ]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell that a spreadsheet would run as a formula ("=HYPERLINK(...)",
    "+1...", "-2+3", "@SUM") prefixed with an apostrophe, as OWASP advises for CSV files; numbers stay
    numbers. Only the CSV copy is changed: Parquet keeps the text as it was."""
    columns = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    risky = [c for c in columns if frame[c].astype(str).str.startswith(_FORMULA_START).any()]
    if not risky:
        return frame
    safe = frame.copy()
    for column in risky:
        values = safe[column]
        mask = values.notna() & values.astype(str).str.startswith(_FORMULA_START)
        safe.loc[mask, column] = "'" + values[mask].astype(str)
    return safe


def _stage(path: Path, write: Callable[[str], None]) -> str:
    """Write a temporary file beside ``path`` with ``write`` and flush it to disk; returns its name."""
    while True:  # like tempfile.mkstemp, but with the usual permissions (0666 less the umask), not 0600
        temp = str(_temp_path(path.parent, path.name))
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            break
        except FileExistsError:
            continue
    try:
        _write_synced(Path(temp), write)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return temp


def _write_synced(path: Path, write: Callable[[str], None]) -> None:
    """Call ``write(path)`` and flush the file to disk."""
    write(str(path))
    with open(path, "rb") as written:
        os.fsync(written.fileno())


def _temp_path(directory: Path, name: str) -> Path:
    """``.<name>.analysis-<pid>-<random>.tmp`` in ``directory``: the shape :func:`remove_stale_temps` knows
    (the project's mark in it, so that another program's ``.x.123.y.tmp`` is never taken for ours)."""
    return directory / f".{name}.analysis-{os.getpid()}-{secrets.token_hex(4)}.tmp"


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


_TEMP_NAME = re.compile(r"^\..+\.analysis-(?P<pid>\d+)-[0-9a-f]{8}\.tmp$")


def remove_stale_temps(directory: str | os.PathLike) -> list[Path]:
    """Remove temporary files that a killed writer left in ``directory``; returns them.

    A temporary file is stale when the process named in it no longer runs,
    so a writer busy in the same folder keeps its files; the staging folder
    of an unfinished commit is kept for :func:`finish_commit`.
    """
    directory = Path(directory)
    pending = _journal(directory)
    keep = {pending.get("staging")} if pending else set()
    removed: list[Path] = []
    for temp in directory.glob(".*.tmp"):
        match = _TEMP_NAME.match(temp.name)
        if match is None or temp.name in keep or _running(int(match.group("pid"))):
            continue
        if temp.is_dir() and not temp.is_symlink():  # a dataset folder being built or retired
            shutil.rmtree(temp, ignore_errors=True)
        else:
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
    """Every table in a folder written by :func:`write_tables` (Parquet preferred, else CSV).

    A table found only as a partitioned dataset (``datasets/<name>/``, see
    :func:`write_datasets`) is read from there, without its partition column.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"no table folder at {shown_path(str(directory))}")
    try:
        finish_commit(directory)  # a run killed while committing: finish it, so the tables are one run's
    except OSError:
        pass  # a folder we may not write: read what is there
    tables: dict[str, pd.DataFrame] = {}
    for path in sorted(directory.glob("*.parquet")):
        tables[path.stem] = pd.read_parquet(path)
    for path in sorted(directory.glob("*.csv")):
        if path.stem not in tables:
            tables[path.stem] = pd.read_csv(path, dtype=str, keep_default_na=False)
    for path in sorted((directory / DATASETS).glob("*/")):
        if path.is_dir() and path.name not in tables:
            tables[path.name] = read_dataset(directory, path.name).drop(columns=[PARTITION_COLUMN])
    return tables


# --- partitioned datasets ---------------------------------------------------------

DATASETS = "datasets"
PARTITION_COLUMN = "published_year"
"""Datasets are partitioned by the publication year of each row's document; 0 when it is unknown.

0 rather than a null partition (``__HIVE_DEFAULT_PARTITION__``), which Dask's
reader cannot type when a table holds only undated documents.
"""


def write_datasets(tables: Mapping[str, pd.DataFrame], out_dir: str | os.PathLike) -> Path:
    """Write every table that has a ``doc_id`` as a Hive-partitioned Parquet dataset.

    The layout is ``<out_dir>/datasets/<table>/published_year=<YYYY>/part-0.parquet``
    (``published_year=0`` for documents without a date), which pandas, Dask, pyarrow and DuckDB read directly, each year a
    folder that a query can skip. The whole ``datasets`` folder is built
    in a staging folder and committed as :func:`write_run` commits a run, so
    readers never see a mix of two runs. Returns the folder.
    """
    out_dir = Path(out_dir)
    _commit(out_dir, lambda staging: _build_datasets(tables, staging / DATASETS) or [], remove=[])
    return out_dir / DATASETS


DATASETS_MARKER = ".written-by-analysis"
"""A hidden file in every ``datasets/`` folder the project writes (Parquet readers skip hidden files)."""


class ForeignFolder(Exception):
    """An output folder holds a ``datasets/`` folder this project did not write; it is left alone."""


def check_datasets_are_ours(out_dir: str | os.PathLike) -> None:
    """Raise :class:`ForeignFolder` when ``out_dir/datasets`` exists but was not written by this project
    (no marker in it and no manifest beside it), so that a run never replaces someone else's folder."""
    out_dir = Path(out_dir)
    target = out_dir / DATASETS
    if target.exists() and not (target / DATASETS_MARKER).exists() and not (out_dir / MANIFEST_NAME).exists():
        raise ForeignFolder(f"{shown_path(str(target))} was not written by analysis and is left alone; "
                            "choose another --out or move that folder")


def _build_datasets(tables: Mapping[str, pd.DataFrame], staging: Path) -> None:
    """Write the partitioned datasets of ``tables`` into the new folder ``staging``, with the marker."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    staging.mkdir(parents=True)
    (staging / DATASETS_MARKER).write_text("written by the analysis package; safe to replace\n", encoding="utf-8")
    years = _publication_years(tables.get("documents"))
    for name, frame in tables.items():
        if "doc_id" not in frame.columns:
            continue
        # One year's rows at a time, each converted to Arrow on its own: a whole table at
        # once (and the copy that partitioning it makes) would add twice its size to the
        # peak memory of a large run. One schema for all years keeps the files alike.
        schema = pa.Schema.from_pandas(frame, preserve_index=False)
        year_of_row = frame["doc_id"].map(years).fillna(0).astype("int16").to_numpy()
        for year in sorted(set(year_of_row.tolist())) or [0]:  # an empty table: one empty file
            folder = staging / name / f"{PARTITION_COLUMN}={year}"
            folder.mkdir(parents=True)
            rows = frame[year_of_row == year]
            pq.write_table(pa.Table.from_pandas(rows, schema=schema, preserve_index=False),
                           folder / "part-0.parquet")
    for folder in [staging, *(p for p in staging.rglob("*") if p.is_dir())]:
        _fsync_dir(folder)


def read_dataset(out_dir: str | os.PathLike, name: str) -> pd.DataFrame:
    """One partitioned table written by :func:`write_datasets`, with its ``published_year`` column."""
    return pd.read_parquet(Path(out_dir) / DATASETS / name, engine="pyarrow")


def _publication_years(documents: pd.DataFrame | None) -> dict[str, int]:
    if documents is None or documents.empty:
        return {}
    years = pd.to_numeric(documents["published"].astype(str).str[:4], errors="coerce")
    return {doc_id: int(year) for doc_id, year in zip(documents["doc_id"], years, strict=True) if year == year}


# --- manifest ----------------------------------------------------------------------

def read_manifest(out_dir: str | os.PathLike) -> Manifest | None:
    """The manifest of an output folder, or ``None`` when there is none or it cannot be parsed."""
    try:
        return Manifest.from_json((Path(out_dir) / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def load_previous(out_dir: str | os.PathLike, max_bytes: int) -> Previous | None:
    """The earlier run in ``out_dir`` whose rows this run may reuse, or ``None`` (then the run is full).

    ``None`` when there is no manifest, when it comes from another extractor
    or size limit, or when the table files are not the ones it was written
    with; unreadable tables also give ``None``.
    """
    out_dir = Path(out_dir)
    finish_commit(out_dir)
    manifest = read_manifest(out_dir)
    if not is_usable(manifest, max_bytes) or not manifest.tables:
        return None
    if any(file_sha256(out_dir / name) != digest for name, digest in manifest.tables.items()):
        return None
    try:
        return Previous(manifest, read_tables(out_dir))
    except Exception:  # a table pyarrow cannot read: a full run rebuilds it
        return None


# --- whole runs: one lock, one commit ------------------------------------------------

JOURNAL_NAME = ".analysis-commit.json"


class FolderBusy(Exception):
    """Another run holds the output folder's lock."""

    def __init__(self, out_dir: Path, holder: str) -> None:
        super().__init__(f"{shown_path(str(out_dir))} is in use by another run (PID {holder}); "
                         "wait for it to finish or choose another --out")
        self.holder = holder


@contextmanager
def output_lock(out_dir: str | os.PathLike) -> Iterator[Path]:
    """Hold ``out_dir/.analysis.lock`` for the length of a run; raise :class:`FolderBusy` naming the
    holder's PID when another run holds it.

    The lock is an advisory ``flock`` on the file, so the kernel releases it when
    its holder dies, even by SIGKILL: a killed run never locks the folder for good.
    The file itself stays (removing a lock file lets two runs lock two files).
    Where ``fcntl`` is missing (Windows) runs are not kept apart.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield out_dir
        return
    descriptor = os.open(out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise FolderBusy(out_dir, holder) from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        yield out_dir
    finally:
        os.close(descriptor)  # releases the lock


def write_run(tables: Mapping[str, pd.DataFrame], out_dir: str | os.PathLike,
              manifest: Manifest | None) -> list[Path]:
    """Write one run's tables, ``datasets/`` and manifest into ``out_dir`` together or not at all.

    Everything is written into a staging folder first; an error there (a full
    disk) removes it and leaves the earlier run as it was. Then a journal
    naming the staged files is written atomically and the files are renamed
    into place; a run killed during the renames is finished by
    :func:`finish_commit`. Without a ``manifest`` an earlier one is removed (the
    next run then reads every file). Returns the flat table files.
    """
    def stage(staging: Path) -> list[str]:
        names: list[str] = []
        for name, frame in tables.items():
            for path, write in _writers(frame, staging, name):
                _write_synced(path, write)
                names.append(path.name)
        _build_datasets(tables, staging / DATASETS)
        if manifest is None:
            return names
        manifest.tables = {name: file_sha256(staging / name) or "" for name in sorted(names)}
        text = manifest.to_json()
        _write_synced(staging / MANIFEST_NAME, lambda path: Path(path).write_text(text, encoding="utf-8"))
        return [*names, MANIFEST_NAME]

    out_dir = Path(out_dir)
    files = _commit(out_dir, stage, remove=[] if manifest is not None else [MANIFEST_NAME])
    return [out_dir / name for name in files if name != MANIFEST_NAME]


def _commit(out_dir: Path, stage: Callable[[Path], list[str]], remove: list[str]) -> list[str]:
    """Run ``stage(staging)`` (it writes files into the new folder ``staging`` and returns their names; a
    ``datasets`` folder in it needs no name), then commit: a journal, the renames, ``remove`` unlinked."""
    out_dir.mkdir(parents=True, exist_ok=True)
    finish_commit(out_dir)
    remove_stale_temps(out_dir)
    check_datasets_are_ours(out_dir)
    staging = _temp_path(out_dir, "run")
    staging.mkdir()
    try:
        files = stage(staging)
        _fsync_dir(staging)
        journal = {"pid": os.getpid(), "staging": staging.name, "files": files, "remove": remove}
        text = json.dumps(journal, indent=1) + "\n"
        atomic_write(out_dir / JOURNAL_NAME, lambda temp: Path(temp).write_text(text, encoding="utf-8"))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _apply(out_dir, journal)
    return files


def finish_commit(out_dir: str | os.PathLike) -> bool:
    """Finish the renames of a run killed while committing (its journal is still there); True if one was.

    A journal whose writer still runs is left alone: that run is committing now.
    """
    out_dir = Path(out_dir)
    journal = _journal(out_dir)
    if journal is None:
        return False
    pid = journal.get("pid")
    if isinstance(pid, int) and pid != os.getpid() and _running(pid):
        return False
    _apply(out_dir, journal)
    return True


def _journal(out_dir: Path) -> dict | None:
    try:
        journal = json.loads((out_dir / JOURNAL_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(journal, dict) or not isinstance(journal.get("staging"), str):
        return None
    return journal


def _apply(out_dir: Path, journal: dict) -> None:
    """The renames of a commit; each step is skipped when done, so a killed commit can be run again."""
    staging = out_dir / journal["staging"]
    for name in journal.get("files", []):
        if (staging / name).exists():
            os.replace(staging / name, out_dir / name)
    for name in journal.get("remove", []):
        (out_dir / name).unlink(missing_ok=True)
    new, old, target = staging / DATASETS, staging / f"{DATASETS}.old", out_dir / DATASETS
    if new.exists():
        if target.exists() and not old.exists():
            os.replace(target, old)
        os.replace(new, target)
    _fsync_dir(out_dir)
    (out_dir / JOURNAL_NAME).unlink(missing_ok=True)
    _fsync_dir(out_dir)
    shutil.rmtree(staging, ignore_errors=True)


def problems(out_dir: str | os.PathLike) -> list[str]:
    """What keeps ``out_dir`` from holding one whole run (empty when it does): a table file that is not
    the one its manifest certifies, a dataset whose row count differs from its flat table's, an unfinished
    commit."""
    out_dir = Path(out_dir)
    found: list[str] = []
    if (out_dir / JOURNAL_NAME).exists():
        found.append("an unfinished commit")
    manifest = read_manifest(out_dir)
    if manifest is not None:
        found += [f"{name} is not the file the manifest certifies" for name, digest in manifest.tables.items()
                  if file_sha256(out_dir / name) != digest]
    for path in sorted((out_dir / DATASETS).glob("*/")):
        flat = out_dir / f"{path.name}.parquet"
        if path.is_dir() and flat.exists():
            rows = read_dataset(out_dir, path.name).drop(columns=[PARTITION_COLUMN])
            if len(rows) != len(pd.read_parquet(flat)):
                found.append(f"datasets/{path.name} does not hold the rows of {flat.name}")
    return found
