"""Access to the lexicon data files shipped in ``analysis/data/``.

Lexicons are data, not code: drugs, units, organisations, titles, places and
boilerplate lines live in small CSV/text files that an analyst can extend
without touching a rule.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from typing import Any


def _data_text(name: str) -> str:
    return resources.files("analysis").joinpath("data", name).read_text(encoding="utf-8")


def read_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a text data file."""
    return [
        line.strip()
        for line in _data_text(name).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@cache
def read_rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a CSV data file as dictionaries (lines starting with # are comments)."""
    lines = [line for line in _data_text(name).splitlines() if not line.startswith("#")]
    return tuple(csv.DictReader(lines))


def read_json(name: str) -> Any:
    """A JSON data file."""
    return json.loads(_data_text(name))


def split_aliases(cell: str) -> list[str]:
    """The ``|``-separated aliases of a lexicon cell, stripped, without empties."""
    return [alias.strip() for alias in cell.split("|") if alias.strip()]
