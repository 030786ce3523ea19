"""The project's own genre documents (tests/fixtures/genre), other facts and wordings."""

from collections import Counter

import pytest
from conftest import GENRE

from analysis.tables.evaluate import evaluate


def _rows(scores, table):
    return next(s for s in scores if s.table == table and s.field == "(rows)")


def test_genre_seizures_f1(genre_seizure_tables):
    scores = evaluate(GENRE / "seizures" / "gold", genre_seizure_tables.as_dict())
    assert _rows(scores, "seizures").f1 >= 0.95


def test_genre_seizure_drugs_and_countries(genre_seizure_tables):
    scores = {s.field: s for s in evaluate(GENRE / "seizures" / "gold", genre_seizure_tables.as_dict())
              if s.table == "seizures"}
    assert scores["drug"].f1 >= 0.9
    assert scores["quantity_kg"].f1 >= 0.95
    assert scores["country"].f1 >= 0.9


def test_genre_seizure_context_fields(genre_seizure_tables):
    """When, where, how packed and carried: read from the sentences around the amount."""
    fields = {s.field: s.f1 for s in evaluate(GENRE / "seizures" / "gold", genre_seizure_tables.as_dict())
              if s.table == "seizures"}
    assert fields["date"] >= 0.9
    assert fields["scope"] >= 0.9
    assert fields["location"] >= 0.8
    assert fields["packages"] >= 0.75
    assert fields["conveyance"] >= 0.75


def test_second_genre_set(tmp_path):
    """Ten releases written after the extractor's rules (docs_new/, gold_new/): other countries and wordings."""
    from analysis import extract

    tables = extract(GENRE / "seizures" / "docs_new", progress=False)
    scores = {s.field: s for s in evaluate(GENRE / "seizures" / "gold_new", tables.as_dict()) if s.table == "seizures"}
    assert scores["(rows)"].f1 >= 0.95
    assert scores["quantity_kg"].f1 >= 0.95
    assert scores["date"].f1 >= 0.9
    assert scores["country"].f1 >= 0.9
    assert scores["scope"].f1 >= 0.9


def test_genre_documents_and_countries(genre_seizure_tables, genre_cooperation_tables):
    for tables, folder in ((genre_seizure_tables, "seizures"), (genre_cooperation_tables, "cooperation")):
        scores = evaluate(GENRE / folder / "gold", tables.as_dict())
        assert _rows(scores, "countries").f1 >= 0.95
        assert _rows(scores, "documents").f1 == 1.0


def test_cooperation_documents_have_few_false_seizures(genre_cooperation_tables):
    scores = evaluate(GENRE / "cooperation" / "gold", genre_cooperation_tables.as_dict())
    assert _rows(scores, "seizures").f1 >= 0.9


def test_genre_cooperation_tables_f1(genre_cooperation_tables):
    scores = evaluate(GENRE / "cooperation" / "gold", genre_cooperation_tables.as_dict())
    for table in ("visits", "meetings", "counts"):
        assert _rows(scores, table).f1 >= 0.9, (table, _rows(scores, table))


def test_genre_visit_fields(genre_cooperation_tables):
    fields = {s.field: s.f1 for s in evaluate(GENRE / "cooperation" / "gold", genre_cooperation_tables.as_dict())
              if s.table == "visits"}
    for field in ("visitor", "date", "city", "officials_met", "ordinal"):
        assert fields[field] >= 0.9, (field, fields)


def test_genre_meeting_fields(genre_cooperation_tables):
    fields = {s.field: s.f1 for s in evaluate(GENRE / "cooperation" / "gold", genre_cooperation_tables.as_dict())
              if s.table == "meetings"}
    for field in ("status", "end_date", "participants"):
        assert fields[field] >= 0.9, (field, fields)
    assert fields["country"] >= 0.8


def test_news_sentences():
    """120 single news sentences (tests/fixtures/genre/sentences): drug and kilograms or count per line."""
    import csv

    from analysis.extract.seizures import extract_seizures
    from analysis.text.annotated import annotate_text

    folder = GENRE / "sentences"
    lines = (folder / "sentences.txt").read_text(encoding="utf-8").splitlines()

    def key(line, drug, kg, count, units):
        return (int(line), drug, round(float(kg), 3)) if kg not in ("", None) else (int(line), drug, float(count), units)

    with open(folder / "gold.csv", encoding="utf-8", newline="") as handle:
        gold = [key(r["line"], r["drug"], r["quantity_kg"], r["quantity_count"], r["quantity_units"])
                for r in csv.DictReader(handle)]
    predicted = [key(number, row.drug, "" if row.quantity_kg is None else row.quantity_kg, row.quantity_count,
                     row.quantity_units)
                 for number, text in enumerate(lines, start=1) for row in extract_seizures(annotate_text(text))]
    matched = sum((Counter(gold) & Counter(predicted)).values())
    precision, recall = matched / len(predicted), matched / len(gold)
    assert 2 * precision * recall / (precision + recall) >= 0.9


def test_second_cooperation_set():
    """Twelve cooperation releases written after the rules (cooperation_new/): visits, meetings, counts."""
    from analysis import extract

    folder = GENRE / "cooperation_new"
    tables = extract(folder / "docs", progress=False)
    rows = {s.table: s.f1 for s in evaluate(folder / "gold", tables.as_dict()) if s.field == "(rows)"}
    assert rows["documents"] == 1.0
    assert rows["countries"] >= 0.95
    assert rows["meetings"] >= 0.9
    assert rows["counts"] >= 0.9
    assert rows["visits"] >= 0.8
    assert rows["seizures"] >= 0.9


def test_fresh_seizure_set():
    """Twelve releases a helper wrote after the rules (tests/fixtures/fresh_seizures, see its README)."""
    from analysis import extract

    folder = GENRE.parent / "fresh_seizures"
    scores = {(s.table, s.field): s.f1 for s in evaluate(folder / "gold", extract(folder / "docs", progress=False).as_dict())}
    assert scores[("seizures", "(rows)")] >= 0.88
    assert scores[("seizures", "date")] >= 0.82
    assert scores[("seizures", "country")] >= 0.8
    assert scores[("documents", "published")] >= 0.9


# Floors for the cooperation sets helpers wrote after the rules (row F1 by table), at the scores of
# 2026-12-02 rounded down: fresh_cooperation first scored visits 0.29, meetings 0.53, counts 0.80;
# fresh_cooperation2 (written that day, unseen by the code) visits 0.45, meetings 0.57, counts 0.95;
# fresh_mixed3 (written late that day, seizures and cooperation) see its README.
# Floors at each set's latest score (ratchets: a change may raise them, never lower them); the comments
# give the first scores, before anything was changed for the set.
FRESH_COOPERATION_FLOORS = {
    "fresh_cooperation": {"visits": 0.95, "meetings": 0.68, "counts": 0.90, "countries": 0.97},
    "fresh_cooperation2": {"visits": 0.82, "meetings": 0.75, "counts": 0.94, "seizures": 0.94, "countries": 0.96},
    "fresh_mixed3": {"visits": 0.99, "meetings": 0.87, "counts": 0.90, "seizures": 0.95, "countries": 0.97},
    # first scores (before any change for it): visits 0.55, meetings 0.71, counts 0.95, seizures 0.89
    "fresh_mixed4": {"visits": 0.87, "meetings": 0.78, "counts": 0.94, "seizures": 0.88, "countries": 0.99},
    # first scores, after the day's rule changes: visits 0.63, meetings 0.76, counts 0.81, seizures 0.93
    "fresh_mixed5": {"visits": 0.88, "meetings": 0.81, "counts": 0.80, "seizures": 0.92, "countries": 0.96},
    # first scores, written after the seasons and origins rules: visits 0.78, meetings 0.77, counts 0.91
    "fresh_mixed6": {"visits": 0.94, "meetings": 0.89, "counts": 0.90, "seizures": 0.97, "countries": 0.97},
    # first scores (before any change for it): visits 0.94, meetings 0.60, counts 0.89, seizures 0.99
    "fresh_mixed7": {"visits": 0.99, "meetings": 0.93, "counts": 0.88, "seizures": 0.98, "countries": 0.97},
    # first scores (before any change for it): visits 0.67, meetings 0.78, counts 0.92, seizures 0.94
    "fresh_mixed8": {"visits": 0.88, "meetings": 0.77, "counts": 0.91, "seizures": 0.93, "countries": 0.98},
}


@pytest.mark.parametrize("name", sorted(FRESH_COOPERATION_FLOORS))
def test_fresh_cooperation_sets(name):
    """Sixteen to eighteen cooperation releases each, written by helpers after the rules (tests/fixtures/<name>)."""
    from analysis import extract

    folder = GENRE.parent / name
    rows = {s.table: s.f1 for s in evaluate(folder / "gold", extract(folder / "docs", progress=False).as_dict())
            if s.field == "(rows)"}
    below = {table: round(rows[table], 3) for table, floor in FRESH_COOPERATION_FLOORS[name].items() if rows[table] < floor}
    assert not below, below
