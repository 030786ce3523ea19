"""Seizure rows of whole texts: one row per seizure even when a text repeats it."""

import pytest

from analysis.seizures import extract_seizures


@pytest.mark.parametrize(("text", "expected"), [
    ("Irs finds 80 kg of cocaine in a cargo of melons The Irs located 80 kg of cocaine in a load of melons.",
     [("cocaine", 80.0)]),  # a headline glued to its body, no full stop between: one seizure
    ("Police seized 5 kg of heroin in Osh and 5 kg of heroin in Batken.",
     [("heroin", 5.0), ("heroin", 5.0)]),  # two seizures of one size in a list stay two
    ("Customs seize 40 kg of hashish\n\nCustoms officers seized 40 kg of hashish at the port on Monday.",
     [("hashish", 40.0)]),  # headline and body
    ("The sacks together weighed 2.2 tons and were loaded onto a lorry.", []),  # no drug named: cargo
])
def test_rows(text, expected):
    assert [(row.drug, row.quantity_kg) for row in extract_seizures("d", text)] == expected
