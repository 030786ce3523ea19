"""Sentence splitting with character offsets.

A rule splitter tuned for press releases: a sentence ends at ``.``, ``!`` or
``?`` followed by space and a capital, digit or quote, and at every line
break (the corpus reader unwraps hard-wrapped text first). It does not split
after initials ("Anna K. Petrova"), abbreviations listed in
``data/abbreviations.txt`` ("Gen.", "No.", "a.m.") or dotted acronyms
("U.S."). It is a few microseconds a sentence, which matters on large corpora.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.lexicons import read_lines


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence and its ``[start, end)`` character span in the document text."""

    start: int
    end: int
    text: str


ABBREVIATIONS = frozenset(read_lines("abbreviations.txt"))

# A candidate boundary: terminal punctuation, optional closing quotes or
# brackets, then whitespace (or nothing before a capitalised word: ".He").
_BOUNDARY = re.compile(
    r"""[.!?]+["'”’»)\]]*(?:\s+(?=["'“‘«(\[]?[A-Z0-9А-ЯЁ])|(?=[A-Z][a-z]))"""
)
_LINE_BREAK = re.compile(r"\n+")
_CLOSERS = "\"'”’»)]"  # quotes and brackets that may close a sentence after its full stop
_DOTTED_ACRONYM = re.compile(r"(?:[a-z]\.)+[a-z]")


def _is_abbreviation(text_before: str) -> bool:
    """True when the period that closes ``text_before`` belongs to a token."""
    word = _word_before(text_before)
    if not word:
        return False
    token = word.lower().rstrip(".")
    if len(token) == 1 and token.isalpha():
        return True  # an initial: "K." in "Anna K. Petrova"
    if token in ABBREVIATIONS:
        return True
    # dotted acronyms such as "U.S" or "U.N" (the last period was consumed)
    return bool(_DOTTED_ACRONYM.fullmatch(token))


def _word_before(text_before: str) -> str:
    r"""The run of word characters and points that ends ``text_before``, but for closing
    quotes and brackets ("U.S." in 'the U.S."'); "" when there is none. A line holds no newline.

    The same as ``re.search(r"([\w.]+)\.?[\"'”’»)\]]*$", text_before).group(1)``, read
    backwards from the end: a search tries every position of the line.
    """
    end = len(text_before.rstrip(_CLOSERS))
    start = end
    while start and (text_before[start - 1].isalnum() or text_before[start - 1] in "._"):
        start -= 1
    return text_before[start:end]


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences whose offsets index ``text`` itself.

    >>> [s.text for s in split_sentences("Gen. A. Smith met Mr. Jones. They talked.")]
    ['Gen. A. Smith met Mr. Jones.', 'They talked.']
    """
    sentences: list[Sentence] = []
    line_start = 0
    for line_match in [*_LINE_BREAK.finditer(text), None]:
        line_end = line_match.start() if line_match else len(text)
        _split_line(text, line_start, line_end, sentences)
        if line_match:
            line_start = line_match.end()
    return sentences


def _split_line(text: str, start: int, end: int, out: list[Sentence]) -> None:
    line = text[start:end]
    piece_start = 0
    for boundary in _BOUNDARY.finditer(line):
        punct_end = boundary.start() + len(boundary.group(0).rstrip())
        if line[boundary.start()] == "." and _is_abbreviation(line[: boundary.start()]):
            continue
        _append(text, start + piece_start, start + punct_end, out)
        piece_start = boundary.end()
    _append(text, start + piece_start, end, out)


def _append(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))
