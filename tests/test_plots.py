"""analysis.reports.plots: every chart draws real data with titles and units, and says "no data" when empty."""

import io

import pandas as pd
import pytest
from conftest import GENRE
from matplotlib.figure import Figure

from analysis.reports import plots
from analysis.tables.pipeline import tables_from_rows

COOPERATION_GOLD = GENRE / "cooperation" / "gold"


def _texts(figure: Figure) -> list[str]:
    """Every piece of text drawn on the figure: titles, labels, tick labels, annotations, legends."""
    texts = [text.get_text() for text in figure.findobj(lambda artist: hasattr(artist, "get_text"))]
    return [text for text in texts if text]


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def gold_seizures():
    frames = [pd.read_csv(GENRE / name / "gold" / "seizures.csv", dtype={"date": str}, keep_default_na=False,
                          na_values={"quantity_kg": [""], "quantity_count": [""]})
              for name in ("seizures", "cooperation")]
    return pd.concat(frames, ignore_index=True)


def test_format_number_uses_thousands_separators():
    assert plots.format_number(1546220.0) == "1,546,220"
    assert plots.format_number(1496.8548) == "1,496.85"
    assert plots.format_number(0.004) == "0.004"
    assert plots.format_kg(12000.0) == "12,000 kg"
    assert plots.format_number(float("nan")) == ""


def test_kg_by_drug_on_the_seeds_labels_bars_with_kilograms(seed_tables):
    figure = plots.kg_by_drug(seed_tables.seizures)
    axes = figure.axes[0]
    assert figure.no_data is False
    assert axes.get_title().startswith("Kilograms seized by drug")
    assert "kg" in axes.get_xlabel()
    texts = _texts(figure)
    assert any("71.11 kg" in text for text in texts)
    assert any("12,000 kg" in text for text in texts)
    assert _png(figure).startswith(b"\x89PNG")


def test_amounts_spanning_orders_of_magnitude_use_a_log_axis(gold_seizures):
    figure = plots.kg_by_drug(gold_seizures)
    axes = figure.axes[0]
    assert axes.get_xscale() == "log"
    assert axes.get_xlabel() == "Seized (kg, log scale)"
    assert [label.get_text() for label in axes.get_yticklabels()][0] == "drugs (unspecified)"  # the largest on top
    small = gold_seizures[gold_seizures["drug"].isin(["heroin", "opium"]) & (gold_seizures["quantity_kg"] > 100)]
    linear = plots.kg_by_drug(small).axes[0]
    assert linear.get_xscale() == "linear" and "log" not in linear.get_xlabel()


def test_kg_by_country_and_over_time(gold_seizures):
    country = plots.kg_by_country(gold_seizures).axes[0]
    labels = [label.get_text() for label in country.get_yticklabels()]
    assert "Iran (IRN)" in labels and "unknown" in labels
    assert len(labels) <= plots.MAX_BARS
    over_time = plots.kg_over_time(gold_seizures)
    axes = over_time.axes[0]
    assert axes.get_yscale() == "log" and "kg" in axes.get_ylabel()
    legend = [text.get_text() for text in axes.get_legend().get_texts()]
    assert len(legend) == plots.MAX_LINES + 1 and legend[-1] == "other drugs"


def test_single_year_gets_whole_year_ticks(seed_tables):
    axes = plots.kg_over_time(seed_tables.seizures).axes[0]
    assert [tick.get_text() for tick in axes.get_xticklabels()] == ["2023"]
    assert "undated" in axes.get_xlabel()  # the reported total without a date is counted, not dropped silently


def test_cooperation_charts_on_gold_tables():
    visits = pd.read_csv(COOPERATION_GOLD / "visits.csv", dtype=str, keep_default_na=False)
    meetings = pd.read_csv(COOPERATION_GOLD / "meetings.csv", dtype=str, keep_default_na=False)
    counts = pd.read_csv(COOPERATION_GOLD / "counts.csv", dtype=str, keep_default_na=False)

    timeline = plots.visits_timeline(visits).axes[0]
    hosts = {label.get_text() for label in timeline.get_yticklabels()}
    assert {"Kazakhstan (KAZ)", "Peru (PER)", "Serbia (SRB)"} <= hosts
    assert timeline.get_xlabel() == "Date of the visit"

    bars = plots.meetings_by_type(meetings)
    annotations = [text for text in _texts(bars) if text.strip().isdigit()]
    assert sum(int(text) for text in annotations) == len(meetings)
    assert {"held", "planned"} <= set(_texts(bars))

    per_year = plots.counts_over_time(counts, category="notices").axes[0]
    assert per_year.get_title() == "Reported counts per year: notices"
    assert "14" in _texts(per_year.figure)  # 14 Yellow Notices in 2022

    category = plots.counts_by_category(counts).axes[0]
    assert "notices" in [label.get_text() for label in category.get_yticklabels()]


def test_network_chart_draws_an_edges_table_with_hostile_labels():
    edges = pd.DataFrame({
        "source": ["INTERPOL", "INTERPOL", "UNODC", "$\\alpha^{$", "INTERPOL"],
        "target": ["Kazakhstan", "Uzbekistan", "Kazakhstan", "Uzbekistan", "Kazakhstan"],
        "relation": ["visited", "visited", "organized", "met", "visited"],
        "doc_id": ["a", "b", "c", "d", "e"],
        "date": ["2023-11-21", "2024-04-16", "", "", "2024-01-01"],
    })
    figure = plots.network_chart(edges)
    assert figure.no_data is False
    texts = _texts(figure)
    assert "INTERPOL" in texts and "Kazakhstan" in texts
    assert "5 nodes, 4 links" in " ".join(texts)  # the repeated pair is one, thicker link
    assert _png(figure).startswith(b"\x89PNG")  # mathtext in a label would raise here


def test_rows_per_table(seed_tables):
    axes = plots.rows_per_table(seed_tables).axes[0]
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert labels[0] == "mentions" and "seizures" in labels


@pytest.mark.parametrize("name", sorted(plots.CHARTS))
def test_empty_tables_give_a_no_data_figure(name):
    empty = tables_from_rows({})
    data = {
        "rows_per_table": {}, "network_chart": pd.DataFrame(columns=plots.EDGE_COLUMNS),
        "visits_timeline": empty.visits, "meetings_by_type": empty.meetings,
        "counts_by_category": empty.counts, "counts_over_time": empty.counts,
    }.get(name, empty.seizures)
    figure = plots.CHARTS[name](data)
    assert isinstance(figure, Figure)
    assert figure.no_data is True
    assert "No data for this selection" in _texts(figure)
    assert figure.axes[0].get_title()
    assert _png(figure).startswith(b"\x89PNG")


def test_rows_without_dates_say_so_instead_of_crashing():
    visits = pd.DataFrame({"date": ["", "2024"], "visitor": ["A", ""], "visitor_org": ["", "Europol"],
                           "host_country": ["", "SRB"]})
    figure = plots.visits_timeline(visits)
    assert figure.no_data is False and "1 undated not shown" in figure.axes[0].get_title()
    only_undated = plots.visits_timeline(visits.iloc[:1])
    assert only_undated.no_data is True and "No dated visits (1 undated)" in _texts(only_undated)
