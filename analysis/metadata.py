"""Document-level facts: title, publication date, publisher and dateline.

Pure functions of a :class:`~analysis.corpus.Document`; source metadata
(HTML, JSON lines) wins over what is read from the text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from analysis.corpus import Document
from analysis.dates import find_dates, to_date
from analysis.gazetteer import country_code, find_places, place
from analysis.lexicons import read_rows, split_aliases

ORGANIZATIONS: dict[str, tuple[str, str, bool]] = {}  # alias -> (canonical, kind, publishes)
for _row in read_rows("organizations.csv"):
    for _alias in split_aliases(_row["aliases"]):
        ORGANIZATIONS[_alias] = (_row["canonical"], _row["kind"], _row["publisher"] == "1")

# An alias not inside a word: "(?<![\w-])(?:alias|...)(?![\w-])", with the lookbehind written
# after each alias ("alias(?<![\w-]alias)", the same test). Every alternative then starts with
# a letter, so the engine skips straight to the aliases' first letters (capitals, mostly).
ORGANIZATION_PATTERN = re.compile(
    "(?:" + "|".join(rf"{re.escape(a)}(?<![\w-]{re.escape(a)})" for a in sorted(ORGANIZATIONS, key=len, reverse=True))
    + r")(?![\w-])"
)

# "DUSHANBE, Tajikistan –", "TASHKENT (TCA) —", "KABUL, 3 March 2024 –",
# "ALMATY, Kazakhstan, March 3 (Reuters) -"
DATELINE = re.compile(
    r"^(?P<city>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]+(?:[ -][A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]+){0,3})"
    r"(?:\s*,\s*(?P<country>[A-Z][\w .'’-]+?))?"
    r"(?:\s*,\s*(?P<date>[^,()–—-]{3,30}?))?"
    r"\s*(?:\((?P<agency>[^)]{2,40})\))?"
    r"\s*[–—-]+\s+",
    re.MULTILINE,
)
# "Dushanbe (Tajikistan), 12 October 2020 –", "Lagos, Nigeria, 7 June 2023 –", "The Hague, 4 March
# 2025 –": a city in title case counts only with a date that ends in its year, then a dash, so that an
# ordinary first sentence is not read as a dateline
DATELINE_TITLE_CASE = re.compile(
    r"^(?P<city>[A-Z][a-z'’.-]+(?:[ -][A-Z][a-z'’.-]+){0,2})"
    r"\s*(?:\((?P<country>[A-Z][\w .'’-]+?)\)|,\s*(?P<country_after>[A-Z][\w .'’-]+?))?"
    r"\s*,\s*(?P<date>[^,()–—-]{3,30}?\d{4})"
    r"(?P<agency>)\s*[–—-]+\s+",
    re.MULTILINE,
)
_DATE_LINE = re.compile(
    r"^\s*(?:published|posted|date|updated)?\s*:?\s*(?P<date>[^|]{6,40}?)\s*"
    r"(?:[-–—|]\s*(?:media|press)\s+release.*)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """The ``documents`` table row of one document."""

    doc_id: str
    path: str
    title: str
    published: str
    publisher: str
    dateline_city: str
    dateline_country: str
    n_chars: int


def organizations_in(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, surface, canonical) for every known organisation named in ``text``."""
    return [(m.start(), m.end(), m.group(0), ORGANIZATIONS[m.group(0)][0])
            for m in ORGANIZATION_PATTERN.finditer(text)]


def describe(document: Document) -> DocumentFacts:
    """Title, publication date, publisher and dateline of a document."""
    lines = [line.strip() for line in document.text.split("\n") if line.strip()]
    published = document.published or _published_from_lines(lines[:6])
    dateline = DATELINE.search(document.text[:3000]) or DATELINE_TITLE_CASE.search(document.text[:3000])
    city = country = ""
    if dateline:
        city, country = _dateline_place(dateline)
        if not published and dateline.group("date"):
            found = find_dates(dateline.group("date"))
            published = found[0].iso if found and len(found[0].iso) == 10 else ""
    return DocumentFacts(
        doc_id=document.doc_id,
        path=document.path,
        title=document.title or _title_from_lines(lines),
        published=published,
        publisher=_publisher(document, dateline),
        dateline_city=city,
        dateline_country=country,
        n_chars=len(document.text),
    )


def published_date(document: Document) -> dt.date | None:
    """The publication date as a ``date`` when known to the day."""
    return to_date(describe(document).published)


# "3 April 2025 – Press Service of the Ministry of ...": a date, a dash, then who issued it
_DATE_THEN_ISSUER = re.compile(r"^\s*(?P<date>[\w ,.]{6,30}?)\s+[-–—|]\s+\S.{0,120}$")


def _published_from_lines(lines: list[str]) -> str:
    for line in lines:
        match = _DATE_LINE.match(line) if len(line) <= 60 else _DATE_THEN_ISSUER.match(line)
        if not match:
            continue
        found = find_dates(match.group("date"))
        if found and len(found[0].iso) == 10 and found[0].text.strip() == match.group("date").strip():
            return found[0].iso
    return ""


def _title_from_lines(lines: list[str]) -> str:
    for line in lines[:4]:
        if _DATE_LINE.match(line) and _published_from_lines([line]):
            continue
        words = line.split()
        if 3 <= len(words) <= 30 and not line.endswith((".", ":", ";")) and not DATELINE.match(line + " "):
            return line
        return ""
    return ""


def _dateline_place(match: re.Match) -> tuple[str, str]:
    city = match.group("city").title()
    country = ""
    named_country = match.group("country") or (match.groupdict().get("country_after") or "")
    if named_country:  # "Tajikistan", or a region that says it ("Ariz.")
        region = place(named_country.strip())
        country = country_code(named_country.strip()) or (region[2] if region else "")
    known = place(city)
    if not country and known:
        country = known[2]
    if not known and not country and not country_code(city):
        return "", ""
    if country_code(match.group("city")):  # "TAJIKISTAN –" names a country, not a city
        return "", country_code(match.group("city")) or ""
    return city, country  # as the text spells it ("Ulaanbaatar", not the gazetteer's "Ulan Bator")


_ISSUED_BY = re.compile(r"^(?:Issued|Released|Published|Distributed)\s+by\s+(?:the\s+)?"
                        r"(?:(?:Press|Media|Public\s+Relations|Information)\s+(?:Office|Service|Centre|Center|Department|"
                        r"Unit|Division)\s+of\s+(?:the\s+)?)?(?P<who>[A-Z][^\n]{2,100}?)\.?[ \t]*$", re.MULTILINE)


_ISSUED_WORDS = ("ssued by", "eleased by", "ublished by", "istributed by")


def _publisher(document: Document, dateline: re.Match | None) -> str:
    if dateline and dateline.group("agency"):
        agency = dateline.group("agency").strip()
        if agency in ORGANIZATIONS:
            return ORGANIZATIONS[agency][0]
        return agency
    sitename = document.meta.get("sitename") if document.meta else ""
    if sitename:
        return sitename
    # "Issued by the Press Office of the Ministry of ... of Panama." (a substring test first: most texts have none)
    issued = _ISSUED_BY.search(document.text) if any(w in document.text for w in _ISSUED_WORDS) else None
    if issued:
        named = organizations_in(issued.group("who"))
        return named[0][3] if named else issued.group("who").strip()
    # A publisher names itself in the headline and lede more than anyone else.
    counts: Counter[str] = Counter()
    for start, _, surface, canonical in organizations_in(document.text):
        if ORGANIZATIONS[surface][2]:
            counts[canonical] += 3 if start < 300 else 1
    if not counts:
        return ""
    return counts.most_common(1)[0][0]


def document_countries(text: str) -> list[str]:
    """Sorted ISO3 codes of the countries a text names (places count for their country)."""
    return sorted({m.country for m in find_places(text) if m.kind == "country"})
