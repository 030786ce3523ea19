"""Document-level facts: title, publication date, publisher and dateline.

Pure functions of a :class:`~analysis.text.corpus.Document`; source metadata
(HTML, JSON lines) wins over what is read from the text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from analysis.text.corpus import Document
from analysis.text.dates import WEEKDAYS, find_dates, reading_document, to_date
from analysis.text.gazetteer import country_code, find_places, place
from analysis.text.lexicons import read_rows, split_aliases

ORGANIZATIONS: dict[str, tuple[str, str, bool]] = {}  # alias -> (canonical, kind, publishes)
ORGANIZATION_COUNTRIES: dict[str, str] = {}  # canonical -> ISO3 of a national body ("ONCB" -> "THA")
for _number, _row in enumerate(read_rows("organizations.csv"), start=1):
    for _alias in split_aliases(_row["aliases"]):
        ORGANIZATIONS[_alias] = (_row["canonical"], _row["kind"], _row["publisher"] == "1")
    if _row["country"]:
        if not re.fullmatch(r"[A-Z]{3}", _row["country"]):
            raise ValueError(f"analysis/data/organizations.csv: row {_number} ({_row['canonical']}) has country "
                             f"{_row['country']!r}, not an ISO3 code")
        ORGANIZATION_COUNTRIES[_row["canonical"]] = _row["country"]

# An alias not inside a word: "(?<![\w-])(?:alias|...)(?![\w-])", with the lookbehind written
# after each alias ("alias(?<![\w-]alias)", the same test). Every alternative then starts with
# a letter, so the engine skips straight to the aliases' first letters (capitals, mostly); grouped
# by that letter ("U(?:NODC...|NODA...)|I(?:NTERPOL...)"), it tries at a capital only the aliases
# that begin with it (the alternation is case-sensitive: two first letters never match at one place).
def _organization_pattern() -> re.Pattern:
    groups: dict[str, list[str]] = {}
    for alias in sorted(ORGANIZATIONS, key=len, reverse=True):
        groups.setdefault(alias[0], []).append(rf"{re.escape(alias[1:])}(?<![\w-]{re.escape(alias)})")
    return re.compile("(?:" + "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())
                      + r")(?![\w-])")


ORGANIZATION_PATTERN = _organization_pattern()

# "DUSHANBE, Tajikistan –", "TASHKENT (TCA) —", "KABUL, 3 March 2024 –",
# "ALMATY, Kazakhstan, March 3 (Reuters) -", "DUSHANBE, October 19, 2012, Asia-Plus —", "ISLAMABAD: From today"
# The city's words are joined by spaces only: a hyphen is already a letter of a word ("BANDAR-E-ABBAS"),
# and a hyphen that could be either gave "A-A-A-..." (a first line of 400 characters) 22 s of backtracking.
DATELINE = re.compile(
    r"^(?P<city>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]+(?: [A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]+){0,3})"
    r"(?:\s*,\s*(?P<country>[A-Z][\w .'’-]+?))?"
    r"(?:\s*,\s*(?P<date>[^,()–—-]{3,30}?(?:,\s*\d{4})?))?"
    r"(?:\s*,\s*(?P<outlet>[A-Z][\w.'’-]+(?:[ -][A-Z][\w.'’-]+){0,3}))?"  # after the date: ", Asia-Plus —"
    r"\s*(?:\((?P<agency>[^)]{2,40})\))?"
    r"(?:\s*[–—-]+\s+|:\s+(?=[A-Z])|(?<=[)A-Z])\.\s+(?=[A-Z]))",  # "(ANDINA). Peru's", "ARMENPRESS. Chief"
    re.MULTILINE,
)
# "Dushanbe (Tajikistan), 12 October 2020 –", "Lagos, Nigeria, 7 June 2023 –", "The Hague, 4 March
# 2025 –", "Bishkek, Nov. 9, 2017. /Kabar/.", "Description:Bucharest, November 26th, 2012 –": a city in
# title case counts only with a date that ends in its year, then a dash or an agency between slashes,
# so that an ordinary first sentence is not read as a dateline
DATELINE_TITLE_CASE = re.compile(
    r"^(?:[A-Z][a-z]{2,15}:\s*)?(?P<city>[A-Z][a-z'’.-]+(?:[ -][A-Z][a-z'’.-]+){0,2})"
    r"\s*(?:\((?P<country>[A-Z][\w .'’-]+?)\)|,\s*(?P<country_after>[A-Z][\w .'’-]+?))?"
    r"\s*,\s*(?P<date>[^()–—\n-]{3,30}?\d{4})"
    r"(?P<agency>)(?:\s*[–—-]+\s+|\.\s*/[^/\n]{2,30}/|:\s+(?=[A-Z]))",
    re.MULTILINE,
)
# "Lima, Jul. 11 (ANDINA). Peru's ...", "Abuja, Nov. 15, 2024 (NAN) – ...", "Vientiane (VNA) – ...": a city in
# title case with a news agency in brackets, with or without a date; "Accra, Aug 19, GNA - ...": its acronym
# after a comma
DATELINE_AGENCY = re.compile(
    r"^(?P<city>[A-Z][a-z'’.-]+(?:[ -][A-Z][a-z'’.-]+){0,2})(?P<country>)"
    r"(?:\s*,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*(?:19|20)\d{2})?))?"
    r"(?:\s*\((?P<agency>[A-Z][^)]{1,40})\)|\s*,\s*(?P<outlet>[A-Z]{2,10}))\s*(?:[–—-]+|[.:])\s+",
    re.MULTILINE,
)
# "Abu Dhabi: Today ...", "Islamabad-On Monday ...", "Mombasa, 18 September – ...": a known place in title
# case, then a colon or a dash glued to the next word, or a day and month without the year and a dash
DATELINE_PLACE = re.compile(
    r"^(?!(?:Date|Dated|Published|Posted|Updated|Source|Issued|Released|Time)\b)"
    r"(?P<city>[A-Z][a-z'’.]+(?: [A-Z][a-z'’.]+){0,2})(?P<country>)(?P<agency>)"
    r"(?:\s*:\s+|-(?=[A-Z][a-z])|,\s*(?P<date>\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+\d{1,2})\s+[–—-]{1,2}\s)",
    re.MULTILINE,
)


WEEKDAY_NAMES = frozenset(WEEKDAYS)


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
    url: str = ""  # where the source says it was published (JSON lines' "url", an HTML page's canonical link)


def organizations_in(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, surface, canonical) for every known organisation named in ``text``."""
    return [(m.start(), m.end(), m.group(0), ORGANIZATIONS[m.group(0)][0])
            for m in ORGANIZATION_PATTERN.finditer(text)]


def describe(document: Document) -> DocumentFacts:
    """Title, publication date, publisher and dateline of a document."""
    with reading_document(document.text):  # a date line "06/03/2024" in the order of the document's dates
        return _describe(document)


def _describe(document: Document) -> DocumentFacts:
    lines = [line.strip() for line in document.text[:4000].split("\n") if line.strip()]
    header = _header_date(lines)
    published = document.published or (header.iso if header else "")
    fallback = (document.meta or {}).get("fallback_date", "")  # a PDF's own metadata date: after its date line
    head = document.text[:3000]
    city = country = ""
    dateline = None
    for pattern in (DATELINE, DATELINE_TITLE_CASE, DATELINE_AGENCY, DATELINE_PLACE):
        for match in pattern.finditer(head):
            city, country = _dateline_place(match)
            if city or country:
                dateline = match
                break
        if dateline:
            break
    written_date, dateline_outlet = _dateline_parts(dateline)
    agency = dateline.group("agency") if dateline else ""
    if agency and _is_a_date(agency):  # "ISLAMABAD (June 3, 2024) –": the brackets hold the date, not an agency
        written_date, agency = written_date or agency, ""
    if written_date and not published:
        published = _dateline_date(written_date, document.text)
    if not published:
        footer = _footer_date(document.text)
        published = footer.iso if footer else ""
    published = published or fallback
    return DocumentFacts(
        doc_id=document.doc_id,
        path=document.path,
        title=document.title or _title_from_lines(lines),
        published=published,
        publisher=_publisher(document, agency or dateline_outlet,
                             header.outlet if header else "", lines),
        dateline_city=city,
        dateline_country=country,
        n_chars=len(document.text),
        url=document.url,
    )


def _dateline_parts(match: re.Match | None) -> tuple[str, str]:
    """(date as written, outlet) of a dateline. Its pieces after the city are read in order, as the
    pattern cannot tell a country from a date: in "YEREVAN, APRIL 3, ARMENPRESS." the date is
    "APRIL 3" and the outlet "ARMENPRESS"; in "DUSHANBE, Tajikistan – " there is neither."""
    if match is None:
        return "", ""
    groups = match.groupdict()
    pieces = [groups.get(name) or "" for name in ("country", "date", "outlet")]
    date = next((piece for piece in pieces if piece and find_dates(piece.title() if piece.isupper() else piece)), "")
    rest = pieces[pieces.index(date) + 1 :] if date else pieces[2:]
    if date and rest and re.fullmatch(r"\s*(?:19|20)\d{2}\s*", rest[0]):  # "March 14", "2024": one date
        date, rest = f"{date}, {rest[0].strip()}", rest[1:]
    outlet = next((piece.strip() for piece in rest if piece and not _is_place(piece.strip())
                   and not piece.strip().isdigit()), "")
    return (date.title() if date.isupper() else date), outlet


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def _dateline_date(written: str, text: str) -> str:
    """The day a dateline gives ("December 13, 2012"); one without its year ("Mombasa, 18 September –")
    is in the latest year the text names ("... on 28 August 2020"), the year a release tells of."""
    found = find_dates(written)
    if not found:
        return ""
    if len(found[0].iso) == 10:
        return found[0].iso
    years = [int(y) for y in _YEAR.findall(text)]
    if not found[0].iso and years:
        dated = find_dates(f"{written} {max(years)}")
        return dated[0].iso if dated and len(dated[0].iso) == 10 else ""
    return ""


def published_date(document: Document) -> dt.date | None:
    """The publication date as a ``date`` when known to the day."""
    return to_date(describe(document).published)


# The lines a page puts around its headline tell when and by whom it was published. A date there is
# the page's own when the line is mostly the date: an outlet line ("Kun.uz, 5 November 2020", "The
# Daily Star, 3 March 2024"), a labelled date ("Published: Sat 27 Dec 2008 01:49 PM", "Pubdate: Tue,
# 28 Oct 2008", "Paris Pact news | Region: Global | Published 13 October 2021", "type: press release ,
# Date: 05 February 2025"), or a dateline opening the first paragraph ("DUSHANBE, December 13, 2012
# (RIA Novosti) -", "Bishkek, Nov. 9, 2017. /Kabar/.", "DUSHANBE, Tajikistan – 3 October 2024 –").
_HEADER_LINES = 8
_SHORT_LINE = 110  # longer lines are paragraphs, where only a dateline's date counts
_LABEL = re.compile(r"\b(?:published|posted|pubdate|date|dated|updated|last updated|issued|release date)\b\s*(?:on)?\s*:?",
                    re.IGNORECASE)
# after a dateline's date: "(RIA Novosti) –", ", Asia-Plus —", ". /Kabar/.", " –"
_AFTER_DATELINE_DATE = re.compile(
    r"^\)?\s*(?:\((?P<paren>[^()]{2,40})\))?\s*[.,]?\s*(?:/(?P<slashed>[^/\n]{2,30})/\.?)?\s*"
    r"(?:,\s*(?P<comma>[A-Z][^,–—\n]{1,30}?))?\s*(?:[–—-]{1,2}\s|:\s+(?=[A-Z])|$|(?<=/\.)|(?<=/))")
_NUMERIC_DAY_LINE = re.compile(r"^\s*(?P<y>(?:19|20)\d{2})[ ./](?P<m>\d{1,2})[ ./](?P<d>\d{1,2})\s*$")  # "2021 11 04"
_TIME = re.compile(r"(?:\b|(?<=\d)T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*(?:[ap]\.?m\.?)?|"
                   r"\bT\d{2}:\d{2}\S*|\b(?:GMT|UTC|IST|PKT|CET|EST|EDT|CST|PST|ET|MSK)\b", re.IGNORECASE)
_LOWER_WORD = re.compile(r"(?<![\w.])[a-z][a-z'’-]+\b")


@dataclass(frozen=True, slots=True)
class _HeaderDate:
    iso: str
    outlet: str  # the words beside the date that name who published it ("Kun.uz", "Asia-Plus"), or ""


_MAY_HOLD_A_DAY = re.compile(r"\d")  # a line without a digit holds no full date: most headlines
_MOST_HEADER_LINES = 20  # a page's menu, share buttons and bylines may push its date line further down
# "Source: Harbour Times (21-1-2025)": the date of the page cited, not of this one; but "Source: Xinhua |
# 2024-10-09 18:25:11" is the outlet line of this page
_CITED_SOURCE = re.compile(r"(?:source|sources|via|courtesy)\s*:[^|]*\([^()]*\d[^()]*\)\s*$", re.IGNORECASE)


def _is_a_date(text: str) -> bool:
    """Whether ``text`` is one full date and little else ("June 3, 2024", "3.06.2024")."""
    found = find_dates(text)
    return len(found) == 1 and len(found[0].iso) == 10 and len(text.strip()) - len(found[0].text) <= 4


def _header_lines(lines: list[str]) -> list[str]:
    """The lines around a page's headline: the first eight, and short lines after them up to the first
    paragraph (a line longer than a headline), which ends the header."""
    header = lines[:_HEADER_LINES]
    if all(len(line) <= _SHORT_LINE for line in header):
        for line in lines[_HEADER_LINES:_MOST_HEADER_LINES]:
            header.append(line)
            if len(line) > _SHORT_LINE:
                break
    return header


def _footer_date(text: str) -> _HeaderDate | None:
    """A date line closing the text ("Date of publication: 03/06/2024", "Islamabad, 3 June 2024",
    "Posted on June 3rd, 2024"): the last few short lines, read as header lines are."""
    lines = [line.strip() for line in text[-1500:].split("\n") if line.strip()][-4:]
    # labelled, or without a lower-case word: not "Next meeting: 5 June 2025" nor a closing sentence
    dated = [line for line in lines if len(line) <= _SHORT_LINE and (_LABEL.search(line) or not _LOWER_WORD.search(line))]
    return _header_date(dated[::-1], paragraphs=False) if dated else None


def _header_date(lines: list[str], paragraphs: bool = True) -> _HeaderDate | None:
    """The page's own date among its first lines (see above), with the outlet named beside it;
    ``paragraphs=False`` reads only lines that are mostly a date (not a dateline opening a paragraph)."""
    for line in _header_lines(lines) if paragraphs else lines:
        if not _MAY_HOLD_A_DAY.search(line) or _CITED_SOURCE.match(line):
            continue
        numeric = _NUMERIC_DAY_LINE.match(line)
        if numeric:
            day = to_date(f"{numeric['y']}-{int(numeric['m']):02d}-{int(numeric['d']):02d}")
            if day:
                return _HeaderDate(day.isoformat(), "")
        head = line[:_SHORT_LINE]  # a long line is a paragraph: only a dateline at its start counts
        for found in find_dates(head):
            if len(found.iso) != 10:
                continue
            before, after = head[: found.start], head[found.end :]
            if len(line) <= _SHORT_LINE and _mostly_date(before, after, line):
                return _HeaderDate(found.iso, _outlet(before + " | " + after))
            dateline = _AFTER_DATELINE_DATE.match(after) if paragraphs else None
            if dateline and found.start <= 80 and len(before.split()) <= 6 and not _LOWER_WORD.search(_LABEL.sub("", before)) \
                    and dateline:
                named = dateline["slashed"] or dateline["comma"] or ""
                return _HeaderDate(found.iso, _outlet(named) if named else "")
    return None


def _mostly_date(before: str, after: str, line: str) -> bool:
    """A short line is a date line when little but the date stands in it: not "On 5 May police seized 20 kg."."""
    rest = _TIME.sub(" ", _LABEL.sub(" ", before + " " + after))
    lower = _LOWER_WORD.findall(rest)
    return len(rest.split()) <= 10 and (len(lower) <= 3 and not line.rstrip().endswith(".") or not lower)


def _outlet(text: str) -> str:
    """The first name-like piece of a header line's other words: "Kun.uz", "Paris Pact news", "Asia-Plus";
    not a label, a weekday, a time or a place ("Tehran, 26 November 2025")."""
    for piece in re.split(r"[|,;/()–—:]|\s-\s|\bby\b|\bBy\b", _TIME.sub(" ", _LABEL.sub("|", text))):
        piece = _PAGE_WORDS.sub("", piece).strip(" .:-")
        if not piece or not piece[0].isalnum() or not any(c.isupper() for c in piece[:3]):
            continue
        if len(piece.split()) > 5 or piece.lower() in WEEKDAY_NAMES or _is_place(piece):
            continue
        if re.fullmatch(r"(?:staff|special)\s+(?:reporter|correspondent)s?|region:?.*", piece, re.IGNORECASE):
            continue
        return piece
    return ""


# words of the page, not of who printed it: "14 September 2011 - Media release", "Xinhua, March 17, 2015 Adjust font size:"
_PAGE_WORDS = re.compile(r"\b(?:(?:press|media|news)\s+releases?|news\s+items?|"
                         r"adjust\s+font\s+size|font\s+size|print|share|e-?mail)\b",
                         re.IGNORECASE)


def _is_place(name: str) -> bool:
    return bool(place(name) or country_code(name) or place(name.title()))


# "Source: Ministry of Internal Affairs of the Russian Federation", "By HeapNews", "By Staff Reporter,
# Pakistan Observer": a line of its own naming who printed the page
_SOURCE_LINE = re.compile(r"^(?:source|by|from)\s*:?\s+(?:(?:staff|special)\s+(?:reporter|correspondent)s?\s*,\s*)?"
                          r"(?P<who>[A-Z][^\n|]{1,80}?)\s*$", re.IGNORECASE)


def _source_line(lines: list[str]) -> str:
    for line in lines[:_HEADER_LINES]:
        if len(line) > 100:
            continue
        match = _SOURCE_LINE.match(line)
        if match and not _LOWER_WORD.fullmatch(match["who"].split()[0]):
            who = match["who"].split(" (")[0].strip(" .")
            named = organizations_in(who)
            return named[0][3] if named and named[0][2] == who else who
    return ""


def _title_from_lines(lines: list[str]) -> str:
    for line in lines[:4]:
        if len(line) <= _SHORT_LINE and _header_date([line]):
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


def _with_acronym(name: str, written: str) -> str:
    """The body's name with the acronym the dateline wrote, so that both stay readable and searchable:
    "Accra, Aug 19, GNA -" -> "Ghana News Agency (GNA)"; "(IRNA)" stays "IRNA"."""
    if written.isupper() and len(written) <= 8 and written.casefold() not in name.casefold():
        return f"{name} ({written})"
    return name


def _publisher(document: Document, named_in_dateline: str = "", outlet: str = "", lines: list[str] = ()) -> str:
    """Who issued or printed the page: the dateline's agency ("(RIA Novosti)"), the page's own metadata,
    the outlet beside its date, a "Source:" or "By" line, an "Issued by" line; else the publishing
    organisation the text names most near its start."""
    if named_in_dateline:
        agency = named_in_dateline.strip()
        if agency in ORGANIZATIONS:
            return _with_acronym(ORGANIZATIONS[agency][0], agency)
        return agency
    sitename = document.meta.get("sitename") if document.meta else ""
    if sitename:
        return sitename
    for named in (outlet, _source_line(lines)):
        if named:
            return ORGANIZATIONS[named][0] if named in ORGANIZATIONS else named
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
