"""The Dask engine: the same tables as :func:`analysis.pipeline.extract`, on a Dask cluster.

``extract_with_dask(paths, workers=2)`` starts a ``LocalCluster`` (one
single-threaded worker process per core asked for) and closes it afterwards;
``extract_with_dask(paths, scheduler="tcp://host:8786")`` uses a cluster
that already runs and leaves it running.

How the work is split
---------------------
1. The client lists the files (:func:`analysis.corpus.iter_paths`: cheap,
   no file is opened) and cuts the list into batches of consecutive files.
2. Each batch is one task: the worker reads its files itself
   (:func:`analysis.corpus.read_file`) and runs the pure per-document step
   :func:`analysis.pipeline.extract_document`. Only file names go to the
   workers and only table rows come back; document texts never pass through
   the scheduler. Workers therefore need the ``analysis`` package installed
   and must see the files under the same absolute paths (a shared file
   system on a multi-machine cluster).
3. The client takes the batches' rows back in corpus order as they finish,
   gives every document the id the local engine would give it (a second
   file with the same stem becomes ``stem~2``), and builds the validated
   tables with :func:`analysis.pipeline.tables_from_rows`.

So the tables, their row order and the ``skipped`` table are identical to
the local engine's (``tests/test_dask_engine.py`` checks this). Dask is an
optional dependency: ``pip install -e '.[dask]'``.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from analysis.corpus import DEFAULT_MAX_BYTES, Skipped, iter_paths, read_file
from analysis.pipeline import TABLE_NAMES, DocumentIds, Tables, extract_document, tables_from_rows

MAX_BATCH = 256
"""At most this many files per task: small enough for an even spread and a live progress bar."""

TASKS_PER_WORKER = 4
"""Aim for about this many tasks per worker thread (fewer, larger tasks cost less overhead)."""

# One file's outcome as it travels back from a worker:
#   ("skipped", path, reason)  or  ("document", doc_id, rows by table name)
_Outcome = tuple


def extract_with_dask(
    paths: str | os.PathLike | Iterable[str | os.PathLike] = "seeds",
    *,
    workers: int = 2,
    scheduler: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_skip: Callable[[Skipped], None] | None = None,
    progress: bool | None = None,
    batch_size: int | None = None,
) -> Tables:
    """Read every document under ``paths`` on a Dask cluster and return all tables.

    ``workers`` single-threaded worker processes run on a ``LocalCluster``
    that lives for this call only; with ``scheduler`` (an address such as
    ``"tcp://10.0.0.5:8786"``) the existing cluster is used instead and
    ``workers`` is ignored. ``batch_size`` files make one task (default:
    about four tasks per worker thread, at most :data:`MAX_BATCH` files).
    ``max_bytes``, ``on_skip`` and ``progress`` mean what they mean for
    :func:`analysis.pipeline.extract`; the result is equal to its result.

    Worker processes are spawned and import the caller's main module, so a
    script must call this under ``if __name__ == "__main__":`` (as with any
    Dask ``LocalCluster``); notebooks and ``python -m analysis`` need nothing.

    >>> tables = extract_with_dask("seeds", workers=2)   # doctest: +SKIP
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise ImportError("the Dask engine needs Dask: pip install -e '.[dask]'") from error

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    items = list(iter_paths(paths))  # Path or Skipped, in the local engine's order
    if scheduler is None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")

    if scheduler is not None:
        with Client(scheduler, set_as_default=False) as client:
            return _run(client, items, max_bytes, on_skip, progress, batch_size)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, \
            Client(cluster, set_as_default=False) as client:
        return _run(client, items, max_bytes, on_skip, progress, batch_size)


def _run(client, items: list[Path | Skipped], max_bytes: int,
         on_skip: Callable[[Skipped], None] | None, progress: bool | None,
         batch_size: int | None) -> Tables:
    """Submit the batches, merge their rows in corpus order, build the tables."""
    from distributed import as_completed

    files = [(str(item), str(Path(item).absolute())) for item in items if not isinstance(item, Skipped)]
    if batch_size is None:
        threads = max(1, sum(client.nthreads().values()))
        batch_size = min(MAX_BATCH, max(1, math.ceil(len(files) / (TASKS_PER_WORKER * threads))))
    batches = [files[i:i + batch_size] for i in range(0, len(files), batch_size)]
    futures = client.map(_extract_batch, batches, max_bytes=max_bytes, pure=False) if batches else []

    merger = _Merger(on_skip)
    bar = _progress_bar(progress, len(files))
    done: dict[int, list[list[_Outcome]]] = {}
    index_of = {future.key: index for index, future in enumerate(futures)}
    next_batch = 0
    pending = iter(items)

    def flush_until_file() -> Path | None:
        """Merge the discovery skips that come before the next file; return that file."""
        for item in pending:
            if isinstance(item, Skipped):
                merger.skipped(item.path, item.reason)
            else:
                return item
        return None

    try:
        for future, outcomes in as_completed(futures, with_results=True, loop=client.loop):
            done[index_of[future.key]] = outcomes
            future.release()
            if bar is not None:
                bar.update(len(outcomes))
            while next_batch in done:  # merge every batch whose predecessors are in
                for file_outcomes in done.pop(next_batch):
                    flush_until_file()
                    for outcome in file_outcomes:
                        merger.add(outcome)
                next_batch += 1
        flush_until_file()  # discovery skips after the last file
    finally:
        if bar is not None:
            bar.close()
    return tables_from_rows(merger.rows)


class _Merger:
    """Collects the rows in corpus order and gives documents the local engine's ids."""

    def __init__(self, on_skip: Callable[[Skipped], None] | None) -> None:
        self.rows: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}
        self.ids = DocumentIds()
        self.on_skip = on_skip

    def skipped(self, path: str, reason: str) -> None:
        self.rows["skipped"].append({"path": path, "reason": reason})
        if self.on_skip:
            self.on_skip(Skipped(path, reason))

    def add(self, outcome: _Outcome) -> None:
        if outcome[0] == "skipped":
            self.skipped(outcome[1], outcome[2])
            return
        _, doc_id, table_rows = outcome
        new_id = self.ids.assign(doc_id)  # exactly as pipeline.extract: two files with one stem
        for name, rows in table_rows.items():
            if new_id != doc_id:
                for row in rows:
                    if row.get("doc_id") == doc_id:
                        row["doc_id"] = new_id
            self.rows[name].extend(rows)


def _extract_batch(files: list[tuple[str, str]], max_bytes: int = DEFAULT_MAX_BYTES) -> list[list[_Outcome]]:
    """Runs on a worker: read and extract each ``(shown path, absolute path)``; one list per file.

    Paths in the rows are the shown (as listed) paths, so that they match
    the local engine's even though the worker opened the absolute path.
    """
    results: list[list[_Outcome]] = []
    for shown, absolute in files:
        outcomes: list[_Outcome] = []
        for item in read_file(Path(absolute), max_bytes=max_bytes):
            if isinstance(item, Skipped):
                outcomes.append(("skipped", _shown_path(item.path, shown, absolute), item.reason))
                continue
            item.path = _shown_path(item.path, shown, absolute)
            outcomes.append(("document", item.doc_id, extract_document(item)))
        results.append(outcomes)
    return results


def _shown_path(path: str, shown: str, absolute: str) -> str:
    """``path`` with its absolute prefix put back as listed ("/abs/a.jsonl:3" -> "a.jsonl:3")."""
    return shown + path[len(absolute):] if path.startswith(absolute) else path


def _progress_bar(progress: bool | None, total: int):
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="extracting (dask)", unit="file")
