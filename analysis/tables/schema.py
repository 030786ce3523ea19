"""Table schemas: the columns and dtypes every output table promises.

One pandera schema per table. ``validate(name, frame)`` coerces dtypes and
fails loudly if a column is missing or a value breaks a rule (negative
kilograms, a country that is not ISO3-shaped), so a notebook or a user's
code can rely on the shapes documented in ``docs/tables.md``.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

_TEXT = pa.Column(str, nullable=False, coerce=True)
# every sentence a row's facts come from ("120-260; 400-520") and the text of those but `sentence`
_EVIDENCE = {
    "evidence": pa.Column(str, pa.Check.str_matches(r"^(?:\d+-\d+(?:; \d+-\d+)*)?$"), coerce=True),
    "evidence_text": pa.Column(str, coerce=True),
}
_OFFSETS = {
    "sentence": pa.Column(str, coerce=True),
    "char_start": pa.Column("Int64", pa.Check.ge(0), coerce=True),
    "char_end": pa.Column("Int64", pa.Check.ge(0), coerce=True),
}
_ISO3_OR_EMPTY = pa.Check.str_matches(r"^(?:[A-Z]{3})?$")
_ISO_DATE_OR_EMPTY = pa.Check.str_matches(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?)?$")

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "documents": pa.DataFrameSchema({
        "doc_id": _TEXT, "path": _TEXT, "title": _TEXT,
        "published": pa.Column(str, _ISO_DATE_OR_EMPTY, coerce=True),
        "publisher": _TEXT, "dateline_city": _TEXT,
        "dateline_country": pa.Column(str, _ISO3_OR_EMPTY, coerce=True),
        "n_chars": pa.Column("Int64", pa.Check.ge(0), coerce=True),
        "url": _TEXT,
    }),
    "seizures": pa.DataFrameSchema({
        "doc_id": _TEXT,
        "date": pa.Column(str, _ISO_DATE_OR_EMPTY, coerce=True),
        "date_text": _TEXT,
        "country": pa.Column(str, _ISO3_OR_EMPTY, coerce=True),
        "location": _TEXT, "drug": _TEXT, "drug_category": _TEXT,
        "quantity_kg": pa.Column(float, pa.Check.ge(0), nullable=True, coerce=True),
        "quantity_kg_high": pa.Column(float, pa.Check.ge(0), nullable=True, coerce=True),
        "quantity_count": pa.Column(float, pa.Check.ge(0), nullable=True, coerce=True),
        "quantity_units": _TEXT, "quantity_text": _TEXT,
        "qualifier": pa.Column(str, pa.Check.isin(["exact", "about", "over", "under"]), coerce=True),
        "scope": pa.Column(str, pa.Check.isin(["event", "aggregate"]), coerce=True),
        "packages": pa.Column("Int64", pa.Check.ge(0), nullable=True, coerce=True),
        "conveyance": _TEXT, "agency": _TEXT,
        **_OFFSETS,
        "row_id": _TEXT, "part_of": _TEXT,
        "date_basis": pa.Column(str, pa.Check.isin(["", "text", "publication"]), coerce=True),
    }),
    "visits": pa.DataFrameSchema({
        "doc_id": _TEXT,
        "date": pa.Column(str, _ISO_DATE_OR_EMPTY, coerce=True),
        "visitor": _TEXT, "visitor_title": _TEXT, "visitor_org": _TEXT,
        "host_country": pa.Column(str, _ISO3_OR_EMPTY, coerce=True),
        "city": _TEXT, "officials_met": _TEXT,
        "status": pa.Column(str, pa.Check.isin(["held", "planned"]), coerce=True),
        "ordinal": pa.Column("Int64", pa.Check.ge(1), nullable=True, coerce=True),
        **_OFFSETS, **_EVIDENCE,
    }),
    "meetings": pa.DataFrameSchema({
        "doc_id": _TEXT, "event_type": _TEXT, "name": _TEXT,
        "start_date": pa.Column(str, _ISO_DATE_OR_EMPTY, coerce=True),
        "end_date": pa.Column(str, _ISO_DATE_OR_EMPTY, coerce=True),
        "date_text": _TEXT, "city": _TEXT,
        "country": pa.Column(str, _ISO3_OR_EMPTY, coerce=True),
        "status": pa.Column(str, pa.Check.isin(["held", "planned"]), coerce=True),
        "participants": pa.Column("Int64", pa.Check.ge(0), nullable=True, coerce=True),
        "participants_qualifier": pa.Column(str, pa.Check.isin(["", "exact", "about", "over", "under"]), coerce=True),
        "organizers": _TEXT,
        **_OFFSETS, **_EVIDENCE,
    }),
    "counts": pa.DataFrameSchema({
        "doc_id": _TEXT,
        "value": pa.Column(float, nullable=True, coerce=True),
        "unit": _TEXT, "object": _TEXT, "category": _TEXT,
        "year": pa.Column(str, _ISO_DATE_OR_EMPTY, coerce=True),
        "qualifier": _TEXT,
        **_OFFSETS,
    }),
    "mentions": pa.DataFrameSchema({
        "doc_id": _TEXT, "entity": _TEXT,
        "entity_type": pa.Column(str, pa.Check.isin(["country", "organization", "person", "drug", "place"]),
                                 coerce=True),
        "canonical": _TEXT,
        "count": pa.Column("Int64", pa.Check.ge(1), coerce=True),
    }),
    "skipped": pa.DataFrameSchema({"path": _TEXT, "reason": _TEXT}),
}


def empty_frame(name: str) -> pd.DataFrame:
    """An empty, correctly typed frame for table ``name``."""
    return validate(name, pd.DataFrame({column: [] for column in SCHEMAS[name].columns}))


def validate(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its columns in schema order and dtypes coerced; raises on bad values."""
    schema = SCHEMAS[name]
    missing = [c for c in schema.columns if c not in frame.columns]
    if missing:
        raise ValueError(f"table {name!r} lacks columns: {', '.join(missing)}")
    text_columns = [c for c, col in schema.columns.items() if str(col.dtype) == "str"]
    frame = frame.copy()
    for column in text_columns:
        frame[column] = frame[column].fillna("").astype(str)
    extra = [c for c in frame.columns if c not in schema.columns]
    return schema.validate(frame[list(schema.columns) + extra])
