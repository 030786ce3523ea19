"""The cooperation network: who worked with whom, from visits and meetings.

Nodes are organisations, countries and persons; an edge says how two of
them met in one document:

==============  =====================================  ==================
relation        source -> target                       from
==============  =====================================  ==================
visited         visitor (person or body) -> country    a visit
met             visitor -> official met                a visit
represents      person -> organisation                 a visit
organized       organiser -> meeting country           a meeting
hosted          country -> meeting (type and place)    a meeting
==============  =====================================  ==================

``edges_table(tables)`` gives these as a tidy frame (source, source_type,
target, target_type, relation, doc_id, date) for notebooks and charts;
``build_graph(tables)`` folds them into a ``networkx.MultiDiGraph`` whose
nodes carry a ``kind`` attribute.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from analysis.text.gazetteer import country_name

EDGE_COLUMNS = ["source", "source_type", "target", "target_type", "relation", "doc_id", "date"]


def _country_label(code: str) -> str:
    return country_name(code) or code


def _text_only(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every column as text and missing values as "" (numbers are not needed here)."""
    return frame.astype(object).where(frame.notna(), "")


def _split(cell) -> list[str]:
    return [part.strip() for part in str(cell or "").split(";") if part.strip()]


def edges_table(tables) -> pd.DataFrame:
    """One row per link found in the visits and meetings of ``tables``.

    ``tables`` is a :class:`analysis.tables.pipeline.Tables` or a mapping with
    ``visits`` and ``meetings`` frames.
    """
    get = tables.get if isinstance(tables, dict) else lambda name, default=None: getattr(tables, name, default)
    visits = get("visits", None)
    meetings = get("meetings", None)
    rows: list[tuple] = []
    if visits is not None:
        for visit in _text_only(visits).itertuples(index=False):
            visitor = visit.visitor or visit.visitor_org
            if not visitor:
                continue
            visitor_type = "person" if visit.visitor else "organization"
            if visit.host_country:
                rows.append((visitor, visitor_type, _country_label(visit.host_country), "country", "visited",
                             visit.doc_id, visit.date))
            for official in _split(visit.officials_met):
                rows.append((visitor, visitor_type, official, "person", "met", visit.doc_id, visit.date))
            if visit.visitor and visit.visitor_org:
                rows.append((visit.visitor, "person", visit.visitor_org, "organization", "represents",
                             visit.doc_id, visit.date))
    if meetings is not None:
        for meeting in _text_only(meetings).itertuples(index=False):
            label = f"{meeting.event_type} in {meeting.city or _country_label(meeting.country) or 'unknown place'}"
            if meeting.start_date:
                label += f" ({meeting.start_date})"
            for organizer in _split(meeting.organizers):
                rows.append((organizer, "organization", label, "meeting", "organized", meeting.doc_id,
                             meeting.start_date))
            if meeting.country:
                rows.append((_country_label(meeting.country), "country", label, "meeting", "hosted",
                             meeting.doc_id, meeting.start_date))
    return pd.DataFrame(rows, columns=EDGE_COLUMNS).drop_duplicates().reset_index(drop=True)


def build_graph(tables) -> nx.MultiDiGraph:
    """A directed multigraph of the links in :func:`edges_table`; nodes have a ``kind``.

    >>> import pandas as pd
    >>> visits = pd.DataFrame([{"doc_id": "d", "date": "2024-05-03", "visitor": "Jan Visser",
    ...     "visitor_org": "Europol", "host_country": "CHL", "officials_met": "Ana Soto"}])
    >>> graph = build_graph({"visits": visits})
    >>> sorted(graph.nodes(data="kind"))
    [('Ana Soto', 'person'), ('Chile', 'country'), ('Europol', 'organization'), ('Jan Visser', 'person')]
    """
    graph = nx.MultiDiGraph()
    for edge in edges_table(tables).itertuples(index=False):
        graph.add_node(edge.source, kind=edge.source_type)
        graph.add_node(edge.target, kind=edge.target_type)
        graph.add_edge(edge.source, edge.target, relation=edge.relation, doc_id=edge.doc_id, date=edge.date)
    return graph
