"""Table-driven date cases (tests/cases/dates.csv), written by hand from the text."""

import csv
import datetime as dt
from pathlib import Path

import pytest

from analysis.text.dates import find_dates, infer_year, numeric_order, reading_document

CASES = list(csv.DictReader(open(Path(__file__).parent / "cases" / "dates.csv", encoding="utf-8")))


def test_there_are_enough_cases():
    assert len(CASES) >= 30


def _param(case):
    """A case; one whose note starts with "known failure:" is a strict xfail (it must keep failing until fixed)."""
    if case["note"].startswith("known failure:"):
        return pytest.param(case, marks=pytest.mark.xfail(strict=True, reason=case["note"]), id=case["text"][:60])
    return pytest.param(case, id=case["text"][:60])


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_date_case(case):
    published = dt.date.fromisoformat(case["published"]) if case["published"] else None
    found = find_dates(case["text"], published)
    got = (found[0].iso, found[0].end_iso, found[0].text) if found else ("", "", "")
    assert got == (case["date"], case["end_date"], case["date_text"])


def test_year_inference_prefers_the_recent_past():
    assert infer_year(12, 28, dt.date(2024, 1, 5)) == 2023
    assert infer_year(2, 15, dt.date(2024, 1, 5)) == 2024
    assert infer_year(5, 1, None) is None


def test_a_leap_day_without_a_year_is_in_a_leap_year():
    assert infer_year(2, 29, dt.date(2023, 3, 10)) == 2020
    assert infer_year(2, 29, dt.date(2027, 12, 31)) == 2028  # within two months ahead


# The order of numeric dates is the document's (docs/conventions.md): made-up releases.
@pytest.mark.parametrize(("document", "order"), [
    ("Officers stopped the van on 03/14/2023. The driver was charged on 03/16/2023.", "mdy"),
    ("Officers stopped the van on 14/03/2023. The driver was charged on 16/03/2023.", "dmy"),
    ("WASHINGTON, March 3, 2023 - Agents said the case opened on January 9.\n\nFiled 04/05/2023.", "mdy"),
    ("VIENNA, 3 March 2023 - The case opened on 9 January.\n\nFiled 04/05/2023.", "dmy"),
    ("Filed 04/05/2023.", "dmy"),
])
def test_numeric_order_of_a_document(document, order):
    assert numeric_order(document) == order


def test_an_ambiguous_numeric_date_takes_the_order_of_its_document():
    sentence = "The hearing was adjourned to 04/05/2023."
    us = "MIAMI, March 3, 2023 - Agents seized 300 kg of cocaine on February 27. " + sentence
    with reading_document(us):
        assert find_dates(sentence)[0].iso == "2023-04-05"
    international = "ROME, 3 March 2023 - Police seized 300 kg of cocaine on 27 February. " + sentence
    with reading_document(international):
        assert find_dates(sentence)[0].iso == "2023-05-04"
    assert find_dates(sentence)[0].iso == "2023-05-04"  # a sentence alone: day first
    with reading_document("Seized 12/25/2022. " + sentence):  # an unambiguous numeric date decides
        assert find_dates(sentence)[0].iso == "2023-04-05"
