"""Access to the lexicon data files shipped in ``analysis/data/``.

Lexicons are data, not code: drugs, units, organisations, titles, places and
boilerplate lines live in small CSV/text files that an analyst can extend
without touching a rule.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache, lru_cache
from importlib import resources
from re import _compiler, _parser
from re import _constants as _sre
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


_READING_CACHES: list = []


def reading_cache(maxsize: int):
    """``functools.lru_cache`` for a reading of text (a sentence's dates, a word's place), registered
    so that :func:`clear_reading_caches` forgets them all. The module that reads keeps its cache:
    "the same capitalised words come back in every document", so their answers are kept."""
    def register(function):
        cached = lru_cache(maxsize=maxsize)(function)
        _READING_CACHES.append(cached)
        return cached
    return register


def clear_reading_caches() -> None:
    """Forget every memoised reading (for benchmarks, which then read the same texts as a new corpus)."""
    for cached in _READING_CACHES:
        cached.cache_clear()


@cache
def read_rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a CSV data file as dictionaries (lines starting with # are comments).

    A row with more cells than the header (an unquoted comma, as in a pattern's "{0,80}")
    or fewer is an error naming the file and the row's line, not a silently cut pattern.
    """
    numbered = [(number, line) for number, line in enumerate(_data_text(name).splitlines(), start=1)
                if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in numbered)
    rows = []
    for row in reader:
        if None in row or None in row.values():
            line = numbered[reader.line_num - 1][0]
            raise ValueError(f"analysis/data/{name}: line {line} has {'more' if None in row else 'fewer'} "
                             f"cells than the header (quote a cell that holds a comma)")
        rows.append(row)
    return tuple(rows)


@cache
def words_by_kind(name: str) -> dict[str, tuple[str, ...]]:
    """A ``kind,words`` data file as kind -> its ``|``-separated words, in file order; a row
    without words is an error naming the file and the row."""
    kinds: dict[str, list[str]] = {}
    for number, row in enumerate(read_rows(name), start=1):
        words = split_aliases(row["words"])
        if not row["kind"].strip() or not words:
            raise ValueError(f"analysis/data/{name}: row {number} ({row['kind']!r}) has no kind or no words")
        kinds.setdefault(row["kind"].strip(), []).extend(words)
    return {kind: tuple(words) for kind, words in kinds.items()}


def alternation(words) -> str:
    """A regular-expression alternation of ``words``, longest first (so "pointed out" is tried
    before "pointed"), with a space matching any run of white space."""
    # grouped by first letter (see by_first_letter): the engine tries a few words at each position, not all
    return by_first_letter(sorted(set(words), key=lambda w: (-len(w), w)), r"\s+")


@cache
def ordinal_words() -> dict[str, int]:
    """Ordinal words and their numbers from ``data/ordinals.csv`` ("second" -> 2); a value that is not a
    whole number is an error naming the file and the row."""
    words: dict[str, int] = {}
    for number, row in enumerate(read_rows("ordinals.csv"), start=2):
        if not row["value"].strip().isdigit():
            raise ValueError(f"analysis/data/ordinals.csv: data row {number} has value {row['value']!r}, not a whole number")
        words[row["word"]] = int(row["value"])
    return words


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
    last = _last_lowered  # extractors read one sentence with many patterns in a row
    if last[0] is text:
        return last[1]
    lowered = text.lower()
    if len(lowered) != len(text) or (not text.isascii() and any(c in text for c in _LOWER_MISMATCH)):
        lowered = None
    _remember_lowered(text, lowered)
    return lowered


_last_lowered: tuple[str | None, str | None] = (None, None)


def _remember_lowered(text: str, lowered: str | None) -> None:
    global _last_lowered
    _last_lowered = (text, lowered)  # one tuple, replaced whole: safe to read from other threads


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


def for_lowered_text(pattern: str) -> str | None:
    """The expression that, compiled case-sensitively and run over :func:`lower_for_matching` text,
    finds what ``pattern`` finds (at the same offsets), or None when there is none: ``pattern``
    itself when it has no cased letter ("\\|"), its body when it is "(?i)" and lower-case letters."""
    if pattern.startswith("(?i)") and _lower_case_only(pattern[4:]):
        return pattern[4:]
    bare = _GROUP_NAME.sub("(", _SAFE_ESCAPE.sub("", pattern))
    if "\\" not in bare and not _INLINE_FLAGS.search(pattern) and bare.lower() == bare.upper():
        return pattern
    return None


# --- the same expression for ASCII text ----------------------------------------------
# A str pattern tests \w, \b and \d through Unicode's character database, a function call per
# character; compiled with re.ASCII it looks them up in a table. On a subject that is ASCII
# (str.isascii(), a flag CPython keeps) both find the same matches, but for \s, which in a
# Unicode pattern also takes the separators \x1c-\x1f: the twin's \s is given them back.
_SEPARATORS = (_sre.RANGE, (0x1C, 0x1F))
_INLINE_IGNORECASE = re.compile(r"\(\?[a-zA-Z-]*i")


def ascii_twin(pattern: str, flags: int = 0) -> re.Pattern | None:
    """``pattern`` compiled for ASCII subjects: on a string ``s`` with ``s.isascii()`` it finds what
    ``re.compile(pattern, flags)`` finds (same offsets, same groups), faster. None when they could
    differ: a cased non-ASCII letter in a pattern that ignores case ("ı" then matches "i"), "\\S", an
    inline ASCII/Unicode/locale flag, or an expression the parser reads otherwise."""
    ignoring_case = flags & re.IGNORECASE or _INLINE_IGNORECASE.search(pattern)
    if ignoring_case and any(not c.isascii() and c.lower() != c.upper() for c in pattern):
        return None
    try:
        parsed = _parser.parse(pattern, flags | re.ASCII)
        if not _give_spaces_separators(parsed.data):
            return None
        return _compiler.compile(parsed, flags | re.ASCII)
    except Exception:  # an inline (?u), a pattern the internals read otherwise: no twin
        return None


def for_ascii(pattern: re.Pattern) -> re.Pattern:
    """:func:`ascii_twin` of a compiled pattern (its flags kept), or the pattern itself when it has none."""
    return ascii_twin(pattern.pattern, pattern.flags & ~re.UNICODE) or pattern


def _give_spaces_separators(items) -> bool:
    """Add the separators \\x1c-\\x1f to every \\s of a parsed expression, in place; False if it holds a \\S."""
    for index, (op, av) in enumerate(items):
        if op is _sre.IN:
            categories = [a for o, a in av if o is _sre.CATEGORY]
            if _sre.CATEGORY_NOT_SPACE in categories:
                return False
            if _sre.CATEGORY_SPACE in categories:
                items[index] = (op, [*av, _SEPARATORS])
        elif op is _sre.CATEGORY and av is _sre.CATEGORY_NOT_SPACE:
            return False
        elif op is _sre.CATEGORY and av is _sre.CATEGORY_SPACE:
            items[index] = (_sre.IN, [(op, av), _SEPARATORS])
        elif op in (_sre.SUBPATTERN, _sre.ASSERT, _sre.ASSERT_NOT, _sre.MAX_REPEAT, _sre.MIN_REPEAT,
                    _sre.POSSESSIVE_REPEAT, _sre.ATOMIC_GROUP):
            if not _give_spaces_separators(_body(op, av).data):
                return False
        elif op is _sre.BRANCH:
            if not all(_give_spaces_separators(branch.data) for branch in av[1]):
                return False
        elif op is _sre.GROUPREF_EXISTS:
            if not all(_give_spaces_separators(branch.data) for branch in av[1:] if branch is not None):
                return False
    return True


def _body(op, av):
    """The sub-expression of a group, lookaround or repeat (as the parser lays them out)."""
    if op is _sre.SUBPATTERN:
        return av[-1]
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return av[1]
    if op is _sre.ATOMIC_GROUP:
        return av
    return av[2]


# --- words a pattern cannot match without ----------------------------------------------
# A cue such as r"\b(?:was|were)\s+received\b" matches no sentence without "received" in it,
# and most sentences hold none of a cue's words. Looking for the words first (substring
# tests, see holds_any) before running the expression, which tries every position, gives
# the same answer at a fraction of the cost. The words
# are read from the parsed expression (the standard library's own parser), so the
# lexicons stay plain patterns.
_MAX_WORDS = 64  # with more words than this the expression itself is about as fast


def required_words(pattern: str) -> frozenset[str] | None:
    """Lower-case ASCII strings of which every match of ``pattern``, read case-insensitively,
    holds one (at the same place in :func:`lower_for_matching` text); None when unknown."""
    if _INLINE_FLAGS.search(pattern):
        return None
    try:
        words = _requirement(_parser.parse(pattern))
    except Exception:  # an expression the parser reads differently: no shortcut
        return None
    if words is None or len(words) > _MAX_WORDS or not all(w.isascii() for w in words):
        return None
    return frozenset(w.lower() for w in words)


def _requirement(items) -> frozenset[str] | None:
    """For a parsed sequence: strings of which every match holds one (None: unknown).
    Each item of a sequence must match, so any one item's requirement will do: the
    one with the longest shortest string."""
    options: list[frozenset[str] | None] = []
    run = ""  # consecutive literal characters
    for op, av in items:
        if op is _sre.LITERAL:
            run += chr(av)
            continue
        if op is _sre.AT:  # zero-width (\b, ^): the characters on both sides stay adjacent
            continue
        if run:
            options.append(frozenset([run]))
            run = ""
        if op is _sre.SUBPATTERN:
            options.append(_requirement(av[-1]))
        elif op is _sre.BRANCH:
            branches = [_requirement(branch) for branch in av[1]]
            options.append(None if None in branches else frozenset().union(*branches))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            options.append(_requirement(av[2]))
    if run:
        options.append(frozenset([run]))
    known = [option for option in options if option]
    return max(known, key=lambda words: (min(map(len, words)), -len(words)), default=None)


def by_first_letter(words, space: str = r"\ ", escape: bool = True, ignore_case: bool = False) -> str:
    """"a(?:lias|...)|b(?:...)": the alternation of ``words`` (in their order; escaped, a space as
    ``space``, unless ``escape`` is False for bits of pattern such as "jan\\.?") grouped by first
    letter, ignoring its case when ``ignore_case`` (for case-insensitive patterns: "Kg" and "kg" in
    one group). It finds the same matches, as words with different first letters never match at
    one place, but at each position the engine tries the few words with that letter instead of
    stepping through all of them (after a number, 126 currency words and 85 units in turn)."""
    groups: dict[str, list[str]] = {}
    for word in words:
        first = word[0].lower() if ignore_case and word[0].isascii() else word[0]
        groups.setdefault(first, []).append(re.escape(word[1:]).replace(r"\ ", space) if escape else word[1:])
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


def words_to_test(words) -> tuple[str, ...] | None:
    """The words to look for with :func:`holds_any`: ``words`` (the words a cue cannot match without,
    see :func:`required_words`) but those that hold another ("visitor", "visit"); None for None."""
    if words is None:
        return None
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


def holds_any(lowered: str, words: tuple[str, ...] | None) -> bool:
    """Whether ``lowered`` holds one of ``words`` (True for None: nothing to rule out). A substring test
    (``in``, the string library's fast search) costs a fraction of a regular-expression search,
    even for an alternation of the same words grouped by first letter: sixty of them cost less
    than one search (benchmarks/instructions.py: -3.5% of the instructions per document)."""
    if words is None:
        return True
    for word in words:
        if word in lowered:
            return True
    return False


class CaselessPattern:
    """A case-insensitive regular expression (a lexicon's cue, trend ...) that, when its
    letters are all lower case, searches :func:`lower_for_matching` text case-sensitively:
    the same matches (same offsets; groups in lower case), several times faster."""

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern, re.IGNORECASE)
        self.lower = re.compile(pattern) if _lower_case_only(pattern) else None
        self.words = words_to_test(required_words(pattern)) if self.lower is not None else None
        self.lower_ascii = (ascii_twin(pattern) or self.lower) if self.lower is not None else None  # ASCII text

    def search(self, text: str, lowered: str | None = None) -> re.Match | None:
        """Search ``text``; ``lowered`` is ``lower_for_matching(text)`` when already computed."""
        if self.lower is None:
            return self.pattern.search(text)
        lowered = lowered if lowered is not None else lower_for_matching(text)
        if lowered is None:
            return self.pattern.search(text)
        if not holds_any(lowered, self.words):
            return None
        return (self.lower_ascii if lowered.isascii() else self.lower).search(lowered)

    def finditer(self, text: str, lowered: str | None = None):
        """Every match in ``text``, as ``re.finditer`` (groups in lower case when read fast)."""
        if self.lower is None:
            return self.pattern.finditer(text)
        lowered = lowered if lowered is not None else lower_for_matching(text)
        if lowered is None:
            return self.pattern.finditer(text)
        if not holds_any(lowered, self.words):
            return iter(())
        return (self.lower_ascii if lowered.isascii() else self.lower).finditer(lowered)


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
        self._lower = self._lower_ascii = self._mixed = self._all = None
        self._lower_words = self._mixed_words = None
        self._joined = bool(patterns) and not any(_BACK_REFERENCE.search(p) for p in patterns)
        if self._joined:
            try:
                fast = [p for p in patterns if _lower_case_only(p)]
                slow = [p for p in patterns if not _lower_case_only(p)]
                self._lower = re.compile(_join(fast)) if fast else None
                self._lower_ascii = (ascii_twin(_join(fast)) or self._lower) if fast else None
                self._mixed = re.compile(_join(slow), re.IGNORECASE) if slow else None
                self._all = re.compile(_join(patterns), re.IGNORECASE)
            except re.error:  # patterns that cannot share one expression (inline flags ...)
                self._joined = False
            else:
                self._lower_words = words_to_test(_any_words(fast))
                self._mixed_words = words_to_test(_any_words(slow))

    def matches(self, text: str, lowered: str | None = None) -> bool:
        """True when one of the patterns matches somewhere in ``text``."""
        if not self._joined:
            return any(p.search(text, lowered) for p in self.patterns)
        lowered = lowered if lowered is not None else lower_for_matching(text)
        if lowered is None:
            return self._all.search(text) is not None
        return bool((self._lower is not None and holds_any(lowered, self._lower_words)
                     and (self._lower_ascii if lowered.isascii() else self._lower).search(lowered))
                    or (self._mixed is not None and holds_any(lowered, self._mixed_words) and self._mixed.search(text)))


def _join(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _any_words(patterns: list[str]) -> frozenset[str] | None:
    """Words of which a match of any of ``patterns`` holds one (None: unknown)."""
    words = [required_words(p) for p in patterns]
    if not words or None in words:
        return None
    joined = frozenset().union(*words)
    return joined if len(joined) <= _MAX_WORDS else None
