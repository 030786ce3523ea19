"""Drug seizures: one row per drug per seizure, in kilograms or counted units.

For every weight or pill count in a sentence the extractor decides whether
it is a drug seizure, which drug it is, and attaches the context an analyst
needs: where (country, location), when, event or aggregate, how many
packages, which vehicle, which agency. The decisions are rules over the
quantity's neighbourhood:

* **drug**: "71 kg of heroin", "2 kg heroin", "heroin weighing 3 kg",
  "heroin (3 kg)"; otherwise the nearest drug in the sentence, then in the
  two sentences before, then "drugs" (unspecified);
* **not a seizure**: weights of non-drug goods ("20 tons of bananas"),
  attributive weights ("an 18-ton truck"), prices ("$30,000 per kilo"),
  production and cultivation statistics with no seizure verb;
* **scope**: ``aggregate`` for totals over a period ("in 2022 a total of",
  "since January", "over nine years"), else ``event``;
* **place**: a place named in the sentence (not an origin "from X" or a
  destination "bound for X"), else in the two sentences before, else the
  document's dateline country;
* **duplicates**: the same drug and amount told twice (headline and body)
  is one row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from analysis.text.annotated import NOTHING, AnnotatedDocument
from analysis.text.dates import MONTH_NAMES, MONTHS, WEEKDAY_NAMES, DateMention, find_dates, in_dateline
from analysis.text.gazetteer import (
    DRUG_CATEGORY,
    PLACE_STOPWORDS,
    Match,
    country_code,
    country_name,
    find_drugs,
    find_places,
    is_seat,
    place_countries,
)
from analysis.text.lexicons import CaselessPattern, alternation, by_first_letter, read_rows, split_aliases, words_by_kind
from analysis.text.quantities import DOSE_FORMS, NUMBER_WORDS, Quantity, find_quantities, parse_number
from analysis.text.sentences import Sentence

TERMS: dict[str, list[str]] = {}
for _row in read_rows("seizure_terms.csv"):
    TERMS.setdefault(_row["kind"], []).extend(split_aliases(_row["term"]))


_REPORTING = words_by_kind("reporting_words.csv")


def _longest_first(words) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))


def _terms_expression(kind: str, ignore_case: bool = True) -> str:
    """A kind's terms as whole words, longest first; in lower case when matched ignoring case,
    so that :class:`CaselessPattern` reads them from lowered text."""
    words = _longest_first(w.lower() for w in TERMS[kind]) if ignore_case else _longest_first(TERMS[kind])
    return r"(?<![\w-])(?:" + by_first_letter(words) + r")(?![\w-])"


_PACKAGE_TERMS = _terms_expression("package")
_CONVEYANCE_TERMS = _terms_expression("conveyance")
PACKAGE_WORDS = CaselessPattern(_PACKAGE_TERMS)
CONVEYANCES = CaselessPattern(_CONVEYANCE_TERMS)
GOODS = CaselessPattern(_terms_expression("goods"))
AGENCIES = re.compile(_terms_expression("agency", ignore_case=False))
LOCATION_TYPES = "|".join(re.escape(w) for w in sorted(TERMS["location"], key=len, reverse=True))

_PLACE_OF = ("port", "airport", "district", "province", "region", "city", "village", "town", "department", "municipality")
# "Dostuk border crossing point", "Torkham checkpoint", "port of Guayaquil"
NAMED_LOCATION = re.compile(
    rf"(?P<before>(?:[A-Z][\w'’-]+\s+){{1,3}}(?i:{LOCATION_TYPES})\b)"
    rf"|(?P<after>\b(?i:{'|'.join(_PLACE_OF)}) of\s+"
    rf"(?:[A-Z][\w'’-]+\s?){{1,3}})"
    rf"|(?P<port>\bPort\s+[A-Z][\w'’-]+)"
)
# Every match of NAMED_LOCATION holds one of these words: most sentences hold none.
_MAY_NAME_LOCATION = CaselessPattern(by_first_letter(_longest_first([*(w.lower() for w in TERMS["location"]), *_PLACE_OF])))
_NUMBER_WORDS = "|".join(w for w in sorted(NUMBER_WORDS, key=len, reverse=True) if w not in ("a", "an"))
PACKAGE_COUNT = CaselessPattern(
    rf"(?<![\w.,])(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|{_NUMBER_WORDS})\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?P<what>{_PACKAGE_TERMS})"
)
# A word that starts with a seizure or context stem: "seized", "smuggling", "raids"
SEIZURE_VERBS = CaselessPattern(rf"\b(?:{alternation(TERMS['seizure stem'] + TERMS['context stem'])})")
NOT_SEIZURE_CONTEXT = CaselessPattern(
    r"\b(?:produc(?:e|ed|es|ing|tion)|manufactur\w*|cultivat\w*|harvest\w*|output|"
    r"consum\w*|demand|grown|potential|capacity|prices?|costs?|costing|per (?:kilo|kg|gram|gramme|pound|ton))\b"
)
_MONTH = alternation(MONTH_NAMES)
_SMALL_NUMBER = alternation(word for word, (_, role) in NUMBER_WORDS.items() if role == "unit")  # "one" ... "ninety"
# "two operations", "31 counter-narcotics strikes": a number of events (an aggregate cue of its own,
# and the one an aggregate may have while it only adds up the events it lists: _COUNT_OF_EVENTS)
_COUNTED_EVENTS = (rf"(?:several|various|different|multiple|\d+|{_SMALL_NUMBER}) "
                   r"(?:separate |different |joint |counter-narcotics |anti-drug )?"
                   rf"(?:{alternation(TERMS['event'])})")
AGGREGATE_CUES = CaselessPattern(
    rf"\b(?:{alternation(TERMS['aggregate'])}|"
    rf"since (?:the (?:beginning|start) of )?(?:{_MONTH}|\d{{4}}|the (?:beginning|start))|"
    r"(?:over|during|in|for) the (?:past|last|previous|first|second) (?:\w+ )?(?:years?|months?|weeks?|half|quarter|days)|"
    r"(?:over|for|during) (?:more than )?(?:\w+ )?(?:years|months)|(?:in|over|during|for) (?:this|that|the same) period|"
    rf"between (?:{_MONTH})(?: \d{{4}})? and (?:{_MONTH})|(?:during|over|throughout) the (?:year|period)\b|"
    r"in (?:19|20)\d{2}\b|"
    r"during (?:19|20)\d{2}|(?:19|20)\d{2} (?:as a whole)|first (?:half|quarter|six months|nine months)|"
    # "in 31 operations", "these cases"; not "the larger of the two cases", which names one of them
    rf"(?<!\bthe ){_COUNTED_EVENTS}|"
    rf"(?:these|those|all the|all) (?:{alternation(TERMS['event'])})|"
    # "in a three-day operation", "over a two-week period", "a month-long campaign"
    rf"(?:\d+|{_SMALL_NUMBER})-(?:day|week|month)(?:-long)? (?:{alternation(TERMS['campaign'])}))",
)
# The phrases that must end right before a place (ORIGIN_OR_DESTINATION, _PERSON_ORIGIN ...) have
# bounded lengths, so only the last _BEFORE_PLACE characters before the place are searched
# (see _ends_before); unbounded runs ("\s+") would make each search read the whole sentence.
_BEFORE_PLACE = 160
ORIGIN_OR_DESTINATION = re.compile(
    r"(?:\bfrom|\bto|\bfor|\bvia|\binto|\btoward|\btowards|\bthrough|originat\w{1,12} in|produced in|"
    r"smuggled out of|destined for|bound for|en route to|heading to)\s{1,10}(?:the\s{1,10})?$",
    re.IGNORECASE,
)
_OF_GAP = re.compile(r"^\s*[)\]]?\s*(?:(?:or more\s+)?of|worth of|of what \w+ (?:to be|as)|"
                     r"of suspected|of high[- ]quality|of pure|of raw)\b",
                     re.IGNORECASE)
_WEIGHING_GAP = re.compile(r"(?:weigh\w*|totall?\w*|amounting to|with a (?:total )?weight of|in the amount of|"
                           r"[(:,\-–]|about|some|over|nearly|of)\s*$", re.IGNORECASE)
_ATTRIBUTIVE = re.compile(r"^\d[\d.,]*\s*-\s*[a-z]+$", re.IGNORECASE)


@dataclass(slots=True)
class SeizureRow:
    """One row of the ``seizures`` table."""

    doc_id: str
    date: str
    date_text: str
    country: str
    location: str
    drug: str
    drug_category: str
    quantity_kg: float | None
    quantity_kg_high: float | None
    quantity_count: float | None
    quantity_units: str
    quantity_text: str
    qualifier: str
    scope: str
    packages: int | None
    conveyance: str
    agency: str
    sentence: str
    char_start: int
    char_end: int
    row_id: str = ""  # "<doc_id>:<char_start>": stable while the document's text is
    part_of: str = ""  # the row_id of the reported total this row itemises
    date_basis: str = ""  # "text" (the text dates the seizure), "publication" (the page's date stands in), ""


SEIZURE_COLUMNS = [f.name for f in fields(SeizureRow)]


@dataclass(slots=True)
class _SentenceFacts:
    sentence: Sentence
    quantities: list[Quantity]  # weights and counts only
    amounts: list[Quantity]  # weights, counts and money, in order: where one list item ends
    places: list[Match]
    published: dt.date | None
    paragraph: int = 0
    dateline_end: int = 0  # where a dateline at the sentence's start ends ("BISHKEK, 3 May 2024 – ")
    seized: list[Quantity] = field(default_factory=list)  # the quantities that are drug amounts
    # read when first asked for: most sentences never are
    _drugs: list[Match] | None = None
    _dates: list[DateMention] | None = None
    _found_country_mentions: list[Match] | None = None
    _found_locations: list[tuple[float, int, str]] | None = None
    _found_package_counts: list[tuple[int, int, float | None]] | None = None
    _found_conveyances: list[str] | None = None

    @property
    def drugs(self) -> list[Match]:
        if self._drugs is None:
            self._drugs = find_drugs(self.sentence.text)
        return self._drugs

    @property
    def dates(self) -> list[DateMention]:
        if self._dates is None:
            self._dates = find_dates(self.sentence.text, self.published)
        return self._dates

    @property
    def country_mentions(self) -> list[Match]:
        """The places that say where something happened (see :func:`_country_mentions`)."""
        if self._found_country_mentions is None:
            self._found_country_mentions = _country_mentions(self.sentence.text, self.places)
        return self._found_country_mentions

    # Several seizures of a document read the same sentences around them: each reading is made once.
    @property
    def locations(self) -> list[tuple[float, int, str]]:
        """Places of seizure named in the sentence, most specific first (see :func:`_locations`)."""
        if self._found_locations is None:
            self._found_locations = _locations(self.sentence.text, self.country_mentions, self.dateline_end)
        return self._found_locations

    @property
    def package_counts(self) -> list[tuple[int, int, float | None]]:
        """(start, end, number) of each count of packages ("52 parcels") in the sentence."""
        if self._found_package_counts is None:
            self._found_package_counts = [(m.start(), m.end(), parse_number(m.group("n")))
                                          for m in PACKAGE_COUNT.finditer(self.sentence.text)]
        return self._found_package_counts

    @property
    def conveyances(self) -> list[str]:
        """The vehicles named in the sentence, in lower case."""
        if self._found_conveyances is None:
            text = self.sentence.text
            self._found_conveyances = [m.group(0).lower() for m in CONVEYANCES.finditer(text)
                                       if not _ESCAPE_BEFORE.search(text, max(0, m.start() - 40), m.start())]
        return self._found_conveyances


def extract_seizures(doc: AnnotatedDocument, earlier: Mapping[str, list] = NOTHING) -> list[SeizureRow]:
    """Seizure rows of one document (pure: no I/O).

    The publication date resolves relative dates ("yesterday"); the dateline's
    country is used when no place is named near a seizure, unless the dateline
    is an organisation's seat ("LYON, France –" says where the news was issued).

    >>> from analysis.text.annotated import annotate_text
    >>> rows = extract_seizures(annotate_text("Police seized 1.2 tonnes of cocaine in Guayaquil."))
    >>> [(r.drug, r.quantity_kg, r.country) for r in rows]
    [('cocaine', 1200.0, 'ECU')]
    """
    doc_id, text, published, sentences = doc.doc_id, doc.text, doc.published, doc.sentences
    default_country = "" if is_seat(*doc.dateline) else doc.dateline[1]
    facts: list[_SentenceFacts] = []
    paragraph, seen_to = 0, 0
    for sentence in sentences:
        paragraph += len(_PARAGRAPH_BREAK.findall(text, seen_to, sentence.start))
        seen_to = sentence.start
        found = find_quantities(sentence.text)
        facts.append(_SentenceFacts(
            sentence,
            [q for q in found if q.kind in ("mass", "count")],
            [q for q in found if q.kind in ("mass", "count", "money")],
            find_places(sentence.text),
            published,
            paragraph,
            _dateline_end(sentence.text),
        ))
    context = _document_countries(facts, default_country)
    for fact in facts:  # first which sentences tell a seizure: their neighbours' facts are not this one's
        fact.seized = [q for q in fact.quantities if _is_drug_amount(fact.sentence.text, q, fact.drugs, fact.amounts)]
    rows: list[SeizureRow] = []
    breakdowns: dict[int, bool] = {}  # sentence index -> whether it itemises a total told before it
    reported: set[int] = set()  # ids of rows dated only by when the news was told
    for index, fact in enumerate(facts):
        for quantity in fact.seized:
            found = _row_for(doc_id, quantity, facts[: index + 1], facts[index + 1 : index + 3], default_country, context,
                             breakdowns)
            if found is not None:
                row, dated_by_report = found
                rows.append(row)
                if dated_by_report:
                    reported.add(id(row))
    if any(not row.country for row in rows):
        dominant = _dominant_country(facts)
        for row in rows:
            row.country = row.country or dominant
    rows = _totals_and_parts(_deduplicate(rows, reported))
    for row in rows:
        row.row_id = f"{doc_id}:{row.char_start}"
        if row.date and id(row) not in reported:
            row.date_basis = "text"
        elif published is not None:  # for time series; date_basis says it is not the seizure's own date
            row.date, row.date_basis = published.isoformat(), "publication"
        elif row.date:
            row.date_basis = "publication"
    for row in rows:  # part_of named the total's object until every row had its id
        if row.part_of:
            row.part_of = f"{doc_id}:{row.part_of}"
    return rows


def drug_quantities(sentence: str) -> list[Quantity]:
    """The quantities in one sentence that are drug seizures (for tests and notebooks)."""
    found = find_quantities(sentence)
    amounts = [q for q in found if q.kind in ("mass", "count", "money")]
    drugs = find_drugs(sentence)
    return [q for q in found if q.kind in ("mass", "count") and _is_drug_amount(sentence, q, drugs, amounts)]


_DRUG_HINT = CaselessPattern(r"heroin|opium|hash|cannabis|marijuana|cocaine|meth|drug|narcotic|captagon")


_GOODS_AFTER_OF = re.compile(r"^\s*[)\]]?\s*of\s+(?P<words>(?:(?!(?:and|or|with|in|from)\b)[\w-]+\s*){1,3})",
                             re.IGNORECASE)
_GOODS_WEIGHING = re.compile(r"(?P<words>(?:[\w-]+\s+){1,3})(?:weighing|weighed|with a (?:total )?weight of)"
                             r"(?:\s+\w+){0,2}\s*$", re.IGNORECASE)
_WEIGHT_WORD = CaselessPattern("weigh")  # in every match of _GOODS_WEIGHING; most text before an amount has none
_ATTRIBUTIVE_NOUN = re.compile(
    rf"^\s*(?:(?:and|or|to)\s+\d[\w.,-]*\s+)?(?:{_PACKAGE_TERMS}|{_CONVEYANCE_TERMS}|doses|haul|"
    rf"tablets|pills|pieces|bars|cakes|drums|barrels|canisters|jerrycans|tanks)",
    re.IGNORECASE,
)
_CONTAINER_USE = re.compile(r"^\s*(?:filled|stuffed|packed|loaded)\s+with|^\s*containing", re.IGNORECASE)
_SINGULAR_UNIT = re.compile(r"\d\s*(?:kilogram|kilogramme|kilo|gram|gramme|pound|ton|tonne|ounce)$", re.IGNORECASE)
_MONEY_BEFORE = re.compile(r"\b(?:money|sum|cash|fines?d?|prices?|worth|valued?|salary|paid|pay|"
                           r"bail|costs?|bribe|reward|sterling|egyptian|british)\b[^.;]{0,25}$", re.IGNORECASE)
_PRICE_WORDS = re.compile(r"\b(?:costs?|costing|sells?|sold|selling|fetch\w*|price\w*|retails?|"
                          r"go(?:es)? for|buy|bought|pay|paid)\b", re.IGNORECASE)
_LIST_BREAK = re.compile(r"[,;]|\s[-–—]\s|\bas well as\b")
_RATE_AFTER = re.compile(r"^(?:\s+of\s+[\w-]+(?:\s+[\w-]+){0,2}?)?\s+(?:per|a|each)\s+(?:day|week|month|year|hour)\b"
                         r"(?!\s+(?:after|before|earlier|later|ago)\b)", re.IGNORECASE)


_FOR_GAP = re.compile(r"\s+for\s+")
_ARTICLE = re.compile(r"(?:a|an)\b", re.IGNORECASE)
_CAPACITY_BEFORE = re.compile(r"\b(?:can|could|may|able to|capable of)\s+(?:carry|carrying|hold|holding|transport|"
                              r"transporting|load|move|moving)\s+(?:up\s+to\s+|as\s+much\s+as\s+|about\s+|some\s+)?$",
                              re.IGNORECASE)
_COMPARED_AFTER = re.compile(r"\s+(?:more|less|fewer|higher|lower|heavier|lighter)\s+than\b", re.IGNORECASE)


_HAUL_AFTER = re.compile(r"^\s*haul")
_EACH_BEFORE = re.compile(r"\beach\b(?:\s+\w+){0,2}\s*$", re.IGNORECASE)  # "packages, each weighing"
_PER_BEFORE = re.compile(r"\b(?:per|a|each|every)\s*$", re.IGNORECASE)
_PER_UNIT_AFTER = re.compile(r"^\s*(?:per|a|each)\s+(?:kilo|kg|gram|pound|ton|tonne)", re.IGNORECASE)
_RATE_BEFORE = re.compile(r"(?:\bper\s*|/)$", re.IGNORECASE)
_PACKED_IN_BEFORE = re.compile(r"\b(?:packed|packaged|wrapped|divided|split|distributed|repacked)\s+(?:in|into)\s+$",
                               re.IGNORECASE)


def _is_drug_amount(text: str, quantity: Quantity, drugs: list[Match], amounts: list[Quantity]) -> bool:
    """False for weights that are not drug seizures (cargo, sizes, prices, rates, statistics).

    ``amounts`` are the sentence's weights, counts and sums of money.
    """
    after = text[quantity.end : quantity.end + 60]
    before = text[max(0, quantity.start - 60) : quantity.start]
    attributive = _ATTRIBUTIVE.match(quantity.text.strip()) is not None
    if attributive and _ATTRIBUTIVE_NOUN.match(after) and not _HAUL_AFTER.match(after) \
            and not _one_package_of_drug(before, after, quantity, drugs):
        return False  # "an 18-ton truck", "1-gram and 5-gram doses"
    if quantity.value != 1 and _SINGULAR_UNIT.search(quantity.text) and _ATTRIBUTIVE_NOUN.match(after) \
            and not _HAUL_AFTER.match(after):
        return False  # "10 kilogram packs": the size of each pack, the unit in the singular as before a noun
    if _mentions_goods(_GOODS_AFTER_OF.match(after)) and not _drug_right_after(quantity, drugs, 25):
        return False  # "20 tons of bananas", "18 tonnes of fresh lemons"
    if _WEIGHT_WORD.search(before) and _mentions_goods(_GOODS_WEIGHING.search(before)):
        return False  # "sacks of dried apricots weighing 60 kilograms"
    if _EACH_BEFORE.search(before):
        return False  # "packages, each weighing 1 kg": a size, not a seizure
    if _PER_BEFORE.search(before) and quantity.value == 1 and not attributive:
        return False  # "$30,000 per kilo" (but "a 1-pound bag of fentanyl" is the one bag seized)
    if _CAPACITY_BEFORE.search(before):
        return False  # "semi-submersibles, which can carry up to 8 tonnes": what a vessel holds, not a seizure
    if _COMPARED_AFTER.match(after):
        return False  # "1.1 kg more than in the previous case": a difference, not a seizure
    if (quantity.value == 1 and re.match(r"(?i)(?:a|an|one)\b", quantity.text)
            and any(q.kind == "money" for q in amounts) and _PRICE_WORDS.search(text)):
        return False  # "a gram of mephedrone sells for 15,000 tenge": a price, not "a kilo and $20,000 in cash"
    if _PER_UNIT_AFTER.match(after):
        return False
    if _RATE_BEFORE.search(before) or _RATE_AFTER.match(after):
        return False  # prices and production rates ("50 kg of mephedrone per month")
    if quantity.unit in ("lb", "pound") and _MONEY_BEFORE.search(before):
        return False  # "the money amounted to 35 pounds": Egyptian or British pounds, not weight
    if _PACKED_IN_BEFORE.search(before):
        return False  # "packed in 4,730 one-kilogram packets": the packaging of a seizure told elsewhere
    if quantity.unit == "mg" and (any(0 <= quantity.start - d.end <= 2 for d in drugs)
                                  or re.match(rf"^\s*(?:{DOSE_FORMS})\b", after)):
        return False  # "tramadol 225mg", "10 mg tablets": a dose's strength
    if any(q.kind == "money" and _FOR_GAP.fullmatch(text, q.end, quantity.start) for q in amounts):
        return False  # "sold ganja at Rs 500 for 10 grams": what the money buys, a price
    if quantity.kind == "count":
        if quantity.value == 1 and quantity.unit == "doses" and _ARTICLE.match(quantity.text):
            return False  # "2 mg of fentanyl can be a lethal dose": a measure, not a seized dose
        if re.search(r"\bper\b", quantity.between, re.I):
            return False  # "Tk 300 per tablet": a price
        if not (drugs or _DRUG_HINT.search(quantity.between)):
            return False  # "5,000 tablets" without a drug named: an unknown medicine
        if _CONTAINER_USE.match(after):
            return False  # "88 capsules filled with heroin": containers, weighed elsewhere
    if _statistic_not_seizure(text, quantity, amounts):
        return False
    if not drugs and not SEIZURE_VERBS.search(text):
        return False
    return True


def _mentions_goods(match: re.Match | None) -> bool:
    if match is None:
        return False
    words = match.group("words")
    return bool(GOODS.search(words)) and not find_drugs(words)


def _statistic_not_seizure(text: str, quantity: Quantity, amounts: list[Quantity] = ()) -> bool:
    """Production, consumption and price figures: a statistic cue nearer than any seizure verb.

    A cue before a list item does not reach past the previous item's amount:
    in "25.8 grams of MDMA with an estimated cost of $3,000, 3.3 grams of LSD"
    the cost belongs to the MDMA, and the LSD is a seizure too.
    """
    start = max(0, quantity.start - 60)
    for previous in amounts:
        if start <= previous.end <= quantity.start and _LIST_BREAK.search(text, previous.end, quantity.start):
            start = previous.end
    before = text[start : quantity.start]
    after = text[quantity.end : quantity.end + 30]
    cues = list(NOT_SEIZURE_CONTEXT.finditer(before))
    verbs = list(SEIZURE_VERBS.finditer(before))
    if cues and (not verbs or cues[-1].start() > verbs[-1].start()):
        return True
    return bool(NOT_SEIZURE_CONTEXT.search(after)) and not verbs and not SEIZURE_VERBS.search(after)


_ONE_BEFORE = re.compile(r"\b(?:a|an|one)\s+$", re.IGNORECASE)
_ONE_PACKAGE_OF = re.compile(  # a package word in the singular, then "of"
    r"^\s*(?:" + "|".join(map(re.escape, _longest_first(w for w in TERMS["package"] if not w.endswith("s"))))
    + r")\s+of\s+", re.IGNORECASE)


def _one_package_of_drug(before: str, after: str, quantity: Quantity, drugs: list[Match]) -> bool:
    """"a 10-kilo package of heroin": the size of the one package seized, which is the amount
    (unlike "a 1-gram dose" or "an 18-ton truck")."""
    package = _ONE_PACKAGE_OF.match(after)
    return bool(package and _ONE_BEFORE.search(before) and _drug_right_after(quantity, drugs, package.end() + 5))


def _drug_right_after(quantity: Quantity, drugs: list[Match], window: int) -> Match | None:
    for drug in drugs:
        if quantity.end <= drug.start <= quantity.end + window:
            return drug
    return None


# "40 kg of heroin", "2 kg Afghan heroin", "1,000 kg (2,202 pounds) cocaine": the drug right after; not
# "cocaine weighing 1.2 kg and heroin weighing 400 grams", where "and" starts the next item
_ONE_WORD_GAP = re.compile(r"\s*[)\]]?\s*(?:of\s+)?(?!(?:and|or)\b)[\w-]*\s*")


def _drug_for(text: str, quantity: Quantity, drugs: list[Match]) -> Match | None:
    """The drug a quantity measures, by the shape of the words around it."""
    for drug in drugs:  # "2 million captagon tablets", "10 tons of cocaine (23,000 pounds)"
        if quantity.start <= drug.start < quantity.end:
            return drug
    after = [d for d in drugs if d.start >= quantity.end]
    before = [d for d in drugs if d.end <= quantity.start]
    next_drug = after[0] if after else None
    prev_drug = before[-1] if before else None
    if next_drug is not None:
        gap = text[quantity.end : next_drug.start]
        if _OF_GAP.match(gap) and len(gap) <= 45 and not re.search(r"\d", gap):
            return next_drug
        if not gap.strip() or _ONE_WORD_GAP.fullmatch(gap):
            return next_drug
    if prev_drug is not None:
        gap = text[prev_drug.end : quantity.start]
        if len(gap) <= 40 and _WEIGHING_GAP.search(gap) and not re.search(r"\d", gap):
            return prev_drug
    if next_drug is not None and next_drug.start - quantity.end <= 40:
        return next_drug
    if prev_drug is not None and quantity.start - prev_drug.end <= 40:
        return prev_drug
    candidates = [d for d in drugs if d.kind != "unspecified"] or drugs
    if not candidates:
        return None
    return min(candidates, key=lambda d: abs(d.start - quantity.start))


def _row_for(doc_id: str, quantity: Quantity, facts: list[_SentenceFacts], following: list[_SentenceFacts],
             default_country: str, context: Counter, memo: dict[int, bool] | None = None) -> tuple[SeizureRow, bool] | None:
    """The row of one quantity, and whether its date is only when the news was told;
    ``facts`` end with its sentence, ``following`` are the next two."""
    current = facts[-1]
    text = current.sentence.text
    drug = _drug_for(text, quantity, current.drugs)
    if drug is None and not any(fact.drugs for fact in facts):
        return None  # "the sacks together weighed 2.2 tons" with no drug named so far: cargo, not drugs
    drug_name = drug.canonical if drug else _context_drug(facts[:-1])
    if drug is not None and _refers_back(text, drug):
        drug_name = _drug_named_before(current, drug) or _context_drug(facts[:-1])
    breakdown = _breaks_down_aggregate(facts, memo)
    scope = "aggregate" if breakdown or AGGREGATE_CUES.search(text) else "event"
    around = _around(facts, following) if scope == "event" else []
    date_mention, dated_by_report = _date_for(facts, around, scope, quantity, breakdown)
    country, location = _place_for(facts, around, quantity, default_country, scope, context)
    offset = current.sentence.start
    row = SeizureRow(
        doc_id=doc_id,
        date=_period(date_mention, scope, current.sentence.text) if date_mention else "",
        date_text=date_mention.text if date_mention else "",
        country=country,
        location=location,
        drug=drug_name,
        drug_category=DRUG_CATEGORY.get(drug_name, "unspecified"),
        quantity_kg=quantity.kg,
        quantity_kg_high=quantity.kg_high,
        quantity_count=quantity.count,
        quantity_units=quantity.unit if quantity.kind == "count" else "",
        quantity_text=quantity.text,
        qualifier=quantity.qualifier,
        scope=scope,
        packages=_packages(current, quantity, around, drug_name),
        conveyance=_conveyance(current, around),
        agency=_agency(facts),
        sentence=text,
        char_start=offset + quantity.start,
        char_end=offset + quantity.end,
    )
    return row, dated_by_report


_BREAKDOWN = re.compile(
    r"^(?:among (?:them|these|those|the (?:drugs|substances|narcotics|seizures)\b)|of (?:this|these|them|which)\b|"
    r"this (?:included|includes|comprised)|these (?:included|include|comprised)|they (?:included|include)|"
    r"(?:the )?(?:total|haul|figure|seizures?) (?:included|includes|comprised|consisted))",
    re.IGNORECASE,
)


def _breaks_down_aggregate(facts: list[_SentenceFacts], memo: dict[int, bool] | None = None) -> bool:
    """"Since January ... a total of 20 tonnes. Among the drugs seized were 6,838 kg of cocaine":
    the last sentence of ``facts`` itemises an aggregate told before it; "Police also seized ..."
    goes on with it, so a run of such sentences reads back to the total.

    ``memo`` (sentence index -> answer, kept for one document) makes a run of n itemising
    sentences cost n steps, not n squared; the run is read with a loop, not a recursion, so a
    digest of a thousand "... also seized ..." sentences neither exhausts the stack nor slows down.
    """
    memo = {} if memo is None else memo
    pending: list[int] = []
    answer = False
    at = len(facts) - 1
    while at >= 1:
        if at in memo:
            answer = memo[at]
            break
        text = facts[at].sentence.text.lstrip()
        if _BREAKDOWN.match(text) is None and _ALSO.match(text) is None and _SHARE_OF_TOTAL.search(text) is None:
            answer = False
            pending.append(at)
            break
        pending.append(at)
        if AGGREGATE_CUES.search(facts[at - 1].sentence.text) is not None:
            answer = True
            break
        at -= 1
    for index in pending:  # each sentence read on the way carries on the same run: the same answer
        memo[index] = answer
    return answer


_SHARE_OF_TOTAL = re.compile(r"\b(?:accounted for|accounting for|made up|followed by)\b", re.IGNORECASE)
# "Police also seized ...", "Officers also found ...": another seizure, not a part of the total before
_ALSO = re.compile(rf"^(?:[\w-]+\s+){{0,3}}also\s+(?:{alternation(TERMS['seizure stem'])})\w*\b", re.IGNORECASE)


# "Field tests showed heroin ... 229 kg 719 grams of the drug", "176 tons of the drug that year":
# a singular "the drug" refers back to the drug named last
_REFERRING_BACK = re.compile(r"\b(?:the|this|that)\s+$", re.IGNORECASE)
_SINGULAR_UNSPECIFIED = frozenset({"drug", "narcotic"})


def _refers_back(text: str, drug: Match) -> bool:
    return (drug.kind == "unspecified" and drug.text.lower() in _SINGULAR_UNSPECIFIED
            and _REFERRING_BACK.search(text, max(0, drug.start - 6), drug.start) is not None)


def _drug_named_before(current: _SentenceFacts, drug: Match) -> str:
    specific = [d for d in current.drugs if d.kind != "unspecified" and d.end <= drug.start]
    return specific[-1].canonical if specific else ""


def _context_drug(previous: list[_SentenceFacts]) -> str:
    for fact in reversed(previous[-2:]):
        specific = [d for d in fact.drugs if d.kind != "unspecified"]
        if specific:
            return specific[-1].canonical
    return "drugs"


# "police said on Monday", "told reporters on Monday", "the statement of 3 May": when the news was told
_REPORTING_BEFORE = re.compile(
    rf"\b(?:told [\w ]{{1,25}}?|{alternation(sum(map(_REPORTING.get, ('verb', 'present', 'published', 'noun')), ()))})"
    r"\b[^.;]{0,20}$",
    re.IGNORECASE,
)
_REPORT_WORDS = {"today", "yesterday"}


_MONTH_RANGE_BEFORE = re.compile(
    rf"\b(?:between|from)\s+(?:{alternation(MONTH_NAMES)})\s+(?:and|to|until|through)\s+$", re.IGNORECASE)


def _period(date: DateMention, scope: str = "event", sentence: str = "") -> str:
    """ISO date of a mention; a span ("10 to 20 September 2019") at the precision its ends share;
    an aggregate "since January" is that year's figure so far."""
    if scope == "aggregate" and len(date.iso) >= 7 and re.search(r"\bsince\s+(?:the\s+(?:start|beginning)\s+of\s+)?$",
                                                               sentence[max(0, date.start - 30) : date.start], re.I):
        return date.iso[:4]
    if scope == "aggregate" and _MONTH_RANGE_BEFORE.search(sentence[max(0, date.start - 40) : date.start]):
        return date.iso[:4]  # "between January and June 2023": that year's first half
    if not date.end_iso or date.end_iso == date.iso:
        return date.iso
    if date.iso[:7] == date.end_iso[:7]:
        return date.iso[:7]
    return date.iso[:4] if date.iso[:4] == date.end_iso[:4] else date.iso


def _is_report_date(text: str, date: DateMention) -> bool:
    """A date that tells when the news was given, not when the seizure was made: the
    dateline's ("ZAHEDAN, Nov. 20 (IRNA) –"), "announced today", "said on Friday"."""
    if in_dateline(text, date):
        return True
    if len(text.strip()) - len(date.text) < 16:  # a date line under the headline, "Published: 2023-11-08"
        return True
    if _REPORTING_BEFORE.search(text, 0, date.start):
        return True
    return date.text.lower() in _REPORT_WORDS and _REPORTING_BEFORE.search(text) is not None


_LEAD_REACH = 12  # sentences back to a lead whose dates a list of seizures takes


def _date_for(facts: list[_SentenceFacts], around: list[_SentenceFacts], scope: str,
              quantity: Quantity, breakdown: bool = False) -> tuple[DateMention | None, bool]:
    """When the seizure was made, and whether that is only when the news was told.

    First a date in its own sentence; for an event, else a date in the
    sentences around it that tell no other seizure ("The operation was carried
    out on 6 November"), nearest first, looking back before looking ahead;
    an aggregate takes the period named in its sentence or the one before.
    The date the news was told (dateline, "announced today") is the last resort.
    ``around`` are the sentences of :func:`_around` (for an event).
    """
    current = facts[-1]
    if scope == "aggregate":  # a breakdown ("Among them ...") takes the period of the total it itemises
        window = [current] + (facts[-4:-1][::-1] if breakdown else facts[-2:-1])
    else:
        window = [current, *around]
    reported: DateMention | None = None
    coarse: DateMention | None = None  # "this year" in an event's sentence: better than nothing
    for fact in window:
        usable = [d for d in fact.dates if d.iso or d.text]
        if scope == "event":
            if fact is current and coarse is None:
                coarse = next((d for d in usable if len(d.iso) < 7 and not _is_report_date(fact.sentence.text, d)), None)
            usable = [d for d in usable if len(d.iso) >= 7]
        if fact is current:
            # the mention nearest the figure ("310 tonnes in 2018, compared with 12 tonnes in 2017");
            # an aggregate is a period, so a year or month before a day ("in fiscal year 2023, which ended Sept. 30")
            usable = sorted(usable, key=lambda d: (scope == "aggregate" and len(d.iso) == 10,
                                                   quantity.start - d.end if d.end <= quantity.start
                                                   else d.start - quantity.end))
        for date in usable:
            if _is_report_date(fact.sentence.text, date):
                if reported is None and (fact is current or fact in facts):
                    reported = date
                continue
            return date, False
    if scope == "event":  # a list under a lead that gave the operation's dates (a lead is near: the
        for fact in reversed(facts[-_LEAD_REACH - 1 : -1]):  # last few sentences, so a long digest stays linear)
            for date in fact.dates:
                if len(date.iso) >= 7 and not date.relative and not _is_report_date(fact.sentence.text, date):
                    return date, False
    return (coarse, False) if coarse else (reported, reported is not None)


_AGENCY_AFTER_DEMONYM = re.compile(
    r"\s+(?:officers|officials|police|policemen|authorities|agencies|agency|border guards?|guards|customs|"
    r"law enforcement|forces|troops|navy|coast ?guard|investigators|counterparts|drug police|anti-narcotics)\b",
    re.IGNORECASE,
)
_PERSON_ORIGIN = re.compile(
    r"\b(?:resident|residents|citizen|citizens|native|natives|national|nationals|born|inhabitant)"
    r"\s{1,10}(?:of|in)\s{1,10}(?:the\s{1,10})?$",
    re.IGNORECASE,
)
_BORDER_WITH = re.compile(r"\bborders?\s{1,10}(?:with|of)\s{1,10}(?:the\s{1,10})?$", re.IGNORECASE)  # a neighbour
_CURRENCY_AFTER = re.compile(r"\s+(?:dollars?|cents)\b", re.IGNORECASE)  # "US dollars" names no place
_NAME_BEFORE = re.compile(r"(?<![.!?:;]\s)(?<!^)\b(?!(?:The|In|At|On|From|Near|And|Of|To|For|By|With|A|An|Both)\b)"
                          r"[A-Z][\w'’-]{0,40}[a-z\u00e0-\u024f]\s{1,10}$")
_OPERATION_NAME = re.compile(r"\b[Oo]peration\s{1,10}(?:[A-Z][\w'’-]{0,30}\s{1,10}){0,3}$")
_NAME_GOES_ON = re.compile(rf"\s+(?!(?i:{LOCATION_TYPES})\b)[A-Z][a-z\u00e0-\u024f]")
_DATELINE = re.compile(r"^(?P<head>[^\n]{0,80}?)\s[–—-]{1,2}\s")
_DATELINE_DASH_BY = 80 + 2  # a dateline's dash stands within the first 82 characters (head, one space, dash)
_DASH = re.compile("[–—-]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SAME_PLACE = re.compile(r"\bthe same (?:checkpoint|crossing|border crossing|port|airport|place|spot|location|"
                         r"border post|post|station|terminal)\b", re.IGNORECASE)
_BROAD_AREA = re.compile(r"\b(?:province|region|oblast|state|governorate|territory)\b", re.IGNORECASE)


def _document_countries(facts: list[_SentenceFacts], default_country: str) -> Counter:
    """How often each country is named in a document, directly or by a city only one country has."""
    named: Counter = Counter([default_country] if default_country else [])
    for fact in facts:
        for place in fact.places:
            if place.kind != "city" or len(place_countries(place.canonical)) <= 1:
                named[place.country] += 1
            if place.kind == "city":
                named[("city", place.canonical)] += 1  # for _country_of: is the city all that names its country?
    return named


def _dominant_country(facts: list[_SentenceFacts]) -> str:
    """The country a release is about, for a seizure that names no place near it and has no dateline
    ("Customs officers of the Sariasiya post ... across Uzbek territory ... The other 11 contained a
    total of 11 kg of hashish"): the country named as a place of action (not an origin or destination)
    at least twice and at least twice as often as any other; else none."""
    named = Counter(p.country for fact in facts for p in fact.country_mentions
                    if p.start >= fact.dateline_end and p.country)
    ranked = named.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return ""
    return ranked[0][0]


def _country_of(place: Match, context: Counter) -> str:
    """A place's country; a city name several countries have ("Valencia", "Cadiz") is taken
    in the country the rest of the document names."""
    candidates = place_countries(place.canonical) if place.kind == "city" else ()
    if len(candidates) < 2:
        if place.kind == "city" and context[place.country] <= context[("city", place.canonical)]:
            # a world city whose country the release never names, in a release about another country,
            # is a namesake there: "the Darband railway station in Baysun district" of an Uzbek release
            # is not Derbent in Russia
            countries = [(n, code) for code, n in context.items() if isinstance(code, str) and code]
            top = sorted(countries, reverse=True)[:2]
            if top and top[0][1] != place.country and top[0][0] >= 3 and (len(top) < 2 or top[0][0] >= 2 * top[1][0]):
                return top[0][1]
        return place.country
    # sorted, so that a tie has the same answer in every process (a set's order follows the hash seed)
    best = max(sorted(candidates), key=lambda code: (context[code], code == place.country))
    return best if context[best] > context[place.country] else place.country


def _dateline_end(text: str) -> int:
    """Where a dateline ("BISHKEK, 3 May 2024 –", "Almaty (Kazinform) —") ends, else 0."""
    if _DASH.search(text, 0, _DATELINE_DASH_BY) is None:
        return 0  # most sentences: no dash where a dateline's could stand
    match = _DATELINE.match(text)
    if match is None:
        return 0
    head = match.group("head")
    city = head.split(",")[0].split("(")[0].strip()
    if city.isupper() or "(" in head or re.search(r"\d{4}|\b(?:19|20)\d{2}\b", head):
        return match.end()
    return 0


def _country_mentions(text: str, places: list[Match]) -> list[Match]:
    """Places that say where something happened: not origins or destinations ("from Afghanistan",
    "bound for Dubai"), not people's homes ("a resident of Bishkek"), not demonyms used as
    adjectives ("Afghan heroin"); a demonym before an agency does count ("Kyrgyz officers")."""
    kept = []
    dropped_end = -10
    for place in places:
        if (_ends_before(ORIGIN_OR_DESTINATION, text, place.start) or _ends_before(_PERSON_ORIGIN, text, place.start)
                or _ends_before(_BORDER_WITH, text, place.start)
                or _CURRENCY_AFTER.match(text, place.end)
                or re.fullmatch(r",\s*", text[dropped_end : place.start])):  # "to Jeddah, Saudi Arabia"
            dropped_end = place.end
            continue
        if place.kind == "country" and _is_demonym(text, place) and not _AGENCY_AFTER_DEMONYM.match(text, place.end):
            continue
        if _ends_before(_OPERATION_NAME, text, place.start):
            continue  # "Operation Tridente Sur" names no place
        if place.kind == "city" and (_NAME_GOES_ON.match(text, place.end) or _ends_before(_NAME_BEFORE, text, place.start)):
            continue  # "Puerto" of "Puerto Leguízamo", "Bado" of "Capitán Bado": a longer name the gazetteer lacks
        kept.append(place)
    return kept


def _ends_before(pattern: re.Pattern, text: str, end: int) -> bool:
    """Whether ``pattern`` (anchored with "$", at most _BEFORE_PLACE characters long) matches
    ``text[:end]``: the same answer as searching the whole prefix (the engine still sees the
    characters before the window for "\\b" and lookbehinds)."""
    return pattern.search(text, max(0, end - _BEFORE_PLACE), end) is not None


def _is_demonym(text: str, place: Match) -> bool:
    """ "Afghan heroin", "Tajik-Afghan border", "a Pakistani national": a nationality word, not a name."""
    word = place.text
    if word.endswith("stan") or len(word) <= 4 or " " in word or word.lower() == country_name(place.country).lower():
        return False
    follows = text[place.end : place.end + 2]
    return follows[:1] == "-" or (follows[:1] == " " and follows[1:2].isalpha())


_TOWN_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|near|outside|at)\s+(?P<name>[A-Z][a-z\u00e0-\u024f'’]{2,}"
    r"(?:\s+(?:(?:de|del|la|el|do|da|dos|das)\s+)?[A-Z][a-z\u00e0-\u024f'’]+){0,2})(?![\w-]|\s+[A-Z])"
)
_NOT_TOWNS = frozenset(
    {m for m in MONTHS} | {w.lower() for w in PLACE_STOPWORDS}
    | set(WEEKDAY_NAMES) | {"total", "addition",
       "cooperation", "court", "custody", "response", "accordance", "connection", "order", "particular",
       "turn", "recent", "early", "late", "mid", "both", "this", "that", "these", "those", "its", "his", "her",
       "their", "our", "all", "each", "one", "two", "some", "many", "most", "other", "another", "which", "what",
       "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "greater"}
)


def _locations(text: str, places: list[Match], skip_before: int) -> list[tuple[int, int, str]]:
    """(rank, position, name) of every place of seizure named in a sentence; rank 0 is a
    crossing, port, airport, district or village, 1 a city, 2 a province or region."""
    found = []
    for match in NAMED_LOCATION.finditer(text) if _MAY_NAME_LOCATION.search(text) else ():
        if match.start() < skip_before:
            continue
        name = _clean_location(match.group(0))
        if name.lower() in TERMS["location"]:
            continue  # "The river is not a border": a type word with no name
        found.append((2 if _BROAD_AREA.search(name) else 0, match.start(), name))
    for place in places:
        if place.kind == "country" or place.start < skip_before or any(
                start <= place.start < start + len(name) for _, start, name in found):
            continue
        rank = 2 if place.kind == "province" else 1 if place.kind == "city" else 0
        found.append((rank, place.start, place.text))
    for match in _TOWN_AFTER_PREPOSITION.finditer(text, skip_before):
        name = match.group("name")
        if name.split()[0].lower() in _NOT_TOWNS or country_code(name) or any(
                start <= match.start("name") < start + len(known) for _, start, known in found):
            continue
        found.append((1.5, match.start("name"), name))  # a town the gazetteer does not know ("near Cosalá")
    return sorted(found)


def _place_for(facts: list[_SentenceFacts], around: list[_SentenceFacts], quantity: Quantity,
               default_country: str, scope: str, context: Counter) -> tuple[str, str]:
    """(ISO3 country, location) of the seizure.

    The country is the nearest place named before the amount in its sentence
    (else after it), else in the three sentences before; else the dateline's.
    The location is the most specific place of seizure named in the sentence;
    an event whose sentence names none, or only a province, takes a crossing,
    port, district or city from the sentences around it that weigh nothing else.
    Datelines, origins, destinations and people's homes are not places of seizure.
    """
    current = facts[-1]
    text = current.sentence.text
    skip = current.dateline_end
    here = [p for p in current.country_mentions if p.start >= skip]
    before = [p for p in here if p.start < quantity.start]
    country = _country_of(before[-1] if before else here[0], context) if here else ""
    if not country and scope == "aggregate":  # a country's totals: the country the release speaks for
        country = default_country
    for fact in reversed(facts[-4:-1]) if not country else ():
        mentions = [p for p in fact.country_mentions if p.start >= fact.dateline_end]
        if mentions:
            country = _country_of(mentions[0], context)
            break
    locations = current.locations  # those before the dateline's end are left out, as from ``here``
    location = locations[0][2] if locations else ""
    if scope == "event" and (not locations or locations[0][0] == 2):
        same_place = _SAME_PLACE.search(text) is not None  # "at the same checkpoint": the one named before
        for fact in facts[-4:-1][::-1] if same_place else around:
            nearby = fact.locations
            if nearby and nearby[0][0] < 2:
                location = nearby[0][2]
                if not here:
                    inside = [p for p in fact.places if p.kind != "country" and p.text in location and p.country]
                    country = _country_of(inside[0], context) if inside else country
                break
    return country or default_country, location


def _clean_location(found: str) -> str:
    words = found.strip().split()
    # drop sentence-initial function words picked up by the capitalised run
    while words and words[0] in ("The", "At", "In", "On", "A", "An", "During", "Near", "From"):
        words = words[1:]
    if len(words) > 2 and words[0].lower() in ("city", "town", "village", "department", "municipality") \
            and words[1] == "of":
        words = words[2:]  # "the city of Saravan" is Saravan; "the port of Santos" stays a port
    return " ".join(words)


def _around(facts: list[_SentenceFacts], following: list[_SentenceFacts]) -> list[_SentenceFacts]:
    """The sentences that may tell more of a seizure: one and two before and after, nearest
    first, that tell no seizure of their own; two ahead only in the same paragraph (or after the lead)."""
    current = facts[-1]
    separate = _SEPARATE_EVENT.match(current.sentence.text) is not None  # what came before is another story
    nearby = [facts[-2] if len(facts) >= 2 and not separate else None, following[0] if following else None,
              facts[-3] if len(facts) >= 3 and not separate else None,
              following[1] if len(following) > 1 and (following[1].paragraph == current.paragraph or len(facts) <= 4)
              else None]  # a lead is told in detail in the next paragraph; later, another paragraph is another story
    return [fact for fact in nearby if fact is not None and not fact.seized]


# "the smugglers fled in a speed boat": how people got away, not what carried the drugs
_ESCAPE_BEFORE = re.compile(r"\b(?:fled|flee(?:ing|s)?|escap(?:ed|ing|es?)|got\s+away|sped\s+off|ran\s+off|"
                            r"drove\s+off|made\s+off)\b[^.;]{0,25}$", re.IGNORECASE)
_SEPARATE_EVENT = re.compile(
    r"\W*(?:in\s+(?:a|another)\s+(?:separate\s+|unrelated\s+|different\s+)?(?:operation|incident|case|raid|seizure|"
    r"bust|interception|search)|separately\b|elsewhere\b|in\s+an\s+unrelated\s+(?:operation|incident|case))",
    re.IGNORECASE)


def _conveyance(current: _SentenceFacts, around: list[_SentenceFacts]) -> str:
    """The most specific vehicle named with the seizure ("pickup truck" rather than "vehicle")."""
    for fact in [current, *around]:
        terms = fact.conveyances
        if terms:
            return max(terms, key=len)
    return ""


def _packages(current: _SentenceFacts, quantity: Quantity, around: list[_SentenceFacts] = (),
              drug: str = "") -> int | None:
    """How many packages the seizure came in: the count nearest the amount in its sentence,
    else one told in the sentences around it ("The heroin was packed in 52 parcels"): the
    one of this drug when each drug has its own ("62 sacks of hashish and 11 bags of ice")."""
    for fact in around if not current.package_counts else ():
        counts = []
        for _, end, value in fact.package_counts:
            if value is not None and value == int(value):
                of = [d.canonical for d in fact.drugs if end <= d.start <= end + 25]
                counts.append((int(value), of[0] if of else ""))
        if counts:
            mine = [value for value, of in counts if of == drug]
            if mine or all(not of for _, of in counts):
                return mine[0] if mine else counts[0][0]
            return None
    best = None
    for start, _, value in current.package_counts:
        if quantity.start <= start < quantity.end:
            continue
        if value is None or value != int(value):
            continue
        distance = abs(start - quantity.start)
        if best is None or distance < best[0]:
            best = (distance, int(value))
    return best[1] if best else None


def _agency(facts: list[_SentenceFacts]) -> str:
    """The agency named in the seizure's sentence, else in one of the two before it."""
    for fact in reversed(facts[-3:]):
        match = AGENCIES.search(fact.sentence.text)
        if match:
            return match.group(0)
    return ""


def _deduplicate(rows: list[SeizureRow], reported: set[int] = frozenset()) -> list[SeizureRow]:
    """One row per seizure told twice (headline and body): the same drug, amount and
    hedge, unless both stand in one list (same sentence, close together, a comma or
    "and" between them). A headline dated only by when the news was told takes
    the body's date. The first
    telling's empty fields are filled from the later ones."""
    kept: dict[tuple, SeizureRow] = {}
    unique: list[SeizureRow] = []
    by_kg: dict[float, list[SeizureRow]] = {}  # the unique rows of each weight: what the searches below look at
    told_again: set[int] = set()  # ids of rows a later sentence repeats: their figure is the seizure's own
    for row in rows:
        key = (row.drug, row.quantity_kg, row.quantity_count, row.qualifier)
        first = kept.get(key)
        same_weight = by_kg.get(row.quantity_kg, []) if row.quantity_kg else []
        if first is None:  # "2 tons The police seized more than 2 tons of cocaine": one sentence, told twice
            first = next((other for other in same_weight if other.sentence == row.sentence and other.drug == row.drug
                          and not _LIST_SEPARATOR.search(_between(other, row))), None)
        if first is None:  # "a tonne of meth" in the headline, "1,000 kilos of the drug" in the body
            first = _same_amount_other_naming(row, same_weight)
            if first is not None and first.drug_category == "unspecified":
                first.drug, first.drug_category = row.drug, row.drug_category
        if first is None or (first.sentence == row.sentence and row.char_start - first.char_end < 80
                             and _LIST_SEPARATOR.search(_between(first, row))):
            kept.setdefault(key, row)
            unique.append(row)
            if row.quantity_kg:
                by_kg.setdefault(row.quantity_kg, []).append(row)
            continue
        told_again.add(id(first))
        if first.scope == "aggregate" and row.scope == "event" and _only_counts_events(first.sentence):
            # "136 kg of heroin in two operations" in the lead, then the operation that found it
            first.scope, first.date, first.date_text = "event", row.date or first.date, row.date_text or first.date_text
        if id(first) in reported and row.date and id(row) not in reported:
            first.date, first.date_text = row.date, row.date_text  # the body says when it happened
            reported.discard(id(first))
        if row.location and (not first.location or _BROAD_AREA.search(first.location)) \
                and not _BROAD_AREA.search(row.location):
            first.location = row.location  # "in Herat province" in the lead, "at Islam Qala" in the body
        for name in ("date", "date_text", "location", "packages", "conveyance", "agency"):
            if getattr(first, name) in ("", None) and getattr(row, name) not in ("", None):
                setattr(first, name, getattr(row, name))
    return _drop_headline_rounding(unique, told_again)


_LIST_SEPARATOR = re.compile(r",|;|\band\b|\bor\b|\bplus\b", re.IGNORECASE)


def _same_amount_other_naming(row: SeizureRow, earlier: list[SeizureRow]) -> SeizureRow | None:
    """An earlier row of the same weight in another sentence, one of the two naming no drug."""
    if not row.quantity_kg:
        return None
    for other in earlier:
        if (other.quantity_kg == row.quantity_kg and other.sentence != row.sentence
                and "unspecified" in (other.drug_category, row.drug_category)):
            return other
    return None


def _between(first: SeizureRow, later: SeizureRow) -> str:
    """The sentence's text between two of its rows' amounts."""
    sentence_start = first.char_start - max(0, first.sentence.find(first.quantity_text))
    return first.sentence[first.char_end - sentence_start : later.char_start - sentence_start]


def _drop_headline_rounding(rows: list[SeizureRow], told_again: set[int] = frozenset()) -> list[SeizureRow]:
    """Drop a short headline's rounded or hedged figure ("over 2 tonnes") when a later
    sentence gives the same seizure precisely ("2,035 kg"): same drug, within a third.
    A headline figure the body repeats (``told_again``) is the seizure's own and stays,
    though another seizure of a similar weight follows ("4 kg" and, separately, "3.45 kg")."""
    if not rows:
        return rows
    headline_start = min(row.char_start for row in rows)
    kept = []
    for row in rows:
        is_headline = (row.char_start == headline_start and row.char_start < 300
                       and row.sentence.count(" ") < 25 and row.quantity_kg
                       and (row.qualifier != "exact" or _is_round(row.quantity_kg)))
        if is_headline and id(row) not in told_again and any(
            other.sentence != row.sentence and other.drug == row.drug and other.quantity_kg
            and 0.67 <= other.quantity_kg / row.quantity_kg <= 1.5 for other in rows
        ):
            continue
        kept.append(row)
    return kept


# A total told before its parts: "around 156 kg of narcotic drugs, namely 149.76 kg of hashish, 4.44 kg
# of opium and 1.52 kg of heroin"; "Customs stops more than 172 kg of drugs" over five itemised finds;
# "a combined 1,235 kg of opium in two operations" over the two. How far the parts' sum may lie from
# the total, by the total's hedge (a round figure is read as "about"):
_SUM_WINDOW = {"exact": (0.99, 1.01), "about": (0.9, 1.1), "over": (1.0, 1.5), "under": (0.67, 1.0)}
# an aggregate cue that only counts events ("in two operations", "31 raids"), not a period
_COUNT_OF_EVENTS = re.compile(rf"\b{_COUNTED_EVENTS}\b", re.IGNORECASE)


def _totals_and_parts(rows: list[SeizureRow]) -> list[SeizureRow]:
    """Make the rows summable: a total followed by the rows it adds up keeps the parts only, so that
    summing event rows counts nothing twice.

    The parts are the rows right after the total whose kilograms add up to it (within
    :data:`_SUM_WINDOW`), each of a drug the total names or a total of unspecified "drugs":

    * an event total of one drug given exactly, whose parts are that drug ("98 kg of cocaine ...
      45 kg in one unit and 53 kg in the other"), is one seizure: the total stays, the parts go;
    * any other event total goes: its parts are the seizures ("around 230 kg of heroin" in a
      headline over the body's "229 kg 719 grams");
    * a total whose parts are in several countries is an operation across them: aggregate, with no
      country of its own;
    * an aggregate total of a period or campaign stays beside its parts ("226 kg ... in a three-day
      operation"), which point at it with ``part_of``; parts told in one sentence ("The haul
      consisted of ...") are its breakdown by drug and aggregate too. An aggregate that only counts
      the events it then lists ("a combined 1,235 kg in two operations", each told in its own
      sentence) goes as an event total does.
    """
    dropped: set[int] = set()
    for at, total in enumerate(rows):
        if id(total) in dropped or _amount(total) is None:
            continue
        parts = _parts_of(total, rows[at + 1 :], dropped)
        if not parts:
            continue
        restated = _restated_total(total, rows[at + 1 + len(parts) :], dropped)
        if restated is not None:  # "more than 7 kg over three days" ... "7 kg 994 grams in total": one total
            dropped.add(id(total))
            for part in parts:
                part.part_of = str(restated.char_start)
            continue
        if len({p.country for p in parts if p.country}) > 1:  # an operation across several countries
            total.scope, total.country = "aggregate", ""
        one_drug = total.drug_category != "unspecified" and all(p.drug == total.drug for p in parts)
        if total.scope == "event" and one_drug and total.qualifier == "exact" and len(parts) > 1:
            dropped.update(id(p) for p in parts)
            for name in ("date", "date_text", "location", "packages", "conveyance", "agency"):
                if getattr(total, name) in ("", None):
                    setattr(total, name, next((getattr(p, name) for p in parts if getattr(p, name)), getattr(total, name)))
        elif total.scope == "event" or (_only_counts_events(total.sentence)
                                        and len({p.sentence for p in parts}) > 1):
            dropped.add(id(total))
        else:
            one_sentence = len({p.sentence for p in parts}) == 1
            for part in parts:
                part.part_of = str(total.char_start)
                if one_sentence:
                    part.scope = "aggregate"
                    part.date = part.date or total.date
                    part.date_text = part.date_text or total.date_text
    return [row for row in rows if id(row) not in dropped]


def _amount(row: SeizureRow) -> tuple[str, float] | None:
    """What a row's total adds up: its kilograms, else its count ("nearly 3 lakh yaba pills" over
    "2,84,600 pills"); None for neither."""
    if row.quantity_kg:
        return ("kg", row.quantity_kg)
    if row.quantity_count:
        return ("count", row.quantity_count)
    return None


def _parts_of(total: SeizureRow, later: list[SeizureRow], dropped: set[int]) -> list[SeizureRow]:
    """The rows right after ``total`` that add up to it (see :func:`_totals_and_parts`), or [].

    Parts in the total's own sentence are of its drug or it names none ("156 kg of narcotic drugs,
    namely ..."): "813 kg opium, 181 kg crystal, 41 kg hashish, 40 kg heroin" is a list, not a total.
    Of the runs whose sum lies in the window the one nearest the stated figure wins ("more than a
    tonne" is the next 1,023 kg, not 1,023 + 130 kg). A single part is a total told again, more
    precisely, in another sentence ("around 230 kg" in a headline, "229 kg 719 grams" in the body),
    so the total must be hedged or round.
    """
    measure, figure = _amount(total)
    hedged = total.qualifier != "exact" or _is_round(figure)
    low, high = _SUM_WINDOW["about" if total.qualifier == "exact" and hedged else total.qualifier]
    named = {d.canonical for d in find_drugs(total.sentence)} | {total.drug}
    specific = total.drug_category != "unspecified"
    parts: list[SeizureRow] = []
    added, best, off_by = 0.0, 0, float("inf")  # the run of parts whose sum, in the window, is nearest the total
    for index, row in enumerate(later):
        amount = _amount(row)
        same_sentence = row.sentence == total.sentence and row.char_start > total.char_start
        eligible = (id(row) not in dropped and amount is not None and amount[0] == measure
                    and not (specific and (row.drug != total.drug if same_sentence else row.drug not in named)))
        if not eligible:
            if same_sentence:  # a sibling in the total's own list ("212 kg of hashish and 18 kg of heroin")
                continue
            if amount is not None and amount[0] != measure and any(
                    other.sentence == row.sentence and _amount(other) is not None and _amount(other)[0] == measure
                    for other in later[index + 1 :]):
                continue  # "2,84,600 yaba tablets and 2.1 kilograms": the count beside the weight a "2kg" headline gave
            break
        added += amount[1]
        if added > high * figure * 1.0001:
            break
        parts.append(row)
        if added >= low * figure * 0.9999 and abs(added - figure) <= off_by:
            best, off_by = len(parts), abs(added - figure)
    parts = parts[:best]
    if len(parts) == 1 and (parts[0].sentence == total.sentence or not hedged):
        return []
    return parts


def _restated_total(total: SeizureRow, after: list[SeizureRow], dropped: set[int]) -> SeizureRow | None:
    """The total told again, more precisely, right after its parts: an aggregate of the same drug
    within the first total's hedge ("more than 7 kg" ... "The drugs seized in these cases weigh
    7 kg 994 grams in total")."""
    following = next((row for row in after if id(row) not in dropped), None)
    if following is None or following.scope != "aggregate" or following.drug != total.drug \
            or total.qualifier == "exact" or _amount(following) is None or _amount(following)[0] != _amount(total)[0]:
        return None
    low, high = _SUM_WINDOW[total.qualifier]
    figure = _amount(total)[1]
    return following if low * figure <= _amount(following)[1] <= high * figure else None


def _only_counts_events(sentence: str) -> bool:
    """Whether the sentence's only aggregate cue counts events ("in two operations")."""
    return _COUNT_OF_EVENTS.search(sentence) is not None and AGGREGATE_CUES.search(_COUNT_OF_EVENTS.sub(" ", sentence)) is None


def _is_round(kg: float) -> bool:
    """1,000 or 7,000 kg, 2.5 t, 12 million pills: at most two significant digits."""
    digits = f"{kg:.6g}".replace(".", "").strip("0")
    return len(digits) <= 2
