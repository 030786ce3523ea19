import pytest

from analysis.sentences import split_sentences


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
