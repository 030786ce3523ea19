"""The project's number reader beside two libraries, on the project's own case tables.

* number words (``tests/cases/number_words.csv``): ``analysis.text.quantities.parse_number`` and
  ``number_parser.parse_number`` (package number-parser), right answers and microseconds per call;
* amounts in sentences (``tests/cases/numbers.csv``): ``find_quantities(any_number=True)`` and
  ``quantulum3.parser.parse``, a sentence counted right when every amount it holds is read (mass in
  kilograms, money and plain numbers by value) and nothing else; the false numbers each finds in
  the rows that hold none; milliseconds per sentence;
* quantulum3 on a span already found: each span ``find_quantities`` reads, given to quantulum3
  alone, and how often its value agrees;
* ``--sentences DIR`` (say the peer set's ``docs/``): the numbers each reader finds in the files
  that hold no digit, as a rough count of invented numbers on text nobody here wrote.

Both libraries are benchmark-only extras (``pip install -e '.[bench]'``); a missing one is
skipped with a line saying so. Prints figures; asserts nothing.

Usage:
    .venv/bin/python benchmarks/number_readers.py [--sentences DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import time
import warnings
from pathlib import Path

from analysis.text.quantities import find_quantities, parse_number

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
# quantulum3's unit names, to kilograms
_QUANTULUM_KG = {"kilogram": 1.0, "gram": 0.001, "milligram": 1e-6, "tonne": 1000.0, "ton": 907.18474,
                 "short ton": 907.18474, "pound-mass": 0.45359237, "pound": 0.45359237, "ounce": 0.028349523125}


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(open(CASES / name, encoding="utf-8")))


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=5e-5)  # the tables write kilograms to 4 decimals


def _expected_values(found: str) -> list[float]:
    """The values a numbers.csv row expects: kilograms of a mass (its low end), counts, money, numbers."""
    values = []
    for item in filter(None, found.split(";")):
        kind, rest = item.split(" ", 1)
        values.append(float(rest.split(" ")[0].split("-")[0]))
    return values


def _ours(sentence: str) -> list[float]:
    values = []
    for q in find_quantities(sentence, any_number=True):
        values.append(q.kg if q.kind == "mass" else q.count if q.kind == "count" else q.value)
    return values


def _quantulum(parser, sentence: str) -> list[float]:
    values = []
    for q in parser.parse(sentence):
        factor = _QUANTULUM_KG.get(q.unit.name)
        if q.unit.name in ("metre", "foot"):
            values.append(q.value * (0.001 if q.unit.name == "metre" else 0.0003048))  # the tables' lengths are km
        else:
            values.append(q.value * factor if factor else q.value)
    return values


def _same(found: list[float], expected: list[float]) -> bool:
    return len(found) == len(expected) and all(_close(a, b) for a, b in zip(sorted(found), sorted(expected), strict=True))


def _timed(function, inputs, repeat: int) -> float:
    """Best of ``repeat`` runs over ``inputs``, in microseconds per input."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for item in inputs:
            function(item)
        best = min(best, time.perf_counter() - started)
    return best / max(1, len(inputs)) * 1e6


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    arguments.add_argument("--sentences", type=Path, help="a folder of .txt files; those with no digit are read")
    arguments.add_argument("--repeat", type=int, default=3)
    options = arguments.parse_args()

    words = _rows("number_words.csv")
    expected = [float(r["value"]) if r["value"] else None for r in words]
    texts = [r["text"] for r in words]
    right = sum(_close(parse_number(t), e) for t, e in zip(texts, expected, strict=True))
    print(f"number words ({len(texts)} cases): analysis {right}/{len(texts)}, "
          f"{_timed(parse_number, texts, options.repeat):.1f} us/call")
    try:
        import number_parser
    except ImportError:
        print("  number-parser not installed (pip install -e '.[bench]')")
    else:
        right = sum(_close(_float(number_parser.parse_number(t)), e) for t, e in zip(texts, expected, strict=True))
        print(f"  number-parser {right}/{len(texts)}, {_timed(number_parser.parse_number, texts, options.repeat):.1f} us/call")

    sentences = _rows("numbers.csv")
    texts = [r["text"] for r in sentences]
    wanted = [_expected_values(r["found"]) for r in sentences]
    empty = [i for i, w in enumerate(wanted) if not w]
    ours = [_ours(t) for t in texts]
    print(f"amounts in sentences ({len(texts)} cases, {len(empty)} with none): "
          f"analysis {sum(_same(f, w) for f, w in zip(ours, wanted, strict=True))}/{len(texts)}, "
          f"{sum(len(ours[i]) for i in empty)} false numbers, "
          f"{_timed(_uncached, texts, options.repeat):.1f} us/sentence (unmemoised)")
    parser = _quantulum_parser()
    if parser is not None:
        theirs = [_quantulum(parser, t) for t in texts]
        print(f"  quantulum3 {sum(_same(f, w) for f, w in zip(theirs, wanted, strict=True))}/{len(texts)}, "
              f"{sum(len(theirs[i]) for i in empty)} false numbers, "
              f"{_timed(parser.parse, texts, 1):.1f} us/sentence")
        spans = [q for t in texts for q in find_quantities(t, any_number=True)]
        agree = 0
        for q in spans:
            read = parser.parse(q.text)
            agree += len(read) == 1 and _close(read[0].value, q.value)
        print(f"  quantulum3 on the {len(spans)} spans analysis found: the same value for {agree}, "
              f"{_timed(lambda q: parser.parse(q.text), spans, 1):.1f} us/span")

    if options.sentences:
        files = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(options.sentences.glob("*.txt"))]
        no_digit = [t for t in files if t.strip() and not re.search(r"\d", t)]
        found = sum(len(find_quantities(t, any_number=True)) for t in no_digit)
        print(f"{options.sentences}: {len(no_digit)} files with no digit; numbers found: analysis {found}", end="")
        print(f", quantulum3 {sum(len(parser.parse(t)) for t in no_digit)}" if parser is not None else "")


def _float(value) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _uncached(text: str):
    from analysis.text import quantities

    return quantities._find_quantities_uncached(text, any_number=True)


def _quantulum_parser():
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        print("  quantulum3 not installed (pip install -e '.[bench]')")
        return None
    return parser


if __name__ == "__main__":
    main()
