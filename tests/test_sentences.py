"""Sentence splitting: table-driven cases (tests/cases/sentences.csv), written by hand in the genre's style.

Each case is a text and the sentences a reader splits it into; every sentence must also be the text between
its offsets. A case whose note starts with "known failure:" is a strict xfail.
"""

import csv
from pathlib import Path

import pytest

from analysis.text.sentences import split_sentences

CASES_FILE = Path(__file__).parent / "cases" / "sentences.csv"


def _read_cases(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


CASES = _read_cases(CASES_FILE)


def _case(case):
    if case["note"].startswith("known failure:"):
        return pytest.param(case, marks=pytest.mark.xfail(strict=True, reason=case["note"]), id=case["name"])
    return pytest.param(case, id=case["name"])


def test_there_are_enough_cases():
    assert len(CASES) >= 40
    assert len({case["name"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", [_case(case) for case in CASES])
def test_sentence_case(case):
    text = case["text"]
    found = split_sentences(text)
    assert [s.text for s in found] == [part.strip() for part in case["sentences"].split(" | ")]
    assert all(text[s.start : s.end] == s.text for s in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Secretary General Ronald K. Noble met him. He left.", 2),
        ("The U.S. Department of State funds it. It began in 2022.", 2),
        ("Gen. Ivanov and Lt. Col. Petrov arrived at 10 a.m. on Monday.", 1),
        ("Case No. 12 was closed. Another opened.", 2),
        ("Title line\nFirst sentence. Second one!", 3),
        ("It ended (see below).He also said so.", 2),
        ('"We will win," he said. "Certainly."', 2),
    ],
)
def test_sentence_count(text, expected):
    assert len(split_sentences(text)) == expected


def test_offsets_index_the_text():
    text = "  Mr. Khan met Dr. Lee.\n\nThey signed a memorandum. Police seized 5 kg. "
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text


def test_list_items_on_lines_and_inline_keep_their_offsets():
    text = "Results of the operation:\n1. Seizure of 12 kg of opium 2. Two arrests\n  3) A seized truck.  "
    found = split_sentences(text)
    assert [s.text for s in found] == ["Results of the operation:", "1. Seizure of 12 kg of opium",
                                       "2. Two arrests", "3) A seized truck."]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_a_bad_abbreviation_row_names_the_file_and_row(monkeypatch):
    from analysis.text import sentences

    monkeypatch.setattr(sentences, "read_rows", lambda name: ({"abbreviation": "gen", "kind": "leading"},
                                                              {"abbreviation": "co", "kind": "sometimes"}))
    sentences.abbreviations.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"abbreviations\.csv: data row 3"):
            sentences.abbreviations()
    finally:
        sentences.abbreviations.cache_clear()
