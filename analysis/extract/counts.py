"""Every other stated number: notices, member countries, participants, offices,
labs, arrests, cases, shares, areas, money, ordinals, and trends without a number.

A number is a count when a plural noun follows it ("190 member countries",
"14 Yellow Notices", "over 50 refining labs destroyed"), or it is a percent,
an area in hectares or an amount of money. What it counts (``category``)
comes from ``data/count_categories.csv``. Ordinals written in digits
("his 166th official visit") are rows with unit ``ordinal``, and so are ordinal
words of two or more before a noun of a numbered series ("the second meeting of
the working group", ``data/series_nouns.txt``); "first" is not. Trends stated without a number ("reached a historical high",
"doubled") come from ``data/trends.csv`` and have an empty value.

Not counts: seizure weights and counted seizures (pills), dates and years,
durations ("9 years", "a two-day event"), distances, packages of a seizure, ages, the pair a
bilateral story is about ("the two sides", "the two officials"), and the number one. A definite
group of three or more is a count ("the five Central Asian countries"), as is the size of a
delegation ("a 20-member delegation").
``year`` is the year the count refers to, when the sentence names one
("in 2014", "last year", "between 2011 and 2012" -> 2012).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice

from analysis.text.annotated import NOTHING, AnnotatedDocument
from analysis.text.dates import MONTH_NAMES, find_dates
from analysis.text.lexicons import (
    CaselessAny,
    CaselessPattern,
    alternation,
    for_ascii,
    lower_for_matching,
    ordinal_words,
    read_lines,
    read_rows,
    reading_cache,
    split_aliases,
    words_by_kind,
)
from analysis.text.metadata import ORGANIZATIONS
from analysis.text.quantities import NUMBER_WORDS, find_quantities
from analysis.text.sentences import Sentence

CATEGORIES: list[tuple[str, re.Pattern]] = [
    (row["category"], re.compile(rf"(?:{row['nouns']})\b", re.IGNORECASE)) for row in read_rows("count_categories.csv")
]
TRENDS: list[tuple[str, CaselessPattern]] = [
    (row["qualifier"], CaselessPattern(row["pattern"])) for row in read_rows("trends.csv")
]
_ANY_TREND = CaselessAny([pattern.pattern.pattern for _, pattern in TRENDS])  # most sentences state no trend
_PACKAGES = {term.lower() for row in read_rows("seizure_terms.csv") if row["kind"] == "package"
             for term in split_aliases(row["term"])}
_DURATION = re.compile(r"^[\s-]*(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|times|"
                       r"year-old|years-old|per\s+cent\s+of\s+the\s+time)\b", re.IGNORECASE)
_NOUN_PHRASE = re.compile(
    r"\s+(?P<phrase>(?:(?!(?:of|in|at|on|to|for|from|with|by|as|than|that|which|who|were|was|are|is|had|have|"
    r"has|will|would|since|during|across|between|along|under|over)\b)[\w’'()-]+\s*){1,6})",
    re.IGNORECASE,
)
_EVENT_SENTENCE = CaselessPattern(
    r"\b(?:workshop|training|seminar|conference|meeting|course|forum|briefing|round\s*table|session|expert\s+group|"
    r"gathered|took\s+part|participated|attended)\b"
)
_DEFINITE_GROUP = re.compile(r"\b(?:the|both|all)\s+$", re.IGNORECASE)
_TIME_OR_YEARS_AFTER = re.compile(r"\s*[:.]\d|\s*-\s*year")  # "10:30", "3.5", "a 20-year sentence"
_GROUP_LISTED_WITH_OTHERS = re.compile(r"\s+(?:[\w-]+\s+){0,3}?(?:countries|states|nations),\s+[A-Z]")
# "a 20-member Bangladesh delegation", "a four-member team", "the seven-party memorandum of understanding"
_MEMBERS_OF = re.compile(r"-(?P<kind>member|party|nation|country|strong)\s+(?P<body>(?:[\w’'-]+\s+){0,3}?"
                         r"(?:delegation|team|group|memorandum(?:\s+of\s+understanding)?|coalition|commission|committee|"
                         r"task\s+force|board|panel|alliance|contingent|unit|agreement|council|network|mission))\b",
                         re.IGNORECASE)
# r"(?<![\w.,-])(?P<value>\d{1,4})...", with the lookbehind after the first digit (the same test):
# starting with a digit, the expression is tried only where a digit stands.
_ORDINAL = re.compile(r"(?P<value>\d(?<![\w.,-]\d)\d{0,3})(?:st|nd|rd|th)\b(?P<after>\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+)?")
def _ordinal_words_pattern() -> re.Pattern:
    """ "the second meeting", "its third and final volume": an ordinal word after a definite determiner
    and before a noun of a numbered series (``data/series_nouns.txt``) within three words; "first" is no count."""
    words = sorted((word for word, value in ordinal_words().items() if value >= 2), key=len, reverse=True)
    nouns = sorted(read_lines("series_nouns.txt"), key=len, reverse=True)
    # lower case only: a capitalised ordinal begins a title ("the Ninth Meeting of the MoU"), read as part of the name
    return re.compile(rf"\b(?i:the|its|his|her|their|this)\s+(?P<word>{'|'.join(words)})\s+"
                      rf"(?:[\w’'-]+\s+){{0,3}}?(?P<noun>(?i:{'|'.join(nouns)})s?)\b")


_ORDINAL_WORD = _ordinal_words_pattern()
_ORDINAL_ASCII = for_ascii(_ORDINAL)  # for ASCII text (lexicons.ascii_twin)
_CLAUSE_START = re.compile(r"(?:^|[,;:]\s+|\b(?:that|while|whereas|and|but)\s+)(?=[^,;:]*$)", re.IGNORECASE)
_LEADING_NOISE = re.compile(
    r"^(?:the\s+)?(?:number\s+of\s+|total\s+of\s+|amount\s+of\s+|volume\s+of\s+|level\s+of\s+)?", re.IGNORECASE)
_TRAILING_VERBS = re.compile(
    r"(?:\s+(?:also|already|has|had|have|has\s+been|had\s+been|was|were|is|are|further|almost|nearly|more\s+than))+\s*$",
    re.IGNORECASE)


@dataclass(slots=True)
class CountRow:
    """One stated number or trend (columns of the ``counts`` table)."""

    doc_id: str
    value: float | None
    unit: str
    object: str
    category: str
    year: str
    qualifier: str
    sentence: str
    char_start: int
    char_end: int


def _category(phrase: str, event_sentence: bool) -> str:
    for category, pattern in CATEGORIES:
        if pattern.match(phrase):
            if category == "participants" and not event_sentence:
                return "other"
            return category
    return "other"


def _year(sentence: str, published: dt.date | None, latest: bool = False, near: int = 0) -> str:
    years = [(m.start, m.iso) for m in find_dates(sentence, published) if len(m.iso) == 4 and len(m.end_iso) == 4
             and m.iso == m.end_iso]
    years += [(m.start, m.end_iso) for m in find_dates(sentence, published)
              if len(m.iso) == 4 and m.iso != m.end_iso and re.search(r"\band\b", m.text)]
    if not years:
        return ""
    if latest:
        return max(iso for _, iso in years)
    return min(years, key=lambda y: abs(y[0] - near))[1]


def _object(sentence: str, end: int) -> str:
    """What the number ending at ``end`` counts (see :func:`_object_and_end`)."""
    return _object_and_end(sentence, end)[0]


def _ordinal_object(sentence: str, end: int) -> str:
    """What an ordinal ending at ``end`` numbers: "26th Americas Regional Conference", "9th official visit"."""
    match = _NOUN_PHRASE.match(sentence, end)
    return _SINGULAR_PHRASE_ENDS.split(match.group("phrase").strip())[0] if match else ""


def _object_and_end(sentence: str, end: int) -> tuple[str, int]:
    """The noun phrase after a number, up to its first plural noun ("11 coastal and island
    states took part"), with the rest of a list of such phrases ("35 border guards, customs
    officers and drug specialists") and what was done to them ("40 officers trained",
    "50 labs were destroyed"); and where it ends in ``sentence``."""
    match = _NOUN_PHRASE.match(sentence, end)
    if not match:
        return "", end
    phrase = match.group("phrase").strip()
    words = phrase.split()
    for index, word in enumerate(words):
        if _is_plural_noun(word):
            phrase = " ".join(words[: index + 1])
            break
    else:  # "his 31st working visit abroad this year": up to a word that tells where or when
        phrase = _SINGULAR_PHRASE_ENDS.split(phrase)[0]
    kept_words = len(phrase.split())  # the phrase is the match's first words: the participle follows them
    phrase_end = next(islice(_WORD.finditer(sentence, match.start("phrase")), kept_words - 1, None)).end()
    listed = _LIST_OF_PLURALS.match(sentence, phrase_end)
    if listed and _is_plural_noun(phrase) and _is_plural_noun(listed.group("last").split()[-1]):
        phrase, phrase_end = sentence[match.start("phrase") : listed.end()], listed.end()
    participle = _PARTICIPLE_AFTER.match(sentence, phrase_end)
    if participle:
        phrase, phrase_end = f"{phrase} {participle.group(1)}", participle.end()
    return phrase, phrase_end


_SINGULAR_PHRASE_ENDS = re.compile(r"\s+(?:and|or|abroad|overseas|here|there|now|today|yesterday|this|last|next)\b",
                                   re.IGNORECASE)
_WORD = re.compile(r"[\w’'()-]+")  # a word of _NOUN_PHRASE
# the rest of a list of plural noun phrases, ending where the clause goes on ("..., customs officers and
# drug control specialists from ..."): not ", officials said" nor "and arrests rose"
_NOT_LISTED = rf"(?!(?:and|or|the|a|an|{'|'.join(map(re.escape, NUMBER_WORDS))})\b|[a-z]+(?:ing|ed)\b)"  # "five Pakistani ..."
_LIST_ITEM = rf"(?:{_NOT_LISTED}[A-Za-z][\w’'-]*\s+){{0,3}}?{_NOT_LISTED}[A-Za-z][\w’'-]*"
_LIST_OF_PLURALS = re.compile(
    rf"(?:\s*,\s*{_LIST_ITEM})*\s*,?\s+(?:and|or)\s+(?P<last>{_LIST_ITEM})"
    r"(?=\s*(?:[,;:.)]|$)|\s+(?:from|of|in|at|on|to|for|with|by|who|which|that|took|attended|participated|gathered|"
    r"joined|met|completed|were|was|are|have|had|will|represented|trained)\b)"
)
# "40 officers trained", "410 laboratories destroyed": what was done to the things counted is part of the object.
# _DONE_TO may also stand before the number ("police destroyed 410 laboratories"); arrests have their own rule
# there, and "seized 300 bags" are a seizure's packages.
_DONE_TO = ("destroyed", "dismantled", "detained", "trained", "issued", "published", "opened", "established", "exchanged",
            "supported")
_PARTICIPLES = (*_DONE_TO, "arrested", "seized", "represented", "recognized", "recognised", "reported")
_PARTICIPLE_AFTER = re.compile(rf"\s+(?:(?:were|was|have\s+been|had\s+been|are|is)\s+(?!arrested|detained))?"
                               rf"({'|'.join(_PARTICIPLES)})\b"
                               # a verb with an object is the clause's own ("20 countries seized 33 tonnes")
                               r"(?!\s+(?:\d|the\b|a\b|an\b|more\b|over\b|some\b|about\b|nearly\b|almost\b|approximately\b|around\b|"
                               r"their\b|its\b|his\b|her\b|two\b|three\b|four\b|five\b))")
_DONE_BEFORE = re.compile(rf"\b({'|'.join(_DONE_TO)})\s{{1,10}}$", re.IGNORECASE)
_DONE_BEFORE_REACH = 30  # its longest match: only that much text before the number is searched
_IRREGULAR_PLURALS = {"people", "men", "women", "children", "personnel", "staff", "police", "youth", "cattle"}


@reading_cache(16384)
def _is_plural_noun(phrase: str) -> bool:
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w’'-]*", phrase)]
    return any(w in _IRREGULAR_PLURALS or (len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is")))
               for w in words[:6])


# "Dr Ruiz noted that Captagon seizures doubled": what doubled is told after the reporting verb
_REPORTING = words_by_kind("reporting_words.csv")
_REPORTED_THAT = re.compile(rf"\b(?:{alternation(_REPORTING['verb'] + _REPORTING['present'] + _REPORTING['gerund'])})"
                            r"\s+that\s+", re.IGNORECASE)


_OF_WHAT = re.compile(r"\s+of\s+(?P<what>[a-z][\w-]*(?:\s+(?!(?:in|at|on|for|during|since|this|last|and)\b)[a-z][\w-]*){0,3})"
                      r"(?=\s*[.,;]|\s+(?:in|at|on|for|during|since|this|last|and)\b)")


def _trend_object(sentence: str, start: int) -> str:
    before = sentence[:start]
    clause_start = _CLAUSE_START.search(before)
    clause = before[clause_start.end() :] if clause_start else before
    reported = [match.end() for match in _REPORTED_THAT.finditer(clause)]
    clause = clause[reported[-1] :] if reported else clause
    clause = _TRAILING_VERBS.sub("", clause.strip())
    clause = _LEADING_NOISE.sub("", clause)
    return re.sub(r"\s+(?:in|so\s+far\s+in|between)\s+(?:\d{4}|this\s+year|last\s+year).*$", "", clause).strip(" ,")


def _overlaps_any(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted ``spans`` (``starts`` their starts)."""
    at = bisect.bisect_left(starts, end)  # the spans from ``at`` on start at or after ``end``
    return any(spans[j][1] > start for j in range(max(0, at - 3), at))


# One person arrested, detained or killed: "arrested a suspected smuggler", "One suspected drug trafficker
# was killed during the raid", "an Afghan citizen was detained in Kumsangir district"
_PERSON_NOUN = alternation(read_lines("person_nouns.txt"))
_ONE_ACTS = ("arrested", "detained", "apprehended", "killed", "caught", "nabbed", "held")
_ONE_ACT = rf"(?:{'|'.join(_ONE_ACTS)})"
_ONE_PERSON = re.compile(
    rf"\b(?P<verb>{_ONE_ACT})\s+(?:a|an|one)\s+(?P<noun>(?:(?:suspected|alleged|[A-Z][\w-]+)\s+)?(?:{_PERSON_NOUN}))\b(?![\w-])"
    rf"|\b(?:One|one|An?)\s+(?P<noun2>(?:(?:suspected|alleged|[A-Z][\w-]+)\s+)?(?:{_PERSON_NOUN}))\s+(?:was|has\s+been|had\s+been)"
    rf"\s+(?:\w+\s+)?(?P<verb2>{_ONE_ACT})\b", re.IGNORECASE)


def _may_tell_one_person(lowered: str) -> bool:
    """Whether a lowered sentence holds a word of _ONE_ACT: substring tests, cheaper than a search."""
    return any(act in lowered for act in _ONE_ACTS)


def _amount_span(text: str, seizure) -> tuple[int, int]:
    """Where a seizure row's amount stands in the text (its ``quantity_text`` inside its sentence)."""
    at = text.find(seizure.quantity_text, seizure.char_start, seizure.char_end) if seizure.quantity_text else -1
    return (at, at + len(seizure.quantity_text)) if at >= 0 else (seizure.char_start, seizure.char_start)


def extract_counts(doc: AnnotatedDocument, earlier: Mapping[str, list] = NOTHING) -> list[CountRow]:
    """Count rows of one document.

    The amounts of the seizures found before (``earlier["seizures"]``) are
    not counts again ("5,000 tablets of ecstasy" is a seizure, not a count).

    >>> from analysis.text.annotated import annotate_text
    >>> rows = extract_counts(annotate_text("The agency now has 12 regional offices and reached a record high of cases."))
    >>> [(r.value, r.unit, r.category, r.qualifier) for r in rows]
    [(12.0, 'count', 'offices', 'exact'), (None, 'count', 'cases', 'record high')]
    """
    doc_id, text, published, sentences = doc.doc_id, doc.text, doc.published, doc.sentences
    skip = sorted(_amount_span(text, row) for row in earlier.get("seizures", ()))
    skip_starts = [start for start, _ in skip]  # searched by bisection: a long digest has thousands
    rows: list[CountRow] = []
    seen: set[tuple] = set()

    def add(sentence: Sentence, value, unit, obj, category, year, qualifier) -> None:
        key = (value, unit, category) if value is not None else (qualifier, obj.lower())
        if key in seen:
            return
        seen.add(key)
        rows.append(CountRow(doc_id, value, unit, obj, category, year, qualifier,
                             sentence.text, sentence.start, sentence.end))

    for sentence in sentences:
        body = sentence.text
        lowered = lower_for_matching(body)
        if _may_tell_one_person(lowered if lowered is not None else body.lower()):
            for match in _ONE_PERSON.finditer(body):
                verb = (match.group("verb") or match.group("verb2")).lower()
                noun = match.group("noun") or match.group("noun2")
                add(sentence, 1.0, "count", f"{noun} {verb}", "other" if verb == "killed" else "arrests",
                    _year(body, published, near=match.start()), "exact")
        quantities = find_quantities(body, any_number=True)
        ordinals = list((_ORDINAL_ASCII if body.isascii() else _ORDINAL).finditer(body))
        trends = TRENDS if _ANY_TREND.matches(body, lowered) else []  # one search rules out every trend
        spelled_ordinals = list(_ORDINAL_WORD.finditer(body)) if _may_hold_ordinal_word(lowered, body) else []
        if not (quantities or ordinals or trends or spelled_ordinals):
            continue  # most sentences state nothing to count: their dates are not read
        event_sentence = bool(_EVENT_SENTENCE.search(body, lowered))
        date_spans = [(m.start, m.end) for m in find_dates(body, published)] if quantities or ordinals else []
        for quantity in quantities:
            start, end = sentence.start + quantity.start, sentence.start + quantity.end
            if _overlaps_any(skip, skip_starts, start, end):
                continue
            if any(s < quantity.end and quantity.start < e for s, e in date_spans):
                continue
            row = _count_of(quantity, body, event_sentence)
            if row is None:
                continue
            unit, obj, category = row
            add(sentence, float(quantity.value), unit, obj, category,
                _year(body, published, near=quantity.start), quantity.qualifier)
        for match in ordinals:
            if any(s <= match.start() < e for s, e in date_spans):
                continue
            after = match.group("after") or ""
            if _MONTH_OR_CENTURY.match(after):
                continue
            following = body[match.end("value") :][:60]
            category = "visits" if re.match(r"\w*\s+(?:[\w-]+\s+){0,2}visit\b", following, re.IGNORECASE) else "other"
            suffix_end = match.end("value") + 2  # after "166th"
            add(sentence, float(match.group("value")), "ordinal", _ordinal_object(body, suffix_end), category, "", "exact")
        for match in spelled_ordinals:
            category = "visits" if match.group("noun").lower().startswith("visit") else "other"
            add(sentence, float(ordinal_words()[match.group("word").lower()]), "ordinal",
                _ordinal_object(body, match.end("word")), category, "", "exact")
        trend_spans: list[tuple[int, int]] = []
        for qualifier, pattern in trends:
            match = pattern.search(body, lowered)  # its group in lower case: the label is lowered anyway
            if not match or any(s < match.end() and match.start() < e for s, e in trend_spans):
                continue  # "reached a record high" and "a record high" are one trend
            trend_spans.append(match.span())
            if re.match(r"\s+(?:to|by|from)\s+(?:about\s+|some\s+|over\s+|more\s+than\s+)?\d", body[match.end() :]):
                continue  # "doubled to 1,200 cases": the number is the count
            label = qualifier.replace("{1}", match.group(1).lower() if match.groups() else "")
            label = label.replace("historic ", "historical ")
            # "reached a record high of 1,400 cases" has its number; "a record high of arrests" names its object after
            told_after = _OF_WHAT.match(body, match.end())
            obj = told_after.group("what") if told_after else _trend_object(body, match.start())
            unit = "ha" if re.search(r"\b(?:cultivation|hectares|area)\b", obj, re.IGNORECASE) else "count"
            add(sentence, None, unit, obj, _category_of_object(obj, event_sentence),
                _year(body, published, latest=True), label)
    return rows


# "the 5th of May", "the 21st century": an ordinal that is no count
_MONTH_OR_CENTURY = re.compile(rf"\s+(?:of\s+)?(?:{alternation(MONTH_NAMES)}|century)\b", re.IGNORECASE)


def _may_hold_ordinal_word(lowered: str | None, body: str) -> bool:
    """False when no ordinal word of two or more stands in the sentence (most sentences)."""
    text = lowered if lowered is not None else body.lower()
    return any(word in text for word in _ORDINAL_STEMS)


_ORDINAL_STEMS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
                  "twelfth", "teenth", "tieth")


def _category_of_object(obj: str, event_sentence: bool) -> str:
    for category, pattern in CATEGORIES:
        if pattern.search(obj):
            return category if category != "participants" or event_sentence else "other"
    return "area" if re.search(r"\b(?:cultivation|hectares)\b", obj, re.IGNORECASE) else "other"


# "No. 12", "Article 5", "Room 301-": the number is a reference. Every match ends where the
# text before the number ends but for white space, and is at most this long, so the search
# starts there rather than trying every position of the text before the number.
_REFERENCES = ("No|Nos|Article|Resolution|Room|Route|Phase|Level|Grade|Chapter|Section|paragraph|number|"
               "Sub-programme|Programme|Project|Tel|Phone|Fax|Decision|Regulation|Law|Act|Code|Convention|Protocol|"
               "Directive|Order|Decree")
_REFERENCE_BEFORE = re.compile(rf"[-/#№]\s*$|\b(?:{_REFERENCES})\.?\s*$", re.IGNORECASE)
_REFERENCE_LONGEST = max(map(len, _REFERENCES.split("|"))) + 1
_ARRESTED_BEFORE = re.compile(r"\b(?:arrested|detained|apprehended)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_ARRESTED_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:were|was|have\s+been|had\s+been)\s+(?:arrested|detained|apprehended)\b", re.IGNORECASE)


def _may_tell_arrests(sentence: str) -> bool:
    """False when neither arrest pattern can match anywhere in ``sentence`` (most sentences)."""
    lowered = lower_for_matching(sentence)
    return lowered is None or "arrested" in lowered or "detained" in lowered or "apprehended" in lowered


# "a 15% increase in Red Notices", "arrests rose by 40 percent": the object is "increase in <what changed>"
_CHANGE_NOUN_AFTER = re.compile(r"\s+(?P<word>increase|rise|growth|jump|decrease|drop|fall|decline)\b"
                                r"(?:\s+in\s+(?:the\s+)?(?P<what>[^,;.]{3,80}))?", re.IGNORECASE)
_CHANGE_VERB_BEFORE = re.compile(r"\b(?P<word>rose|increased|grew|climbed|jumped|fell|dropped|declined|decreased)\s+by\s+"
                                 r"(?:about\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?$", re.IGNORECASE)
_DOWN_WORDS = frozenset({"decrease", "drop", "fall", "decline", "fell", "dropped", "declined", "decreased"})
_CHANGE_ENDS = re.compile(r"\s+(?:was|were|is|are|has|have|had|compared|from|between|over|during|since|last|this|"
                          r"according|in\s+(?:19|20)\d\d)\b.*$", re.IGNORECASE)


_REPORTED_BY = re.compile(rf"^(?:(?:[\w'’.-]+\s+){{0,4}}?(?:{alternation(_REPORTING['verb'])})\s+"
                          r"(?:that\s+)?|\w+ing\s+that\s+)", re.IGNORECASE)


def _direction(word: str) -> str:
    return "decrease" if word.lower() in _DOWN_WORDS else "increase"


def _changed_thing(phrase: str) -> str:
    """What a percent change is of: the phrase up to a verb or a time ("Red Notices was recorded
    in 2022" -> "Red Notices"), without who reported it ("Officials said", "noting that") or
    "the number of"."""
    phrase = _REPORTED_BY.sub("", _CHANGE_ENDS.sub("", phrase.strip()))
    phrase = _LEADING_NOISE.sub("", phrase)
    return re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE).strip(" ,")


# "40 percent of the coca paste produced in Putumayo is moved by river": a share is named by what it is of,
# up to the clause's verb or time ("share of coca paste produced in Putumayo")
_SHARE_ENDS = re.compile(r"\s+(?:is|are|was|were|has|have|had|will|would|can|could|involved?|involves|starts?|started|"
                         r"comes?|came|goes|go|went|remains?|remained|accounts?|accounted|ends?|ended|reach(?:es|ed)?|"
                         r"last\s+year|this\s+year|in\s+(?:19|20)\d\d)\b.*$", re.IGNORECASE)


_PRONOUN = re.compile(r"(?:them|those|these|it|which|whom)\b", re.IGNORECASE)


_CHANGE_REACH = 240


def _count_of(quantity, sentence: str, event_sentence: bool) -> tuple[str, str, str] | None:
    """(unit, object, category) when ``quantity`` is a count; None when it is something else."""
    before, after = sentence[: quantity.start], sentence[quantity.end :]
    if quantity.kind == "percent":
        obj = _object(sentence, quantity.end)
        of = re.match(r"\s+of\s+(?:the\s+)?(?P<what>[^,;.]{3,80})", after)
        increase = _CHANGE_NOUN_AFTER.match(after)
        if increase:
            what = _changed_thing(increase.group("what") or "")
            obj = f"{_direction(increase.group('word'))} in {what}" if what else obj
            return "percent", obj, _category_of_object(after[:120], event_sentence)
        # the verb stands within a clause of the figure ("rose by 5%"): only so much is read back, so
        # that a sentence of a thousand figures is read in linear time
        change = _CHANGE_VERB_BEFORE.search(before, max(0, len(before) - _CHANGE_REACH))
        if change:
            what = _changed_thing(_trend_object(sentence, change.start()))
            obj = f"{_direction(change.group('word'))} in {what}" if what else obj
            return "percent", obj, _category_of_object(before[-_CHANGE_REACH:], event_sentence)
        what = _SHARE_ENDS.sub("", of.group("what")).strip() if of and not _PRONOUN.match(of.group("what")) else ""
        what = re.sub(r"\s+(?:and|or)$", "", what)  # cut at the phrase's 80 characters
        return "percent", f"share of {what}" if what else obj, "share"
    if quantity.kind == "area":
        return "ha", _object(sentence, quantity.end), "area"
    if quantity.kind == "money":
        return quantity.unit, _object(sentence, quantity.end), "money"
    if quantity.kind != "number":
        return None  # weights, counted seizures, distances
    value = quantity.value
    if value < 2 or not float(value).is_integer():
        return None
    if 1900 <= value <= 2100 and "," not in quantity.text:
        return None  # a year
    if _REFERENCE_BEFORE.search(before, max(0, len(before.rstrip()) - _REFERENCE_LONGEST)):
        return None
    if _DURATION.match(after) or _TIME_OR_YEARS_AFTER.match(after):
        return None
    # (the determiner ends where the text before ends but for spaces: searched only there, not over the sentence)
    definite = _DEFINITE_GROUP.search(before, max(0, len(before.rstrip()) - 4)) is not None
    if definite and value == 2:
        return None  # "the two sides", "the two officials": the pair a bilateral story is about, not a count
    if definite and _GROUP_LISTED_WITH_OTHERS.match(after):
        return None  # "the MoU between the five Central Asian countries, Russia, Azerbaijan and ...": who, not how many
    members = _MEMBERS_OF.match(after)
    if members:  # "a 20-member Bangladesh delegation": 20 members of it; "the seven-party memorandum": 7 parties
        what = re.sub(r"\s+", " ", members.group("body").strip())
        noun = {"party": "parties to", "nation": "nations in", "country": "countries in"}.get(members.group("kind").lower(),
                                                                                        "members of")
        return "count", f"{noun} the {what}", "countries" if noun.startswith(("nations", "countries")) else "other"
    phrase, phrase_end = _object_and_end(sentence, quantity.end)
    if not phrase or not _is_plural_noun(phrase):
        return None
    if phrase.split()[0].lower().rstrip(",") in _PACKAGES or any(w.lower() in _PACKAGES for w in phrase.split()[:2]):
        return None
    told_done = phrase.split()[-1].lower() in _PARTICIPLES  # "41 criminal cases opened": not an arrest count
    if not told_done and _may_tell_arrests(sentence) and (_ARRESTED_BEFORE.search(before) or _ARRESTED_AFTER.match(after)):
        return "count", _with_context(phrase, "arrested", sentence, before, phrase_end, event_sentence), "arrests"
    done = _DONE_BEFORE.search(before, max(0, len(before) - _DONE_BEFORE_REACH))
    # "police destroyed 410 laboratories": "laboratories destroyed"
    done_to = done.group(1).lower() if done and not told_done else ""
    category = _category(f"{phrase} {done_to}".strip(), event_sentence)
    return "count", _with_context(phrase, done_to, sentence, before, phrase_end, event_sentence), category


# What defines the things counted, as an analyst writes it down: whose they are ("INTERPOL's 196 member
# countries": "INTERPOL member countries"), that they were represented ("experts from 14 countries" at an
# event: "countries represented"), and where they are, what they are of or about ("16 border crossing
# points along the Afghan-Tajik border", "45 representatives of customs services", "126 criminal cases
# related to drug trafficking"), but not when.
_OWNER_BEFORE = re.compile(r"\b(?P<owner>[A-Z][\w-]*)['’]s\s+$")
_OWNER_REACH = 40
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_REPRESENTATIVES_BEFORE = re.compile(r"\b(?:representatives|delegates|delegations)\s+(?:of|from)\s+$", re.IGNORECASE)
_REPRESENTED_BODIES = frozenset({"countries", "states", "nations", "organizations", "organisations", "agencies",
                                 "ministries", "institutions", "services", "bodies", "provinces", "regions", "missions"})
_NOT_WHERE = ("past|last|first|next|same|previous|coming|end|start|beginning|course|period|year|years|month|months|"
               "week|weeks|day|days|morning|evening|night|future|meantime|this|that|recent|total|addition|order|"
               + "|".join(month.capitalize() for month in MONTH_NAMES) + "|"
               # idioms, not places: "in connection with", "in possession of", "in the act"
               "connection|possession|charge|custody|act|line|cooperation|collaboration|partnership|"
               "support|response|relation|accordance|favour|favor|place|turn|particular|general|fact|case")
_COMPLEMENT_STOP = ("and|or|but|with|from|for|to|into|onto|by|since|during|after|before|because|if|when|then|that|which|"
                    "who|whose|whom|where|while|as|than|were|was|are|is|be|been|being|has|have|had|will|would|can|could|"
                    "may|might|must|should|do|does|did|not|also|they|he|she|it|we|you|there|here|in|on|at|of|along|"
                    "across|last|this|next|so|far|per|including|involving|concerning|regarding|following|according|"
                    "targeting|using|carrying|containing|weighing|worth|valued|estimated")
_COMPLEMENT_WORD = rf"(?!(?:{_COMPLEMENT_STOP})\b|[a-z]+ed\b|\d)\w[\w’'-]*"  # not a verb's past form, not a number
_COMPLEMENT = re.compile(
    r"\s+(?P<complement>(?:of|in|along|across|on|at|(?:related|linked|connected)\s+to|involving|concerning)\s+"
    rf"(?!(?:the\s+)?(?:{_NOT_WHERE})\b|\d|(?:their|his|her|its|our)\b)(?:(?:the|a|an)\s+)?"
    # up to five words, the first not a verb's -ing form ("operating along"), ending where the phrase does
    rf"(?![a-z]+ing\b){_COMPLEMENT_WORD}(?:\s+{_COMPLEMENT_WORD}){{0,4}})"
    rf"(?=\s*(?:[,;:.)!?\"”]|$)|\s+(?:{_COMPLEMENT_STOP})\b|\s+[a-z]+ed\b)"
)


def _with_context(phrase: str, done: str, sentence: str, before: str, phrase_end: int, event_sentence: bool) -> str:
    """``phrase`` (what a number counts) and ``done`` (what was done to it: "arrested", or "") with
    whose, represented and where (see above): "violators of the border arrested", "labs destroyed in Osh"."""
    owner = _OWNER_BEFORE.search(before, max(0, len(before) - _OWNER_REACH))
    if owner and (owner.group("owner").isupper() and len(owner.group("owner")) > 1 or owner.group("owner") in ORGANIZATIONS):
        phrase = f"{owner.group('owner')} {phrase}"
    last = phrase.split()[-1].lower()
    if not done and last not in _PARTICIPLES and (_REPRESENTATIVES_BEFORE.search(before) or (
            event_sentence and last in _REPRESENTED_BODIES and _FROM_BEFORE.search(before))):
        return f"{phrase} represented"
    complement = _COMPLEMENT.match(sentence, phrase_end)
    where = complement.group("complement").strip() if complement else ""
    parts = (phrase, where, done) if where.startswith("of ") else (phrase, done, where)
    return " ".join(part for part in parts if part)
