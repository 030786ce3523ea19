"""Shortcuts taken for speed give the answers of the plain regular expressions they stand for.

Each property draws text from the words the shortcut looks for (in any case, with
glue and odd characters such as the dotless i, which lower-casing does not map to
"i"), so that most examples reach both the shortcut and the full expression.
"""

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis.extract import seizures
from analysis.text import quantities
from analysis.text.lexicons import CaselessPattern, lower_for_matching
from analysis.text.quantities import parse_number

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_WORDS = [
    "since", "january", "the", "beginning", "of", "last", "year", "nationwide", "in", "2023", "several", "operations",
    "bags", "packages", "sacks", "bricks", "twenty", "two", "12", "1,200", "truck", "pickup truck", "SUV", "vessel",
    "cement", "bananas", "weighing", "weighed", "border crossing point", "checkpoint", "port", "Port", "of", "Santos",
    "Torkham", "doubled", "record high", "fell", "by", "per cent", "rose", "increase", "BISHKEK", "3 May 2024",
    "(Kazinform)", "Police", "seized", "heroin", "from", "bound for", "originating in", "resident of", "the",
    "borders with", "Operation", "Tridente", "Sur", "Puerto", "production", "prices", "per kilo", "intercepted",
]
_GLUE = [" ", " ", " ", ", ", ". ", "-", " – ", " — ", "\n", "(", ")", "ı", "İ", "K", "’s"]


def _cased(word: str) -> st.SearchStrategy[str]:
    return st.sampled_from([word, word.upper(), word.title()])


texts = st.lists(st.one_of(st.sampled_from(_WORDS).flatmap(_cased), st.sampled_from(_GLUE), st.text(max_size=3)),
                 max_size=16).map("".join)


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@SETTINGS
@given(texts)
@example("Since January, police seized 20 bags")
@example("SINCE JANUARY")
@example("sınce january")  # a dotless i: the lowered text cannot be read
def test_caseless_patterns_find_what_the_case_insensitive_expressions_find(text):
    for caseless in (seizures.AGGREGATE_CUES, seizures.PACKAGE_COUNT, seizures.CONVEYANCES, seizures.GOODS,
                     seizures.PACKAGE_WORDS, seizures._MAY_NAME_LOCATION, seizures._WEIGHT_WORD,
                     seizures.SEIZURE_VERBS, seizures.NOT_SEIZURE_CONTEXT):
        plain = re.compile(caseless.pattern.pattern, re.IGNORECASE)
        assert _spans(caseless.finditer(text)) == _spans(plain.finditer(text)), caseless.pattern.pattern[:60]
        assert (caseless.search(text) is None) == (plain.search(text) is None)


@pytest.mark.parametrize(("expression", "prefilter"), [
    (seizures.NAMED_LOCATION, seizures._MAY_NAME_LOCATION),  # "the Port of Santos", "Torkham checkpoint"
    (seizures._GOODS_WEIGHING, seizures._WEIGHT_WORD),  # "sacks of cement weighing"
], ids=["named location", "goods weighing"])
@SETTINGS
@given(text=texts)
@example(text="The Port of Santos")
@example(text="sacks of cement weighing")
def test_an_expression_never_matches_where_its_prefilter_does_not(expression, prefilter, text):
    if expression.search(text):
        assert prefilter.search(text)


@SETTINGS
@given(texts, st.integers(0, 100))
@example("BISHKEK, 3 May 2024 – Police seized", 0)
@example("x", 79)
@example(" – Police seized", 80)  # the dash at the last place a dateline's may stand
@example(" – Police seized", 81)
def test_dateline_end_equals_the_full_expression(text, padding):
    text = "A" * padding + text
    expected = 0
    match = seizures._DATELINE.match(text)
    if match is not None:
        head = match.group("head")
        city = head.split(",")[0].split("(")[0].strip()
        if city.isupper() or "(" in head or re.search(r"\d{4}|\b(?:19|20)\d{2}\b", head):
            expected = match.end()
    assert seizures._dateline_end(text) == expected


@pytest.mark.parametrize("expression", [
    seizures.ORIGIN_OR_DESTINATION, seizures._PERSON_ORIGIN, seizures._BORDER_WITH, seizures._OPERATION_NAME,
    seizures._NAME_BEFORE,
], ids=["origin or destination", "person's origin", "border with", "operation name", "name before"])
@SETTINGS
@given(text=texts, padding=st.integers(0, 200), cut=st.integers(0, 400))
@example(text="smuggled out of the ", padding=150, cut=400)
@example(text="Operation Tridente Sur ", padding=140, cut=400)
def test_a_phrase_ending_before_a_place_is_found_in_the_window_read(expression, text, padding, cut):
    text = "x " * padding + text
    end = min(cut, len(text))
    assert seizures._ends_before(expression, text, end) == (expression.search(text[:end]) is not None)


_AMOUNT_WORDS = ["12", "1,200", "3.5", "kg", "kilos", "tons", "pills", "in excess of", "up to", "approx.", "about",
                 "under", "between", "and", "two", "twenty-five", "a", "an", "dozen", "million", "rs", "Rs.", "EUR",
                 "Europol", "officers", "US$", "USD", "$", "€", "(", ")", "years", "used", "thus", "5usd"]
amount_texts = st.lists(st.one_of(st.sampled_from(_AMOUNT_WORDS).flatmap(_cased), st.sampled_from(_GLUE)),
                        max_size=12).map("".join)


@SETTINGS
@given(amount_texts)
@example("Over the past three years 1,200 kilograms")
@example("fined Rs 5,000 and US$ 300 in excess of 2 tons")
@example("US$two")  # a code ending in "$" may be followed by a letter
def test_quantities_are_tried_where_the_full_expression_finds_them(text):
    lowered = lower_for_matching(text)
    for position in range(len(text) + 1):
        fast = quantities._next_match(text, lowered, position)
        full = quantities.QUANTITY.search(text, position)
        assert (fast and fast.span()) == (full and full.span()), (text, position)


def test_a_caseless_pattern_that_cannot_read_lowered_text_still_matches():
    pattern = CaselessPattern("SUV")  # upper-case letters: read with the case-insensitive expression
    assert pattern.lower is None
    assert pattern.search("a white suv").span() == (8, 11)


@given(st.from_regex(r"[0-9]{1,400}", fullmatch=True))
@settings(max_examples=200, deadline=None)
@example("9" * 400)
@example("007")
def test_plain_digits_parse_as_float_does(digits):
    value = float(digits)
    assert parse_number(digits) == (value if value != float("inf") else None)


_LINE_ENDS = ["U.S", "Dr", "K", "a.m", "etc", "2024", "Almaty", "_x", "ñandú", "٣", "²", " ", "(", ")", "\"", "”", "’",
              "»", "]", ".", ",", "-", "é", "N°"]


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(_LINE_ENDS), st.text(max_size=2)), max_size=10).map("".join)
       .filter(lambda line: "\n" not in line))
@example('the U.S."')
@example("Gen. A")
@example(")")
def test_the_word_before_a_full_stop_is_the_expressions(line):
    from analysis.text.sentences import _word_before

    match = re.search(r"([\w.°]+)\.?[\"'”’»)\]]*$", line)
    assert _word_before(line) == (match.group(1) if match else "")


_ASCII_GLUE = [" ", "  ", ", ", ". ", "-", "\n", "\t", "(", ")", "'", "_", "\x1c", "\x1f", "\x0b", "2024", "3rd"]
ascii_texts = st.lists(st.one_of(st.sampled_from([w for w in _WORDS if w.isascii()]).flatmap(_cased),
                                 st.sampled_from(_ASCII_GLUE), st.text(st.characters(max_codepoint=127), max_size=3)),
                       max_size=16).map("".join)


def _ascii_twins():
    """The expressions that have an ASCII twin in use (lexicons.ascii_twin), with their twins."""
    from analysis.extract import counts
    from analysis.text import dates, gazetteer, persons
    pairs = [(quantities.QUANTITY, quantities._QUANTITY_ASCII), (quantities._MAY_START, quantities._MAY_START_ASCII),
             (gazetteer._CAPITALISED_RUN, gazetteer._CAPITALISED_RUN_ASCII),
             (gazetteer._DRUG_PATTERN_LOWER, gazetteer._DRUG_PATTERN_LOWER_ASCII),
             (persons._MAY_START_NAME, persons._MAY_START_NAME_ASCII), (counts._ORDINAL, counts._ORDINAL_ASCII)]
    pairs += list(zip(dates._COMPILED_LOWER, dates._COMPILED_LOWER_ASCII, strict=True))
    pairs += [(c.lower, c.lower_ascii) for c in (seizures.AGGREGATE_CUES, seizures.SEIZURE_VERBS, seizures.CONVEYANCES)]
    return pairs


@SETTINGS
@given(ascii_texts)
@example("Police seized 20 kg\x1cof heroin on 3 May 2024")  # a separator is a space to \s, in both
@example("ON 3\x1fMAY 2024, 12 KG")
def test_ascii_twins_find_what_their_expressions_find_on_ascii_text(text):
    assert text.isascii()
    for subject in (text, text.lower()):
        for plain, twin in _ascii_twins():
            assert twin is not plain, plain.pattern[:60]  # each has a twin: none fell back to the expression
            assert [(m.span(), m.groups()) for m in twin.finditer(subject)] == \
                [(m.span(), m.groups()) for m in plain.finditer(subject)], plain.pattern[:60]


@pytest.mark.parametrize(("pattern", "flags"), [
    ("kırgız", re.IGNORECASE),  # ignoring case, the dotless i matches "i" in a Unicode pattern only
    (r"\S+", 0),  # an ASCII \S would take the separators \x1c-\x1f, which are spaces to Unicode
    (r"(?u)\w+", 0),
])
def test_no_ascii_twin_where_it_could_differ(pattern, flags):
    from analysis.text.lexicons import ascii_twin
    assert ascii_twin(pattern, flags) is None
