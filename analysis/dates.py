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

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.lexicons import lower_for_matching, lowered_match_is_exact, read_rows, split_aliases

MONTHS = {a: int(r["month"]) for r in read_rows("months.csv") for a in split_aliases(r["aliases"])}
WEEKDAYS = {a: int(r["weekday"]) for r in read_rows("weekdays.csv") for a in split_aliases(r["aliases"])}


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
    return "|".join(sorted(words, key=len, reverse=True))


# "a", "one" ... "twelve", "a few", "several": how many days or weeks ago (number_words.csv's small units)
_COUNT_WORDS = {row["word"]: int(float(row["value"])) for row in read_rows("number_words.csv")
                if row["role"] in ("unit", "article") and 1 <= float(row["value"]) <= 12}
_COUNT_WORDS.update({"a few": 3, "several": 3, "a couple of": 2})


# Abbreviations may carry a period ("Nov."); full names may not, so that the
# full stop after "13 November." stays out of the phrase.
_MONTH_NAMES = "|".join(
    sorted((m if len(m) > 4 or m in ("may", "june", "july") else rf"{m}\.?" for m in MONTHS),
           key=len, reverse=True)
)
_MONTH = rf"(?P<month>{_MONTH_NAMES})"
_MONTH2 = rf"(?P<month2>{_MONTH_NAMES})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAY_PREFIX = rf"(?:(?:{_alt(WEEKDAYS)}),?\s+)?"
_SPAN_JOIN = r"\s*(?:-|–|—|and|to|until|till)\s*"

# Each pattern names the groups it fills; one resolver turns groups into dates.
# Each also names the anchors it cannot match without (see _ANCHORS below): a
# sentence is scanned only with the patterns whose anchors it holds.
_PATTERNS = [
    # 30 September - 2 October 2024
    (("month", "digit"),
     rf"{_WEEKDAY_PREFIX}(?:from\s+)?{_DAY}\s+{_MONTH}{_SPAN_JOIN}{_DAY2}\s+{_MONTH2}(?:,?\s+{_YEAR})?"),
    # 13 and 14 November (2023) / 2-3 October 2024 / from 5 to 9 June
    (("month", "digit"),
     rf"{_WEEKDAY_PREFIX}(?:from\s+|between\s+)?{_DAY}{_SPAN_JOIN}{_DAY2}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?"),
    # 21 November 2023 / 1st of March 2022 / Tuesday, 14 May 2024
    (("month", "digit"), rf"{_WEEKDAY_PREFIX}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?"),
    # November 5-9, 2024
    (("month", "digit"), rf"{_WEEKDAY_PREFIX}{_MONTH}\s+{_DAY}{_SPAN_JOIN}{_DAY2}(?:,?\s+{_YEAR})?"),
    # November 21, 2023 / March 1st, 2022
    (("month", "digit"), rf"{_WEEKDAY_PREFIX}{_MONTH}\s+{_DAY}(?!\d)(?:,?\s+{_YEAR})?"),
    # May 2015
    (("month", "year"), rf"{_MONTH}(?:\s+of)?,?\s+{_YEAR}"),
    # in October, scheduled for June (month alone: year from the publication date)
    (("month",),
     rf"(?:in|for|during|until|since|by|early|late|mid-?|end\s+of|beginning\s+of)\s+{_MONTH}(?![\w-])(?!\s*,?\s*\d)"),
    # 2023-11-21
    (("year",), r"(?P<iso_year>(?:19|20)\d{2})-(?P<iso_month>[01]\d)-(?P<iso_day>[0-3]\d)"),
    # 21.11.2023, 21/11/2023 (day first)
    (("year",), r"(?P<num_day>[0-3]?\d)[./](?P<num_month>[01]?\d)[./](?P<num_year>(?:19|20)\d{2})"),
    # 2015-2019, 2015 - 2020
    (("year",), r"(?P<year_from>(?:19|20)\d{2})\s*[-–—]\s*(?P<year_to>(?:19|20)\d{2})"),
    # in 2014, (a bare year not followed by a unit)
    # (a vague part of it, "early 2025", "first quarter of 2024", "mid-2025", is that year, told as written)
    (("year",), r"(?:mid-|(?:early|late|mid|(?:first|second|third|fourth|last)\s+(?:half|quarter)\s+of|"
                r"(?:end|beginning|start|middle)\s+of)\s+)?"
                r"(?P<bare_year>(?:19|20)\d{2})(?!\s*(?:kg|kilo|tons?|tonnes?|grams?|pills|tablets|ha|%|,\d))"),
    # relative to publication
    (("relative",),
     r"(?P<relative>yesterday|today|this\s+morning|tonight|last\s+night|"
     r"(?:the\s+)?(?:(?:first|second)\s+half|end|beginning|start)\s+of\s+(?:the|this)\s+year|"
     r"(?:last|this|next|earlier\s+this|later\s+this|past)\s+(?:week|month|year)|"
     r"the\s+day\s+before\s+yesterday|(?:the\s+day\s+after\s+)?tomorrow)"),
    # "some 10 days ago", "two weeks ago"; "in two weeks", "in 10 days" (planned events)
    (("shift",),
     rf"(?P<ago_hedge>(?:some|about|around|nearly|almost|roughly)\s+)?(?P<ago_n>\d{{1,3}}|{_alt(_COUNT_WORDS)})\s+"
     r"(?P<ago_unit>days?|weeks?|months?|years?)\s+ago|"
     rf"in\s+(?P<ahead_n>\d{{1,3}}|{_alt(_COUNT_WORDS)})\s+(?P<ahead_unit>days?|weeks?|months?)(?!\s+(?:of|after|before))"),
    # on Tuesday (but not "On Tuesday, 14 May 2024", which the weekday-prefixed patterns read)
    (("weekday",),
     rf"(?:on|last|this|(?P<forward>next|coming|this\s+coming))\s+(?P<weekday>{_alt(WEEKDAYS)})\b"
     rf"(?!,?\s+(?:the\s+)?[0-3]?\d(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{_MONTH_NAMES})(?!\w)|,?\s+(?:{_MONTH_NAMES})\s+[0-3]?\d)"),
]
_MAY_HOLD_DATE = re.compile(
    rf"\d|\b(?:{_alt(MONTHS)}|{_alt(WEEKDAYS)}|yesterday|today|tomorrow|tonight|morning|night|week|month|year|days?)\b",
    re.IGNORECASE,
)


def _compile() -> list[re.Pattern]:
    return [
        re.compile(rf"(?<![\w.]){p}(?![\w])", re.IGNORECASE)
        for _, p in _PATTERNS
    ]


_COMPILED = _compile()
# The same patterns, case-sensitive, for lowered text (see lexicons.lower_for_matching):
# they find the same dates several times faster. Their letters are all lower case.
_COMPILED_LOWER = [re.compile(p.pattern) for p in _COMPILED]
_LOWERED_IS_EXACT = lowered_match_is_exact([*MONTHS, *WEEKDAYS])


def _month_anchor(month: str) -> str:
    # Where the patterns read a month name, it starts a word (or follows "mid", as in
    # "midMarch") and ends one, or runs straight into the "and"/"to" of a span. Each name
    # comes first, so that the engine skips to the next possible first letter.
    m = re.escape(month)
    return rf"{m}(?:(?<!\w{m})|(?<=mid{m}))(?:(?!\w)|and|to|until|till)"


# What each pattern cannot match without, read in lowered text. Every pattern runs over
# every position of a sentence, so scanning with only the patterns whose anchors are
# present finds the same matches in a fraction of the time: most sentences name no
# month, many no year.
_ANCHORS_LOWER = {
    "digit": re.compile(r"\d"),
    "year": re.compile(r"(?:19|20)\d{2}"),
    "month": re.compile("|".join(_month_anchor(m) for m in sorted(MONTHS, key=len, reverse=True))),
    "weekday": re.compile(rf"(?:on|last|this|next|coming)\s+(?:{_alt(WEEKDAYS)})\b"),
    "relative": re.compile(r"yesterday|today|tomorrow|morning|night|week|month|year"),
    "shift": re.compile(r"\bago\b|\bin\s+(?:a\s+few|several|a\s+couple\s+of|\w+)\s+(?:days?|weeks?|months?)\b"),
}
_NEEDS = [frozenset(needs) for needs, _ in _PATTERNS]


def _patterns_for(lowered: str) -> list[re.Pattern]:
    """The lowered-text patterns whose anchors ``lowered`` holds, in pattern order."""
    present = {name for name, anchor in _ANCHORS_LOWER.items() if anchor.search(lowered)}
    return [pattern for pattern, needs in zip(_COMPILED_LOWER, _NEEDS, strict=True) if needs <= present]


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
    """The year of a month/day with no year: the latest no more than ~2 months after publication."""
    if published is None:
        return None
    for year in (published.year + 1, published.year, published.year - 1):
        candidate = dt.date(year, month, min(day or 1, 28))
        if (candidate - published).days <= 62:
            return year
    return published.year - 1


def _month_of(name: str | None) -> int | None:
    return MONTHS.get(name.lower().rstrip(".")) if name else None


def _resolve(m: re.Match, published: dt.date | None) -> tuple[str, str] | None:
    """(iso, end_iso) for one match, or None when the numbers are not a date."""
    g = m.groupdict()
    if g.get("iso_year"):
        y, mo, d = int(g["iso_year"]), int(g["iso_month"]), int(g["iso_day"])
        return (_iso(y, mo, d),) * 2 if _valid(y, mo, d) else None
    if g.get("num_year"):
        y, mo, d = int(g["num_year"]), int(g["num_month"]), int(g["num_day"])
        return (_iso(y, mo, d),) * 2 if _valid(y, mo, d) else None
    if g.get("year_from"):
        low, high = int(g["year_from"]), int(g["year_to"])
        return (_iso(low), _iso(high)) if low < high else None
    if g.get("bare_year"):
        return (_iso(int(g["bare_year"])),) * 2
    if g.get("relative") or g.get("weekday"):
        return _relative(g, published)
    if g.get("ago_n") or g.get("ahead_n"):
        return _shifted(g, published)
    month = _month_of(g.get("month"))
    month2 = _month_of(g.get("month2")) or month
    day = int(g["day"]) if g.get("day") else None
    day2 = int(g["day2"]) if g.get("day2") else day
    year = int(g["year"]) if g.get("year") else infer_year(month, day, published)
    if year is None:
        return ("", "")
    if day is None:
        return (_iso(year, month),) * 2
    end_year = year
    if g.get("month2") and month2 < month:
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


def _relative(g: dict, published: dt.date | None) -> tuple[str, str]:
    if published is None:
        return ("", "")
    if g.get("weekday"):
        target = WEEKDAYS[g["weekday"].lower()]
        if g.get("forward"):  # "next Sunday": the coming one, a week on if that is today
            day = published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
        else:
            day = published - dt.timedelta(days=(published.weekday() - target) % 7)
        return (day.isoformat(),) * 2
    phrase = re.sub(r"\s+", " ", g["relative"].lower())
    if phrase in ("today", "this morning", "tonight", "last night", "this week"):
        day = published - dt.timedelta(days=1 if phrase == "last night" else 0)
        return (day.isoformat(),) * 2
    if phrase == "yesterday":
        return ((published - dt.timedelta(days=1)).isoformat(),) * 2
    if phrase == "the day before yesterday":
        return ((published - dt.timedelta(days=2)).isoformat(),) * 2
    if phrase.endswith("tomorrow"):
        return ((published + dt.timedelta(days=2 if phrase.startswith("the") else 1)).isoformat(),) * 2
    if phrase.endswith("week"):
        shift = {"last": -7, "past": -7, "next": 7}.get(phrase.split()[0], 0)
        day = published + dt.timedelta(days=shift)
        return (_iso(day.year, day.month),) * 2
    if phrase.endswith("month"):
        first = published.replace(day=1)
        if phrase.startswith(("last", "past")):
            first = (first - dt.timedelta(days=1)).replace(day=1)
        elif phrase.startswith("next"):
            first = (first + dt.timedelta(days=32)).replace(day=1)
        return (_iso(first.year, first.month),) * 2
    shift = {"last": -1, "past": -1, "next": 1}.get(phrase.split()[0], 0)
    return (_iso(published.year + shift),) * 2


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


def _mentions(text: str, candidates: list[tuple[int, int, re.Match]], published: dt.date | None) -> list[DateMention]:
    """The dates of the candidates that resolve, without overlaps (the first and longest wins)."""
    mentions: list[DateMention] = []
    taken_until = -1
    for start, _, match in candidates:
        if start < taken_until:
            continue
        try:
            resolved = _resolve(match, published)
        except (OverflowError, ValueError):  # a publication date at the ends of the calendar
            resolved = ("", "")
        if resolved is None:
            continue
        span = _trim_span(match)
        mentions.append(
            DateMention(
                span[0], span[1], text[span[0] : span[1]], resolved[0], resolved[1],
                relative=bool(match.groupdict().get("relative") or match.groupdict().get("weekday")),
            )
        )
        taken_until = match.end()
    return mentions


_LEADING_WORDS = re.compile(r"^(?:from|between|on|the|last|this|next|in|for|during|until|since|by)\s+", re.IGNORECASE)


def _trim_span(match: re.Match) -> tuple[int, int]:
    """Drop leading "from", "on" ... from the phrase kept as ``date_text``."""
    start, end = match.span()
    text = match.group(0)
    if match.groupdict().get("relative"):  # "last week" keeps its "last"; "the second half of the year" loses "the"
        return (start + 4, end) if text[:4].lower() == "the " and " of " in text else (start, end)
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


_DATELINE_DASH = re.compile(r"\s*(?:\([^()]{1,30}\)\s*)?[–—-]{1,2}\s")


def in_dateline(text: str, mention: DateMention) -> bool:
    """Whether a date found in ``text`` is its dateline's ("ZAHEDAN, Nov. 20 (IRNA) –",
    "TASHKENT, 14 June 2023 –"): when the news was told, not when anything happened."""
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

    __slots__ = ("text", "candidates", "dates")

    def __init__(self, text: str) -> None:
        self.text = text
        self.candidates = _candidates(text)
        self.dates: dict[dt.date | None, tuple[DateMention, ...]] = {}

    def mentions(self, published: dt.date | None) -> tuple[DateMention, ...]:
        found = self.dates.get(published)
        if found is None:
            found = self.dates[published] = tuple(_mentions(self.text, self.candidates, published))
        return found


@lru_cache(maxsize=8192)
def _find_dates_cached(text: str) -> _Reading:
    return _Reading(text)


def find_dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    return list(_find_dates_cached(text).mentions(published))


# Several extractors read the same sentence; the answer is memoised and each caller gets its own list.
find_dates.__doc__ = _find_dates_uncached.__doc__
