"""Entity mentions: countries, organisations, persons, drugs and places named in a document.

One row per document and entity with its count. Countries are canonical
ISO3 codes (demonyms included: "Afghan opiates" is a mention of AFG).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from analysis.text.annotated import NOTHING, AnnotatedDocument


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One entity of one document (columns of the ``mentions`` table)."""

    doc_id: str
    entity: str  # the first surface form, "Afghan" for AFG
    entity_type: str  # country | place | organization | person | drug
    canonical: str
    count: int



def extract_mentions(doc: AnnotatedDocument, earlier: Mapping[str, list] = NOTHING) -> list[MentionRow]:
    """Mention rows of one document: one per (entity type, canonical name).

    Places, drugs, organisations and persons are the document's annotations
    (:class:`~analysis.text.annotated.AnnotatedDocument`); a surname alone
    counts for the full name.

    >>> from analysis.text.annotated import annotate_text
    >>> [(r.entity_type, r.canonical, r.count) for r in extract_mentions(annotate_text("Afghan heroin reached Iran."))]
    [('country', 'AFG', 1), ('country', 'IRN', 1), ('drug', 'heroin', 1)]
    """
    counts: Counter[tuple[str, str]] = Counter()
    surfaces: dict[tuple[str, str], str] = {}
    for match in (match for places in doc.places for match in places):
        kind = "country" if match.kind == "country" else "place"
        key = (kind, match.country if kind == "country" else match.canonical)
        counts[key] += 1
        surfaces.setdefault(key, match.text)
    for _, _, surface, canonical in doc.organizations:
        key = ("organization", canonical)
        counts[key] += 1
        surfaces.setdefault(key, surface)
    for person in doc.persons:
        key = ("person", person.name)
        counts[key] += max(1, len(person.spans))
        surfaces.setdefault(key, person.name)
    for match in (match for drugs in doc.drugs for match in drugs):
        key = ("drug", match.canonical)
        counts[key] += 1
        surfaces.setdefault(key, match.text)
    return [MentionRow(doc.doc_id, surfaces[key], key[0], key[1], count) for key, count in sorted(counts.items())]
