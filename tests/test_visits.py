"""Table-driven visit cases (tests/cases/visits.csv), written by hand from the text.

Rows that share a passage (with its publication date and dateline) form one case: the visits
the passage tells, in text order. ``visitor`` "none" marks a passage with no official visit.
Officials met are compared as a set; every other cell must match exactly (empty = empty).
"""

import csv
import datetime as dt
from pathlib import Path

import pytest

from analysis.extract.visits import extract_visits
from analysis.text.annotated import annotate_text

CASES_FILE = Path(__file__).parent / "cases" / "visits.csv"
KEY = ("published", "dateline_city", "dateline_country", "text")
FIELDS = ("visitor", "visitor_org", "host_country", "city", "date", "status", "ordinal")


def _read_cases(path: Path) -> list[list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    groups: dict[tuple[str, ...], list[dict[str, str]]] = {}
    for row in rows:
        groups.setdefault(tuple(row[k] for k in KEY), []).append(row)
    return list(groups.values())


CASES = _read_cases(CASES_FILE)


def _officials(cell: str) -> list[str]:
    return sorted(name.strip() for name in cell.split(";") if name.strip())


def _expected(row: dict[str, str]) -> dict[str, object]:
    found: dict[str, object] = {field: row[field] for field in FIELDS}
    found["officials_met"] = _officials(row["officials_met"])
    return found


def _actual(row) -> dict[str, object]:
    found: dict[str, object] = {field: getattr(row, field) for field in FIELDS}
    found["ordinal"] = "" if row.ordinal is None else str(row.ordinal)
    found["officials_met"] = _officials(row.officials_met)
    return found


def test_there_are_enough_cases():
    assert len(CASES) >= 25


def _case(group):
    """A case; one whose note starts with "known failure:" is a strict xfail (it must keep failing until fixed)."""
    if group[0]["note"].startswith("known failure:"):
        return pytest.param(group, marks=pytest.mark.xfail(strict=True, reason=group[0]["note"]), id=group[0]["text"][:60])
    return pytest.param(group, id=group[0]["text"][:60])


@pytest.mark.parametrize("rows", [_case(group) for group in CASES])
def test_visit_case(rows):
    first = rows[0]
    published = dt.date.fromisoformat(first["published"]) if first["published"] else None
    found = extract_visits(annotate_text(first["text"], published, (first["dateline_city"], first["dateline_country"])))
    expected = [] if first["visitor"] == "none" else [_expected(row) for row in rows]
    assert [_actual(row) for row in found] == expected


@pytest.mark.parametrize("rows", [g for g in CASES if g[0]["visitor"] != "none"], ids=lambda g: g[0]["text"][:40])
def test_visit_sentence_points_at_the_text(rows):
    text = rows[0]["text"]
    for row in extract_visits(annotate_text(text)):
        assert text[row.char_start : row.char_end] == row.sentence


@pytest.mark.parametrize(("text", "title"), [
    ("Spain's Minister of the Interior, Luis Ortega, paid an official visit to Morocco on 3 May 2024.",
     "Minister of the Interior"),  # the ministry stays
    ("The Minister of Internal Affairs of Kazakhstan, Erlan Sadykov, paid a working visit to Uzbekistan on 2 June 2024.",
     "Minister of Internal Affairs"),  # the country goes: it is the visitor_org's
    ("The Minister of the Interior of the Republic of Tajikistan, Ramazon Rahimzoda, paid a working visit to "
     "Kyrgyzstan on 4 June 2024.", "Minister of the Interior"),  # "of the Republic of": the whole country goes
])
def test_a_ministers_title_keeps_the_ministry(text, title):
    rows = extract_visits(annotate_text(text, None, ("", "")))
    assert [row.visitor_title for row in rows] == [title]
