"""The scorer follows "How tables are scored" of the shared gold README (analysis/tables/evaluate.py)."""

import pandas as pd
import pytest

from analysis.tables.evaluate import evaluate, field_right, match_rows, score_table


def _frame(rows):
    return pd.DataFrame(rows).astype(str)


@pytest.mark.parametrize(("gold", "pred", "matches"), [
    # seizures: the drug after synonyms, kilograms within max(0.011, 0.5 %)
    ({"drug": "hashish", "quantity_kg": "98"}, {"drug": "charas", "quantity_kg": "98.4"}, True),
    ({"drug": "methamphetamine", "quantity_kg": "2"}, {"drug": "yaba", "quantity_kg": "2.01"}, True),
    ({"drug": "heroin", "quantity_kg": "98"}, {"drug": "heroin", "quantity_kg": "98.6"}, False),
    ({"drug": "heroin", "quantity_kg": "5"}, {"drug": "opium", "quantity_kg": "5"}, False),
    ({"drug": "drugs", "quantity_kg": "7"}, {"drug": "narcotics", "quantity_kg": "7"}, True),
    # counted seizures on the count
    ({"drug": "captagon", "quantity_kg": "", "quantity_count": "30000"},
     {"drug": "amphetamine", "quantity_kg": "", "quantity_count": "30100"}, True),
])
def test_seizure_matching(gold, pred, matches):
    pairs, _, _ = match_rows("seizures", _frame([{"doc_id": "d", **gold}]), _frame([{"doc_id": "d", **pred}]))
    assert bool(pairs) is matches


@pytest.mark.parametrize(("table", "gold", "pred", "matches"), [
    ("visits", {"host_country": "KGZ", "visitor": "Ronald K. Noble"}, {"host_country": "KGZ", "visitor": "Mr Noble"}, True),
    ("visits", {"host_country": "KGZ", "visitor": "Ronald K. Noble"}, {"host_country": "KAZ", "visitor": "Noble"}, False),
    ("meetings", {"country": "UZB", "start_date": "2019-05-02"}, {"country": "UZB", "start_date": "2019-05-28"}, True),
    ("meetings", {"country": "UZB", "start_date": "2019-05-02"}, {"country": "UZB", "start_date": "2019-06-01"}, False),
    ("meetings", {"country": "KAZ", "start_date": ""}, {"country": "KAZ", "start_date": ""}, True),
    ("meetings", {"country": "BGD", "start_date": "2023"}, {"country": "BGD", "start_date": ""}, False),
    ("counts", {"value": "188"}, {"value": "188.0"}, True),
    ("counts", {"value": "", "qualifier": "doubled"}, {"value": "", "qualifier": "more than doubled"}, True),
    ("counts", {"value": "", "qualifier": "doubled"}, {"value": "2", "qualifier": "doubled"}, False),
])
def test_other_tables_matching(table, gold, pred, matches):
    pairs, _, _ = match_rows(table, _frame([{"doc_id": "d", **gold}]), _frame([{"doc_id": "d", **pred}]))
    assert bool(pairs) is matches


def test_rows_match_one_to_one_greedily_in_gold_order():
    gold = _frame([{"doc_id": "d", "drug": "heroin", "quantity_kg": "5"}] * 2)
    pred = _frame([{"doc_id": "d", "drug": "heroin", "quantity_kg": "5"}] * 3
                  + [{"doc_id": "e", "drug": "heroin", "quantity_kg": "5"}])  # another document: all false
    rows = score_table("seizures", gold, pred)[0]
    assert (rows.matched, rows.gold, rows.predicted) == (2, 2, 4)


@pytest.mark.parametrize(("column", "gold", "pred", "right"), [
    ("date", {"date": "2021-11"}, {"date": "2021-11-15"}, True),  # at gold's precision
    ("date", {"date": "2021-11-15"}, {"date": "2021-11"}, False),
    ("date", {"date": ""}, {"date": "2021-11-15", "date_basis": "publication"}, True),
    ("date", {"date": ""}, {"date": "2021-11-15", "date_basis": "text"}, False),
    ("publisher", {"publisher": "24.kg"}, {"publisher": "24.kg news agency"}, True),
    ("publisher", {"publisher": "UNODC"}, {"publisher": "OSCE"}, False),
    # an acronym that spells "nan" is a name, not a missing value
    ("publisher", {"publisher": "NAN"}, {"publisher": "News Agency of Nigeria (NAN)"}, True),
    ("publisher", {"publisher": "NAN"}, {"publisher": ""}, False),
    ("publisher", {"publisher": float("nan")}, {"publisher": None}, True),
])
def test_fields(column, gold, pred, right):
    assert field_right("seizures" if column == "date" else "documents", column, gold, pred) is right


def test_missing_gold_folder_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        evaluate(tmp_path / "nowhere", {})
