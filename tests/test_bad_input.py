"""Bad input (issue 7): broken files, odd encodings and hostile names never crash a run or lose a table.

The corpus is ``tests/fixtures/bad`` (see its README) plus the cases git
cannot store, which ``tests/fixtures/bad/make_unstorable.py`` makes in a
temporary copy. Every bad input gives one warning line ``path: reason``, one
row of the ``skipped`` table, and leaves the other tables exactly as they are
without it. Files in odd encodings are read, not skipped.
"""

import contextlib
import errno
import importlib.util
import io
import json
import os
import pathlib
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from conftest import ROOT

from analysis import extract
from analysis.cli import main as cli_main
from analysis.text.corpus import DEFAULT_MAX_BYTES, Document, Skipped, read_corpus, safe_doc_id

BAD = ROOT / "tests" / "fixtures" / "bad"
GOOD = ("good-cocaine.html", "good-heroin.txt")
GOOD_IDS = ["good-cocaine", "good-heroin"]
SUPPORTED = "(.txt, .md, .markdown, .html, .htm, .pdf, .docx, .eml, .jsonl)"


def _load_unstorable():
    spec = importlib.util.spec_from_file_location("make_unstorable", BAD / "make_unstorable.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


unstorable = _load_unstorable()

# name in the folder -> (skip records as (path relative to the folder, reason), doc ids read from it)
CASES = {
    "empty.txt": ([("empty.txt", "empty file")], []),
    "whitespace-only.txt": ([("whitespace-only.txt", "empty file")], []),
    "binary-bytes.txt": ([("binary-bytes.txt", "binary content, not text")], []),
    "cp1251-russian.txt": ([], ["cp1251-russian"]),
    "latin1-spanish.txt": ([], ["latin1-spanish"]),
    "utf16-bom.txt": ([], ["utf16-bom"]),
    "malformed.html": ([], ["malformed"]),
    "malformed-no-text.html": ([("malformed-no-text.html", "no text content (no letters or digits)")], []),
    "truncated.pdf": ([("truncated.pdf", "broken or truncated PDF (PdfStreamError)")], []),
    "encrypted.pdf": ([("encrypted.pdf", "encrypted PDF (password required)")], []),
    "feed-one-broken-line.jsonl": ([("feed-one-broken-line.jsonl:2", "invalid JSON (Unterminated string starting at)")],
                                   ["feed-1", "feed-3"]),
    "symlink-loop.txt": ([("symlink-loop.txt", "broken symbolic link or symlink loop")], []),
    # a .bin and a "release.docx" that is no Word file: the .docx is read (and refused), so the folder is not
    # reported as holding no supported files (tests/test_formats.py has a folder of .bin and .jpg files only)
    "no-supported-files": ([("no-supported-files/release.docx", "broken .docx, not a Word document (BadZipFile)")], []),
    # made by make_unstorable.py
    "oversize.txt": ([("oversize.txt", f"file is {DEFAULT_MAX_BYTES + 1:,} bytes, over the limit of {DEFAULT_MAX_BYTES:,}")],
                     []),
    "unreadable.txt": ([("unreadable.txt", "permission denied")], []),
    "named-pipe.txt": ([("named-pipe.txt", "not a regular file (named pipe, socket or device)")], []),
    "folder-cycle": ([("folder-cycle", "symlink loop (folder already visited)")], []),
}

# doc id -> (words that must survive decoding, in the title or the text), drug, kilograms)
READ = {
    "cp1251-russian": ("Таможенники изъяли 14 кг героина на границе с Афганистаном", "heroin", 14.0),
    "latin1-spanish": ("La Policía Nacional incautó 250 kilos de cocaína en Algeciras", "cocaine", 250.0),
    "utf16-bom": ("Opium seized near Khorog", "opium", 31.0),
    "malformed": ("Hashish seized in Tangier", "hashish", 40.0),
    "feed-1": ("Methamphetamine seized in Mandalay", "methamphetamine", 120.0),
    "feed-3": ("Cannabis seized in Almaty", "cannabis", 75.0),
    "good-cocaine": ("Cocaine found in banana container", "cocaine", 2300.0),
    "good-heroin": ("Customs seize heroin at Torkham border crossing", "heroin", 14.0),
}


def _expected_skips(folder, names=CASES):
    return sorted((str(folder / path), reason) for name in names for path, reason in CASES[name][0])


@contextlib.contextmanager
def unreadable(path):
    """``chmod 000`` keeps everyone out but root; as root, reading that one file fails the same way in-process."""
    if unstorable.permissions_bind():
        yield
        return
    real = pathlib.Path.open

    def open_(self, *args, **kwargs):  # the reader opens the file (a bounded read), it no longer calls read_bytes
        if os.path.abspath(self) == os.path.abspath(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pathlib.Path, "open", open_)
        yield


def _copy_case(name, folder):
    """Put the bad input ``name`` into ``folder`` (copied from the fixtures, or made)."""
    if name in unstorable.MAKERS:
        unstorable.MAKERS[name](folder)
    elif (BAD / name).is_symlink():
        os.symlink(os.readlink(BAD / name), folder / name)
    elif (BAD / name).is_dir():
        shutil.copytree(BAD / name, folder / name)
    else:
        shutil.copy2(BAD / name, folder / name)


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory):
    """A copy of tests/fixtures/bad with the cases git cannot store added."""
    folder = tmp_path_factory.mktemp("corpus") / "bad"
    shutil.copytree(BAD, folder, symlinks=True, ignore=shutil.ignore_patterns(*unstorable.MAKERS))
    unstorable.make_all(folder)
    yield folder
    unstorable.clean(folder)  # give the permissions back so that the folder can be deleted


@pytest.fixture(scope="module")
def cli_run(bad_folder, tmp_path_factory):
    """``python -m analysis extract <bad folder> --out <out>``, in-process (so that root can be denied a file)."""
    out = tmp_path_factory.mktemp("out")
    stdout, stderr = io.StringIO(), io.StringIO()
    with unreadable(bad_folder / "unreadable.txt"), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = cli_main(["extract", str(bad_folder), "--out", str(out), "--no-progress"])
    return status, stderr.getvalue(), out


def test_the_cases_cover_the_fixture_folder():
    committed = {p.name for p in BAD.iterdir() if not p.name.startswith(".")} - {"README", "make_unstorable.py"}
    assert committed - set(unstorable.MAKERS) == set(CASES) - set(unstorable.MAKERS) | set(GOOD)


def test_the_bad_folder_exits_0_with_one_warning_per_bad_input(cli_run, bad_folder):
    status, stderr, _ = cli_run
    assert status == 0
    lines = stderr.splitlines()
    assert all(line.startswith("warning: ") for line in lines), stderr
    assert sorted(line.removeprefix("warning: ") for line in lines) == sorted(
        f"{path}: {reason}" for path, reason in _expected_skips(bad_folder))


def test_the_skipped_table_lists_every_bad_input(cli_run, bad_folder):
    _, _, out = cli_run
    skipped = pd.read_csv(out / "skipped.csv", dtype=str, keep_default_na=False)
    assert list(skipped.columns) == ["path", "reason"]
    assert sorted(skipped.itertuples(index=False, name=None)) == _expected_skips(bad_folder)
    assert len(skipped) == sum(len(skips) for skips, _ in CASES.values())


def test_odd_encodings_and_malformed_html_are_read(cli_run):
    _, _, out = cli_run
    documents = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    seizures = pd.read_csv(out / "seizures.csv", dtype=str, keep_default_na=False)
    assert sorted(documents["doc_id"]) == sorted(READ)
    titles = dict(zip(documents["doc_id"], documents["title"], strict=True))
    for doc_id, (title, drug, kg) in READ.items():
        assert titles[doc_id] == title
        rows = seizures[seizures["doc_id"] == doc_id]
        assert [(r.drug, float(r.quantity_kg)) for r in rows.itertuples()] == [(drug, kg)], doc_id
    # the script of malformed.html writes "99 kg of heroin": markup in a script is not text
    assert not seizures["sentence"].str.contains("99 kg").any()


@pytest.mark.parametrize(
    ("name", "words"),
    [("cp1251-russian.txt", "Сотрудники таможенной службы Кыргызстана изъяли 14 килограммов героина"),
     ("latin1-spanish.txt", "took part in the operation in Cádiz"),
     ("utf16-bom.txt", "DUSHANBE, 20 January 2024 – Tajik border guards")],
)
def test_decoded_text_keeps_every_character(name, words):
    (document,) = read_corpus([BAD / name])
    assert words in document.text
    assert "\ufffd" not in document.text


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_input_changes_nothing_but_its_own_rows(tmp_path, name):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for good in GOOD:
        shutil.copy2(BAD / good, folder / good)
    before = extract(folder, progress=False)
    _copy_case(name, folder)
    with unreadable(folder / "unreadable.txt"):
        after = extract(folder, progress=False)
    skips, new_ids = CASES[name]
    assert sorted(after.skipped.itertuples(index=False, name=None)) == _expected_skips(folder, [name])
    assert sorted(set(after.documents["doc_id"]) - set(before.documents["doc_id"])) == new_ids
    for table, frame in before.as_dict().items():
        if table == "skipped":
            continue
        kept = after.as_dict()[table]
        kept = kept[kept["doc_id"].isin(GOOD_IDS)].reset_index(drop=True)
        pd.testing.assert_frame_equal(kept, frame.reset_index(drop=True), check_dtype=False)
    unstorable.clean(folder)


def test_a_missing_path_is_a_skip_record(tmp_path):
    shutil.copy2(BAD / "good-heroin.txt", tmp_path / "good-heroin.txt")
    alone = extract(tmp_path / "good-heroin.txt", progress=False)
    tables = extract([tmp_path / "good-heroin.txt", tmp_path / "missing.txt"], progress=False)
    assert list(tables.skipped.itertuples(index=False, name=None)) == [(str(tmp_path / "missing.txt"),
                                                                        "no such file or folder")]
    pd.testing.assert_frame_equal(tables.seizures, alone.seizures)


def test_a_missing_path_and_an_empty_folder_named_on_the_command_line(tmp_path):
    (tmp_path / "empty").mkdir()
    items = list(read_corpus([tmp_path / "nope", tmp_path / "empty"]))
    assert [str(i) for i in items] == [f"{tmp_path / 'nope'}: no such file or folder",
                                       f"{tmp_path / 'empty'}: folder holds no supported files {SUPPORTED}"]


def test_only_the_topmost_folder_without_supported_files_is_reported(tmp_path):
    shutil.copy2(BAD / "good-heroin.txt", tmp_path / "good-heroin.txt")
    (tmp_path / "images" / "2024").mkdir(parents=True)
    (tmp_path / "images" / "2024" / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "mixed" / "empty").mkdir(parents=True)
    (tmp_path / "mixed" / "release.md").write_text("Police seized 2 kg of opium.", encoding="utf-8")
    (tmp_path / ".git" / "objects").mkdir(parents=True)  # hidden folders are not read, nor reported
    items = list(read_corpus([tmp_path]))
    assert sorted(i.doc_id for i in items if isinstance(i, Document)) == ["good-heroin", "release"]
    assert [str(i) for i in items if isinstance(i, Skipped)] == [
        f"{tmp_path / 'images'}: folder holds no supported files {SUPPORTED}",
        f"{tmp_path / 'mixed' / 'empty'}: folder holds no supported files {SUPPORTED}"]


def test_a_named_pipe_given_as_a_path_is_refused_not_read(tmp_path):
    pipe = unstorable.make_named_pipe(tmp_path)
    assert [str(i) for i in read_corpus([pipe])] == [f"{pipe}: not a regular file (named pipe, socket or device)"]


def test_a_folder_nobody_may_list_is_a_skip_record(tmp_path, monkeypatch):
    shutil.copy2(BAD / "good-heroin.txt", tmp_path / "good-heroin.txt")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "release.txt").write_text("Police seized 5 kg of heroin.", encoding="utf-8")
    real = os.scandir

    def scandir(path="."):  # as for a folder with chmod 000, which does not keep root out
        if os.path.abspath(path) == str(locked):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_corpus([tmp_path]))
    assert [i.doc_id for i in items if isinstance(i, Document)] == ["good-heroin"]
    assert [str(i) for i in items if isinstance(i, Skipped)] == [f"{locked}: cannot list folder: permission denied"]


def test_a_folder_loop_deep_inside_does_not_hang(tmp_path):
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    shutil.copy2(BAD / "good-heroin.txt", deep / "good-heroin.txt")
    (deep / "up").symlink_to("../..", target_is_directory=True)
    items = list(read_corpus([tmp_path]))
    assert [i.doc_id for i in items if isinstance(i, Document)] == ["good-heroin"]
    assert [str(i) for i in items if isinstance(i, Skipped)] == [f"{deep / 'up'}: symlink loop (folder already visited)"]


def test_one_binary_line_does_not_cost_a_jsonl_its_good_lines(tmp_path):
    good = json.dumps({"id": "ok", "text": "Police seized 3 kg of heroin in Osh."}, ensure_ascii=False)
    (tmp_path / "feed.jsonl").write_bytes(b"\x00\x01\x02\xff\n" + good.encode() + b"\n")
    items = list(read_corpus([tmp_path / "feed.jsonl"]))
    assert [i.doc_id for i in items if isinstance(i, Document)] == ["ok"]
    assert [i.path for i in items if isinstance(i, Skipped)] == [f"{tmp_path / 'feed.jsonl'}:1"]


def test_a_jsonl_line_may_hold_line_separators(tmp_path):
    text = "Police seized 3 kg of heroin\u2028in Osh\u0085 on Monday.\x1c"
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "ls", "text": text}, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    (document,) = read_corpus([tmp_path / "feed.jsonl"])
    assert "3 kg of heroin" in document.text and "Osh" in document.text


def test_a_pdf_encrypted_with_an_owner_password_only_is_read(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    writer.write(tmp_path / "open.pdf")
    (item,) = read_corpus([tmp_path / "open.pdf"])
    assert str(item) == f"{tmp_path / 'open.pdf'}: PDF holds no extractable text (scanned pages?)"  # opened


def test_a_reader_crash_becomes_a_skip_record(tmp_path, monkeypatch):
    import trafilatura

    def explode(*args, **kwargs):  # (a RecursionError is a page nested too deeply: read as plain text, test_formats.py)
        raise RuntimeError("internal state lost")

    monkeypatch.setattr(trafilatura, "bare_extraction", explode)
    shutil.copy2(BAD / "good-cocaine.html", tmp_path / "page.html")
    (item,) = read_corpus([tmp_path / "page.html"])
    assert str(item) == f"{tmp_path / 'page.html'}: reader failed (RuntimeError: internal state lost)"


# --- exit status, through the real command line -------------------------------------------------

def _run(*args):
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_exit_0_when_documents_were_processed(tmp_path):
    """The must-show run: the fixture folder with the cases made by make_unstorable.py, as a user runs it."""
    folder = tmp_path / "bad"
    shutil.copytree(BAD, folder, symlinks=True, ignore=shutil.ignore_patterns(*unstorable.MAKERS))
    with contextlib.redirect_stdout(io.StringIO()):
        unstorable.main([str(folder)])  # as root, unreadable.txt is not made
    try:
        result = _run("extract", folder, "--out", tmp_path / "out", "--no-progress")
    finally:
        unstorable.clean(folder)
    assert result.returncode == 0, result.stderr
    names = [n for n in CASES if (folder / n).exists() or (folder / n).is_symlink() or n in unstorable.MAKERS]
    if not unstorable.permissions_bind():
        names.remove("unreadable.txt")
    assert sorted(result.stderr.splitlines()) == sorted(f"warning: {p}: {r}" for p, r in _expected_skips(folder, names))
    assert "skipped: " in result.stdout


def test_exit_1_when_nothing_could_be_processed(tmp_path):
    for name in ("empty.txt", "binary-bytes.txt", "truncated.pdf"):
        shutil.copy2(BAD / name, tmp_path / name)
    result = _run("extract", tmp_path, "--out", tmp_path / "out", "--no-progress")
    assert result.returncode == 1
    assert result.stderr.splitlines()[:3] == [f"warning: {p}: {r}" for p, r in
                                              _expected_skips(tmp_path, ["binary-bytes.txt", "empty.txt", "truncated.pdf"])]
    assert len(pd.read_csv(tmp_path / "out" / "skipped.csv")) == 3  # the tables are still written


def test_max_bytes_sets_the_size_limit(tmp_path, capsys):
    size = (BAD / "good-heroin.txt").stat().st_size
    result = _run("extract", BAD / "good-heroin.txt", "--max-bytes", size - 1, "--out", tmp_path, "--no-progress")
    assert result.returncode == 1
    assert (f"warning: {BAD / 'good-heroin.txt'}: file is {size:,} bytes, over the limit of {size - 1:,}"
            in result.stderr.splitlines())
    assert cli_main(["extract", str(BAD / "good-heroin.txt"), "--max-bytes", str(size), "--out", str(tmp_path),
                     "--no-progress"]) == 0
    assert capsys.readouterr().err == ""


def test_exit_2_for_a_usage_error():
    result = _run("extract", "seeds")
    assert result.returncode == 2
    assert result.stderr.startswith("usage:") and "--out" in result.stderr


@pytest.mark.parametrize("args", [["extract"], ["extract", "seeds", "--out", "x", "--max-bytes", "lots"],
                                  ["extract", "seeds", "--out", "x", "--no-such-option"], ["no-such-command"]])
def test_usage_errors_exit_2(args, capsys):
    with pytest.raises(SystemExit) as stop:
        cli_main(args)
    assert stop.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_help_documents_the_exit_status():
    text = _run("extract", "--help").stdout
    assert "exit status:" in text
    for status in ("0  ", "1  ", "2  usage error"):
        assert any(line.strip().startswith(status.strip()) for line in text.splitlines()), status


# --- document ids from hostile names (issue 7, item 3: file names cannot escape the output folder) ---

HOSTILE_IDS = ["../../etc/passwd", "/etc/passwd", "..", ".", "a/../../b", "a\x00b", "tab\there\nnewline\r",
               "C:\\Windows\\system32", "~/.ssh/id_rsa", "-rf", "con.csv", "ж" * 300, "名" * 300, "\u202eexe.txt", " "]


def _assert_safe(doc_id, out):
    assert doc_id and doc_id not in (".", "..")
    assert not any(c in doc_id for c in "/\\\x00") and doc_id.isprintable()
    assert not doc_id.startswith((".", "-"))
    assert len(doc_id.encode("utf-8")) <= 200
    assert (out / f"{doc_id}.csv").resolve().parent == out.resolve()


@pytest.mark.parametrize("raw", HOSTILE_IDS)
def test_safe_doc_id_stays_in_the_folder(tmp_path, raw):
    _assert_safe(safe_doc_id(raw), tmp_path)


@pytest.mark.parametrize(("raw", "safe"), [("../../etc/passwd", "etc_passwd"), ("a/b\\c", "a_b_c"), ("", "document"),
                                           ("ok-id_1.2", "ok-id_1.2"), ("..", "document"), ("a\x00b", "a_b"),
                                           ("/abs/path/", "abs_path"), ("ж" * 300, "ж" * 100)])
def test_safe_doc_id_values(raw, safe):
    assert safe_doc_id(raw) == safe


def test_jsonl_ids_and_file_stems_become_safe_doc_ids(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = [json.dumps({"id": raw, "text": f"Police seized {n + 1} kg of heroin."}) for n, raw in enumerate(HOSTILE_IDS)]
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for n, stem in enumerate(("a..b", "x\x01y", "$(rm -rf ~)", "name with spaces")):  # other texts: a copy is read once
        (corpus / f"{stem}.txt").write_text(f"Police seized {n + 2} kg of opium.", encoding="utf-8")
    tables = extract(corpus, progress=False)
    assert len(tables.documents) == len(HOSTILE_IDS) + 4 and tables.skipped.empty
    assert tables.documents["doc_id"].is_unique
    for doc_id in tables.documents["doc_id"]:
        _assert_safe(doc_id, tmp_path)
    assert set(tables.seizures["doc_id"]) <= set(tables.documents["doc_id"])
