"""Amounts in text: numbers with units, normalised to kilograms or counts.

``find_quantities(text)`` returns every amount it recognises with its
character span, kind and hedge:

* ``mass``: weights, converted to kilograms (``kg``; ``kg_high`` for ranges);
  compounds ("12 kg and 350 grams") are summed and a conversion in brackets
  ("1,000 kilos (2,202 pounds)") is one quantity;
* ``count``: pills, tablets, capsules ... (``count``, ``unit``), with up to two
  words between number and unit ("2 million captagon tablets");
* ``money``, ``percent``, ``area``, ``length``: recognised so that callers can
  tell them apart from seizures.

Units, number words, scales, hedges and currencies are data files in
``analysis/data``; the grammar is one compiled regular expression, so the
whole module costs one ``finditer`` over the text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from analysis.text.lexicons import (
    by_first_letter,
    for_ascii,
    holds_any,
    lower_for_matching,
    lowered_match_is_exact,
    read_lines,
    read_rows,
    reading_cache,
    split_aliases,
    words_to_test,
)

# --- lexicons -----------------------------------------------------------------

UNITS: dict[str, tuple[str, str, float]] = {}  # alias (lower) -> (unit, kind, factor)
for _row in read_rows("units.csv"):
    for _alias in split_aliases(_row["aliases"]):
        UNITS[_alias.lower()] = (_row["unit"], _row["kind"], float(_row["factor"]))
UNIT_FACTORS = {unit: factor for unit, _, factor in UNITS.values()}

# Cardinal words ("two", "dozen", "half"); FRACTION_WORDS are the denominators ("fifths", "third"), which
# are read only with a number before them ("two fifths", "one third").
NUMBER_WORDS = {row["word"]: (float(row["value"]), row["role"]) for row in read_rows("number_words.csv")
                if row["role"] not in ("fraction", "ordinal")}
FRACTION_WORDS = {row["word"]: (float(row["value"]), row["role"]) for row in read_rows("number_words.csv")
                  if row["role"] in ("fraction", "ordinal")}
_WORDS = {**NUMBER_WORDS, **FRACTION_WORDS}
SCALES = {row["word"]: float(row["value"]) for row in read_rows("scales.csv") if row["glued"] != "1"}
GLUED_SCALES = {row["word"]: float(row["value"]) for row in read_rows("scales.csv") if row["glued"] == "1"}
HEDGES = {row["phrase"]: row["qualifier"] for row in read_rows("hedges.csv")}

CURRENCY_BEFORE: dict[str, str] = {}
CURRENCY_AFTER: dict[str, str] = {}
for _row in read_rows("currencies.csv"):
    for _alias in split_aliases(_row["before"]):
        CURRENCY_BEFORE[_alias.lower()] = _row["code"]
    for _alias in split_aliases(_row["after"]):
        CURRENCY_AFTER[_alias.lower()] = _row["code"]


def _alternation(words) -> str:
    """A regex alternation of literal words for case-insensitive patterns, longest first (so "kilos" beats
    "kilo"), grouped by first letter ignoring case ("k(?:ilograms|ilos|ilo|gs|g)|g(?:rams|...)"): the same
    matches, as words whose first letters differ never match at one place, but at each place the engine tries
    the few words with that letter, not the 126 currency words before the units."""
    unique = {w.lower() if w.isascii() else w: w for w in words}  # "G" and "g" match the same text
    longest_first = sorted(unique.values(), key=lambda w: len(re.escape(w).replace(r"\ ", r"\s+")), reverse=True)
    return by_first_letter(longest_first, r"\s+", ignore_case=True)


def _by_first_letter(words) -> str:
    """:func:`_alternation`, grouped by first letter (see ``lexicons.by_first_letter``)."""
    return by_first_letter(sorted(set(words), key=len, reverse=True), r"\s+")


# --- grammar --------------------------------------------------------------------

# (compiled once: the module-level re functions look each pattern up in a cache on every call)
_SPACES = re.compile(r"\s+")
_WORD_BREAKS = re.compile(r"[\s-]+")
_AND_A_HALF = re.compile(r"(.+?)\s+and\s+a\s+half")

_FRACTION = r"\d{1,2}/(?:2|3|4|8|16)(?![\d/])"  # "1/2", "3/4" (not "24/7" nor a date's "1/2/2024")
_CLOSING_BRACKET = re.compile(r"\s*[)\]]")  # "1,000 kilos (2,202 pounds)": the amount takes the bracket in
_VULGAR_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
_DIGITS = (
    rf"\d{{1,3}}\s+{_FRACTION}|{_FRACTION}"  # 1 1/2, 1/2
    rf"|\d{{0,3}}[{''.join(_VULGAR_FRACTIONS)}]"  # 1½, ½
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?![\d,])"  # 2,50,000 and 45,67,890 (South Asian lakh grouping)
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,250.5
    r"|\d{1,3}(?:\.\d{3}){2,}"  # 1.250.000 (dots as thousands)
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,]|\.\d)"  # 1 250, and "2 305 112 700." at a sentence's end
    # "7,7 grams", "3,5 tonnes": a decimal comma, read only right before a unit of mass
    rf"|\d{{1,3}},\d{{1,2}}(?=\s?(?:{_alternation(a for a, (_, kind, _) in UNITS.items() if kind == 'mass')})(?![^\W_]))"
    r"|\d+(?:\.\d+)?"
    r"|\.\d+"
)
def _words_of(*roles: str) -> str:
    """The number words of these roles as one alternation, longest first, grouped by first letter."""
    return _by_first_letter(w for w, (_, role) in _WORDS.items() if role in roles)


_ARTICLE = _words_of("article")
_ANY_WORD = _words_of(*{role for _, role in _WORDS.values()} - {"article"})
_MULTIPLIER = _words_of("dozen", "hundred", "scale", "half", "quarter", "ordinal")  # what "a" may stand before
_FRACTION_WORD = _words_of("half", "quarter", "fraction", "ordinal")
# "and" joins the words of one number only after a hundred or a scale ("one hundred and twelve", "two
# million and a half") or before a fraction ("one and a half"): elsewhere it joins a list, "four and five
# kilograms" are two amounts. An article is one only before a multiplier ("a dozen", "a million") or
# after "half" ("half a kilo"); "a thirty" is no number, and "a forty-kilogram bag" weighs 40 kg.
_AND_AFTER = "|".join(f"(?<={w})" for w, (_, role) in NUMBER_WORDS.items() if role in ("hundred", "scale"))
_FIRST_WORD = _words_of("unit", "half", "quarter")  # "million", "hundred" or "third" alone begin no number
_WORD_NUMBER = (
    rf"(?:(?:(?:{_ARTICLE})(?:\s+|-)(?:{_MULTIPLIER})|(?:{_FIRST_WORD}))"
    rf"(?:(?:\s+|-)(?:{_ANY_WORD})"
    rf"|(?<=half)\s+(?:{_ARTICLE})\b"
    rf"|(?:{_AND_AFTER})\s+and\s+(?:(?:{_ARTICLE})(?:\s+|-)(?:{_MULTIPLIER})|(?:{_FIRST_WORD}))"
    rf"|(?:\s+|-)and(?:\s+|-)(?:(?:{_ARTICLE}|{_ANY_WORD})(?:\s+|-))?(?:{_FRACTION_WORD})\b)*"  # "one-and-a-half"
    rf"|(?:{_ARTICLE}))"  # "a kilogram": the grammar keeps a lone article only before a unit
)
_WORD_DECIMAL = rf"(?:\s+point\s+(?:{_alternation(NUMBER_WORDS)})(?:\s+(?:{_alternation(NUMBER_WORDS)}))*)"
_NUMBER = (rf"(?:(?<![\w.,])(?:{_DIGITS})(?:\s+and\s+a\s+half)?"
           rf"|\b{_WORD_NUMBER}{_WORD_DECIMAL}?\b)")
# right after a currency code the digits may follow a letter or a point: "USD28,000", "Rs.500", "Sh800"
_NUMBER_AFTER_CURRENCY = rf"(?:(?:{_DIGITS})|\b{_WORD_NUMBER}{_WORD_DECIMAL}?\b)"
_SCALE = rf"(?:(?:\s*|-)(?:{_alternation(SCALES)})\b|(?<=\d)(?:{_alternation(GLUED_SCALES)})(?![\w-]))"
_HEDGE = rf"(?:\b(?:{_alternation(HEDGES)})\s+)"
_COUNT_UNITS = [a for a, (_, kind, _) in UNITS.items() if kind == "count"]
_OTHER_UNITS = [a for a, (_, kind, _) in UNITS.items() if kind != "count"]
_STOP = r"(?:of|and|or|the|in|to|with|were|was|from|by|at|for|on|as|more|than|worth)\b"

# A currency code starts a word: "years 1,200 kilograms" holds no "Rs 1,200".
_CURRENCY_CODES = {c for c in CURRENCY_BEFORE if c[0].isalpha()}  # "usd", "rs.", "us$"
_CURRENCY_SIGNS = {c for c in CURRENCY_BEFORE if not c[0].isalpha()}  # "$", "€"
_CURRENCY = rf"(?<!\w)(?:{_alternation(_CURRENCY_CODES)})|{_alternation(_CURRENCY_SIGNS)}"

QUANTITY = re.compile(
    rf"""
    (?P<hedge>{_HEDGE})?
    (?:\bbetween\s+(?P<low>{_NUMBER}){_SCALE}?\s+and\s+)?
    (?P<currency>(?:{_CURRENCY})\s?)?
    (?P<paren>\()?
    (?<!\d[-–/:])  # "2024-03-05T02:00": a part of a date, a time or a reference is no amount
    (?P<num>(?(currency){_NUMBER_AFTER_CURRENCY}|{_NUMBER}))
    (?(paren)\))
    (?:\s*(?:-|–|—|to)\s*(?P<high>{_NUMBER})(?![-–/:]?\d))?
    (?P<scale>{_SCALE})?
    # "5 hundred and 12", "2 million and a half"
    (?(scale)(?:(?<=hundred)\s+and\s+(?P<and_units>\d{{1,2}}(?![\d.,]\d))|\s+and\s+(?P<and_half>a\s+half)\b)?)
    (?:
        \s+(?P<currency_after>{_alternation(CURRENCY_AFTER)})\b  # before units ("pounds sterling") and counts
      | \s?(?P<sign_after>{_alternation(_CURRENCY_SIGNS)})(?![\w$€£])  # "500€", "20 000 €"
      | \s*-?\s*(?P<unit>{_alternation(_OTHER_UNITS)})(?![^\W_])  # not "05T02" in a timestamp
      | (?:\s+(?P<mid>(?!{_STOP})[^\W\d_][\w-]*(?:\s+(?!{_STOP})[^\W\d_][\w-]*)?)\s+|\s*-?\s*)
        (?P<count_unit>{_alternation(_COUNT_UNITS)})(?![^\W_])
    )?
    """,
    re.IGNORECASE | re.VERBOSE,
)

_NUMBER_WORD = re.compile(rf"\b(?:{_ANY_WORD})\b", re.IGNORECASE)
_DIGIT = rf"[\d{''.join(_VULGAR_FRACTIONS)}]"
_MAY_HOLD_QUANTITY = re.compile(rf"{_DIGIT}|(?:{_alternation(u for u in UNITS if len(u) > 2)})", re.IGNORECASE)

# --- where a match may begin -----------------------------------------------------
# QUANTITY tried at every character of a sentence costs tens of microseconds. A
# match can only begin at "(", at a digit or "." not after [\w.,], at a currency
# sign, or where a whole word begins: a currency code ("eur", not the "eur" of
# "Europol"), a hedge phrase ("in excess of", not every "in"), "between" or a
# number word. One case-sensitive pattern over the lowered text
# (lexicons.lower_for_matching) lists those places (a lookahead, so overlapping
# places are all listed) and QUANTITY is
# tried only there: the same matches as QUANTITY.search, found much faster.


def _leading_word(alias: str) -> str:
    """The first run of word characters of a lexicon alias (its first character if none)."""
    word = re.match(r"\w+", alias)
    return word.group(0) if word else alias[0]


_STARTING_WORDS = {_leading_word(w.lower()) for w in [*NUMBER_WORDS, "between"]}
_HEDGE_PHRASES = {h.lower() for h in HEDGES}
_LOWERED_IS_EXACT = lowered_match_is_exact([*_STARTING_WORDS, *_HEDGE_PHRASES, *_CURRENCY_CODES, *_CURRENCY_SIGNS,
                                            *UNITS, *NUMBER_WORDS])
# (Whether a lookahead or a yes/no search matches does not depend on the order of the
# alternatives, so the words are grouped by first letter: at each position the engine
# tries only those that may match.)
_MAY_START = re.compile(
    rf"(?=\(|(?<![\w.,])[\d.{''.join(_VULGAR_FRACTIONS)}]|{_by_first_letter({_leading_word(c) for c in _CURRENCY_SIGNS})}"
    rf"|\b(?:{_by_first_letter({c for c in _CURRENCY_CODES if not c[-1].isalpha()})})"  # "us$", "rs." then anything
    rf"|\b(?:{_by_first_letter({c for c in _CURRENCY_CODES if c[-1].isalpha()} | _HEDGE_PHRASES | _STARTING_WORDS)})"
    r"(?![^\W\d_]))"
)
# The two prefilters above as case-sensitive patterns for lowered text.
_NUMBER_WORD_LOWER = re.compile(
    rf"\b(?:{_by_first_letter(w.lower() for w in _WORDS if _WORDS[w][1] != 'article')})\b")
# ... for lowered text: a digit, or a unit word by substring tests (cheaper than a search for their
# alternation; a unit of several words by its first, which "square kilometres" cannot be without)
_DIGIT_LOWER = re.compile(_DIGIT)
_DIGIT_LOWER_ASCII = for_ascii(_DIGIT_LOWER)
_UNIT_WORDS = words_to_test({u.lower().split()[0] for u in UNITS if len(u) > 2})


# The same two expressions for ASCII text (lexicons.ascii_twin): \w and \b read from a table
_QUANTITY_ASCII = for_ascii(QUANTITY)
_MAY_START_ASCII = for_ascii(_MAY_START)


def _next_match(text: str, lowered: str | None, position: int) -> re.Match | None:
    """``QUANTITY.search(text, position)``, trying only the places where a match may begin."""
    if lowered is None:
        return QUANTITY.search(text, position)
    quantity, may_start = (_QUANTITY_ASCII, _MAY_START_ASCII) if text.isascii() else (QUANTITY, _MAY_START)
    while (start := may_start.search(lowered, position)) is not None:
        match = quantity.match(text, start.start())
        if match is not None:
            return match
        position = start.start() + 1
    return None


# "worth 2 million pounds" is money, not weight.
_MONEY_CONTEXT = re.compile(
    r"(?:worth|valued?\s+at|value\s+of|price\s+of|cost(?:ing|s)?|fine\s+of|bail\s+of|sum\s+of)\s+\S*\s*$",
    re.IGNORECASE,
)
_MONEY_WORDS = _alternation(read_lines("money_words.txt"))
# "a profit of 250 million pounds", "250 million pounds in revenue": sterling, not weight
_MONEY_WORD_BEFORE = re.compile(rf"\b(?:{_MONEY_WORDS})\s+(?:(?:of|at|to|by|from|worth)\s+)?$", re.IGNORECASE)
_MONEY_WORD_AFTER = re.compile(rf"\s+(?:of|in)\s+(?:[^\W\d_]+\s+)?(?:{_MONEY_WORDS})\b", re.IGNORECASE)
# "400 lb-ft of torque", "120 g/km", "30 kg/ha": a compound unit, not an amount of anything
_COMPOUND_UNIT_AFTER = re.compile(r"\s?(?:[-·]\s?(?:ft|feet|foot|f)\b|/\s?[^\W\d_])", re.IGNORECASE)
# "40m (131ft)", "a tunnel 40m long": a glued "m" that is metres, not a million
_METRES_AFTER = re.compile(r"\s*\(\s*(?:about\s+|some\s+)?[\d.,]+\s*(?:ft|feet|foot)\b|\s+(?:long|high|tall|deep|wide|"
                           r"away|below|above|underground|underwater|in\s+(?:length|height|depth|diameter|width))\b",
                           re.IGNORECASE)
_PRONOUN_AFTER: dict[str, list[str]] = {}
_PRONOUN_BEFORE: dict[str, list[str]] = {}
for _row in read_rows("number_pronouns.csv"):
    (_PRONOUN_AFTER if _row["side"] == "after" else _PRONOUN_BEFORE).setdefault(_row["word"], []).append(_row["cue"])
_PRONOUN_AFTER_CUE = {w: re.compile(rf"\s+(?:{_alternation(cues)})\b", re.IGNORECASE) for w, cues in _PRONOUN_AFTER.items()}
_PRONOUN_BEFORE_CUE = {w: re.compile(rf"\b(?:{_alternation(cues)})\s+$", re.IGNORECASE) for w, cues in _PRONOUN_BEFORE.items()}
_EQUIVALENT_JOIN = re.compile(r"^\s*(?:\(|\[|,?\s*or\s+|[–—/-]\s*(?:or\s+)?|,\s*(?:or|about|approximately|some)?\s*)\s*$")
# "10 tons of cocaine (about 23,000 pounds)": a conversion after the drug's name
_CONVERSION_AFTER_NAME = re.compile(r"^\s+of\s+[^\d()]{1,40}?\s*[(\[]\s*$")
# "2,000 pounds of marijuana, roughly 907 kilograms,", "1.5 tons of cannabis, the equivalent of 3,300 pounds":
# a conversion set off by a comma, told by a hedge or "the equivalent of", and not followed by another drug
_CONVERSION_AFTER_COMMA = re.compile(r"^\s+of\s+[^\d(),;]{1,40}?,\s*(?P<equivalent>(?:the\s+)?equivalent\s+(?:of|to)\s+|"
                                     r"or\s+|equal\s+to\s+)?$", re.IGNORECASE)
_LIST_GOES_ON = re.compile(r"\s+of\b", re.IGNORECASE)
_COMPOUND_JOIN = re.compile(r"^\s*(?:and|,|&|of)?\s*$")  # "of" as in "3 kilos of 289 grams"


@dataclass(slots=True)
class Quantity:
    """One amount found in text.

    ``start``/``end`` index the text given to :func:`find_quantities`;
    ``kg``/``kg_high`` are set for masses, ``count`` for counted items,
    ``value`` holds the amount in ``unit`` for every kind.
    """

    start: int
    end: int
    text: str
    kind: str  # mass | count | money | percent | area | length | number
    value: float
    unit: str
    qualifier: str = "exact"
    kg: float | None = None
    kg_high: float | None = None
    count: float | None = None
    between: str = ""  # the words between number and count unit ("captagon")


_FRACTION_TEXT = re.compile(rf"(?:(\d+)\s*)?(?:(\d+)/(\d+)|([{''.join(_VULGAR_FRACTIONS)}]))")


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words.

    >>> parse_number("1,250.5"), parse_number("one and a half"), parse_number("a dozen")
    (1250.5, 1.5, 12.0)
    """
    text = text.strip().lower()
    if text.isdigit() and text.isascii():  # most numbers: "2023", "15"; the rules below give the same
        value = float(text)
        return value if math.isfinite(value) else None
    if not text:
        return None
    half = _AND_A_HALF.fullmatch(text)
    if half and half.group(1)[0].isdigit():
        whole = parse_number(half.group(1))
        return None if whole is None else whole + 0.5
    if " point " in text:  # "one point five"
        whole, _, decimals = text.partition(" point ")
        whole_value = _parse_word_number(_WORD_BREAKS.split(whole))
        digits = [NUMBER_WORDS.get(w, (None, ""))[0] for w in decimals.split()]
        if whole_value is None or any(d is None or d > 9 for d in digits):
            return None
        return float(f"{int(whole_value)}." + "".join(str(int(d)) for d in digits))
    fraction = _FRACTION_TEXT.fullmatch(text)
    if fraction:
        whole, numerator, denominator, vulgar = fraction.groups()
        if not vulgar and int(denominator) == 0:
            return None
        part = _VULGAR_FRACTIONS[vulgar] if vulgar else int(numerator) / int(denominator)
        return float(whole or 0) + part
    if text[0].isdigit() or text[0] == ".":
        if re.fullmatch(r"\d{1,3},\d{1,2}", text):  # a decimal comma ("3,5 tonnes"): the grammar reads it before a unit
            return float(text.replace(",", "."))
        if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", text):
            return float(text.replace(".", ""))
        cleaned = re.sub(r"[,\s\u00a0\u202f]", "", text)
        try:
            value = float(cleaned)
            return value if math.isfinite(value) else None  # 400 nines are not an amount
        except ValueError:
            return None
    return _parse_word_number(_WORD_BREAKS.split(text))


def _parse_word_number(tokens: list[str]) -> float | None:
    """The value of a number in words, split into ``tokens``; None if the words are no one number
    ("a thirty", "four and five", "one thirty")."""
    if "and" in tokens:  # "one and a half", "two and three quarters", "two million and a half"
        cut = len(tokens) - 1 - tokens[::-1].index("and")
        part = _parse_fraction(tokens[cut + 1 :])
        if part is not None:
            whole = _parse_word_number(tokens[:cut]) if cut else None
            if whole is None:
                return None
            last_value, last_role = _WORDS.get(tokens[cut - 1], (1.0, ""))
            # "two million and a half" is 2.5 million, "a dozen and a half" 18
            return whole + part * (last_value if last_role in ("scale", "dozen") else 1.0)
    fraction = _parse_fraction(tokens)
    if fraction is not None:
        return fraction
    total = 0.0
    current = 0.0
    seen = False
    last_unit: float | None = None  # the previous word of 1-90: "twenty one", never "one thirty" nor "two one"
    for i, token in enumerate(tokens):
        if token == "and":
            if i == 0 or _WORDS.get(tokens[i - 1], (0.0, ""))[1] not in ("hundred", "scale"):
                return None  # "four and five" is a list, "one hundred and twelve" one number
            continue
        if token not in _WORDS:
            return None
        value, role = _WORDS[token]
        following = _WORDS.get(tokens[i + 1], (0.0, ""))[1] if i + 1 < len(tokens) else ""
        if role == "article":
            if following in ("dozen", "hundred", "scale") and not seen:
                current, seen = 1.0, True  # "a dozen", "a million"
                continue
            if following in ("half", "quarter") and not seen:
                continue  # "a quarter million"
            if i and _WORDS.get(tokens[i - 1], (0.0, ""))[1] == "half" and following in ("", "dozen", "hundred", "scale"):
                continue  # "half a" (kilo), "half a dozen"
            if len(tokens) == 1:
                return 1.0  # "a" before a unit ("a kilogram"): the grammar keeps it only there
            return None  # "a thirty"
        if role == "unit":
            if last_unit is not None and (last_unit < 20 or value >= last_unit or value >= 10):
                return None
            last_unit = value
            current += value
        elif role in ("half", "quarter"):
            if current or total or seen:
                return None  # "two half"
            current = value
        elif role in ("dozen", "hundred"):
            if not seen:
                return None  # a bare "hundred" is no amount
            current = (current or 1.0) * value
            last_unit = None
        elif role == "scale":
            if not seen:
                return None  # "million" alone, as in "$US240 million" read from the scale
            total += (current or 1.0) * value
            current = 0.0
            last_unit = None
        else:
            return None  # a denominator after a whole number: "two third" is read by _parse_fraction
        seen = True
    return total + current if seen else None


def _parse_fraction(tokens: list[str]) -> float | None:
    """"three quarters", "two fifths", "one third", "a half", "half": a numerator (a number word
    of 1-90, or an article) and a denominator; None for anything else (a bare "quarter" or "third")."""
    if len(tokens) == 1:
        return 0.5 if tokens[0] == "half" else None
    if len(tokens) != 2 or tokens[1] not in _WORDS or tokens[0] not in _WORDS:
        return None
    (numerator, numerator_role), (part, role) = _WORDS[tokens[0]], _WORDS[tokens[1]]
    if role not in ("half", "quarter", "fraction", "ordinal") or numerator_role not in ("unit", "article"):
        return None
    if numerator_role == "unit" and numerator < 1:
        return None  # "zero fifths"
    return numerator * part


def _money_code(match: re.Match, text: str) -> str | None:
    if match.group("currency"):
        return CURRENCY_BEFORE.get(_SPACES.sub(" ", match.group("currency").strip().lower()))
    if match.group("currency_after"):
        return CURRENCY_AFTER.get(_SPACES.sub(" ", match.group("currency_after").lower()))
    if match.group("sign_after"):
        return CURRENCY_BEFORE.get(match.group("sign_after").lower())
    return None


def _find_quantities_uncached(text: str, any_number: bool = False) -> list[Quantity]:
    """Every amount in ``text``, in order, with compounds and conversions merged.

    By default a text with neither a digit nor a unit word is skipped at
    once (the common case, and fast); ``any_number=True`` also reads
    numbers written only in words ("nine international organizations").

    >>> [(q.kind, q.kg) for q in find_quantities("12 kg and 350 grams of heroin")]
    [('mass', 12.35)]
    """
    lowered = lower_for_matching(text) if _LOWERED_IS_EXACT else None
    if not _has_digit_or_unit(text, lowered) and not (any_number and _has_number_word(text, lowered)):
        return []  # most sentences have no digit and no unit word: skip the big pattern
    return _read(text, lowered)


def _has_digit_or_unit(text: str, lowered: str | None) -> bool:
    if lowered is not None:
        return ((_DIGIT_LOWER_ASCII if lowered.isascii() else _DIGIT_LOWER).search(lowered) is not None
                or holds_any(lowered, _UNIT_WORDS))
    return _MAY_HOLD_QUANTITY.search(text) is not None


def _has_number_word(text: str, lowered: str | None) -> bool:
    if lowered is not None:
        return _NUMBER_WORD_LOWER.search(lowered) is not None
    return _NUMBER_WORD.search(text) is not None


def _read(text: str, lowered: str | None) -> list[Quantity]:
    found: list[Quantity] = []
    position = 0
    while (match := _next_match(text, lowered, position)) is not None:
        count = _count_before_size(match, text)
        if count is not None:  # "twenty one-kilogram packages": 20 packages, then their size, read next
            found.append(count)
            position = count.end + 1
            continue
        position = max(match.end(), position + 1)
        quantity = _build(match, text)
        if quantity is not None:
            found.append(quantity)
        elif match.group("currency_after"):
            position = match.start("currency_after")  # "a EUR 2.1 million": read again from the currency
    return _merge(found, text)


def _qualifier(hedge: str | None) -> str:
    """The qualifier a hedge before a number gives ("about" -> about); "exact" without one."""
    return HEDGES.get(_SPACES.sub(" ", hedge.strip().lower()), "exact") if hedge else "exact"


_SENTENCE_ENDS = re.compile(r"\s*(?:$|[A-Z\"“'‘«])")  # "seized 90 lbs. Police said" but not "90 lbs. of"


_ALL_SCALES = {**SCALES, **GLUED_SCALES}
_SCALE_WORD_LAST = re.compile(rf"[\s-](?P<scale>{_words_of('hundred', 'scale')})$", re.IGNORECASE)


def _shared_scale(low_text: str, low: float, high_text: str, high: float) -> float:
    """The low end of a range whose high end alone names the scale: "two to three thousand" is
    2,000 to 3,000, "between five and six hundred" 500 to 600; "ten to a hundred" stays 10."""
    last = _SCALE_WORD_LAST.search(high_text.strip())
    if last is None or _SCALE_WORD_LAST.search(low_text.strip()) is not None:
        return low
    scale = _WORDS[last.group("scale").lower()][0]
    return low * scale if low * scale <= high else low


def _is_pronoun(match: re.Match, text: str) -> bool:
    """Whether a lone number word is a pronoun ("one of the officers", "no one", "this one")."""
    word = match.group("num").strip().lower()
    if word not in _PRONOUN_AFTER_CUE and word not in _PRONOUN_BEFORE_CUE or match.group("hedge") or match.group("currency"):
        return False
    after = _PRONOUN_AFTER_CUE.get(word)
    before = _PRONOUN_BEFORE_CUE.get(word)
    return ((after is not None and after.match(text, match.end()) is not None)
            or (before is not None and before.search(text, max(0, match.start("num") - 12), match.start("num")) is not None))


def _article_is_a_number(match: re.Match, text: str) -> bool:
    """Whether the word a number begins with counts: an article is "one" before a unit ("a
    kilogram"), a counted noun right after it ("a pill") or a multiplier ("a dozen", "a third
    of"), not in "an economic slowdown", "a plastic bottle" nor "a third suspect"; a bare
    "quarter" only before "of a" ("quarter of a ton", not "the first quarter of 2024")."""
    words = _WORD_BREAKS.split(match.group("num").strip().lower())
    if words[0] in ("quarter", "quarters") and len(words) == 1:  # "quarter of a ton"; not "the first quarter of 2024"
        return bool(match.group("unit")) or _QUARTER_OF_ONE.match(text, match.end("num")) is not None
    if _WORDS.get(words[0], (0.0, ""))[1] != "article":
        return True
    if len(words) == 1:
        return bool(match.group("unit") or match.group("scale")
                    or (match.group("count_unit") and not match.group("mid")))
    if _WORDS[words[-1]][1] == "ordinal":  # "a third of the haul", "fell by a third."; "a fifth suspect"
        return bool(match.group("unit")) or _ORDINAL_NOUN_AFTER.match(text, match.end("num")) is None
    return True


_QUARTER_OF_ONE = re.compile(r"\s+of\s+(?:a|an|one)\b", re.IGNORECASE)
# "a third suspect", "a fifth raid": a word after "a third" that is not "of", "in", "since" ... is its noun
_ORDINAL_NOUN_AFTER = re.compile(rf"\s+(?!{_STOP}|since|last|this|compared)[^\W\d_]", re.IGNORECASE)


def _build(match: re.Match, text: str) -> Quantity | None:
    number = parse_number(match.group("num"))
    if number is None or not _article_is_a_number(match, text):
        return None
    scale_word = match.group("scale").strip().lstrip("-").strip().lower() if match.group("scale") else ""
    if scale_word == "b" and not match.group("currency") and "." not in match.group("num"):
        return None  # "3.4b", "$3b" are billions; "Article 4b" is a reference
    scale = _ALL_SCALES.get(scale_word, 1.0) if scale_word else 1.0
    if match.group("and_units"):  # "5 hundred and 12"
        number += int(match.group("and_units")) / scale
    elif match.group("and_half"):  # "2 million and a half"
        number += 0.5
    value = number * scale
    high = parse_number(match.group("high")) if match.group("high") else None
    if match.group("low"):
        low = parse_number(match.group("low")) or 0.0
        high, value = value, _shared_scale(match.group("low"), low, match.group("num"), number) * scale
    elif high is not None:
        value = _shared_scale(match.group("num"), number, match.group("high"), high) * scale
        high *= scale
    if not math.isfinite(value) or (high is not None and not math.isfinite(high)):
        return None
    if high is not None and high < value:  # "between 350 and 300 kilograms": the range is 300 to 350
        value, high = high, value
    hedge = match.group("hedge")
    qualifier = _qualifier(hedge)
    if high is not None and qualifier == "exact":
        qualifier = "over"  # a range keeps its low end, which the true amount exceeds
    start = match.start("currency") if match.group("currency") else match.start("num")
    if match.group("low"):
        start = match.start()
    if match.group("paren"):
        start = match.start("paren")
    if hedge:
        start = match.start()
    end = match.end()
    if text[end - 1 : end] == "." and _SENTENCE_ENDS.match(text, end) is not None:
        end -= 1  # "seized 250 kg." at the end of a sentence: the full stop, not the abbreviation's point
    surface = text[start:end]

    money = _money_code(match, text)
    if money is not None and match.group("num").strip().lower() in ("a", "an"):
        return None  # "a EUR 2.1 million project": the article is not an amount
    unit_alias = match.group("unit") or match.group("count_unit")
    if money is not None:
        return Quantity(start, end, surface, "money", value, money, qualifier)
    if unit_alias is None:
        if scale_word == "m" and _METRES_AFTER.match(text, match.end()):
            return Quantity(start, end, surface, "length", number * UNIT_FACTORS["m"], "m", qualifier)
        if _is_pronoun(match, text):
            return None
        return Quantity(start, end, surface, "number", value, "", qualifier)
    unit, kind, factor = UNITS[_SPACES.sub(" ", unit_alias.lower())]
    if unit == "lb" and (_MONEY_CONTEXT.search(text[max(0, start - 40) : start])
                         or _MONEY_WORD_BEFORE.search(text, max(0, start - 40), start)
                         or _MONEY_WORD_AFTER.match(text, match.end())):
        return Quantity(start, end, surface, "money", value, "GBP", qualifier)
    if unit_alias == "G" and match.start("unit") == match.end("num") and value < 10 and not scale_word:
        return None  # "4G networks", "5G": a generation, not grams
    if kind in ("mass", "count") and _COMPOUND_UNIT_AFTER.match(text, match.end()):
        return None
    if kind == "mass" and unit == "t" and unit_alias == "T" and value > 100:
        return None  # "2024 T" style codes, not tonnes
    if kind == "mass":
        return Quantity(
            start, end, surface, "mass", value, unit, qualifier,
            kg=round(value * factor, 6),
            kg_high=round(high * factor, 6) if high is not None else None,
        )
    if kind == "count":
        return Quantity(
            start, end, surface, "count", value, unit, qualifier,
            count=value, between=(match.group("mid") or "").lower(),
        )
    return Quantity(start, end, surface, kind, value * factor, unit, qualifier)


# "96 one-kilogram bags": a count of packages of one size is their total weight
_PACKAGE_NOUNS = next(split_aliases(row["term"]) for row in read_rows("seizure_terms.csv") if row["kind"] == "package")
_PACKAGES_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:" + "|".join(sorted(_PACKAGE_NOUNS, key=len, reverse=True)) + r")\b",
                             re.IGNORECASE)
_DRUG_WORD_GAP = re.compile(r"\s+[A-Za-z][\w-]*\s+")
DOSE_FORMS = r"pills?|tablets?|capsules?"  # what a dose strength ("30mg") or a count of doses is told of
_DOSE_UNIT_AFTER = re.compile(rf"\s*({DOSE_FORMS})\b", re.IGNORECASE)
_BRAND_STRENGTH = re.compile(r"\s+[A-Z][\w-]*\s+")
_SIZE_WORD = re.compile(r"^(?:[\w.,]+-[a-z]+|\d+(?:\.\d+)?[a-z]+)$", re.IGNORECASE)  # "one-kilogram", "1.5-pound", "1kg"


def _count_before_size(match: re.Match, text: str) -> Quantity | None:
    """"twenty one-kilogram packages", "two one-kilo blocks": the number words but the last,
    which with the unit is each package's size ("one-kilogram"). Read whole they would be
    21 kilograms, or no number at all. The count is returned as a number; :func:`_merge`
    multiplies it by the size read after it."""
    number = match.group("num")
    if (not match.group("unit") or any(match.group(g) for g in ("currency", "paren", "low", "high"))
            or not text.startswith("-", match.end("num")) or " " not in number
            or not _PACKAGES_AFTER.match(text, match.end())):
        return None
    words, size = number.rsplit(" ", 1)
    value = parse_number(words)
    if value is None or value < 2 or not size.isalpha() or parse_number(size) is None:
        return None
    hedge = match.group("hedge")
    qualifier = _qualifier(hedge)
    start = match.start() if hedge else match.start("num")  # from the hedge, if any ("about twenty")
    end = match.start("num") + len(words)
    return Quantity(start, end, text[start:end], "number", value, "", qualifier)


def _merge(found: list[Quantity], text: str) -> list[Quantity]:
    """Merge "71 kg and 110 grams" into one mass, absorb "(2,202 pounds)" conversions and
    multiply "96 one-kilogram bags" out."""
    merged: list[Quantity] = []
    for quantity in found:
        previous = merged[-1] if merged else None
        gap = text[previous.end : quantity.start] if previous is not None else ""
        if (previous is not None and previous.kind == "money" and quantity.kind in ("mass", "count")
                and _RATE_GAP.fullmatch(gap) and _ONE_BY_ARTICLE.match(quantity.text)):
            continue  # "$1,300 an ounce", "5,000 dinars a kilo": a price per unit, not an amount
        if quantity.kind in ("mass", "count") and previous is not None and previous.kind == "number":
            _share_unit(merged, quantity, text)
        if (previous is not None and previous.kind == "mass" and previous.kg and quantity.kind == "number"
                and gap == " and " and quantity.text.lower() in ("a half", "half")):  # "a tonne and a half"
            previous.kg = round(previous.kg * (previous.value + 0.5) / previous.value, 6)
            previous.value += 0.5
            previous.end = quantity.end
            previous.text = text[previous.start : previous.end]
            continue
        if (previous is not None and previous.kind == "number" and 0 < previous.value < 1 and quantity.kind == "mass"
                and quantity.value == 1 and quantity.kg and gap.strip() == "of"
                and re.match(r"(?i)an?\s", quantity.text)):  # "3/4 of a pound": three quarters of one pound
            previous.kind, previous.unit = "mass", quantity.unit
            previous.kg = round(previous.value * quantity.kg, 6)
            previous.end = quantity.end
            previous.text = text[previous.start : previous.end]
            continue
        if (previous is not None and previous.kind == "number" and quantity.kind == "count"
                and _BRAND_STRENGTH.fullmatch(gap) and quantity.value < 10 and previous.value >= 10):
            # "2.86 million Erimin 5 pills": the 5 belongs to the brand, the count is the number before
            previous.kind, previous.unit, previous.count = "count", quantity.unit, previous.value
            previous.between = text[previous.end : quantity.end - len(quantity.unit)].strip()
            previous.end = quantity.end
            previous.text = text[previous.start : previous.end]
            continue
        strength = (_DOSE_UNIT_AFTER.match(text, quantity.end) if previous is not None and previous.kind == "number"
                    and previous.value >= 2 and quantity.unit == "mg" and _DRUG_WORD_GAP.fullmatch(gap) else None)
        if strength:  # "200 oxycodone 30mg pills": the strength of each pill, the count is the number before
            previous.kind, previous.unit, previous.count = "count", UNITS[strength.group(1).lower()][0], previous.value
            previous.between = text[previous.end : strength.start(1)].strip()
            previous.end = strength.end()
            previous.text = text[previous.start : previous.end]
            continue
        if (previous is not None and previous.kind == "number" and quantity.kind == "mass" and quantity.kg
                and text[previous.end : quantity.start] == " " and _SIZE_WORD.match(quantity.text)
                and previous.value >= 2 and _PACKAGES_AFTER.match(text, quantity.end)):
            previous.kind, previous.unit = "mass", quantity.unit
            previous.kg = round(previous.value * quantity.kg, 6)
            previous.value = round(previous.value * quantity.value, 6)
            previous.end = quantity.end
            previous.text = text[previous.start : previous.end]
            continue
        if previous is not None and previous.kind == "mass" and quantity.kind == "mass":
            gap = text[previous.end : quantity.start]
            if _is_compound(previous, quantity, gap):
                previous.kg = round((previous.kg or 0) + (quantity.kg or 0), 6)
                previous.end = quantity.end
                previous.text = text[previous.start : previous.end]
                continue
            if _is_conversion(previous, quantity, gap, text):
                closing = _CLOSING_BRACKET.match(text, quantity.end)
                previous.end = closing.end() if closing else quantity.end
                previous.text = text[previous.start : previous.end]
                continue
        merged.append(quantity)
    return _join_counts_and_weights(merged, text)


_RATE_GAP = re.compile(r"\s+(?:(?:for|per)\s+)?", re.IGNORECASE)
_ONE_BY_ARTICLE = re.compile(r"an?\s", re.IGNORECASE)
_LIST_AND = re.compile(r",?\s+and\s+", re.IGNORECASE)
_LIST_COMMA = re.compile(r",\s+")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _share_unit(merged: list[Quantity], quantity: Quantity, text: str) -> None:
    """Give the unit of a list's last amount to the bare numbers before it: "30 and 40 grams",
    "four and five kilograms", "10, 20 and 30 kg" are each several amounts of that unit. The
    numbers are written alike (digits or words), none a year, and the last one joins with "and"."""
    items: list[Quantity] = []
    following = quantity
    for previous in reversed(merged):
        gap = text[previous.end : following.start]
        join = _LIST_AND if not items else _LIST_COMMA
        if (previous.kind != "number" or join.fullmatch(gap) is None or previous.qualifier != "exact"
                or previous.text[:1].isdigit() != quantity.text[:1].isdigit() or _YEAR.fullmatch(previous.text)
                or previous.value <= 0):
            break
        items.append(previous)
        following = previous
    factor = UNIT_FACTORS[quantity.unit] if quantity.kind == "mass" else 1.0
    for item in items:
        item.kind, item.unit = quantity.kind, quantity.unit
        if quantity.kind == "mass":
            item.kg = round(item.value * factor, 6)
        else:
            item.count, item.between = item.value, quantity.between


def _join_counts_and_weights(found: list[Quantity], text: str) -> list[Quantity]:
    """One amount for a count and the weight of the same items (see _weighs_the_count): the
    count's unit and number, the weight's kilograms and hedge, both in ``text``."""
    joined: list[Quantity] = []
    for quantity in found:
        previous = joined[-1] if joined else None
        if previous is None or not _weighs_the_count(previous, quantity, text):
            joined.append(quantity)
            continue
        count, mass = (previous, quantity) if previous.kind == "count" else (quantity, previous)
        previous.kind, previous.unit, previous.count, previous.between = "count", count.unit, count.count, count.between
        previous.value, previous.kg, previous.kg_high, previous.qualifier = count.value, mass.kg, mass.kg_high, mass.qualifier
        closing = _CLOSING_BRACKET.match(text, quantity.end)
        previous.end = closing.end() if closing else quantity.end
        previous.text = text[previous.start : previous.end]
    return joined


# "8,000 Captagon tablets weighing 1.3 kilograms", "87 capsules of heroin weighing 1.1 kg",
# "3,500 tablets (2.1 kg)", "1.3 kg of Captagon (8,000 tablets)": the count and the weight of the
# same items, one amount
_WEIGHING_GAP = re.compile(r"\s*(?:of\s+[^\d(),;.]{1,40}?)?\s*,?\s*"
                           r"(?:weighing|weighed|with a (?:total )?weight of|totall?ing)\s+", re.IGNORECASE)
_BRACKET_GAP = re.compile(r"\s*(?:of\s+[^\d()]{1,40}?\s*)?[(\[]\s*", re.IGNORECASE)
_APPOSITION_GAP = re.compile(rf"\s+of\s+[^\d()]{{0,40}}?\b(?P<unit>{DOSE_FORMS})\s*,\s*", re.IGNORECASE)
_PER_ITEM = re.compile(r"\s*(?:each|apiece)\b", re.IGNORECASE)  # "pills weighing 0.1 grams each": not the count's


def _weighs_the_count(previous: Quantity, quantity: Quantity, text: str) -> bool:
    """Whether a count and a weight next to each other measure the same items: the weight
    "weighing" after the count, or either one in brackets after the other."""
    in_brackets = (_BRACKET_GAP.fullmatch(text, previous.end, quantity.start) is not None
                   and _CLOSING_BRACKET.match(text, quantity.end) is not None)
    if previous.kind == "count" and previous.kg is None and quantity.kind == "mass" and quantity.kg:
        weighing = _WEIGHING_GAP.fullmatch(text, previous.end, quantity.start) is not None
        return (weighing or in_brackets) and not _PER_ITEM.match(text, quantity.end)
    if not (previous.kind == "mass" and bool(previous.kg) and quantity.kind == "count" and previous.count is None):
        return False
    apposition = _APPOSITION_GAP.fullmatch(text, previous.end, quantity.start)  # "3.3 kg of fentanyl pills, about 30,000 pills"
    return in_brackets or (apposition is not None and UNITS[apposition.group("unit").lower()][0] == quantity.unit)


def _is_compound(first: Quantity, second: Quantity, gap: str) -> bool:
    return (
        _COMPOUND_JOIN.match(gap) is not None
        and second.qualifier == "exact"
        and first.kg_high is None
        and first.kg is not None
        and second.kg is not None
        and UNIT_FACTORS[second.unit] < UNIT_FACTORS[first.unit]
        and second.value < (1000 if second.unit in ("g", "kg", "mg") else 16)
    )


def _is_conversion(first: Quantity, second: Quantity, gap: str, text: str) -> bool:
    """Whether ``second`` restates ``first`` in another unit (``gap`` is the text between them)."""
    if first.unit == second.unit or not first.kg or not second.kg:
        return False
    ratio = second.kg / first.kg
    if _CONVERSION_AFTER_NAME.match(gap):
        return 0.85 < ratio < 1.18
    comma = _CONVERSION_AFTER_COMMA.match(gap)
    if comma is not None:
        return ((comma.group("equivalent") is not None or second.qualifier != "exact")
                and _LIST_GOES_ON.match(text, second.end) is None and 0.85 < ratio < 1.18)
    if _EQUIVALENT_JOIN.match(gap) is None:
        return False
    return 0.8 < ratio < 1.25 or gap.strip().startswith(("(", "["))




@reading_cache(8192)
def _find_quantities_cached(text: str) -> tuple[bool, tuple[Quantity, ...]]:
    """(whether the default prefilter passes, every amount read with ``any_number=True``).

    The flag only changes the prefilter, so both kinds of call share one reading.
    """
    lowered = lower_for_matching(text) if _LOWERED_IS_EXACT else None
    may_hold = _has_digit_or_unit(text, lowered)
    if not may_hold and not _has_number_word(text, lowered):
        return False, ()
    return may_hold, tuple(_read(text, lowered))


def find_quantities(text: str, any_number: bool = False) -> list[Quantity]:
    may_hold, found = _find_quantities_cached(text)
    return list(found) if may_hold or any_number else []


# Several extractors read the same sentence; the answer is memoised and each caller gets its own list.
find_quantities.__doc__ = _find_quantities_uncached.__doc__
