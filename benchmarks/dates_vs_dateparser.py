"""Our date reader against dateparser (and python-dateutil on the spans we find), on our own cases.

The cases are the project's hand-written table, ``tests/cases/dates.csv`` (text, publication date,
expected first date). For each case:

* ``analysis.text.dates.find_dates`` gives the first date; it is right when its start and end equal
  the expected ones (precision included: "2024-03" is not "2024-03-14").
* ``dateparser.search.search_dates`` with the publication date as its relative base gives its first
  date, always a full day; it is counted right when the expected date is a prefix of that day (a
  generous reading: "last week" is right for any day of the expected month). A range counts its
  start only, as dateparser reads no ranges.
* ``dateutil.parser.parse(span, dayfirst=True)`` on each span we found that is not relative
  ("21 November 2023", "02/22/2016") tells whether reading the span itself with a library would do
  better than our resolver.

Cases are grouped as the issue's targets are: numeric dates, day ranges, relative days, relative
weeks and months, day-month-year, and no date. Prints a table and the time per case; asserts nothing.

Usage (dateparser is a benchmark extra: ``pip install -e '.[bench]'``):
    .venv/bin/python benchmarks/dates_vs_dateparser.py [--cases tests/cases/dates.csv]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import time
import warnings
from collections import defaultdict
from pathlib import Path

from analysis.text.dates import find_dates

ROOT = Path(__file__).resolve().parent.parent
_NUMERIC = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}-[A-Za-z]{3}-\d{4}|\d{4}-[A-Za-z]{3}-\d{1,2}")
_RELATIVE_DAY = re.compile(r"\b(?:yesterday|today|tomorrow|tonight|night|morning|days?\s+ago|in\s+\w+\s+days|weekend|"
                           r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.IGNORECASE)
_RELATIVE_PERIOD = re.compile(r"\b(?:week|weeks|month|months|year)\b|\b(?:in|during|for|mid-)\s*(?:january|february|"
                              r"march|april|may|june|july|august|september|october|november|december)\b(?!\s+\d)",
                              re.IGNORECASE)


def group_of(case: dict) -> str:
    """Which of the issue's targets a case belongs to."""
    if not case["date"] and not case["date_text"]:
        return "no date"
    if case["date"] != case["end_date"]:
        return "day ranges"
    if _NUMERIC.search(case["date_text"]):
        return "numeric dates"
    if _RELATIVE_DAY.search(case["date_text"]):
        return "relative days"
    if _RELATIVE_PERIOD.search(case["date_text"]) or (case["published"] and not re.search(r"\d{4}", case["date_text"])):
        return "relative weeks/months"
    return "day-month-year"


def ours(case: dict, published: dt.date | None) -> bool:
    found = find_dates(case["text"], published)
    got = (found[0].iso, found[0].end_iso) if found else ("", "")
    return got == (case["date"], case["end_date"])


def theirs(case: dict, published: dt.date | None) -> bool:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime.combine(published, dt.time())} if published else {}
    settings["PREFER_DAY_OF_MONTH"] = "first"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(case["text"], languages=["en"], settings=settings)
    if not case["date"]:
        return not found
    return bool(found) and found[0][1].date().isoformat().startswith(case["date"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", default=str(ROOT / "tests" / "cases" / "dates.csv"),
                        help="a case table; benchmarks/data/dates_unseen.csv holds cases written after the reader")
    args = parser.parse_args()
    cases = [c for c in csv.DictReader(open(args.cases, encoding="utf-8")) if not c["note"].startswith("known failure:")]
    right: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # group -> [ours, dateparser, cases]
    spent = [0.0, 0.0]
    for case in cases:
        published = dt.date.fromisoformat(case["published"]) if case["published"] else None
        group = group_of(case)
        started = time.perf_counter()
        right[group][0] += ours(case, published)
        spent[0] += time.perf_counter() - started
        started = time.perf_counter()
        right[group][1] += theirs(case, published)
        spent[1] += time.perf_counter() - started
        right[group][2] += 1
    print(f"{'group':24} {'cases':>5} {'ours':>6} {'dateparser':>10}")
    for group, (mine, other, total) in sorted(right.items()):
        print(f"{group:24} {total:5d} {mine / total:6.2f} {other / total:10.2f}")
    for case in cases:
        published = dt.date.fromisoformat(case["published"]) if case["published"] else None
        if not ours(case, published):
            print("ours wrong:", case["text"])
    print(f"time per case: ours {spent[0] / len(cases) * 1e6:.0f} µs (first read, not cached), "
          f"dateparser {spent[1] / len(cases) * 1e3:.1f} ms")
    _dateutil_on_spans(cases)


def _dateutil_on_spans(cases: list[dict]) -> None:
    """Whether python-dateutil reads the full-day spans we find the way our resolver does, and how fast."""
    from dateutil import parser as dateutil_parser

    spans = []
    for case in cases:
        published = dt.date.fromisoformat(case["published"]) if case["published"] else None
        spans += [(m.text, m.iso) for m in find_dates(case["text"], published)
                  if not m.relative and len(m.iso) == 10 and m.iso == m.end_iso]
    agree = 0
    started = time.perf_counter()
    for text, iso in spans:
        try:
            agree += dateutil_parser.parse(text, dayfirst=True).date().isoformat() == iso
        except (ValueError, OverflowError):
            pass
    elapsed = time.perf_counter() - started
    print(f"dateutil on our {len(spans)} full-day spans: agrees on {agree}, {elapsed / max(len(spans), 1) * 1e6:.0f} µs "
          f"per span")


if __name__ == "__main__":
    main()
