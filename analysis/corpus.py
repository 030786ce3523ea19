"""Reading a corpus: files and folders in, clean documents (or skip reasons) out.

Supported: ``.txt``/``.md`` (encoding detected: UTF-8, UTF-16 with BOM,
cp1251, latin-1 via charset-normalizer), ``.html``/``.htm`` (main text and
metadata via trafilatura), ``.pdf`` (pypdf) and ``.jsonl`` (one document per
line with ``text`` and optional ``title``, ``url``, ``published``, ``id``).

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from analysis.lexicons import read_rows

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".jsonl")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


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
    ignored. No file is opened here.
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
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
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
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from _read_jsonl(path, data)
            return
        if suffix in (".html", ".htm"):
            document = _read_html(path, data)
        elif suffix == ".pdf":
            document = _read_pdf(path, data)
        else:
            document = _document(path, path.stem, decode(data))
        yield document
    except UnreadableDocument as error:
        yield Skipped(str(path), str(error))
    except OSError as error:
        yield Skipped(str(path), _os_reason(error))
    except Exception as error:  # one bad file must not stop a corpus
        message = " ".join(str(error).split())[:120]
        yield Skipped(str(path), f"reader failed ({type(error).__name__}: {message})" if message
                      else f"reader failed ({type(error).__name__})")


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
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1251", "latin_1", "cp1252", "koi8_r", "utf_8"]).best()
    if best is None:
        raise UnreadableDocument("undecodable bytes (not a known text encoding)")
    return str(best)


def _read_html(path: Path, data: bytes) -> Document:
    import trafilatura

    html = decode(data)
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if extracted is None:
        raise UnreadableDocument("HTML holds no extractable main text")
    meta = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = meta.get("text") or ""
    title = meta.get("title") or ""
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return _document(path, path.stem, text, title=title, published=meta.get("date") or "",
                     url=meta.get("url") or "", meta={"sitename": meta.get("sitename") or ""})


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
            pages = [page.extract_text() or "" for page in reader.pages]
            info = reader.metadata or {}
    except UnreadableDocument:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise UnreadableDocument(f"broken or truncated PDF ({type(error).__name__})") from error
    text = unwrap("\n\n".join(pages))
    if not text.strip():
        raise UnreadableDocument("PDF holds no extractable text (scanned pages?)")
    title = str(info.get("/Title") or "") if hasattr(info, "get") else ""
    created = _pdf_date(info.get("/CreationDate") or info.get("/ModDate")) if hasattr(info, "get") else ""
    # the PDF's own metadata date is a fallback: a date line in its text (read by metadata.describe) wins
    return _document(path, path.stem, text, title=title, meta={"fallback_date": created} if created else {})


def _pdf_date(value) -> str:
    """ISO day of a PDF date ("D:20240612093000+02'00'"), or ""."""
    match = re.match(r"(?:D:)?((?:19|20)\d{2})(\d{2})(\d{2})", str(value or ""))
    if not match:
        return ""
    try:
        return dt.date(*map(int, match.groups())).isoformat()
    except ValueError:
        return ""


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
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            yield Skipped(where, "JSON line has no 'text' string")
            continue
        doc_id = str(record.get("id") or f"{path.stem}-{number:05d}")
        try:
            yield _document(path, doc_id, record["text"], title=str(record.get("title") or ""),
                            published=str(record.get("published") or record.get("date") or ""),
                            url=str(record.get("url") or ""))
        except UnreadableDocument as error:
            yield Skipped(where, str(error))


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
                    published=_iso_or_empty(published), **fields)


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
    if _ANY_INVISIBLE.search(text):  # rare: str.translate reads every character, the search is fast
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
        if _BIO_CUE.search(stripped) and _starts_with_recent_name(stripped, kept):
            # an author bio: drop it, the name line above it, and all that follows
            while kept and (not kept[-1].strip() or _NAME_LINE.match(kept[-1].strip())):
                kept.pop()
            break
        kept.append(line.rstrip())
    cleaned = "\n".join(kept).strip()
    return re.sub(r"\n{3,}", "\n\n", cleaned)


def _joined_boilerplate() -> re.Pattern | None:
    """All boilerplate patterns as one (a leading "(?i)" scoped to its own pattern): most lines
    match none, which one match tells. None when the patterns cannot be joined."""
    parts = [f"(?i:{p.pattern[4:]})" if p.pattern.startswith("(?i)") else f"(?:{p.pattern})" for _, p in _BOILERPLATE]
    try:
        return re.compile("|".join(parts)) if parts else None
    except re.error:
        return None


_ANY_BOILERPLATE = _joined_boilerplate()


def _boilerplate_action(line: str) -> str | None:
    if not line or (_ANY_BOILERPLATE is not None and _ANY_BOILERPLATE.fullmatch(line) is None):
        return None
    for action, pattern in _BOILERPLATE:
        if pattern.fullmatch(line):
            return action
    return None


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
