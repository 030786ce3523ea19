"""Dates in text, resolved to ISO 8601 at the precision the text supports.

``find_dates(text, published)`` returns :class:`DateMention` objects with the
raw phrase, its span, ``iso`` (start) and ``end_iso`` (end of a span such as
"13 and 14 November" or "2-3 October 2024"). A date without a year takes it
from ``published`` (the most recent such date no more than two months after
publication); relative phrases ("yesterday", "on Tuesday", "last week",
"earlier this month") are resolved against ``published``. Without a
publication date they keep their text and an empty ``iso``.

Hand-written patterns rather than dateparser: a ``search_dates`` call costs
milliseconds, this module costs microseconds per sentence.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass

from analysis.text.lexicons import (
    alternation,
    ascii_twin,
    by_first_letter,
    lower_for_matching,
    lowered_match_is_exact,
    ordinal_words,
    read_rows,
    reading_cache,
    split_aliases,
    words_by_kind,
)

MONTHS = {a: int(r["month"]) for r in read_rows("months.csv") for a in split_aliases(r["aliases"])}
WEEKDAYS = {a: int(r["weekday"]) for r in read_rows("weekdays.csv") for a in split_aliases(r["aliases"])}
MONTH_NAMES = tuple(split_aliases(r["aliases"])[0] for r in read_rows("months.csv"))  # "january" ... in order
WEEKDAY_NAMES = tuple(split_aliases(r["aliases"])[0] for r in read_rows("weekdays.csv"))  # "monday" ...
# "spring" -> (3, 5), "fall" -> (9, 11): a season's first and last month (northern; winter runs December-February)
SEASONS = {a: (int(r["first_month"]), int(r["last_month"])) for r in read_rows("seasons.csv")
           for a in split_aliases(r["aliases"])}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase, its ``[start, end)`` span and ISO start/end (may be empty)."""

    start: int
    end: int
    text: str
    iso: str
    end_iso: str
    relative: bool = False


def _alt(words) -> str:
    """An alternation of lower-case words (bits of pattern: "jan\\.?"), longest first and grouped by first
    letter ("j(?:anuary|une|uly|an\\.?)|f(?:ebruary|...)"): the same matches, as words with different first
    letters never match at one place, while the engine tries at each place only the words with its letter."""
    return by_first_letter(sorted(words, key=len, reverse=True), escape=False)


# "a", "one" ... "twelve", "a few", "several": how many days or weeks ago (number_words.csv's small units)
_COUNT_WORDS = {row["word"]: int(float(row["value"])) for row in read_rows("number_words.csv")
                if row["role"] in ("unit", "article") and 1 <= float(row["value"]) <= 12}
_COUNT_WORDS.update({"a few": 3, "several": 3, "a couple of": 2})


# Abbreviations may carry a period ("Nov."); full names may not, so that the
# full stop after "13 November." stays out of the phrase.
_MONTH_NAMES = _alt(m if len(m) > 4 or m in ("may", "june", "july") else rf"{m}\.?" for m in MONTHS)
_MONTH = rf"(?P<month>{_MONTH_NAMES})"
_MONTH2 = rf"(?P<month2>{_MONTH_NAMES})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAY_PREFIX = rf"(?:(?:{_alt(WEEKDAYS)}),?\s+)?"
_SPAN_JOIN = r"\s*(?:-|–|—|and|to|until|till)\s*"
_SPAN_TO = r"\s*(?:-|–|—|to|until|till)\s*"  # "3 May 2021 and 10 June 2021" are two dates

# "first" ... "twentieth", "thirtieth" (ordinals.csv) and "twenty-first" ... "thirty-first", for
# "the twenty-third of May 2018"; longest first, so that "twenty-first" is not read as "twentieth"'s prefix
_ORDINAL_DAYS = {word: value for word, value in ordinal_words().items() if 1 <= value <= 31}
_ORDINAL_DAYS.update({f"{tens}{joint}{unit}": value + number
                      for tens, value in (("twenty", 20), ("thirty", 30))
                      for unit, number in list(_ORDINAL_DAYS.items()) if number < 10 and value + number <= 31
                      for joint in ("-", " ")})
_DAY_WORD = rf"(?P<day_word>{_alt(_ORDINAL_DAYS)})"
# Numeric dates: "22/02/2016", "02/22/2016", "22.02.2016", "22-02-2016", "2/22/16" (a two-digit year with
# slashes only). Which number is the day is the document's convention (see numeric_order).
_NUMERIC = (r"(?P<num_a>[0-3]?\d)(?P<num_sep>[./-])(?P<num_b>[0-3]?\d)(?P=num_sep)(?P<num_year>(?:19|20)\d{2})"
            r"|(?P<num_a2>[0-3]?\d)/(?P<num_b2>[0-3]?\d)/(?P<num_yy>\d{2})")
# a time after an ISO day: "2024-06-03T09:12:44Z" (the day is the phrase)
_AFTER = r"(?:(?!\w)|(?=t\d{2}:\d{2}))"

# Each pattern names the groups it fills; one resolver turns groups into dates.
# Each also names the anchors it cannot match without (see _ANCHORS below): a
# sentence is scanned only with the patterns whose anchors it holds.
_PATTERNS = [
    # 30 September - 2 October 2024
    (("month", "month_then_span"),
     rf"{_WEEKDAY_PREFIX}(?:from\s+|between\s+)?{_DAY}\s+{_MONTH}{_SPAN_JOIN}{_DAY2}\s+{_MONTH2}(?:,?\s+{_YEAR})?"),
    # 30 December 2023 to 3 January 2024 / December 30, 2023 - January 3, 2024 (each end with its year)
    (("month", "year_then_span"),
     rf"(?:from\s+|between\s+)?{_DAY}\s+{_MONTH},?\s+(?P<year_start>(?:19|20)\d{{2}}){_SPAN_TO}{_DAY2}\s+{_MONTH2},?\s+{_YEAR}"),
    (("month", "year_then_span"),
     rf"(?:from\s+|between\s+)?{_MONTH}\s+{_DAY},?\s+(?P<year_start>(?:19|20)\d{{2}}){_SPAN_TO}{_MONTH2}\s+{_DAY2},?\s+{_YEAR}"),
    # May 30 - June 2, 2024 / between May 30 and June 2
    (("month", "span_then_month"),
     rf"{_WEEKDAY_PREFIX}(?:from\s+|between\s+)?{_MONTH}\s+{_DAY}{_SPAN_JOIN}{_MONTH2}\s+{_DAY2}(?!\d)(?:,?\s+{_YEAR})?"),
    # 13 and 14 November (2023) / 2-3 October 2024 / from 5 to 9 June
    (("month", "digit"),
     rf"{_WEEKDAY_PREFIX}(?:from\s+|between\s+)?{_DAY}{_SPAN_JOIN}{_DAY2}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?"),
    # 21 November 2023 / 1st of March 2022 / Tuesday, 14 May 2024
    (("month", "digit"), rf"{_WEEKDAY_PREFIX}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?"),
    # 9. Dec. 2019 (a day with a full stop, as German and Nordic releases write it: only with its year)
    (("month", "dotted_day"), rf"{_WEEKDAY_PREFIX}{_DAY}\.\s*{_MONTH}\s+{_YEAR}"),
    # 12-Jun-2024, 4/Mar/2021
    (("month", "joined_month"), rf"{_DAY}(?P<dm_sep>[-/]){_MONTH}(?P=dm_sep){_YEAR}"),
    # 2021-mar-4, 2021/Mar/04
    (("month", "joined_month"), rf"{_YEAR}(?P<ym_sep>[-/]){_MONTH}(?P=ym_sep){_DAY}(?!\d)"),
    # the twenty-third of May 2018 / the first of June / twenty third May 2018 (without "of" only with the year)
    (("month", "ordinal"), rf"{_WEEKDAY_PREFIX}(?:the\s+)?{_DAY_WORD}\s+(?:day\s+)?of\s+{_MONTH}(?:,?\s+{_YEAR})?"),
    (("month", "ordinal"), rf"{_WEEKDAY_PREFIX}(?:the\s+)?{_DAY_WORD}\s+{_MONTH},?\s+{_YEAR}"),
    # November 5-9, 2024
    (("month", "digit"), rf"{_WEEKDAY_PREFIX}{_MONTH}\s+{_DAY}{_SPAN_JOIN}{_DAY2}(?:,?\s+{_YEAR})?"),
    # November 21, 2023 / March 1st, 2022
    (("month", "digit"), rf"{_WEEKDAY_PREFIX}{_MONTH}\s+{_DAY}(?!\d)(?:,?\s+{_YEAR})?"),
    # May 2015
    (("month", "year"), rf"{_MONTH}(?:\s+of)?,?\s+{_YEAR}"),
    # the last week of July, the first ten days of June: that month ("last week" alone is relative)
    (("month", "part_of"),
     rf"(?:the\s+)?(?P<part_of_month>(?:first|second|third|fourth|last|final|closing|opening)\s+(?:(?:few|two|ten)\s+)?"
     rf"(?:week|weeks|days|fortnight|half))\s+of\s+{_MONTH}(?![\w-])(?!\s*,?\s*\d)"),
    # in October, scheduled for June, next February (month alone: year from the publication date)
    (("month",),
     rf"(?:(?:in|for|during|until|since|by|early|late|mid|end\s+of|beginning\s+of|(?P<month_ahead>next|coming|"
     rf"this\s+coming)|last|this)\s+|mid-\s*){_MONTH}(?![\w-])(?!\s*,?\s*\d)"),
    # in the autumn, this spring, next summer, in the spring of 2025: that year (a season spans months, so
    # the year is the precision the text allows). Only after a preposition or a determiner: not "a fall in
    # prices", "hot springs", "the Arab Spring"; "the fall of Kabul" is an event, not the season.
    (("season",),
     rf"(?:(?:in|during|for|by|until|over|through|throughout|(?P<season_ahead>next|coming|this\s+coming)|"
     rf"(?P<season_back>last|past)|this)\s+(?:the\s+)?|(?:in|during|for|by|until|over)\s+(?:the\s+)?(?:early|late)\s+|"
     rf"(?:in|during|for|by|until|over)\s+(?:the\s+)?mid-?)"
     rf"(?P<season>{_alt(SEASONS)})(?:\s+(?:of\s+)?(?P<season_year>(?:19|20)\d{{2}})|(?!\s+of\b|[-\w]))"),
    # 2023-11-21, 2024/3/2, 2024.03.02, 2024-06-03T09:12:44Z
    (("year",), r"(?P<iso_year>(?:19|20)\d{2})(?P<iso_sep>[-/.])(?P<iso_month>[01]?\d)(?P=iso_sep)(?P<iso_day>[0-3]?\d)"
                + _AFTER),
    # 21.11.2023, 21/11/2023, 11/21/2023 (the document's order), 2/22/16
    (("digit",), _NUMERIC),
    # 2015-2019, 2015 - 2020
    (("year",), r"(?P<year_from>(?:19|20)\d{2})\s*[-–—]\s*(?P<year_to>(?:19|20)\d{2})"),
    # in 2014, (a bare year not followed by a unit)
    # (a vague part of it, "early 2025", "first quarter of 2024", "mid-2025", is that year, told as written)
    (("year",), r"(?:mid-|(?:early|late|mid|(?:first|second|third|fourth|last)\s+(?:half|quarter)\s+of|"
                r"(?:end|beginning|start|middle)\s+of)\s+)?"
                r"(?P<bare_year>(?:19|20)\d{2})(?!\s*(?:kg|kilo|tons?|tonnes?|grams?|pills|tablets|ha|%|,\d))"),
    # relative to publication
    (("relative",),
     r"(?P<relative>yesterday|today|this\s+(?:morning|afternoon|evening)|tonight|last\s+night|earlier\s+today|"
     r"(?:the\s+)?(?:(?:first|second)\s+half|end|beginning|start|middle)\s+of\s+(?:the|this|last|next)\s+"
     r"(?:week|month|year)|"
     r"(?:(?:early|late|earlier|later)\s+)?(?:last|this|next|past|this\s+past|the\s+past|the\s+coming)\s+"
     r"(?:week|month|year)|"
     r"(?:earlier|later)\s+(?:this|in\s+the)\s+(?:week|month|year)|"
     r"(?:over\s+the|last|this|next|this\s+past|the\s+past)\s+weekend|"
     r"the\s+day\s+before\s+yesterday|(?:the\s+day\s+after\s+)?tomorrow)"),
    # "some 10 days ago", "two weeks ago"; "in two weeks", "in 10 days" (planned events)
    (("shift",),
     rf"(?P<ago_hedge>(?:some|about|around|nearly|almost|roughly)\s+)?(?P<ago_n>\d{{1,3}}|{_alt(_COUNT_WORDS)})\s+"
     r"(?P<ago_unit>days?|weeks?|months?|years?)\s+ago|"
     rf"in\s+(?P<ahead_n>\d{{1,3}}|{_alt(_COUNT_WORDS)})\s+(?P<ahead_unit>days?|weeks?|months?)(?!\s+(?:of|after|before))"),
    # on Tuesday, said Tuesday, next Sunday, this Friday (but not "On Tuesday, 14 May 2024", which the
    # weekday-prefixed patterns read); an abbreviation ("Sun", "Wed") only after "on", "last" ...
    (("weekday",),
     rf"(?:(?:on|(?P<back>last)|(?P<this>this)|(?P<forward>next|coming|this\s+coming))\s+(?P<weekday>{_alt(WEEKDAYS)})"
     # (not "in a Thursday statement", "IRNA's Sunday report": a weekday after an article or a possessive names a thing)
     rf"|(?:(?:early|late)\s+(?:on\s+)?)?(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)(?<!'s\s)(?<!’s\s)(?<!\bits\s)(?<!\btheir\s)"
     rf"(?P<weekday_bare>{_alt(w for w in WEEKDAYS if len(w) > 4)}))\b"
     rf"(?!,?\s+(?:the\s+)?[0-3]?\d(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{_MONTH_NAMES})(?!\w)|,?\s+(?:{_MONTH_NAMES})\s+[0-3]?\d)"),
]
_MAY_HOLD_DATE = re.compile(
    rf"\d|\b(?:{_alt(MONTHS)}|{_alt(WEEKDAYS)}|yesterday|today|tomorrow|tonight|morning|night|week|month|year|days?)\b",
    re.IGNORECASE,
)


def _compile() -> list[re.Pattern]:
    # A pattern that ends with _AFTER says itself what may follow it ("2024-06-03T09:12").
    return [
        re.compile(rf"(?<![\w.])(?:{p})" + ("" if p.endswith(_AFTER) else r"(?![\w])"), re.IGNORECASE)
        for _, p in _PATTERNS
    ]


_COMPILED = _compile()
# The same patterns, case-sensitive, for lowered text (see lexicons.lower_for_matching):
# they find the same dates several times faster. Their letters are all lower case.
_COMPILED_LOWER = [re.compile(p.pattern) for p in _COMPILED]
_COMPILED_LOWER_ASCII = [ascii_twin(p.pattern) or p for p in _COMPILED_LOWER]  # for lowered text that is ASCII
_LOWERED_IS_EXACT = lowered_match_is_exact([*MONTHS, *WEEKDAYS, *_ORDINAL_DAYS])


_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"


def _month_anchor(month: str) -> str:
    # Where the patterns read a month name, it starts a word (or follows "mid", as in
    # "midMarch") and ends one, or runs straight into the "and"/"to" of a span. Each name
    # comes first, so that the engine skips to the next possible first letter.
    m = re.escape(month)
    return rf"{m}(?:(?<!\w{m})|(?<=mid{m}))(?:(?!\w)|and|to|until|till)"


class _AnyOf:
    """An anchor of plain words, tested by substring (cheaper than a search; most sentences name no season)."""

    def __init__(self, words) -> None:
        self.words = tuple(words)

    def search(self, lowered: str) -> bool:
        return any(word in lowered for word in self.words)


# What each pattern cannot match without, read in lowered text. Every pattern runs over
# every position of a sentence, so scanning with only the patterns whose anchors are
# present finds the same matches in a fraction of the time: most sentences name no
# month, many no year.
_ANCHORS_LOWER = {
    "digit": re.compile(r"\d"),
    "year": re.compile(r"(?:19|20)\d{2}"),
    "month": re.compile("|".join(_month_anchor(m) for m in sorted(MONTHS, key=len, reverse=True))),
    # "30 September - 2 October", "May 30 - June 2", "30 December 2023 to 3 January 2024"
    "month_then_span": re.compile(rf"{_MONTH_WORD}\s*(?:-|–|—|and|to|until|till)\s*\d"),
    "span_then_month": re.compile(rf"\d\s*(?:-|–|—|and|to|until|till)\s*{_MONTH_WORD}"),
    "year_then_span": re.compile(r"(?:19|20)\d{2}\s*(?:-|–|—|to|until|till)\s*\d"),
    "dotted_day": re.compile(rf"\d\.\s*{_MONTH_WORD}"),  # "9. Dec. 2019"
    "joined_month": re.compile(rf"[-/]{_MONTH_WORD}[-/]"),  # "12-Jun-2024", "2021-mar-4"
    "part_of": re.compile(r"(?:week|weeks|days|fortnight|half)\s+of\s"),  # "the last week of July"
    # an ordinal word ends in "st", "nd", "rd" or "th" before the month or its "of"
    "ordinal": re.compile(r"(?:st|nd|rd|th)\s+(?:day\s+)?(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"),
    "weekday": re.compile(rf"(?:{_alt(WEEKDAYS)})\b"),
    "season": _AnyOf(SEASONS),
    "relative": re.compile(r"yesterday|today|tomorrow|morning|afternoon|evening|night|week|month|year"),
    "shift": re.compile(r"\bago\b|\bin\s+(?:a\s+few|several|a\s+couple\s+of|\w+)\s+(?:days?|weeks?|months?)\b"),
}
_NEEDS = [frozenset(needs) for needs, _ in _PATTERNS]
_WITH_A_MONTH = frozenset(("month_then_span", "span_then_month", "year_then_span", "dotted_day", "joined_month", "part_of",
                           "ordinal"))
assert all("month" in needs for needs in _NEEDS if needs & _WITH_A_MONTH)


def _patterns_for(lowered: str) -> list[re.Pattern]:
    """The lowered-text patterns whose anchors ``lowered`` holds, in pattern order."""
    present = {name for name, anchor in _ANCHORS_LOWER.items() if name not in _WITH_A_MONTH and anchor.search(lowered)}
    if "month" in present:  # the shapes around a month name are looked for only where one stands
        present.update(name for name in _WITH_A_MONTH if _ANCHORS_LOWER[name].search(lowered))
    compiled = _COMPILED_LOWER_ASCII if lowered.isascii() else _COMPILED_LOWER
    return [pattern for pattern, needs in zip(compiled, _NEEDS, strict=True) if needs <= present]


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str:
    if year is None:
        return ""
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def infer_year(month: int, day: int | None, published: dt.date | None) -> int | None:
    """The year of a month/day with no year: the latest no more than ~2 months after publication.

    A year-less 29 February is in the latest leap year that fits ("on 29 February", published
    in March 2023, is 2020-02-29)."""
    if published is None:
        return None
    leap_day = month == 2 and day == 29
    for year in range(published.year + 1, published.year - 8, -1):
        if leap_day and not calendar.isleap(year):
            continue
        candidate = dt.date(year, month, day if leap_day else min(day or 1, 28))
        if (candidate - published).days <= 62:
            return year
    return published.year - 1


def _month_of(name: str | None) -> int | None:
    return MONTHS.get(name.lower().rstrip(".")) if name else None


# --- the document's order of numeric dates -------------------------------------------------
# "02/22/2016" is month first, "22/02/2016" day first; "05/03/2022" is either. The document
# decides: an unambiguous numeric date in it (a number above 12) gives its order to the others;
# else the order it writes dates with month names in ("February 22, 2016" is month first, as US
# outlets write); else day first, as most releases of the genre (docs/conventions.md).
_NUMERIC_IN_TEXT = re.compile(r"(?<![\w.])([0-3]?\d)([./-])([0-3]?\d)\2(?:(?:19|20)\d{2}|\d{2}(?!\d))(?![\w])")
_MONTH_FIRST = re.compile(rf"\b{_MONTH_WORD}\s+[0-3]?\d(?:st|nd|rd|th)?\b(?!\s*(?:kg|%|per|tons?|tonnes?)\b)")
_DAY_FIRST = re.compile(rf"\b[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD}(?![a-z])")


def numeric_order(text: str) -> str:
    """``"dmy"`` or ``"mdy"``: the order in which ``text`` writes its numeric dates (see above)."""
    votes = Counter()
    for match in _NUMERIC_IN_TEXT.finditer(text):
        first, second = int(match[1]), int(match[3])
        if first > 12 >= second >= 1:
            votes["dmy"] += 1
        elif second > 12 >= first >= 1:
            votes["mdy"] += 1
    if votes:
        return "mdy" if votes["mdy"] > votes["dmy"] else "dmy"
    lowered = text.lower()
    month_first, day_first = len(_MONTH_FIRST.findall(lowered)), len(_DAY_FIRST.findall(lowered))
    return "mdy" if month_first > day_first else "dmy"


class _Document:
    """The document being read, whose numeric-date order is worked out when first needed."""

    __slots__ = ("text", "_order")

    def __init__(self, text: str) -> None:
        self.text = text
        self._order: str | None = None

    @property
    def order(self) -> str:
        if self._order is None:
            self._order = numeric_order(self.text)
        return self._order


# One per thread (Dask may run documents in threads). Not a ContextVar: setting one replaces the
# context's mapping, which frees objects a caller froze with gc.freeze() (tests/test_pipeline.py).
_READING = threading.local()


def _current_document() -> _Document | None:
    return getattr(_READING, "document", None)


@contextmanager
def reading_document(text: str):
    """Read the dates found inside this block as parts of the document ``text``: an ambiguous
    numeric date ("05/03/2022") takes the document's order (:func:`numeric_order`). Without it a
    sentence is its own document."""
    current = _current_document()
    if current is not None and current.text is text:
        yield
        return
    _READING.document = _Document(text)
    try:
        yield
    finally:
        _READING.document = current


def _numbers_of(g: dict) -> tuple[int, int, int] | None:
    """(first, second, year) of a numeric date, the year completed ("16" -> 2016)."""
    if g.get("num_year"):
        return int(g["num_a"]), int(g["num_b"]), int(g["num_year"])
    if g.get("num_yy"):
        return int(g["num_a2"]), int(g["num_b2"]), 2000 + int(g["num_yy"])
    return None


def _is_ambiguous(match: re.Match) -> bool:
    numbers = _numbers_of(match.groupdict())
    return numbers is not None and 1 <= numbers[0] <= 12 and 1 <= numbers[1] <= 12 and numbers[0] != numbers[1]


def _numeric(g: dict, order: str) -> tuple[str, str] | None:
    first, second, year = _numbers_of(g)
    if g.get("num_yy") and year > dt.date.today().year + 1:  # "3/4/98"
        year -= 100
    day, month = (second, first) if (first <= 12 < second) or (order == "mdy" and second <= 12) else (first, second)
    return (_iso(year, month, day),) * 2 if _valid(year, month, day) else None


# --- tense: a month or weekday alone is the past one, unless the sentence looks ahead ----------
# "The ministers will meet in June", "talks are scheduled for Friday", "plans to visit on Monday"
_LOOKS_AHEAD = re.compile(
    r"\b(?:will|shall|'ll|to\s+be\s+(?:held|hosted|organi[sz]ed|convened|signed)|(?:is|are)\s+(?:due|set|scheduled|"
    r"expected|planned|slated|going)\s+to|(?:is|are|was|were)\s+(?:scheduled|planned|slated)\s+(?:for|on|in)|"
    r"plans?\s+to|planning\s+to|intends?\s+to|upcoming|forthcoming|"
    # "agreed to organise a course in the autumn", "the meeting would be held in March", "planned for June"
    r"(?:agreed|decided|proposed|pledged|undertook)\s+to|would\s+(?:be\s+(?:held|hosted|organi[sz]ed|convened)|take\s+place)|"
    r"(?:planned|scheduled|slated)\s+for)\b")
_REPORTING = words_by_kind("reporting_words.csv")
_SAID = re.compile(rf"\b(?:{alternation(_REPORTING['verb'] + _REPORTING['present'])})\b")  # read in lowered text


def _looks_ahead(match: re.Match) -> bool:
    """Whether the words before a date in its sentence (after any "said") speak of the future."""
    before = match.string[max(0, match.start() - 120) : match.start()].lower()
    said = list(_SAID.finditer(before))
    if said:  # "said on Monday it will ...": the date is before the future
        before = before[said[-1].end():]
    return _LOOKS_AHEAD.search(before) is not None


def _month_alone(g: dict, match: re.Match, published: dt.date | None) -> tuple[str, str]:
    """A month without day or year, resolved as a weekday is: the most recent such month on or
    before publication ("in February"), or the next on or after it when the phrase or its sentence
    looks ahead ("next February", "will be held in June")."""
    if published is None:
        return ("", "")
    month = _month_of(g["month"])
    year = published.year
    if g.get("month_ahead") or _looks_ahead(match):
        year += month < published.month or (bool(g.get("month_ahead")) and month == published.month)
    else:
        year -= month > published.month
    return (_iso(year, month),) * 2


def _season(g: dict, match: re.Match, published: dt.date | None) -> tuple[str, str]:
    """A season's year: written ("the spring of 2025"); else, from the publication date, the next
    ("next summer", "will meet in the autumn": the one under way or to come), the last ended ("last
    winter") or the latest begun ("met in the spring", "this summer"). A winter is its December's year."""
    if g.get("season_year"):
        return (_iso(int(g["season_year"])),) * 2
    if published is None:
        return ("", "")
    first, last = SEASONS[g["season"].lower()]
    year, month = published.year, published.month
    if not g.get("season_ahead") and not g.get("season_back") and _looks_ahead(match):
        return (_iso(_season_under_way_or_next(first, last, published)),) * 2
    if first > last:  # winter: December to February
        begun = year if month == 12 else year - 1
        if g.get("season_ahead"):
            year = year if month < 12 else year + 1
        elif g.get("season_back"):
            year = begun - (month <= last)
        else:
            year = begun
    elif g.get("season_ahead"):
        year += month >= first
    elif g.get("season_back"):
        year -= month <= last
    else:
        year -= month < first
    return (_iso(year),) * 2


def _season_under_way_or_next(first: int, last: int, published: dt.date) -> int:
    """The year of the season of months ``first``-``last`` under way or next at ``published``; a
    winter is its December's year (in January it is still last year's)."""
    if first > last:
        return published.year - (published.month <= last)
    return published.year + (published.month > last)


_SEASON_WORD = re.compile(rf"\b(?:{_alt(SEASONS)})\b", re.IGNORECASE)


def next_season_year(phrase: str, published: dt.date) -> int | None:
    """The year of the season ``phrase`` names (without a year) that is under way or next
    at ``published``: what a planned event's "in the autumn" means. None when it names none.

    >>> next_season_year("in the spring", dt.date(2025, 6, 2)), next_season_year("the winter", dt.date(2025, 1, 9))
    (2026, 2024)
    """
    season = _SEASON_WORD.search(phrase)
    if season is None or re.search(r"\d{4}", phrase):
        return None
    return _season_under_way_or_next(*SEASONS[season.group(0).lower()], published)


def _resolve(m: re.Match, published: dt.date | None, order: str = "dmy") -> tuple[str, str] | None:
    """(iso, end_iso) for one match, or None when the numbers are not a date."""
    g = m.groupdict()
    if g.get("iso_year"):
        y, mo, d = int(g["iso_year"]), int(g["iso_month"]), int(g["iso_day"])
        return (_iso(y, mo, d),) * 2 if _valid(y, mo, d) else None
    if g.get("num_year") or g.get("num_yy"):
        return _numeric(g, order)
    if g.get("year_from"):
        low, high = int(g["year_from"]), int(g["year_to"])
        return (_iso(low), _iso(high)) if low < high else None
    if g.get("bare_year"):
        return (_iso(int(g["bare_year"])),) * 2
    if g.get("relative") or g.get("weekday") or g.get("weekday_bare"):
        return _relative(g, m, published)
    if g.get("ago_n") or g.get("ahead_n"):
        return _shifted(g, published)
    if g.get("season"):
        return _season(g, m, published)
    month = _month_of(g.get("month"))
    month2 = _month_of(g.get("month2")) or month
    if g.get("day_word"):
        day = _ORDINAL_DAYS[re.sub(r"\s+", " ", g["day_word"].lower())]
    else:
        day = int(g["day"]) if g.get("day") else None
    day2 = int(g["day2"]) if g.get("day2") else day
    if day is None and not g.get("year"):
        return _month_alone(g, m, published)
    year = int(g["year"]) if g.get("year") else infer_year(month, day, published)
    if year is None:
        return ("", "")
    if day is None:
        return (_iso(year, month),) * 2
    end_year = year
    if g.get("year_start"):
        year = int(g["year_start"])
    elif g.get("month2") and month2 < month:
        end_year, year = year, year - 1 if g.get("year") else year
    if not _valid(year, month, day) or not _valid(end_year, month2, day2):
        return None
    if (end_year, month2, day2) < (year, month, day):
        return None
    return _iso(year, month, day), _iso(end_year, month2, day2)


def _shifted(g: dict, published: dt.date | None) -> tuple[str, str]:
    """"10 days ago" is that day ("some 10 days ago" its month); weeks give the month, months the month,
    years the year; "in two weeks" counts forward."""
    if published is None:
        return ("", "")
    ahead = bool(g.get("ahead_n"))
    written = (g["ahead_n"] if ahead else g["ago_n"]).lower()
    count = int(written) if written.isdigit() else _COUNT_WORDS[re.sub(r"\s+", " ", written)]
    unit = (g["ahead_unit"] if ahead else g["ago_unit"]).lower().rstrip("s")
    sign = 1 if ahead else -1
    if unit in ("day", "week"):
        day = published + dt.timedelta(days=sign * count * (7 if unit == "week" else 1))
        exact = unit == "day" and not g.get("ago_hedge") and written not in ("a few", "several", "a couple of")
        return (day.isoformat() if exact else _iso(day.year, day.month),) * 2
    if unit == "month":
        months = published.year * 12 + published.month - 1 + sign * count
        return (_iso(months // 12, months % 12 + 1),) * 2
    return (_iso(published.year + sign * count),) * 2


_RUNS_UNTIL = re.compile(r"\b(?:runs|continues|lasts|is\s+open|will\s+(?:run|continue|last))\s+(?:\w+\s+)?"
                         r"(?:until|till|through)\s+$", re.IGNORECASE)


def _weekday(g: dict, match: re.Match, published: dt.date) -> dt.date:
    """"on Tuesday" is the most recent Tuesday on or before publication, unless its sentence looks
    ahead ("will meet on Tuesday": the next one); "next Sunday" and "this Friday" are the coming
    ones ("this Friday" may be the day itself); "last Monday" is before the day of publication."""
    target = WEEKDAYS[(g.get("weekday") or g["weekday_bare"]).lower()]
    ahead = (target - published.weekday()) % 7
    if g.get("forward"):
        return published + dt.timedelta(days=ahead or 7)
    if (g.get("this") and not _told_in_past(match)) or _RUNS_UNTIL.search(
            match.string, max(0, match.start() - 40), match.start()):
        return published + dt.timedelta(days=ahead)  # "this Friday"; "The workshop ... runs until Wednesday"
    behind = (published.weekday() - target) % 7
    if g.get("back"):
        return published - dt.timedelta(days=behind or 7)
    if not g.get("this") and _looks_ahead(match):
        return published + dt.timedelta(days=ahead or 7)
    return published - dt.timedelta(days=behind)


# "met this Monday", "was arrested this Tuesday": a verb in the past just before "this <weekday>"
_PAST_VERB = re.compile(r"\b(?:was|were|had|did|met|held|took|made|came|went|began|left|saw|gave|told|said|"
                        r"found|caught|seized|[a-z]{2,}ed)\s+(?:[a-z]+\s+){0,3}$")


def _told_in_past(match: re.Match) -> bool:
    return _PAST_VERB.search(match.string[max(0, match.start() - 60) : match.start()].lower()) is not None


def _weekend(phrase: str, published: dt.date) -> tuple[str, str]:
    """"over the weekend", "last weekend": the Saturday and Sunday before publication (the one
    publication falls in, when it does); "this weekend" the coming one; "next weekend" the one after."""
    saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
    if phrase.startswith("next"):
        saturday += dt.timedelta(days=7)
    elif phrase.startswith("this") and "past" not in phrase and published.weekday() < 5:
        saturday += dt.timedelta(days=7)
    return saturday.isoformat(), (saturday + dt.timedelta(days=1)).isoformat()


_SHIFT_WORD = re.compile(r"\b(?P<word>last|past|next|coming)\s+(?:week|month|year|weekend)$")


def _relative(g: dict, match: re.Match, published: dt.date | None) -> tuple[str, str]:
    if published is None:
        return ("", "")
    if g.get("weekday") or g.get("weekday_bare"):
        return (_weekday(g, match, published).isoformat(),) * 2
    phrase = re.sub(r"\s+", " ", g["relative"].lower())
    if phrase in ("today", "tonight", "last night", "this week", "earlier today") or phrase.startswith("this ") \
            and phrase.endswith(("morning", "afternoon", "evening")):
        day = published - dt.timedelta(days=1 if phrase == "last night" else 0)
        return (day.isoformat(),) * 2
    if phrase == "yesterday":
        return ((published - dt.timedelta(days=1)).isoformat(),) * 2
    if phrase == "the day before yesterday":
        return ((published - dt.timedelta(days=2)).isoformat(),) * 2
    if phrase.endswith("tomorrow"):
        return ((published + dt.timedelta(days=2 if phrase.startswith("the") else 1)).isoformat(),) * 2
    if phrase.endswith("weekend"):
        return _weekend(phrase, published)
    shifted = _SHIFT_WORD.search(phrase)
    direction = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(shifted["word"], 0) if shifted else 0
    if phrase.endswith("week"):
        day = published + dt.timedelta(days=7 * direction)
        return (_iso(day.year, day.month),) * 2
    if phrase.endswith("month"):
        first = published.replace(day=1)
        if direction < 0:
            first = (first - dt.timedelta(days=1)).replace(day=1)
        elif direction > 0:
            first = (first + dt.timedelta(days=32)).replace(day=1)
        return (_iso(first.year, first.month),) * 2
    return (_iso(published.year + direction),) * 2


def _find_dates_uncached(text: str, published: dt.date | None = None) -> list[DateMention]:
    """Every date phrase in ``text``, in order, without overlaps (longest wins).

    >>> [d.iso for d in find_dates("On 21 November 2023 officers ...")]
    ['2023-11-21']
    """
    return _mentions(text, _candidates(text), published)


def _candidates(text: str) -> list[tuple[int, int, re.Match]]:
    """Every pattern's matches as (start, -length, match), in order, longest first."""
    lowered = lower_for_matching(text) if _LOWERED_IS_EXACT else None
    if lowered is not None:  # matches index ``text`` too; their groups are read case-insensitively
        subject, patterns = lowered, _patterns_for(lowered)
    elif _MAY_HOLD_DATE.search(text):
        subject, patterns = text, _COMPILED
    else:
        return []
    candidates: list[tuple[int, int, re.Match]] = []
    for pattern in patterns:
        for match in pattern.finditer(subject):
            candidates.append((match.start(), -(match.end() - match.start()), match))
    candidates.sort(key=lambda c: (c[0], c[1]))
    return candidates


def _mentions(text: str, candidates: list[tuple[int, int, re.Match]], published: dt.date | None,
              order: str = "dmy") -> list[DateMention]:
    """The dates of the candidates that resolve, without overlaps (the first and longest wins)."""
    mentions: list[DateMention] = []
    taken_until = -1
    for start, _, match in candidates:
        if start < taken_until:
            continue
        try:
            resolved = _resolve(match, published, order)
        except (OverflowError, ValueError):  # a publication date at the ends of the calendar
            resolved = ("", "")
        if resolved is None:
            continue
        span = _trim_span(match)
        groups = match.groupdict()
        mentions.append(
            DateMention(
                span[0], span[1], text[span[0] : span[1]], resolved[0], resolved[1],
                relative=bool(groups.get("relative") or groups.get("weekday") or groups.get("weekday_bare")),
            )
        )
        taken_until = match.end()
    return mentions


_LEADING_WORDS = re.compile(r"^(?:from|between|on|the|last|this|next|in|for|during|until|since|by|coming)\s+|"
                            r"^(?:early|late)\s+(?=(?:on\s+)?[a-z]+day\b)",
                            re.IGNORECASE)


def _trim_span(match: re.Match) -> tuple[int, int]:
    """Drop leading "from", "on" ... from the phrase kept as ``date_text``."""
    start, end = match.span()
    text = match.group(0)
    groups = match.groupdict()
    if groups.get("relative"):  # "last week" keeps its "last"; "the second half of the year" loses "the"
        return (start + 4, end) if text[:4].lower() == "the " and " of " in text else (start, end)
    if groups.get("iso_year") and len(text) > 10 and text[10:11] in "tT":  # "2024-06-03T09:12": the day
        return start, start + 10
    if groups.get("day_word") or groups.get("part_of_month"):
        # "the twenty-third of May 2018", "the last week of July" keep their words after "the"
        lead = re.match(r"(?:on\s+)?(?:the\s+)?", text, re.IGNORECASE)
        return start + lead.end(), end
    while True:
        lead = _LEADING_WORDS.match(text)
        if not lead:
            break
        start += lead.end()
        text = text[lead.end():]
    return start, end


def parse_date(text: str, published: dt.date | None = None) -> str:
    """The ISO form of the first date in ``text`` ("" when none)."""
    found = find_dates(text, published)
    return found[0].iso if found else ""


# "(IRNA) –", ", GNA -", "(APP):"
_DATELINE_DASH = re.compile(r"\s*(?:(?:\([^()]{1,30}\)\s*|,\s*[A-Z]{2,10}\s*)?[–—-]{1,2}|\([^()]{1,30}\)\s*:)\s")


def in_dateline(text: str, mention: DateMention) -> bool:
    """Whether a date found in ``text`` is its dateline's ("ZAHEDAN, Nov. 20 (IRNA) –",
    "TASHKENT, 14 June 2023 –", "Accra, Aug 19, GNA -", "KARACHI, Nov 9 (APP):"): when the news was told,
    not when anything happened."""
    return mention.start < 80 and _DATELINE_DASH.match(text, mention.end) is not None


def to_date(iso: str | None) -> dt.date | None:
    """A ``date`` for a full ISO day string, else None."""
    if not iso or len(iso) != 10:
        return None
    try:
        return dt.date.fromisoformat(iso)
    except ValueError:
        return None



class _Reading:
    """The pattern matches in one text, and its dates for each publication date asked for
    (extractors read a sentence with and without the publication date: one scan serves both)."""

    __slots__ = ("text", "candidates", "dates", "ambiguous")

    def __init__(self, text: str) -> None:
        self.text = text
        self.candidates = _candidates(text)
        self.dates: dict[tuple[dt.date | None, str], tuple[DateMention, ...]] = {}
        # a numeric date that either order reads ("05/03/2022"): its date is the document's order
        self.ambiguous = any(_is_ambiguous(match) for _, _, match in self.candidates)

    def mentions(self, published: dt.date | None) -> tuple[DateMention, ...]:
        order = "dmy"
        if self.ambiguous:
            document = _current_document()
            order = document.order if document is not None else numeric_order(self.text)
        found = self.dates.get((published, order))
        if found is None:
            found = self.dates[(published, order)] = tuple(_mentions(self.text, self.candidates, published, order))
        return found


@reading_cache(8192)
def _find_dates_cached(text: str) -> _Reading:
    return _Reading(text)


def find_dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    return list(_find_dates_cached(text).mentions(published))


# Several extractors read the same sentence; the answer is memoised and each caller gets its own list.
find_dates.__doc__ = _find_dates_uncached.__doc__
