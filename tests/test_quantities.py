"""Table-driven quantity cases (tests/cases/quantities.csv), written by hand from the text."""

import csv
from pathlib import Path

import pytest

from analysis.extract.seizures import drug_quantities
from analysis.text.quantities import find_quantities, parse_number

CASES = list(csv.DictReader(open(Path(__file__).parent / "cases" / "quantities.csv", encoding="utf-8")))


def _kg(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def test_there_are_enough_cases():
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_quantity_case(case):
    found = drug_quantities(case["text"])
    masses = [q for q in found if q.kind == "mass"]
    counts = [q for q in found if q.kind == "count"]
    expected_kg = [_kg(float(v)) for v in case["kg"].split(";") if v]
    assert [_kg(q.kg) for q in masses] == expected_kg
    assert [f"{int(q.count)} {q.unit}" for q in counts] == [c for c in case["count"].split(";") if c]
    qualifiers = [q.qualifier for q in masses] + [q.qualifier for q in counts]
    assert qualifiers == [q for q in case["qualifier"].split(";") if q]


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,250.5", 1250.5), ("1 250", 1250), ("1.250.000", 1250000), ("one and a half", 1.5),
     ("a dozen", 12), ("two hundred", 200), ("twenty-five", 25), ("half a", 0.5), (".5", 0.5),
     ("three thousand", 3000), ("nonsense", None), ("twenty one", 21), ("two one", None),
     ("one hundred and twelve", 112)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_spans_point_at_the_text():
    text = "Police seized 1,000 kilos (2,202 pounds) of cocaine and 9,600 pills."
    for quantity in find_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text
    mass = find_quantities(text)[0]
    assert (mass.kg, mass.text) == (1000.0, "1,000 kilos (2,202 pounds)")


def test_non_drug_kinds_are_labelled():
    kinds = {q.text: q.kind for q in find_quantities(
        "over 300,000 ha, 70% of it, 150 km away, worth $2 million, 12 tons")}
    assert kinds == {"over 300,000 ha": "area", "70%": "percent", "150 km": "length",
                     "$2 million": "money", "12 tons": "mass"}


@pytest.mark.parametrize(("text", "money"), [
    ("Over the past two years 300 kilograms were seized.", []),
    ("the drivers 2 kilograms", []),
    ("He was fined Rs 5,000 and US$ 300.", ["Rs 5,000", "US$ 300"]),
    ("a EUR 2.1 million project", ["EUR 2.1 million"]),
])
def test_a_currency_code_inside_a_word_is_not_money(text, money):
    assert [q.text for q in find_quantities(text) if q.kind == "money"] == money


@pytest.mark.parametrize(("text", "money"), [
    # a code joined to its digits, and the currencies of regional drug news
    ("The heroin was worth USD45,000 and the car Rs.900.", [("USD", 45000.0), ("PKR", 900.0)]),
    ("A gram fetches Sh1,500 in Mombasa.", [("KES", 1500.0)]),
    ("The haul was valued at ₦3.1 billion.", [("NGN", 3.1e9)]),
    ("Pills sold for 4,000 dinars each.", [("IQD", 4000.0)]),
    ("worth Tk 9.6 crore, RM1.2 million and 80 million baht", [("BDT", 9.6e7), ("MYR", 1.2e6), ("THB", 8e7)]),
    ("a fine of 750,000 lira", [("TRY", 750000.0)]),
    ("a street value of £80m, or $50k a kilo", [("GBP", 8e7), ("USD", 5e4)]),  # glued million and thousand
    # a word that is also a code is not money when it is a verb
    ("They will try 3 suspects.", []),
])
def test_regional_currencies(text, money):
    assert [(q.unit, q.value) for q in find_quantities(text) if q.kind == "money"] == money


def test_a_price_in_a_regional_currency_is_not_a_seizure():
    assert drug_quantities("A kilo of miraa fetches about Sh800 in Nairobi.") == []
    assert drug_quantities("Captagon sells for around 5,000 dinars a pill in Basra.") == []


@pytest.mark.parametrize(("text", "surface"), [
    ("Police seized around 250kg.", "around 250kg"),  # the full stop ends the sentence
    ("Officers found 13.2 kg. The car was impounded.", "13.2 kg"),
    ("Troopers found nearly 90 lbs. of marijuana.", "nearly 90 lbs."),  # the abbreviation's point
])
def test_a_full_stop_after_a_unit_is_not_part_of_the_amount(text, surface):
    assert [q.text for q in find_quantities(text)] == [surface]


def _table(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(open(Path(__file__).parent / "cases" / name, encoding="utf-8")))


def _rows(name: str, key: str):
    """A case table's rows as parameters; a row whose note starts with "known failure:" is a strict
    xfail (it must keep failing until fixed)."""
    return [pytest.param(row, id=row[key][:60],
                         marks=[pytest.mark.xfail(strict=True, reason=row["note"])]
                         if row["note"].startswith("known failure:") else [])
            for row in _table(name)]


@pytest.mark.parametrize("case", _rows("number_words.csv", "text"))
def test_number_words(case):
    """parse_number on number words, fractions, scales and digit groupings (tests/cases/number_words.csv)."""
    expected = float(case["value"]) if case["value"] else None
    assert parse_number(case["text"]) == (pytest.approx(expected) if expected is not None else None), case["note"]


def _described(quantity) -> str:
    """One amount as a case table writes it: "mass 40" (kg), "mass 2000-3000", "count 12 pills",
    "money 240000000 USD", "number 3", "length 0.04" (km)."""
    if quantity.kind == "mass":
        return f"mass {_kg(quantity.kg)}" + (f"-{_kg(quantity.kg_high)}" if quantity.kg_high is not None else "")
    if quantity.kind == "count":
        return f"count {int(quantity.count)} {quantity.unit}"
    if quantity.kind == "money":
        return f"money {_kg(quantity.value)} {quantity.unit}"
    return f"{quantity.kind} {quantity.value:.10g}"


@pytest.mark.parametrize("case", _rows("numbers.csv", "text"))
def test_numbers_in_sentences(case):
    """Every amount find_quantities reads in a sentence, numbers in words included
    (tests/cases/numbers.csv): articles, fractions, scales, lists, ranges, digit groupings and
    what is not a mass."""
    found = [_described(q) for q in find_quantities(case["text"], any_number=True)]
    assert found == [item for item in case["found"].split(";") if item], case["note"]


def test_the_number_tables_are_big_enough():
    assert len(_table("numbers.csv")) >= 50 and len(_table("number_words.csv")) >= 30
