"""Table-driven meeting cases (tests/cases/meetings.csv), written by hand from the text.

Rows that share a passage (with its publication date and dateline) form one case: the events
the passage tells, in text order. ``event_type`` "none" marks a passage with no event. Every
checked cell must match exactly (empty = empty).
"""

import csv
import datetime as dt
from pathlib import Path

import pytest

from analysis.extract.meetings import extract_meetings
from analysis.extract.visits import extract_visits
from analysis.text.annotated import annotate_text

CASES_FILE = Path(__file__).parent / "cases" / "meetings.csv"
KEY = ("published", "dateline_city", "dateline_country", "text")
FIELDS = ("event_type", "start_date", "end_date", "city", "country", "status", "participants")


def _read_cases(path: Path) -> list[list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    groups: dict[tuple[str, ...], list[dict[str, str]]] = {}
    for row in rows:
        groups.setdefault(tuple(row[k] for k in KEY), []).append(row)
    return list(groups.values())


CASES = _read_cases(CASES_FILE)


def _actual(row) -> dict[str, str]:
    found = {field: getattr(row, field) for field in FIELDS}
    found["participants"] = "" if row.participants is None else str(row.participants)
    return found


def test_there_are_enough_cases():
    assert len(CASES) >= 25


@pytest.mark.parametrize("rows", CASES, ids=[group[0]["text"][:60] for group in CASES])
def test_meeting_case(rows):
    first = rows[0]
    published = dt.date.fromisoformat(first["published"]) if first["published"] else None
    doc = annotate_text(first["text"], published, (first["dateline_city"], first["dateline_country"]))
    found = extract_meetings(doc, {"visits": extract_visits(doc)})  # as the pipeline runs them: visits first
    expected = [] if first["event_type"] == "none" else [{field: row[field] for field in FIELDS} for row in rows]
    assert [_actual(row) for row in found] == expected


@pytest.mark.parametrize("rows", [g for g in CASES if g[0]["event_type"] != "none"], ids=lambda g: g[0]["text"][:40])
def test_planned_events_are_not_before_publication(rows):
    first = rows[0]
    published = dt.date.fromisoformat(first["published"]) if first["published"] else None
    for row in extract_meetings(annotate_text(first["text"], published)):
        if published and row.status == "planned" and len(row.start_date) == 10:
            assert row.start_date >= published.isoformat()


def test_a_row_assembled_from_several_sentences_lists_them_as_evidence():
    """The type told in one sentence and the days in a later one: both are the row's evidence."""
    text = ("Customs officers from nine countries gathered in Osh. The workshop dealt with risk profiling. "
            "Held on 14-15 October, the gathering was funded by Japan.")
    [row] = extract_meetings(annotate_text(text, dt.date(2024, 10, 20)))
    assert (row.event_type, row.start_date) == ("workshop", "2024-10-14")
    spans = [tuple(map(int, span.split("-"))) for span in row.evidence.split("; ")]
    assert [text[start:end] for start, end in spans] == [
        "Customs officers from nine countries gathered in Osh.", "The workshop dealt with risk profiling.",
        "Held on 14-15 October, the gathering was funded by Japan."]
    assert row.evidence_text == ("The workshop dealt with risk profiling. … "
                                 "Held on 14-15 October, the gathering was funded by Japan.")


def test_a_row_told_in_one_sentence_has_that_sentence_as_its_evidence():
    [row] = extract_meetings(annotate_text("A regional workshop on precursors will be held in Almaty on 4-5 March 2026."))
    assert row.evidence == f"{row.char_start}-{row.char_end}" and row.evidence_text == ""
