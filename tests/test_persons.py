"""Table-driven person cases (tests/cases/persons.csv), written by hand from the text.

Each row names one person the text mentions and what a careful analyst records about them; the
``names`` column lists everyone the text names ("-" for nobody). In ``title``, ``org`` and
``country`` an empty cell means "must be empty" and ``?`` means "not checked".
"""

import csv
from pathlib import Path

import pytest

from analysis.text.persons import find_persons

CASES_FILE = Path(__file__).parent / "cases" / "persons.csv"
NOT_CHECKED = "?"


def _read_cases(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


CASES = _read_cases(CASES_FILE)


def test_there_are_enough_cases():
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_person_case(case):
    people = find_persons(case["text"])
    expected_names = [] if case["names"] == "-" else [n.strip() for n in case["names"].split(";")]
    assert [p.name for p in people] == expected_names
    if not case["name"]:
        return
    person = next(p for p in people if p.name == case["name"])
    for field in ("title", "org", "country"):
        if case[field] != NOT_CHECKED:
            assert getattr(person, field) == case[field], field


@pytest.mark.parametrize("case", [c for c in CASES if c["name"]], ids=lambda c: c["name"])
def test_spans_point_at_the_name(case):
    text = case["text"]
    for person in find_persons(text):
        for start, end in person.spans:
            assert text[start:end] in person.name.split() + [person.name]
