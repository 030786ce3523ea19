"""Charts for the notebooks and reports: one function per chart, each returning a Figure.

Every function takes a table (a pandas DataFrame shaped as in
``docs/tables.md``) and returns a :class:`matplotlib.figure.Figure` built
without pyplot, so a notebook shows it once and no global figure state
builds up in long scheduled runs. The seaborn theme is set once, when this
module is imported. Amounts that span orders of magnitude are drawn on a
log scale (and the axis label says so); an empty table gives a figure that
says "No data" instead of an exception.

>>> from analysis import extract
>>> from analysis.reports import plots       # doctest: +SKIP
>>> plots.kg_by_drug(extract("seeds").seizures)  # doctest: +SKIP
"""

from __future__ import annotations

import math
import textwrap

import matplotlib
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis.text.gazetteer import country_name

WIDTH = 9.0
"""Figure width in inches; at :data:`DPI` this is 900 pixels, the report's column width."""
DPI = 100
LOG_RATIO = 100.0
"""Use a log scale when the largest value is at least this many times the smallest."""
MAX_BARS = 15
"""Bar charts show at most this many categories; the rest are summed into "other"."""
MAX_LINES = 7
"""Charts over time show at most this many drugs; the rest are "other drugs"."""


def set_theme() -> None:
    """The seaborn theme every chart uses (called once, on import)."""
    sns.set_theme(style="whitegrid", context="notebook", palette="colorblind",
                  rc={"figure.facecolor": "white", "axes.titleweight": "bold", "axes.titlesize": 13})


set_theme()


# --- formatting ----------------------------------------------------------------------

def format_number(value: float, decimals: int = 2) -> str:
    """``value`` with thousands separators and at most ``decimals`` decimals, trailing zeros dropped.

    >>> format_number(12000.0), format_number(1496.8548), format_number(0.75), format_number(3)
    ('12,000', '1,496.85', '0.75', '3')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if 0 < abs(value) < 0.01:
        decimals = 3
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_kg(value: float) -> str:
    """Kilograms for a label: ``"48.2 kg"``, ``"12,000 kg"``."""
    text = format_number(value)
    return f"{text} kg" if text else ""


def _plain(text: object, width: int = 48) -> str:
    """Data text made safe for a matplotlib label: no mathtext, one line, bounded length."""
    text = " ".join(str(text).split())
    if text == "drugs":
        text = "drugs (unspecified)"
    if len(text) > width:
        text = text[: width - 1] + "…"
    return text.replace("$", r"\$")


def _wrapped(text: object, width: int = 22) -> str:
    """A short label on at most two lines (network nodes)."""
    lines = textwrap.wrap(" ".join(str(text).split()), width) or [""]
    if len(lines) > 2:
        lines = [lines[0], _plain(" ".join(lines[1:]), width)]
    return "\n".join(_plain(line, width) for line in lines)


def _axis_formatter(unit: str = "") -> FuncFormatter:
    suffix = f" {unit}" if unit else ""
    return FuncFormatter(lambda value, _pos: format_number(value) + suffix if value > 0 or not unit else "0")


def _new_figure(height: float = 4.5) -> tuple[Figure, matplotlib.axes.Axes]:
    figure = Figure(figsize=(WIDTH, height), dpi=DPI, facecolor="white", layout="constrained")
    return figure, figure.add_subplot()


def no_data_figure(title: str, message: str = "No data for this selection") -> Figure:
    """A small figure with ``title`` that says there is nothing to draw."""
    figure, axes = _new_figure(height=2.2)
    axes.set_axis_off()
    axes.set_title(title)
    axes.text(0.5, 0.5, message, ha="center", va="center", fontsize=14, color="0.35",
              transform=axes.transAxes)
    figure.no_data = True  # a marker tests and reports can read
    return figure


def _finish(figure: Figure) -> Figure:
    figure.no_data = False
    return figure


def _spans_orders(values: pd.Series) -> bool:
    positive = values[values > 0]
    return len(positive) > 1 and positive.max() / positive.min() >= LOG_RATIO


def _weighed(seizures: pd.DataFrame) -> pd.DataFrame:
    """Seizure rows with a weight in kilograms."""
    if seizures is None or seizures.empty or "quantity_kg" not in seizures:
        return pd.DataFrame(columns=["drug", "country", "date", "quantity_kg", "scope"])
    weighed = seizures[pd.to_numeric(seizures["quantity_kg"], errors="coerce") > 0].copy()
    weighed["quantity_kg"] = weighed["quantity_kg"].astype(float)
    return weighed


def _top(totals: pd.Series, limit: int = MAX_BARS) -> pd.Series:
    totals = totals.sort_values(ascending=False)
    if len(totals) > limit:
        rest = totals.iloc[limit - 1:].sum()
        totals = pd.concat([totals.iloc[: limit - 1], pd.Series({"other": rest})])
    return totals


def _horizontal_bars(totals: pd.Series, title: str, value_label: str, unit: str,
                     stacked: pd.DataFrame | None = None) -> Figure:
    """Horizontal bars (largest on top), annotated, on a log axis when values span orders of magnitude."""
    height = 1.4 + 0.42 * len(totals)
    figure, axes = _new_figure(height=max(2.6, height))
    labels = [_plain(label) for label in totals.index]
    positions = np.arange(len(totals))
    log = _spans_orders(totals)
    if stacked is not None:
        left = np.zeros(len(totals))
        colors = sns.color_palette(n_colors=max(len(stacked.columns), 1))
        for color, column in zip(colors, stacked.columns, strict=False):
            values = stacked[column].reindex(totals.index).fillna(0).to_numpy()
            axes.barh(positions, values, left=left, color=color, label=_plain(column), height=0.7)
            left = left + values
        axes.legend(loc="lower right", frameon=True, fontsize=9)
    else:
        axes.barh(positions, totals.to_numpy(), color=sns.color_palette()[0], height=0.7)
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()
    if log:
        axes.set_xscale("log")
        axes.set_xlim(left=max(totals[totals > 0].min() / 3, 1e-3), right=totals.max() * 5)
    else:
        axes.set_xlim(0, totals.max() * 1.25 if totals.max() > 0 else 1)
    axes.xaxis.set_major_formatter(_axis_formatter())
    axes.set_xlabel(f"{value_label} ({unit}{', log scale' if log else ''})")
    axes.set_title(title)
    for position, value in zip(positions, totals.to_numpy(), strict=False):
        axes.annotate(f" {format_number(value)} {unit}", (value, position), va="center", fontsize=9,
                      xytext=(3, 0), textcoords="offset points")
    axes.grid(axis="y", visible=False)
    return _finish(figure)


# --- data quality ---------------------------------------------------------------------

def rows_per_table(tables) -> Figure:
    """Rows in each table (a :class:`~analysis.tables.pipeline.Tables` or a mapping of name to DataFrame)."""
    title = "Rows per table"
    frames = tables.as_dict() if hasattr(tables, "as_dict") else dict(tables or {})
    sizes = pd.Series({name: float(len(frame)) for name, frame in frames.items() if frame is not None})
    if sizes.empty or sizes.sum() == 0:
        return no_data_figure(title)
    return _horizontal_bars(sizes.sort_values(ascending=False), title, "Rows", "rows")


# --- seizures ------------------------------------------------------------------------

def kg_by_drug(seizures: pd.DataFrame) -> Figure:
    """Kilograms seized per drug, split into single seizures and reported totals (aggregates)."""
    title = "Kilograms seized by drug"
    weighed = _weighed(seizures)
    if weighed.empty:
        return no_data_figure(title)
    scope = weighed["scope"].map({"event": "single seizures", "aggregate": "reported totals"}).fillna("single seizures")
    by_scope = weighed.assign(scope=scope).pivot_table(index="drug", columns="scope", values="quantity_kg",
                                                       aggfunc="sum", fill_value=0.0)
    totals = _top(by_scope.sum(axis=1))
    if "other" in totals.index:
        by_scope.loc["other"] = by_scope.drop(index=totals.index.drop("other")).sum()
    stacked = by_scope.reindex(columns=[c for c in ("single seizures", "reported totals") if c in by_scope])
    if _spans_orders(totals) or len(stacked.columns) < 2:  # stacked bars mislead on a log axis
        stacked = None
        title += " (single seizures and reported totals)"
    return _horizontal_bars(totals, title, "Seized", "kg", stacked=stacked)


def kg_by_country(seizures: pd.DataFrame) -> Figure:
    """Kilograms seized per country (ISO3 and name); rows without a country are "unknown"."""
    title = "Kilograms seized by country"
    weighed = _weighed(seizures)
    if weighed.empty:
        return no_data_figure(title)
    country = weighed["country"].fillna("").map(lambda code: f"{country_name(code) or code} ({code})" if code else "unknown")
    totals = _top(weighed.groupby(country)["quantity_kg"].sum())
    return _horizontal_bars(totals, title, "Seized", "kg")


def _year_axis(axes, years: pd.Series) -> None:
    """Whole years on the x axis, one tick per year when there are few."""
    low, high = int(years.min()), int(years.max())
    axes.set_xlim(low - 0.6, high + 0.6)
    if high - low <= 12:
        axes.set_xticks(range(low, high + 1))
    else:
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))


def _year(value: object) -> float:
    text = str(value or "")
    return float(text[:4]) if len(text) >= 4 and text[:4].isdigit() else math.nan


def kg_over_time(seizures: pd.DataFrame) -> Figure:
    """Kilograms seized per year and drug (rows without a date are left out and counted in the subtitle)."""
    title = "Kilograms seized per year"
    weighed = _weighed(seizures)
    if weighed.empty:
        return no_data_figure(title)
    weighed["year"] = weighed["date"].map(_year)
    undated = int(weighed["year"].isna().sum())
    dated = weighed.dropna(subset=["year"])
    if dated.empty:
        return no_data_figure(title, f"No dated seizures ({undated:,} undated)")
    totals = dated.groupby("drug")["quantity_kg"].sum().sort_values(ascending=False)
    shown = list(totals.index[:MAX_LINES])
    dated["drug"] = dated["drug"].where(dated["drug"].isin(shown), "other drugs")
    if len(totals) > MAX_LINES:
        shown.append("other drugs")
    # single seizures and reported totals are points of their own: a total may include the seizures
    dated["total"] = dated["scope"] == "aggregate"
    per_year = dated.groupby(["year", "drug", "total"], as_index=False)["quantity_kg"].sum()
    figure, axes = _new_figure()
    palette = sns.color_palette("colorblind", n_colors=max(len(shown), 1))
    for index, (color, drug) in enumerate(zip(palette, shown, strict=False)):
        offset = (index - (len(shown) - 1) / 2) * 0.07  # side by side within a year
        label = _plain(drug)  # on the drug's first points only: one legend entry a drug
        for total in (False, True):
            rows = per_year[(per_year["drug"] == drug) & (per_year["total"] == total)]
            if rows.empty:
                continue
            axes.scatter(rows["year"] + offset, rows["quantity_kg"], s=60, zorder=3, linewidths=1.2 if total else 0.6,
                         facecolors="none" if total else color, edgecolors=color if total else "white", label=label)
            label = None
    note = f"\n({undated:,} undated row(s) not shown)" if undated else ""
    kinds = "filled: single seizures, hollow: reported totals" if per_year["total"].any() else "single seizures"
    return _finish_by_year(figure, axes, per_year["quantity_kg"], per_year["year"], title=title, legend="drug",
                           xlabel=f"Year of the seizure or of the reported total ({kinds})" + note,
                           ylabel=("Seized (kg)", "Seized (kg, log scale)"))


# --- cooperation ---------------------------------------------------------------------

def _timestamp(value: object) -> pd.Timestamp | None:
    text = str(value or "")
    for size, suffix in ((10, ""), (7, "-15"), (4, "-07-01")):
        if len(text) == size:
            try:
                return pd.Timestamp(text + suffix)
            except ValueError:
                return None
    return None


def visits_timeline(visits: pd.DataFrame) -> Figure:
    """Official visits on a time axis, one row per host country, each labelled with the visitor."""
    title = "Official visits"
    if visits is None or visits.empty:
        return no_data_figure(title)
    rows = visits.assign(when=visits["date"].map(_timestamp)).dropna(subset=["when"]).sort_values("when")
    undated = len(visits) - len(rows)
    if rows.empty:
        return no_data_figure(title, f"No dated visits ({undated:,} undated)")
    hosts = list(dict.fromkeys(rows["host_country"].fillna("").replace("", "unknown")))
    figure, axes = _new_figure(height=max(2.8, 1.6 + 0.55 * len(hosts)))
    y = rows["host_country"].fillna("").replace("", "unknown").map(hosts.index)
    axes.scatter(rows["when"], y, s=90, color=sns.color_palette()[0], zorder=3)
    start, end = rows["when"].min(), rows["when"].max()
    for when, position, visitor, org in zip(rows["when"], y, rows["visitor"], rows["visitor_org"], strict=False):
        label = _plain(visitor or org or "visitor")
        if org and visitor:
            label += f" ({_plain(org, 40)})"
        share = (when - start) / (end - start) if end > start else 0.5
        align = "left" if share < 0.3 else "right" if share > 0.7 else "center"
        axes.annotate(label, (when, position), xytext=(0, 9), textcoords="offset points", ha=align, fontsize=9)
    axes.set_yticks(range(len(hosts)), [_plain(f"{country_name(h) or h} ({h})" if h != "unknown" else h) for h in hosts])
    axes.set_ylim(-0.7, len(hosts) - 0.3)
    pad = max((end - start) * 0.08, pd.Timedelta(days=90))
    axes.set_xlim(start - pad, end + pad)
    axes.set_xlabel("Date of the visit")
    axes.set_ylabel("Host country")
    axes.set_title(title + (f" ({undated:,} undated not shown)" if undated else ""))
    axes.grid(axis="y", visible=False)
    return _finish(figure)


def meetings_by_type(meetings: pd.DataFrame) -> Figure:
    """Number of meetings per event type, stacked by status (held, planned, ...)."""
    title = "Meetings by type and status"
    if meetings is None or meetings.empty:
        return no_data_figure(title)
    frame = meetings.assign(event_type=meetings["event_type"].fillna("").replace("", "unspecified"),
                            status=meetings["status"].fillna("").replace("", "unknown"))
    table = pd.crosstab(frame["event_type"], frame["status"])
    order = [s for s in ("held", "ongoing", "planned", "cancelled", "unknown") if s in table.columns]
    table = table[order + [c for c in table.columns if c not in order]]
    totals = table.sum(axis=1).sort_values(ascending=False)
    table = table.loc[totals.index]
    figure, axes = _new_figure(height=max(2.6, 1.4 + 0.42 * len(table)))
    left = np.zeros(len(table))
    positions = np.arange(len(table))
    for color, status in zip(sns.color_palette(n_colors=len(table.columns)), table.columns, strict=False):
        axes.barh(positions, table[status].to_numpy(), left=left, color=color, label=_plain(status), height=0.7)
        left = left + table[status].to_numpy()
    for position, total in zip(positions, totals.to_numpy(), strict=False):
        axes.annotate(f" {total:,}", (total, position), va="center", fontsize=9, xytext=(3, 0), textcoords="offset points")
    axes.set_yticks(positions, [_plain(label) for label in table.index])
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlim(0, totals.max() * 1.2 + 0.5)
    axes.set_xlabel("Meetings (count)")
    axes.set_title(title)
    axes.legend(title="status", fontsize=9, title_fontsize=9, loc="lower right")
    axes.grid(axis="y", visible=False)
    return _finish(figure)


EDGE_COLUMNS = ["source", "target", "relation", "doc_id", "date"]


def _component_layout(graph) -> dict:
    """Positions for one connected component, centred on 0 and scaled into [-1, 1]."""
    import networkx as nx

    if hasattr(nx, "forceatlas2_layout"):  # networkx >= 3.4: clearer hubs than a spring layout
        local = nx.forceatlas2_layout(graph, seed=7, max_iter=500, strong_gravity=True, gravity=0.5, scaling_ratio=4.0,
                                      node_size={node: 1.0 + graph.degree[node] for node in graph.nodes})
    else:
        local = nx.spring_layout(graph, seed=7, k=3 / math.sqrt(len(graph)), iterations=300)
    xs, ys = [p[0] for p in local.values()], [p[1] for p in local.values()]
    centre_x, centre_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    radius = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    return {node: ((x - centre_x) / radius, (y - centre_y) / radius) for node, (x, y) in local.items()}


def _layout(graph) -> dict:
    """Node positions: each connected component laid out on its own, components packed in columns.

    The largest component sets the column height; smaller ones stack beside it,
    so separate groups neither overlap nor drift to the corners.
    """
    import networkx as nx

    components = sorted(nx.connected_components(graph), key=lambda nodes: (-len(nodes), min(nodes)))
    sides = [max(1.0, math.sqrt(len(nodes))) for nodes in components]
    height, gap = sides[0], 0.35
    position: dict = {}
    x = y = column_width = 0.0
    for nodes, side in zip(components, sides, strict=True):
        if y > 0 and y + side > height + 1e-9:
            x, y, column_width = x + column_width + gap, 0.0, 0.0
        local = _component_layout(graph.subgraph(nodes)) if len(nodes) > 1 else {next(iter(nodes)): (0.0, 0.0)}
        for node, (a, b) in local.items():
            position[node] = (x + side / 2 + a * side * 0.45, -(y + side / 2) + b * side * 0.45)
        y += side + gap
        column_width = max(column_width, side)
    return position


def network_chart(edges: pd.DataFrame, max_nodes: int = 30, max_labels: int = 30) -> Figure:
    """The cooperation network: who visited or met whom, drawn from an edges table.

    ``edges`` has the columns of ``analysis.reports.network.edges_table``: source,
    target, relation, doc_id, date. Repeated pairs are drawn once, thicker;
    edge colours show the relation; node size grows with the number of links.
    Only the ``max_nodes`` best-connected nodes are drawn, and only the
    ``max_labels`` best-connected of those are labelled.
    """
    import networkx as nx

    title = "Cooperation network"
    if edges is None or edges.empty:
        return no_data_figure(title)
    graph = nx.Graph()
    kinds: dict[str, str] = {}
    typed = {"source_type", "target_type"} <= set(edges.columns)
    for row in edges.itertuples(index=False):
        source, target = str(row.source or ""), str(row.target or "")
        if not source or not target or source == target:
            continue
        if typed:
            kinds.setdefault(source, str(row.source_type or "other"))
            kinds.setdefault(target, str(row.target_type or "other"))
        if graph.has_edge(source, target):
            graph[source][target]["weight"] += 1
            graph[source][target]["relations"].add(str(row.relation))
        else:
            graph.add_edge(source, target, weight=1, relations={str(row.relation)})
    if graph.number_of_nodes() == 0:
        return no_data_figure(title)
    hidden = 0
    if graph.number_of_nodes() > max_nodes:
        keep = sorted(graph.degree, key=lambda item: (-item[1], item[0]))[:max_nodes]
        graph = graph.subgraph([node for node, _ in keep]).copy()
        graph.remove_nodes_from([node for node, degree in dict(graph.degree).items() if degree == 0])
        hidden = len(kinds or {}) - graph.number_of_nodes() if kinds else max(0, len(keep) - graph.number_of_nodes())
    figure, axes = _new_figure(height=6.5)
    position = _layout(graph)
    relations = sorted({min(data["relations"]) for _, _, data in graph.edges(data=True)})
    colors = dict(zip(relations, sns.color_palette("dark", n_colors=max(len(relations), 1)), strict=False))
    for relation in relations:
        chosen = [(u, v) for u, v, data in graph.edges(data=True) if min(data["relations"]) == relation]
        widths = [1.0 + 1.2 * math.log2(graph[u][v]["weight"]) for u, v in chosen]
        nx.draw_networkx_edges(graph, position, edgelist=chosen, width=widths, edge_color=[colors[relation]],
                               alpha=0.75, ax=axes, label=_plain(relation))
    degree = dict(graph.degree)
    sizes = {node: 120 + 60 * degree[node] for node in graph.nodes}
    node_kinds = sorted({kinds.get(node, "node") for node in graph.nodes})
    fills = dict(zip(node_kinds, sns.color_palette("pastel", n_colors=max(len(node_kinds), 1)), strict=False))
    for kind in node_kinds:
        chosen_nodes = [node for node in graph.nodes if kinds.get(node, "node") == kind]
        collection = nx.draw_networkx_nodes(graph, position, nodelist=chosen_nodes,
                                            node_size=[sizes[node] for node in chosen_nodes],
                                            node_color=[fills[kind]], edgecolors="0.3", ax=axes)
        if typed:
            collection.set_label(_plain(kind))
    labelled = {node for node, _ in sorted(degree.items(), key=lambda item: (-item[1], item[0]))[:max_labels]}
    for node, (x, y) in position.items():  # labels under their node, never on top of it
        if node not in labelled:
            continue
        axes.annotate(_wrapped(node), (x, y), xytext=(0, -(math.sqrt(sizes[node]) / 2 + 1)),
                      textcoords="offset points", ha="center", va="top", fontsize=8.5, annotation_clip=False)
    axes.margins(x=0.08, y=0.1)
    axes.set_axis_off()
    axes.legend(title="links and nodes", fontsize=8.5, title_fontsize=9, loc="upper left", bbox_to_anchor=(1.0, 1.0),
                markerscale=0.6)
    subtitle = f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} links"
    if hidden > 0:
        subtitle += f" ({hidden:,} less connected nodes not shown)"
    if graph.number_of_nodes() > len(labelled):
        subtitle += f"; labels on the {len(labelled):,} best connected"
    axes.set_title(title)
    axes.text(0.0, -0.02, subtitle, transform=axes.transAxes, fontsize=9, color="0.35", va="top")
    return _finish(figure)


# --- counts --------------------------------------------------------------------------

def counts_by_category(counts: pd.DataFrame) -> Figure:
    """How many figures (numbers and trends) the documents report, per category."""
    title = "Reported figures by category"
    if counts is None or counts.empty:
        return no_data_figure(title)
    value = pd.to_numeric(counts["value"], errors="coerce")
    kind = np.where(value.notna(), "with a number", "trend without a number")
    category = counts["category"].fillna("").replace("", "other")
    table = pd.crosstab(category, kind)
    totals = table.sum(axis=1).sort_values(ascending=False)
    stacked = table.loc[totals.index]
    stacked = stacked[[c for c in ("with a number", "trend without a number") if c in stacked]]
    return _horizontal_bars(totals.astype(float), title, "Figures reported", "rows", stacked=stacked.astype(float))


def counts_over_time(counts: pd.DataFrame, category: str | None = None) -> Figure:
    """Reported counts per year (one point per figure), coloured by category, or one ``category`` only.

    Only rows in the unit ``count`` with a number and a year are drawn (percentages, hectares,
    money and ordinals would not share an axis); the subtitle says how many rows were left out.
    """
    title = "Reported counts per year" if category is None else f"Reported counts per year: {category}"
    if counts is None or counts.empty:
        return no_data_figure(title)
    frame = counts if category is None else counts[counts["category"] == category]
    frame = frame.assign(value=pd.to_numeric(frame["value"], errors="coerce"), year=frame["year"].map(_year))
    plotted = frame[(frame["unit"].fillna("") == "count") & (frame["value"] > 0)].dropna(subset=["year"])
    left_out = len(frame) - len(plotted)
    if plotted.empty:
        return no_data_figure(title, "No counts with both a number and a year")
    figure, axes = _new_figure()
    categories = sorted(plotted["category"].fillna("other").replace("", "other").unique())
    palette = dict(zip(categories, sns.color_palette(n_colors=len(categories)), strict=False))
    for index, name in enumerate(categories):
        rows = plotted[plotted["category"].fillna("other").replace("", "other") == name]
        x = rows["year"] + (index - (len(categories) - 1) / 2) * 0.08  # side by side within a year
        axes.scatter(x, rows["value"], s=70, color=palette[name], label=_plain(name), zorder=3)
        for year, value in zip(x, rows["value"], strict=False):
            axes.annotate(format_number(value), (year, value), xytext=(6, 0), textcoords="offset points",
                          va="center", fontsize=8)
    note = f"\n({left_out:,} row(s) without a number or a year, or not counts, not shown)" if left_out else ""
    return _finish_by_year(figure, axes, plotted["value"], plotted["year"], title=title, legend="category",
                           xlabel="Year the figure refers to" + note,
                           ylabel=("Reported count", "Reported count (log scale)"))


def _finish_by_year(figure: Figure, axes, values: pd.Series, years: pd.Series, *, title: str, legend: str,
                    xlabel: str, ylabel: tuple[str, str]) -> Figure:
    """Axes of a by-year scatter: a log scale when values span orders of magnitude, labels, legend."""
    log = _spans_orders(values)
    if log:
        axes.set_yscale("log")
    else:
        axes.set_ylim(0, values.max() * 1.15)
    axes.yaxis.set_major_formatter(_axis_formatter())
    _year_axis(axes, years)
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel[1] if log else ylabel[0])
    axes.set_title(title)
    axes.legend(title=legend, fontsize=9, title_fontsize=9, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return _finish(figure)


CHARTS = {
    "rows_per_table": rows_per_table,
    "kg_by_drug": kg_by_drug,
    "kg_by_country": kg_by_country,
    "kg_over_time": kg_over_time,
    "visits_timeline": visits_timeline,
    "meetings_by_type": meetings_by_type,
    "network_chart": network_chart,
    "counts_by_category": counts_by_category,
    "counts_over_time": counts_over_time,
}
"""Chart name -> function, for reports and tests."""
