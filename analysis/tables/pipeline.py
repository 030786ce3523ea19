"""From a corpus to tables: the one place where extractors are put together.

``extract(paths)`` reads documents one at a time (memory grows with the
output tables, not the corpus), runs every extractor on each and returns a
:class:`Tables` object of validated pandas DataFrames. ``extract_document``
is the pure per-document step, which the Dask engine maps over partitions.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from operator import attrgetter
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from analysis.extract.counts import extract_counts
from analysis.extract.documents import extract_documents
from analysis.extract.meetings import extract_meetings
from analysis.extract.mentions import extract_mentions
from analysis.extract.seizures import extract_seizures
from analysis.extract.visits import extract_visits
from analysis.tables.manifest import FileRecord, Manifest, Previous, file_sha256, fingerprint
from analysis.tables.schema import SCHEMAS, empty_frame, validate
from analysis.text.annotated import AnnotatedDocument, annotate
from analysis.text.corpus import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    Document,
    Skipped,
    iter_paths,
    read_file,
    shown_path,
    writable,
)
from analysis.text.dates import reading_document
from analysis.text.lexicons import clear_reading_caches

Extractor = Callable[[AnnotatedDocument, Mapping[str, list]], list]
"""An extractor: the annotated document and the rows of the extractors before it -> its table's rows."""

EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("documents", extract_documents),
    ("seizures", extract_seizures),
    ("visits", extract_visits),
    ("meetings", extract_meetings),
    ("counts", extract_counts),  # after seizures, whose amounts are not counts again
    ("mentions", extract_mentions),
)
"""The extractors in the order they run, each with the table it fills."""

TABLE_NAMES = ("documents", "seizures", "visits", "meetings", "counts", "mentions", "skipped")


@dataclass
class Tables:
    """The output tables of one extraction, each a pandas DataFrame."""

    documents: pd.DataFrame
    seizures: pd.DataFrame
    visits: pd.DataFrame
    meetings: pd.DataFrame
    counts: pd.DataFrame
    mentions: pd.DataFrame
    skipped: pd.DataFrame = field(default_factory=lambda: empty_frame("skipped"))
    manifest: Manifest | None = field(default=None, repr=False, compare=False)
    """The files read and what each gave (set by :func:`extract`; used for incremental runs)."""

    def as_dict(self) -> dict[str, pd.DataFrame]:
        """Table name -> DataFrame, in the documented order."""
        return {name: getattr(self, name) for name in TABLE_NAMES}

    def summary(self) -> list[str]:
        """One line per table: its name and row count."""
        return [f"{name}: {len(frame):,} rows" for name, frame in self.as_dict().items()]

    def __repr__(self) -> str:
        return "Tables(" + ", ".join(f"{n}={len(f)}" for n, f in self.as_dict().items()) + ")"


def clear_caches() -> None:
    """Forget the memoised sentence and word readings (dates, quantities, places, name words);
    for benchmarks, which then read the same texts as a new corpus, and for long runs."""
    clear_reading_caches()


def extract_document(document: Document) -> dict[str, list[dict]]:
    """Rows of every table for one document (pure: no I/O): it is annotated once
    (:func:`analysis.text.annotated.annotate`), then each of :data:`EXTRACTORS` reads it in turn."""
    with reading_document(document.text):  # "05/03/2022" is read in the document's order of numeric dates
        doc = annotate(document)
        rows: dict[str, list] = {}
        for table, extractor in EXTRACTORS:
            rows[table] = extractor(doc, MappingProxyType(rows))
    return {table: _as_dicts(found) for table, found in rows.items()}


def _as_dicts(rows: list) -> list[dict]:
    """Rows (dataclasses) as dictionaries.

    ``asdict`` deep-copies each value; for the scalars rows hold (str, int, float, None)
    the copy is the same object, so reading the fields gives the same dictionaries,
    several times faster. A row holding anything else still goes through ``asdict``.
    """
    if not rows:
        return []
    names = tuple(f.name for f in fields(rows[0]))
    values_of = attrgetter(*names)  # one call for all the fields (a tuple when there are several)
    kind = type(rows[0])
    dicts = []
    for row in rows:
        values = values_of(row) if len(names) > 1 else (values_of(row),)
        scalar = type(row) is kind and _SCALARS.issuperset(map(type, values))
        dicts.append(dict(zip(names, values, strict=True)) if scalar else asdict(row))
    return dicts


_SCALARS = frozenset((str, float, int, type(None)))


def extract(
    paths: str | os.PathLike | Iterable[str | os.PathLike] = "seeds",
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    previous: Previous | None = None,
) -> Tables:
    """Read every document under ``paths`` and return all tables.

    ``paths`` is a file, a folder (read recursively) or a list of them.
    When none of them exists, :class:`FileNotFoundError` is raised, naming
    them (see :func:`check_paths`); otherwise unreadable files, and a missing
    path among others, become rows of ``tables.skipped`` (and calls to
    ``on_skip``) instead of errors. ``progress`` shows a progress bar;
    by default only on a terminal outside CI (:func:`default_progress`). With ``previous``
    (an earlier run, see :mod:`analysis.tables.manifest`) files whose content is
    unchanged are not read again: their earlier rows are reused. The
    result's ``manifest`` records every file for the next run.

    >>> tables = extract("seeds")            # doctest: +SKIP
    >>> tables.seizures[["drug", "quantity_kg"]]  # doctest: +SKIP
    """
    paths = check_paths(paths)
    assembly = Assembly(previous, on_skip, max_bytes)
    listing = iter_paths(paths)
    if progress is None:
        progress = default_progress()
    if progress:
        from tqdm import tqdm

        listing = tqdm(listing, desc="extracting", unit="file")

    with _rows_kept_out_of_gc() as keep_out:
        for item in listing:
            if isinstance(item, Skipped):  # a path that does not exist, a symlink loop ...
                assembly.skip(item.path, item.reason)
                continue
            digest = file_sha256(item, max_bytes)  # size checked before any byte is hashed
            if assembly.duplicate(item, digest):
                continue
            if not assembly.reuse(item, digest):
                assembly.add_file(item, digest, extract_file(item, max_bytes))
            keep_out()
    return assembly.tables()


def check_paths(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> list[str | os.PathLike]:
    """``paths`` as a list, after checking that there is something to read.

    Raises :class:`FileNotFoundError` when no path is given, a path is the
    empty string (which would read the current folder: a parameter left
    empty) or none of the paths exists, naming them: ``extract("no/such/folder")``
    is a mistake, not an empty corpus. One missing path among others that
    exist is not an error here; the run reports it as a skipped input.
    """
    listed = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    if not listed:
        raise FileNotFoundError("no corpus given: name a file or folder of documents")
    if any(not os.fspath(path) for path in listed):
        raise FileNotFoundError("the corpus path is empty: name a file or folder of documents")
    if not any(os.path.lexists(path) for path in listed):
        shown = ", ".join(shown_path(os.fspath(path)) for path in listed)
        raise FileNotFoundError(f"{shown}: no such file or folder")
    return listed


def default_progress() -> bool:
    """Whether to show progress bars when not told: on a terminal, and not in CI (``CI`` set, as CI services do)."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def resolve_corpus(corpus: str | os.PathLike, base: str | os.PathLike | None = None) -> Path:
    """Where a corpus named by a notebook parameter or an option is, as an absolute path.

    An absolute path is kept. A relative one is looked up, in this order, in
    ``base`` (the caller's folder, when a program passes it), the current
    folder, the project root (the folder holding ``notebooks/``) and
    ``notebooks/`` itself; the first place where it exists wins. So
    ``corpus="seeds"`` and ``corpus="../seeds"`` (the notebooks' own
    default, relative to ``notebooks/``) both find the project's seeds,
    whether the kernel runs in the project root, in ``notebooks/`` or in a
    temporary folder. Raises :class:`FileNotFoundError` naming the places
    tried when it is in none, and for an empty ``corpus``.
    """
    if not os.fspath(corpus).strip():
        raise FileNotFoundError("the corpus parameter is empty: give a folder or file of documents")
    path = Path(corpus).expanduser()
    if path.is_absolute():
        if not os.path.lexists(path):
            raise FileNotFoundError(f"{shown_path(str(path))}: no such file or folder")
        return path
    bases = [Path(base)] if base else []
    bases += [Path.cwd(), PROJECT_ROOT, PROJECT_ROOT / "notebooks"]
    tried = []
    for folder in bases:
        candidate = (folder / path).resolve() if folder.is_absolute() else (Path.cwd() / folder / path).resolve()
        if candidate not in tried:
            tried.append(candidate)
    existing = [candidate for candidate in tried if os.path.lexists(candidate)]
    # a place that holds documents beats one that merely exists: "../seeds" from a clone's root may name
    # a folder of tables beside it, while the notebooks' "../seeds" is the project's corpus
    for candidate in existing:
        if _holds_documents(candidate):
            return candidate
    if existing:
        return existing[0]
    raise FileNotFoundError(f"{shown_path(str(corpus))}: no such file or folder (looked in "
                            + ", ".join(shown_path(str(place)) for place in tried) + ")")


def _holds_documents(path: Path, limit: int = 2000) -> bool:
    """Whether ``path`` is a readable document or a folder with one among its first ``limit`` entries."""
    if path.is_file():
        return path.suffix.lower() in SUPPORTED_SUFFIXES
    seen = 0
    for _, _, files in os.walk(path):
        for name in files:
            if Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                return True
            seen += 1
            if seen >= limit:
                return False
    return False


PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The folder holding the package (a source checkout: the one with ``notebooks/`` and ``seeds/``)."""


def extract_file(path, max_bytes: int = DEFAULT_MAX_BYTES,
                 shown: str | None = None) -> Iterator[Skipped | tuple[str, dict[str, list[dict]]]]:
    """What one file gives, document by document: a :class:`Skipped` record, or the
    document's own id and its rows by table (:func:`extract_document`).

    ``shown`` is the path as the user listed it, when ``path`` is another name for the
    same file (a Dask worker opens the absolute path); the rows and skips then name
    ``shown``, as the local engine's do.
    """
    for document in read_file(path, max_bytes=max_bytes):
        if isinstance(document, Skipped):
            yield document if shown is None else Skipped(_shown_path(document.path, shown, str(path)), document.reason)
            continue
        if shown is not None:
            document.path = _shown_path(document.path, shown, str(path))
        try:
            rows = extract_document(document)
        except Exception as error:  # one document must never cost the corpus: it becomes a skipped row
            message = " ".join(str(error).split())[:200]
            yield Skipped(document.path, f"extractor failed ({type(error).__name__}: {message})" if message
                          else f"extractor failed ({type(error).__name__})")
            continue
        yield document.doc_id, rows


def _shown_path(path: str, shown: str, opened: str) -> str:
    """``path`` with the prefix ``opened`` put back as listed ("/abs/a.jsonl:3" -> "a.jsonl:3")."""
    return shown + path[len(opened):] if path.startswith(opened) else path


class Assembly:
    """The tables being built, file by file in corpus order, by either engine.

    Each file's documents get their ids here (:class:`DocumentIds`), their rows
    are collected, and the file is recorded in the run's manifest; a file that is
    unchanged since ``previous`` gives its earlier rows instead of being read.
    """

    def __init__(self, previous: Previous | None, on_skip: Callable[[Skipped], None] | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.previous = previous
        self.on_skip = on_skip
        self.rows = _Rows(previous)
        self.ids = DocumentIds()
        self.manifest = Manifest(fingerprint(), max_bytes)
        self.first_with_content: dict[str, str] = {}  # SHA-256 -> the first file listed with that content

    def duplicate(self, path, digest: str | None) -> bool:
        """Whether an earlier file of the corpus has the same bytes as ``path`` (the same SHA-256): a copy
        saved twice ("release.pdf", "release (1).pdf") is read once, and the copy becomes a skipped row
        naming the first. Not recorded in the manifest, so a rerun decides again."""
        if digest is None:
            return False
        first = self.first_with_content.setdefault(digest, str(path))
        if first == str(path):
            return False
        self.skip(str(path), f"same content as {shown_path(first)} (identical SHA-256), read once")
        return True

    def skip(self, path: str, reason: str) -> None:
        """Record an input that could not be read."""
        self.rows.add("skipped", [{"path": writable(path), "reason": writable(reason)}])
        if self.on_skip:
            self.on_skip(Skipped(path, reason))

    def reuse(self, path, digest: str | None) -> bool:
        """Take the rows of ``path`` from the previous run when its content is unchanged; False if not."""
        record = self.previous.record(str(path), digest) if self.previous is not None else None
        if record is None:
            return False
        new_ids = [self.ids.assign(raw_id) for raw_id in record.raw_ids]  # this run's ids for them
        for old_id, new_id in zip(record.doc_ids, new_ids, strict=True):
            for name in _DOCUMENT_TABLES:
                self.rows.reuse(name, old_id, new_id)
        for skipped_path, reason in record.skipped:
            self.skip(skipped_path, reason)
        self.manifest.files[str(path)] = FileRecord(record.sha256, record.raw_ids, new_ids, record.skipped)
        return True

    def add_file(self, path, digest: str | None,
                 outcomes: Iterable[Skipped | tuple[str, dict[str, list[dict]]]]) -> None:
        """Add what one file gave (see :func:`extract_file`), giving each document its id."""
        record = FileRecord(digest or "")
        for outcome in outcomes:
            if isinstance(outcome, Skipped):
                self.skip(outcome.path, outcome.reason)
                record.skipped.append((outcome.path, outcome.reason))
                continue
            raw_id, table_rows = outcome
            doc_id = self.ids.assign(raw_id)
            record.raw_ids.append(raw_id)
            record.doc_ids.append(doc_id)
            for name, rows in table_rows.items():
                if doc_id != raw_id:  # a second file with this id: its rows carry the new one
                    rows = [{**row, "doc_id": doc_id} if row.get("doc_id") == raw_id else row for row in rows]
                self.rows.add(name, rows)
        if digest is not None:
            self.manifest.files[str(path)] = record

    def tables(self) -> Tables:
        """The validated tables, with the run's manifest."""
        tables = self.rows.tables()
        tables.manifest = self.manifest
        return tables


@contextmanager
def _rows_kept_out_of_gc(every: int = 32):
    """Yield a function to call after each file; every ``every`` calls it moves the objects made
    so far (the rows kept) out of the cyclic garbage collector's view, until the block ends.

    The rows hold no reference cycles and live until the tables are built, yet each full
    collection would walk all of them again: about a tenth of a 10,000-document run.
    Skipped when someone else has frozen objects (``gc.freeze``), which ending the block
    would unfreeze.
    """
    if gc.get_freeze_count():
        yield lambda: None
        return
    calls = 0

    def keep_out() -> None:
        nonlocal calls
        calls += 1
        if calls % every == 0:
            gc.freeze()

    try:
        yield keep_out
    finally:
        gc.unfreeze()


_DOCUMENT_TABLES = tuple(name for name in TABLE_NAMES if name != "skipped")


class _Rows:
    """Each table's rows in corpus order: new rows as dictionaries, reused ones as spans of the
    previous run's frames (joined into one span while they follow each other there)."""

    def __init__(self, previous: Previous | None) -> None:
        self.previous = previous
        self.parts: dict[str, list] = {name: [] for name in TABLE_NAMES}

    def add(self, table: str, rows: list[dict]) -> None:
        parts = self.parts[table]
        if not parts or not isinstance(parts[-1], list):
            parts.append([])
        parts[-1].extend(rows)

    def reuse(self, table: str, old_id: str, new_id: str) -> None:
        start, stop = self.previous.span(table, old_id)
        if start == stop:
            return
        parts = self.parts[table]
        if new_id != old_id:  # another file now comes first with this id: the rows carry the new one
            rows = self.previous.frames[table].iloc[start:stop].to_dict("records")
            self.add(table, [{**row, "doc_id": new_id} for row in rows])
        elif parts and isinstance(parts[-1], tuple) and parts[-1][1] == start:
            parts[-1] = (parts[-1][0], stop)
        else:
            parts.append((start, stop))

    def tables(self) -> Tables:
        """The validated tables."""
        frames = {}
        for name in TABLE_NAMES:
            pieces = [self.previous.frames[name].iloc[part[0] : part[1]] if isinstance(part, tuple)
                      else pd.DataFrame(part, columns=list(SCHEMAS[name].columns)) for part in self.parts[name]]
            if not pieces:
                frames[name] = empty_frame(name)
                continue
            frame = pieces[0] if len(pieces) == 1 else pd.concat(pieces, ignore_index=True)
            frames[name] = validate(name, frame.reset_index(drop=True)) if len(frame) else empty_frame(name)
        return Tables(**frames)


class DocumentIds:
    """Unique document ids in corpus order: a second document with the id ``x`` becomes ``x~2``.

    Ids depend only on the documents that come before in the listing, so an
    incremental run and a full run give the same ids.
    """

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}

    def assign(self, raw_id: str) -> str:
        """The id for the next document whose own id is ``raw_id``."""
        if raw_id not in self._taken:
            self._taken.add(raw_id)
            return raw_id
        number = self._next.get(raw_id, 2)
        while f"{raw_id}~{number}" in self._taken:
            number += 1
        self._next[raw_id] = number + 1
        new_id = f"{raw_id}~{number}"
        self._taken.add(new_id)
        return new_id


def tables_from_rows(rows: dict[str, list[dict]]) -> Tables:
    """Validated :class:`Tables` from lists of row dictionaries."""
    collected = _Rows(previous=None)
    for name in TABLE_NAMES:
        collected.add(name, rows.get(name, []))
    return collected.tables()
