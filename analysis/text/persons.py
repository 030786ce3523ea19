"""People named in a document, with their titles and affiliations.

A capitalised run of words is a person's name only when something marks it
as one: a title before it ("Secretary General Ana K. Ruiz", "the Minister of
the Interior, Ana Ruiz"), a title after it ("Ana Ruiz, Head of the Drug
Control Agency") or an honorific ("Ms Ruiz"). Titles, ranks and honorifics
come from ``data/titles.csv``. A surname alone ("Minister Ruiz", "Ms Ruiz")
is resolved to the full name given elsewhere in the document.

Each :class:`Person` keeps the title as written, the body it belongs to
(an organisation from ``data/organizations.csv`` or "Ministry of X of
Country" for a minister) and the country it serves, as far as the text says.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.text.gazetteer import COUNTRY_NAMES, country_code, country_name, find_countries, find_places, place
from analysis.text.lexicons import alternation, by_first_letter, for_ascii, read_lines, read_rows, reading_cache, split_aliases
from analysis.text.metadata import ORGANIZATIONS, organizations_in

TITLES: dict[str, str] = {}  # title as written -> kind (office | rank | honorific)
for _row in read_rows("titles.csv"):
    for _title in split_aliases(_row["titles"]):
        TITLES[_title] = _row["kind"]

_STOPWORDS = set(read_lines("person_stopwords.txt"))
_PARTICLES = {"de", "la", "del", "da", "dos", "das", "do", "van", "der", "den", "von", "bin", "binti", "al", "el", "du",
              "le", "di",
              "oglu", "oğlu", "ogly", "qizi", "kyzy", "uulu"}  # Turkic patronymics: "Vilayat Suleyman oglu Eyvazov"
_TITLE_WORDS = {word.rstrip(".") for title in TITLES for word in title.split()}
_ORG_WORDS = {alias for alias in ORGANIZATIONS if " " not in alias}


_OFFICE = alternation(t for t, kind in TITLES.items() if kind != "honorific")
_HONORIFIC = alternation(t for t, kind in TITLES.items() if kind == "honorific")
# A title phrase: ranks and offices, then "of the Interior", "for Central Asia" ...
_CONNECTOR = r"(?:of|for|to|at|in|on|and|the|de|del|la)"
_UPPER = "A-ZÀ-ÖØ-ÞĀĆČĎĐĒĘĚĞİĶĹĽŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
_CAP = rf"(?:(?:[A-Z]\.){{2,}}|[{_UPPER}][\w’'\-]*|\([A-Z]{{2,}}\))"  # "U.S." in "liaison of the U.S. Drug ..."
_OF_PHRASE = rf"\s+{_CONNECTOR}(?:\s+{_CONNECTOR})*\s+{_CAP}(?:\s+(?:{_CONNECTOR}\s+)*{_CAP})*"
_TITLE_PHRASE = rf"(?:(?:{_OFFICE})(?![\w-]))(?:\s+(?:{_OFFICE})(?![\w-]))*(?:{_OF_PHRASE})?"
# Between commas a title may be in lower case: "Ana Ruiz, head of the UNODC office, said".
_TITLE_PHRASE_ANY_CASE = rf"(?:(?i:{_OFFICE})(?![\w-]))(?:\s+(?:{_OFFICE})(?![\w-]))*(?:{_OF_PHRASE})?"
_TITLE_AT_END = re.compile(
    rf"(?:(?P<owner>[^\W\d_][\w.\-]*(?:’s|'s)|{alternation(_ORG_WORDS)})\s+)?(?<![\w-])(?P<title>{_TITLE_PHRASE})\s*$")
_TITLE_AT_END_ANY_CASE = re.compile(
    rf"(?:(?P<owner>[^\W\d_][\w.\-]*(?:’s|'s)|{alternation(_ORG_WORDS)})\s+)?(?<![\w-])(?P<title>{_TITLE_PHRASE_ANY_CASE})\s*$")
_TITLE_AFTER = re.compile(
    rf"\s*,\s*(?:the\s+|an?\s+)?(?:(?P<owner>[^\W\d_][\w.\-]*(?:’s|'s)|{alternation(_ORG_WORDS)})\s+)?(?P<title>{_TITLE_PHRASE_ANY_CASE})")
_HONORIFIC_BEFORE = re.compile(rf"(?<![\w])(?:{_HONORIFIC})\.?\s+$")
_OF_BODY = re.compile(r"\s+of\s+the\s+([A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|the|and))*)")
# A full stop ends a clause, but not the point of a title ("Lt. Gen. ", "Col. ", "Dr. ") or an initial.
_TITLE_POINTS = sorted({word[:-1] for title in TITLES for word in title.split() if word.endswith(".") and "." not in word[:-1]})
# (The point is matched first and the lookbehinds read back from it, so they run only at points.)
_CLAUSE_BREAK = re.compile(r"[,;:(\n]|\.(?<![A-Z][a-z]\.)(?<![A-Z]\.)"
                           + "".join(rf"(?<!\b{re.escape(w)}\.)" for w in _TITLE_POINTS) + r"\s|\s[–—]\s")
# "H.E." before a name: its "E." would read as the name's initial
_DOTTED_HONORIFIC_END = re.compile("(?:" + "|".join(re.escape(t) for t in TITLES if re.fullmatch(r"(?:[A-Z]\.){2,}", t))
                                   + r")$")
_NAME_TOKEN = re.compile(r"[^\W\d_][\w’'\-]*(?:\.(?=\s))?")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")


# Every title and honorific ends in a word with a capital letter ("Minister", "Dr.",
# "d'Affaires"), as do the names of bodies after it ("of the Interior", "(UNODC)"): then a
# text whose last word has none cannot end in one (see find_persons).
_TITLES_END_CAPITALISED = all(any(c.isupper() for c in title.split()[-1]) for title in TITLES) and all(
    chr(i).isupper() for i in range(max(map(ord, _UPPER)) + 1) if re.match(f"[{_UPPER}]", chr(i)))


@dataclass
class Person:
    """One person and what the document says about them."""

    name: str
    title: str = ""
    org: str = ""
    country: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


@reading_cache(65536)  # the same capitalised words come back in every document
def _is_name_token(token: str) -> bool:
    if not token[:1].isupper():
        return False  # most words: without this the possessive is stripped from each of them
    bare = _POSSESSIVE.sub("", token).rstrip(".")
    if not bare or not bare[0].isupper():
        return False
    if len(bare) == 1:
        return token.endswith(".")  # an initial, "K."
    if bare.isupper() or bare in _STOPWORDS or bare in _TITLE_WORDS or bare in _ORG_WORDS:
        return False
    return bare not in COUNTRY_NAMES


# Most words of a text start with a lower-case letter and are neither a name nor a particle:
# they only end a run, which the next token read does as well (it is not joined to the run
# by a single space). So only the tokens that may matter are read: those starting with
# anything but a-z (after no letter: not inside a word), and particles after a space.
_MAY_START_NAME = re.compile(r"[A-Z\x80-\U0010FFFF](?<=[^\W\d_])(?<![^\W\d_].)")
# (grouped by first letter: after each space of the text the engine tries the particles with the next letter only)
_MAY_START_NAME_ASCII = for_ascii(_MAY_START_NAME)  # for ASCII text (lexicons.ascii_twin)
_SPACED_PARTICLE = re.compile(" (?:" + by_first_letter(sorted(_PARTICLES, key=len, reverse=True)) + r")(?![\w’'\-])")
_TOKEN_CHAR = re.compile(r"[\w’'\-]")
_LETTER = re.compile(r"[^\W\d_]")


def _tokens_that_may_matter(text: str):
    """The matches of ``_NAME_TOKEN.finditer(text)`` that may be a name token or a particle."""
    starts = [m.start() for m in (_MAY_START_NAME_ASCII if text.isascii() else _MAY_START_NAME).finditer(text)]
    starts += [m.start() + 1 for m in _SPACED_PARTICLE.finditer(text)]
    for start in sorted(starts):
        if not _inside_token(text, start):
            yield _NAME_TOKEN.match(text, start)


def _inside_token(text: str, position: int) -> bool:
    """Whether ``position`` is inside a token that begins further left: a token runs
    from a letter over every following word character, apostrophe and hyphen."""
    while position > 0 and _TOKEN_CHAR.match(text, position - 1):
        position -= 1
        if _LETTER.match(text, position):
            return True
    return False


def _name_runs(text: str):
    """Maximal runs of name-like tokens joined by single spaces: (start, end)."""
    run: list[re.Match] = []
    for match in _tokens_that_may_matter(text):
        token = match.group()
        # a full stop after a word longer than an initial or "Jr." ends the name: "Director Nino Beridze. Welcoming"
        joined = (run and text[run[-1].end() : match.start()] == " " and not _POSSESSIVE.search(run[-1].group())
                  and not (run[-1].group().endswith(".") and len(run[-1].group()) > 4))
        if _is_name_token(token):
            if run and not joined:
                yield _without_trailing_particles(run)
                run = []
            run.append(match)
            continue
        if run and joined and token in _PARTICLES:  # "Ana Lucía de la Fuente"
            run.append(match)
            continue
        if run:
            yield _without_trailing_particles(run)
            run = []
    if run:
        yield _without_trailing_particles(run)


def _without_trailing_particles(run: list[re.Match]) -> list[re.Match]:
    while run and run[-1].group() in _PARTICLES:
        run = run[:-1]
    return run


def _trim_run(run: list[re.Match]) -> list[re.Match]:
    while run and len(run[-1].group().rstrip(".")) == 1:  # "... Ruiz K." ends a sentence, not a name
        run = run[:-1]
    return run[:5]


def _owner(text: str) -> tuple[str, str]:
    """(organisation, ISO3) named by a possessive or prefix such as "Peru's" or "INTERPOL"."""
    bare = _POSSESSIVE.sub("", text or "").strip()
    if not bare:
        return "", ""
    for _, _, _, canonical in organizations_in(bare):
        return canonical, ""
    code = country_code(bare)
    return ("", code or "")


def _affiliation(title: str, owner: str) -> tuple[str, str]:
    org, country = _owner(owner)
    bodies = [canonical for _, end, _, canonical in organizations_in(title) if not re.match(r"’s|'s", title[end:end + 2])]
    org = org or (bodies[-1] if bodies else "")
    if not country:
        countries = [m for m in find_countries(title) if re.search(r"\bof\s+(?:the\s+)?$", title[: m.start])]
        country = countries[0].country if countries else ""
    office = re.split(rf"\s+and\s+(?=(?:{_OFFICE})(?![\w-]))", title.strip())[0]
    ministry = re.search(r"\bMinister\s+(of|for)\s+(.+?)(?:\s+of\s+(?:the\s+)?(?P<country>[A-Z][\w\s]+))?$", office)
    if ministry and ministry.group("country") and country_code(ministry.group("country")):
        country = country or country_code(ministry.group("country")) or ""
    elif ministry:
        ministry = re.search(r"\bMinister\s+(of|for)\s+(.+)$", office)
    if ministry and not org:
        org = f"Ministry {ministry.group(1)} {ministry.group(2)}"
        if country:
            org += f" of {country_name(country)}"
    return org, country


_NAME_PREFIX_AT_END = re.compile(r"(?<=\S)\s+(?:Dr|Prof|Professor)\.?$")
_SPACES = re.compile(r"\s+")
_ACRONYM_LAST = re.compile(r"\s+\([A-Z]{2,}\)$")


def _clean_title(title: str) -> str:
    """The office as written, without an acronym after it or a "Dr" that belongs to the name."""
    title = _SPACES.sub(" ", title).strip(" ,")
    title = _NAME_PREFIX_AT_END.sub("", title)  # "Executive Director Dr Elena ..."
    title = title if title in TITLES else title.rstrip(".")  # keep "Maj. Gen.", not a sentence's full stop
    return _ACRONYM_LAST.sub("", title)


# "... Drugs and Crime (UNODC), <name>", "... Drugs and Crime (UNODC) for Central Asia, Mr. <name>": a body's
# acronym in brackets belongs to the title; it is no clause break
_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z&.\-]{1,14}\)")


def _comma_left_title(text: str, start: int) -> tuple[str, str] | None:
    """"the Minister of the Interior, <name>": the title phrase before a comma."""
    before = text[max(0, start - 160) : start]
    if not before.rstrip().endswith(","):  # what r",\s*$" finds, without trying every position
        return None
    head = _ACRONYM.sub("", before.rstrip()[:-1]) if "(" in before else before.rstrip()[:-1]
    clause = re.split(r"[,;:(\n]|\.\s|\s[–—]\s", head)[-1]
    match = _TITLE_AT_END_ANY_CASE.search(clause)
    if not match:
        return None
    return match.group("title"), match.group("owner") or ""


@lru_cache(maxsize=1)
def _regions() -> frozenset[str]:
    return frozenset(read_lines("regions.txt"))


_REMIT_BEFORE = re.compile(r"\b(?:for|of|in)\s+(?:the\s+)?$")


def _without_place_head(text: str, run: list[re.Match]) -> list[re.Match]:
    """The run without the words that end a country's name begun before it: in "Minister of Internal
    Affairs of the Russian Federation Andrei Kuzmenkov" the name is "Andrei Kuzmenkov", not
    "Federation Andrei Kuzmenkov"; "the Republic of Korea Kim Min-jun" likewise."""
    if len(run) < 3 or run[0].start() == 0 or text[run[0].start() - 1] != " ":
        return run
    for count in (2, 1):  # "INTERPOL Vice-President for Europe Tomasz Wierzbicki": a remit, not a name
        head = text[run[0].start() : run[count - 1].end()]
        if head in _regions() and _REMIT_BEFORE.search(text, max(0, run[0].start() - 12), run[0].start()):
            return run[count:]
    previous = text[max(0, run[0].start() - 30) : run[0].start()].split()
    if not previous or not previous[-1][:1].isupper():
        return run  # a country's name begun before the run ends in a capitalised word: "the Russian"
    for count in (2, 1):
        end = run[count - 1].end()
        before = text[max(0, run[0].start() - 40) : end]
        for match in find_countries(before):
            if match.end == len(before) and match.start < len(before) - (end - run[0].start()):
                return run[count:]
    return run


def find_persons(text: str) -> list[Person]:
    """Every person the text names with a title or honorific, in order of first mention.

    >>> [(p.name, p.title) for p in find_persons("Director General Maria T. Lopes met Mr Ito.")]
    [('Maria T. Lopes', 'Director General')]
    """
    people: dict[str, Person] = {}
    surnames: list[tuple[int, int, str]] = []
    for run in _name_runs(text):
        if len(run[0].group()) == 2 and _DOTTED_HONORIFIC_END.search(text, max(0, run[0].start() - 8), run[0].end()):
            run = run[1:]  # "H.E. Amadou Sarr": the honorific's last letter, not an initial
        run = _trim_run(_without_place_head(text, run))
        if not run:
            continue
        start, end = run[0].start(), run[-1].end()
        name = _POSSESSIVE.sub("", text[start:end]).rstrip(".")
        end = start + len(name)
        window = text[max(0, start - 160) : start]
        # A title or honorific right before the name ends in a word with a capital letter;
        # most names follow a word in lower case, and then neither search can match.
        titled = not (_TITLES_END_CAPITALISED and (window.rsplit(None, 1) or [""])[-1].islower())
        before = _TITLE_AT_END.search(_CLAUSE_BREAK.split(window)[-1]) if titled and window.endswith(" ") else None
        honorific_at = _HONORIFIC_BEFORE.search(window) if titled else None
        title, owner = "", ""
        if before:
            title, owner = before.group("title"), before.group("owner") or ""
            ranks_only = TITLES.get(" ".join(title.split())) == "rank"
            left = _comma_left_title(text, start - len(before.group())) if ranks_only else None
            if left:
                title, owner = left
        else:  # "the Regional Representative for Central Asia, Ms. Ashita Mittal": the title before the honorific
            left = _comma_left_title(text, start - (len(honorific_at.group()) if honorific_at else 0))
            if left:
                title, owner = left
        if not title or TITLES.get(" ".join(title.split())) == "rank":  # an office after the name beats a rank
            after = _TITLE_AFTER.match(text, end)
            if after and (after.group("owner") is None or not after.group("owner")[0].islower()):
                title, owner = after.group("title"), after.group("owner") or owner
        if not title and honorific_at is None:
            continue
        tokens = name.split()
        if len(tokens) == 1:
            surnames.append((start, end, name))
            if title and name not in people:
                people.setdefault("~" + name, Person(name, _clean_title(title), *_affiliation(title, owner)))
            continue
        if len(tokens) == 2 and place(name):
            continue
        person = people.setdefault(name, Person(name))
        person.spans.append((start, end))
        body = _OF_BODY.match(text, end)  # "Ana Ruiz of the Ghana Police Service"
        if body and not person.country:
            countries = find_countries(body.group(1))
            person.country = countries[0].country if countries else ""
        if title and len(_clean_title(title)) > len(person.title):
            person.title = _clean_title(title)
            org, country = _affiliation(title, owner)
            person.org, person.country = org or person.org, country or person.country
    full = {key: p for key, p in people.items() if not key.startswith("~")}
    for start, end, surname in surnames:
        owner = _by_surname(full, surname)
        if owner is not None:
            owner.spans.append((start, end))
    _merge_short_forms(full)
    _add_bare_surnames(text, full)
    for person in full.values():
        person.spans.sort()
    return sorted(full.values(), key=lambda p: p.spans[0] if p.spans else (0, 0))


def _tails(name: str) -> list[str]:
    """The ways a name is shortened to its last words: "Ricardo Moura Lins" -> "Moura Lins", "Lins"."""
    tokens = name.split()
    return [" ".join(tokens[i:]) for i in range(1, len(tokens))]


def _owners_of_tails(people: dict[str, Person]) -> dict[str, list[Person]]:
    """Each way a name is shortened (see :func:`_tails`) -> the persons whose names end so."""
    owners: dict[str, list[Person]] = {}
    for person in people.values():
        for tail in _tails(person.name):
            owners.setdefault(tail, []).append(person)
    return owners


def _merge_short_forms(people: dict[str, Person]) -> None:
    """A titled name that is another's last words is that person ("Minister Benítez Ocampo said" after
    "Carlos Benítez Ocampo"): its mentions join the full name's."""
    owners = _owners_of_tails(people)
    for name in [n for n in people if n in owners and len(owners[n]) == 1]:
        short, owner = people.pop(name), owners[name][0]
        owner.spans.extend(short.spans)
        owner.title = owner.title or short.title
        owner.org, owner.country = owner.org or short.org, owner.country or short.country


def _add_bare_surnames(text: str, people: dict[str, Person]) -> None:
    """Mentions of a person by surname alone, without title ("In Bishkek, Bellandi met ..."), once the
    full name is known: the surname (or last words) standing as a name of its own, owned by one person."""
    owners = _owners_of_tails(people)
    tails = [t for t, found in owners.items() if len(found) == 1 and len(t) > 2 and t[0].isupper()]
    if not tails:
        return
    taken = [span for person in people.values() for span in person.spans]
    for tail in sorted(tails, key=len, reverse=True):  # (str.find: a pattern per document costs its compiling)
        at = text.find(tail)
        while at >= 0:
            start, end = at, at + len(tail)
            at = text.find(tail, end)
            if (start and (text[start - 1].isalnum() or text[start - 1] in "’'.-")) or (
                    end < len(text) and (text[end].isalnum() or text[end] in "’-")):
                continue  # inside a longer word
            if any(s <= start < e or start <= s < end for s, e in taken):
                continue  # inside the full name, or a longer mention of it
            if _NAME_WORD_BEFORE.search(text, max(0, start - 30), start):
                continue  # "Maria Lins", "Lins Street": another name that ends so
            owners[tail][0].spans.append((start, end))
            taken.append((start, end))


# a capitalised word right before: the surname is part of another name (not a title: titled mentions are read above)
_NAME_WORD_BEFORE = re.compile(r"(?<![.!?:;])\b[A-Z][\w’'-]*\s$")


def _by_surname(people: dict[str, Person], surname: str) -> Person | None:
    folded = _fold(surname)
    for person in people.values():
        if any(_fold(token) == folded for token in person.name.split()[1:]):
            return person
    return None


_DELEGATION = re.compile(
    r"\b[Dd]elegation\s+(?:of|from)\s+(?:the\s+)?(?P<body>[A-Z][^,;()]*?)(?:\s+\((?P<abbr>[A-Z]{2,})\))?"
    r"(?=\s*[,.]|\s*$|\s+(?:led|headed|in|on|at|to|arrived|arrives|visited|visits|held|holds|met|meets|was|were|is|paid|pays)\b)"
    # "the Iranian delegation", "a four-member Iranian delegation", "a 20-member Bangladesh delegation"
    r"|\b(?:[Tt]he|[Aa]n?)\s+(?:(?:[a-z]|\d)[\w-]*\s+){0,2}(?P<short>[A-Z][\w-]+)\s+(?:delegation|mission|team)\b",
)
_LED_BY = re.compile(r"\b(?:[Ll]ed|[Hh]eaded)\s+by\b")


_TITLE_TO_NAME = re.compile(rf"\s*,?\s*(?:(?:{_HONORIFIC})\.?\s+)?")


def joins_title_to_name(gap: str) -> bool:
    """Whether ``gap`` is what stands between a title's last word and the name it introduces ("",
    ", ", ", Mr. "): in "the Head of the Office in Bishkek, Mr. Pavel Kren" the place is the title's."""
    return _TITLE_TO_NAME.fullmatch(gap) is not None


def led_by(text: str) -> re.Match | None:
    """"led by", "Led by", "headed by": most sentences have neither word, which ``in`` tells fastest."""
    return _LED_BY.search(text) if "by" in text and ("ed" in text) else None


def body_of_country(body: str, host: str = "") -> str:
    """"Drug Control Headquarters of Iran" from "... of the Islamic Republic of Iran" or
    from "Iran's Drug Control Headquarters"."""
    owner = _COUNTRY_OWNER.match(body)
    if owner and (code := country_code(owner.group("country"))) and code != host:
        return f"{owner.group('body')} of {country_name(code)}"
    head, code = country_at_end(body, host)
    return f"{head} of {country_name(code)}" if code else body


_OF = re.compile(r"\s+of\s+(?:the\s+)?")


def country_at_end(text: str, host: str = "") -> tuple[str, str]:
    """(the words before "of <country>" that ends ``text``, the country's ISO3), or (``text``, "").
    The first "of" after which the rest is a country wins: "... of the Islamic Republic of Iran"."""
    for match in _OF.finditer(text):
        code = country_code(text[match.end() :])
        if code and code != host:
            return text[: match.start()], code
    return text, ""


_COUNTRY_OWNER = re.compile(r"(?P<country>[A-Z][\w ]*?)(?:’s|'s)\s+(?P<body>[A-Z].*)$")


def delegation_in(text: str) -> tuple[str, str] | None:
    """(body, ISO3) of a delegation named in ``text``: "a delegation of the X, led by"."""
    if "elegation" not in text and "ission" not in text and "team" not in text and "Team" not in text:
        return None  # most sentences: substring tests instead of a search
    match = _DELEGATION.search(text)
    if not match:
        return None
    if match.group("short"):
        short = match.group("short")
        if short in ORGANIZATIONS:
            return ORGANIZATIONS[short][0], ""
        return "", country_code(short) or ""
    body = re.sub(r"\s+", " ", match.group("body")).strip()
    found = organizations_in(body)
    if found and found[0][2] == body or match.group("abbr") in ORGANIZATIONS:
        return ORGANIZATIONS[match.group("abbr") or found[0][2]][0], ""
    countries = find_places(body, places=False)
    country = countries[-1].country if countries else ""
    return body_of_country(body, ""), country


_THE_DELEGATION = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]his|[Aa]n?)\s+(?:[\w-]+\s+)?(?:delegation|mission|team)\b")


def assign_delegations(sentences, people: list[Person]) -> None:
    """Give the leader of "a delegation of X, led by <name>" the body and country X, where the
    text has not said them already. ``sentences`` are the document's, with offsets."""
    told: list[tuple[int, tuple[str, str]]] = []  # (sentence number, delegation) of the delegations named so far
    for number, sentence in enumerate(sentences):
        named = delegation_in(sentence.text)
        if named:
            told.append((number, named))
        led = led_by(sentence.text)
        found = named if led else None
        if (led and not found and told and (number - told[-1][0] <= 2 or len({d for _, d in told}) == 1)
                and _THE_DELEGATION.search(sentence.text, 0, led.start())):
            # "... received a delegation of the X. The delegation is headed by General Y."; the headline's
            # "Delegation of the X visits CARICC" and the body's "received a delegation headed by Y"
            found = told[-1][1]
        if not found:
            continue
        body, country = found
        person = first_named_after(people, sentence.start + led.end())
        if person is not None:
            person.org = person.org or body
            person.country = person.country or country


_LED_REACH = 120  # characters after "led by" within which the leader is named


def first_named_after(people, start: int, reach: int = _LED_REACH) -> Person | None:
    """The person named first within ``reach`` characters after ``start`` ("Led by Philip Esch, ...,
    the delegation met Marwa" is led by Esch, not by Marwa named later within the reach)."""
    near = [(min(s for s, _ in person.spans if start <= s < start + reach), at) for at, person in enumerate(people)
            if any(start <= s < start + reach for s, _ in person.spans)]
    return people[min(near)[1]] if near else None


def person_at(people: list[Person], start: int, end: int) -> Person | None:
    """The person with a mention overlapping ``[start, end)``, if any."""
    for person in people:
        if any(s < end and start < e for s, e in person.spans):
            return person
    return None
