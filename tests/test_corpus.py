"""Reading files: formats, encodings, boilerplate (bad input: tests/test_bad_input.py)."""

import json

import pytest

from analysis.text.corpus import Document, Skipped, clean_text, read_corpus

RELEASE = ("Customs seize heroin at Torkham\n\n"
           "KABUL, 3 March 2024 – Border police seized 14 kg of heroin from a truck at the "
           "Torkham border crossing, officials said.\n")


def _read(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data, encoding="utf-8")
    return list(read_corpus([path]))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8.txt", RELEASE.encode("utf-8")),
        ("bom.txt", b"\xef\xbb\xbf" + RELEASE.encode("utf-8")),
        ("utf16.txt", RELEASE.encode("utf-16")),
        ("latin1.txt", (RELEASE.replace("\u2013", "-") + "Caf\u00e9 owner arrested.\n").encode("latin-1")),
        ("notes.md", RELEASE.encode("utf-8")),
    ],
)
def test_text_encodings_are_decoded(tmp_path, name, data):
    (document,) = _read(tmp_path, name, data)
    assert isinstance(document, Document)
    assert "14 kg of heroin" in document.text


def test_cp1251_russian_text(tmp_path):
    text = "Таможенники изъяли 14 кг героина на границе с Афганистаном. " * 5
    (document,) = _read(tmp_path, "ru.txt", text.encode("cp1251"))
    assert "героина" in document.text


def test_html_main_text_and_metadata(tmp_path):
    html = (
        "<html><head><title>Heroin seized at Torkham</title>"
        '<meta name="date" content="2024-03-03"></head><body><nav>All news | Print</nav>'
        f"<article><h1>Heroin seized at Torkham</h1><p>{RELEASE.splitlines()[2]}</p>"
        "<p>Two suspects were detained and handed over to investigators for questioning.</p>"
        "</article><footer>We use cookies on this site.</footer></body></html>"
    )
    (document,) = _read(tmp_path, "page.html", html)
    assert document.published == "2024-03-03"
    assert "14 kg of heroin" in document.text
    assert "cookies" not in document.text


def test_jsonl_keeps_good_lines_and_reports_the_broken_one(tmp_path):
    lines = [json.dumps({"id": "a1", "text": RELEASE, "published": "2024-03-03"}),
             "{not json",
             json.dumps({"id": "a2", "text": RELEASE.replace("14 kg", "9 kg")})]
    items = _read(tmp_path, "feed.jsonl", "\n".join(lines))
    documents = [i for i in items if isinstance(i, Document)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [d.doc_id for d in documents] == ["a1", "a2"]
    assert len(skipped) == 1 and skipped[0].path.endswith("feed.jsonl:2")
    assert "invalid JSON" in skipped[0].reason


def test_boilerplate_and_contact_blocks_are_removed():
    text = ("All news\n|\nPrint\nTitle of the release\n\nBody sentence one.\n"
            "For further information, please contact:\nJane Doe\nEmail: jane[at]example.org")
    assert clean_text(text) == "Title of the release\n\nBody sentence one."


@pytest.mark.parametrize(("text", "expected"), [
    # a contact block above the body ends at its block (US-style release): the body after it is content
    ("Customs seize heroin\n\nMedia Contact: Press Office\n+1 202 555 0100\npress@example.gov\n\n"
     "Officers seized 22 kg of heroin at the port.", "Customs seize heroin\n\nOfficers seized 22 kg of heroin at the port."),
    # a list of other headlines under "Related news" or "Read more" is no content; the next paragraph is
    ("Body one.\n\nRelated News\n- Police seize 5 kg of opium in Osh\n- Ministers meet in Baku\n\nBody two.",
     "Body one.\n\nBody two."),
    ("Body one.\n\nRead more\n- Customs intercepts 900 kilos of cocaine\n", "Body one."),
    # a teaser line of its own
    ("Body one.\nAlso Read: NDLEA arrests 2 with 30kg skunk in Kano\nBody two.", "Body one.\nBody two."),
])
def test_boilerplate_blocks_end_at_their_block(text, expected):
    assert clean_text(text) == expected


def test_author_bio_is_cut():
    text = ("Police seized 3 kg of opium.\n\nAnna Petrova\n\n\n"
            "Anna Petrova has worked for The Daily Steppe as a reporter since 2001. She studied in Almaty.")
    assert clean_text(text) == "Police seized 3 kg of opium."
