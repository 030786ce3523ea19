"""Access to the lexicon data files shipped in ``analysis/data/``.

Lexicons are data, not code: drugs, units, organisations, titles, places and
boilerplate lines live in small CSV/text files that an analyst can extend
without touching a rule.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache
from importlib import resources
from typing import Any


def _data_text(name: str) -> str:
    return resources.files("analysis").joinpath("data", name).read_text(encoding="utf-8")


def read_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a text data file."""
    return [
        line.strip()
        for line in _data_text(name).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@cache
def read_rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a CSV data file as dictionaries (lines starting with # are comments)."""
    lines = [line for line in _data_text(name).splitlines() if not line.startswith("#")]
    return tuple(csv.DictReader(lines))


def read_json(name: str) -> Any:
    """A JSON data file."""
    return json.loads(_data_text(name))


def split_aliases(cell: str) -> list[str]:
    """The ``|``-separated aliases of a lexicon cell, stripped, without empties."""
    return [alias.strip() for alias in cell.split("|") if alias.strip()]


# --- fast case-insensitive matching ------------------------------------------------
# Python's regex engine skips an alternative by its first character only when the
# pattern is case-sensitive; with re.IGNORECASE it tries every alternative at every
# position, which makes a long alternation of lexicon words slow. A case-sensitive
# pattern of lower-case words run over ``text.lower()`` finds exactly what the
# case-insensitive pattern finds in ``text``, at the same offsets, except for three
# characters: "\u0130" (lowers to two characters) and the dotless i and long s
# (which re.IGNORECASE equates with "i" and "s" but which do not lower to them).
# This was checked for every Unicode character against ASCII letters, digits,
# punctuation and the dashes, quotes and currency signs of the lexicons.
_LOWER_MISMATCH = ("\u0131", "\u017f")


def lower_for_matching(text: str) -> str | None:
    """``text.lower()`` when matching lower-case patterns on it equals case-insensitive
    matching on ``text`` (same length, same offsets), else None."""
    lowered = text.lower()
    if len(lowered) != len(text) or (not text.isascii() and any(c in text for c in _LOWER_MISMATCH)):
        return None
    return lowered


def lowered_match_is_exact(words) -> bool:
    """True when ``words`` may be matched case-sensitively over :func:`lower_for_matching` text:
    they are lower case, and every other character is ASCII or has no case."""
    return all(w == w.lower() and all(c.isascii() or c.lower() == c == c.upper() for c in w) for w in words)


_SAFE_ESCAPE = re.compile(r"\\(?:[^0-9A-Za-z]|[bBdDsSwWAZntrfv])")
_GROUP_NAME = re.compile(r"\(\?P(?:<\w+>|=\w+\))")
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")


def _lower_case_only(pattern: str) -> bool:
    """A pattern whose letters are all lower case (group names aside), with no escape for
    a character code and no inline flags: compiled case-sensitively it reads lowered text exactly."""
    bare = _GROUP_NAME.sub("(", _SAFE_ESCAPE.sub("", pattern))
    return "\\" not in bare and not _INLINE_FLAGS.search(pattern) and lowered_match_is_exact([bare])


class CaselessPattern:
    """A case-insensitive regular expression (a lexicon's cue, trend ...) that, when its
    letters are all lower case, searches :func:`lower_for_matching` text case-sensitively:
    the same matches (same offsets; groups in lower case), several times faster."""

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern, re.IGNORECASE)
        self.lower = re.compile(pattern) if _lower_case_only(pattern) else None

    def search(self, text: str, lowered: str | None = None) -> re.Match | None:
        """Search ``text``; ``lowered`` is ``lower_for_matching(text)`` when already computed."""
        if self.lower is None:
            return self.pattern.search(text)
        lowered = lowered if lowered is not None else lower_for_matching(text)
        return self.lower.search(lowered) if lowered is not None else self.pattern.search(text)

    def finditer(self, text: str, lowered: str | None = None):
        """Every match in ``text``, as ``re.finditer`` (groups in lower case when read fast)."""
        if self.lower is None:
            return self.pattern.finditer(text)
        lowered = lowered if lowered is not None else lower_for_matching(text)
        return self.lower.finditer(lowered) if lowered is not None else self.pattern.finditer(text)


def caseless_subject(text: str, patterns: list[CaselessPattern]) -> tuple[str, list[re.Pattern]]:
    """(the string to search, the compiled patterns to search it with): the lowered text
    and case-sensitive patterns when every pattern allows it, else ``text`` and the
    case-insensitive ones. For callers that rewrite the text between searches."""
    lowered = lower_for_matching(text)
    if lowered is not None and all(p.lower is not None for p in patterns):
        return lowered, [p.lower for p in patterns]
    return text, [p.pattern for p in patterns]


_BACK_REFERENCE = re.compile(r"\\[1-9]|\(\?P=")


class CaselessAny:
    """Whether any of several case-insensitive patterns (a kind of cue) matches a text.

    The patterns are joined into one alternation (one for those that can read lowered
    text, one for the rest), so a sentence is scanned once or twice rather than once
    per pattern: the same answer as ``any(p.search(text) for p in patterns)``.
    """

    def __init__(self, patterns: list[str]) -> None:
        self.patterns = [CaselessPattern(p) for p in patterns]
        self._lower = self._mixed = self._all = None
        self._joined = bool(patterns) and not any(_BACK_REFERENCE.search(p) for p in patterns)
        if self._joined:
            try:
                fast = [p for p in patterns if _lower_case_only(p)]
                slow = [p for p in patterns if not _lower_case_only(p)]
                self._lower = re.compile(_join(fast)) if fast else None
                self._mixed = re.compile(_join(slow), re.IGNORECASE) if slow else None
                self._all = re.compile(_join(patterns), re.IGNORECASE)
            except re.error:  # patterns that cannot share one expression (inline flags ...)
                self._joined = False

    def matches(self, text: str, lowered: str | None = None) -> bool:
        """True when one of the patterns matches somewhere in ``text``."""
        if not self._joined:
            return any(p.search(text, lowered) for p in self.patterns)
        lowered = lowered if lowered is not None else lower_for_matching(text)
        if lowered is None:
            return self._all.search(text) is not None
        return bool((self._lower is not None and self._lower.search(lowered))
                    or (self._mixed is not None and self._mixed.search(text)))


def _join(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)
