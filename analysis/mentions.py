"""Entity mentions: countries, organisations, persons, drugs and places named in a document.

One row per document and entity with its count. Countries are canonical
ISO3 codes (demonyms included: "Afghan opiates" is a mention of AFG).
"""

from __future__ import annotations

from collections import Counter

from analysis.gazetteer import find_drugs, find_places
from analysis.metadata import organizations_in
from analysis.persons import Person, find_persons
from analysis.sentences import Sentence, split_sentences

MENTION_COLUMNS = ["doc_id", "entity", "entity_type", "canonical", "count"]


def extract_mentions(doc_id: str, text: str, people: list[Person] | None = None,
                     sentences: list[Sentence] | None = None) -> list[dict]:
    """Mention rows of one document: one per (entity type, canonical name).

    Persons are those :func:`analysis.persons.find_persons` finds (pass
    ``people`` when already computed); a surname alone counts for the full name.
    Places and drugs are read sentence by sentence (a name never spans two), whose
    readings the other extractors have already made and memoised.
    """
    counts: Counter[tuple[str, str]] = Counter()
    surfaces: dict[tuple[str, str], str] = {}
    sentences = sentences if sentences is not None else split_sentences(text)
    for match in (match for sentence in sentences for match in find_places(sentence.text)):
        kind = "country" if match.kind == "country" else "place"
        key = (kind, match.country if kind == "country" else match.canonical)
        counts[key] += 1
        surfaces.setdefault(key, match.text)
    for _, _, surface, canonical in organizations_in(text):
        key = ("organization", canonical)
        counts[key] += 1
        surfaces.setdefault(key, surface)
    for person in people if people is not None else find_persons(text):
        key = ("person", person.name)
        counts[key] += max(1, len(person.spans))
        surfaces.setdefault(key, person.name)
    for match in (match for sentence in sentences for match in find_drugs(sentence.text)):
        key = ("drug", match.canonical)
        counts[key] += 1
        surfaces.setdefault(key, match.text)
    return [
        {"doc_id": doc_id, "entity": surfaces[key], "entity_type": key[0],
         "canonical": key[1], "count": count}
        for key, count in sorted(counts.items())
    ]
