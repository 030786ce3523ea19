"""The report suite: notebooks run with papermill on the seeds, the genre fixtures and hostile input.

The executed notebooks are read back: every table a notebook shows carries
its raw rows (``views.TABLE_MIME``) and every chart its name and "no data"
flag (``views.FIGURE_MIME``), so the tests check numbers, not only that the
notebooks ran. The HTML is checked for embedded charts, hidden code and
escaped document text.
"""

import json
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest
from conftest import GENRE, ROOT, SEEDS

from analysis import cli
from analysis.reports import views
from analysis.reports.report import KERNEL_NAME, ParameterError, check_parameters, ensure_kernel, run_report

NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01_extract", "02_seizures", "03_cooperation", "04_counts_notices", "05_summary"]
PARAMETERS = ["corpus", "out_dir", "date_from", "date_to", "countries", "drugs"]


# --- helpers -------------------------------------------------------------------------------

def shown(notebook_path: Path) -> tuple[dict[str, pd.DataFrame], dict[str, dict]]:
    """The tables (name -> DataFrame of raw rows) and charts (name -> description) an executed notebook shows."""
    notebook = nbformat.read(str(notebook_path), as_version=4)
    tables, figures = {}, {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if views.TABLE_MIME in data:
                payload = data[views.TABLE_MIME]
                tables[payload["name"]] = pd.DataFrame(payload["data"], columns=payload["columns"])
            if views.FIGURE_MIME in data:
                assert data["image/png"], "a chart without its image"
                figures[data[views.FIGURE_MIME]["name"]] = data[views.FIGURE_MIME]
    return tables, figures


def body(page: str) -> str:
    """The <body> of an HTML page (the head holds nbconvert's CSS, which names input-area classes)."""
    return page.split("<body", 1)[1]


def notebooks_folder(tmp_path: Path, *names: str) -> Path:
    """A folder with copies of some of the project's notebooks."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in names:
        shutil.copy(NOTEBOOKS / f"{name}.ipynb", folder)
    return folder


def gold(kind: str, table: str) -> pd.DataFrame:
    return pd.read_csv(GENRE / kind / "gold" / f"{table}.csv", dtype=str, keep_default_na=False)


class _Markup(HTMLParser):
    """Collects every live element (tags with their attributes), the text inside <script> and the visible text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self.text, self._inside = [], [], [], ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._inside = tag if tag in ("script", "style") else ""

    def handle_endtag(self, tag):
        self._inside = ""

    def handle_data(self, data):
        if self._inside == "script":
            self.scripts.append(data)
        elif not self._inside:
            self.text.append(data)


def visible_text(page: str) -> str:
    """The text a browser shows for ``page`` (entities decoded, whitespace collapsed)."""
    markup = _Markup()
    markup.feed(page)
    return " ".join(" ".join(markup.text).split())


# --- the seeds: one full run shared by several tests ------------------------------------------

@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    return run_report(SEEDS, tmp_path_factory.mktemp("reports"), progress=False)


def test_a_run_writes_index_five_html_reports_and_the_tables(seed_report):
    assert seed_report.ok, [result.error for result in seed_report.results]
    run = seed_report.run_dir
    index = (run / "index.html").read_text(encoding="utf-8")
    for name in NAMES:
        page = (run / f"{name}.html").read_text(encoding="utf-8")
        assert f'href="{name}.html"' in index and f'href="{name}.ipynb"' in index
        assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', page)) >= 1, name
        assert "jp-InputArea-editor" not in body(page) and 'class="highlight' not in body(page), \
            f"{name}: a code cell is shown"
        assert "views.show" not in page and "import " not in body(page), f"{name}: code leaked into the report"
        assert not re.search(r"<script[^>]+src=", page), f"{name}: loads a remote script"
        executed = nbformat.read(str(run / f"{name}.ipynb"), as_version=4)
        assert any("injected-parameters" in cell.metadata.get("tags", []) for cell in executed.cells)
    for table in ("documents", "seizures", "visits", "meetings", "counts", "mentions", "skipped"):
        assert (run / "tables" / f"{table}.parquet").exists() and (run / "tables" / f"{table}.csv").exists()
        assert f'href="tables/{table}.csv"' in index
    assert not [path.name for path in run.iterdir() if path.name.startswith(".")], "temporary files left behind"
    assert (run.parent / "latest").resolve() == run.resolve()


def test_summary_on_the_seeds_shows_the_heroin_and_both_visits_with_their_sentences(seed_report):
    run = seed_report.run_dir
    tables, figures = shown(run / "05_summary.ipynb")
    page = (run / "05_summary.html").read_text(encoding="utf-8")
    headlines = tables["headlines"]

    heroin = headlines[headlines["figure"] == "71.11 kg of heroin"]
    assert len(heroin) == 1
    assert "71 kg and 110 grams of heroin" in heroin["sentence"].iloc[0]
    assert heroin["doc_id"].iloc[0] == "004_fd413024f1399336"
    text = visible_text(page)
    assert "71.11 kg of heroin" in text and " ".join(heroin["sentence"].iloc[0].split()) in text

    visits = headlines[headlines["kind"] == "Official visit"]  # needs the visits extractor
    assert len(visits) == 2
    assert all(figure.startswith("Ronald K. Noble") for figure in visits["figure"])
    assert {re.search(r"\(([A-Z]{3})\)$", figure).group(1) for figure in visits["figure"]} == {"TJK", "AZE"}
    assert set(visits["doc_id"]) == {"000_03a438e96c9986e7", "001_30b709b84d67a071"}
    for sentence in visits["sentence"]:
        assert "Noble" in sentence or "INTERPOL" in sentence
        assert " ".join(sentence.split()) in text

    overview = dict(tables["overview"].itertuples(index=False))
    assert overview["Documents"] == "5" and overview["Official visits"] == "2"
    assert overview["Kilograms in single seizures"] == "71.11 kg"
    assert {"kg_by_drug", "visits_timeline", "meetings_by_type"} <= set(figures)
    assert figures["kg_by_drug"]["no_data"] is False and figures["visits_timeline"]["no_data"] is False


def test_extract_report_shows_documents_read_and_rows_per_table(seed_report):
    tables, figures = shown(seed_report.run_dir / "01_extract.ipynb")
    quality = tables["data_quality"].set_index("Measure")
    assert quality.loc["documents read", "Whole corpus"] == 5
    assert quality.loc["files skipped (unreadable)", "Whole corpus"] == 0
    written = {name: pd.read_parquet(seed_report.run_dir / "tables" / f"{name}.parquet")
               for name in ("seizures", "mentions")}
    rows = tables["rows_per_table"].set_index("Table")["Rows"]
    assert rows["seizures"] == len(written["seizures"]) == 2
    assert rows["mentions"] == len(written["mentions"])
    assert len(tables["documents"]) == 5
    assert figures["rows_per_table"]["no_data"] is False


def test_seizures_report_on_the_seeds(seed_report):
    tables, figures = shown(seed_report.run_dir / "02_seizures.ipynb")
    by_drug = tables["kg_by_drug"].set_index("Drug")
    assert by_drug.loc["heroin", "Single seizures"] == pytest.approx(71.11)
    assert by_drug.loc["drugs", "Reported totals"] == pytest.approx(12000)
    assert tables["largest_seizures"]["Amount"].tolist() == ["71.11 kg"]
    assert tables["largest_totals"]["Amount"].tolist() == ["over 12,000 kg"]
    page = (seed_report.run_dir / "02_seizures.html").read_text(encoding="utf-8")
    assert "12,000 kg" in page and "71.11 kg" in page  # formatted with separators and units
    assert {"kg_by_drug", "kg_by_country", "kg_over_time"} <= set(figures)


# --- genre fixtures against their gold ---------------------------------------------------------

def test_seizures_report_totals_equal_the_genre_gold(tmp_path):
    report = run_report(GENRE / "seizures" / "docs", tmp_path / "reports", notebooks=notebooks_folder(tmp_path, "02_seizures"),
                        progress=False)
    assert report.ok, report.results[0].error
    tables, figures = shown(report.results[0].notebook)
    expected = gold("seizures", "seizures")
    expected = expected[expected["quantity_kg"] != ""].astype({"quantity_kg": float})
    by_drug = tables["kg_by_drug"].set_index("Drug")
    for scope, column in (("event", "Single seizures"), ("aggregate", "Reported totals")):
        want = expected[expected["scope"] == scope].groupby("drug")["quantity_kg"].sum().round(3)
        got = by_drug[column].round(3)
        assert got[got > 0].to_dict() == want.to_dict(), column

    extracted = pd.read_parquet(report.run_dir / "tables" / "seizures.parquet")
    events = extracted[extracted["scope"] == "event"].sort_values("quantity_kg", ascending=False)
    assert tables["largest_seizures"]["Sentence"].iloc[0] == events["sentence"].iloc[0]
    counted = tables["counted_seizures"]
    captagon = counted[counted["Drug"] == "captagon"]
    assert captagon["Amount"].tolist() == ["1,500,000 tablets"]  # g11, counted not weighed
    for name in ("kg_by_drug", "kg_by_country", "kg_over_time"):
        assert figures[name]["no_data"] is False


def test_cooperation_reports_match_the_genre_gold(tmp_path):
    folder = notebooks_folder(tmp_path, "03_cooperation", "04_counts_notices")
    report = run_report(GENRE / "cooperation" / "docs", tmp_path / "reports", notebooks=folder, progress=False)
    assert report.ok, [result.error for result in report.results]
    cooperation, charts = shown(report.run_dir / "03_cooperation.ipynb")

    visits = cooperation["visits"]
    expected = gold("cooperation", "visits")
    assert set(zip(visits["Date"], visits["Visitor"], visits["Host country"], strict=True)) == \
        set(zip(expected["date"], expected["visitor"], expected["host_country"], strict=True))
    assert all(visits["Sentence"].str.len() > 0)

    by_type = cooperation["meetings_by_type"].set_index("Event type")
    held = gold("cooperation", "meetings").query("status == 'held'")["event_type"].value_counts()
    assert by_type["held"][by_type["held"] > 0].to_dict() == held.to_dict()
    assert by_type["Total"].sum() == len(cooperation["meetings"])
    for name in ("visits_timeline", "meetings_by_type", "network_chart"):
        assert charts[name]["no_data"] is False, name

    counts, count_charts = shown(report.run_dir / "04_counts_notices.ipynb")
    notices = gold("cooperation", "counts").query("category == 'notices' and value != ''")
    assert sorted(counts["notices"]["Value"].dropna()) == sorted(float(v) for v in notices["value"])
    assert len(counts["trends"]) > 0 and counts["trends"]["Value"].isna().all()
    assert count_charts["notices_over_time"]["no_data"] is False


# --- untrusted text ------------------------------------------------------------------------------

HOSTILE_TXT = """<script>alert("pwned-title")</script> **Police** seize heroin &amp; <b>more</b> at the border
DUSHANBE, 5 May 2024 – Police seized 25 kg of heroin <script>alert("pwned-body")</script> from a truck near the \
border with Afghanistan &amp; <img src=x onerror=alert("pwned-img")> [details](javascript:alert("pwned-md")).
INTERPOL has issued 1,500 Red Notices <script>alert("pwned-count")</script> at the request of Tajikistan in 2023.
"""
HOSTILE_JSONL = {"id": "hostile-json", "published": "2024-06-01",
                 "title": '<script>alert("pwned-json")</script> &lt;b&gt; $x$ **UNODC** seizes 40 kg of opium',
                 "text": 'KABUL, 1 June 2024 – Police seized 40 kg of opium <iframe src="javascript:alert(1)"></iframe> '
                         "in Herat, Afghanistan."}


def test_hostile_document_text_is_escaped_in_every_report(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (corpus / "hostile.jsonl").write_text(json.dumps(HOSTILE_JSONL) + "\n", encoding="utf-8")
    report = run_report(corpus, tmp_path / "reports", progress=False)
    assert report.ok, [result.error for result in report.results]

    escaped_in = set()
    for name in NAMES:
        page = (report.run_dir / f"{name}.html").read_text(encoding="utf-8")
        markup = _Markup()
        markup.feed(page)
        assert not [s for s in markup.scripts if "pwned" in s or "alert" in s], f"{name}: live script from a document"
        for tag, attributes in markup.tags:
            assert tag not in ("iframe", "b"), f"{name}: live <{tag}> from a document"
            assert not any("pwned" in (value or "") or "javascript:" in (value or "") for value in attributes.values()), \
                f"{name}: a document's text became an attribute of <{tag}>"
        assert "<strong>Police</strong>" not in page and "<strong>UNODC</strong>" not in page  # markdown stays text
        if '&lt;script&gt;alert("pwned' in page or "&lt;script&gt;alert(&quot;pwned" in page:
            escaped_in.add(name)
        if name in ("01_extract", "02_seizures", "05_summary"):
            assert "&amp;amp;" in page  # an entity in the text is shown as written, not decoded
    assert {"01_extract", "02_seizures", "04_counts_notices", "05_summary"} <= escaped_in
    summary = visible_text((report.run_dir / "05_summary.html").read_text(encoding="utf-8"))
    assert '40 kg of opium <iframe src="javascript:alert(1)"></iframe> in Herat' in summary  # shown as text


def test_table_and_headline_html_escape_everything():
    frame = pd.DataFrame({"Sentence": ['<script>alert("x")</script>'], "Document": ["a & b"], "Kilograms": [1234.5]})
    page = views.table_html(frame, caption="<i>caption</i>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<i>caption</i>" not in page and "a &amp; b" in page
    assert "1,234.5 kg" in page
    rows = pd.DataFrame([{"kind": "<k>", "figure": "<f>", "context": "<c>", "sentence": "<s>", "doc_id": "<d>",
                          "title": "<t>", "published": "<p>"}])
    cards = views.headlines_html(rows)
    assert not re.search(r"<[kfcsdtp]>", cards)


# --- parameters -----------------------------------------------------------------------------------

def _cli(capsys, *args) -> tuple[int, str]:
    status = cli.main(["report", *map(str, args), "--no-progress"])
    return status, capsys.readouterr().err


@pytest.mark.parametrize(("name", "value", "message"), [
    ("colour", "red", "unknown parameter 'colour'"),
    ("date_from", "2023-13-01", "date_from '2023-13-01' is not a date"),
    ("date_to", "yesterday", "date_to 'yesterday' is not a date"),
    ("countries", "Tajikistan,Narnia", "unknown country 'Narnia'"),
    ("drugs", "chocolate", "unknown drug 'chocolate'"),
    ("corpus", "elsewhere", "parameter corpus is set with --corpus"),
])
def test_bad_parameters_are_refused_before_anything_runs(tmp_path, capsys, name, value, message):
    status, err = _cli(capsys, "--corpus", SEEDS, "--out", tmp_path / "reports", "-p", name, value)
    assert status == 2
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err
    assert not (tmp_path / "reports").exists()


def test_dates_out_of_order_and_a_missing_corpus_are_usage_errors(tmp_path, capsys):
    status, err = _cli(capsys, "--out", tmp_path / "r", "-p", "date_from", "2024", "-p", "date_to", "2023-06")
    assert status == 2 and "date_from 2024 is after date_to 2023-06" in err
    status, err = _cli(capsys, "--corpus", tmp_path / "missing", "--out", tmp_path / "r")
    assert status == 2 and "no such file or folder" in err
    assert not (tmp_path / "r").exists()


def test_parameter_types_come_from_the_parameters_cell(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        'top: int = 10  # rows to show\nshare: float = 0.5\nlabels: bool = True\ndrugs: str = ""')])
    notebook.cells[0].metadata["tags"] = ["parameters"]
    notebook.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "Python (analysis)", "language": "python"}
    path = tmp_path / "typed.ipynb"
    nbformat.write(notebook, str(path))
    declared = {str(path): papermill.inspect_notebook(str(path))}
    assert check_parameters([("top", "7"), ("share", "0.25"), ("labels", "no"), ("drugs", "crystal meth")],
                            declared) == {"top": 7, "share": 0.25, "labels": False, "drugs": "methamphetamine"}
    with pytest.raises(ParameterError, match="parameter top must be int, got 'ten'"):
        check_parameters([("top", "ten")], declared)
    with pytest.raises(ParameterError, match="parameter labels must be bool"):
        check_parameters([("labels", "maybe")], declared)


def test_filters_reach_the_notebooks(tmp_path):
    report = run_report(SEEDS, tmp_path / "reports", [("drugs", "heroin"), ("countries", "Tajikistan"), ("date_from", "2013")],
                        notebooks=notebooks_folder(tmp_path, "02_seizures"), progress=False)
    assert report.ok, report.results[0].error
    tables, _ = shown(report.results[0].notebook)
    assert tables["kg_by_drug"]["Drug"].tolist() == ["heroin"]
    assert tables["kg_by_country"]["Country"].tolist() == ["TJK"]
    selection = tables["selection"]["text"].iloc[0]
    assert "countries = TJK" in selection and "drugs = heroin" in selection and "date_from = 2013" in selection


def test_filter_tables_by_period_country_and_drug(seed_tables):
    tables = views._complete(seed_tables.as_dict())
    assert len(views.filter_tables(tables, date_from="2023-11", date_to="2023-11").seizures) == 1
    assert len(views.filter_tables(tables, date_to="2012").visits) == 1  # the 2011 visit only
    by_country = views.filter_tables(tables, countries="Afghanistan")
    assert by_country.seizures["country"].tolist() == ["AFG"]
    assert views.filter_tables(tables, drugs="opiates").seizures["drug"].tolist() == ["heroin"]
    with pytest.raises(ValueError, match="is after"):
        views.filter_tables(tables, date_from="2020", date_to="2019")
    assert views.resolve_countries("afg, Tajik") == ["AFG", "TJK"]


# --- failures --------------------------------------------------------------------------------------

def test_a_failing_notebook_names_the_notebook_and_cell_and_keeps_the_rest(tmp_path, capsys):
    folder = notebooks_folder(tmp_path, "01_extract")
    broken = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Broken"),
        nbformat.v4.new_code_cell('corpus: str = ""\nout_dir: str = ""'),
        nbformat.v4.new_code_cell('raise RuntimeError("boom")'),
    ])
    broken.cells[1].metadata["tags"] = ["parameters"]
    broken.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "Python (analysis)", "language": "python"}
    nbformat.write(broken, str(folder / "02_broken.ipynb"))
    out = tmp_path / "reports"
    earlier = out / "20200101-000000"
    earlier.mkdir(parents=True)
    (earlier / "index.html").write_text("earlier run", encoding="utf-8")

    status, err = _cli(capsys, "--corpus", SEEDS, "--out", out, "--notebooks", folder)
    assert status == 1
    assert "error: notebook 02_broken.ipynb failed at cell 3 (In [3]): RuntimeError: boom" in err
    assert (earlier / "index.html").read_text(encoding="utf-8") == "earlier run"
    run = next(path for path in out.iterdir() if path.name not in ("20200101-000000", "latest"))
    assert (run / "01_extract.html").exists() and (run / "02_broken.ipynb").exists()
    index = (run / "index.html").read_text(encoding="utf-8")
    assert "failed: cell 3 (In [3]): RuntimeError: boom" in index and "1 of 2 reports failed" in index
    assert not [path.name for path in run.iterdir() if path.name.startswith(".")]
    assert not (out / "latest").exists()  # only a successful run becomes the latest


def test_a_corpus_without_readable_documents_exits_1_and_runs_no_notebook(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    status, err = _cli(capsys, "--corpus", corpus, "--out", tmp_path / "reports")
    assert status == 1 and f"error: no document could be read from {corpus}" in err
    run = next((tmp_path / "reports").iterdir())
    assert not list(run.glob("*.ipynb")) and "no report ran" in (run / "index.html").read_text(encoding="utf-8")


# --- the notebooks themselves --------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_notebooks_are_stored_clean_with_a_parameters_cell(name):
    path = NOTEBOOKS / f"{name}.ipynb"
    notebook = nbformat.read(str(path), as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
    assert "parameters" in code[0].metadata.get("tags", [])
    declared = papermill.inspect_notebook(str(path))
    assert list(declared) == PARAMETERS
    assert {parameter["inferred_type_name"] for parameter in declared.values()} == {"str"}
    assert notebook.metadata["kernelspec"]["name"] == KERNEL_NAME
    assert sum(len(cell.source.splitlines()) for cell in code) <= 40, "notebooks stay thin: logic goes in analysis/"


def test_no_seed_facts_are_written_into_the_package_or_the_notebooks():
    words = ["Rakhimov", "Mashrapov", "Usubov", "Garalov", "Fotehobod", "Noble", "71.11"]
    files = list((ROOT / "analysis").rglob("*.py")) + list(NOTEBOOKS.glob("*.ipynb"))
    offenders = [(path.name, word) for path in files for word in words if word in path.read_text(encoding="utf-8")]
    assert offenders == []


def test_the_kernel_is_this_environments_python():
    from jupyter_client.kernelspec import KernelSpecManager

    assert ensure_kernel() == KERNEL_NAME
    python = Path(KernelSpecManager().get_kernel_spec(KERNEL_NAME).argv[0])
    assert python.parent == Path(sys.executable).parent and python.samefile(sys.executable)


# --- interfaces: tables of an extract, progress, where a notebook finds its corpus -------------------

def _tiny_notebook(folder: Path) -> Path:
    """A notebook that takes the report's parameters and does nothing: the report's own steps, quickly."""
    folder.mkdir(exist_ok=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('corpus: str = ""\nout_dir: str = ""'),
                                               nbformat.v4.new_code_cell("print(corpus)")])
    notebook.cells[0].metadata["tags"] = ["parameters"]
    notebook.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "Python (analysis)", "language": "python"}
    nbformat.write(notebook, str(folder / "00_tiny.ipynb"))
    return folder


def test_report_reads_the_tables_an_incremental_extract_wrote_instead_of_extracting(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(SEEDS.iterdir())
    for path in seeds[:3]:
        shutil.copy(path, corpus)
    tables = tmp_path / "extract out"
    assert cli.main(["extract", str(corpus), "--out", str(tables), "--no-progress"]) == 0
    for path in seeds[3:]:  # new documents arrive; the scheduled extract reads only them
        shutil.copy(path, corpus)
    assert cli.main(["extract", str(corpus), "--out", str(tables), "--no-progress"]) == 0
    assert "incremental: 3 unchanged files reused, 2 read" in capsys.readouterr().out

    import analysis.tables.pipeline

    def no_extraction(*args, **kwargs):
        raise AssertionError("the report extracted the corpus again")

    monkeypatch.setattr(analysis.tables.pipeline, "extract", no_extraction)
    status, err = _cli(capsys, "--tables", tables, "--out", tmp_path / "reports",
                       "--notebooks", notebooks_folder(tmp_path, "01_extract"))
    assert status == 0, err
    run = next(path for path in (tmp_path / "reports").iterdir() if path.name != "latest")
    for name in ("documents", "seizures", "mentions"):
        assert pd.read_parquet(run / "tables" / f"{name}.parquet").equals(pd.read_parquet(tables / f"{name}.parquet"))
    shown_tables, _ = shown(run / "01_extract.ipynb")
    assert shown_tables["data_quality"].set_index("Measure").loc["documents read", "Whole corpus"] == len(seeds)
    assert "extract out" in (run / "index.html").read_text(encoding="utf-8")


def test_a_tables_folder_that_is_missing_or_not_an_extracts_is_a_usage_error(tmp_path, capsys):
    status, err = _cli(capsys, "--tables", tmp_path / "missing", "--out", tmp_path / "reports")
    assert status == 2 and err == f"error: {tmp_path / 'missing'}: no such folder (give the --out folder of an extract)\n"
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    status, err = _cli(capsys, "--tables", tmp_path / "other", "--out", tmp_path / "reports")
    assert status == 2 and "no documents table; not a folder written by extract" in err
    assert not (tmp_path / "reports").exists()


def test_report_shows_a_progress_bar_while_it_extracts(tmp_path, capsys):
    notebooks = _tiny_notebook(tmp_path / "notebooks")
    report = run_report(SEEDS, tmp_path / "reports", notebooks=notebooks, progress=True)
    assert report.ok, report.results[0].error
    err = capsys.readouterr().err
    assert re.search(r"extracting: 5 ?file", err) and "notebooks: 100%" in err  # files read, then notebooks run
    report = run_report(SEEDS, tmp_path / "reports", notebooks=notebooks, progress=False)
    assert report.ok and capsys.readouterr().err == ""


@pytest.mark.parametrize(("terminal", "ci", "shown_bar"), [(True, None, True), (True, "true", False), (False, None, False)])
def test_progress_bars_only_on_a_terminal_outside_ci(monkeypatch, terminal, ci, shown_bar):
    from analysis.tables.pipeline import default_progress

    class Stream:
        def isatty(self):
            return terminal

    monkeypatch.setattr(sys, "stderr", Stream())
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    assert default_progress() is shown_bar


def test_notebooks_find_a_relative_corpus_wherever_the_kernel_runs(tmp_path, monkeypatch):
    # "seeds" (from the project root) and "../seeds" (the notebooks' default, from notebooks/) name the same
    # folder, whether the kernel runs in the project root, in notebooks/ or in a temporary folder
    for folder in (ROOT, NOTEBOOKS, tmp_path):
        monkeypatch.chdir(folder)
        for corpus in ("seeds", "../seeds"):
            assert len(views.load_tables(corpus).documents) == 5, (folder, corpus)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"the corpus parameter is empty"):
        views.load_tables("")
    with pytest.raises(FileNotFoundError, match=r"no/such: no such file or folder \(looked in .*no/such"):
        views.load_tables("no/such")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "blank.txt").write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match=r"no document could be read from .*empty \(1 skipped, first: .*blank.txt"):
        views.load_tables("empty")


def test_papermill_from_the_project_root_with_a_relative_corpus(tmp_path):
    kernel = ensure_kernel()
    executed = tmp_path / "01_extract.ipynb"
    papermill.execute_notebook(str(NOTEBOOKS / "01_extract.ipynb"), str(executed), parameters={"corpus": "../seeds"},
                               kernel_name=kernel, progress_bar=False, cwd=str(ROOT))
    tables, _ = shown(executed)
    assert tables["data_quality"].set_index("Measure").loc["documents read", "Whole corpus"] == 5
    with pytest.raises(papermill.PapermillExecutionError, match="FileNotFoundError") as failure:
        papermill.execute_notebook(str(NOTEBOOKS / "01_extract.ipynb"), str(executed), parameters={"corpus": "../nowhere"},
                                   kernel_name=kernel, progress_bar=False, cwd=str(ROOT))
    assert "../nowhere: no such file or folder" in failure.value.evalue
