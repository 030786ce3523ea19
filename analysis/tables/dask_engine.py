"""The Dask engine: the same tables as :func:`analysis.tables.pipeline.extract`, on a Dask cluster.

``extract_with_dask(paths, workers=2)`` starts a ``LocalCluster`` (one
single-threaded worker process per core asked for) and closes it afterwards;
``extract_with_dask(paths, scheduler="tcp://host:8786")`` uses a cluster
that already runs and leaves it running.

How the work is split
---------------------
1. The client lists the files (:func:`analysis.text.corpus.iter_paths`) and
   hashes each (:func:`analysis.tables.manifest.file_sha256`). With a previous run
   (``previous``), files whose content is unchanged keep their earlier rows
   and are not sent; the others are cut into batches of consecutive files.
2. Each batch is one task: the worker reads its files itself
   (:func:`analysis.text.corpus.read_file`) and runs the pure per-document step
   :func:`analysis.tables.pipeline.extract_document`. Only file names go to the
   workers and only table rows come back; document texts never pass through
   the scheduler. Workers therefore need the ``analysis`` package installed
   and must see the files under the same absolute paths (a shared file
   system on a multi-machine cluster).
3. The client takes the batches' rows back as they finish and assembles
   every file in corpus order with the local engine's own
   :class:`analysis.tables.pipeline.Assembly`: the same document ids (a second file
   with the same stem becomes ``stem~2``), the same validated tables and
   the same manifest for the next incremental run.

So the tables, their row order and the ``skipped`` table are identical to
the local engine's (``tests/test_dask_engine.py`` checks this). Dask is an
optional dependency: ``pip install -e '.[dask]'``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from analysis.tables.manifest import Previous, file_sha256
from analysis.tables.pipeline import Assembly, Tables, check_paths, default_progress, extract_file
from analysis.text.corpus import DEFAULT_MAX_BYTES, Skipped, iter_paths

MAX_BATCH = 256
"""At most this many files per task: small enough for an even spread and a live progress bar."""

TASKS_PER_WORKER = 4
"""Aim for about this many tasks per worker thread (fewer, larger tasks cost less overhead)."""

def extract_with_dask(
    paths: str | os.PathLike | Iterable[str | os.PathLike] = "seeds",
    *,
    workers: int = 2,
    scheduler: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_skip: Callable[[Skipped], None] | None = None,
    progress: bool | None = None,
    batch_size: int | None = None,
    previous: Previous | None = None,
) -> Tables:
    """Read every document under ``paths`` on a Dask cluster and return all tables.

    ``workers`` single-threaded worker processes run on a ``LocalCluster``
    that lives for this call only; with ``scheduler`` (an address such as
    ``"tcp://10.0.0.5:8786"``) the existing cluster is used instead and
    ``workers`` is ignored. ``batch_size`` files make one task (default:
    about four tasks per worker thread, at most :data:`MAX_BATCH` files).
    ``max_bytes``, ``on_skip``, ``progress`` and ``previous`` mean what they
    mean for :func:`analysis.tables.pipeline.extract`; the result (its manifest too)
    is equal to its result. Files unchanged since ``previous`` are not sent to
    the cluster.

    Worker processes are spawned and import the caller's main module, so a
    script must call this under ``if __name__ == "__main__":`` (as with any
    Dask ``LocalCluster``); notebooks and ``python -m analysis`` need nothing.

    >>> tables = extract_with_dask("seeds", workers=2)   # doctest: +SKIP
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise ImportError("the Dask engine needs Dask: pip install -e '.[dask]'") from error

    paths = check_paths(paths)  # FileNotFoundError when none exists, as the local engine
    if scheduler is None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    assembly = Assembly(previous, on_skip, max_bytes)
    plan = [(item, None if isinstance(item, Skipped) else file_sha256(item, max_bytes))  # in the local engine's order
            for item in iter_paths(paths)]

    if scheduler is not None:
        with Client(scheduler, set_as_default=False) as client:
            return _run(client, plan, assembly, max_bytes, progress, batch_size)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, \
            Client(cluster, set_as_default=False) as client:
        return _run(client, plan, assembly, max_bytes, progress, batch_size)


def _run(client, plan: list[tuple[Path | Skipped, str | None]], assembly: Assembly, max_bytes: int,
         progress: bool | None, batch_size: int | None) -> Tables:
    """Submit the files to read in batches, assemble every item's rows in corpus order.

    ``plan`` is every listed item with its content hash (None for a skip or a file that
    cannot be hashed). Files unchanged since the previous run are not submitted."""
    from distributed import as_completed

    previous = assembly.previous
    first_with_content: dict[str, int] = {}  # a file with an earlier file's bytes is not sent (Assembly.duplicate)
    copies = {index for index, (item, digest) in enumerate(plan) if not isinstance(item, Skipped) and digest is not None
              and first_with_content.setdefault(digest, index) != index}
    to_read = [(index, str(item), str(Path(item).absolute())) for index, (item, digest) in enumerate(plan)
               if not isinstance(item, Skipped) and index not in copies
               and (previous is None or previous.record(str(item), digest) is None)]
    if batch_size is None:
        threads = max(1, sum(client.nthreads().values()))
        batch_size = min(MAX_BATCH, max(1, math.ceil(len(to_read) / (TASKS_PER_WORKER * threads))))
    batches = [to_read[i:i + batch_size] for i in range(0, len(to_read), batch_size)]
    futures = client.map(_extract_batch, batches, max_bytes=max_bytes, pure=False) if batches else []

    bar = _progress_bar(progress, len(to_read))
    read: dict[int, list] = {}  # plan index -> what the file gave, kept until its turn comes
    next_item = 0

    def assemble() -> int:
        """Assemble the items in corpus order up to the first file not back yet; return its index."""
        index = next_item
        while index < len(plan):
            item, digest = plan[index]
            if isinstance(item, Skipped):
                assembly.skip(item.path, item.reason)
            elif assembly.duplicate(item, digest):
                pass
            elif not assembly.reuse(item, digest):
                if index not in read:
                    break
                assembly.add_file(item, digest, read.pop(index))
            index += 1
        return index

    try:
        next_item = assemble()
        for future, outcomes in as_completed(futures, with_results=True, loop=client.loop):
            future.release()
            read.update(outcomes)
            if bar is not None:
                bar.update(len(outcomes))
            next_item = assemble()
    finally:
        if bar is not None:
            bar.close()
    return assembly.tables()


def _extract_batch(files: list[tuple[int, str, str]], max_bytes: int = DEFAULT_MAX_BYTES) -> list[tuple[int, list]]:
    """Runs on a worker: read and extract each ``(index, shown path, absolute path)``.

    Returns (index, what the file gave, as :func:`analysis.tables.pipeline.extract_file`
    gives it) per file. Paths in the rows are the shown (as listed) paths, so that
    they match the local engine's even though the worker opened the absolute path.
    """
    return [(index, list(extract_file(Path(absolute), max_bytes, shown=shown))) for index, shown, absolute in files]


def _progress_bar(progress: bool | None, total: int):
    if progress is None:
        progress = default_progress()
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="extracting (dask)", unit="file")
