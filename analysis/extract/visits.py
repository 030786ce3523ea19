"""Official visits: who visited which country, for which body, whom they met.

A sentence opens a visit when it holds a visit cue from
``data/visit_cues.csv``: a strong one ("visited", "official visit to",
"mission to", "was received by") or talks ("held talks in Lima with") whose
subject comes from another country. The visit's host is the country named
after the cue, else the country of a city named in the sentence, else the
dateline's country; its visitor is the person of another country or of an
international body named in or before the sentence (or who leads the
delegation). One row per visitor and host country per document.

Officials met are the other titled people named in sentences about talks or
meetings ("met", "held talks with", "was received by"); the visitor's own
colleagues are left out. The ordinal comes from "his third official visit"
or "the 22nd visit", preferring the one about the host country.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from analysis.text.annotated import NOTHING, AnnotatedDocument
from analysis.text.dates import find_dates, in_dateline
from analysis.text.gazetteer import country_code, country_name, find_places, organisation_seats
from analysis.text.lexicons import CaselessAny, CaselessPattern, caseless_subject, ordinal_words, read_rows
from analysis.text.metadata import ORGANIZATION_COUNTRIES, ORGANIZATIONS, organizations_in
from analysis.text.persons import (
    Person,
    body_of_country,
    country_at_end,
    delegation_in,
    first_named_after,
    joins_title_to_name,
    led_by,
)
from analysis.text.sentences import Sentence, evidence_of

_CUES: dict[str, list[CaselessPattern]] = {}
for _row in read_rows("visit_cues.csv"):
    _CUES.setdefault(_row["kind"], []).append(CaselessPattern(_row["pattern"]))
# Whether a sentence holds a cue of a kind: one search per kind, not one per pattern.
_ANY_CUE: dict[str, CaselessAny] = {kind: CaselessAny([p.pattern.pattern for p in patterns])
                                    for kind, patterns in _CUES.items()}
# Whether a sentence may be about a visit at all: without any of these it is neither a strong cue nor talks.
_ANY_VISIT_CUE = CaselessAny([p.pattern.pattern for kind in ("not", "strong", "talks") for p in _CUES.get(kind, [])])
_NO_CUE = CaselessAny([])
_ORDINAL = re.compile(
    r"\b(?P<ordinal>\d{1,4}(?:st|nd|rd|th)|" + "|".join(ordinal_words()) + r")"
    r"(?:\s+(?:official|working|state|study|bilateral|foreign|ever|such))*\s+(?:visit|mission|trip)\b"
    r"(?P<rest>[^.;]{0,80})",
    re.IGNORECASE,
)
_RESIDENT_TITLES = re.compile(r"^(?:Ambassador|Charg[eé] d'Affaires|Consul|High Commissioner|Resident Representative"
                              r"|Country (?:Representative|Director|Manager))\b")
_INTERNATIONAL = {canonical for canonical, kind, _ in ORGANIZATIONS.values() if kind not in ("national", "news")}
_MAX_OFFICIALS = 6
_SEATS = organisation_seats()


@dataclass(slots=True)
class VisitRow:
    """One official visit (columns of the ``visits`` table)."""

    doc_id: str
    date: str
    visitor: str
    visitor_title: str
    visitor_org: str
    host_country: str
    city: str
    officials_met: str
    status: str
    ordinal: int | None
    sentence: str
    char_start: int
    char_end: int
    evidence: str  # every sentence about the visit, as "start-end" offsets, "; "-separated
    evidence_text: str  # those sentences but ``sentence``, " … "-joined


@dataclass
class _Visit:
    visitor: Person | None
    org: str
    host: str
    city: str
    body: str = ""  # the international body visited, when the visit is to it ("will pay a visit to Europol")
    planned: bool = False
    delegation_country: str = ""  # ISO3 of a country's delegation told without its head ("the Iranian delegation")
    sentences: list[Sentence] = field(default_factory=list)
    extra: list[Sentence] = field(default_factory=list)  # other sentences about the visit


def _has(kind: str, text: str) -> bool:
    return _ANY_CUE.get(kind, _NO_CUE).matches(text)


def _strong_cue(text: str) -> bool:
    if not _has("not", text):
        return _has("strong", text)  # nothing to blank out
    # Blank out the "not" phrases one after the other ("arrived visitors in" -> "arrived   in").
    nots = _CUES.get("not", [])
    cleaned, patterns = caseless_subject(text, nots + _CUES["strong"])
    for pattern in patterns[: len(nots)]:
        cleaned = pattern.sub(" ", cleaned)
    return any(p.search(cleaned) for p in patterns[len(nots) :])


_BODY_IN_TITLE = re.compile(r"\s+of\s+(?:the\s+)?(?P<body>(?:[A-Z][\w’'-]*(?:’s|'s)?\s+)*?(?:[A-Z][\w’'-]*)"
                            r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)?)$")


_POSSESSIVE_END = re.compile(r"(?:’s|'s)$")


def _body_of_title(title: str, host: str) -> str:
    """The body a title names at its end, as a visitor's organisation: "head of Iran's Anti-Narcotics
    Police" gives "Anti-Narcotics Police of Iran", "Deputy Inspector General of the Nepal Police" the
    Nepal Police; "" when the title names none (a place is no body: "ambassador in Islamabad")."""
    match = _BODY_IN_TITLE.search(title)
    if match is None or country_code(_POSSESSIVE_END.sub("", match.group("body"))):
        return ""  # "head of Uzbekistan's": a country, not a body
    return body_of_country(match.group("body"), host)


_BACK_REFERENCE = re.compile(r".*(?:\b(?:the|this|that|his|her|their)|[’']s)\s+(?:[\w-]+\s+){0,2}visit$",
                             re.IGNORECASE | re.DOTALL)


def _is_foreign(person: Person, host: str) -> bool:
    """Whether the person comes from elsewhere than ``host``: another country, or an international
    body that does not sit there (Europol's director in The Hague is at home)."""
    if person.country:
        return person.country != host
    if person.org in ORGANIZATION_COUNTRIES:  # "liaison of the U.S. Drug Enforcement Administration": the DEA's country
        return ORGANIZATION_COUNTRIES[person.org] != host
    return person.org in _INTERNATIONAL and _SEATS.get(person.org, ("", ""))[1] != host


def _host_place(sentence: str, cue_end: int, dateline: tuple[str, str], visitor_country: str,
                names: list[tuple[int, int]]) -> tuple[str, str, list[str]]:
    """(ISO3, city, further hosts) where the sentence's visit takes place; the further hosts are the
    countries listed with the first after the cue ("paid working visits to Chile, Peru and Bolivia")."""
    places = [p for p in _places(sentence, names) if p.country and p.country != visitor_country
              # where others come from is not where the visit is ("a course for analysts from Kyrgyzstan")
              and not _FROM_BEFORE.search(sentence, max(0, p.start - 6), p.start)]
    after = [p for p in places if p.start >= cue_end - 1] or places
    countries = [p for p in after if p.kind == "country"]
    cities = [p for p in after if p.kind != "country"]
    if countries:
        host = countries[0].country
        city = next((c.text for c in places if c.kind != "country" and c.country == host), "")
        if not city and dateline[1] == host:
            city = dateline[0]
        listed = _listed_with(sentence, after, after.index(countries[0])) if after is not places else []
        return host, city, [code for code in listed if code != host]
    if cities:
        return cities[0].country, cities[0].text, []
    # "visited the Central Asian Regional Information and Coordination Centre": the body's seat
    for _, canonical in _seats_after(sentence, cue_end):
        if _SEATS[canonical][1] != visitor_country:
            return _SEATS[canonical][1], _SEATS[canonical][0], []
    return dateline[1], dateline[0], []


def _seats_after(sentence: str, cue_end: int) -> list[tuple[int, str]]:
    """The bodies with a known seat named as what a visit cue is to ("visited the ... Centre (CARICC)",
    "a visit to the headquarters of Europol"): (start in the text from the cue's last character, name)."""
    after = sentence[max(0, cue_end - 1):]
    return [(start, canonical) for start, _, _, canonical in organizations_in(after)
            if canonical in _SEATS and _TO_A_BODY.fullmatch(after[:start])]


# between two countries of a list: "Chile, Peru and the Plurinational State of Bolivia"
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+)(?:the\s+)?")


def _listed_with(sentence: str, places: list, first: int) -> list[str]:
    """The countries listed after ``places[first]``: "a tour that also takes in Ghana, Togo and Benin" gives
    Togo and Benin. A city right after its country is skipped ("Congo Brazzaville")."""
    listed: list[str] = []
    previous = places[first]
    for place in places[first + 1 :]:
        gap = sentence[previous.end : place.start]
        if place.kind != "country" and place.country == previous.country and gap == " ":
            previous = place  # "Congo Brazzaville and ...": the city names which Congo
            continue
        if place.kind != "country" or not _LIST_GAP.fullmatch(gap):
            break
        listed.append(place.country)
        previous = place
    return listed


_VENUE = re.compile(r"\b(?:in|at)\s+$")
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$")
# between a visit cue and the body visited: "visited the ", "visit to the headquarters of "
_TO_A_BODY = re.compile(r"\w?\s*(?:\w+\s+){0,2}?(?:to\s+|at\s+)?(?:the\s+)?"
                        r"(?:(?:headquarters|offices?|premises|seat|secretariat)\s+(?:of\s+)?(?:the\s+)?)?", re.IGNORECASE)
_RECEPTION = re.compile(r"(?:received|welcomed|hosted)\b", re.IGNORECASE)
_SIDELINES = re.compile(r"\bon\s+the\s+(?:sidelines|margins)\s+of\b", re.IGNORECASE)


def _hosts_named(sentence: Sentence, people: list[Person], host: str) -> bool:
    """Whether a person of the host country is named in the sentence: "X held talks in Vientiane with
    Lao Deputy Minister Y" is X's visit, though the text does not say where X comes from."""
    return any(p.country == host for p in _people_in(sentence, people))


def _people_in(sentence: Sentence, people: list[Person]) -> list[Person]:
    """The persons named in ``sentence``, in the document's order."""
    return [p for p in people if any(sentence.start <= s < sentence.end for s, _ in p.spans)]


def _receiver(sentence: Sentence, cue: re.Match, people: list[Person]) -> Person | None:
    """Who receives, in "Peru's Interior Minister X received on Wednesday Y ...": the last person of
    a known country named before a reception cue; None for any other cue."""
    if not _RECEPTION.match(cue.group(0)):
        return None
    before = [p for p in people if p.country and any(sentence.start <= s < sentence.start + cue.start()
                                                     for s, _ in p.spans)]
    return max(before, key=lambda p: _first_in(p, sentence)) if before else None


def _reception(doc: AnnotatedDocument, index: int, cue: re.Match,
               venue: tuple[str, str] | None) -> tuple[Person | None, str, str] | None:
    """(receiver, host ISO3, city) of "X received Y" when the text does not say X's country: the seat
    of X's body ("the Director of CARICC, X, received a delegation" is in Almaty), the venue named in
    the sentence or one of the next two ("Welcoming the guests at the Ministry's headquarters in
    Baku"), else the dateline. The receiver is then the host, never the visitor."""
    sentence = doc.sentences[index]
    if not _RECEPTION.match(cue.group(0)) or _PASSIVE_BEFORE.search(sentence.text, 0, cue.start()):
        return None  # "was received by": the subject is the guest
    before = [p for p in doc.persons if any(sentence.start <= s < sentence.start + cue.start() for s, _ in p.spans)]
    receiver = max(before, key=lambda p: _first_in(p, sentence)) if before else None
    # the receiver's body: "the Director of the ... Centre (CARICC), X, received ..." (X's title unread or not)
    bodies = [receiver.org] if receiver is not None else [c for s, _, _, c in organizations_in(sentence.text[: cue.start()])]
    seated = [body for body in bodies if body in _SEATS]
    if seated:
        city, host = _SEATS[seated[-1]]
        return receiver, host, city
    if receiver is None:
        return None
    if venue:
        return receiver, venue[0], venue[1]
    for later in doc.sentences[index + 1 : index + 3]:
        found = _venue_after(later.text, 0, _name_spans(later, doc.persons))
        if found:
            return receiver, found[0], found[1]
    if doc.dateline[1]:
        return receiver, doc.dateline[1], doc.dateline[0]
    return None


_PASSIVE_BEFORE = re.compile(r"(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$")


def _venue_after(sentence: str, cue_end: int, names: list[tuple[int, int]]) -> tuple[str, str] | None:
    """(ISO3, city) of a city named as the venue after a talks cue ("held talks in Moscow today with",
    "received ... at the agency's headquarters in The Hague"), or None: the place of talks is
    where the host is, whoever of the two parties is named first."""
    cities = [p for p in _places(sentence, names) if p.kind != "country" and p.country]
    for place in cities:
        if place.start >= cue_end - 1 and _VENUE.search(sentence, max(0, place.start - 4), place.start):
            if _LIVES_IN.search(sentence, max(0, place.start - 14), place.start):
                continue  # "the Ambassador, who is resident in Beijing": where the envoy lives, not where the talks are
            if any(start >= place.end and joins_title_to_name(sentence[place.end : start]) for start, _ in names):
                continue  # "received the Head of the OSCE Office in Bishkek, Mr. X, who is in Dushanbe": the title's place
            return place.country, place.text
    leading = _LEADING_VENUE.match(sentence)  # "In Brussels, on 14 April, X held talks with ..."
    if leading:
        return next(((p.country, p.text) for p in cities if p.start == leading.start("place")), None)
    return None


_LIVES_IN = re.compile(r"\b(?:resident|based|residing)\s+in\s+$")
_LEADING_VENUE = re.compile(r"\s*(?:In|At|While\s+in)\s+(?P<place>[A-Z])")


def _name_spans(sentence: Sentence, people) -> list[tuple[int, int]]:
    """Where persons are named in ``sentence``, as offsets inside it."""
    return [(s - sentence.start, e - sentence.start) for p in people for s, e in p.spans
            if sentence.start <= s < sentence.end]


def _first_in(person: Person, sentence: Sentence) -> int:
    return min(s for s, _ in person.spans if sentence.start <= s < sentence.end)


def _visitor(sentence: Sentence, cue_start: int, people: list[Person], host: str,
             previous: Person | None) -> Person | None:
    inside = _people_in(sentence, people)
    pronoun = _PRONOUN_SUBJECT.match(sentence.text)
    if pronoun and previous is not None and cue_start >= pronoun.end() and previous.country != host:
        return previous  # "He will then travel to Bishkek, where he will hold talks with ...": the traveller
    if previous is not None and previous.country != host and (_TRIP_SUBJECT.match(sentence.text)
                                                               or _TITLE_TRAVELS.match(sentence.text)):
        return previous
    delegation = led_by(sentence.text)
    if delegation:
        led = first_named_after(inside, sentence.start + delegation.end())
        if led is not None:
            return led
    if previous is not None and re.search(r"\b(?:his|her|their|its)\s+(?:\w+\s+){0,3}(?:visit|mission|trip)",
                                          sentence.text, re.IGNORECASE):
        return previous
    # the subject of the talks before their counterpart: in "On 8 September, Mr Almeida Souza held talks with the
    # Director of the National Police of Colombia, General X" the visitor is named before the cue, whatever
    # country the dateline gives ("LYON, France –", the seat of the visitor's own body)
    foreign = [p for p in inside if _is_foreign(p, host)]
    # (an official of an international body counts as named; one whose country is unread may be the host's own:
    # "Rustam Nazarov, Director of the Drug Control Agency ..., met here with the Ambassador of Italy")
    subjects = [p for p in inside if not p.country and _first_in(p, sentence) < sentence.start + cue_start]
    named_before = [p for p in foreign if _first_in(p, sentence) < sentence.start + cue_start] + [
        p for p in subjects if p.org in _INTERNATIONAL]
    if named_before:
        return min(named_before, key=lambda p: _first_in(p, sentence))
    if foreign:
        return min(foreign, key=lambda p: _first_in(p, sentence))
    if subjects:
        return min(subjects, key=lambda p: _first_in(p, sentence))
    opening = _OPENING_CLAUSE.match(sentence.text)
    if opening and cue_start < opening.end():
        # "While on a three-day visit to Chile, Interior Minister X held talks ...": the subject after the clause
        after = sentence.start + opening.end()
        return next((p for p in sorted(inside, key=lambda p: _first_in(p, sentence))
                     if not p.country and after <= _first_in(p, sentence) < after + 120), None)
    return None


# The traveller named again without a name: "He", "She", or a description only a visitor fits ("the UNODC
# official", "the visiting minister", "the guest"), after an opening date or clause ("On 29 May the
# UNODC official travelled to Dushanbe, where he held talks with ..."). ("The Minister" may be the host's.)
_VISITOR_AGAIN = (r"(?:He|She|[Tt]he\s+(?:[A-Z][\w.-]*\s+){0,3}(?:official|envoy|guest|guests|visitor|visitors|delegation|"
                  r"delegates?)|[Tt]he\s+visiting\s+[\w-]+(?:\s+[\w-]+)?)")
# the trip as subject: "The trip ended in Ashgabat with meetings at the Ministry ...": the traveller's
_TRIP_SUBJECT = re.compile(r"\s*(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w-]+\s+){0,2}(?:trip|tour|visit|mission)\s+"
                           r"(?:ended|ends|concluded|concludes|continued|continues|began|begins|started|starts|wrapped)\b")
_PRONOUN_SUBJECT = re.compile(rf"\s*(?:(?:[A-Z][^,;.]{{0,40}},|On\s+\d{{1,2}}\s+[A-Z][a-z]+|On\s+[A-Z][a-z]+\s+\d{{1,2}}"
                              rf"|On\s+[A-Z][a-z]+day)\s*)?{_VISITOR_AGAIN}\s+(?:then\s+|also\s+|will\s+|is\s+|was\s+|later\s+)*")
# the traveller by title, travelling on: "The Executive Director then travelled to Quito, where ..." (a title alone
# may be the host's, "The Minister received ..."; travelling on, it is the traveller's)
_TITLE_TRAVELS = re.compile(r"\s*(?:On\s+[^,;.]{1,30},\s*)?[Tt]he\s+(?:[A-Z][\w.-]*\s+){1,4}(?:then\s+|later\s+|next\s+)?"
                            r"(?:travell?ed|went|proceeded|flew|continued|moved\s+on)\s+(?:on\s+)?to\b")
_OPENING_CLAUSE = re.compile(r"\s*(?:While|During|On|In\s+the\s+course\s+of)\b[^,;.]{0,100},\s*")


def _ordinal(sentences: list[Sentence], host: str) -> int | None:
    host_words = {"the country", "this country"}
    if host:
        host_words.add(country_name(host).lower())
    found: list[tuple[bool, int]] = []
    for sentence in sentences:
        for match in _ORDINAL.finditer(sentence.text):
            word = match.group("ordinal").lower()
            value = int(re.sub(r"\D", "", word)) if word[0].isdigit() else ordinal_words()[word]
            about_host = any(w in match.group("rest").lower()[:40] for w in host_words)
            found.append((about_host, value))
    if not found:
        return None
    return next((v for about, v in found if about), found[0][1])


def _visit_date(sentences: list[Sentence], text: str, published: dt.date | None) -> str:
    told = [mention.iso for sentence in sentences for mention in find_dates(sentence.text, published)
            if len(mention.iso) >= 7 and not in_dateline(sentence.text, mention)]
    if told:  # "will leave next week ... He will hold talks in Accra on Monday": the day inside the week
        return next((iso for iso in told if len(iso) == 10 and iso.startswith(told[0])), told[0])
    for mention in find_dates(text[:4000], published):
        if len(mention.iso) != 10:
            continue
        day = dt.date.fromisoformat(mention.iso)
        if published is None or dt.timedelta(0) < published - day <= dt.timedelta(days=10):
            return mention.iso
    return published.isoformat() if published else ""


_RESIDENT_IN = re.compile(r"\bnon-resident\b|\b(?:resident|based|residing)\s+in\s+(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)")


def _resident_elsewhere(sentence: Sentence, host: str) -> bool:
    """Whether the sentence says an envoy lives outside the host country: "the Ambassador of Italy to
    Mongolia, who is resident in Beijing" travels to Ulaanbaatar for talks (so does a "non-resident" one)."""
    match = _RESIDENT_IN.search(sentence.text)
    if match is None or match.group("place") is None:
        return match is not None
    where = find_places(match.group("place"))
    return bool(where) and where[0].country not in ("", host)


def _official_of_one_country(sentence: Sentence, people: list[Person]) -> str:
    """The host country of talks between officials of one country and of an international body, when no
    place tells it: "A, Deputy Minister of Foreign Affairs of Chad, met with B of UNODC" is in Chad."""
    inside = _people_in(sentence, people)
    countries = {p.country for p in inside if p.country}
    if len(countries) != 1:
        return ""
    host = countries.pop()
    return host if any(not p.country and _is_foreign(p, host) for p in inside) else ""


def _places(sentence: str, names: list[tuple[int, int]]) -> list:
    """The sentence's places, less those inside a person's name: "Dr Amara Okonkwo" holds no city of Iraq."""
    found = find_places(sentence)
    if not names:
        return found
    return [p for p in found if not any(s < p.end and p.start < e for s, e in names)]


def _add_visit(visits: dict[tuple[str, str], _Visit], sentence: Sentence, cue: re.Match, host: str, city: str,
               strong: bool, delegation: tuple[str, str] | None, venue: tuple[str, str] | None,
               people: list[Person], previous: Person | None, traveller: Person | None = None) -> Person | None:
    """Record the sentence's visit to ``host`` when its visitor (or visiting body) comes from elsewhere;
    the visitor recorded, if any. ``traveller`` is who the document's trip is about so far: the subject
    "he" or "the Minister" of "On Monday, he held talks in Riyadh with ..." (see _TITLE_SUBJECT)."""
    visitor = _visitor(sentence, cue.start(), people, host, previous) if host else None
    by_title = False
    if visitor is None and traveller is not None and host and traveller.country != host and (strong or venue):
        by_title = bool(_TITLE_SUBJECT.match(sentence.text, 0, cue.start()))
        visitor = traveller if by_title else None
    org = (visitor.org if visitor else "") or (delegation[0] if delegation else "")
    if visitor is None and strong and not org:
        found = [c for s, _, _, c in organizations_in(sentence.text) if c in _INTERNATIONAL and s < cue.start()]
        org = found[0] if found else ""
    abroad = visitor is not None and (bool(visitor.country) or delegation is not None or by_title
                                      or (venue is not None and _is_foreign(visitor, host))  # a body's head
                                      or (venue is not None and _hosts_named(sentence, people, host))
                                      # "A, Deputy Minister of Foreign Affairs of Chad, met with B of UNODC": the body's
                                      # official is received by one of the host country's
                                      or (_is_foreign(visitor, host) and _hosts_named(sentence, people, host)))
    if not strong and visitor is not None and _RESIDENT_TITLES.match(visitor.title) and not _resident_elsewhere(sentence, host):
        abroad = False  # an ambassador holding talks lives in the country: not a visit
    # "a four-member Iranian delegation called at the headquarters of ...": a country's delegation, its head named later
    from_country = delegation[1] if delegation and visitor is None and not org and delegation[1] != host else ""
    accepted = host and (visitor is not None or org or (from_country and strong)) and (strong or abroad)
    if accepted and not strong and _SIDELINES.search(sentence.text):
        accepted = False  # talks on the sidelines of a multilateral session: the session is a meeting
    if accepted and visitor is not None and visitor.country == host:
        accepted = False
    if accepted and visits and _BACK_REFERENCE.match(sentence.text[max(0, cue.start() - 30) : cue.end()]):
        # "on the sidelines of the visit, ... experts from Afghanistan": the visit told already, no new host
        accepted = any(known_host == host for _, known_host, _ in visits)
    if accepted:
        body = _body_visited(sentence.text, cue, host)
        key = (visitor.name if visitor else org or from_country, host, body)
        told = [v for k, v in visits.items() if k[:2] == key[:2]] if key not in visits else []
        if told and _BACK_REFERENCE.match(sentence.text[max(0, cue.start() - 30) : cue.end()]):
            told[0].extra.append(sentence)  # "This was Melkonyan's second visit to Lyon": the visit told, not another
            return visitor
        visit = visits.setdefault(key, _Visit(visitor, org, host, city, body, _planned(sentence.text, cue), from_country))
        visit.city = visit.city or city
        visit.org = visit.org or org
        visit.sentences.append(sentence)
        return visitor
    return None


def _body_visited(sentence: str, cue: re.Match, host: str) -> str:
    """The international body a visit is to, when one with its seat in ``host`` is named right after the
    cue ("will also pay a visit to Europol ... in The Hague"): a row of its own beside the visit to the
    country's officials."""
    return next((canonical for start, canonical in _seats_after(sentence, cue.end())
                 if start <= 60 and _SEATS[canonical][1] == host), "")


# "will also pay a visit to", "is expected to arrive in", "plans to travel to": the visit is announced
_PLANNED = re.compile(r"\b(?:will|shall|(?:is|are)\s+(?:due|expected|scheduled|set|going)\s+to|plans?\s+to|"
                      r"intends?\s+to|is\s+to|accept(?:ed|s)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?invitation\s+to)"
                      r"\s+(?:also\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _planned(sentence: str, cue: re.Match) -> bool:
    """Whether the visit cue is in the future tense ("Federal Minister X will also pay a visit to ...")."""
    return _PLANNED.search(sentence, max(0, cue.start() - 50), cue.start()) is not None


# A subject named only by a pronoun or a title before the cue, after a date or place clause or two:
# "On Monday, the DG ANF met ...", "On Wednesday, he held talks in ...", "On 16 April, in Lima, she was received".
_TITLE_SUBJECT = re.compile(r"\s*(?:[^,;.]{1,40},\s*){0,2}(?:[Hh]e|[Ss]he|[Tt]he\s+(?:[A-Z][\w-]*\s+){1,3})\s*(?:also\s+)?$")
# A sentence that says someone travels without being a visit cue: "X is on a tour of three Gulf countries"
_TRIP = re.compile(r"\b(?:on\s+an?\s+(?:[\w-]+\s+){0,3}(?:tour|trip|visit|mission))\b", re.IGNORECASE)


def extract_visits(doc: AnnotatedDocument, earlier: Mapping[str, list] = NOTHING) -> list[VisitRow]:
    """Visit rows of one document. The dateline's country is the fallback host.

    >>> from analysis.text.annotated import annotate_text
    >>> rows = extract_visits(annotate_text("Executive Director Jan P. Visser of Europol visited Chile on 3 May 2024 "
    ...                                     "and met the Minister of the Interior, Ana Soto."))
    >>> [(r.visitor, r.host_country, r.date, r.officials_met) for r in rows]
    [('Jan P. Visser', 'CHL', '2024-05-03', 'Ana Soto')]
    """
    doc_id, text, published, dateline = doc.doc_id, doc.text, doc.published, doc.dateline
    sentences, people = doc.sentences, list(doc.persons)
    visits: dict[tuple[str, str], _Visit] = {}
    previous: Person | None = None
    traveller: Person | None = None  # who the trip told so far is about
    strong_cues: dict[int, bool] = {}  # sentence start -> whether it holds a strong visit cue
    for index, sentence in enumerate(sentences):
        visited_by: Person | None = None  # the visitor of this sentence's visit, if any
        if _ANY_VISIT_CUE.matches(sentence.text):
            strong, talks = _strong_cue(sentence.text), _has("talks", sentence.text)
        else:  # most sentences: one search instead of three
            strong = talks = False
        strong_cues[sentence.start] = strong
        if strong or talks:
            cue = min((m for p in _CUES["strong"] + _CUES["talks"] if (m := p.search(sentence.text))),
                      key=lambda m: m.start())
            delegation = delegation_in(sentence.text)
            names = _name_spans(sentence, people)
            venue = _venue_after(sentence.text, cue.end(), names)
            receiver = _receiver(sentence, cue, people)
            reception = _reception(doc, index, cue, venue) if receiver is None else None
            listed: list[str] = []
            if receiver is not None:  # "Peru's Interior Minister X received Y": the visit is to X's country
                host = receiver.country
                city = venue[1] if venue and venue[0] == host else (dateline[0] if dateline[1] == host else "")
            elif reception is not None:  # "The Director of CARICC, X, received a delegation headed by Y"
                receiver, host, city = reception
            elif venue:  # "X held talks in Moscow with Y", "was received ... in Baku", "received Y at ... in The Hague"
                host, city = venue
            else:
                guess = _visitor(sentence, cue.start(), people, dateline[1], previous)
                if traveller is not None and _TITLE_SUBJECT.match(sentence.text, 0, cue.start()):
                    guess = traveller  # "On 5 June, in Lisbon, she was received by the Minister of Justice of Portugal"
                visitor_country = guess.country if guess else (delegation[1] if delegation else "")
                host, city, listed = _host_place(sentence.text, cue.end(), dateline, visitor_country, names)
                if not host:
                    host = _official_of_one_country(sentence, people)
            # the further countries of a list get no city from the list's sentence, where cities are often of
            # something else ("a working visit to Belgium and the Netherlands ... the ports of Antwerp and Rotterdam")
            hosts = [(host, city)] + [(code, "") for code in listed]
            for host, city in hosts:
                added = _add_visit(visits, sentence, cue, host, city, strong, delegation, venue,
                                   [p for p in people if p is not receiver] if reception else people, previous, traveller)
                traveller = added or traveller
                visited_by = added or visited_by
        mentioned = _people_in(sentence, people)
        if visited_by is not None:  # "the UNODC official travelled to Dushanbe, where he held talks with X": still the visitor
            previous = visited_by
            continue
        if traveller is None and "on a" in sentence.text and _TRIP.search(sentence.text):
            traveller = mentioned[0] if mentioned else None
        foreign = [p for p in mentioned if p.org in _INTERNATIONAL or p.country or p.org in ORGANIZATION_COUNTRIES]
        if foreign:
            previous = foreign[0] if previous is None or previous not in mentioned else previous
    if not visits:  # no visit word: talks where one party is at home ("Meeting in Baku, Eyvazov ...")
        _add_talks_abroad(visits, doc)
    merged = _merge_unnamed(visits, people)
    if len(merged) == 1:  # "It was the first visit of such a delegation": one visit, so it is about that one
        merged[0].extra = [s for s in sentences if strong_cues[s.start] and s not in merged[0].sentences]
    # a sentence of one leg of a trip tells that leg's officials, not another's ("... travelled to Dushanbe,
    # where he held talks with X": X is not met in Bishkek)
    legs = [{s.start for s in visit.sentences} for visit in merged]
    rows = []
    for at, visit in enumerate(merged):
        others = set().union(*(starts for other, starts in enumerate(legs) if other != at))
        rows.append(_row(doc_id, text, published, visit, [s for s in sentences if s.start not in others], people))
    return rows


# "Meeting in Baku, ...", "met in Riyadh", "talks held in Bishkek", "At the meeting in Tashkent"
# (not a named gathering: "CSTO Coordination Council meeting in Minsk" is a multilateral meeting)
_TALKS_IN = re.compile(r"(?:^\s*(?:Meeting|At\s+the\s+meeting)|(?<![A-Z][\w-]\s)(?<![A-Z][\w-]{2}\s)\b(?:met|talks(?:\s+held)?))"
                       r"\s+(?:today\s+|on\s+\w+\s+)?in\s+(?=[A-Z])")


def _add_talks_abroad(visits: dict[tuple[str, str], _Visit], doc: AnnotatedDocument) -> None:
    """A visit told by affiliations alone: talks in a city of one country between an official of it
    and an official of another country ("Iraj Kakavand, head of Iran's anti-narcotics police, and
    Vilayat Eyvazov, Azerbaijan's Interior Minister, have agreed ... Meeting in Baku, Eyvazov said");
    the official from abroad is the visitor. Only when exactly one foreign country's officials are named."""
    for sentence in doc.sentences:
        text = sentence.text
        talks = _TALKS_IN.search(text) if "met " in text or "alks" in text or "eeting" in text else None
        if talks is None:
            continue
        place = next((p for p in doc.places_in(sentence) if p.start == talks.end() and p.kind != "country" and p.country),
                     None)
        if place is None:
            continue
        host = place.country
        hosts = [p for p in doc.persons if p.country == host]
        guests = [p for p in doc.persons if p.country and p.country != host and not _RESIDENT_TITLES.match(p.title)]
        if not hosts or len({p.country for p in guests}) != 1:
            return
        told = [s for s in doc.sentences if any(s.start <= start < s.end for p in (guests[0], hosts[0])
                                                for start, _ in p.spans)]
        visit = _Visit(guests[0], guests[0].org, host, place.text, sentences=sorted({sentence, *told[:1]}, key=lambda s: s.start))
        visits[(guests[0].name, host, "")] = visit
        return


_LIVES_IN_TITLE = re.compile(r"\b(?:ambassador|consul|attach[eé])\b", re.IGNORECASE)


def _merge_unnamed(visits: dict[tuple[str, str], _Visit], people: list[Person]) -> list[_Visit]:
    """A visit told without its visitor ("the Chief's visit to X") joins the named one to the same host;
    a body's visit told without its visitor ("Welcoming the CARICC delegation, the Minister ...") is led by
    the first person of that body the document names, when it names one from outside the host country."""
    named = [v for v in visits.values() if v.visitor is not None]
    merged = list(named)
    for visit in visits.values():
        if visit.visitor is not None:
            continue
        same = next((v for v in named if v.host == visit.host), None)
        if same is None:
            visit.visitor = next((p for p in people if visit.org and p.org == visit.org and _is_foreign(p, visit.host)), None)
            if visit.visitor is None and visit.delegation_country:  # its head: the first of that country named, not an envoy
                visit.visitor = next((p for p in people if p.country == visit.delegation_country
                                      and not _RESIDENT_TITLES.match(p.title) and not _LIVES_IN_TITLE.search(p.title)), None)
            merged.append(visit)
        else:
            same.sentences = sorted(same.sentences + visit.sentences, key=lambda s: s.start)
            same.city = same.city or visit.city
    return sorted(merged, key=lambda v: v.sentences[0].start)


def _same_person(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` named by its last words ("Benítez Ocampo", "Carlos Benítez Ocampo")."""
    return full.endswith(" " + short) or full == short


def _row(doc_id: str, text: str, published: dt.date | None, visit: _Visit,
         sentences: list[Sentence], people: list[Person]) -> VisitRow:
    visitor = visit.visitor
    delegation_members = {p.name for p in people if visitor and p.org and p.org == visitor.org}
    met: list[str] = []
    for sentence in sentences:
        if not _has("meeting", sentence.text) and sentence not in visit.sentences:
            continue
        for person in people:
            if person is visitor or person.name in delegation_members or person.name in met:
                continue
            if visitor and _same_person(person.name, visitor.name):
                continue  # "Minister Benítez Ocampo said": the visitor named again by surname
            if any(_same_person(person.name, name) for name in met):
                continue
            if person.country and person.country != visit.host:
                continue
            if any(sentence.start <= s < sentence.end for s, _ in person.spans):
                met.append(person.name)
    first = visit.sentences[0]
    org = visit.org
    if visitor and visitor.org:
        org = visitor.org
    if visitor and not org:  # "Ramesh Thapa, Deputy Inspector General of the Nepal Police": the body of the title
        org = _body_of_title(visitor.title, visit.host)
    return VisitRow(
        doc_id=doc_id,
        date=_visit_date(visit.sentences, text, published),
        visitor=visitor.name if visitor else "",
        visitor_title=_short_title(visitor) if visitor else "",
        visitor_org=org,
        host_country=visit.host,
        city=visit.city.title() if visit.city.isupper() else visit.city,
        officials_met="; ".join(met[:_MAX_OFFICIALS]),
        status="planned" if visit.planned else "held",
        ordinal=_ordinal(visit.sentences + visit.extra, visit.host),
        sentence=first.text,
        char_start=first.start,
        char_end=first.end,
        **evidence_of(first, visit.sentences + visit.extra),
    )


def _short_title(person: Person) -> str:
    """"Secretary General" from "Secretary General"; "Director" from "Director of the Centre"."""
    title = person.title
    if title.startswith("Minister"):  # "Minister of the Interior of Spain": the country goes, the ministry stays
        return country_at_end(title)[0]
    return re.split(r"\s+(?:of|for|at|in)\s+", title)[0]
