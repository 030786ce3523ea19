"""Reading a corpus: files and folders in, clean documents (or skip reasons) out.

Supported: ``.txt`` (encoding detected: UTF-8, UTF-16 with BOM, cp1251,
latin-1 via charset-normalizer; a file mixing encodings line by line),
``.md``/``.markdown`` (Markdown read as text, its first heading the title),
``.html``/``.htm`` (main text and metadata via trafilatura; plain text of
every element when trafilatura gives up), ``.pdf`` (pypdf; running headers,
footers and page numbers removed, paragraphs kept), ``.docx`` (python-docx),
``.eml`` (a mail: Subject, Date, body; attachments in these formats are read
as documents of their own) and ``.jsonl`` (one document per line, keys in
:data:`JSONL_KEYS`).

Every problem becomes a :class:`Skipped` record with a one-line reason
instead of an exception, so one bad file never stops a corpus. Web
boilerplate ("All news", "Print", cookie lines, contact blocks, author bios)
is removed from the text before any extractor sees it; the cleaned text is
the text all character offsets refer to.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import logging
import os
import re
import stat
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from analysis.text.lexicons import for_lowered_text, holds_any, lower_for_matching, read_rows, required_words, words_to_test

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".eml", ".jsonl")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

JSONL_KEYS = {
    "text": "the document's text (required)",
    "title": "its headline",
    "published": "publication date: ISO (2024-02-28, 2024-02-28T11:05:00Z), RFC 2822 (Wed, 28 Feb 2024 11:05:00 GMT), "
                 "a written date (28 February 2024, 28/02/2024) or Unix seconds",
    "date": "the same, when there is no 'published'",
    "url": "where it was published (kept in the documents table)",
    "id": "its document id (default: the file's name and line number)",
}
"""The keys a line of a ``.jsonl`` file may have (shown in ``extract --help`` and the README)."""


@dataclass(slots=True)
class Document:
    """One document: its id, source path, cleaned text and source metadata."""

    doc_id: str
    path: str
    text: str
    title: str = ""
    published: str = ""  # ISO date from the source's metadata, if any
    url: str = ""
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file (or line) that could not be read, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{shown_path(self.path)}: {' '.join(self.reason.split())}"


_UNSAFE_IN_A_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def shown_path(path: str) -> str:
    """A path as one line of a log: quoted, with control characters, line breaks and lone surrogates
    escaped (a file name holding a newline must not forge a second "error:" line)."""
    if not _UNSAFE_IN_A_LINE.search(path) and " " not in path and '"' not in path:
        return path
    escaped = _UNSAFE_IN_A_LINE.sub(lambda m: m.group(0).encode("unicode_escape", "backslashreplace").decode("ascii"),
                                    path.replace("\\", "\\\\").replace('"', '\\"'))
    return f'"{escaped}"'


def writable(text: str) -> str:
    """``text`` with lone UTF-16 surrogates (an undecodable file name, a bad "\\ud800" escape in JSON)
    replaced by U+FFFD, so that every table can be written as UTF-8."""
    if text.isascii():  # (a constant-time test in CPython) most texts: no surrogate to look for
        return text
    return _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text


_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


class UnreadableDocument(Exception):
    """Raised inside the reader for a file that cannot become a document."""


# --- discovery ------------------------------------------------------------------

LOCK_NAME = ".analysis.lock"
"""The lock file ``store.output_lock`` keeps in an output folder; a folder holding it is never read as corpus."""


def iter_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Path | Skipped]:
    """Supported files under ``paths`` (files or folders, recursive), sorted, once each.

    Missing paths, broken symbolic links, symlink loops and folders with no
    supported file are reported as :class:`Skipped`. A folder is reported when
    it is named in ``paths`` or lies inside one and nothing under it is
    supported (only the topmost such folder, after the files of its walk).
    Hidden files and folders (names starting with ".") inside a folder are
    ignored, and so is the ``page_files/`` folder a browser saves beside
    ``page.html``; a document in a format not read (``.doc``, ``.odt`` ...)
    is a :class:`Skipped` record. No file is opened here.
    """
    for raw in paths:
        path = Path(raw)
        try:
            if not path.exists() and not path.is_symlink():
                yield Skipped(str(path), "no such file or folder")
                continue
            if path.is_symlink() and not path.exists():
                yield Skipped(str(path), "broken symbolic link or symlink loop")
                continue
            is_dir = path.is_dir()
        except OSError as error:
            yield Skipped(str(path), _os_reason(error))
            continue
        if not is_dir:  # a file, or a pipe or device that read_file will refuse
            yield path
            continue
        yield from _walk(path)


def _walk(path: Path) -> Iterator[Path | Skipped]:
    seen_dirs: set[tuple[int, int]] = set()
    with_files: set[str] = set()  # folders that hold a supported file, and their parents
    walked: list[str] = []
    errors: list[OSError] = []
    for root, dirs, files in os.walk(path, followlinks=True, onerror=errors.append):
        yield from _listing_errors(errors)
        try:
            info = os.stat(root)
        except OSError as error:
            dirs[:] = []
            yield Skipped(root, _os_reason(error))
            continue
        if (info.st_dev, info.st_ino) in seen_dirs:
            dirs[:] = []
            yield Skipped(root, "symlink loop (folder already visited)")
            continue
        seen_dirs.add((info.st_dev, info.st_ino))
        if LOCK_NAME in files and root != str(path):  # an output folder of ours inside the corpus
            dirs[:] = []
            continue
        walked.append(root)
        pages = {name.lower() for name in files if name.lower().endswith((".html", ".htm"))}
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _saved_page_folder(d, pages))
        for name in sorted(files):
            if name.startswith("."):
                continue
            file_path = Path(root) / name
            try:
                broken = file_path.is_symlink() and not file_path.exists()
            except OSError as error:
                yield Skipped(str(file_path), _os_reason(error))
                continue
            if broken:
                yield Skipped(str(file_path), "broken symbolic link or symlink loop")
            elif file_path.suffix.lower() in SUPPORTED_SUFFIXES:
                with_files.add(root)
                yield file_path
            elif file_path.suffix.lower() in UNREAD_DOCUMENT_SUFFIXES:
                with_files.add(root)  # named in a line of its own: not also "folder holds no supported files"
                yield Skipped(str(file_path), f"{file_path.suffix.lower()} documents are not read "
                              "(save it as .docx, .pdf or .txt)")
    yield from _listing_errors(errors)
    for root in walked[::-1]:  # children before parents: mark the parents of folders with files
        if root in with_files and root != str(path):
            with_files.add(os.path.dirname(root))
    inside_reported: set[str] = set()  # reported folders and everything under them (a set: 20,000 empty folders)
    for root in walked:  # parents before children: report only the topmost empty folder
        if os.path.dirname(root) in inside_reported:
            inside_reported.add(root)
        elif root not in with_files:
            inside_reported.add(root)
            yield Skipped(root, "folder holds no supported files (" + ", ".join(SUPPORTED_SUFFIXES) + ")")


UNREAD_DOCUMENT_SUFFIXES = (".doc", ".odt", ".rtf", ".pages", ".epub", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".msg")
"""Documents a folder may hold that are not read: each is named in a skip record, not passed over in silence."""


def _saved_page_folder(name: str, pages: set[str]) -> bool:
    """Whether a folder holds the images and scripts a browser saved beside a page ("Save page as,
    complete": "release.html" and "release_files/"): its pages are copies of parts, not documents."""
    lowered = name.lower()
    return lowered.endswith("_files") and bool({lowered[:-6] + ".html", lowered[:-6] + ".htm"} & pages)


def _listing_errors(errors: list[OSError]) -> Iterator[Skipped]:
    """Folders ``os.walk`` could not list (it reports them through ``onerror``)."""
    while errors:
        error = errors.pop(0)
        yield Skipped(str(error.filename), "cannot list folder: " + (error.strerror or str(error)).lower())


def _os_reason(error: OSError) -> str:
    """A one-line reason for an operating-system error."""
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "symlink loop"
    return f"cannot read: {error.strerror or error}"


def read_corpus(
    paths: Iterable[str | os.PathLike], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | Skipped]:
    """Documents and skip records for every file under ``paths``, one at a time."""
    for item in iter_paths(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        yield from read_file(item, max_bytes=max_bytes)


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Skipped]:
    """The document(s) in one file; a :class:`Skipped` record when it cannot be read.

    Never raises: an error inside a format's reader (a library bug, a hostile
    file) becomes a skip record naming the error, so the corpus goes on.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a named pipe would block the run forever
            yield Skipped(str(path), "not a regular file (named pipe, socket or device)")
            return
        size = info.st_size
        if size > max_bytes:
            yield Skipped(str(path), f"file is {size:,} bytes, over the limit of {max_bytes:,}")
            return
        data = read_bounded(path, max_bytes)
        yield from read_bytes(path, data)
    except UnreadableDocument as error:
        yield Skipped(str(path), str(error))
    except OSError as error:
        yield Skipped(str(path), _os_reason(error))
    except Exception as error:  # one bad file must not stop a corpus
        message = " ".join(str(error).split())[:120]
        yield Skipped(str(path), f"reader failed ({type(error).__name__}: {message})" if message
                      else f"reader failed ({type(error).__name__})")


def read_bytes(path: Path, data: bytes) -> Iterator[Document | Skipped]:
    """The document(s) in the bytes of one file, read by the format its suffix names (plain text
    when the suffix is none of ours); raises :class:`UnreadableDocument` for a file that gives none."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path, data)
    elif suffix == ".eml":
        yield from _read_eml(path, data)
    elif suffix in (".html", ".htm"):
        yield _read_html(path, data)
    elif suffix == ".pdf":
        yield _read_pdf(path, data)
    elif suffix == ".docx":
        yield _read_docx(path, data)
    elif suffix in (".md", ".markdown"):
        yield _read_markdown(path, data)
    else:
        yield _document(path, path.stem, decode(data))


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``, reading at most ``max_bytes`` + 1 of them whatever size the file system reports
    (a /proc file says 0 and never ends); raises :class:`UnreadableDocument` past the limit."""
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UnreadableDocument(f"file is over the limit of {max_bytes:,} bytes (its reported size was smaller)")
    return data


# --- formats ----------------------------------------------------------------------

def decode(data: bytes) -> str:
    """Text from bytes: BOMs first, then strict UTF-8, then charset-normalizer's best guess."""
    if not data.strip():
        raise UnreadableDocument("empty file")
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:4096]:
        raise UnreadableDocument("binary content, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    return _decode_single(data)


_GUESSED_ENCODINGS = ["cp1251", "latin_1", "cp1252", "koi8_r", "utf_8"]
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def _decode_single(data: bytes) -> str:
    """Bytes in one encoding that is not UTF-8: charset-normalizer's best guess."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_GUESSED_ENCODINGS).best()
    if best is None:
        raise UnreadableDocument("undecodable bytes (not a known text encoding)")
    return str(best)


def _decode_mixed(data: bytes) -> str | None:
    """A file whose lines are in two encodings, decoded line by line; None when it is in one.

    Pasting from several sources gives such files: a UTF-8 line ("Santé – ...") beside a
    cp1252 one. Decoding all of it in one guessed encoding turns every UTF-8 letter into two wrong
    ones ("SantÃ©"), so each line that is valid UTF-8 and holds a multi-byte character is read
    as UTF-8, and the other lines in the encoding guessed from them alone.
    """
    lines = data.split(b"\n")
    utf8_lines = [index for index, line in enumerate(lines) if _UTF8_MULTIBYTE.search(line) and _is_utf8(line)]
    if not utf8_lines:
        return None
    utf8 = set(utf8_lines)
    others = b"\n".join(line for index, line in enumerate(lines) if index not in utf8 and not line.isascii())
    encoding = "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(others, cp_isolation=_GUESSED_ENCODINGS).best()
    if best is not None and best.encoding != "utf_8":
        encoding = best.encoding
    return "\n".join(line.decode("utf-8") if index in utf8 else line.decode(encoding, errors="replace")
                     for index, line in enumerate(lines))


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _read_html(path: Path, data: bytes) -> Document:
    import trafilatura

    html = decode(data)
    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except (RecursionError, ValueError):  # a page nested deeper than the tree builder goes
        extracted = None
    if extracted is None:
        # trafilatura found no main text: a page nested deeper than libxml2's 255 levels gives it no tree
        # at all. A streaming reader needs no tree: the page's own text, headings and paragraphs apart.
        title, text = html_plain_text(html)
        if not _LETTER_OR_DIGIT.search(text):
            raise UnreadableDocument("HTML holds no extractable main text")
        if title and not text.startswith(title):
            text = f"{title}\n\n{text}"
        return _document(path, path.stem, text, title=title)
    meta = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = meta.get("text") or ""
    title = meta.get("title") or ""
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return _document(path, path.stem, text, title=title, published=meta.get("date") or "",
                     url=meta.get("url") or "", meta={"sitename": meta.get("sitename") or ""})


_HTML_BLOCKS = frozenset("address article aside blockquote br dd div dl dt figcaption footer h1 h2 h3 h4 h5 h6 header hr "
                         "li main nav ol p pre section table td th tr ul".split())
_HTML_UNREAD = frozenset(("script", "style", "noscript", "template", "svg", "head", "iframe", "object"))


def html_plain_text(html: str) -> tuple[str, str]:
    """(title, text) of an HTML page read as a stream of tags, at any nesting depth: the text of every
    element but scripts, styles and the head, a line break at each block ("<p>", "<div>", "<li>"), the
    title from ``<title>`` or else the first ``<h1>``."""
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.unread = 0  # inside a script, a style or the head (a stack depth: these may nest)
            self.in_title = self.in_h1 = False
            self.title: list[str] = []
            self.h1: list[str] = []
            self.h1_done = False

        def handle_starttag(self, tag, attrs):
            if tag == "title":
                self.in_title = True
            elif tag in _HTML_UNREAD:
                self.unread += 1
            elif tag == "h1" and not self.h1_done:
                self.in_h1 = True
            if tag in _HTML_BLOCKS:
                self.parts.append("\n")

        def handle_endtag(self, tag):
            if tag == "title":
                self.in_title = False
            elif tag in _HTML_UNREAD and self.unread:
                self.unread -= 1
            elif tag == "h1" and self.in_h1:
                self.in_h1, self.h1_done = False, True
            if tag in _HTML_BLOCKS:
                self.parts.append("\n")

        def handle_data(self, data):
            if self.in_title:
                self.title.append(data)
            elif not self.unread:
                self.parts.append(data)
                if self.in_h1:
                    self.h1.append(data)

    reader = Reader()
    reader.feed(html)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    text = "\n\n".join(line for line in lines if line)
    title = " ".join("".join(reader.title).split()) or " ".join("".join(reader.h1).split())
    return title, text


def _read_pdf(path: Path, data: bytes) -> Document:
    import io

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    _quiet_library_logger("pypdf")
    try:
        with warnings.catch_warnings():  # a broken file's complaints go to the skip reason, not stderr
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                # many PDFs are encrypted with an owner password only: any viewer opens them
                try:
                    opened = reader.decrypt("")
                except DependencyError as error:
                    raise UnreadableDocument("encrypted PDF (AES; needs the 'cryptography' package)") from error
                if not opened:
                    raise UnreadableDocument("encrypted PDF (password required)")
            pages = [_pdf_page_lines(page) for page in reader.pages]
            info = reader.metadata or {}
    except UnreadableDocument:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise UnreadableDocument(f"broken or truncated PDF ({type(error).__name__})") from error
    text = unwrap(_pdf_text(pages))
    if not text.strip():
        raise UnreadableDocument("PDF holds no extractable text (scanned pages?)")
    title = str(info.get("/Title") or "") if hasattr(info, "get") else ""
    created = _pdf_date(info.get("/CreationDate") or info.get("/ModDate")) if hasattr(info, "get") else ""
    # the PDF's own metadata date is a fallback: a date line in its text (read by metadata.describe) wins
    return _document(path, path.stem, text, title=title, meta={"fallback_date": created} if created else {})


@dataclass(slots=True)
class _PdfLine:
    """A line of a PDF page as pypdf reads it, with where it stands and how large its letters are."""

    text: str
    y: float | None  # the baseline's height on the page (None when pypdf does not say)
    size: float  # the font size in points, as drawn
    page_height: float


def _pdf_page_lines(page) -> list[_PdfLine]:
    """The non-blank lines of a page in pypdf's reading order (its plain mode keeps a column's lines
    together, where a layout by position interleaves two columns), each with its height and font size."""
    try:
        height = float(page.mediabox.height)
    except (AttributeError, TypeError, ValueError):
        height = 0.0
    lines: list[_PdfLine] = []
    pieces: list[str] = []
    where: list[float | None] = [None, 0.0]  # the current line's baseline and font size

    def close() -> None:
        text = "".join(pieces)
        if text.strip():
            lines.append(_PdfLine(text.strip(), where[0], where[1], height))
        pieces.clear()
        where[:] = [None, 0.0]

    def visit(text, cm, tm, font_dict, font_size) -> None:
        for number, piece in enumerate(text.split("\n")):
            if number:
                close()
            if piece.strip() and where[0] is None:
                where[0] = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = abs(tm[2] * cm[1] + tm[3] * cm[3]) or 1.0
                where[1] = float(font_size or 0) * scale
            pieces.append(piece)

    text = page.extract_text(visitor_text=visit) or ""
    close()
    if not lines and text.strip():  # no visitor calls (a pypdf that does not make them): lines without places
        lines = [_PdfLine(line.strip(), None, 0.0, height) for line in text.split("\n") if line.strip()]
    return lines


# A page number alone on a line: "3", "- 3 -", "Page 3", "Page 3 of 12", "3/12", "p. 3"
_PAGE_NUMBER_LINE = re.compile(r"(?i)[-–—\s]*(?:page|p\.|pg\.?)?\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-–—\s]*")
# "Page 1 of 2   © 2024 ... All rights reserved": a footer that numbers its page
_PAGE_OF = re.compile(r"(?i)\bpage\s+\d{1,4}\s+(?:of|/)\s+\d{1,4}\b")
# what a page's margin prints besides the text: "www.example.org", "Media release |", "© 2024", "All rights reserved"
_FURNITURE_CUE = re.compile(r"(?i)www\.|https?://|\s\|\s|©|\(c\)\s*\d{4}|all rights reserved|\bconfidential\b|"
                            r"\b(?:press|media|news)\s+release\b")
_EDGE_LINES = 3  # a running header or footer takes at most this many lines at a page's top or bottom
_MARGIN_SHARE = 0.1  # the top and bottom tenth of a page are its margins


def _pdf_text(pages: list[list[_PdfLine]]) -> str:
    """The text of a PDF's pages as a person reads it: running headers and footers that repeat from
    page to page ("CUSTOMS NEWS | Press release | www.example.org"), page numbers ("Page 1 of 2") and
    small print in the margins removed; a blank line where the space between lines says a paragraph
    ends; a paragraph that runs on over a page break joined again."""
    body_size = _body_font_size(pages)
    repeated = _repeated_edge_lines(pages)
    kept_pages = [_without_page_furniture(lines, repeated, body_size) for lines in pages]
    gap = _line_gap(kept_pages)
    paragraphs: list[str] = []
    for kept in kept_pages:
        page_paragraphs: list[list[str]] = []
        previous: _PdfLine | None = None
        for line in kept:
            if previous is None or _starts_paragraph(previous, line, gap):
                page_paragraphs.append([])
            page_paragraphs[-1].append(line.text)
            previous = line
        for number, lines_of_paragraph in enumerate(page_paragraphs):
            text = "\n".join(lines_of_paragraph)
            if number == 0 and paragraphs and not re.search(r"[.!?:;\"”]$", paragraphs[-1]) \
                    and (text[:1].islower() or text[:1].isdigit()):
                paragraphs[-1] += "\n" + text  # "... seized 40 kg of" | page 2 | "heroin at the port"
            else:
                paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _edge_key(line: _PdfLine) -> str:
    """A line as its running header or footer repeats it: digits may change ("Page 1 of 2", "Page 2 of 2")."""
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


def _repeated_edge_lines(pages: list[list[_PdfLine]]) -> set[str]:
    """Lines standing at the top or bottom of at least half the pages (and of two at least)."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_edge_key(line) for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]})
    return {key for key, count in counts.items() if count >= 2 and count * 2 >= len(pages)}


def _body_font_size(pages: list[list[_PdfLine]]) -> float:
    """The font size most of the document's characters are in."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _is_page_furniture(line: _PdfLine, repeated: set[str], body_size: float) -> bool:
    text = line.text.strip()
    if _PAGE_NUMBER_LINE.fullmatch(text) or _PAGE_OF.search(text):
        return True
    not_larger = not body_size or line.size <= body_size + 0.5  # a title repeated as a running header is larger
    if _edge_key(line) in repeated and not_larger:
        return True
    in_margin = line.y is not None and line.page_height > 0 and (
        line.y > line.page_height * (1 - _MARGIN_SHARE) or line.y < line.page_height * _MARGIN_SHARE)
    return in_margin and line.size < body_size and bool(_FURNITURE_CUE.search(text))


def _without_page_furniture(lines: list[_PdfLine], repeated: set[str], body_size: float) -> list[_PdfLine]:
    """A page's lines without the running header and footer at its top and bottom."""
    start, stop = 0, len(lines)
    while start < min(_EDGE_LINES, stop) and _is_page_furniture(lines[start], repeated, body_size):
        start += 1
    while stop > max(start, len(lines) - _EDGE_LINES) and _is_page_furniture(lines[stop - 1], repeated, body_size):
        stop -= 1
    return lines[start:stop]


def _line_gap(pages: list[list[_PdfLine]]) -> float | None:
    """The distance from one line's baseline to the next inside a paragraph, or None: the lower quartile
    of the distances between lines of one size over all pages (a page of one-line paragraphs has only
    the wider distances between paragraphs; most lines of a document are inside one)."""
    gaps = sorted(previous.y - line.y for lines in pages for previous, line in zip(lines, lines[1:], strict=False)
                  if previous.y is not None and line.y is not None and abs(previous.size - line.size) < 0.5
                  and 0 < previous.y - line.y < 3 * max(line.size, 1))
    return gaps[len(gaps) // 4] if gaps else None


def _starts_paragraph(previous: _PdfLine, line: _PdfLine, gap: float | None) -> bool:
    """Whether a line begins a new paragraph: more space above it than between a paragraph's lines,
    a jump up the page (the next column), or letters of another size (a heading and its text)."""
    if previous.size and line.size and abs(previous.size - line.size) > 0.15 * max(previous.size, line.size):
        return True
    if gap is None or previous.y is None or line.y is None:
        return False
    distance = previous.y - line.y
    return distance > gap * 1.4 or distance < -line.size


def _pdf_date(value) -> str:
    """ISO day of a PDF date ("D:20240612093000+02'00'"), or ""."""
    match = re.match(r"(?:D:)?((?:19|20)\d{2})(\d{2})(\d{2})", str(value or ""))
    if not match:
        return ""
    try:
        return dt.date(*map(int, match.groups())).isoformat()
    except ValueError:
        return ""


def _read_docx(path: Path, data: bytes) -> Document:
    """A Word document: its paragraphs and table rows in order, the first heading (or the
    document's own title) as its title, the date it was created as a fallback date."""
    import io
    import zipfile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise UnreadableDocument("reading .docx needs the 'python-docx' package") from error
    try:
        word = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableDocument(f"broken .docx, not a Word document ({type(error).__name__})") from error
    paragraphs: list[str] = []
    heading = ""
    for block in _docx_blocks(word):
        if isinstance(block, str):
            paragraphs.append(block)
            continue
        text, style = block
        if not text:
            continue
        if not heading and (style.startswith("heading") or style == "title"):
            heading = text
        paragraphs.append(text)
    properties = word.core_properties
    title = heading or (properties.title or "").strip()
    created = properties.created.date().isoformat() if properties.created else ""
    if title and paragraphs and paragraphs[0] != title and not heading:
        paragraphs.insert(0, title)
    return _document(path, path.stem, "\n\n".join(paragraphs), title=title,
                     meta={"fallback_date": created} if created else {})


def _docx_blocks(word) -> Iterator[tuple[str, str] | str]:
    """The body of a Word document in order: (paragraph text, its style name in lower case), and each
    table row as one line of its cells' text ("Heroin | 12 kg | Dushanbe")."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in word.iter_inner_content():
        if isinstance(item, Paragraph):
            style = (item.style.name if item.style is not None else "") or ""
            yield " ".join(item.text.split()), style.lower()
        elif isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):  # a merged cell repeats its text
                        cells.append(text)
                if cells:
                    yield " | ".join(cells)


def _read_markdown(path: Path, data: bytes) -> Document:
    """A Markdown file read as its text: headings, emphasis, links and list marks gone
    ("**ROSARIO, Argentina** -" reads "ROSARIO, Argentina -"), its first heading the title."""
    source = decode(data)
    try:
        title, text = markdown_text(source)
    except RecursionError:  # nested deeper than the parser goes: read it as it is written
        title, text = "", source
    return _document(path, path.stem, text, title=title)


def markdown_text(source: str) -> tuple[str, str]:
    """(first heading, plain text) of a Markdown text: one paragraph per block, the line breaks inside
    a paragraph kept (a date line above a dateline stays its own line), inline marks dropped."""
    import mistune

    parse = mistune.create_markdown(renderer=None, plugins=["strikethrough", "table"])
    tokens = parse(source)
    blocks: list[str] = []
    headings: list[str] = []
    _markdown_blocks(tokens, blocks, headings)
    return (headings[0] if headings else ""), "\n\n".join(block for block in blocks if block.strip())


def _markdown_blocks(tokens: list[dict], blocks: list[str], headings: list[str], prefix: str = "") -> None:
    for token in tokens:
        kind = token.get("type")
        if kind == "heading":
            text = " ".join(_markdown_inline(token.get("children", [])).split())
            if text:
                headings.append(text)
                blocks.append(text)
        elif kind in ("paragraph", "block_text"):
            blocks.append(prefix + _markdown_inline(token.get("children", [])).strip())
        elif kind == "list":
            ordered = token.get("attrs", {}).get("ordered")
            start = token.get("attrs", {}).get("start", 1) or 1
            for number, item in enumerate(token.get("children", []), start=start):
                inner: list[str] = []
                _markdown_blocks(item.get("children", []), inner, headings)
                mark = f"{number}. " if ordered else "- "
                if inner:
                    blocks.append(mark + "\n".join(inner))
        elif kind == "block_quote":
            _markdown_blocks(token.get("children", []), blocks, headings)
        elif kind == "block_code":
            blocks.append(token.get("raw", "").rstrip("\n"))
        elif kind == "block_html":
            blocks.append(_TAG.sub(" ", token.get("raw", "")).strip())
        elif kind == "table":
            for part in token.get("children", []):
                rows = part.get("children", []) if part.get("type") == "table_body" else [part]
                for row in rows:
                    cells = [_markdown_inline(cell.get("children", [])).strip() for cell in row.get("children", [])]
                    blocks.append(" | ".join(cell for cell in cells if cell))
        elif "children" in token:
            _markdown_blocks(token["children"], blocks, headings)


_TAG = re.compile(r"<[^<>]{0,500}>")


def _markdown_inline(tokens: list[dict]) -> str:
    parts: list[str] = []
    for token in tokens:
        kind = token.get("type")
        if kind in ("text", "codespan"):
            parts.append(token.get("raw", ""))
        elif kind == "softbreak" or kind == "linebreak":
            parts.append("\n")
        elif kind == "inline_html":
            continue
        elif "children" in token:
            parts.append(_markdown_inline(token["children"]))
        else:
            parts.append(token.get("raw", ""))
    return "".join(parts)


_MAIL_ATTACHMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")


def _read_eml(path: Path, data: bytes) -> Iterator[Document | Skipped]:
    """A mail saved as ``.eml``: its Subject the title, its Date the publication date, its text
    (the plain-text part, else the HTML part read as a page); each attached file in a format read
    here becomes a document of its own ("release.eml#statement.pdf")."""
    from email import policy
    from email.parser import BytesParser

    message = BytesParser(policy=policy.default).parsebytes(data)
    subject = " ".join(str(message.get("subject") or "").split())
    published = published_day(str(message.get("date") or ""))
    attached = list(_mail_attachments(path, message, published))
    body_part = message.get_body(preferencelist=("plain", "html"))
    text = ""
    if body_part is not None:
        text = _mail_part_text(body_part)
        if body_part.get_content_subtype() == "html":
            text = _html_text(text)
        text = _without_signature(text)
    if _LETTER_OR_DIGIT.search(text):
        if subject and not text.lstrip().startswith(subject):
            text = f"{subject}\n\n{text}"
        yield _document(path, path.stem, text, title=subject, published=published)
    elif not any(isinstance(item, Document) for item in attached):
        raise UnreadableDocument("mail has no text body and no readable attachment")
    yield from attached


def _mail_attachments(path: Path, message, published: str) -> Iterator[Document | Skipped]:
    for part in message.iter_attachments():
        name = Path(str(part.get_filename() or "")).name
        if not name or Path(name).suffix.lower() not in _MAIL_ATTACHMENT_SUFFIXES:
            continue
        attached = path.with_name(f"{path.name}#{name}")
        try:
            payload = part.get_payload(decode=True) or b""
            for document in read_bytes(attached, payload):
                if isinstance(document, Document):
                    document.doc_id = safe_doc_id(f"{path.stem}-{Path(name).stem}")
                    document.published = document.published or published
                yield document
        except UnreadableDocument as error:
            yield Skipped(str(attached), str(error))
        except Exception as error:  # one attachment must not cost the mail
            yield Skipped(str(attached), f"reader failed ({type(error).__name__})")


def _html_text(html: str) -> str:
    """The main text of an HTML mail body (trafilatura), else all of its text."""
    import trafilatura

    try:
        extracted = trafilatura.extract(html)
    except (RecursionError, ValueError):
        extracted = None
    return extracted or html_plain_text(html)[1]


def _mail_part_text(part) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeDecodeError):  # an unknown charset: the bytes as UTF-8, else cp1252
        return decode(part.get_payload(decode=True) or b"")


def _without_signature(text: str) -> str:
    """A mail body without the signature under its "-- " line."""
    lines = text.replace("\r\n", "\n").split("\n")
    for number, line in enumerate(lines):
        if line in ("-- ", "--") and number > 0:
            return "\n".join(lines[:number])
    return "\n".join(lines)


def _quiet_library_logger(name: str) -> None:
    """Keep a library's warnings about a broken file off standard error (one line per file there).

    Only when the application has not configured that logger itself.
    """
    logger = logging.getLogger(name)
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.ERROR)


def _read_jsonl(path: Path, raw: bytes) -> Iterator[Document | Skipped]:
    if not raw.strip():
        yield Skipped(str(path), "empty file")
        return
    try:
        # split on "\n" only: JSON strings may hold U+2028, U+0085 ... where str.splitlines() breaks
        yield from _jsonl_records(path, decode(raw).split("\n"))
    except UnreadableDocument:
        # one line of binary junk must not cost the good lines: decode line by line (JSON is UTF-8)
        items = list(_jsonl_records(path, [line.decode("utf-8", errors="replace") for line in raw.split(b"\n")]))
        if not any(isinstance(item, Document) for item in items):
            yield Skipped(str(path), "binary content, not text")  # one line for a binary file, not one per line
            return
        yield from items


def _jsonl_records(path: Path, lines: list[str]) -> Iterator[Document | Skipped]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Skipped(where, f"invalid JSON ({error.msg})")
            continue
        except RecursionError:  # '[[[[...' thousands deep: Python's parser gives up on this line only
            yield Skipped(where, "invalid JSON (nested too deeply)")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            yield Skipped(where, "JSON line has no 'text' string")
            continue
        doc_id = str(record.get("id") or f"{path.stem}-{number:05d}")
        try:
            yield _document(path, doc_id, record["text"], title=_scalar_text(record.get("title")),
                            published=published_day(record.get("published") or record.get("date") or ""),
                            url=_scalar_text(record.get("url")))
        except UnreadableDocument as error:
            yield Skipped(where, str(error))
        except Exception as error:  # one line must not cost the file's other lines
            yield Skipped(where, f"reader failed ({type(error).__name__})")


def _scalar_text(value) -> str:
    """A JSON value as one line of text: a string or a number as written, anything else ("url": {...}) empty."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _document(path: Path, doc_id: str, text: str, **fields) -> Document:
    text = writable(unwrap_hard_wrapped(clean_text(text)))
    fields = {name: writable(value) if isinstance(value, str) else value for name, value in fields.items()}
    if not text.strip():
        raise UnreadableDocument("no text content (empty or whitespace only)")
    if not _LETTER_OR_DIGIT.search(text):
        raise UnreadableDocument("no text content (no letters or digits)")
    if _looks_binary(text):
        raise UnreadableDocument("binary content, not text")
    published = fields.pop("published", "")
    return Document(doc_id=safe_doc_id(writable(doc_id)), path=writable(str(path)), text=text,
                    published=published_day(published), **fields)


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


_CONTROL_OR_REPLACEMENT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")  # control characters but tab and newlines


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return len(_CONTROL_OR_REPLACEMENT.findall(sample)) > max(8, len(sample) // 20)


def _iso_or_empty(value: str) -> str:
    value = (value or "").strip()[:10]
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        return ""


_EPOCH_SECONDS = (946684800, 4102444800)  # 2000-01-01 to 2100-01-01: a number outside is no publication time


def published_day(value) -> str:
    """The ISO day of a publication date in any common form, or "": ISO ("2024-02-28T11:05:00Z"),
    RFC 2822 as mail and feeds write it ("Wed, 28 Feb 2024 11:05:00 GMT"), a written date
    ("28 February 2024", "28/02/2024", read as :func:`analysis.text.dates.find_dates` reads the text),
    or Unix seconds or milliseconds. The day is the one the writer's own time zone gives."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > _EPOCH_SECONDS[1] else value
        if not _EPOCH_SECONDS[0] <= seconds < _EPOCH_SECONDS[1]:
            return ""
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date().isoformat()
    text = " ".join(str(value).split())[:100]
    if not text:
        return ""
    iso = _iso_or_empty(text)
    if iso:
        return iso
    if text.isdigit():
        return published_day(int(text))
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    from analysis.text.dates import find_dates

    found = [date.iso for date in find_dates(text) if len(date.iso) == 10]
    if found:
        return found[0]
    try:
        from dateutil import parser as date_parser

        # dateutil fills a missing day, month or year from its default ("March 2024" would get today's
        # day): a value read the same under two defaults names all three
        one, other = (date_parser.parse(text, dayfirst=True, default=dt.datetime(year, month, day))
                      for year, month, day in ((2001, 1, 1), (2002, 2, 2)))
    except (ValueError, OverflowError, TypeError, ImportError):
        return ""
    return one.date().isoformat() if one.date() == other.date() else ""


_UNSAFE_ID = re.compile(r"[^\w.-]+")


def safe_doc_id(doc_id: str) -> str:
    """A document id that is safe as a file name: no separators, no leading dots.

    At most 200 bytes in UTF-8, so that "<id>.csv" fits every file system's
    255-byte name limit even for ids in Cyrillic or Chinese.
    """
    cleaned = re.sub(r"\.{2,}", "", _UNSAFE_ID.sub("_", doc_id))
    cleaned = re.sub(r"_+", "_", cleaned).strip("._-")
    cleaned = cleaned.encode("utf-8")[:200].decode("utf-8", errors="ignore").strip("._-")
    return cleaned or "document"


# --- cleaning ------------------------------------------------------------------------

_BOILERPLATE = [(row["action"], re.compile(row["pattern"])) for row in read_rows("boilerplate.csv")]
_BIO_CUE = re.compile(
    r"\b(?:has worked (?:for|as|at)|is a (?:journalist|correspondent|reporter|writer|freelance)|"
    r"joined (?:the )?(?:newspaper|agency|editorial)|(?:journalist|correspondent|editor) (?:at|for|with) )",
)
_BIO_CUE_WORDS = words_to_test(required_words(_BIO_CUE.pattern))  # (lower case, as the cue's): a faster first test
_NAME_LINE = re.compile(r"^[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,3}$")


# Characters that hide inside numbers and words: thin, narrow, figure and no-break spaces become a
# space ("1\u2009250\u2009000 kg" is 1,250,000 kg), zero-width spaces and joiners, direction marks and
# the byte-order mark go ("1\u2060250" is 1250), full-width punctuation and digits become ASCII
# ("1\uff0c250"). Offsets are into this cleaned text, so they stay true.
_INVISIBLE = {
    **{ord(c): " " for c in "\u00a0\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u2002\u2003\u2004\u2005\u2006"},
    **{ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                              "\u2066\u2067\u2068\u2069\u061c"},
    **{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)},  # full-width ASCII forms
}
_ANY_INVISIBLE = re.compile("[" + "".join(re.escape(chr(code)) for code in _INVISIBLE) + "]")
_BLOCK_LINE = 120  # a line of a contact block or a list of headlines; a longer one is a paragraph again


def clean_text(text: str) -> str:
    """Normalise newlines and spaces, drop boilerplate lines and blocks (contact blocks, lists of related
    headlines, which end at a blank line or a paragraph), cut author bios and what follows them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    text = text.replace("\t", " ")
    if not text.isascii() and _ANY_INVISIBLE.search(text):  # rare: str.translate reads every character
        text = text.translate(_INVISIBLE)
    lines = text.split("\n")
    kept: list[str] = []
    in_block = False  # under a "block" line: its short lines go up to a blank line or a paragraph
    for line in lines:
        stripped = line.strip()
        if in_block:
            if stripped and len(stripped) <= _BLOCK_LINE:
                continue
            in_block = False
        action = _boilerplate_action(stripped)
        if action == "cut":
            break
        if action == "block":
            in_block = True
            continue
        if action == "drop":
            continue
        if _may_be_bio(stripped) and _BIO_CUE.search(stripped) and _starts_with_recent_name(stripped, kept):
            # an author bio: drop it, the name line above it, and all that follows
            while kept and (not kept[-1].strip() or _NAME_LINE.match(kept[-1].strip())):
                kept.pop()
            break
        kept.append(line.rstrip())
    cleaned = "\n".join(kept).strip()
    return re.sub(r"\n{3,}", "\n\n", cleaned) if "\n\n\n" in cleaned else cleaned


def _joined_boilerplate() -> re.Pattern | None:
    """All boilerplate patterns as one (a leading "(?i)" scoped to its own pattern): most lines
    match none, which one match tells. None when the patterns cannot be joined."""
    parts = [f"(?i:{p.pattern[4:]})" if p.pattern.startswith("(?i)") else f"(?:{p.pattern})" for _, p in _BOILERPLATE]
    try:
        return re.compile("|".join(parts)) if parts else None
    except re.error:
        return None


def _joined_boilerplate_lowered() -> re.Pattern | None:
    """The joined patterns for lowered lines, case-sensitive (a third fewer instructions: "(?i).*\\b(?:we
    use cookies|...)" tries its words at every place of a paragraph); None unless every pattern allows it."""
    parts = [for_lowered_text(p.pattern) for _, p in _BOILERPLATE]
    if not parts or None in parts:
        return None
    try:
        return re.compile("|".join(f"(?:{part})" for part in parts))
    except re.error:
        return None


_ANY_BOILERPLATE = _joined_boilerplate()
_ANY_BOILERPLATE_LOWERED = _joined_boilerplate_lowered()


def _may_be_boilerplate(line: str) -> bool:
    lowered = lower_for_matching(line) if _ANY_BOILERPLATE_LOWERED is not None else None
    if lowered is not None:
        return _ANY_BOILERPLATE_LOWERED.fullmatch(lowered) is not None
    return _ANY_BOILERPLATE is None or _ANY_BOILERPLATE.fullmatch(line) is not None


def _boilerplate_action(line: str) -> str | None:
    if not line or not _may_be_boilerplate(line):
        return None
    for action, pattern in _BOILERPLATE:
        if pattern.fullmatch(line):
            return action
    return None


def _may_be_bio(line: str) -> bool:
    """False when the line holds none of the bio cue's words (most lines): substring tests, while the
    cue's leading "\\b" makes the engine try every place."""
    return holds_any(line, _BIO_CUE_WORDS)


def _starts_with_recent_name(line: str, kept: list[str]) -> bool:
    """A bio starts with the author's name, usually also on a line of its own just above."""
    recent = [k.strip() for k in kept[-4:] if k.strip()]
    return any(_NAME_LINE.match(k) and line.startswith(k.split()[0]) for k in recent)


_WRAP_WIDTHS = range(60, 101)  # e-mail and plain-text releases wrap at 66-80 columns, some tools at 100
_WRAPPED_SHARE = 0.5  # at least half the lines that could be wrapped end near the width


def unwrap_hard_wrapped(text: str) -> str:
    """Join the lines of a hard-wrapped text (e-mail, a plain-text release wrapped at 72 columns)
    into paragraphs, so that a line break inside a sentence does not end it; other texts unchanged.

    A text is hard-wrapped when most of its long lines end within a word of one width; a line is
    then joined to the next when the next line's first word would not have fitted on it ("... the
    border guards seized 14 kg of heroin and" + "12 kg of opium ..."). A short line (a title, a
    date line, a list item) keeps its break.
    """
    lines = text.split("\n")
    if len(lines) < 4:
        return text
    lengths = [len(line.rstrip()) for line in lines]
    width = _wrap_width(lengths)
    if width is None:
        return text
    out: list[str] = []
    last = ""  # the previous line as written (out[-1] may hold it joined to the lines before)
    for line in lines:
        line = line.rstrip()
        first_word = line.lstrip().split(" ", 1)[0]
        if (last.strip() and line.strip() and len(last) + 1 + len(first_word) > width
                and not _LIST_ITEM.match(line)):
            glue = "" if last.endswith("-") and line.lstrip()[:1].islower() else " "
            out[-1] += glue + line.lstrip()
        else:
            out.append(line)
        last = line
    return "\n".join(out)


_LIST_ITEM = re.compile(r"\s*(?:[-*\u2022]|\d{1,2}[.)])\s")


def _wrap_width(lengths: list[int]) -> int | None:
    """The column a text is wrapped at, or None when it is not hard-wrapped: the width at which most
    lines longer than two thirds of it end within 12 characters, with at least three such lines."""
    longest = max(lengths)
    if longest > _WRAP_WIDTHS.stop - 1 or longest < _WRAP_WIDTHS.start:
        return None
    long_lines = [n for n in lengths if n > longest * 2 // 3]
    near = [n for n in long_lines if n >= longest - 12]
    if len(near) < 3 or len(near) < _WRAPPED_SHARE * len(long_lines):
        return None
    return longest


def unwrap(text: str) -> str:
    """Join hard-wrapped lines (PDF text) into paragraphs; blank lines stay breaks."""
    paragraphs = re.split(r"\n\s*\n", text)
    joined = []
    for paragraph in paragraphs:
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        out = ""
        for line in lines:
            if not out:
                out = line
            elif out.endswith("-") and line[:1].islower():
                out = out[:-1] + line
            elif re.search(r"[.!?:;\"”]$", out) and line[:1].isupper() and len(out) < 60:
                out += "\n" + line
            else:
                out += " " + line
        joined.append(out)
    return "\n\n".join(joined)
