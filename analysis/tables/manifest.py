"""Incremental runs: which files an output folder was built from, and what each gave.

``python -m analysis extract CORPUS --out DIR`` leaves ``DIR/manifest.json``
beside the tables. It records the extractor's fingerprint (a hash of the
``analysis`` package's code and data files), the size limit, and for every
file read: its SHA-256, the ids of the documents it gave and its skip
records. A rerun into the same folder reuses the rows of every file whose
content hash is unchanged and extracts only new or changed files; files no
longer in the corpus drop out. The tables equal those of a full run
(``tests/test_incremental.py`` checks byte-identical CSVs), because the
per-document step is pure and rows are reassembled in corpus order, with
document ids given again in that order.

A manifest is not trusted (the run is full) when it is missing, unreadable,
from another extractor version or from another ``--max-bytes``, or when the
table files beside it are not the ones written with it (a run killed after
replacing the tables but before replacing the manifest).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1


@dataclass
class FileRecord:
    """What one file gave: its content hash, documents (ids as read and as given) and skips."""

    sha256: str
    raw_ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Manifest:
    """The files an output folder was built from (path as listed -> :class:`FileRecord`)."""

    fingerprint: str
    max_bytes: int
    files: dict[str, FileRecord] = field(default_factory=dict)
    tables: dict[str, str] = field(default_factory=dict)
    """SHA-256 of each table file written with this manifest: a kill between writing the tables and
    the manifest leaves tables that do not match, and the next run is then a full one."""

    def to_json(self) -> str:
        """The manifest as JSON text (stable key order, so reruns write the same bytes)."""
        payload = {"version": MANIFEST_VERSION, "fingerprint": self.fingerprint, "max_bytes": self.max_bytes,
                   "files": {path: asdict(record) for path, record in self.files.items()},
                   "tables": self.tables}
        return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """Parse :meth:`to_json` output; raises ``ValueError`` on anything else."""
        try:
            payload = json.loads(text)
            if payload.get("version") != MANIFEST_VERSION:
                raise ValueError(f"manifest version {payload.get('version')!r}, expected {MANIFEST_VERSION}")
            files = {
                str(path): FileRecord(sha256=str(entry["sha256"]),
                                      raw_ids=[str(i) for i in entry["raw_ids"]],
                                      doc_ids=[str(i) for i in entry["doc_ids"]],
                                      skipped=[(str(p), str(r)) for p, r in entry["skipped"]])
                for path, entry in payload["files"].items()
            }
            tables = {str(name): str(digest) for name, digest in payload["tables"].items()}
            return cls(str(payload["fingerprint"]), int(payload["max_bytes"]), files, tables)
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            raise ValueError(f"not a manifest: {error}") from error


class Previous:
    """An earlier run's manifest and tables; rows are found by document id without copying them.

    Every document's rows stand together in each table (a run appends them
    document by document), so a document is a ``[start, stop)`` span of rows.
    """

    def __init__(self, manifest: Manifest, tables: Mapping[str, pd.DataFrame]) -> None:
        self.manifest = manifest
        self.frames: dict[str, pd.DataFrame] = {}
        self.spans: dict[str, dict[str, tuple[int, int]]] = {}
        for name, frame in tables.items():
            if "doc_id" not in frame.columns:
                continue
            spans: dict[str, tuple[int, int]] = {}
            ids = frame["doc_id"].tolist()
            start = 0
            for index in range(1, len(ids) + 1):
                if index == len(ids) or ids[index] != ids[start]:
                    if ids[start] in spans:  # not one run: rows of a document apart (a hand-edited table)
                        spans = {}
                        break
                    spans[ids[start]] = (start, index)
                    start = index
            self.frames[name] = frame.reset_index(drop=True)
            self.spans[name] = spans

    def record(self, path: str, sha256: str | None) -> FileRecord | None:
        """The earlier record of ``path`` if its content is unchanged, else ``None``."""
        record = self.manifest.files.get(path)
        if record is None or sha256 is None or record.sha256 != sha256:
            return None
        if not all(doc_id in self.spans.get("documents", {}) for doc_id in record.doc_ids):
            return None  # the tables lost a document the manifest promises: extract again
        return record

    def span(self, table: str, doc_id: str) -> tuple[int, int]:
        """The rows of ``doc_id`` in ``table`` as ``[start, stop)`` (empty when it has none)."""
        return self.spans.get(table, {}).get(doc_id, (0, 0))


def is_usable(manifest: Manifest | None, max_bytes: int) -> bool:
    """Whether rows built under ``manifest`` may be reused by this extractor with this size limit."""
    return manifest is not None and manifest.fingerprint == fingerprint() and manifest.max_bytes == max_bytes


def file_sha256(path: str | Path, max_bytes: int | None = None) -> str | None:
    """SHA-256 of a file's bytes, or ``None`` when it cannot be read (the reader reports why).

    With ``max_bytes``, a file over the limit is not hashed: ``None`` as soon as its
    reported size, or the bytes read when the size lies (/proc), pass the limit, so a
    4 GiB file costs a ``stat``, not a read, before the reader skips it.
    """
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer (the reader then skips it)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or (max_bytes is not None and info.st_size > max_bytes):
            return None
        try:
            if max_bytes is None:
                return hashlib.file_digest(handle, "sha256").hexdigest()
            digest, read = hashlib.sha256(), 0
            while chunk := handle.read(min(1 << 20, max_bytes + 1 - read)):
                digest.update(chunk)
                read += len(chunk)
                if read > max_bytes:
                    return None
            return digest.hexdigest()
        except OSError:
            return None


@cache
def fingerprint() -> str:
    """A hash of the ``analysis`` package's code and lexicons: any change to them forces a full run."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted([*package.rglob("*.py"), *package.glob("data/*")]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
