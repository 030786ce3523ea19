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
from dataclasses import dataclass, field

from analysis.dates import DateMention, find_dates, in_dateline
from analysis.gazetteer import capital, find_places, organisation_seats
from analysis.lexicons import CaselessAny, CaselessPattern, by_first_letter, read_rows, split_aliases
from analysis.metadata import organizations_in
from analysis.quantities import find_quantities
from analysis.sentences import Sentence, split_sentences

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
# A sentence without any of these names no event and tells no gathering.
# (a gathering referred back to is found by its noun, rare in most sentences, not by "the")
_ANY_EVENT_OR_GATHERING = CaselessAny([_EVENT.pattern.pattern, r"\b(?:gathering|event|get-together)\b"]
                                      + [p.pattern.pattern for p in _CUES.get("gathering", [])])
# An event word used as a modifier or a verb is not an event: "training needs", "also meeting the Minister".
_NOT_A_NOUN_AFTER = re.compile(
    r"^\s*(?:centres?|centers?|needs|materials?|modules?|curricul\w*|facilit\w*|institut\w*|academ\w*|programmes?|"
    r"programs?|courses|manuals?|tools?|equipment|opportunit\w*|activit\w*|capacit\w*|rooms?|halls?|the\b|"
    r"his\b|her\b|their\b|during\b)",
    re.IGNORECASE,
)
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|this|that|its|their|our|his|her|next|last|first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|annual|regional|international|national|joint|two-day|three-day|five-day|one-day|week-long|"
    r"high-level|ministerial|technical|specialized|specialised|expert|coordination|analytical|practical|online|virtual)"
    r"|\d+(?:st|nd|rd|th)|[A-Z][\w’'-]*|[’'”\"])\s+(?:[\w’'-]+\s+){0,3}$"
)
_PEOPLE = re.compile(
    r"^(?:\s+[\w’'-]+){0,4}?\s+(?:participants|representatives|delegates|experts|officers|officials|specialists|"
    r"members|prosecutors|judges|investigators|guards|analysts|trainees|attendees|heads|practitioners|"
    r"investigators|staff|policymakers|people|persons|agents|inspectors|diplomats|journalists|students)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“”«](?P<name>[^\"“”«»]{8,150})[\"“”»]")
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
        if match.group().lower() in ("meeting", "training") and not _DETERMINER_BEFORE.search(before):
            continue
        if _ANY_CUE["not_event"].matches(sentence[max(0, match.start() - 30) : match.end() + 25]):
            continue
        found.append(match)
    return found


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


def _place(sentence: str) -> tuple[str, str]:
    places = [p for p in find_places(sentence) if p.country]
    # "held in Accra", "at the summit in Astana": a place after "in"/"at" beats one inside a name
    # and a city beats a region ("officers of the Sughd region ... scheduled for March in Khujand")
    after_preposition = [p for p in places if _IN_OR_AT_BEFORE.search(sentence, 0, p.start)]
    places = sorted(places, key=lambda p: (p not in after_preposition, p.kind != "city"))
    for match in places:
        if match.kind != "country":
            city = match.text.title() if match.text.isupper() else match.text
            return city, match.country
    if places and _CAPITAL_AFTER.match(sentence, places[0].end):  # "The Uzbek capital has been the venue"
        return capital(places[0].country) or "", places[0].country
    if not places:  # "experts gathered at the Central Asian Regional ... Centre (CARICC)": the body's seat
        for start, _, _, canonical in organizations_in(sentence):
            if canonical in _SEATS and _IN_OR_AT_BEFORE.search(sentence, max(0, start - 12), start):
                return _SEATS[canonical]
    return "", places[0].country if places else ""


_BACK_TO_THE_EVENT = re.compile(r"\b(?:the|this)\s+(?:gathering|event|get-together)\b", re.IGNORECASE)
_CAPITAL_AFTER = re.compile(r"\s+capital\b")
_SEATS = organisation_seats()
# "Both events were hosted at CARICC's premises in Almaty", "The meetings took place in Baku": where
# every event of the release was held that names no place of its own
_SHARED_VENUE = re.compile(
    r"\b(?:both|all|the|these|those|each\s+of\s+the)\s+(?:two\s+|three\s+)?(?:events?|meetings?|gatherings?|sessions?)\s+"
    r"(?:were|was|are|is|will\s+be)\s+(?:hosted|held|organi[sz]ed|convened|taking\s+place|took\s+place)\b",
    re.IGNORECASE)
_VIRTUAL = re.compile(r"\b(?:virtual(?:ly)?|online|videoconferenc\w*|video\s+link|webinar|by\s+video)\b", re.IGNORECASE)


def _share_venue(events: list[_Event], sentences: list[Sentence]) -> None:
    """Events that name no place take the release's shared venue ("Both events were hosted at ... in
    Almaty"), else the place of the event told before them when they are its segments, on the days
    it spans or the day after ("On May 2, experts sat down for a roundtable"); virtual events stay
    without a place."""
    if all(event.city or event.country for event in events):
        return  # most releases: every event names its place
    shared = next((_place(s.text) for s in sentences if _SHARED_VENUE.search(s.text) and _place(s.text)[0]), None)
    placed: _Event | None = None
    for event in events:
        if event.city or event.country:
            placed = event if event.status == "held" else placed
            continue
        if _VIRTUAL.search(event.sentence.text):
            continue
        if shared is not None:
            event.city, event.country = shared
        elif placed is not None and event.status == "held" and _within(event.date, placed.date):
            event.city, event.country = placed.city, placed.country


def _within(date: DateMention | None, around: DateMention | None) -> bool:
    """Whether ``date`` falls on the days ``around`` spans or the next (a segment of that gathering)."""
    if date is None or around is None or len(date.iso) != 10 or len(around.iso) != 10:
        return False
    start, end = dt.date.fromisoformat(around.iso), dt.date.fromisoformat(around.end_iso or around.iso)
    return start <= dt.date.fromisoformat(date.iso) <= end + dt.timedelta(days=1)


def _name(sentence: str, word: re.Match) -> str:
    for quoted in _QUOTED.finditer(sentence):
        if abs(quoted.start() - word.start()) < 120:
            return quoted.group("name").strip()
    for named in _CAPITALISED_NAME.finditer(sentence):
        if named.start() <= word.start() < named.end() + 2 and len(named.group("name").split()) > 1:
            return re.sub(r"^(?:The|A|An)\s+", "", named.group("name").strip())
    return ""


def _organizers(sentence: str) -> list[str]:
    for pattern in _CUES.get("organizer", []):
        match = pattern.search(sentence)
        if match:
            return [c for _, _, _, c in organizations_in(sentence[match.end() :])]
    return []


def _date_near(sentence: str, published: dt.date | None, position: int) -> DateMention | None:
    mentions = [m for m in find_dates(sentence, published) if not re.fullmatch(r"\d{4}\s*[-–—]\s*\d{4}", m.text)]
    if not mentions:
        return None
    told = [m for m in mentions if not in_dateline(sentence, m)]  # a dateline's date is when the news was told
    return min(told or mentions, key=lambda m: abs(m.start - position))


def extract_meetings(
    doc_id: str,
    text: str,
    published: dt.date | None = None,
    dateline: tuple[str, str] = ("", ""),
    sentences: list[Sentence] | None = None,
) -> list[MeetingRow]:
    """Meeting rows of one document.

    >>> rows = extract_meetings("d", "A regional workshop on precursors will be held in Almaty on 4-5 March 2026.")
    >>> [(r.event_type, r.start_date, r.end_date, r.city, r.country, r.status) for r in rows]
    [('workshop', '2026-03-04', '2026-03-05', 'Almaty', 'KAZ', 'planned')]
    """
    sentences = sentences if sentences is not None else split_sentences(text)
    events: list[_Event] = []
    pending: _Event | None = None  # people gathered; the event's type comes in a later sentence
    for index, sentence in enumerate(sentences):
        if not _ANY_EVENT_OR_GATHERING.matches(sentence.text):
            continue  # most sentences: one search instead of two
        words = _event_words(sentence.text)
        if not words and events and events[-1].date is None:
            back = _BACK_TO_THE_EVENT.search(sentence.text)  # "Held on May 2-3, the gathering brought together ..."
            date = _date_near(sentence.text, published, back.start()) if back else None
            if date is not None:
                events[-1].date = date
                continue
        if not words:
            if _any("gathering", sentence.text) and (find_dates(sentence.text, published) or find_places(sentence.text)):
                pending = _new_event("", sentence, _any("planned", sentence.text), published, dateline)
            continue
        planned = _any("planned", sentence.text)
        for word in words[:1]:
            event_type = EVENT_TYPES[re.sub(r"\s+", " ", word.group().lower())]
            if pending is not None and index - sentences.index(pending.sentence) <= 2:
                pending.event_type = event_type
                pending.name = pending.name or _name(sentence.text, word)
                pending.organizers = pending.organizers or _organizers(sentence.text)
                events.append(pending)
                pending = None
                continue
            date = _date_near(sentence.text, published, word.start())
            occurs = _any("occurrence", sentence.text) or date is not None or planned
            anaphora = re.search(r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,2}$", sentence.text[: word.start()],
                                 re.IGNORECASE) is not None
            same = _same_event(events, event_type, date)
            if same is None and anaphora and date is None and events:
                same = events[-1]  # "The course was the third of its kind": the event already told
            if same is not None:
                _complete(same, sentence, published, word)
                continue
            if not occurs:
                continue
            events.append(_new_event(event_type, sentence, planned, published, dateline, word))
        if pending is not None and sentence is not pending.sentence and _any("organizer", sentence.text) and events:
            events[-1].organizers = events[-1].organizers or _organizers(sentence.text)
    for event in events:
        if not event.organizers:
            for sentence in sentences[sentences.index(event.sentence) :][:3]:
                if re.search(r"\b(?:event|workshop|training|meeting|conference|seminar|course)\b", sentence.text,
                             re.IGNORECASE) and _organizers(sentence.text):
                    event.organizers = _organizers(sentence.text)
                    break
    _share_venue(events, sentences)
    return [_row(doc_id, event) for event in events]


def _same_event(events: list[_Event], event_type: str, date: DateMention | None) -> _Event | None:
    """An event of this type already told, at the same date or with one of the two dates unknown."""
    for event in events:
        if event.event_type == event_type and (date is None or event.date is None or event.date.iso == date.iso):
            return event
    return None


def _complete(event: _Event, sentence: Sentence, published: dt.date | None, word: re.Match) -> None:
    """Fill what a later mention of the same event adds (its date, place, participants)."""
    more = _new_event(event.event_type, sentence, _any("planned", sentence.text), published, ("", ""), word)
    if event.date is None and more.date is not None:
        event.date, event.sentence, event.status = more.date, more.sentence, more.status
    if not event.city and more.city:
        event.city, event.country = more.city, more.country
    event.country = event.country or more.country
    event.participants = event.participants or more.participants
    event.name = event.name or more.name
    event.organizers = event.organizers or more.organizers


def _new_event(event_type: str, sentence: Sentence, planned: bool, published: dt.date | None,
               dateline: tuple[str, str], word: re.Match | None = None) -> _Event:
    date = _date_near(sentence.text, published, word.start() if word else 0)
    if planned and date is not None and published is not None:
        date = _upcoming(date, published)
    city, country = _place(sentence.text)
    status = "planned" if planned or (date is not None and published is not None and date.iso[:10] > published.isoformat()
                                      and len(date.iso) == 10) else "held"
    if not city and status == "held" and country in ("", dateline[1]):  # none named, or only the dateline's country
        city, country = dateline
        city = city.title() if city.isupper() else city
    if not city and country and _AT_THE_GOVERNMENT.search(sentence.text):
        city = capital(country)  # "organized by the Ministry of Foreign Affairs of Tajikistan ... in the Ministry"
    return _Event(
        event_type=event_type, sentence=sentence, status=status, date=date, city=city, country=country,
        participants=_participants(sentence.text), name=_name(sentence.text, word) if word else "",
        organizers=_organizers(sentence.text),
    )


def _upcoming(date: DateMention, published: dt.date) -> DateMention:
    """A planned event's month or days with no year in the text ("in June", "on 9 and 10
    September") are the next such month or days on or after publication."""
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
    )
