"""Machine instructions per document of the local engine, counted by valgrind (callgrind).

Wall-clock timings on a shared machine move by 10% from run to run, which hides the
1-3% a single change gains or costs. The number of instructions executed does not
move (two runs agree within 0.3%), so this compares two versions of the code
exactly: run it in each checkout, on the same corpus.

It runs Python under valgrind twice, reading 0 and then N documents, and prints the
difference divided by N, so start-up (imports, lexicons) is left out. Under valgrind
Python runs about 50 times slower: 100 generated documents take about two minutes.

Usage (needs the Debian package valgrind):
    .venv/bin/python benchmarks/instructions.py CORPUS_DIR [N] [--breakdown]

``--breakdown`` also prints which part of Python the documents' instructions are spent in
(the regular-expression engine, the bytecode interpreter, memory, ...), by C function.

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What runs under valgrind: read N documents of a folder and extract them one by one.
_CHILD = """
import sys
from analysis.text.corpus import Skipped, read_corpus
from analysis.tables.pipeline import extract_document
from analysis.text.corpus import Document
documents = [d for d in read_corpus([sys.argv[1]]) if not isinstance(d, Skipped)][: int(sys.argv[2])]
extract_document(Document("w", "w", "VALENCIA, Spain, 3 March 2024 – Police seized 12 kg of heroin in Valencia."))
for document in documents:
    extract_document(document)
"""


def instructions(corpus: Path, documents: int, profile: Path | None = None) -> int:
    """Instructions valgrind counts for one run of the child reading ``documents`` documents
    (with ``profile``, callgrind also writes its per-function counts there)."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile or '/dev/null'}", sys.executable, "-c",
         _CHILD, str(corpus), str(documents)],
        capture_output=True, text=True, env=env, cwd=ROOT, check=True,
    )
    found = re.search(r"Collected : (\d+)", run.stderr)
    if found is None:
        raise SystemExit(f"instructions: valgrind printed no count:\n{run.stderr[-2000:]}")
    return int(found.group(1))


# Where the interpreter's instructions go, by the C source file of the function.
_PARTS = [("regular-expression engine (_sre)", "_sre/"), ("bytecode interpreter (ceval)", "ceval.c"),
          ("memory (obmalloc, malloc, gc)", ("obmalloc.c", "malloc", "gcmodule.c")),
          ("str methods and character tables", ("unicodeobject.c", "unicodectype.c")),
          ("dict lookups", "dictobject.c")]


def _by_function(profile: Path) -> dict[str, int]:
    """Instructions per C function of one callgrind profile (callgrind_annotate's table)."""
    table = subprocess.run(["callgrind_annotate", "--threshold=100", str(profile)],
                           capture_output=True, text=True, check=True).stdout
    counts: dict[str, int] = {}
    for line in table.splitlines():
        row = re.match(r"\s*([\d,]+) \([^)]*\)\s+(\S+)", line)
        if row and row.group(2) != "PROGRAM":
            counts[row.group(2)] = counts.get(row.group(2), 0) + int(row.group(1).replace(",", ""))
    return counts


def breakdown(before: Path, after: Path) -> list[str]:
    """Lines: the share of the documents' instructions (``after`` minus ``before``) per part of Python."""
    start, end = _by_function(before), _by_function(after)
    spent = {name: end[name] - start.get(name, 0) for name in end}
    total = sum(v for v in spent.values() if v > 0)
    lines, counted = [], 0
    for label, files in _PARTS:
        files = (files,) if isinstance(files, str) else files
        part = sum(v for name, v in spent.items() if v > 0 and any(f in name for f in files))
        counted += part
        lines.append(f"  {100 * part / total:5.1f}%  {label}")
    lines.append(f"  {100 * (total - counted) / total:5.1f}%  everything else")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a folder of documents (e.g. out/bench/c1000/docs)")
    parser.add_argument("documents", type=int, nargs="?", default=100, help="how many to read (default: 100)")
    parser.add_argument("--breakdown", action="store_true",
                        help="also print where the instructions go (regular expressions, interpreter, memory ...)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions: valgrind is not installed (apt-get install valgrind)")
    if not args.corpus.is_dir():
        raise SystemExit(f"instructions: {args.corpus}: not a folder")
    with tempfile.TemporaryDirectory() as folder:
        profiles = (Path(folder) / "start.out", Path(folder) / "documents.out") if args.breakdown else (None, None)
        baseline = instructions(args.corpus, 0, profiles[0])
        total = instructions(args.corpus, args.documents, profiles[1])
        print(f"{args.corpus}: {(total - baseline) / args.documents:,.0f} instructions per document "
              f"({args.documents} documents; start-up, {baseline:,}, left out)")
        if args.breakdown:
            print("where they go:")
            print("\n".join(breakdown(*profiles)))


if __name__ == "__main__":
    main()
