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
_WORD_BEFORE = re.compile(r"([\w.]+)\.?[\"'”’»)\]]*$")


def _is_abbreviation(text_before: str) -> bool:
    """True when the period that closes ``text_before`` belongs to a token."""
    match = _word_before(text_before)
    if not match:
        return False
    token = match.group(1).lower().rstrip(".")
    if len(token) == 1 and token.isalpha():
        return True  # an initial: "K." in "Anna K. Petrova"
    if token in ABBREVIATIONS:
        return True
    # dotted acronyms such as "U.S" or "U.N" (the last period was consumed)
    return bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", token))


def _word_before(text_before: str) -> re.Match | None:
    """``_WORD_BEFORE.search(text_before)``, reading only the end of a long line.

    The search otherwise tries every position of the line. A match inside the
    window that starts at its edge may continue to the left, and no match may
    mean one that starts before it: then the whole line is read, as before.
    """
    start = max(0, len(text_before) - _WINDOW)
    match = _WORD_BEFORE.search(text_before, start)
    if start and (match is None or match.start() == start):
        match = _WORD_BEFORE.search(text_before)
    return match


_WINDOW = 32


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
