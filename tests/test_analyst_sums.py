"""Figures a careful analyst would write down, on releases written for this (tests/fixtures/analyst)."""

import pytest
from conftest import ROOT

from analysis import extract
from analysis.reports import views

FOLDER = ROOT / "tests" / "fixtures" / "analyst" / "docs"


@pytest.fixture(scope="module")
def tables():
    return extract(FOLDER, progress=False)


def _rows(tables, doc_id):
    seizures = tables.seizures[tables.seizures["doc_id"] == doc_id]
    return [(r.drug, r.quantity_kg, r.scope, r.country) for r in seizures.itertuples()]


def test_a_total_then_its_breakdown_gives_the_parts(tables):
    assert _rows(tables, "a1_breakdown") == [("hashish", 81.5, "event", "TJK"), ("opium", 29.25, "event", "TJK"),
                                             ("heroin", 9.4, "event", "TJK")]


def test_an_operation_across_countries_datelined_at_a_seat(tables):
    seizures = tables.seizures[tables.seizures["doc_id"] == "a2_operation_at_seat"]
    assert _rows(tables, "a2_operation_at_seat") == [
        ("cocaine", 3200.0, "aggregate", ""), ("cocaine", 1950.0, "event", "ECU"),
        ("cocaine", 920.0, "event", "PAN"), ("cocaine", 300.0, "event", "COL")]
    total = seizures.iloc[0]
    assert (seizures.iloc[1:]["part_of"] == total["row_id"]).all()
    assert "FRA" not in set(seizures["country"])  # Lyon is where INTERPOL sits, not where cocaine was found


def test_a_year_only_total_stays_out_of_a_monthly_window(tables):
    selection = views.filter_tables(tables, date_from="2024-11", date_to="2024-11")
    month = selection.seizures[selection.seizures["doc_id"] == "a3_monthly_with_year_total"]
    assert [(r.quantity_kg, r.date) for r in month.itertuples()] == [(42.0, "2024-11-18")]
    assert views.coarser_than_window(tables, "2024-11", "2024-11") == {"seizures": 1}  # the 2024 total


def test_the_report_figures(tables):
    selection = views.filter_tables(tables, date_from="2024-11", date_to="2024-11")
    overview = dict(views.overview(selection).itertuples(index=False))
    # 81.5 + 29.25 + 9.4 + 1,950 + 920 + 300 + 42: every single seizure once, no total added
    assert overview["Kilograms in single seizures"] == "3,332.15 kg"
    by_drug = views.kg_by_drug(selection.seizures).set_index("Drug")
    assert by_drug.loc["cocaine", "Single seizures"] == 3170.0
    assert by_drug.loc["cocaine", "Reported totals"] == 3200.0
    assert "drugs" not in by_drug.index  # the year's national total is not in November
    by_country = views.kg_by_country(selection.seizures).set_index("Country")
    assert by_country.loc["TJK", "Single seizures"] == pytest.approx(120.15)
    assert "FRA" not in by_country.index
    headline = views.headlines(selection)
    single = headline[headline["kind"] == "Single seizure"]
    assert single["figure"].iloc[0].startswith("1,950")  # the largest single seizure, not the operation's total
