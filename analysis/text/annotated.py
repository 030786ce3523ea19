"""The annotated document: a document read once into what every extractor reads.

:func:`annotate` turns a :class:`~analysis.text.corpus.Document` into an
:class:`AnnotatedDocument`: its parts (headline, publication date, dateline,
sentences with offsets) and its mentions with offsets (organisations;
persons with title and affiliation, including the body and country of the
delegation they lead; places and drugs per sentence). Every extractor in
:mod:`analysis.extract` is a function of it alone (and of the rows of the
extractors before it), with one signature::

    def extract_visits(doc: AnnotatedDocument, earlier: Mapping[str, list] = NOTHING) -> list[VisitRow]

:func:`annotate_text` reads a bare passage (a test case, a notebook cell)
the same way, with the publication date and dateline given.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from types import MappingProxyType

from analysis.text.corpus import Document
from analysis.text.dates import to_date
from analysis.text.gazetteer import Match, find_drugs, find_places
from analysis.text.metadata import DocumentFacts, describe, organizations_in
from analysis.text.persons import Person, assign_delegations, find_persons
from analysis.text.sentences import Sentence, split_sentences

NOTHING: Mapping[str, list] = MappingProxyType({})
"""The rows before an extractor when it is called alone: none."""


@dataclass(frozen=True, eq=False)
class AnnotatedDocument:
    """One document as the extractors read it. Offsets are into ``text``."""

    facts: DocumentFacts
    """The ``documents`` table row: title, publication date as written, publisher, dateline."""
    text: str
    published: dt.date | None
    """The publication date, which resolves "on Monday", "last week", "tomorrow"."""
    dateline: tuple[str, str]
    """(city, ISO3) of the dateline ("LYON, France –"), ("", "") when there is none."""
    sentences: tuple[Sentence, ...]
    persons: tuple[Person, ...]
    """Persons named, each with title, body and country as far as the text says."""

    @property
    def doc_id(self) -> str:
        return self.facts.doc_id

    @cached_property
    def organizations(self) -> tuple[tuple[int, int, str, str], ...]:
        """(start, end, surface, canonical) of every known organisation named."""
        return tuple(organizations_in(self.text))

    @cached_property
    def places(self) -> tuple[tuple[Match, ...], ...]:
        """Places and countries named in each sentence (offsets inside the sentence), one tuple per
        sentence; a place word inside a person's name is the name ("Minister Nancy Faeser", "Jordan Smith")."""
        names = sorted(span for person in self.persons for span in person.spans)
        return tuple(tuple(place for place in find_places(sentence.text)
                           if not _inside(names, sentence.start + place.start, sentence.start + place.end))
                     for sentence in self.sentences)

    def places_in(self, sentence: Sentence) -> list[Match]:
        """The places of one of the document's sentences (see :attr:`places`)."""
        return list(self.places[self._sentence_index[sentence.start]])

    @cached_property
    def _sentence_index(self) -> dict[int, int]:
        return {sentence.start: index for index, sentence in enumerate(self.sentences)}

    @cached_property
    def drugs(self) -> tuple[tuple[Match, ...], ...]:
        """Drugs named in each sentence (offsets inside the sentence), one tuple per sentence."""
        return tuple(tuple(find_drugs(sentence.text)) for sentence in self.sentences)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the sorted ``spans``."""
    at = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= start and end <= spans[at][1]


def annotate(document: Document) -> AnnotatedDocument:
    """Read ``document`` once: its facts, sentences and persons (with the delegations they lead)."""
    facts = describe(document)
    return _annotated(facts, document.text, to_date(facts.published), (facts.dateline_city, facts.dateline_country))


def annotate_text(text: str, published: dt.date | None = None, dateline: tuple[str, str] = ("", ""),
                  doc_id: str = "d") -> AnnotatedDocument:
    """A bare passage read as the body of a document published on ``published`` under ``dateline``.

    >>> doc = annotate_text("Customs seized 20 kg of heroin in Karachi.", dt.date(2024, 5, 1))
    >>> [s.text for s in doc.sentences], doc.published
    (['Customs seized 20 kg of heroin in Karachi.'], datetime.date(2024, 5, 1))
    """
    facts = replace(describe(Document(doc_id=doc_id, path="", text=text)),
                    published=published.isoformat() if published else "",
                    dateline_city=dateline[0], dateline_country=dateline[1])
    return _annotated(facts, text, published, dateline)


def _annotated(facts: DocumentFacts, text: str, published: dt.date | None,
               dateline: tuple[str, str]) -> AnnotatedDocument:
    sentences = split_sentences(text)
    persons = find_persons(text)
    assign_delegations(sentences, persons)  # "a delegation of the State Border Service, led by General X"
    return AnnotatedDocument(facts=facts, text=text, published=published, dateline=dateline,
                             sentences=tuple(sentences), persons=tuple(persons))
