"""Scoring extracted tables against a gold folder.

Matching rule
-------------
A gold folder holds CSVs named after tables (``seizures.csv``,
``countries.csv`` ...), with any subset of the columns of the predicted
tables. For each table present in both:

* **Rows** match on a key, as multisets within a document:

  ============  ===============================================
  table         key
  ============  ===============================================
  seizures      doc_id + amount (kg rounded to 3 decimals, or the count)
  visits        doc_id + host_country
  meetings      doc_id + event_type + start_date
  counts        doc_id + value + unit
  documents     doc_id
  countries     doc_id + one ISO3 code (gold lists codes space-separated;
                predictions come from ``mentions`` of type country)
  ============  ===============================================

  Precision = matched / predicted rows, recall = matched / gold rows, F1
  their harmonic mean. Key columns the gold lacks are dropped from the key,
  so a gold with only doc_id and quantity_kg (such as the peer set) is
  matched on document and kilograms alone.
* **Fields**: for every other column in both tables, the non-empty
  (key, value) pairs are compared the same way, so a field's recall says how
  often the extractor filled it rightly. Text compares case- and
  space-insensitively; numbers within 0.1 %.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.store import read_tables

KEYS = {
    "seizures": ["doc_id", "amount"],
    "visits": ["doc_id", "host_country"],
    "meetings": ["doc_id", "event_type", "start_date"],
    "counts": ["doc_id", "value", "unit"],
    "documents": ["doc_id"],
    "countries": ["doc_id", "country"],
}
NUMERIC = {"quantity_kg", "quantity_count", "value", "participants", "packages", "ordinal", "amount",
           "quantity_kg_high"}
IGNORED_FIELDS = {"sentence", "char_start", "char_end", "path", "n_chars", "quantity_text"}


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one table or field."""

    table: str
    field: str
    gold: int
    predicted: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _norm(column: str, value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value).strip()
    if text.lower() in ("", "nan", "none", "<na>"):
        return ""
    if column in NUMERIC:
        try:
            number = float(text)
        except ValueError:
            return text.lower()
        return f"{number:.6g}" if column != "amount" else f"{round(number, 3):.3f}"
    return " ".join(text.lower().split())


def _prepare(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    if table == "seizures":
        kg = frame["quantity_kg"] if "quantity_kg" in frame else pd.Series([None] * len(frame))
        count = frame["quantity_count"] if "quantity_count" in frame else pd.Series([None] * len(frame))
        frame["amount"] = [
            k if _norm("amount", k) else c for k, c in zip(kg.tolist(), count.tolist(), strict=True)
        ]
    return frame


def _countries_from_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    rows = mentions[mentions["entity_type"] == "country"]
    return pd.DataFrame({"doc_id": rows["doc_id"].astype(str), "country": rows["canonical"]})


def _countries_from_gold(gold: pd.DataFrame) -> pd.DataFrame:
    pairs = [(row.doc_id, code) for row in gold.itertuples()
             for code in str(row.countries if isinstance(row.countries, str) else "").split()]
    return pd.DataFrame(pairs, columns=["doc_id", "country"])


def _multiset(frame: pd.DataFrame, columns: list[str]) -> Counter:
    return Counter(tuple(_norm(c, v) for c, v in zip(columns, values, strict=True))
                   for values in frame[columns].itertuples(index=False, name=None))


def score_table(table: str, gold: pd.DataFrame, predicted: pd.DataFrame) -> list[Score]:
    """Row score and per-field scores of one table (see the module docstring)."""
    if table == "seizures" and "quantity_count" not in gold.columns and "quantity_kg" in predicted:
        predicted = predicted[predicted["quantity_kg"].notna()]  # a gold of weights only
    gold, predicted = _prepare(table, gold), _prepare(table, predicted)
    key = [c for c in KEYS.get(table, ["doc_id"]) if c in gold.columns and c in predicted.columns]
    if table == "seizures" and "amount" not in key:
        key.append("amount")
    gold_keys, pred_keys = _multiset(gold, key), _multiset(predicted, key)
    scores = [Score(table, "(rows)", sum(gold_keys.values()), sum(pred_keys.values()),
                    sum((gold_keys & pred_keys).values()))]
    for column in gold.columns:
        if column in key or column in IGNORED_FIELDS or column not in predicted.columns:
            continue
        gold_pairs = Counter(k for k in _multiset(gold, key + [column]) .elements() if k[-1])
        pred_pairs = Counter(k for k in _multiset(predicted, key + [column]).elements() if k[-1])
        scores.append(Score(table, column, sum(gold_pairs.values()), sum(pred_pairs.values()),
                            sum((gold_pairs & pred_pairs).values())))
    return scores


def evaluate(gold_dir: str | Path, predicted: dict[str, pd.DataFrame],
             doc_ids: set[str] | None = None) -> list[Score]:
    """Scores for every gold table that has a predicted counterpart.

    ``doc_ids`` limits the prediction to documents the gold covers (default:
    the documents named in the gold's tables, when the gold has a
    ``documents.csv``; else every predicted document).
    """
    gold_tables = {p.stem: pd.read_csv(p, dtype=str, keep_default_na=False)
                   for p in sorted(Path(gold_dir).glob("*.csv"))}
    predicted = dict(predicted)
    if "mentions" in predicted:
        predicted["countries"] = _countries_from_mentions(predicted["mentions"])
    if "countries" in gold_tables:
        gold_tables["countries"] = _countries_from_gold(gold_tables["countries"])
    scores: list[Score] = []
    for table, gold in gold_tables.items():
        if table not in predicted:
            continue
        pred = predicted[table]
        if doc_ids is not None and "doc_id" in pred:
            pred = pred[pred["doc_id"].astype(str).isin(doc_ids)]
        scores.extend(score_table(table, gold, pred))
    return scores


def evaluate_folder(gold_dir: str | Path, pred_dir: str | Path) -> list[Score]:
    """Scores of the tables in ``pred_dir`` (written by ``extract``) against ``gold_dir``."""
    return evaluate(gold_dir, read_tables(pred_dir))


def format_scores(scores: list[Score]) -> str:
    """A plain-text report: one line per table, indented lines per field."""
    lines = [f"{'table':<12}{'field':<18}{'P':>6}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
    for score in scores:
        name = score.table if score.field == "(rows)" else ""
        lines.append(f"{name:<12}{score.field:<18}{score.precision:>6.2f}{score.recall:>7.2f}"
                     f"{score.f1:>7.2f}{score.gold:>7}{score.predicted:>7}")
    return "\n".join(lines)
