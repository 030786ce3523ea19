"""Table-driven date cases (tests/cases/dates.csv), written by hand from the text."""

import csv
import datetime as dt
from pathlib import Path

import pytest

from analysis.dates import find_dates, infer_year

CASES = list(csv.DictReader(open(Path(__file__).parent / "cases" / "dates.csv", encoding="utf-8")))


def test_there_are_enough_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_date_case(case):
    published = dt.date.fromisoformat(case["published"]) if case["published"] else None
    found = find_dates(case["text"], published)
    got = (found[0].iso, found[0].end_iso, found[0].text) if found else ("", "", "")
    assert got == (case["date"], case["end_date"], case["date_text"])


def test_year_inference_prefers_the_recent_past():
    assert infer_year(12, 28, dt.date(2024, 1, 5)) == 2023
    assert infer_year(2, 15, dt.date(2024, 1, 5)) == 2024
    assert infer_year(5, 1, None) is None
