"""Documents per second of the local engine on the project's own documents.

Prints figures; asserts nothing. Usage:
    .venv/bin/python benchmarks/quick_speed.py [REPEAT]
"""

import sys
import time
from pathlib import Path

from analysis.tables.pipeline import clear_caches, extract_document
from analysis.text.corpus import read_corpus

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "seeds", ROOT / "tests/fixtures/genre/seizures/docs", ROOT / "tests/fixtures/genre/cooperation/docs"]


def main(repeat: int = 20) -> None:
    documents = [d for d in read_corpus(FOLDERS) if not hasattr(d, "reason")]
    extract_document(documents[0])  # warm the lazy gazetteer load
    words = sum(len(d.text.split()) for d in documents)
    start = time.perf_counter()
    for _ in range(repeat):
        clear_caches()  # each round reads the texts afresh, as a corpus of new documents would
        for document in documents:
            extract_document(document)
    elapsed = time.perf_counter() - start
    n = len(documents) * repeat
    print(f"{n} documents ({words / len(documents):.0f} words on average) in {elapsed:.2f} s: "
          f"{n / elapsed:.0f} documents/s, {words * repeat / elapsed:,.0f} words/s on one core")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
