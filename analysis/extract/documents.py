"""The ``documents`` table: one row per document, its facts as read by :mod:`analysis.text.metadata`."""

from __future__ import annotations

from collections.abc import Mapping

from analysis.text.annotated import NOTHING, AnnotatedDocument
from analysis.text.metadata import DocumentFacts


def extract_documents(doc: AnnotatedDocument, earlier: Mapping[str, list] = NOTHING) -> list[DocumentFacts]:
    """The document's own row: title, publication date, publisher, dateline, size."""
    return [doc.facts]
