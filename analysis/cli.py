"""Command line: ``python -m analysis extract|evaluate|report``.

Exit status: 0 on success; 1 when no document could be processed (or a
report failed); 2 for usage errors (argparse's convention).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from importlib import metadata
from pathlib import Path

EPILOG = """exit status:
  0  success (documents were processed; unreadable files are warned about and skipped)
  1  nothing could be processed, or a step failed (the reason is printed on one line)
  2  usage error

examples:
  python -m analysis extract seeds --out out/seeds
  python -m analysis extract data/corpus --out data/tables --engine dask --workers 4
  python -m analysis evaluate --gold tests/gold/seeds --pred out/seeds
  python -m analysis evaluate --gold tests/gold/seeds --corpus seeds
  python -m analysis report --corpus seeds -p date_from 2013 -p countries TJK,AFG
  python -m analysis report --tables data/tables   # the tables an (incremental) extract wrote
"""


def version() -> str:
    """The installed package's version (its metadata), else the source tree's ``analysis.__version__``."""
    try:
        return metadata.version("analysis")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        from analysis import __version__

        return __version__


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m analysis``."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Drug-seizure and cooperation analytics: documents in, traceable tables out.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    from analysis.text.corpus import JSONL_KEYS, SUPPORTED_SUFFIXES

    jsonl_keys = "".join(textwrap.fill(meaning, 79, initial_indent=f"  {key:<10} ", subsequent_indent=" " * 13) + "\n"
                         for key, meaning in JSONL_KEYS.items())
    extract = commands.add_parser(
        "extract", help="read documents and write every table as Parquet and CSV",
        description=f"Read documents (files or folders, recursive: {' '.join(SUPPORTED_SUFFIXES)}) "
                    "and write every table as Parquet and CSV into --out.",
        epilog=f"a .jsonl line is one JSON object with these keys:\n{jsonl_keys}\n{EPILOG}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    extract.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to read")
    extract.add_argument("--out", required=True, metavar="DIR", help="folder for the tables")
    extract.add_argument("--engine", choices=["local", "dask"], default="local",
                         help="local: one process, streaming (default); dask: a Dask cluster")
    extract.add_argument("--workers", type=_positive_int, default=None, metavar="N",
                         help=f"with --engine dask: workers of the local cluster (default: {DEFAULT_WORKERS})")
    extract.add_argument("--scheduler", default=None, metavar="ADDRESS",
                         help="with --engine dask: an existing Dask scheduler (tcp://host:8786) instead of a "
                              "local cluster")
    extract.add_argument("--max-bytes", type=_positive_int, default=None, metavar="N",
                         help="skip files larger than N bytes (default: 20 MiB)")
    extract.add_argument("--full", action="store_true",
                         help="read every file again, ignoring DIR/manifest.json (default: a rerun into the same "
                              "DIR reads only new or changed files and reuses the rows of the others)")
    extract.add_argument("--no-progress", action="store_true",
                         help="never show a progress bar (default: shown on a terminal, not when CI is set)")

    evaluate = commands.add_parser(
        "evaluate", help="precision, recall and F1 per table and field against a gold folder",
        description="Score tables against a gold folder of CSVs (see analysis.tables.evaluate for the "
                    "matching rule). Give --pred (a folder written by extract) or --corpus "
                    "(extracted on the fly).",
    )
    evaluate.add_argument("--gold", required=True, metavar="DIR", help="folder of gold CSVs")
    source = evaluate.add_mutually_exclusive_group(required=True)
    source.add_argument("--pred", metavar="DIR", help="folder of predicted tables")
    source.add_argument("--corpus", metavar="PATH", help="corpus to extract and score")
    evaluate.add_argument("--fields", action="store_true",
                          help="also print per-field scores: the share of matched rows whose field is right "
                               "(* marks the fields the hidden sets score)")
    evaluate.add_argument("--any-drug", action="store_true",
                          help="match seizures on document and kilograms alone (a gold whose drug cells are "
                               "labelled text, such as the peer set)")

    report = commands.add_parser(
        "report", help="run the notebook suite with papermill and export HTML reports",
        description="Extract the corpus once (or read the tables of an extract with --tables), run every notebook "
                    "of notebooks/ with papermill and write reports/<timestamp>/ with the executed notebooks, HTML "
                    "reports (code hidden), the tables and an index.html linking them.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = report.add_mutually_exclusive_group()
    source.add_argument("--corpus", default="seeds", metavar="PATH",
                        help="folder or file to read; relative to the current folder (default: seeds)")
    source.add_argument("--tables", default=None, metavar="DIR",
                        help="read the tables that 'extract ... --out DIR' wrote instead of extracting a corpus "
                             "(a scheduled report after an incremental extract)")
    report.add_argument("--out", default="reports", metavar="DIR",
                        help="folder for the run folders (default: reports)")
    report.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        dest="parameters",
                        help="a notebook parameter: date_from, date_to (YYYY[-MM[-DD]]), countries, drugs "
                             "(comma-separated); repeatable")
    report.add_argument("--notebooks", default=None, metavar="DIR",
                        help="folder of notebooks to run (default: the project's notebooks/)")
    report.add_argument("--jobs", type=_positive_int, default=None, metavar="N",
                        help="notebooks run at once (default: one per CPU, at most 4)")
    report.add_argument("--no-progress", action="store_true",
                        help="never show the progress bars while extracting and over the notebooks (default: shown "
                             "on a terminal, not when CI is set)")
    parser.commands = {"extract": extract, "evaluate": evaluate, "report": report}  # for check_option_pairs
    return parser


DEFAULT_WORKERS = 2

NEEDS = [  # (command, option, its attribute, the condition it needs, that condition's words)
    ("extract", "--workers", "workers", lambda args: args.engine == "dask", "--engine dask"),
    ("extract", "--scheduler", "scheduler", lambda args: args.engine == "dask", "--engine dask"),
    ("extract", "--workers", "workers", lambda args: args.scheduler is None,
     "a local cluster (an existing --scheduler has its own workers)"),
]
"""Options that mean something only with another: given without it, a usage error (exit 2), not ignored."""


def check_option_pairs(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Stop with argparse's usage error (one line, exit status 2) for an option given without the one it needs."""
    for command, option, attribute, needed, words in NEEDS:
        if args.command == command and getattr(args, attribute) is not None and not needed(args):
            parser.commands[command].error(f"{option} needs {words}")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    check_option_pairs(parser, args)
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "evaluate":
            return _evaluate(args)
        if args.command == "report":
            return _report(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except FileNotFoundError as error:  # a corpus or folder that is not there: its path and reason, one line
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # one line, not a traceback, for the scheduled-run logs
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 2


def _warn(skipped) -> None:
    print(f"warning: {skipped}", file=sys.stderr)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _extract(args: argparse.Namespace) -> int:
    from analysis.tables.pipeline import check_paths
    from analysis.tables.store import FolderBusy, ForeignFolder, output_lock

    check_paths(args.paths)  # nothing to read: FileNotFoundError before the output folder is made
    try:
        with output_lock(args.out):  # two runs into one folder: the second exits 2 naming the first
            return _extract_locked(args)
    except (FolderBusy, ForeignFolder) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def _extract_locked(args: argparse.Namespace) -> int:
    from analysis.tables.store import load_previous, write_run
    from analysis.text.corpus import DEFAULT_MAX_BYTES

    max_bytes = args.max_bytes or DEFAULT_MAX_BYTES
    progress = False if args.no_progress else None
    previous = None if args.full else load_previous(args.out, max_bytes)
    if args.engine == "dask":
        from analysis.tables.dask_engine import extract_with_dask

        tables = extract_with_dask(args.paths, workers=args.workers or DEFAULT_WORKERS, scheduler=args.scheduler,
                                   max_bytes=max_bytes, progress=progress, on_skip=_warn, previous=previous)
    else:
        from analysis.tables.pipeline import extract

        tables = extract(args.paths, max_bytes=max_bytes, progress=progress, on_skip=_warn, previous=previous)
    # tables, datasets and manifest together or not at all (without a manifest the next run reads every file)
    write_run(tables.as_dict(), args.out, tables.manifest)
    for line in tables.summary():
        print(line)
    if previous is not None and tables.manifest is not None:
        old = previous.manifest.files
        reused = sum(1 for path, record in tables.manifest.files.items()
                     if path in old and old[path].sha256 == record.sha256)
        print(f"incremental: {reused:,} unchanged files reused, {len(tables.manifest.files) - reused:,} read")
    if tables.documents.empty:
        print(f"error: no document could be read from {' '.join(args.paths)}", file=sys.stderr)
        return 1
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from analysis.tables.evaluate import evaluate, evaluate_folder, format_scores

    if not Path(args.gold).is_dir():
        print(f"error: {args.gold}: gold folder not found", file=sys.stderr)
        return 1
    if args.pred:
        if not Path(args.pred).is_dir():
            print(f"error: {args.pred}: prediction folder not found", file=sys.stderr)
            return 1
        scores = evaluate_folder(args.gold, args.pred, match_drug=not args.any_drug)
    else:
        from analysis.tables.pipeline import extract

        scores = evaluate(args.gold, extract(args.corpus, on_skip=_warn).as_dict(), match_drug=not args.any_drug)
    if not args.fields:
        scores = [s for s in scores if s.field == "(rows)"]
    print(format_scores(scores))
    return 0


def _report(args: argparse.Namespace) -> int:
    from analysis.reports.report import ParameterError, run_report

    try:
        report = run_report(args.corpus, args.out, [tuple(pair) for pair in args.parameters], args.notebooks,
                            progress=False if args.no_progress else None, on_skip=_warn, jobs=args.jobs,
                            tables=args.tables)
    except ParameterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if report.error:
        print(f"error: {report.error}", file=sys.stderr)
    for result in report.failures:
        print(f"error: notebook {result.notebook.name} failed at {result.error}", file=sys.stderr)
    print(f"{'reports' if report.ok else 'partial reports'}: {report.index}")
    return 0 if report.ok else 1
