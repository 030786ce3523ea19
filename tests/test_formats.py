"""Documents as analysts have them: a folder mixing every format, each read as a person reads it.

Every document here is written for these tests (press-release style, invented facts). The PDF is
drawn with fpdf2 (a dev dependency), the Word file with python-docx, both in ``tmp_path``.
"""

from __future__ import annotations

import email.message
import json
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from analysis import extract
from analysis.text.corpus import (
    Document,
    Skipped,
    decode,
    html_plain_text,
    iter_paths,
    markdown_text,
    published_day,
    read_corpus,
    read_file,
)

HEADER = "PORT AUTHORITY NEWS | Media release | www.port-authority.example"
FOOTER = "Page {page} of {{nb}}   (c) 2024 Port Authority. All rights reserved"
FURNITURE_WORDS = ("Media release", "www.port-authority", "All rights reserved", "Page 1", "Page 2")

TEXT_RELEASE = """Coastguard stops speedboat carrying hashish

17 April 2024

ALMERIA, Spain – A coastguard patrol intercepted a speedboat off the coast of Almeria on Tuesday and seized \
950 kilograms of hashish packed in forty bales, the maritime service said.

Two crew members were detained after a chase of twelve nautical miles.
"""

MARKDOWN_RELEASE = """# River patrol finds cannabis in fishing boats

*Published 14 May 2024*

**CORRIENTES, Argentina** – Federal police patrolling the river seized **410 kilograms** of cannabis
hidden under nets in two fishing boats, the security ministry said on Monday.

- Four men were arrested.
- The boats were towed to the naval base.
"""

HTML_RELEASE = """<!DOCTYPE html><html><head><title>Airport dogs find heroin in suitcases</title>
<link rel="canonical" href="https://airport-police.example/news/heroin-suitcases"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Airport dogs find heroin in suitcases</h1>
<p>2 September 2024</p>
<p>NAIROBI, Kenya – Sniffer dogs at the international airport led officers to 18 kilograms of heroin in the
false bottoms of three suitcases on Sunday, the anti-narcotics unit said.</p>
<p>A passenger arriving from Doha was arrested at the gate and will appear in court on Thursday.</p>
</article><footer>Copyright Airport Police</footer></body></html>
"""

# what a browser's "Save page as, complete" leaves beside the page: parts of it, not documents
SAVED_PAGE_PART = "<html><body><p>Officers seized 999 kilograms of cocaine in an advert frame.</p></body></html>"

PDF_PAGE_1 = [
    ("title", "Dock workers' tip leads to cocaine in frozen fish"),
    ("body", "21 August 2024"),
    ("body", "ANTWERP, Belgium - Customs officers at the container terminal seized 1,300 kilograms of cocaine "
             "hidden among boxes of frozen fish from Guayaquil, the customs administration said on Wednesday. "
             "The drugs were found in two refrigerated containers after dock workers reported broken seals."),
    ("body", "The shipment had been declared as frozen tuna and was due to be collected by a transport company "
             "registered a month earlier. Investigators traced the company to an address that turned out to be "
             "an empty office, and officers then searched the warehouse where the boxes were to be stored, "
             "finding a further 70 kilograms of cocaine in a van parked at the loading bay and cash hidden in"),
]
PDF_PAGE_2 = [
    ("body", "the walls of the office behind it. Three men were arrested at the warehouse."),
    ("body", "The customs administration said that seizures at the terminal had doubled since last year."),
]

DOCX_PARAGRAPHS = [
    ("heading", "Border guards stop methamphetamine lorry"),
    ("body", "9 October 2024"),
    ("body", "TASHKENT, Uzbekistan – Border guards at a crossing point seized 62 kilograms of methamphetamine "
             "concealed in the fuel tank of a lorry, the State Customs Committee said on Tuesday."),
    ("body", "The driver was detained and a criminal case was opened."),
]

JSONL_GOOD = {"id": "wire-0412", "title": "Navy seizes heroin from dhow in Arabian Sea",
              "published": "Wed, 28 Feb 2024 11:05:00 GMT", "url": "https://wire.example/2024/02/dhow-heroin",
              "text": "Navy seizes heroin from dhow in Arabian Sea\n\nKARACHI, Pakistan – A navy ship stopped a dhow "
                      "in the Arabian Sea and seized 230 kilograms of heroin, the navy said on Wednesday."}
JSONL_SECOND = {"id": "wire-0413", "title": "Police find opium in truck", "published": "29 February 2024",
                "text": "Police find opium in truck\n\nQUETTA, Pakistan – Police seized 45 kilograms of opium from "
                        "a truck at a checkpoint on the highway, officials said."}


def _pdf(path: Path, pages: list[list[tuple[str, str]]]) -> None:
    """A release as a PDF: a small running header and a numbered footer on every page."""

    class Release(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, HEADER, align="C")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, FOOTER.format(page=self.page_no()), align="C")

    pdf = Release()
    pdf.alias_nb_pages()
    for lines in pages:
        pdf.add_page()
        for kind, text in lines:
            pdf.set_font("Helvetica", "B" if kind == "title" else "", 16 if kind == "title" else 11)
            pdf.multi_cell(0, 8 if kind == "title" else 6, text)
            pdf.ln(4)
    pdf.output(str(path))


def _docx(path: Path, paragraphs: list[tuple[str, str]]) -> None:
    document = docx.Document()
    for kind, text in paragraphs:
        if kind == "heading":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    document.save(str(path))


def _mixed_folder(root: Path) -> Path:
    folder = root / "corpus"
    folder.mkdir()
    (folder / "coastguard.txt").write_text(TEXT_RELEASE, encoding="utf-8")
    (folder / "copy of coastguard.txt").write_text(TEXT_RELEASE, encoding="utf-8")  # the same file saved twice
    (folder / "river.md").write_text(MARKDOWN_RELEASE, encoding="utf-8")
    (folder / "airport.html").write_text(HTML_RELEASE, encoding="utf-8")
    (folder / "airport_files").mkdir()
    (folder / "airport_files" / "frame.html").write_text(SAVED_PAGE_PART, encoding="utf-8")
    _pdf(folder / "terminal.pdf", [PDF_PAGE_1, PDF_PAGE_2])
    _docx(folder / "lorry.docx", DOCX_PARAGRAPHS)
    nested = "[" * 100_000 + "]" * 100_000
    (folder / "wire.jsonl").write_text("\n".join([json.dumps(JSONL_GOOD), '{"text": "cut off', nested,
                                                  json.dumps(JSONL_SECOND)]) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    folder = _mixed_folder(tmp_path_factory.mktemp("formats"))
    return folder, extract(folder, progress=False)


def _document(tables, doc_id: str) -> dict:
    rows = tables.documents[tables.documents["doc_id"] == doc_id].to_dict("records")
    assert len(rows) == 1, tables.documents[["doc_id", "path"]]
    return rows[0]


def _seizures(tables, doc_id: str) -> list[tuple[str, float]]:
    frame = tables.seizures[tables.seizures["doc_id"] == doc_id]
    return sorted(zip(frame["drug"], frame["quantity_kg"], strict=True))


# doc id -> (title, published, dateline city, dateline country, seizures as (drug, kilograms))
EXPECTED = {
    "coastguard": ("Coastguard stops speedboat carrying hashish", "2024-04-17", "Almeria", "ESP", [("hashish", 950.0)]),
    "river": ("River patrol finds cannabis in fishing boats", "2024-05-14", "Corrientes", "ARG", [("cannabis", 410.0)]),
    "airport": ("Airport dogs find heroin in suitcases", "2024-09-02", "Nairobi", "KEN", [("heroin", 18.0)]),
    "terminal": ("Dock workers' tip leads to cocaine in frozen fish", "2024-08-21", "Antwerp", "BEL",
                 [("cocaine", 70.0), ("cocaine", 1300.0)]),
    "lorry": ("Border guards stop methamphetamine lorry", "2024-10-09", "Tashkent", "UZB", [("methamphetamine", 62.0)]),
    "wire-0412": ("Navy seizes heroin from dhow in Arabian Sea", "2024-02-28", "Karachi", "PAK", [("heroin", 230.0)]),
    "wire-0413": ("Police find opium in truck", "2024-02-29", "Quetta", "PAK", [("opium", 45.0)]),
}


def test_every_document_of_the_mixed_folder_is_read_once(mixed):
    _, tables = mixed
    assert sorted(tables.documents["doc_id"]) == sorted(EXPECTED)


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_each_document_is_read_as_a_person_reads_it(mixed, doc_id):
    _, tables = mixed
    title, published, city, country, seizures = EXPECTED[doc_id]
    row = _document(tables, doc_id)
    assert (row["title"], row["published"], row["dateline_city"], row["dateline_country"]) == (
        title, published, city, country)
    assert _seizures(tables, doc_id) == seizures


def test_no_sentence_holds_a_running_header_or_footer(mixed):
    _, tables = mixed
    sentences = [s for name in ("seizures", "counts", "visits", "meetings") for s in getattr(tables, name)["sentence"]]
    assert sentences
    assert not [s for s in sentences if any(word in s for word in FURNITURE_WORDS)]
    (terminal,) = [d for d in read_file(_only(mixed, "terminal.pdf"))]
    assert not any(word in terminal.text for word in FURNITURE_WORDS)


def _only(mixed, name: str) -> Path:
    folder, _ = mixed
    return folder / name


def test_the_pdf_keeps_paragraphs_and_joins_the_one_that_runs_over_the_page_break(mixed):
    (terminal,) = list(read_file(_only(mixed, "terminal.pdf")))
    paragraphs = terminal.text.split("\n\n")
    assert paragraphs[:2] == ["Dock workers' tip leads to cocaine in frozen fish", "21 August 2024"]
    assert paragraphs[2].startswith("ANTWERP, Belgium - Customs officers") and paragraphs[2].endswith("broken seals.")
    assert "cash hidden in the walls of the office behind it. Three men were arrested" in paragraphs[3]
    assert len(paragraphs) == 5


def test_the_duplicate_is_a_skipped_row_naming_the_first(mixed):
    folder, tables = mixed
    skipped = dict(zip(tables.skipped["path"], tables.skipped["reason"], strict=True))
    assert str(folder / "coastguard.txt") not in skipped
    assert skipped[str(folder / "copy of coastguard.txt")] == (
        f"same content as {folder / 'coastguard.txt'} (identical SHA-256), read once")


def test_bad_and_deeply_nested_json_lines_are_skipped_rows_and_the_others_kept(mixed):
    folder, tables = mixed
    skipped = dict(zip(tables.skipped["path"], tables.skipped["reason"], strict=True))
    assert skipped[f"{folder / 'wire.jsonl'}:2"].startswith("invalid JSON (Unterminated string")
    assert skipped[f"{folder / 'wire.jsonl'}:3"] in ("invalid JSON (nested too deeply)", "JSON line has no 'text' string")
    assert len(tables.skipped) == 3  # the duplicate and the two lines: nothing else was refused


def test_the_url_of_a_json_line_and_of_an_html_page_is_kept(mixed):
    _, tables = mixed
    assert _document(tables, "wire-0412")["url"] == "https://wire.example/2024/02/dhow-heroin"
    assert _document(tables, "airport")["url"] == "https://airport-police.example/news/heroin-suitcases"
    assert _document(tables, "wire-0413")["url"] == ""


def test_the_saved_page_folder_is_not_read(mixed):
    folder, tables = mixed
    assert not any("airport_files" in path for path in tables.documents["path"])
    assert 999.0 not in set(tables.seizures["quantity_kg"])
    assert not any("airport_files" in str(item) for item in iter_paths([folder]))


# --- one format or bug at a time -----------------------------------------------------------------

def test_markdown_loses_its_marks_and_keeps_its_lines():
    title, text = markdown_text(MARKDOWN_RELEASE)
    assert title == "River patrol finds cannabis in fishing boats"
    assert text.split("\n\n")[:3] == [
        "River patrol finds cannabis in fishing boats", "Published 14 May 2024",
        "CORRIENTES, Argentina – Federal police patrolling the river seized 410 kilograms of cannabis\n"
        "hidden under nets in two fishing boats, the security ministry said on Monday."]
    assert "*" not in text and "#" not in text
    assert "- Four men were arrested." in text


def test_markdown_links_code_and_tables_read_as_text():
    _, text = markdown_text("See [the statement](https://x.example/s) and `case 12`.\n\n| drug | kg |\n|---|---|\n"
                            "| opium | 15 |\n")
    assert text == "See the statement and case 12.\n\ndrug | kg\n\nopium | 15"


def test_a_docx_alone_is_read_and_a_broken_one_says_so(tmp_path):
    _docx(tmp_path / "lorry.docx", DOCX_PARAGRAPHS)
    (document,) = list(read_file(tmp_path / "lorry.docx"))
    assert document.title == "Border guards stop methamphetamine lorry"
    assert document.text.split("\n\n")[1] == "9 October 2024"
    (tmp_path / "fake.docx").write_bytes(b"PK\x03\x04 not a word file")
    assert [str(i) for i in read_file(tmp_path / "fake.docx")] == [
        f"{tmp_path / 'fake.docx'}: broken .docx, not a Word document (BadZipFile)"]


def test_a_docx_table_reads_row_by_row(tmp_path):
    document = docx.Document()
    document.add_paragraph("Seizures by province in the first quarter were reported as follows.")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("Province", "Heroin"), ("Balkh", "120 kg")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.save(str(tmp_path / "table.docx"))
    (read,) = list(read_file(tmp_path / "table.docx"))
    assert read.text.split("\n\n")[1:] == ["Province | Heroin", "Balkh | 120 kg"]


def test_documents_in_formats_not_read_are_named_not_passed_over(tmp_path):
    (tmp_path / "release.txt").write_text("Police seized 3 kg of heroin.", encoding="utf-8")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "raid.jpg").write_bytes(b"\xff\xd8")
    items = [str(i) for i in read_corpus([tmp_path]) if isinstance(i, Skipped)]
    assert items == [f"{tmp_path / 'old.doc'}: .doc documents are not read (save it as .docx, .pdf or .txt)",
                     f"{tmp_path / 'photos'}: folder holds no supported files "
                     "(.txt, .md, .markdown, .html, .htm, .pdf, .docx, .eml, .jsonl)"]


def test_a_saved_page_folder_needs_its_page_beside_it(tmp_path):
    (tmp_path / "reports_files").mkdir()  # no reports.html: an ordinary folder that happens to end in _files
    (tmp_path / "reports_files" / "q1.txt").write_text("Police seized 3 kg of heroin.", encoding="utf-8")
    (tmp_path / "Page.HTM").write_text(HTML_RELEASE, encoding="utf-8")
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "frame.html").write_text(SAVED_PAGE_PART, encoding="utf-8")
    assert sorted(p.name for p in iter_paths([tmp_path])) == ["Page.HTM", "q1.txt"]


def test_a_one_page_pdf_loses_its_small_print_in_the_margins(tmp_path):
    _pdf(tmp_path / "one.pdf", [PDF_PAGE_1[:3]])
    (document,) = list(read_file(tmp_path / "one.pdf"))
    assert document.text.startswith("Dock workers' tip leads to cocaine in frozen fish\n\n21 August 2024\n\nANTWERP")
    assert not any(word in document.text for word in FURNITURE_WORDS)


def test_a_pdf_in_two_columns_reads_column_by_column(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    left = "Police in the north seized 12 kilograms of heroin from a bus near the border town on Friday. " * 3
    right = "In the south, navy divers recovered 40 kilograms of cocaine from the hull of a cargo ship. " * 3
    top = pdf.get_y()
    pdf.set_xy(10, top)
    pdf.multi_cell(90, 5, left)
    pdf.set_xy(110, top)
    pdf.multi_cell(90, 5, right)
    pdf.output(str(tmp_path / "columns.pdf"))
    (document,) = list(read_file(tmp_path / "columns.pdf"))
    assert document.text.split("\n\n") == [left.strip(), right.strip()]


def test_a_deeply_nested_html_page_falls_back_to_its_plain_text(tmp_path):
    body = ("<p>MOMBASA, Kenya – Port police seized 75 kilograms of heroin from a container of ceramic tiles "
            "on Friday, the police said.</p>")
    page = ("<html><head><title>Tiles hid heroin</title><style>p {color: red}</style></head><body>"
            + "<div>" * 255 + body + "</div>" * 255 + "<script>var seized = '99 kilograms';</script></body></html>")
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    (document,) = list(read_file(tmp_path / "deep.html"))
    assert isinstance(document, Document)
    assert document.title == "Tiles hid heroin"
    assert document.text.startswith("Tiles hid heroin\n\nMOMBASA, Kenya – Port police seized 75 kilograms")
    assert "99" not in document.text and "color" not in document.text
    tables = extract(tmp_path / "deep.html", progress=False)
    assert list(tables.seizures["quantity_kg"]) == [75.0]


def test_html_plain_text_takes_the_first_heading_when_there_is_no_title():
    assert html_plain_text("<body><h1>Cocaine in <b>coffee</b></h1><p>Officers seized 5 kg.</p></body>") == (
        "Cocaine in coffee", "Cocaine in coffee\n\nOfficers seized 5 kg.")


def test_a_file_mixing_utf8_and_cp1252_lines_is_decoded_line_by_line():
    data = ("Opération Cobalt – saisie record à Marseille\n".encode() +
            "Les douaniers ont saisi 320 kilos de résine de cannabis à bord d'un camion frigorifique.\n".encode("cp1252"))
    assert decode(data) == ("Opération Cobalt – saisie record à Marseille\n"
                            "Les douaniers ont saisi 320 kilos de résine de cannabis à bord d'un camion frigorifique.\n")


def test_a_file_in_one_encoding_is_still_decoded_whole():
    text = "Таможенники изъяли 40 кг героина на границе.\nЗадержан водитель грузовика.\n"
    assert decode(text.encode("cp1251")) == text


@pytest.mark.parametrize(("written", "day"), [
    ("Wed, 28 Feb 2024 11:05:00 GMT", "2024-02-28"),
    ("Wed, 28 Feb 2024 23:30:00 -0500", "2024-02-28"),  # the writer's own day, not the UTC one
    ("2024-02-28T11:05:00Z", "2024-02-28"),
    ("28 February 2024", "2024-02-28"),
    ("February 28, 2024 11:05 AM", "2024-02-28"),
    ("28/02/2024", "2024-02-28"),
    ("2024/02/28 10:00", "2024-02-28"),
    (1709118300, "2024-02-28"),
    (1709118300000, "2024-02-28"),
    ("March 2024", ""),  # no day: not a publication day
    ("Tuesday", ""),
    ("soon", ""),
    (12, ""),
    (None, ""),
    (True, ""),
])
def test_a_publication_date_in_any_common_form(written, day):
    assert published_day(written) == day


def test_a_json_line_with_a_non_text_url_or_title_is_still_read(tmp_path):
    line = {"text": "Police seized 8 kg of heroin in Osh.", "url": {"href": "x"}, "title": ["a"], "published": 1709118300}
    (tmp_path / "odd.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    (document,) = list(read_file(tmp_path / "odd.jsonl"))
    assert (document.url, document.title, document.published) == ("", "", "2024-02-28")


def test_a_jsonl_of_deeply_nested_lines_keeps_its_good_line(tmp_path):
    lines = ['{"text": ' + "[" * 50_000 + "]" * 50_000 + "}", json.dumps(JSONL_SECOND), "{" * 200_000]
    (tmp_path / "deep.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = list(read_file(tmp_path / "deep.jsonl"))
    assert [type(i).__name__ for i in items] == ["Skipped", "Document", "Skipped"]
    assert items[1].doc_id == "wire-0413"
    assert all("nested too deeply" in i.reason or i.reason.startswith("invalid JSON") for i in items[::2])


def _mail(subject: str, date: str, body: str, html: bool = False) -> email.message.EmailMessage:
    message = email.message.EmailMessage()
    message["From"] = "Press Office <press@customs.example>"
    message["To"] = "newsdesk@paper.example"
    message["Subject"] = subject
    message["Date"] = date
    message.set_content(body, subtype="html" if html else "plain")
    return message


MAIL_BODY = ("BANDAR ABBAS, Iran – Customs officers seized 85 kilograms of opium hidden in a shipment of dates "
             "at the port on Saturday, the customs office said.\n\nA driver was arrested.\n\n-- \nPress Office\n"
             "Tel. +98 000 0000\n")


def test_a_mail_gives_its_subject_date_and_body(tmp_path):
    message = _mail("Opium found in dates shipment", "Sun, 12 May 2024 09:30:00 +0330", MAIL_BODY)
    (tmp_path / "opium.eml").write_bytes(message.as_bytes())
    (document,) = list(read_file(tmp_path / "opium.eml"))
    assert (document.title, document.published) == ("Opium found in dates shipment", "2024-05-12")
    assert document.text.startswith("Opium found in dates shipment\n\nBANDAR ABBAS, Iran – Customs officers")
    assert "Press Office" not in document.text and "Tel." not in document.text  # the signature is not the release
    tables = extract(tmp_path, progress=False)
    assert list(zip(tables.seizures["drug"], tables.seizures["quantity_kg"], strict=True)) == [("opium", 85.0)]


def test_an_html_mail_and_its_attachments_are_read(tmp_path):
    message = _mail("Weekly bulletin", "Mon, 13 May 2024 08:00:00 +0000",
                    "<html><body><p>KABUL, Afghanistan – Police seized 30 kilograms of heroin in a raid on Sunday, "
                    "the ministry said.</p></body></html>", html=True)
    _docx(tmp_path / "lorry.docx", DOCX_PARAGRAPHS)
    message.add_attachment((tmp_path / "lorry.docx").read_bytes(), maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename="lorry.docx")
    message.add_attachment(b"\x89PNG\r\n", maintype="image", subtype="png", filename="logo.png")
    (tmp_path / "lorry.docx").unlink()
    (tmp_path / "bulletin.eml").write_bytes(message.as_bytes())
    items = list(read_file(tmp_path / "bulletin.eml"))
    assert [(i.doc_id, i.title, i.published) for i in items] == [
        ("bulletin", "Weekly bulletin", "2024-05-13"),
        ("bulletin-lorry", "Border guards stop methamphetamine lorry", "2024-05-13")]
    assert items[0].text.startswith("Weekly bulletin\n\nKABUL, Afghanistan – Police seized 30 kilograms")
    assert items[1].path == str(tmp_path / "bulletin.eml#lorry.docx")


def test_an_empty_mail_is_a_skipped_file(tmp_path):
    (tmp_path / "empty.eml").write_bytes(_mail("Hello", "Mon, 13 May 2024 08:00:00 +0000", "\n").as_bytes())
    assert [str(i) for i in read_file(tmp_path / "empty.eml")] == [
        f"{tmp_path / 'empty.eml'}: mail has no text body and no readable attachment"]
