"""What the notebooks show: loading, filtering, summary tables, headline figures, safe HTML.

The notebooks in ``notebooks/`` stay thin: each reads its parameters, calls
:func:`load` and then one summary function and one ``show_*`` call per
section. Everything a notebook shows that came from a document (titles,
sentences, names) passes through :func:`html.escape` here, so a hostile
document cannot put live markup or script into a report.

Summary functions are pure (tables in, DataFrame out) and can be used from
your own code; ``show_table`` / ``show_figure`` display in Jupyter and also
attach the raw data as a JSON bundle (MIME type :data:`TABLE_MIME`,
:data:`FIGURE_MIME`) that tests and other tools can read from an executed
notebook without parsing HTML.

>>> from analysis.reports import views                               # doctest: +SKIP
>>> selection = views.load("seeds", drugs="heroin")           # doctest: +SKIP
>>> views.kg_by_drug(selection.tables.seizures)               # doctest: +SKIP
"""

from __future__ import annotations

import base64
import calendar
import datetime as dt
import html
import io
import math
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.reports.plots import format_kg, format_number
from analysis.tables.pipeline import TABLE_NAMES, Tables, tables_from_rows

TABLE_MIME = "application/vnd.analysis.table+json"
"""MIME type of the raw data attached to every table a notebook shows."""
FIGURE_MIME = "application/vnd.analysis.figure+json"
"""MIME type of the description attached to every chart a notebook shows."""
TABLES_FOLDER = "tables"
"""Sub-folder of a report folder that holds the extracted tables (Parquet and CSV)."""

QUALIFIER_WORDS = {"exact": "", "about": "about", "over": "over", "under": "under"}


# --- parameters --------------------------------------------------------------------

def split_list(value: str | Iterable[str] | None) -> list[str]:
    """A comma-separated parameter (or a list) as a list of stripped, non-empty items.

    >>> split_list(" TJK, Afghanistan ,"), split_list(["heroin"]), split_list("")
    (['TJK', 'Afghanistan'], ['heroin'], [])
    """
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [str(item).strip() for item in items if str(item).strip()]


def resolve_countries(value: str | Iterable[str] | None) -> list[str]:
    """ISO3 codes for country names, demonyms or codes; raises ``ValueError`` naming an unknown one.

    >>> resolve_countries("Tajikistan, afg")
    ['TJK', 'AFG']
    """
    from analysis.text.gazetteer import country_code

    codes = []
    for item in split_list(value):
        code = country_code(item) or country_code(item.upper()) or country_code(item.title())
        if not code:
            raise ValueError(f"unknown country {item!r} (give an ISO3 code such as TJK or an English name)")
        codes.append(code)
    return list(dict.fromkeys(codes))


def resolve_drugs(value: str | Iterable[str] | None) -> list[str]:
    """Canonical drug names for names, aliases or categories; raises ``ValueError`` naming an unknown one.

    A category ("opiates", "stimulants") stands for every drug in it.

    >>> resolve_drugs("crystal meth")
    ['methamphetamine']
    """
    from analysis.text.gazetteer import DRUG_CATEGORY, DRUGS

    names: list[str] = []
    for item in split_list(value):
        key = " ".join(item.lower().split())
        in_category = [drug for drug, category in DRUG_CATEGORY.items() if category == key]
        if key in DRUGS:
            names.append(DRUGS[key][0])
        if in_category:
            names.extend(sorted(in_category))
        if key not in DRUGS and not in_category:
            raise ValueError(f"unknown drug {item!r} (see analysis/data/drugs.csv for names and categories)")
    return list(dict.fromkeys(names))


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def period(iso: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day an ISO date at any precision covers; None for empty or invalid text.

    >>> period("2023-02")
    (datetime.date(2023, 2, 1), datetime.date(2023, 2, 28))
    """
    match = _ISO.match(str(iso or "").strip())
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day:
            return dt.date(year, month, day), dt.date(year, month, day)
        if month:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def check_date(value: str, name: str = "date") -> str:
    """``value`` stripped if it is empty or an ISO date (YYYY, YYYY-MM, YYYY-MM-DD); else ``ValueError``."""
    value = str(value or "").strip()
    if value and period(value) is None:
        raise ValueError(f"{name} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    return value


# --- loading and filtering -----------------------------------------------------------

def _complete(frames: dict[str, pd.DataFrame]) -> Tables:
    """A :class:`Tables` with every table and every documented column present, text gaps as ""."""
    empty = tables_from_rows({}).as_dict()  # the documented columns of every table
    complete = {}
    for name in TABLE_NAMES:
        frame = frames.get(name)
        frame = empty[name] if frame is None else frame.copy()
        for column in empty[name].columns:
            if column not in frame.columns:
                frame[column] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        for column in frame.columns:
            if not pd.api.types.is_numeric_dtype(frame[column]):
                frame[column] = frame[column].astype(object).where(frame[column].notna(), "")
        complete[name] = frame.reset_index(drop=True)
    return Tables(**complete)


def load_tables(corpus: str | os.PathLike = "seeds", out_dir: str | os.PathLike = "") -> Tables:
    """The tables of a report folder's ``tables/`` when ``out_dir`` has them, else extracted from ``corpus``.

    A relative ``corpus`` is found as :func:`analysis.tables.pipeline.resolve_corpus` says (the
    current folder, the project root, then ``notebooks/``), so a kernel started anywhere
    reads the same documents. A corpus that is empty, found nowhere or without one
    readable document raises (:class:`FileNotFoundError`, :class:`ValueError`): a
    report of nothing must not pass for a report of an empty period.
    """
    from analysis.tables.pipeline import extract, resolve_corpus
    from analysis.tables.store import read_tables

    cached = Path(out_dir) / TABLES_FOLDER if str(out_dir or "") else None
    if cached is not None and (cached / "documents.parquet").exists():
        frames = read_tables(cached)
        where = str(cached)
    else:
        path = resolve_corpus(corpus)
        frames = extract(path, progress=False).as_dict()
        where = str(path)
    if frames.get("documents") is None or frames["documents"].empty:
        skipped = frames.get("skipped")
        reasons = "" if skipped is None or skipped.empty else (
            f" ({len(skipped):,} skipped, first: {skipped.iloc[0]['path']}: {skipped.iloc[0]['reason']})")
        raise ValueError(f"no document could be read from {where}{reasons}")
    return _complete(frames)


@dataclass
class Selection:
    """The tables of a corpus before (``everything``) and after (``tables``) the filters."""

    corpus: str
    everything: Tables
    tables: Tables
    filters: dict[str, str] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)
    """Rows per table left out because their date is coarser than the date window ("2024" in November)."""

    def describe(self) -> str:
        """One line: the corpus, the number of documents and the filters in force."""
        documents = len(self.everything.documents)
        name = Path(self.corpus).name or self.corpus  # the full path is in the run's index and parameters
        line = f"Corpus {name}: {documents:,} document{'s' if documents != 1 else ''} read"
        skipped = len(self.everything.skipped)
        if skipped:
            line += f", {skipped:,} file{'s' if skipped != 1 else ''} skipped"
        active = {name: value for name, value in self.filters.items() if value}
        if active:
            line += "; filters: " + ", ".join(f"{name} = {value}" for name, value in active.items())
            line += f" ({len(self.tables.documents):,} documents in the selection)"
        if self.left_out:
            line += "; left out as dated more coarsely than the window (a year only, say): " + ", ".join(
                f"{count:,} {name} row{'s' if count != 1 else ''}" for name, count in self.left_out.items())
        return line


def load(corpus: str | os.PathLike = "seeds", out_dir: str | os.PathLike = "", date_from: str = "",
         date_to: str = "", countries: str | Iterable[str] = "", drugs: str | Iterable[str] = "") -> Selection:
    """Load the tables (see :func:`load_tables`) and apply the notebook parameters' filters."""
    everything = load_tables(corpus, out_dir)
    tables = filter_tables(everything, date_from=date_from, date_to=date_to, countries=countries, drugs=drugs)
    filters = {"date_from": str(date_from or ""), "date_to": str(date_to or ""),
               "countries": ", ".join(resolve_countries(countries)), "drugs": ", ".join(resolve_drugs(drugs))}
    return Selection(str(corpus), everything, tables, filters, coarser_than_window(everything, date_from, date_to))


def _overlaps(dates: pd.Series, start: dt.date | None, end: dt.date | None) -> pd.Series:
    """Whether each date's span meets ``[start, end]`` ("2024" meets a November 2024 window)."""
    return _by_span(dates, lambda low, high: (start is None or high >= start) and (end is None or low <= end))


def _inside(dates: pd.Series, start: dt.date | None, end: dt.date | None) -> pd.Series:
    """Whether each date's whole span lies in ``[start, end]``: "2024-11-03" and "2024-11" are in a
    November 2024 window, "2024" is not (it may be any month of the year)."""
    return _by_span(dates, lambda low, high: (start is None or low >= start) and (end is None or high <= end))


def _by_span(dates: pd.Series, test) -> pd.Series:
    """``test(first day, last day)`` of each date's span (see :func:`period`); False for no date."""
    def keep(value) -> bool:
        span = period(value)
        return span is not None and test(*span)

    return dates.map(keep).astype(bool)


def coarser_than_window(tables: Tables, date_from: str = "", date_to: str = "") -> dict[str, int]:
    """Per table, the rows a date window leaves out because their date is coarser than the window
    and overlaps it (a row dated "2024" in a November 2024 report): the report says how many."""
    date_from, date_to = check_date(date_from, "date_from"), check_date(date_to, "date_to")
    start = period(date_from)[0] if date_from else None
    end = period(date_to)[1] if date_to else None
    if not (start or end):
        return {}
    published = dict(zip(tables.documents["doc_id"], tables.documents["published"].fillna("").astype(str),
                         strict=False))
    left_out = {}
    for name, column in _DATED.items():
        frame = getattr(tables, name)
        if len(frame):
            dates = _with_fallback(frame, column, published)
            count = int((_overlaps(dates, start, end) & ~_inside(dates, start, end)).sum())
            if count:
                left_out[name] = count
    return left_out


_DATED = {"seizures": "date", "visits": "date", "meetings": "start_date", "counts": "year"}


def _with_fallback(frame: pd.DataFrame, column: str, published: dict[str, str]) -> pd.Series:
    """``frame[column]`` where filled, else the document's publication date."""
    own = frame[column].fillna("").astype(str) if column in frame else pd.Series("", index=frame.index)
    fallback = frame["doc_id"].map(published).fillna("").astype(str)
    return own.where(own.str.strip() != "", fallback)


def filter_tables(tables: Tables, date_from: str = "", date_to: str = "",
                  countries: str | Iterable[str] = "", drugs: str | Iterable[str] = "") -> Tables:
    """The rows of ``tables`` inside the given period, countries and drugs.

    * Dates: a row is kept when its date, at its own precision, lies inside
      ``[date_from, date_to]``: a row dated only "2024" is not in a November
      2024 window (:func:`coarser_than_window` counts such rows). Seizures use ``date``,
      visits ``date``, meetings ``start_date``, counts ``year`` and documents
      ``published``; a row without a date takes its document's publication
      date, and a row with neither is left out while a date filter is set.
    * Countries: seizures by ``country``, visits by ``host_country``,
      meetings by ``country``; documents (and their counts and mentions)
      when their dateline or their text names one of the countries.
    * Drugs: seizures only; names, aliases and categories are accepted.
    """
    date_from, date_to = check_date(date_from, "date_from"), check_date(date_to, "date_to")
    start = period(date_from)[0] if date_from else None
    end = period(date_to)[1] if date_to else None
    if start and end and start > end:
        raise ValueError(f"date_from {date_from} is after date_to {date_to}")
    codes, drug_names = set(resolve_countries(countries)), set(resolve_drugs(drugs))
    frames = dict(tables.as_dict())
    documents = frames["documents"]
    published = dict(zip(documents["doc_id"], documents["published"].fillna("").astype(str), strict=False))

    if start or end:
        for name, column in _DATED.items():
            frame = frames[name]
            if len(frame):
                frames[name] = frame[_inside(_with_fallback(frame, column, published), start, end)]
        documents = documents[_overlaps(documents["published"].fillna(""), start, end)]

    if codes:
        for name, column in (("seizures", "country"), ("visits", "host_country"), ("meetings", "country")):
            frame = frames[name]
            if len(frame):
                frames[name] = frame[frame[column].fillna("").isin(codes)]
        mentions = frames["mentions"]
        named = set(mentions.loc[(mentions["entity_type"] == "country") & mentions["canonical"].isin(codes), "doc_id"])
        named |= set(documents.loc[documents["dateline_country"].fillna("").isin(codes), "doc_id"])
        documents = documents[documents["doc_id"].isin(named)]
        frames["counts"] = frames["counts"][frames["counts"]["doc_id"].isin(named)]

    if drug_names and len(frames["seizures"]):
        frames["seizures"] = frames["seizures"][frames["seizures"]["drug"].isin(drug_names)]

    if start or end or codes:  # a document with a selected row stays in the selection
        with_rows = set().union(*(set(frames[name]["doc_id"]) for name in ("seizures", "visits", "meetings", "counts")))
        documents = pd.concat([documents, tables.documents[tables.documents["doc_id"].isin(with_rows)]])
        documents = documents.drop_duplicates("doc_id").sort_index()
        frames["mentions"] = frames["mentions"][frames["mentions"]["doc_id"].isin(set(documents["doc_id"]))]
    frames["documents"] = documents
    return Tables(**{name: frame.reset_index(drop=True) for name, frame in frames.items()})


# --- summaries (pure) ----------------------------------------------------------------

def _titles(documents: pd.DataFrame) -> dict[str, str]:
    return {doc_id: (title or doc_id) for doc_id, title in
            zip(documents["doc_id"], documents["title"].fillna("").astype(str), strict=False)}


def _number(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce")


def data_quality(selection: Selection) -> pd.DataFrame:
    """Documents read and skipped, missing document facts, and rows per table (all and selected)."""
    everything, chosen = selection.everything, selection.tables
    documents = everything.documents

    def blank(column: str) -> int:
        return int((documents[column].fillna("").astype(str).str.strip() == "").sum())

    rows = [
        ("documents read", len(documents), len(chosen.documents)),
        ("files skipped (unreadable)", len(everything.skipped), len(everything.skipped)),
        ("documents without a title", blank("title"), None),
        ("documents without a publication date", blank("published"), None),
        ("documents without a dateline country", blank("dateline_country"), None),
        ("characters of text", int(_number(documents["n_chars"]).fillna(0).sum()), None),
    ]
    for name in ("seizures", "visits", "meetings", "counts", "mentions"):
        rows.append((f"{name} rows", len(getattr(everything, name)), len(getattr(chosen, name))))
    return pd.DataFrame(rows, columns=["Measure", "Whole corpus", "Selection"])


def rows_per_table(tables: Tables) -> pd.DataFrame:
    """Every table's row count and the number of documents it has rows for."""
    rows = []
    for name, frame in tables.as_dict().items():
        documents = frame["doc_id"].nunique() if "doc_id" in frame and len(frame) else 0
        rows.append((name, len(frame), documents))
    return pd.DataFrame(rows, columns=["Table", "Rows", "Documents"])


def skipped_files(tables: Tables) -> pd.DataFrame:
    """The files that could not be read and why."""
    return tables.skipped.rename(columns={"path": "File", "reason": "Reason"})[["File", "Reason"]]


def documents_overview(tables: Tables) -> pd.DataFrame:
    """One row per document: title, publication date, publisher, dateline, length and where it was published."""
    documents = tables.documents
    urls = documents["url"].fillna("") if "url" in documents else pd.Series([""] * len(documents), index=documents.index)
    return pd.DataFrame({
        "Document": documents["doc_id"],
        "Title": documents["title"],
        "Published": documents["published"],
        "Publisher": documents["publisher"],
        "Dateline": [", ".join(part for part in (city, country) if part) for city, country in
                     zip(documents["dateline_city"].fillna(""), documents["dateline_country"].fillna(""), strict=False)],
        "Characters": _number(documents["n_chars"]),
        "URL": urls,
    })


def _weighed(seizures: pd.DataFrame) -> pd.DataFrame:
    return seizures.assign(quantity_kg=_number(seizures["quantity_kg"]))


def kg_by_drug(seizures: pd.DataFrame) -> pd.DataFrame:
    """Kilograms per drug: single seizures (event rows, which sum without double counting) and reported
    totals (aggregates, which may include those seizures and so are never added to them), largest first."""
    columns = ["Drug", "Category", "Single seizures", "Reported totals", "Rows", "Documents"]
    weighed = _weighed(seizures)
    weighed = weighed[weighed["quantity_kg"].notna()]
    if weighed.empty:
        return pd.DataFrame(columns=columns)
    grouped = weighed.groupby("drug")
    frame = pd.DataFrame({
        "Category": grouped["drug_category"].first(),
        "Single seizures": weighed[weighed["scope"] != "aggregate"].groupby("drug")["quantity_kg"].sum(),
        "Reported totals": weighed[weighed["scope"] == "aggregate"].groupby("drug")["quantity_kg"].sum(),
        "Rows": grouped.size(),
        "Documents": grouped["doc_id"].nunique(),
    })
    frame[["Single seizures", "Reported totals"]] = frame[["Single seizures", "Reported totals"]].fillna(0.0)
    frame = frame.sort_values(["Single seizures", "Reported totals"], ascending=False).rename_axis("Drug").reset_index()
    return frame[columns]


def kg_by_country(seizures: pd.DataFrame) -> pd.DataFrame:
    """Kilograms per country (ISO3 and name), single seizures and reported totals apart, largest first."""
    from analysis.text.gazetteer import country_name

    columns = ["Country", "Name", "Single seizures", "Reported totals", "Rows"]
    weighed = _weighed(seizures)
    weighed = weighed[weighed["quantity_kg"].notna()].assign(country=lambda f: f["country"].fillna(""))
    if weighed.empty:
        return pd.DataFrame(columns=columns)
    grouped = weighed.groupby("country")
    frame = pd.DataFrame({
        "Single seizures": weighed[weighed["scope"] != "aggregate"].groupby("country")["quantity_kg"].sum(),
        "Reported totals": weighed[weighed["scope"] == "aggregate"].groupby("country")["quantity_kg"].sum(),
        "Rows": grouped.size(),
    }).fillna({"Single seizures": 0.0, "Reported totals": 0.0})
    frame = frame.sort_values(["Single seizures", "Reported totals"], ascending=False).rename_axis("Country").reset_index()
    frame["Name"] = frame["Country"].map(lambda code: country_name(code) if code else "unknown")
    return frame[columns]


def kg_by_year(seizures: pd.DataFrame) -> pd.DataFrame:
    """Kilograms per year (of the seizure or of the reported total), drug and kind: single seizures
    and reported totals are rows of their own, never added together; undated rows as "undated"."""
    columns = ["Year", "Drug", "Kind", "Kilograms", "Rows"]
    weighed = _weighed(seizures)
    weighed = weighed[weighed["quantity_kg"].notna()]
    if weighed.empty:
        return pd.DataFrame(columns=columns)
    year = weighed["date"].fillna("").astype(str).str[:4].where(lambda s: s.str.fullmatch(r"\d{4}"), "undated")
    kind = weighed["scope"].map({"aggregate": "Reported totals"}).fillna("Single seizures")
    frame = (weighed.assign(year=year, kind=kind).groupby(["year", "drug", "kind"])
             .agg(kg=("quantity_kg", "sum"), rows=("doc_id", "size")))
    frame = frame.reset_index().sort_values(["year", "kind", "kg"], ascending=[True, False, False])
    return frame.rename(columns={"year": "Year", "drug": "Drug", "kind": "Kind", "kg": "Kilograms", "rows": "Rows"})[columns]


def amount_text(quantity_kg: float, qualifier: str = "exact", drug: str = "") -> str:
    """A seizure's amount for people: ``"over 12,000 kg of drugs"``, ``"12.35 kg of heroin"``."""
    text = " ".join(part for part in (QUALIFIER_WORDS.get(str(qualifier or ""), ""), format_kg(quantity_kg)) if part)
    if drug:
        text += f" of {'drugs (unspecified)' if drug == 'drugs' else drug}"
    return text


def largest_seizures(tables: Tables, n: int = 10, scope: str = "event") -> pd.DataFrame:
    """The ``n`` largest seizures by weight (``scope`` "event" or "aggregate"), each with its sentence."""
    columns = ["Amount", "Drug", "Country", "Date", "Where", "Conveyance", "Sentence", "Document"]
    seizures = _weighed(tables.seizures)
    seizures = seizures[seizures["quantity_kg"].notna() & (seizures["scope"] == scope)]
    if seizures.empty:
        return pd.DataFrame(columns=columns)
    top = seizures.sort_values("quantity_kg", ascending=False, kind="stable").head(n)
    titles = _titles(tables.documents)
    return pd.DataFrame({
        "Amount": [amount_text(kg, q) for kg, q in zip(top["quantity_kg"], top["qualifier"], strict=False)],
        "Drug": top["drug"],
        "Country": top["country"],
        "Date": top["date"],
        "Where": top["location"],
        "Conveyance": top["conveyance"],
        "Sentence": top["sentence"],
        "Document": top["doc_id"].map(titles),
    }).reset_index(drop=True)


def counted_seizures(tables: Tables) -> pd.DataFrame:
    """Seizures counted in pills, tablets, capsules or litres rather than weighed."""
    columns = ["Amount", "Count", "Unit", "Drug", "Country", "Date", "Sentence", "Document"]
    seizures = tables.seizures
    count = _number(seizures["quantity_count"]) if "quantity_count" in seizures else pd.Series(dtype=float)
    counted = seizures[count.notna()].assign(count=count[count.notna()])
    if counted.empty:
        return pd.DataFrame(columns=columns)
    counted = counted.sort_values("count", ascending=False, kind="stable")
    titles = _titles(tables.documents)
    return pd.DataFrame({
        "Amount": [" ".join(p for p in (QUALIFIER_WORDS.get(q, ""), format_number(c, 0), u) if p)
                   for q, c, u in zip(counted["qualifier"], counted["count"], counted["quantity_units"], strict=False)],
        "Count": counted["count"],
        "Unit": counted["quantity_units"],
        "Drug": counted["drug"],
        "Country": counted["country"],
        "Date": counted["date"],
        "Sentence": counted["sentence"],
        "Document": counted["doc_id"].map(titles),
    }).reset_index(drop=True)


def _joined(*columns: pd.Series, separator: str = ", ") -> pd.Series:
    """Row-wise join of text columns, skipping empty parts."""
    frame = pd.concat([column.fillna("").astype(str) for column in columns], axis=1)
    return frame.apply(lambda row: separator.join(part for part in row if part.strip()), axis=1)


def _by_date(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """``frame`` sorted by an ISO date column, rows without a date last."""
    dates = frame[column].fillna("").astype(str)
    return frame.assign(_undated=dates == "", _date=dates).sort_values(["_undated", "_date"], kind="stable")


def visits_table(tables: Tables) -> pd.DataFrame:
    """Official visits by date: who (and their role), where, whom they met, the ordinal and the sentence."""
    columns = ["Date", "Visitor", "Role", "Host country", "City", "Status", "Officials met", "Ordinal", "Sentence", "Document"]
    visits = tables.visits
    if visits.empty:
        return pd.DataFrame(columns=columns)
    visits = _by_date(visits, "date")
    return pd.DataFrame({
        "Date": visits["date"], "Visitor": visits["visitor"], "Role": _joined(visits["visitor_title"], visits["visitor_org"]),
        "Host country": visits["host_country"], "City": visits["city"],
        "Status": visits["status"] if "status" in visits else "held", "Officials met": visits["officials_met"],
        "Ordinal": _number(visits["ordinal"]), "Sentence": _with_evidence(visits),
        "Document": visits["doc_id"].map(_titles(tables.documents)),
    }).reset_index(drop=True)


def meetings_by_type(meetings: pd.DataFrame) -> pd.DataFrame:
    """Meetings per event type and status (held, planned, ...), with a total column."""
    if meetings.empty:
        return pd.DataFrame(columns=["Event type", "Total"])
    frame = pd.crosstab(meetings["event_type"].fillna("").replace("", "unspecified"),
                        meetings["status"].fillna("").replace("", "unknown"))
    frame["Total"] = frame.sum(axis=1)
    frame = frame.sort_values("Total", ascending=False)
    frame.columns.name = None
    return frame.rename_axis("Event type").reset_index()


def _with_evidence(rows: pd.DataFrame) -> pd.Series:
    """The row's sentence, followed by the other sentences its facts come from (``evidence_text``)."""
    if "evidence_text" not in rows:
        return rows["sentence"]
    more = rows["evidence_text"].fillna("").astype(str)
    return rows["sentence"].where(more == "", rows["sentence"] + " … " + more)


def meetings_table(tables: Tables) -> pd.DataFrame:
    """Meetings by start date: type, name, when, where, status, participants, organisers and the sentence."""
    columns = ["Start", "When (as written)", "Type", "Name", "Place", "Status", "Participants", "Organizers",
               "Sentence", "Document"]
    meetings = tables.meetings
    if meetings.empty:
        return pd.DataFrame(columns=columns)
    meetings = _by_date(meetings, "start_date")
    return pd.DataFrame({
        "Start": meetings["start_date"], "When (as written)": meetings["date_text"], "Type": meetings["event_type"],
        "Name": meetings["name"], "Place": _joined(meetings["city"], meetings["country"]), "Status": meetings["status"],
        "Participants": _number(meetings["participants"]), "Organizers": meetings["organizers"],
        "Sentence": _with_evidence(meetings), "Document": meetings["doc_id"].map(_titles(tables.documents)),
    }).reset_index(drop=True)


def cooperation_edges(tables: Tables) -> pd.DataFrame:
    """Edges of the cooperation network from visits and meetings (see :func:`analysis.reports.network.edges_table`)."""
    from analysis.reports.network import edges_table

    return edges_table(tables)


UNIT_SYMBOLS = {"percent": "%", "ha": " ha"}


def figure_text(value: object, unit: str = "", qualifier: str = "") -> str:
    """A reported figure for people: ``"over 400"``, ``"30%"``, ``"USD 4,500,000"``; a trend's word when no number."""
    number = pd.to_numeric(value, errors="coerce")
    qualifier = str(qualifier or "")
    if pd.isna(number):
        return qualifier
    unit = str(unit or "")
    text = format_number(float(number))
    if unit in UNIT_SYMBOLS:
        text += UNIT_SYMBOLS[unit]
    elif unit.isupper() and len(unit) == 3:  # a currency code
        text = f"{unit} {text}"
    elif unit not in ("", "count", "ordinal"):
        text += f" {unit}"
    word = QUALIFIER_WORDS.get(qualifier, qualifier)
    return f"{word} {text}".strip()


def counts_table(tables: Tables, category: str | None = None, trends: bool | None = None) -> pd.DataFrame:
    """Reported counts, optionally of one ``category``; ``trends`` True keeps rows without a number only.

    Sorted by year (undated last), then value (largest first). ``Figure`` is the
    formatted number with its unit and hedge; the raw ``Value``, ``Unit`` and
    ``Qualifier`` travel with the data but are not shown (``attrs["hide"]``).
    """
    columns = ["Year", "Figure", "What", "Category", "Sentence", "Document", "Value", "Unit", "Qualifier"]
    counts = tables.counts
    if category is not None:
        counts = counts[counts["category"] == category]
    value = _number(counts["value"])
    if trends is True:
        counts = counts[value.isna()]
    elif trends is False:
        counts = counts[value.notna()]
    if counts.empty:
        frame = pd.DataFrame(columns=columns)
    else:
        year = counts["year"].fillna("").astype(str).str.replace(r"\.0$", "", regex=True)
        frame = pd.DataFrame({
            "Year": year,
            "Figure": [figure_text(v, u, q) for v, u, q in zip(counts["value"], counts["unit"], counts["qualifier"],
                                                                strict=True)],
            "What": counts["object"], "Category": counts["category"], "Sentence": counts["sentence"],
            "Document": counts["doc_id"].map(_titles(tables.documents)),
            "Value": _number(counts["value"]), "Unit": counts["unit"], "Qualifier": counts["qualifier"],
        })
        frame = frame.assign(_undated=frame["Year"] == "").sort_values(["_undated", "Year", "Value"],
                                                                      ascending=[True, True, False], kind="stable")
        frame = frame.drop(columns="_undated").reset_index(drop=True)
    frame.attrs["hide"] = ["Value", "Unit", "Qualifier"]
    return frame


def counts_by_category(counts: pd.DataFrame) -> pd.DataFrame:
    """Per category: figures with a number, trends without one, and the years they cover."""
    if counts.empty:
        return pd.DataFrame(columns=["Category", "With a number", "Trends", "Years"])
    value = _number(counts["value"])
    frame = counts.assign(has_value=value.notna(), year=counts["year"].fillna("").astype(str).str[:4])
    rows = []
    for category, group in frame.groupby(frame["category"].fillna("").replace("", "other")):
        years = sorted(y for y in group["year"] if y.isdigit())
        rows.append((category, int(group["has_value"].sum()), int((~group["has_value"]).sum()),
                     f"{years[0]}–{years[-1]}" if len(set(years)) > 1 else (years[0] if years else "")))
    result = pd.DataFrame(rows, columns=["Category", "With a number", "Trends", "Years"])
    return result.sort_values(["With a number", "Category"], ascending=[False, True]).reset_index(drop=True)


# --- headline figures ------------------------------------------------------------------

HEADLINE_COLUMNS = ["kind", "figure", "context", "sentence", "doc_id", "title", "published"]


def headlines(tables: Tables, seizures: int = 3, totals: int = 2, visits: int = 6, meetings: int = 4,
              notices: int = 2) -> pd.DataFrame:
    """The summary report's headline figures, each tied to the sentence and document it comes from.

    Kinds, in order: the largest single seizures, the largest reported
    totals, the largest counted seizure, official visits, planned and held
    meetings (largest first), and the largest notice figures. ``figure`` is
    the formatted number or fact, ``context`` says what and where.
    """
    from analysis.text.gazetteer import country_name

    documents = tables.documents
    titles = _titles(documents)
    published = dict(zip(documents["doc_id"], documents["published"].fillna(""), strict=False))
    rows: list[dict] = []

    def add(kind: str, figure: str, context: Iterable[str], row) -> None:
        rows.append({"kind": kind, "figure": figure,
                     "context": " · ".join(str(part) for part in context if part and str(part) != "nan"),
                     "sentence": str(row["sentence"] or ""), "doc_id": row["doc_id"],
                     "title": titles.get(row["doc_id"], row["doc_id"]), "published": published.get(row["doc_id"], "")})

    def place(code) -> str:
        code = str(code or "")
        return f"{country_name(code) or code} ({code})" if code else ""

    weighed = _weighed(tables.seizures)
    weighed = weighed[weighed["quantity_kg"].notna()]
    for scope, limit, kind in (("event", seizures, "Single seizure"), ("aggregate", totals, "Reported total")):
        chosen = weighed[weighed["scope"] == scope].sort_values("quantity_kg", ascending=False, kind="stable")
        for _, row in chosen.head(limit).iterrows():
            add(kind, amount_text(row["quantity_kg"], row["qualifier"], row["drug"]),
                (place(row["country"]), row["location"], row["date"]), row)
    counted = counted_seizures(tables)
    if len(counted):
        seizure_rows = tables.seizures.assign(count=_number(tables.seizures["quantity_count"]))
        row = seizure_rows.sort_values("count", ascending=False, kind="stable").iloc[0]
        add("Counted seizure", f"{counted['Amount'].iloc[0]} of {row['drug']}", (place(row["country"]), row["date"]), row)
    chosen_visits = tables.visits.assign(_order=tables.visits["date"].fillna("").astype(str))
    for _, row in chosen_visits.sort_values("_order", kind="stable").head(visits).iterrows():
        visitor = ", ".join(str(p) for p in (row["visitor"], row["visitor_title"], row["visitor_org"]) if p and str(p) != "nan")
        add("Official visit", f"{visitor or 'A delegation'} visited {place(row['host_country']) or 'an unnamed country'}",
            (row["city"], row["date"], f"met {row['officials_met']}" if row["officials_met"] else ""), row)
    chosen_meetings = tables.meetings.assign(_people=_number(tables.meetings["participants"]).fillna(-1),
                                             _planned=tables.meetings["status"] == "planned")
    for _, row in chosen_meetings.sort_values(["_planned", "_people"], ascending=False, kind="stable").head(meetings).iterrows():
        people = f"{format_number(row['_people'], 0)} participants" if row["_people"] >= 0 else ""
        what = " ".join(str(p) for p in (row["status"], row["event_type"]) if p and str(p) != "nan") or "meeting"
        add("Meeting", what.capitalize() + (f": {row['name']}" if row["name"] and str(row["name"]) != "nan" else ""),
            (row["city"], place(row["country"]), row["date_text"] or row["start_date"], people), row)
    notice_rows = tables.counts[tables.counts["category"] == "notices"]
    notice_rows = notice_rows.assign(_value=_number(notice_rows["value"])).dropna(subset=["_value"])
    for _, row in notice_rows.sort_values("_value", ascending=False, kind="stable").head(notices).iterrows():
        add("Notices", " ".join(p for p in (figure_text(row["_value"], row["unit"], row["qualifier"]),
                                            str(row["object"] or "")) if p), (row["year"],), row)
    return pd.DataFrame(rows, columns=HEADLINE_COLUMNS)


def overview(tables: Tables) -> pd.DataFrame:
    """The summary's key totals: documents, seizures and kilograms, visits, meetings, reported figures."""
    weighed = _number(tables.seizures["quantity_kg"])
    single = weighed[tables.seizures["scope"] != "aggregate"]
    return pd.DataFrame([
        ("Documents", format_number(len(tables.documents), 0)),
        ("Seizure rows", format_number(len(tables.seizures), 0)),
        ("Kilograms in single seizures", format_kg(single.sum()) if single.notna().any() else "0 kg"),
        ("Drugs seized", format_number(tables.seizures["drug"].nunique(), 0)),
        ("Official visits", format_number(len(tables.visits), 0)),
        ("Meetings (held / planned)", f"{(tables.meetings['status'] == 'held').sum():,} / "
                                      f"{(tables.meetings['status'] == 'planned').sum():,}"),
        ("Reported figures (counts)", format_number(len(tables.counts), 0)),
    ], columns=["Measure", "Value"])


# --- display: escaped HTML plus the raw data --------------------------------------------

STYLE = """<style>
.analysis-output { font-size: 12.5px; margin: 0.4em 0 1.2em 0; max-width: 100%; overflow-x: auto; }
.analysis-output table.analysis-table { border-collapse: collapse; margin: 0; width: auto; max-width: 100%; }
.analysis-output caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 0.4em 0; }
.analysis-output table.analysis-table th, .analysis-output table.analysis-table td { border-bottom: 1px solid #ddd;
  padding: 4px 8px; vertical-align: top; text-align: left; }
.analysis-output table.analysis-table th { background: #f3f4f6; }
.analysis-output table.analysis-table td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.analysis-output table.analysis-table td.nowrap { white-space: nowrap; }
.analysis-output table.analysis-table td.sentence { min-width: 16em; max-width: 32em; font-style: italic; color: #333; }
.analysis-output table.analysis-table td.doc { min-width: 9em; max-width: 14em; color: #555; }
.analysis-output p.note, .analysis-output p.empty { color: #555; margin: 0.3em 0; }
.analysis-headlines { display: grid; grid-template-columns: repeat(auto-fill, minmax(28em, 1fr)); gap: 10px; }
.analysis-headline { border: 1px solid #d0d7de; border-left: 5px solid #0072b2; border-radius: 4px;
  padding: 8px 12px; background: #fafbfc; }
.analysis-headline .kind { font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; color: #57606a; }
.analysis-headline .figure { font-size: 19px; font-weight: 700; margin: 2px 0; }
.analysis-headline .context { color: #333; }
.analysis-headline blockquote { margin: 6px 0; padding: 0 0 0 8px; border-left: 3px solid #ccc; font-style: italic; }
.analysis-headline .source { font-size: 12px; color: #57606a; }
</style>"""

_NUMERIC_KINDS = {"kg", "number", "int", "percent"}
KG_COLUMNS = frozenset({"Single seizures", "Reported totals", "Kilograms"})
"""Columns of the summary tables that hold kilograms (shown as "1,234.5 kg")."""
NOWRAP_COLUMNS = frozenset({"Amount", "Date", "Start", "End", "Published", "Year", "Country", "Host country"})


def format_cell(value: object, kind: str = "text") -> str:
    """One table cell as text: numbers with thousands separators and their unit, "" for missing values."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if kind in _NUMERIC_KINDS:
        number = pd.to_numeric(value, errors="coerce")
        if pd.isna(number):
            return str(value)
        if kind == "kg":
            return format_kg(float(number))
        if kind == "int":
            return format_number(float(number), 0)
        if kind == "percent":
            return format_number(float(number)) + "%"
        return format_number(float(number))
    return str(value)


def _kinds(frame: pd.DataFrame, formats: dict[str, str] | None) -> dict[str, str]:
    kinds = {}
    for column in frame.columns:
        if formats and column in formats:
            kinds[column] = formats[column]
        elif column in KG_COLUMNS:
            kinds[column] = "kg"
        elif column in NOWRAP_COLUMNS:
            kinds[column] = "nowrap"
        elif column == "Sentence":
            kinds[column] = "sentence"
        elif column == "Document":
            kinds[column] = "doc"
        elif pd.api.types.is_integer_dtype(frame[column]):
            kinds[column] = "int"
        elif pd.api.types.is_float_dtype(frame[column]):
            kinds[column] = "number"
        else:
            kinds[column] = "text"
    return kinds


def table_html(frame: pd.DataFrame, caption: str = "", formats: dict[str, str] | None = None,
               max_rows: int | None = 50, empty: str = "No rows for this selection.") -> str:
    """``frame`` as an HTML table with every header and cell escaped and numbers formatted.

    ``formats`` maps a column to ``kg``, ``int``, ``number``, ``percent`` or
    ``text``; by default integer and float columns are numbers with
    thousands separators, ``Sentence`` and ``Document`` are styled as sources.
    Columns named in ``frame.attrs["hide"]`` are left out of the HTML (they stay in the attached data).
    """
    escape = html.escape
    parts = [f'<div class="analysis-output tex2jax_ignore mathjax_ignore">{STYLE}']
    if frame.empty:
        if caption:
            parts.append(f"<p><strong>{escape(caption)}</strong></p>")
        parts.append(f'<p class="empty">{escape(empty)}</p></div>')
        return "".join(parts)
    hidden = [column for column in frame.attrs.get("hide", []) if column in frame.columns]
    total = len(frame)
    frame = frame.drop(columns=hidden)
    kinds = _kinds(frame, formats)
    shown = frame if max_rows is None else frame.head(max_rows)
    parts.append('<table class="analysis-table">')
    if caption:
        parts.append(f"<caption>{escape(caption)}</caption>")
    parts.append("<thead><tr>" + "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns) + "</tr></thead><tbody>")
    for row in shown.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, row, strict=False):
            kind = kinds[column]
            css = "num" if kind in _NUMERIC_KINDS else kind if kind in ("sentence", "doc", "nowrap") else ""
            attribute = f' class="{css}"' if css else ""
            cells.append(f"<td{attribute}>{escape(format_cell(value, kind))}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    if max_rows is not None and total > max_rows:
        parts.append(f'<p class="note">Showing {max_rows:,} of {total:,} rows; '
                     "the full table is in the report's tables/ folder.</p>")
    parts.append("</div>")
    return "".join(parts)


def _json_safe(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value if isinstance(value, (int, float, str, bool)) else str(value)


def table_data(frame: pd.DataFrame, name: str) -> dict:
    """The JSON bundle attached to a shown table: its name, columns and raw rows."""
    return {"name": name, "columns": [str(c) for c in frame.columns],
            "data": [[_json_safe(v) for v in row] for row in frame.itertuples(index=False)]}


def _display(bundle: dict, metadata: dict | None = None) -> None:
    from IPython.display import display

    display(bundle, raw=True, metadata=metadata or {})


def show_table(frame: pd.DataFrame, name: str, caption: str = "", formats: dict[str, str] | None = None,
               max_rows: int | None = 50) -> None:
    """Display ``frame`` as an escaped, formatted HTML table, with its raw rows attached under ``name``."""
    _display({"text/html": table_html(frame, caption, formats, max_rows),
              "text/plain": f"{caption or name}: {len(frame):,} rows", TABLE_MIME: table_data(frame, name)})


def figure_png(figure) -> bytes:
    """A Figure as PNG bytes (tight bounding box, the figure's own resolution)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", facecolor="white")
    return buffer.getvalue()


def show_figure(figure, name: str) -> None:
    """Display a chart as an embedded PNG, with its name, title and "no data" flag attached."""
    title = figure.axes[0].get_title() if figure.axes else ""
    width, height = (figure.get_size_inches() * figure.dpi).round().astype(int)
    _display({"image/png": base64.b64encode(figure_png(figure)).decode("ascii"), "text/plain": f"<chart {name}: {title}>",
              FIGURE_MIME: {"name": name, "title": title, "no_data": bool(getattr(figure, "no_data", False))}},
             metadata={"image/png": {"width": int(width)}, "analysis": {"name": name, "height": int(height)}})


def show_chart(chart: Callable, data, name: str | None = None, **options) -> None:
    """Draw ``chart(data, **options)`` from :mod:`analysis.reports.plots` and display it."""
    show_figure(chart(data, **options), name or chart.__name__)


def headlines_html(rows: pd.DataFrame) -> str:
    """Headline figures as cards: the figure, its context, the source sentence and document, all escaped."""
    escape = html.escape
    if rows.empty:
        return (f'<div class="analysis-output tex2jax_ignore mathjax_ignore">{STYLE}'
                '<p class="empty">No headline figures for this selection.</p></div>')
    cards = []
    for row in rows.itertuples(index=False):
        source = escape(str(row.title))
        if row.title != row.doc_id:
            source += f" ({escape(str(row.doc_id))})"
        if row.published:
            source += f", published {escape(str(row.published))}"
        cards.append(
            '<div class="analysis-headline">'
            f'<div class="kind">{escape(str(row.kind))}</div>'
            f'<div class="figure">{escape(str(row.figure))}</div>'
            f'<div class="context">{escape(str(row.context))}</div>'
            f"<blockquote>{escape(str(row.sentence))}</blockquote>"
            f'<div class="source">Source: {source}</div></div>'
        )
    return (f'<div class="analysis-output tex2jax_ignore mathjax_ignore">{STYLE}<div class="analysis-headlines">'
            + "".join(cards) + "</div></div>")


def show_headlines(rows: pd.DataFrame) -> None:
    """Display headline figures (see :func:`headlines`) as cards, with the rows attached as ``headlines``."""
    _display({"text/html": headlines_html(rows), "text/plain": f"{len(rows):,} headline figures",
              TABLE_MIME: table_data(rows, "headlines")})


def show_text(text: str, name: str = "note") -> None:
    """Display one escaped paragraph (for example :meth:`Selection.describe`)."""
    _display({"text/html": f'<div class="analysis-output tex2jax_ignore mathjax_ignore"><p>{html.escape(text)}</p></div>',
              "text/plain": text, TABLE_MIME: {"name": name, "columns": ["text"], "data": [[text]]}})
