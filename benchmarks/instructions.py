"""Machine instructions per document of the local engine, counted by valgrind (callgrind).

Wall-clock timings on a shared machine move by 10% from run to run, which hides the
1-3% a single change gains or costs. The number of instructions executed does not
move (two runs agree within 0.3%), so this compares two versions of the code
exactly: run it in each checkout, on the same corpus.

It runs Python under valgrind twice, reading 0 and then N documents, and prints the
difference divided by N, so start-up (imports, lexicons) is left out. Under valgrind
Python runs about 50 times slower: 100 generated documents take about two minutes.

Usage (needs the Debian package valgrind):
    .venv/bin/python benchmarks/instructions.py CORPUS_DIR [N]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What runs under valgrind: read N documents of a folder and extract them one by one.
_CHILD = """
import sys
from analysis.corpus import Skipped, read_corpus
from analysis.pipeline import extract_document
from analysis.corpus import Document
documents = [d for d in read_corpus([sys.argv[1]]) if not isinstance(d, Skipped)][: int(sys.argv[2])]
extract_document(Document("w", "w", "VALENCIA, Spain, 3 March 2024 – Police seized 12 kg of heroin in Valencia."))
for document in documents:
    extract_document(document)
"""


def instructions(corpus: Path, documents: int) -> int:
    """Instructions valgrind counts for one run of the child reading ``documents`` documents."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", _CHILD,
         str(corpus), str(documents)],
        capture_output=True, text=True, env=env, cwd=ROOT, check=True,
    )
    found = re.search(r"Collected : (\d+)", run.stderr)
    if found is None:
        raise SystemExit(f"instructions: valgrind printed no count:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a folder of documents (e.g. out/bench/c1000/docs)")
    parser.add_argument("documents", type=int, nargs="?", default=100, help="how many to read (default: 100)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions: valgrind is not installed (apt-get install valgrind)")
    if not args.corpus.is_dir():
        raise SystemExit(f"instructions: {args.corpus}: not a folder")
    baseline = instructions(args.corpus, 0)
    total = instructions(args.corpus, args.documents)
    print(f"{args.corpus}: {(total - baseline) / args.documents:,.0f} instructions per document "
          f"({args.documents} documents; start-up, {baseline:,}, left out)")


if __name__ == "__main__":
    main()
