"""The report suite: extract once, run every notebook with papermill, export HTML, write an index.

``python -m analysis report`` calls :func:`run_report`, which

1. checks the ``-p NAME VALUE`` parameters against the notebooks'
   ``parameters`` cells (names and declared types, via papermill's
   ``inspect_notebook``), plus dates, countries and drugs, before anything
   runs (:class:`ParameterError`, exit status 2);
2. extracts the corpus once into ``<out>/<timestamp>/tables/`` (Parquet and CSV),
   with a progress bar on a terminal; or, with ``tables`` (``--tables DIR``),
   copies there the tables an ``extract`` wrote into DIR, so a scheduled report
   reuses an incremental extraction instead of reading the corpus again;
3. runs each notebook of ``notebooks/`` with papermill on the project's own
   kernel (registered in the environment on first use), writing the executed
   notebook to a temporary name and renaming it;
4. exports each to HTML with the code hidden (nbconvert), charts embedded
   as PNG and no remote scripts, and writes ``index.html`` linking them all.

Every file is written atomically, a new run never touches earlier run
folders, and a failing notebook does not stop the others: the run finishes,
``index.html`` marks the failure and :func:`run_report` reports the notebook
and cell (exit status 1).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.tables.store import atomic_write, write_tables

KERNEL_NAME = "analysis"
KERNEL_DISPLAY_NAME = "Python (analysis)"
PROJECT_NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
SET_BY_OPTIONS = {"corpus": "--corpus", "out_dir": "--out"}
"""Notebook parameters the report sets itself (from these command-line options)."""
CELL_TIMEOUT = 900
"""Seconds one notebook cell may run before the notebook counts as failed."""


class ParameterError(ValueError):
    """A ``-p NAME VALUE`` the notebooks do not accept (a usage error: exit status 2)."""


@dataclass
class NotebookResult:
    """The outcome of one notebook: where its outputs are and, if it failed, where and why."""

    name: str
    title: str
    notebook: Path
    html: Path | None = None
    error: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when the notebook ran to the end and its HTML was written."""
        return not self.error


@dataclass
class ReportResult:
    """One run of the suite: its folder, index page and per-notebook results."""

    run_dir: Path
    index: Path
    results: list[NotebookResult] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    error: str = ""
    """Why no notebook ran (for example: no document could be read); empty otherwise."""

    @property
    def ok(self) -> bool:
        """True when every notebook succeeded."""
        return not self.error and all(result.ok for result in self.results)

    @property
    def failures(self) -> list[NotebookResult]:
        """The notebooks that failed."""
        return [result for result in self.results if not result.ok]


# --- notebooks and their parameters ------------------------------------------------------

def find_notebooks(folder: str | os.PathLike | None = None) -> list[Path]:
    """The ``*.ipynb`` files of ``folder`` (default: the project's ``notebooks/``), in name order."""
    folder = Path(folder) if folder else PROJECT_NOTEBOOKS
    if not folder.is_dir():
        raise ParameterError(f"{folder}: notebook folder not found (give --notebooks DIR)")
    notebooks = sorted(path for path in folder.glob("*.ipynb") if not path.name.startswith("."))
    if not notebooks:
        raise ParameterError(f"{folder}: no notebooks (*.ipynb) in this folder")
    return notebooks


def notebook_parameters(notebooks: Iterable[Path]) -> dict[str, dict[str, dict]]:
    """Notebook path -> its declared parameters (name -> papermill's description with the inferred type)."""
    import papermill

    return {str(path): papermill.inspect_notebook(str(path)) for path in notebooks}


def _convert(name: str, value: str, type_name: str):
    type_name = (type_name or "None").strip()
    try:
        if type_name == "int":
            return int(value)
        if type_name == "float":
            return float(value)
        if type_name == "bool":
            lowered = value.strip().lower()
            if lowered in ("true", "yes", "1"):
                return True
            if lowered in ("false", "no", "0"):
                return False
            raise ValueError(value)
    except ValueError:
        raise ParameterError(f"parameter {name} must be {type_name}, got {value!r}") from None
    return value


def check_parameters(pairs: Sequence[tuple[str, str]], declared: dict[str, dict[str, dict]]) -> dict[str, object]:
    """The ``-p NAME VALUE`` pairs checked and converted; raises :class:`ParameterError` with one line.

    Names must be declared by at least one notebook's ``parameters`` cell;
    values are converted to the declared type (str, int, float, bool);
    ``date_from``/``date_to`` must be ISO dates in order, ``countries`` known
    countries (stored as ISO3 codes) and ``drugs`` known drug names.
    """
    from analysis.reports import views

    known: dict[str, str] = {}
    for parameters in declared.values():
        for name, description in parameters.items():
            known.setdefault(name, description.get("inferred_type_name", "None"))
    values: dict[str, object] = {}
    for name, value in pairs:
        if name in SET_BY_OPTIONS:
            raise ParameterError(f"parameter {name} is set with {SET_BY_OPTIONS[name]}, not -p")
        if name not in known:
            choices = ", ".join(sorted(n for n in known if n not in SET_BY_OPTIONS))
            raise ParameterError(f"unknown parameter {name!r} (the notebooks take: {choices})")
        values[name] = _convert(name, value, known[name])
    try:
        for name in ("date_from", "date_to"):
            if name in values:
                values[name] = views.check_date(str(values[name]), name)
        start, end = values.get("date_from"), values.get("date_to")
        if start and end and views.period(str(start))[0] > views.period(str(end))[1]:
            raise ValueError(f"date_from {start} is after date_to {end}")
        if "countries" in values:
            values["countries"] = ",".join(views.resolve_countries(str(values["countries"])))
        if "drugs" in values:
            values["drugs"] = ",".join(views.resolve_drugs(str(values["drugs"])))
    except ValueError as error:
        raise ParameterError(str(error)) from None
    return values


# --- the kernel --------------------------------------------------------------------------

KERNEL_ARGUMENTS = ["--log-level=CRITICAL"]
"""Extra kernel arguments: keep ipykernel's start-up and shutdown chatter out of scheduled-run logs."""


def kernel_argv() -> list[str]:
    """The command line of the project's kernel: this environment's Python running ipykernel."""
    from ipykernel.kernelspec import make_ipkernel_cmd

    return make_ipkernel_cmd(executable=sys.executable, extra_arguments=KERNEL_ARGUMENTS)


def _same_kernel(argv: list[str] | None, wanted: list[str]) -> bool:
    """True when ``argv`` runs this environment's Python (``python`` or ``python3`` of one bin/) like ``wanted``."""
    if not argv or argv[1:] != wanted[1:]:
        return False
    try:
        return Path(argv[0]).parent == Path(wanted[0]).parent and Path(argv[0]).samefile(wanted[0])
    except OSError:
        return False


def ensure_kernel(name: str = KERNEL_NAME) -> str:
    """Register this environment's Python as Jupyter kernel ``name`` (when missing or stale); returns the name.

    The kernel spec goes into ``sys.prefix`` (the virtual environment), so a
    fresh ``make setup`` is enough and nothing outside the project changes.
    """
    import tempfile

    from ipykernel.kernelspec import write_kernel_spec
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    def current() -> list[str] | None:
        try:
            return KernelSpecManager().get_kernel_spec(name).argv
        except NoSuchKernel:
            return None

    wanted = kernel_argv()
    if _same_kernel(current(), wanted):
        return name
    with tempfile.TemporaryDirectory() as staging:
        spec = write_kernel_spec(Path(staging) / name, overrides={"argv": wanted, "display_name": KERNEL_DISPLAY_NAME})
        KernelSpecManager().install_kernel_spec(spec, name, prefix=sys.prefix)
    if not _same_kernel(current(), wanted):
        raise RuntimeError(f"another Jupyter kernel named {name!r} hides this environment's; "
                           f"remove it (jupyter kernelspec remove {name}) and run again")
    return name


# --- HTML --------------------------------------------------------------------------------

_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<style type="text/css">
body.jp-Notebook { max-width: 1180px; margin: 0 auto; padding: 12px 24px 48px 24px; }
.jp-OutputArea-output img { max-width: 100%; height: auto; }
.jp-RenderedHTMLCommon h1 { font-size: 1.9em; }
.report-nav { font-size: 13px; margin: 8px 0 0 0; color: #57606a; }
</style>
{%- endblock extra_css -%}
"""


def _exporter():
    import jinja2
    from nbconvert import HTMLExporter

    return HTMLExporter(
        extra_loaders=[jinja2.DictLoader({"analysis_report.html.j2": _TEMPLATE})],
        template_file="analysis_report.html.j2",
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
    )


def _report_view(notebook):
    """A copy of an executed notebook fit for readers: no parameter cells, no warnings on stderr."""
    import copy

    notebook = copy.deepcopy(notebook)
    hidden = {"parameters", "injected-parameters"}
    notebook.cells = [cell for cell in notebook.cells if not hidden & set(cell.get("metadata", {}).get("tags", []))]
    for cell in notebook.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = [out for out in cell.get("outputs", [])
                               if not (out.get("output_type") == "stream" and out.get("name") == "stderr")]
    return notebook


def export_html(notebook_path: str | os.PathLike, html_path: str | os.PathLike, title: str = "") -> Path:
    """Write an executed notebook as a self-contained HTML report (code hidden) atomically; returns the path."""
    import nbformat

    notebook = _report_view(nbformat.read(str(notebook_path), as_version=4))
    if title:
        notebook.metadata["title"] = title
    body, _ = _exporter().from_notebook_node(notebook)
    atomic_write(html_path, lambda temp: Path(temp).write_text(body, encoding="utf-8"))
    return Path(html_path)


def _cell_position(notebook, cell_index: int) -> int:
    """1-based number, in the original notebook, of the cell papermill reports as ``cell_index``.

    papermill counts cells after injecting its parameters cell and before
    adding its two error-marker cells; the number people see skips both.
    """
    cells = [cell for cell in notebook.cells if "papermill-error-cell-tag" not in cell.get("metadata", {}).get("tags", [])]
    injected = sum(1 for cell in cells[:cell_index] if "injected-parameters" in cell.get("metadata", {}).get("tags", []))
    return cell_index + 1 - injected


def _title(path: Path) -> str:
    import nbformat

    notebook = nbformat.read(str(path), as_version=4)
    return str(notebook.metadata.get("title") or path.stem.replace("_", " "))


# --- running -----------------------------------------------------------------------------

def _run_folder(out: Path, stamp: str | None) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    stamp = stamp or dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for attempt in range(1000):
        folder = out / (stamp if attempt == 0 else f"{stamp}-{attempt + 1}")
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            continue
    raise RuntimeError(f"{out}: cannot create a new run folder for {stamp}")


def run_notebook(source: Path, run_dir: Path, parameters: dict[str, object], kernel: str) -> NotebookResult:
    """Execute one notebook into ``run_dir`` and export its HTML; failures are recorded, not raised."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    result = NotebookResult(source.stem, _title(source), run_dir / source.name)
    temp = run_dir / f".{source.stem}.running.ipynb"
    started = time.monotonic()
    try:
        papermill.execute_notebook(str(source), str(temp), parameters=parameters, kernel_name=kernel,
                                   progress_bar=False, cwd=str(source.parent), execution_timeout=CELL_TIMEOUT)
    except PapermillExecutionError as error:
        executed = nbformat.read(str(temp), as_version=4)
        cell = _cell_position(executed, error.cell_index)
        result.error = f"cell {cell} (In [{error.exec_count}]): {error.ename}: {error.evalue}".strip()
    except Exception as error:  # kernel died, timeout, unreadable notebook
        result.error = f"{type(error).__name__}: {' '.join(str(error).split())[:300]}"
    result.seconds = time.monotonic() - started
    if temp.exists():
        with open(temp, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temp, result.notebook)
        try:
            result.html = export_html(result.notebook, run_dir / f"{source.stem}.html", result.title)
        except Exception as error:
            result.html = None
            result.error = result.error or f"HTML export failed: {type(error).__name__}: {error}"
    return result


def default_jobs() -> int:
    """Notebooks run at once by default: one per CPU, at most four (each is its own kernel process)."""
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def read_extracted(folder: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """The tables an ``extract`` wrote into ``folder``, every table of the suite (an absent one empty).

    Read under the folder's lock when it can be taken, so a run committing there
    is not read half-way. Raises :class:`ParameterError` (a usage error) for a
    folder that is missing, in use by a run, or holds no ``documents`` table.
    """
    from analysis.tables.pipeline import TABLE_NAMES
    from analysis.tables.schema import empty_frame
    from analysis.tables.store import FolderBusy, output_lock, read_tables
    from analysis.text.corpus import shown_path

    folder = Path(folder)
    shown = shown_path(str(folder))
    if not folder.is_dir():
        raise ParameterError(f"{shown}: no such folder (give the --out folder of an extract)")
    try:
        with output_lock(folder):
            frames = read_tables(folder)
    except FolderBusy as error:
        raise ParameterError(str(error)) from None
    except PermissionError:  # a folder we may only read: no lock, no run writes there either
        frames = read_tables(folder)
    if "documents" not in frames:
        raise ParameterError(f"{shown}: no documents table; not a folder written by extract")
    return {name: frames[name] if name in frames else empty_frame(name) for name in TABLE_NAMES}


def run_report(corpus: str | os.PathLike = "seeds", out: str | os.PathLike = "reports",
               parameters: Sequence[tuple[str, str]] = (), notebooks: str | os.PathLike | None = None,
               progress: bool | None = None, stamp: str | None = None, on_skip=None,
               jobs: int | None = None, tables: str | os.PathLike | None = None) -> ReportResult:
    """Run the whole suite once; see the module docstring. Raises :class:`ParameterError` before any work.

    ``corpus`` is a file or folder; relative, to the current folder (the caller's);
    ``tables`` a folder written by ``extract``, read instead of extracting ``corpus``
    (which then only names the run; default: the folder);
    ``parameters`` are ``(name, value)`` pairs as given to ``-p``;
    ``notebooks`` a folder of notebooks (default: the project's);
    ``progress`` shows bars while extracting and over the notebooks (default:
    :func:`analysis.tables.pipeline.default_progress`, on a terminal outside CI);
    ``jobs`` is how many notebooks run at once (default: :func:`default_jobs`).
    """
    from analysis.tables.pipeline import TABLE_NAMES, default_progress, extract

    paths = find_notebooks(notebooks)
    declared = notebook_parameters(paths)
    values = check_parameters(list(parameters), declared)
    if progress is None:
        progress = default_progress()
    frames = None
    if tables is not None:
        frames = read_extracted(tables)
        corpus_path = Path(tables)
    else:
        corpus_path = Path(corpus)
        if not str(corpus).strip():
            raise ParameterError("the corpus is empty: give --corpus PATH")
        if not corpus_path.exists():
            raise ParameterError(f"{corpus}: no such file or folder")
    kernel = ensure_kernel()

    run_dir = _run_folder(Path(out), stamp)
    if frames is None:
        frames = extract(corpus_path, progress=progress, on_skip=on_skip).as_dict()
    write_tables(frames, run_dir / "tables")
    summary = [f"{name}: {len(frames[name]):,} rows" for name in TABLE_NAMES]
    report = ReportResult(run_dir, run_dir / "index.html", summary=summary)
    if frames["documents"].empty:
        report.error = f"no document could be read from {corpus_path}"
        write_index(report, corpus_path, values)
        return report

    jobs = max(1, min(jobs or default_jobs(), len(paths)))
    tasks = []
    for path in paths:
        wanted = {name: value for name, value in values.items() if name in declared[str(path)]}
        base = {"corpus": str(corpus_path.resolve()), "out_dir": str(run_dir.resolve())}
        wanted.update({name: value for name, value in base.items() if name in declared[str(path)]})
        tasks.append((path, run_dir, wanted, kernel))
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(tasks), desc="notebooks", unit="notebook")
    results: dict[Path, NotebookResult] = {}
    try:
        if jobs == 1:
            for task in tasks:
                if bar is not None:
                    bar.set_postfix_str(task[0].stem)
                results[task[0]] = run_notebook(*task)
                if bar is not None:
                    bar.update()
        else:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor, as_completed

            with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
                futures = {pool.submit(run_notebook, *task): task[0] for task in tasks}
                for future in as_completed(futures):
                    results[futures[future]] = future.result()
                    if bar is not None:
                        bar.set_postfix_str(futures[future].stem)
                        bar.update()
    finally:
        if bar is not None:
            bar.close()
    report.results = [results[path] for path in paths]
    write_index(report, corpus_path, values)
    if report.ok:
        _point_latest(Path(out), run_dir)
    return report


def _point_latest(out: Path, run_dir: Path) -> None:
    """Make ``<out>/latest`` a symbolic link to the newest successful run (atomically)."""
    link = out / "latest"
    temp = out / f".latest.{os.getpid()}"
    try:
        temp.unlink(missing_ok=True)
        temp.symlink_to(run_dir.name, target_is_directory=True)
        os.replace(temp, link)
    except OSError:  # file systems without symbolic links: the index is still there
        temp.unlink(missing_ok=True)


# --- index.html --------------------------------------------------------------------------

_INDEX_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 980px; margin: 2em auto;
  padding: 0 1.5em; color: #1f2328; line-height: 1.45; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; } .meta { color: #57606a; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 1em 0 2em 0; }
th, td { border-bottom: 1px solid #d0d7de; padding: 6px 10px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.ok { color: #1a7f37; font-weight: 600; } .failed { color: #cf222e; font-weight: 600; }
code { background: #f6f8fa; padding: 1px 4px; border-radius: 3px; }
"""


def write_index(report: ReportResult, corpus: Path, parameters: dict[str, object]) -> Path:
    """Write ``index.html`` of a run: its parameters, every report with its status, and the tables."""
    escape = html.escape
    rows = []
    for result in report.results:
        status = '<span class="ok">ok</span>' if result.ok else f'<span class="failed">failed: {escape(result.error)}</span>'
        report_link = (f'<a href="{escape(result.html.name)}">{escape(result.title)}</a>' if result.html
                       else escape(result.title))
        notebook_link = (f'<a href="{escape(result.notebook.name)}">{escape(result.notebook.name)}</a>'
                         if result.notebook.exists() else "")
        rows.append(f"<tr><td>{report_link}</td><td>{notebook_link}</td><td>{status}</td>"
                    f'<td class="num">{result.seconds:,.1f} s</td></tr>')
    table_rows = []
    tables_dir = report.run_dir / "tables"
    for line in report.summary:
        name, _, count = line.partition(": ")
        links = " ".join(f'<a href="tables/{escape(name)}.{kind}">{kind}</a>' for kind in ("csv", "parquet")
                         if (tables_dir / f"{name}.{kind}").exists())
        table_rows.append(f'<tr><td>{escape(name)}</td><td class="num">{escape(count)}</td><td>{links}</td></tr>')
    shown = {"corpus": str(corpus), **{name: str(value) for name, value in parameters.items()}}
    parameter_text = ", ".join(f"<code>{escape(name)} = {escape(value)}</code>" for name, value in shown.items())
    failed = len(report.failures)
    verdict = (f'<span class="failed">{failed} of {len(report.results)} reports failed</span>' if failed
               else f'<span class="ok">all {len(report.results)} reports ran</span>')
    if report.error:
        verdict = f'<span class="failed">no report ran: {escape(report.error)}</span>'

    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reports {escape(report.run_dir.name)}</title><style>{_INDEX_STYLE}</style></head>
<body>
<h1>Seizure and cooperation reports</h1>
<p class="meta">Run {escape(report.run_dir.name)} · {parameter_text} · {verdict}</p>
<h2>Reports</h2>
<table><thead><tr><th>Report (HTML)</th><th>Executed notebook</th><th>Status</th><th>Time</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>
<h2>Tables</h2>
<p>Extracted once for all reports; every row keeps the sentence and character offsets it came from.</p>
<table><thead><tr><th>Table</th><th>Rows</th><th>Files</th></tr></thead><tbody>{''.join(table_rows)}</tbody></table>
</body></html>
"""
    atomic_write(report.index, lambda temp: Path(temp).write_text(page, encoding="utf-8"))
    return report.index
