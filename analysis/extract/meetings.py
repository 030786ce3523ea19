"""Meetings, workshops, trainings, conferences: one row per event.

An event is a singular event word from ``data/event_types.csv`` ("a
workshop", "the expert group meeting") in a sentence that says when, where
or that it happens (cues in ``data/event_cues.csv``), or a sentence where
people "gathered in Tashkent on 13 and 14 November" whose event type the
next sentences name ("The workshop aimed at ..."). Talks during a visit
("meetings with the Minister") are not events.

Each event gets its type, a name when quoted or capitalised, start and end
dates with the raw phrase, city and country, status (``planned`` for future
or intended events, else ``held``), a participant count ("more than 50
representatives") and organisers ("organized by the OSCE").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from analysis.text.annotated import NOTHING, AnnotatedDocument
from analysis.text.dates import DateMention, find_dates, in_dateline, next_season_year
from analysis.text.gazetteer import capital, find_places, organisation_seats
from analysis.text.lexicons import (
    CaselessAny,
    CaselessPattern,
    alternation,
    by_first_letter,
    ordinal_words,
    read_rows,
    split_aliases,
)
from analysis.text.metadata import ORGANIZATION_COUNTRIES, organizations_in
from analysis.text.quantities import find_quantities
from analysis.text.sentences import Sentence, evidence_of

EVENT_TYPES: dict[str, str] = {}  # phrase (lower case) -> event type
for _row in read_rows("event_types.csv"):
    for _phrase in split_aliases(_row["phrases"]):
        EVENT_TYPES[_phrase.lower()] = _row["event_type"]

_CUES: dict[str, list[CaselessPattern]] = {}
for _row in read_rows("event_cues.csv"):
    _CUES.setdefault(_row["kind"], []).append(CaselessPattern(_row["pattern"]))
# Whether a sentence holds a cue of a kind: one search per kind, not one per pattern.
_ANY_CUE: dict[str, CaselessAny] = {kind: CaselessAny([p.pattern.pattern for p in patterns])
                                    for kind, patterns in _CUES.items()}
_NO_CUE = CaselessAny([])

_EVENT = CaselessPattern(
    r"\b(?P<phrase>" + by_first_letter(sorted(EVENT_TYPES, key=len, reverse=True), r"\s+") + r")(?![\w-])"
)
# Several events told with one plural noun: "the senior officer-level and ministerial meetings in 2025"
# (two), "the bilateral drug meetings held at the end of last month, Thailand – China and Thailand –
# Myanmar" (one per pair). A plural alone ("regular meetings", "15 workshops") is no row.
_PLURALS = {phrase + "s": event_type for phrase, event_type in EVENT_TYPES.items()
            if not phrase.endswith("s") and " " not in phrase}
_PLURAL = r"(?P<noun>" + alternation(_PLURALS) + r")\b"
_MODIFIER = r"(?!(?:the|a|an|of|in|on|at|for|with|between|and|or|its|their|his|her|these|those|all|other)\b)[a-z][\w'’-]*"
_TWO_KINDS = re.compile(rf"\b(?P<first>{_MODIFIER}(?:\s+{_MODIFIER})?)\s+and\s+(?P<second>{_MODIFIER}(?:\s+{_MODIFIER})?)"
                        rf"\s+{_PLURAL}", re.IGNORECASE)
_PAIR = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?\s*[–—-]\s*[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?"
_PAIRS_AFTER = re.compile(rf"\b{_PLURAL}[^.;:]{{0,80}}?,\s*(?P<pairs>{_PAIR}(?:\s*(?:,|and|,\s+and)\s*{_PAIR})+)", re.IGNORECASE)
_EDITION_OF_PLURAL = re.compile(rf"\b(?:the|its)\s+(?:\d{{1,3}}(?:st|nd|rd|th)|{'|'.join(ordinal_words())})\s+"
                                rf"(?:[\w-]+\s+){{0,3}}?{_PLURAL}", re.IGNORECASE)
# "two online preparatory sessions on 23 and 25 September": a small count of events that are told happening
_COUNTED_PLURAL = re.compile(rf"\b(?P<count>two|three|four|[234])\s+(?:{_MODIFIER}\s+){{0,3}}?{_PLURAL}", re.IGNORECASE)
_SMALL_COUNTS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}
_ANY_PLURAL = CaselessAny([_PLURAL])
_PLURAL_ENDS = tuple(sorted({noun[-5:] for noun in _PLURALS}))  # "tings", "sions", "ences" ...


def _may_hold_plural(sentence: str) -> bool:
    """Whether a plural event noun may stand in the sentence: substring tests of the nouns' last
    letters, cheaper than a search (most sentences have none)."""
    return any(end in sentence for end in _PLURAL_ENDS)


def _plural_events(sentence: str) -> list[tuple[str, re.Match, int, tuple[int, int]]]:
    """(event type, the plural noun, how many events, the span of the parties listed) for each plural
    noun that tells several events; the countries of listed pairs are the parties, not the venue."""
    found = []
    for match in _TWO_KINDS.finditer(sentence):
        if not any(word.lower().rstrip("s") in EVENT_TYPES for word in match.group("first", "second")):
            found.append((_PLURALS[match.group("noun").lower()], _noun_at(sentence, match.start("noun")), 2, (0, 0)))
    for match in _EDITION_OF_PLURAL.finditer(sentence):  # "The thirteenth advanced training courses": one edition
        if not any(m.start() == match.start("noun") for _, m, _, _ in found):
            found.append((_PLURALS[match.group("noun").lower()], _noun_at(sentence, match.start("noun")), 1, (0, 0)))
    for match in _COUNTED_PLURAL.finditer(sentence):  # (only dated: "had held four bilateral meetings before" is history)
        if not any(m.start() == match.start("noun") for _, m, _, _ in found) and find_dates(sentence[match.end():]):
            found.append((_PLURALS[match.group("noun").lower()], _noun_at(sentence, match.start("noun")),
                          _SMALL_COUNTS[match.group("count").lower()], (0, 0)))
    for match in _PAIRS_AFTER.finditer(sentence):
        if any(m.start() == match.start("noun") for _, m, _, _ in found):
            continue
        pairs = len(re.findall(_PAIR, match.group("pairs")))
        found.append((_PLURALS[match.group("noun").lower()], _noun_at(sentence, match.start("noun")), pairs,
                      match.span("pairs")))
    return found


def _days_of(date: DateMention | None, many: int) -> list[DateMention | None]:
    """The date of each of ``many`` events told with one plural noun: one day each when the date lists
    as many days ("two sessions on 23 and 25 September"), else the same date for all."""
    if (many == 2 and date is not None and " and " in date.text and len(date.iso) == 10
            and len(date.end_iso) == 10 and date.iso != date.end_iso):
        return [DateMention(date.start, date.end, date.text, day, day, date.relative) for day in (date.iso, date.end_iso)]
    return [date] * many


def _noun_at(sentence: str, start: int) -> re.Match:
    return _NEXT_WORD.match(sentence, start)


_NEXT_WORD = re.compile(r"[\w-]+")
# "the last one", "the previous one", "the next one": an event of the kind just told, not that event
_ANOTHER_ONE = re.compile(r"\b(?:the|its)\s+(?:last|previous|latest|next|upcoming|preceding)\s+one\b", re.IGNORECASE)
# A sentence without any of these names no event and tells no gathering.
# (a gathering referred back to is found by its noun, rare in most sentences, not by "the")
_ANY_EVENT_OR_GATHERING = CaselessAny([_EVENT.pattern.pattern, r"\b(?:gathering|event|get-together)\b"]
                                      + [p.pattern.pattern for kind in ("gathering", "met_to") for p in _CUES.get(kind, [])])
# An event word used as a modifier or a verb is not an event: "training needs", "also meeting the Minister".
_NOT_A_NOUN_AFTER = re.compile(
    r"^\s*(?:centres?|centers?|needs|materials?|modules?|curricul\w*|facilit\w*|institut\w*|academ\w*|programmes?|"
    r"programs?|courses|manuals?|tools?|equipment|opportunit\w*|activit\w*|capacit\w*|rooms?|halls?|the\b|"
    r"his\b|her\b|their\b|during\b)",
    re.IGNORECASE,
)
# the talks of a visit are the visit's row, not a meeting (gold README: "the Riyadh meeting ... is the visit itself")
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through|to)\s+(?:the\s+)?$", re.IGNORECASE)
_TALKS_WITH = re.compile(r"(?:\s+(?:in|at)\s+[^,;.]{1,40}?)?\s+with\b")
_DURING_A_VISIT = re.compile(r"\b(?:visit(?:s|ed|ing)?|trip|tour|mission)\b", re.IGNORECASE)
_ACRONYM_AFTER = re.compile(r"\s*\([^()]{1,15}\)\s*")
_PREPOSITION = r"(?:in|on|at|for|with|to|by|from)"
_PREPOSITION_OR_ARTICLE = rf"(?:{_PREPOSITION}|of|the|a|an|and|was|is|were|are|will|has|had)\b"
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|this|that|its|their|our|his|her|next|last|first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|annual|regional|international|national|joint|two-day|three-day|five-day|one-day|week-long|"
    r"high-level|ministerial|technical|specialized|specialised|expert|coordination|analytical|practical|online|virtual)"
    r"|\d+(?:st|nd|rd|th)|[A-Z][\w’'-]*|[’'”\"])\s+(?:(?!(?:" + _PREPOSITION + r"|or)\b)[\w’'-]+\s+){0,3}$"
)  # (within the noun phrase: "support to Lao counterparts in training and equipment" names no course)
# "training counter-narcotics officers", "training 40 border guards": people trained, so "training" is a verb
_TRAINS_PEOPLE = re.compile(
    rf"\s+(?:(?!{_PREPOSITION_OR_ARTICLE})[\w’'-]+\s+){{0,2}}?(?:officers|officials|staff|personnel|specialists|"
    r"guards|investigators|prosecutors|judges|analysts|inspectors|agents|policemen|police\s+officers|recruits|"
    r"cadets|employees|handlers|instructors|trainers)\b",
    re.IGNORECASE,
)
_PEOPLE = re.compile(
    r"^(?:\s+[\w’'-]+){0,4}?\s+(?:participants|representatives|delegates|experts|officers|officials|specialists|"
    r"members|prosecutors|judges|investigators|guards|analysts|trainees|attendees|heads|practitioners|"
    r"investigators|staff|policymakers|people|persons|agents|inspectors|diplomats|journalists|students)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“”«](?P<name>[^\"“”«»]{8,150})[\"“”»]")
# a quoted title ("Strengthening Border Controls in Central Asia"), not a quoted sentence ("This training
# gives us the tools to follow them."): no sentence end
_LOOKS_LIKE_A_TITLE = re.compile(r"(?![^\n]*[.!?]\s*$)[^\n]*$")
_CAPITALISED_NAME = re.compile(
    r"(?P<name>(?:\d+(?:st|nd|rd|th)\s+)?(?:[A-Z][\w’'-]*\s+(?:(?:of|on|for|and|the)\s+)?){1,7}"
    r"(?:Conference|Forum|Summit|Seminar|Workshop|Meeting|Round\s?Table|Symposium|Congress|Session|Course|Training))"
)
_LEADING_PREPOSITION = re.compile(r"^(?:on|in|for|during|at|by)\s+", re.IGNORECASE)


@dataclass(slots=True)
class MeetingRow:
    """One event (columns of the ``meetings`` table)."""

    doc_id: str
    event_type: str
    name: str
    start_date: str
    end_date: str
    date_text: str
    city: str
    country: str
    status: str
    participants: int | None
    participants_qualifier: str
    organizers: str
    sentence: str
    char_start: int
    char_end: int
    evidence: str  # every sentence the row's facts come from, as "start-end" offsets, "; "-separated
    evidence_text: str  # those sentences but ``sentence``, " … "-joined


@dataclass
class _Event:
    event_type: str
    sentence: Sentence
    status: str
    date: DateMention | None = None
    city: str = ""
    country: str = ""
    participants: tuple[int, str] | None = None
    name: str = ""
    organizers: list[str] = field(default_factory=list)
    # told only by the dateline ("NEW DELHI, 10 May 2023 – ... has concluded a workshop"): a later
    # sentence's own days and place win ("Held on 8-9 May in Kathmandu, the workshop ...")
    told_in: list[Sentence] = field(default_factory=list)  # the other sentences its facts come from
    which: str = ""  # its ordinal ("8" for "the eighth conference"), "other" for "the next meeting"
    date_from_dateline: bool = False
    virtual: bool = False  # held online: no city, no country, whatever the sentence names
    place_from_dateline: bool = False


def _any(kind: str, text: str) -> bool:
    return _ANY_CUE.get(kind, _NO_CUE).matches(text)


def _event_words(sentence: str) -> list[re.Match]:
    """Event words in ``sentence`` (matches whose text may be lower case: read their offsets)."""
    found = []
    for match in _EVENT.finditer(sentence):
        after = sentence[match.end() :]
        before = sentence[: match.start()]
        if after.startswith("s") or _NOT_A_NOUN_AFTER.match(after):
            continue
        if _modifies_an_event_noun(after):
            continue
        if match.group().lower() in ("meeting", "training") and not _DETERMINER_BEFORE.search(before):
            continue
        if match.group().lower() == "training" and _TRAINS_PEOPLE.match(after):
            continue  # "its support in training counter-narcotics officers": the verb, not a course
        if _ANY_CUE["not_event"].matches(sentence[max(0, match.start() - 30) : match.end() + 60]) and not _any(
                "margins", sentence):
            continue  # "meetings with the Minister" during a visit; not on the sidelines of a session
        if _TALKS_WITH.match(sentence, match.end()) and _DURING_A_VISIT.search(sentence) and not _any("margins", sentence):
            continue  # "While on a visit to the United States, the Minister held a meeting in Washington with ..."
        if found and _OF_LINK.fullmatch(sentence, found[-1].end(), match.start()):
            continue  # "the fifth meeting of the joint working group": one event, named twice
        found.append(match)
    return found


def _modifies_an_event_noun(after: str) -> bool:
    """Whether the event word is a modifier of the event noun after it: "the last four Expert Working
    Group (EWG) meetings", "a training workshop" (a workshop)."""
    head = _ACRONYM_AFTER.match(after)
    if not head and not after[:1].isspace():
        return False
    noun = _NEXT_WORD.match(after, head.end() if head else 1)
    if noun is None:
        return False
    word = noun.group().lower()
    return word in EVENT_TYPES or (word.endswith("s") and word[:-1] in EVENT_TYPES)


def _head_count_after(event: _Event, sentence: Sentence) -> None:
    """The participants a later sentence counts without naming the event ("Some 200 police experts from the 57
    participating States are expected to attend", "About 40 officers took part")."""
    count = _participants(sentence.text)
    if count is not None:
        event.participants = count
        event.told_in.append(sentence)


def _participants(sentence: str) -> tuple[int, str] | None:
    dates = [(m.start, m.end) for m in find_dates(sentence)]
    for quantity in find_quantities(sentence, any_number=True):
        if any(s < quantity.end and quantity.start < e for s, e in dates):
            continue
        if quantity.kind != "number" or not float(quantity.value).is_integer() or quantity.value < 2:
            continue
        if 1900 <= quantity.value <= 2100 and "," not in quantity.text:
            continue
        if _PEOPLE.match(sentence[quantity.end :]):
            return int(quantity.value), quantity.qualifier
    return None


# held in a national government's own building: in the country's capital
_AT_THE_GOVERNMENT = re.compile(r"\b(?:in|at)\s+the\s+(?:premises\s+of\s+the\s+|building\s+of\s+the\s+)?(?:Ministry|Parliament|"
                                r"Presidential\s+(?:Palace|Administration)|Government\s+House|"
                                r"Office\s+of\s+the\s+(?:President|Prime\s+Minister))\b")
_IN_OR_AT_BEFORE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")


def _place(sentence: str, places: list | None = None) -> tuple[str, str]:
    """City and country where the sentence's event is; ``places`` limits the candidates to those
    nearest the event word when the sentence tells several events."""
    places = [p for p in (find_places(sentence) if places is None else places) if p.country
              and not _HONORIFIC_BEFORE.search(sentence, max(0, p.start - 6), p.start)]  # "Mr Kamau" is no place
    # "held in Accra", "at the summit in Astana": a place after "in"/"at" beats one inside a name
    # and a city beats a region ("officers of the Sughd region ... scheduled for March in Khujand");
    # where a traveller comes from is not where the event is ("From Beijing, X will travel to Bishkek")
    after_preposition = [p for p in places if _IN_OR_AT_BEFORE.search(sentence, 0, p.start)
                         or _TO_BEFORE.search(sentence, max(0, p.start - 4), p.start)]
    # ... nor where a participant's office is ("the Tbilisi office of the DEA", "Vienna-based experts")
    places = [p for p in places if not _OFFICE_AFTER.match(sentence, p.end)]
    after_preposition = [p for p in after_preposition if p in places]
    origins = _origins(sentence, places)
    places = sorted(places, key=lambda p: (p in origins, p not in after_preposition, p.kind != "city"))
    if "host" in sentence and not [p for p in after_preposition if p not in origins]:
        for _, end, _, canonical in organizations_in(sentence):  # "Europol will host an operational meeting"
            if canonical in _SEATS and _HOSTS_AFTER.match(sentence, end):
                return _SEATS[canonical]
    for match in places:
        if match.kind != "country":
            city = match.text.title() if match.text.isupper() else match.text
            return city, match.country
    if places and _CAPITAL_AFTER.match(sentence, places[0].end):  # "The Uzbek capital has been the venue"
        return capital(places[0].country) or "", places[0].country
    if not [p for p in places if p not in origins]:
        # "experts gathered at the Central Asian Regional ... Centre (CARICC)": the body's seat
        for start, _, _, canonical in organizations_in(sentence):
            if canonical in _SEATS and _IN_OR_AT_BEFORE.search(sentence, max(0, start - 12), start):
                return _SEATS[canonical]
    # where participants come from is no venue ("officers from Tajikistan and Afghanistan took part")
    venues = [p for p in places if p not in origins]
    return "", venues[0].country if venues else ""


def _origins(sentence: str, places: list) -> list:
    """The places told as where participants come from: after "from", and the rest of the list it
    starts ("delegations from Saudi Arabia, the UAE, Qatar and Oman have confirmed")."""
    origins = []
    for place in sorted(places, key=lambda p: p.start):
        if _FROM_BEFORE.search(sentence, max(0, place.start - 6), place.start) or (
                _FROM_THEN_LIST.search(sentence, max(0, place.start - 80), place.start)) or (
                origins and _LIST_JOIN.fullmatch(sentence, origins[-1].end, place.start)):
            origins.append(place)
    return origins


_LIST_JOIN = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?|,(?:the\s+)?", re.IGNORECASE)
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Mr\.|Mrs\.|Ms\.|Dr\.)\s+$")
_TO_BEFORE = re.compile(r"\bto\s+$")
_OFFICE_AFTER = re.compile(r"(?:\s+(?:regional\s+|country\s+)?(?:office|bureau|branch|embassy|mission|station)|-based)\b",
                           re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\b[Ff]rom\s+$")
# the list that follows "from" and what it counts: "24 delegates from all seven member states of the Centre -
# Azerbaijan, Kazakhstan ...", "experts from five countries (Ghana, Togo ...", "from the region, including Benin"
# "officers from Central Asia and Afghanistan"; not "officials from the ministry met in Dushanbe and"
_FROM_THEN_LIST = re.compile(r"\b[Ff]rom\s+(?:(?!(?:in|at|on|to|for|with|met|meet)\s)[\w’'-]+\s+){0,7}?[\w’'-]+"
                             r"(?:\s*[-–—:(]|,?\s+(?:including|namely|and))\s*(?:the\s+)?$")
_HOSTS_AFTER = re.compile(r"\s+(?:will\s+(?:also\s+)?host|hosts|hosted|is\s+hosting|will\s+be\s+hosting)\b")
_BACK_TO_THE_EVENT = re.compile(r"\b(?:the|this)\s+(?:gathering|event|get-together)\b", re.IGNORECASE)
_CAPITAL_AFTER = re.compile(r"\s+capital\b")
_SEATS = organisation_seats()
# "Both events were hosted at CARICC's premises in Almaty", "The meetings took place in Baku": where
# every event of the release was held that names no place of its own
# (read lowered, after a test for its nouns: its leading "the" would wake the expression at every other word)
_SHARED_VENUE = CaselessPattern(
    r"\b(?:both|all|the|these|those|each\s+of\s+the)\s+(?:two\s+|three\s+)?(?:events?|meetings?|gatherings?|sessions?)\s+"
    r"(?:were|was|are|is|will\s+be)\s+(?:hosted|held|organi[sz]ed|convened|taking\s+place|took\s+place)\b")
_MET_VIRTUALLY = re.compile(r"\b(?:met|meet|gathered|convened)\s+(?:online|virtually|by\s+video(?:\s*conference|\s+link)?)\b",
                            re.IGNORECASE)
_VIRTUAL_BEFORE = re.compile(r"\b(?:virtual|online|video|web)\w*\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)
_HELD_VIRTUALLY = re.compile(r"\b(?:held|organi[sz]ed|conducted|convened|hosted|took\s+place)\s+(?:online|virtually|"
                             r"by\s+video(?:\s*conference|\s+link)?|via\s+video(?:\s*conference|\s+link)?)\b", re.IGNORECASE)
_VIRTUAL = re.compile(r"\b(?:virtual(?:ly)?|online|videoconferenc\w*|video\s+link|webinar|by\s+video)\b", re.IGNORECASE)


def _share_venue(events: list[_Event], doc: AnnotatedDocument) -> None:
    """Events that name no place take the release's shared venue ("Both events were hosted at ... in
    Almaty"), else the place of the event told before them when they are its segments, on the days
    it spans or the day after ("On May 2, experts sat down for a roundtable"); virtual events stay
    without a place."""
    if all(event.city or event.country for event in events):
        return  # most releases: every event names its place
    shared = next(((*_place(s.text, doc.places_in(s)), s) for s in doc.sentences
                   if _SHARED_VENUE.search(s.text) and _place(s.text, doc.places_in(s))[0]), None)
    placed: _Event | None = None
    for event in events:
        if event.city or event.country:
            placed = event if event.status == "held" else placed
            continue
        if event.virtual or _VIRTUAL.search(event.sentence.text):
            continue
        if shared is not None:
            event.city, event.country = shared[:2]
            event.told_in.append(shared[2])
        elif placed is not None and event.status == "held" and _within(event.date, placed.date):
            event.city, event.country = placed.city, placed.country
            event.told_in.append(placed.sentence)


def _within(date: DateMention | None, around: DateMention | None) -> bool:
    """Whether ``date`` falls on the days ``around`` spans, the day before or the next (a segment of that gathering)."""
    if date is None or around is None or len(date.iso) != 10 or len(around.iso) != 10:
        return False
    start, end = dt.date.fromisoformat(around.iso), dt.date.fromisoformat(around.end_iso or around.iso)
    # "It was preceded on 7 October by a round table": the day before is one of its segments too
    return start - dt.timedelta(days=1) <= dt.date.fromisoformat(date.iso) <= end + dt.timedelta(days=1)


def _name(sentence: str, word: re.Match) -> str:
    for quoted in _QUOTED.finditer(sentence):
        if abs(quoted.start() - word.start()) < 120 and _LOOKS_LIKE_A_TITLE.match(quoted.group("name")):
            return quoted.group("name").strip()
    for named in _CAPITALISED_NAME.finditer(sentence):
        if named.start() <= word.start() < named.end() + 2 and len(named.group("name").split()) > 1:
            return re.sub(r"^(?:The|A|An)\s+", "", named.group("name").strip())
    return ""


def _host_country(sentence: str) -> str:
    """The country of a national body that hosts or organises the event ("the ONCB will host ..." ->
    THA), from ``data/organizations.csv``; "" when no such body is named."""
    named = organizations_in(sentence)
    hosts = [c for _, end, _, c in named if _HOSTS_AFTER.match(sentence, end)] + _organizers(sentence)
    return next((ORGANIZATION_COUNTRIES[c] for c in hosts if c in ORGANIZATION_COUNTRIES), "")


def _organizers(sentence: str) -> list[str]:
    for pattern in _CUES.get("organizer", []):
        match = pattern.search(sentence)
        if match:
            return [c for _, _, _, c in organizations_in(sentence[match.end() :])]
    return []


# a deadline's date is not the event's: "Registration for the meeting closes on 13 September", "the deadline for
# applications is 1 March", "nominations are due by Friday"
_DEADLINE_BEFORE = re.compile(r"\b(?:registration|deadline|applications?|nominations?|submissions?|abstracts?)\b"
                              r"[^.;]{0,40}?\b(?:closes?|closed|ends?|due|is|are|was|by|before|until)\s+(?:on\s+)?$",
                              re.IGNORECASE)


def _event_dates(sentence: str, published: dt.date | None) -> list[DateMention]:
    mentions = [m for m in find_dates(sentence, published) if not re.fullmatch(r"\d{4}\s*[-–—]\s*\d{4}", m.text)]
    told = [m for m in mentions if not in_dateline(sentence, m)]  # a dateline's date is when the news was told
    mentions = [m for m in told or mentions if not _DEADLINE_BEFORE.search(sentence, max(0, m.start - 60), m.start)]
    # a year and days inside it: the days are the event's ("The 2024 OSCE Annual Police Experts Meeting will take
    # place on 24 and 25 September", "Last year's meeting, held in Skopje on 17-18 October 2023")
    if len(mentions) > 1 and any(len(m.iso) == 4 for m in mentions):
        return [m for m in mentions if len(m.iso) != 4 or not any(o.iso[:4] == m.iso and len(o.iso) > 4 for o in mentions)]
    return mentions


def _date_near(sentence: str, published: dt.date | None, position: int) -> DateMention | None:
    mentions = _event_dates(sentence, published)
    return min(mentions, key=lambda m: abs(m.start - position)) if mentions else None


def _dates_of_words(sentence: str, published: dt.date | None, words: list[re.Match],
                    told: frozenset[str] = frozenset()) -> list[DateMention | None]:
    """The date of each event word: each date belongs to the event word nearest to it, so that in "On the
    sidelines of the conference, a workshop will be held on 12 December" the date is the workshop's."""
    mentions = _event_dates(sentence, published)
    if len(words) < 2 or not mentions:
        return [min(mentions, key=lambda m: abs(m.start - w.start())) if mentions else None for w in words]
    # an event referred back to ("on the margins of the conference") does not take the date of a new one
    # told beside it ("A round table, held on Tuesday on the margins of the conference, ...")
    new = [i for i, w in enumerate(words) if not _refers_back(sentence, w, told)]
    owners = new if new and len(new) < len(words) else range(len(words))
    owner = {id(m): _owner(sentence, words, owners, m) for m in mentions}
    return [min((m for m in mentions if owner[id(m)] == i), key=lambda m: _distance(w, m), default=None)
            for i, w in enumerate(words)]


def _bounds(span) -> tuple[int, int]:
    """(start, end) of a date or place (offsets as attributes) or of a regular-expression match (as methods)."""
    return (span.start(), span.end()) if callable(span.start) else (span.start, span.end)


def _distance(word: re.Match, span) -> int:
    """Characters between an event word and a date, place or cue (0 when they overlap)."""
    start, end = _bounds(span)
    return max(word.start() - end, start - word.end(), 0)


def _owner(sentence: str, words: list[re.Match], owners, span) -> int:
    """The event word a date or place belongs to: the one before it ("the meeting, which was held in
    Astana"), unless it stands just before the next ("... and suggested that Uzbekistan host the next meeting",
    "On 13-15 November the ONCB will host a meeting")."""
    start, end = _bounds(span)
    before = [i for i in owners if words[i].end() <= start]
    after = [i for i in owners if words[i].start() >= end]
    if after and (not before or (words[after[0]].start() - end <= _ATTACHED
                                 and not _CLAUSE_BREAK.search(sentence, end, words[after[0]].start()))):
        return after[0]
    if before:
        return before[-1]
    return min(owners, key=lambda i: _distance(words[i], span))


_ATTACHED = 40  # characters: "Uzbekistan host the next, 11th meeting"
# "the conference in Mombasa, Mr Otieno and Mr Mwangi held bilateral talks": the place ends its clause
# "held on 14 and 15 March in Vienna, the Minister held a bilateral meeting": so does a comma before a new subject
_CLAUSE_BREAK = re.compile(r",\s+(?:[A-Z]|the\s|an?\s)")


def _places_of_words(sentence: str, words: list[re.Match], named: list,
                     told: frozenset[str] = frozenset()) -> list[list | None]:
    """The places of each event word when a sentence tells several events (each place belongs to the
    nearest word: "... the 10th review meeting, which was held in Astana, and suggested that Uzbekistan
    host the next meeting"); None for each word of a one-event sentence (the whole sentence is its)."""
    if len(words) < 2:
        return [None] * len(words)
    places = [p for p in named if p.country]
    owned: list[list] = [[] for _ in words]
    new = [i for i, w in enumerate(words) if not _refers_back(sentence, w, told)]
    owners = new if new and len(new) < len(words) else range(len(words))
    for place in places:
        owned[_owner(sentence, words, owners, place)].append(place)
    return owned


_PAST_OCCURRENCE = re.compile(r"\b(?:(?:was|were|had\s+been)\s+(?:held|hosted|organi[sz]ed|convened|conducted)|took\s+place)\b",
                              re.IGNORECASE)


def _planned_words(sentence: str, words: list[re.Match], planned: bool) -> list[bool]:
    """Whether each event word is planned: the sentence's tense for a one-event sentence, else the
    nearest tense cue ("the 10th meeting, which was held in Astana, ... host the next meeting in 2018")."""
    if len(words) < 2 or not planned:
        return [planned] * len(words)
    cues = [(m, True) for pattern in _CUES.get("planned", []) for m in pattern.pattern.finditer(sentence)]
    cues += [(m, False) for m in _PAST_OCCURRENCE.finditer(sentence)]
    return [min(cues, key=lambda cue: _distance(word, cue[0]))[1] for word in words]


# "the next, 11th meeting", "the previous session", "the seventh conference": which one of its kind
_WHICH_ONE_BEFORE = re.compile(r"\b(?P<which>next|following|previous|preceding|last|subsequent|\d+(?:st|nd|rd|th)|"
                               + "|".join(sorted(ordinal_words(), key=len, reverse=True))
                               + r")\b[\s,]+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)
_RELATIVE_ONE = frozenset({"next", "following", "previous", "preceding", "last", "subsequent"})


def _which_one(sentence: str, word: re.Match) -> str:
    """The ordinal of an event word ("8" for "the eighth conference" and "8th"), "next"/"previous" for a
    relative one, else ""."""
    match = _WHICH_ONE_BEFORE.search(sentence, max(0, word.start() - 40), word.start())
    if match is None:
        return ""
    which = match.group("which").lower()
    if which in _RELATIVE_ONE:
        return "other"
    return str(ordinal_words().get(which) or re.sub(r"\D", "", which))


def _refers_back(sentence: str, word: re.Match, told: frozenset[str]) -> bool:
    """Whether an event word names an event already told (``told``: the types told so far): "on the
    margins of the conference" after the conference; "the 10th review meeting", "the next meeting" and a
    first mention ("On the sidelines of the police chiefs' conference in Mombasa") name one of their own."""
    if EVENT_TYPES.get(re.sub(r"\s+", " ", word.group().lower())) not in told:
        return False
    definite = _DEFINITE_BEFORE.search(sentence, max(0, word.start() - 40), word.start()) is not None
    return definite and not _which_one(sentence, word)


_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that|these|its)\s+(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)
# "the meeting of the expert group", "a workshop for the training centre's staff": one event, named twice
_OF_LINK = re.compile(r"\s+(?:of|for)\s+(?:the\s+|an?\s+)?(?:[\w’'-]+\s+){0,3}", re.IGNORECASE)
# "a senior staff meeting and a ministerial meeting", "the workshop and the training that followed it"
_COORDINATED = re.compile(r"\s*,?\s*(?:and|as\s+well\s+as|or)\s+(?:an?\s+|the\s+)?(?:[\w’'-]+\s+){0,3}", re.IGNORECASE)


def extract_meetings(doc: AnnotatedDocument, earlier: Mapping[str, list] = NOTHING) -> list[MeetingRow]:
    """Meeting rows of one document.

    >>> from analysis.text.annotated import annotate_text
    >>> rows = extract_meetings(annotate_text("A regional workshop on precursors will be held in Almaty on 4-5 March 2026."))
    >>> [(r.event_type, r.start_date, r.end_date, r.city, r.country, r.status) for r in rows]
    [('workshop', '2026-03-04', '2026-03-05', 'Almaty', 'KAZ', 'planned')]
    """
    doc_id, published, dateline, sentences = doc.doc_id, doc.published, doc.dateline, doc.sentences
    events: list[_Event] = []
    pending: _Event | None = None  # people gathered; the event's type comes in a later sentence
    for index, sentence in enumerate(sentences):
        if _may_hold_plural(sentence.text) and _ANY_PLURAL.matches(sentence.text):
            for event_type, noun, many, (first, last) in _plural_events(sentence.text):
                happening = _happening(sentence.text, published, noun.start())
                if happening is not None:
                    planned, date = happening
                    venues = [p for p in doc.places_in(sentence) if not first <= p.start < last]
                    # meetings between listed parties ("Thailand – China and Thailand – Myanmar") are not where
                    # the news is told: no dateline place
                    told_at = ("", "") if last else dateline
                    for day in _days_of(date, many):
                        events.append(_new_event(event_type, sentence, planned, published, told_at, noun, day, venues))
        one = _ANOTHER_ONE.search(sentence.text) if events and " one" in sentence.text else None
        if one is None and not _ANY_EVENT_OR_GATHERING.matches(sentence.text):
            if events and events[-1].participants is None and _any("attendance", sentence.text) and not _event_dates(
                    sentence.text, published):  # "Earlier, on May 12, ... attended by 22 analysts": another event's
                _head_count_after(events[-1], sentence)  # "Some 200 police experts ... are expected to attend."
            continue  # most sentences: one search instead of two
        words = _event_words(sentence.text)
        if not words and events and events[-1].date is None:
            back = _BACK_TO_THE_EVENT.search(sentence.text)  # "Held on May 2-3, the gathering brought together ..."
            date = _date_near(sentence.text, published, back.start()) if back else None
            if date is not None:
                events[-1].date = date
                events[-1].told_in.append(sentence)
                continue
        if one is not None and not words:  # "Bangladesh organised the last one in December 2020": another of the kind
            happening = _happening(sentence.text, published, one.start())
            if happening is not None:
                planned, date = happening
                event = _new_event(events[-1].event_type, sentence, planned, published, dateline, one, date,
                                   doc.places_in(sentence))
                event.which = "other"
                events.append(event)
            continue
        if not words and _any("met_to", sentence.text):  # "On 27 October representatives of ... met to discuss ..."
            events.append(_new_event("meeting", sentence, _any("planned", sentence.text), published, dateline,
                                     places=doc.places_in(sentence)))
            continue
        if not words:
            if _any("gathering", sentence.text) and (find_dates(sentence.text, published) or doc.places_in(sentence)):
                pending = _new_event("", sentence, _any("planned", sentence.text), published, dateline,
                                     places=doc.places_in(sentence))
            continue
        planned = _any("planned", sentence.text)
        told_here: list[_Event] = []  # events this sentence adds: "a senior staff meeting and a ministerial meeting"
        told = frozenset(event.event_type for event in events)
        dates = _dates_of_words(sentence.text, published, words, told)
        named = doc.places_in(sentence)  # not the place words of persons' names: "Minister Nancy Faeser"
        places = [p if p is not None else named for p in _places_of_words(sentence.text, words, named, told)]
        planned_by_word = _planned_words(sentence.text, words, planned)
        of_word: list[_Event | None] = [None] * len(words)
        for at, word in enumerate(words):
            event_type = EVENT_TYPES[re.sub(r"\s+", " ", word.group().lower())]
            if at == 0 and pending is not None and index - sentences.index(pending.sentence) <= 2:
                pending.event_type = event_type
                pending.name = pending.name or _name(sentence.text, word)
                pending.organizers = pending.organizers or _organizers(sentence.text)
                pending.told_in.append(sentence)  # the sentence that names the gathering's type
                events.append(pending)
                of_word[at], pending = pending, None
                continue
            if at > 0 and told_here and _COORDINATED.fullmatch(sentence.text, words[at - 1].end(), word.start()):
                twin = _twin_of(told_here[-1], _new_event(event_type, sentence, planned, published, dateline, word,
                                                          dates[at], places[at]))
                events.append(twin)
                told_here.append(twin)
                of_word[at] = twin
                continue
            date, planned = dates[at], planned_by_word[at]
            occurs = _any("occurrence", sentence.text) or date is not None or planned
            anaphora = _ANAPHORA_BEFORE.search(sentence.text[: word.start()]) is not None
            which = _which_one(sentence.text, word)
            if anaphora and date is not None and _UNTIL_BEFORE.search(sentence.text, max(0, date.start - 12), date.start):
                last = _ends_on(events, event_type, date, sentence)  # "The meeting, which runs until Thursday"
                if last is not None:
                    of_word[at] = last
                    continue
            if anaphora and events and date is not None and len(date.iso) == 4 and not which and not planned:
                # "The course, the third in a series launched last year", "Opening the session, the Director said
                # the past year had ...": a year told beside the event told already is another thing's date
                same = _same_event(events, event_type, None, planned) or (
                    events[-1] if events[-1].event_type != event_type else None)
                if same is not None:
                    same.told_in.append(sentence)
                    # "More than 2,000 participants registered for this year's session": its head count still counts
                    same.participants = same.participants or _participants(sentence.text)
                    of_word[at] = same
                    continue
            same = _same_event(events, event_type, date, planned, which)
            if (same is None and anaphora and events and events[-1].event_type != event_type and which != "other"
                    and (date is None or (events[-1].date is None and events[-1].sentence is not sentence)
                         or _around(date, events[-1].date))):
                # "The course was the third of its kind": the event already told; "INTERPOL's Annual Working
                # Group meeting ... The two-day meeting (24 and 25 March) brought together ...": its days
                same = events[-1]
            if same is not None:
                _complete(same, sentence, published, word, date, named)
                of_word[at] = same
                continue
            if not occurs:
                continue
            event = _new_event(event_type, sentence, planned, published, dateline, word, date, places[at])
            event.which = which
            if index and _THERE.match(sentence.text):
                _there(event, sentences[index - 1], doc)
            events.append(event)
            told_here.append(event)
            of_word[at] = event
        _inside_others(sentence.text, words, of_word, told_here)
        if pending is not None and sentence is not pending.sentence and _any("organizer", sentence.text) and events:
            events[-1].organizers = events[-1].organizers or _organizers(sentence.text)
    for event in events:
        if not event.organizers:
            for sentence in sentences[sentences.index(event.sentence) :][:3]:
                if re.search(r"\b(?:event|workshop|training|meeting|conference|seminar|course)\b", sentence.text,
                             re.IGNORECASE) and _organizers(sentence.text):
                    event.organizers = _organizers(sentence.text)
                    break
    _share_venue(events, doc)
    events = _headline_told_again(events, doc.facts.title)
    visits = earlier.get("visits", ())
    if visits:
        _at_the_visit(events, visits)
    return [_row(doc_id, event) for event in events if not (visits and _part_of_a_visit(event, visits))]


# "The trip concluded in Ashgabat on 18 June. There the Secretary General ... opened a regional training course":
# "there" (not "there is", "there were") is the place, and the day, of the sentence before
_THERE = re.compile(r"\s*There\b,?\s+(?!(?:is|are|was|were|will|would|has|have|had|remains?|seems?|appears?|may|might|must|"
                    r"could|should|can)\b)")


def _there(event: _Event, before: Sentence, doc: AnnotatedDocument) -> None:
    """Give an event told after "There" the place and day of the sentence before, where its own sentence names none."""
    city, country = _place(before.text, doc.places_in(before))
    if city and (not event.city or event.place_from_dateline):
        event.city, event.country, event.place_from_dateline = city, country, False
        event.told_in.append(before)
    if event.date is None and (date := _date_near(before.text, doc.published, len(before.text))) is not None:
        event.date = date
        if before not in event.told_in:
            event.told_in.append(before)


# the event told already: "the meeting", "this year's forum", "that two-day course"
_ANAPHORA_BEFORE = re.compile(r"\b(?:the|this|that)\s+(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)


def _happening(sentence: str, published: dt.date | None, position: int) -> tuple[bool, DateMention | None] | None:
    """(planned, the date nearest ``position``) when the sentence tells that an event happens (planned,
    dated or with an occurrence cue: "were held", "hosted"), else None."""
    planned, date = _any("planned", sentence), _date_near(sentence, published, position)
    return (planned, date) if planned or date is not None or _any("occurrence", sentence) else None


def _headline_told_again(events: list[_Event], title: str) -> list[_Event]:
    """Drop an event told by the headline when the body tells an event on the same day under another
    name ("Foreign Ministry holds conference on countering drug abuse today" and "From today (Monday)
    the Ministry is hosting a two-day high-level meeting"): the body's words are the event's."""
    title = title.strip()
    if not title:
        return events
    kept = []
    for event in events:
        if event.sentence.text.strip() == title and event.date is not None and len(event.date.iso) == 10:
            body = next((other for other in events if other.sentence.text.strip() != title and other.date is not None
                         and other.date.iso == event.date.iso), None)
            if body is not None:
                body.told_in.append(event.sentence)
                continue
        kept.append(event)
    return kept


# "the members of the delegation took part as observers in the meeting of the operational working group", "During
# the visit, the delegation also attended a seminar": an event the visiting delegation attends is where the visit is
_THE_VISITORS = re.compile(r"\b(?:the|this|that)\s+(?:(?:members\s+of\s+the\s+)?delegation|visit|visitors?|guests?)\b",
                           re.IGNORECASE)


def _at_the_visit(events: list[_Event], visits) -> None:
    """Give an event with no place of its own, that the visitors attend, the place of the document's visit (one
    city), when it is held on the visit's day or after it."""
    places = {(v.city, v.host_country) for v in visits if v.status == "held" and v.city}
    if len(places) != 1:
        return
    city, country = next(iter(places))
    first_day = min(v.date for v in visits if v.status == "held")
    for event in events:
        if (event.city or event.country or event.virtual or event.status != "held"
                or not _THE_VISITORS.search(event.sentence.text)):
            continue
        if event.date is not None and first_day and event.date.iso[: len(first_day)] < first_day:
            continue  # an earlier event told in passing
        event.city, event.country = city, country


_VISIT_TALKS = frozenset({"meeting", "consultations"})  # the talks a visit is made of, not a workshop or a session


def _part_of_a_visit(event: _Event, visits) -> bool:
    """Whether the event is talks of a visit told in the document ("Minister X met on 3 April with the
    visiting delegation"; "The State Customs Service hosted a meeting with the delegation of UNODC on 3
    April"): an unnamed meeting in the visit's country, on its day (or undated), that names the visitor
    or the visitor's body, is the visit (gold: "the meeting at the State Customs Service is part of the
    same visit"). Talks on the sidelines of a session, and named meetings, stay meetings."""
    if event.event_type not in _VISIT_TALKS or event.name or _any("margins", event.sentence.text):
        return False
    text = event.sentence.text
    if event.date is None and _THE_TALKS.search(text) and any(event.country in ("", v.host_country) for v in visits):
        return True  # "During the meeting, the two sides reviewed ...": the visit's talks, told again
    bodies = {canonical for _, _, _, canonical in organizations_in(text)}
    for visit in visits:
        if event.country and visit.host_country != event.country:
            continue
        if event.date is not None and not (visit.date and (visit.date.startswith(event.date.iso[:10])
                                                           or event.date.iso.startswith(visit.date))):
            continue
        surname = visit.visitor.split()[-1] if visit.visitor else ""
        if (surname and surname in text) or (visit.visitor_org and visit.visitor_org in bodies):
            return True
    return False


# "During the meeting, the parties discussed ...", and the sentence's subject: "The meeting was also attended by
# the Deputy Minister", "The talks focused on ..." (not "The meeting of the Council")
_THE_TALKS = re.compile(r"(?:\b(?:during|at|in|after|following|at\s+the\s+end\s+of)\s+|^\s*)the\s+(?:meeting|talks)\b"
                        r"(?!\s+of\b)", re.IGNORECASE)


# "A side event ... took place during the 66th session of the Commission", "talks on the sidelines of the forum"
_INSIDE_OF = re.compile(r"\b(?:during|at|on\s+the\s+(?:sidelines|margins)\s+of|in\s+the\s+(?:margins|framework)\s+of|"
                        r"as\s+part\s+of|within)\s+(?:the\s+|its\s+|this\s+year's\s+)?(?:[\w’'-]+\s+){0,4}$", re.IGNORECASE)


# ... and the sentence's opening frame: "In the high-level segment of the Commission, ..., the Minister held a meeting"
_MARGINS_OF = re.compile(r"(?:^\s*(?:In|At)\s+the\s+|\b(?:on\s+the\s+(?:sidelines|margins)\s+of|in\s+the\s+margins\s+of|during)"
                         r"\s+(?:the\s+|its\s+)?)"
                         r"(?:[\w’'-]+\s+){0,4}$", re.IGNORECASE)


def _inside_others(sentence: str, words: list[re.Match], of_word: list[_Event | None], told_here: list[_Event]) -> None:
    """An event told as held inside another takes the other's place, and its month when it names no
    days: the side event "during the 66th session ..., held in Vienna on 13-17 March" is in Vienna, in
    March; "On the margins of the session in Vienna, X held a bilateral meeting with Y" is in Vienna."""
    for at, event in enumerate(of_word):
        if event is None or event not in told_here or event.city:
            continue
        for other, host in enumerate(of_word):
            if host is None or host is event or not (host.city or host.country):
                continue
            if other > at:  # "a side event took place during the 66th session"
                inside = _INSIDE_OF.search(sentence, max(words[at].end(), words[other].start() - 60), words[other].start())
            else:  # "On the margins of the session ..., X held a meeting" (not "played at the 10th meeting")
                inside = _MARGINS_OF.search(sentence, max(0, words[other].start() - 60), words[other].start())
            if not inside:
                continue
            event.city, event.country = host.city, host.country
            if event.date is None and host.date is not None and host.date.iso:
                month = host.date.iso[:7]
                event.date = DateMention(host.date.start, host.date.end, host.date.text, month, month, host.date.relative)
            break


def _twin_of(partner: _Event, twin: _Event) -> _Event:
    """An event joined to ``partner`` by "and": one verb, one date, one place for both ("will host a senior
    staff meeting and a ministerial meeting in Dushanbe on 24-26 June"); what either names, both have."""
    twin.virtual = twin.virtual or partner.virtual  # "an online forum and a roundtable event": both online
    if twin.virtual and twin.date_from_dateline:
        twin.date = None  # the dateline's day is when the news was told, not when the online event was
    twin.date, partner.date = twin.date or partner.date, partner.date or twin.date
    if not (partner.city or partner.country) and not partner.virtual:
        partner.city, partner.country = twin.city, twin.country
    twin.city, twin.country, twin.status = partner.city, partner.country, partner.status
    return twin


def _ends_on(events: list[_Event], event_type: str, date: DateMention, sentence: Sentence) -> _Event | None:
    """The event of this type told before that ``date`` is the last day of ("The meeting, which runs until
    Thursday, ..."), its end date moved there; None when none is dated before it."""
    last = next((e for e in reversed(events) if e.event_type == event_type and e.date is not None
                 and len(e.date.iso) == 10 and len(date.iso) == 10 and date.iso > e.date.iso), None)
    if last is not None:
        last.date = DateMention(last.date.start, last.date.end, last.date.text, last.date.iso,
                                max(date.iso, last.date.end_iso or ""), last.date.relative)
        last.told_in.append(sentence)
    return last


def _same_event(events: list[_Event], event_type: str, date: DateMention | None, planned: bool,
                which: str = "") -> _Event | None:
    """An event of this type already told, at the same date or with one of the two dates unknown; a
    planned one is not a held one ("At the meeting held on April 18 ..." and "The next meeting is planned
    for the second half of the year")."""
    if which == "other":
        return None  # "the next meeting" is not the meeting told
    for event in events:
        if event.event_type != event_type or (which and event.which and which != event.which):
            continue  # "The seventh conference was held in Muscat" is not the eighth
        if date is None or event.date is None or date.iso == event.date.iso or event.date_from_dateline:
            return event
        if _compatible(event.date, date) and (event.status == "planned") == planned:
            return event
    return None


def _around(relative: DateMention, told: DateMention | None) -> bool:
    """Whether a relative date holds the days of an event told already ("This year's meeting will focus on ..."
    after "The 2024 ... Meeting will take place on 24 and 25 September")."""
    return relative.relative and told is not None and len(told.iso) > len(relative.iso) and told.iso.startswith(relative.iso)


def _compatible(one: DateMention, other: DateMention) -> bool:
    """Dates that may name the same days: equal, or a relative one and days inside it ("next week" and
    "10 December"); a year and a day in it are not ("ministerial meetings in 2025", "the meeting on 20 January")."""
    if one.iso == other.iso:
        return True
    return bool(one.iso and other.iso) and ((one.relative and other.iso.startswith(one.iso))
                                            or (other.relative and one.iso.startswith(other.iso)))


def _complete(event: _Event, sentence: Sentence, published: dt.date | None, word: re.Match,
              date: DateMention | None = None, named: list | None = None) -> None:
    """Fill what a later mention of the same event adds (its date, place, participants); a date
    told as "next week" gives way to the days a later sentence names ("is scheduled for 10 and 11 December")."""
    more = _new_event(event.event_type, sentence, _any("planned", sentence.text), published, ("", ""), word,
                      date if date is not None else "nearest", named)
    filled = (event.date, event.city, event.country, event.participants, event.name, tuple(event.organizers))
    if more.place_from_dateline is False and more.city and event.place_from_dateline:
        event.city, event.country, event.place_from_dateline = more.city, more.country, False
    if more.date is not None and (event.date is None or event.date_from_dateline
                                  or (len(more.date.iso) > len(event.date.iso) and _compatible(event.date, more.date))):
        event.date_from_dateline = more.date_from_dateline
        event.told_in.append(event.sentence)  # the first mention stays evidence of the row
        event.date, event.sentence, event.status = more.date, more.sentence, more.status
    if event.virtual:
        more.city = more.country = ""  # "the meeting, organised online": a later sentence's country is a party's
    if not event.city and more.city:
        event.city, event.country = more.city, more.country
    event.country = event.country or more.country
    event.participants = event.participants or more.participants
    event.name = event.name or more.name
    event.organizers = event.organizers or more.organizers
    if filled != (event.date, event.city, event.country, event.participants, event.name, tuple(event.organizers)):
        event.told_in.append(sentence)  # the later sentence added a fact: it is evidence of the row


def _new_event(event_type: str, sentence: Sentence, planned: bool, published: dt.date | None,
               dateline: tuple[str, str], word: re.Match | None = None, date: DateMention | None | str = "nearest",
               places: list | None = None) -> _Event:
    if date == "nearest":  # else the date the caller gave the word (None: the sentence's dates are other events')
        date = _date_near(sentence.text, published, word.start() if word else 0)
    if planned and date is not None and published is not None:
        date = _upcoming(date, published)
    city, country = _place(sentence.text, places)
    if word is None:  # "officials of six countries met online on Monday to review ..."
        virtual = _MET_VIRTUALLY.search(sentence.text) is not None
    else:
        virtual = ((_VIRTUAL.search(sentence.text, max(0, word.start() - 40), word.end()) is not None
                    and _VIRTUAL_BEFORE.search(sentence.text, max(0, word.start() - 40), word.start()) is not None)
                   # "the 5th meeting ..., which Myanmar's CCDAC organised online on Thursday"
                   or _HELD_VIRTUALLY.search(sentence.text, word.end(), word.end() + 240) is not None)
    if not city and not country and not virtual:
        country = _host_country(sentence.text)  # "the ONCB will host a senior staff meeting" -> Thailand
    if virtual:
        city, country = "", ""  # "an online Prosecutors' Network forum": no place, whatever the sentence names
        dateline = ("", "")
        if date is not None and in_dateline(sentence.text, date):
            date = None  # "Mombasa, 18 September – ... by hosting an online forum": the day the news was told
    status = "planned" if planned or (date is not None and published is not None and date.iso[:10] > published.isoformat()
                                      and len(date.iso) == 10) else "held"
    # "NEW DELHI, 10 May 2023 – ... has concluded a workshop": the dateline's city is where the news was told
    # ... unless the sentence names it again ("New Delhi (India), 11 March 2020 - ... held a briefing ... at its office
    # in New Delhi")
    place_from_dateline = bool(city) and city.casefold() == dateline[0].casefold() and sentence.text[:80].upper().startswith(
        dateline[0].upper()) and sentence.text.casefold().count(city.casefold()) < 2
    # none named, or only the dateline's country: where the news is told, unless the event is an earlier one
    # told in passing ("the bilateral meetings held at the end of last month": their place is not said)
    if not city and status == "held" and country in ("", dateline[1]) and not _told_in_passing(date, published):
        city, country = dateline
        city = city.title() if city.isupper() else city
        place_from_dateline = bool(city)
    if not city and country and _AT_THE_GOVERNMENT.search(sentence.text):
        city = capital(country)  # "organized by the Ministry of Foreign Affairs of Tajikistan ... in the Ministry"
    return _Event(
        event_type=event_type, sentence=sentence, status=status, date=date, city=city, country=country,
        participants=_participants(sentence.text), name=_name(sentence.text, word) if word else "",
        organizers=_organizers(sentence.text),
        date_from_dateline=date is not None and in_dateline(sentence.text, date),
        place_from_dateline=place_from_dateline,
        virtual=virtual,
    )


_IN_PASSING_DAYS = 14


def _told_in_passing(date: DateMention | None, published: dt.date | None) -> bool:
    """Whether the event ended more than two weeks before publication (an earlier event mentioned)."""
    if date is None or published is None:
        return False
    last = date.end_iso or date.iso
    try:
        ended = dt.date.fromisoformat(last) if len(last) == 10 else (
            dt.date(int(last[:4]), int(last[5:7]), calendar.monthrange(int(last[:4]), int(last[5:7]))[1])
            if len(last) == 7 else dt.date(int(last[:4]), 12, 31))
    except ValueError:
        return False
    return (published - ended).days > _IN_PASSING_DAYS


def _upcoming(date: DateMention, published: dt.date) -> DateMention:
    """A planned event's month, days or season with no year in the text ("in June", "on 9 and 10
    September", "in the autumn") are the next such month, days or season on or after publication."""
    season_year = next_season_year(date.text, published) if len(date.iso) == 4 else None
    if season_year is not None:  # "agreed to meet again in the autumn"
        return DateMention(date.start, date.end, date.text, str(season_year), str(season_year), date.relative)
    if re.search(r"\d{4}", date.text) or date.relative or len(date.iso) not in (7, 10) or not date.end_iso:
        return date
    month_day = date.iso[5:]
    shift = published.year - int(date.iso[:4]) + (month_day < published.isoformat()[5 : 5 + len(month_day)])
    if shift == 0:
        return date

    def moved(iso: str) -> str:
        return f"{int(iso[:4]) + shift:04d}{iso[4:]}"

    if moved(date.iso)[5:] == "02-29" and not calendar.isleap(int(moved(date.iso)[:4])):
        return date
    return DateMention(date.start, date.end, date.text, moved(date.iso), moved(date.end_iso), date.relative)


def _row(doc_id: str, event: _Event) -> MeetingRow:
    date_text = _LEADING_PREPOSITION.sub("", event.date.text) if event.date else ""
    return MeetingRow(
        doc_id=doc_id,
        event_type=event.event_type,
        name=event.name,
        start_date=event.date.iso if event.date else "",
        end_date=event.date.end_iso if event.date else "",
        date_text=date_text,
        city=event.city,
        country=event.country,
        status=event.status,
        participants=event.participants[0] if event.participants else None,
        participants_qualifier=event.participants[1] if event.participants else "",
        organizers="; ".join(dict.fromkeys(event.organizers)),
        sentence=event.sentence.text,
        char_start=event.sentence.start,
        char_end=event.sentence.end,
        **evidence_of(event.sentence, event.told_in),
    )

