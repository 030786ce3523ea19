"""Sentence splitting with character offsets.

A rule splitter tuned for press releases: a sentence ends at ``.``, ``!`` or
``?`` followed by space and a capital, digit or quote, and at every line
break (the corpus reader unwraps hard-wrapped text first). A period after a
token that need not end a sentence (``data/abbreviations.csv``) is read by the
token's kind: after "Gen." or "Mt." it never ends one; after an initial
("Anna K. Petrova"), a dotted acronym ("U.S.") or "Co." it ends one only when a
sentence starter follows ("... in the U.S. The minister said ..." is two
sentences, "the U.S. Drug Enforcement Administration" one); after "a.m." it ends
one before a capitalised word unless the sentence is a short opening time phrase.

It also keeps together what a reader keeps together: a numbered or lettered list
item with its marker ("1. The first ... 2. The second ..." is two items, not
"1." and "The first ... 2."), an e-mail address ("j.Doe@example.org"), an omission
("[...]"), a spaced ellipsis inside a sentence (". . ."), and a citation after a
closing quote (`"..." (Annual Report 2023).`). It is a few microseconds a
sentence, which matters on large corpora.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from analysis.text.lexicons import read_lines, read_rows


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence and its ``[start, end)`` character span in the document text."""

    start: int
    end: int
    text: str


_KINDS = ("leading", "trailing", "time")


@cache
def abbreviations() -> dict[str, str]:
    """Each listed abbreviation (lower case, without its final period) and its kind (see the data file)."""
    kinds: dict[str, str] = {}
    for number, row in enumerate(read_rows("abbreviations.csv"), start=2):
        token, kind = row["abbreviation"].strip().lower(), row["kind"].strip()
        if not token or kind not in _KINDS:
            raise ValueError(f"analysis/data/abbreviations.csv: data row {number}: "
                             f"needs an abbreviation and a kind among {', '.join(_KINDS)}")
        kinds[token] = kind
    return kinds


@cache
def sentence_starters() -> frozenset[str]:
    """Capitalised words that open a sentence after a token that may close one (``data/sentence_starters.txt``)."""
    return frozenset(read_lines("sentence_starters.txt"))


@cache
def time_openers() -> frozenset[str]:
    """Words that open a sentence's opening time phrase ("At 6 a.m. ..."; ``data/time_openers.txt``)."""
    return frozenset(read_lines("time_openers.txt"))


# A candidate boundary: terminal punctuation, optional closing quotes or
# brackets, then whitespace (or nothing before a capitalised word: ".He").
_BOUNDARY = re.compile(
    r"""[.!?]+["'”’»)\]]*(?:\s+(?=["'“‘«(\[]?[A-Z0-9А-ЯЁ])|(?=[A-Z][a-z]))"""
)
_LINE_BREAK = re.compile(r"\n+")
_CLOSERS = "\"'”’»)]"  # quotes and brackets that may close a sentence after its full stop
_WORD_CHARS = "._°"  # besides letters and digits, in a token before a full stop: "U.S", "N°"
_DOTTED_ACRONYM = re.compile(r"(?:[a-z]\.)+[a-z]")
_NEXT_WORD = re.compile(r"""["'“‘«(\[]?(\w+)(\.?)""")
# A citation or source note in brackets that closes the sentence before it: '"..." (Annual Report 2023, p. 4).';
# one that ends in its own full stop is a sentence in brackets: '... said. (He gave no details.)'
_CLOSING_CITATION = re.compile(r"\([^()\n]{0,80}[^().!?\s]\)(?:[.!?]|\s*$)")

# A list item's marker: "1.", "2)", "3.)", "b." (lower-case letters only: "A. Kumar and B. Singh" are initials),
# after an optional bullet ("• 9.", "⁃10."). The first marker of a list opens the line or follows a colon.
_MARKER = r"(?P<label>\d{1,3}|[a-z])(?P<punct>\.\)|[.)])(?=\s+\S)"
_FIRST_MARKER = re.compile(r"\s*(?:[•⁃‣▪◦*–-]\s*)?" + _MARKER)
_MARKER_AFTER_COLON = re.compile(r":\s+(?:[•⁃‣▪◦*–-]\s*)?" + _MARKER)
_LATER_MARKER = re.compile(r"(?<=\s)(?P<bullet>[•⁃‣▪◦*–-]\s*)?" + _MARKER + r"(?=\s+[\"“(]?[A-Z0-9])")


def _word_before(text_before: str) -> str:
    r"""The run of word characters and points that ends ``text_before``, but for closing
    quotes and brackets ("U.S." in 'the U.S."'); "" when there is none. A line holds no newline.

    The same as ``re.search(r"([\w.°]+)\.?[\"'”’»)\]]*$", text_before).group(1)``, read
    backwards from the end: a search tries every position of the line.
    """
    end = len(text_before.rstrip(_CLOSERS))
    start = end
    while start and (text_before[start - 1].isalnum() or text_before[start - 1] in _WORD_CHARS):
        start -= 1
    return text_before[start:end]


def _token_kind(word: str) -> str | None:
    """How the period after ``word`` (the token before it, as :func:`_word_before` reads it) may end a
    sentence: "leading", "trailing" or "time" (see ``data/abbreviations.csv``), None for an ordinary word."""
    if not word:
        return None
    token = word.lower().rstrip(".")
    if len(token) == 1 and token.isalpha():
        return "trailing"  # an initial: "K." in "Anna K. Petrova", but "... you and I. Did ..."
    kind = abbreviations().get(token)
    if kind is None and _DOTTED_ACRONYM.fullmatch(token):
        return "trailing"  # "U.S" or "E.U" (the last period was consumed)
    return kind


def _starter_follows(line: str, position: int) -> bool:
    """True when the word at ``position`` opens a sentence ("The", "However"); an initial ("A. Smith") does not."""
    match = _NEXT_WORD.match(line, position)
    if match is None:
        return False
    word = match.group(1)
    return word in sentence_starters() and not (len(word) == 1 and match.group(2))


_OPENING_WORDS = 7  # "On 3 May at 9 a.m." opens a sentence; "The raid on the farm ended at 6 a.m." is one


def _is_opening_time_phrase(piece: str) -> bool:
    """True when ``piece`` (the sentence so far, up to a clock time) is a short opening: "At 6", "On Monday at 9"."""
    words = piece.split()
    return 0 < len(words) <= _OPENING_WORDS and words[0] in time_openers()


_MARKER_LENGTH = 3  # "A", "iv", "12": an outline's marker, never a sentence on its own


def _is_marker_only(line: str, piece_start: int, dot: int) -> bool:
    """True when the sentence so far is one short token before the period ("B" in "B. The second point")."""
    piece = line[piece_start:dot].strip()
    return 0 < len(piece) <= _MARKER_LENGTH and " " not in piece


def _in_address(line: str, position: int) -> bool:
    """True when ``position`` lies inside an e-mail address or a web address ("Jane.Doe@example.org")."""
    start = line.rfind(" ", 0, position) + 1
    end = line.find(" ", position)
    token = line[start:] if end < 0 else line[start:end]
    return "@" in token or "://" in token or token.startswith("www.")


def _spaced_ellipsis(line: str, dot: int) -> tuple[int, int]:
    """The number of dots in a spaced ellipsis (". . .") that ends at ``dot``, and the position of its
    first dot."""
    count, first = 1, dot
    while first >= 2 and line[first - 1] == " " and line[first - 2] == ".":
        count += 1
        first -= 2
    return count, first


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


def _list_items(line: str) -> tuple[set[int], list[int]]:
    """A line's list, if it has one: the positions of the periods that close its markers (never a full
    stop) and the positions where its second and later items start ("1. The first ... 2. The second").

    A list's first marker opens the line or follows a colon; later items are markers of the same style
    with the next number or letter ("9." then "10.", "a." then "b."), each before a capital or a digit;
    items joined by commas stay clauses of one sentence.
    """
    first = _FIRST_MARKER.match(line) or (_MARKER_AFTER_COLON.search(line) if ":" in line else None)
    if first is None:
        return set(), []
    marker_periods = {first.start("punct")} if first.group("punct")[0] == "." else set()
    label, style = first.group("label"), first.group("punct")
    item_starts: list[int] = []
    for later in _LATER_MARKER.finditer(line, first.end()):
        if later.group("punct") == style and later.group("label") == _next_label(label):
            if not _joins_clauses(line[: later.start()]):
                item_starts.append(later.start())
            if style[0] == ".":
                marker_periods.add(later.start("punct"))
            label = later.group("label")
    return marker_periods, item_starts


def _joins_clauses(text_before: str) -> bool:
    """True when an item follows a comma, a semicolon, "and" or "or": the items are clauses of one sentence
    ("the police seized: a) 4 kg of cannabis in a car, b) 110 g of heroin in a flat")."""
    before = text_before.rstrip()
    return before.endswith((",", ";")) or before.rsplit(" ", 1)[-1] in ("and", "or")


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _split_line(text: str, start: int, end: int, out: list[Sentence]) -> None:
    line = text[start:end]
    marker_periods, item_starts = _list_items(line) if line else (set(), [])
    cuts: list[tuple[int, int]] = [(item, item) for item in item_starts]  # (end of a piece, start of the next)
    piece_start = 0
    for boundary in _BOUNDARY.finditer(line):
        dot = boundary.start()
        punct_end = dot + len(boundary.group(0).rstrip())
        next_start = boundary.end()
        if line[dot] == ".":
            if dot in marker_periods:
                continue  # "1." in "1. The first item"
            if next_start == punct_end and ("@" in line or "/" in line) and _in_address(line, dot):
                continue  # "Jane.Doe@example.org": no space after the point, which is inside an address
            if line.startswith("..", dot):
                if dot and line[dot - 1] == "[":
                    continue  # an omission, "[...]"
            elif dot >= 2 and line[dot - 1] == " " and line[dot - 2] == ".":
                dots, first_dot = _spaced_ellipsis(line, dot)
                attached = first_dot > 0 and not line[first_dot - 1].isspace()  # "compounds. . . ."
                if attached and dots == 4:
                    cuts.append((first_dot + 1, first_dot + 2))  # "compounds. . . . The": a full stop, then ". . ."
                    piece_start = first_dot + 2
                    continue
                if dots == 3 and not attached:
                    continue  # "the thing is . . . I didn't": an ellipsis inside the sentence
            elif _is_marker_only(line, piece_start, dot):
                continue  # "A. The first point. B. The second": a sentence is more than its marker
            else:
                kind = _token_kind(_word_before(line[:dot]))
                if kind == "leading":
                    continue
                if kind == "trailing" and not _starter_follows(line, next_start):
                    continue
                if kind == "time" and (_is_opening_time_phrase(line[piece_start:dot]) or not line[next_start].isupper()):
                    continue
        if line.startswith("(", next_start) and line[punct_end - 1] in _CLOSERS \
                and _CLOSING_CITATION.match(line, next_start):
            continue  # '"..." (Annual Report 2023).': the citation belongs to the quotation
        cuts.append((punct_end, next_start))
        piece_start = next_start
    if item_starts:
        cuts.sort()
    piece_start = 0
    for piece_end, next_start in cuts:
        if piece_end > piece_start:
            _append(text, start + piece_start, start + piece_end, out)
            piece_start = next_start
    _append(text, start + piece_start, end, out)


def _append(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


def evidence_of(sentence: Sentence, others: list[Sentence]) -> dict[str, str]:
    """The ``evidence`` and ``evidence_text`` cells of a row told in ``sentence`` and completed by ``others``
    (a meeting whose dates come from "Held on May 2-3, the gathering brought together ..."): every
    sentence used as "start-end" offsets, and the text of those but ``sentence``."""
    used = sorted({(s.start, s.end): s for s in [sentence, *others]}.values(), key=lambda s: s.start)
    return {"evidence": "; ".join(f"{s.start}-{s.end}" for s in used),
            "evidence_text": " … ".join(s.text for s in used if s is not sentence and s.start != sentence.start)}
