"""Documents per second of ``split_sentences`` alone, on a folder of documents.

The documents are read once with the corpus reader (so the splitter sees the unwrapped,
cleaned text it sees in a run), then split ``REPEAT`` times; the best round is reported.
Prints figures; asserts nothing (not part of ``make test``). Usage:

    PYTHONPATH=. .venv/bin/python benchmarks/sentence_speed.py [FOLDER] [REPEAT]

FOLDER defaults to out/bench/c1000/docs (benchmarks/make_corpus.py writes it).
"""

import sys
import time
from pathlib import Path

from analysis.text.corpus import read_corpus
from analysis.text.sentences import split_sentences

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "out" / "bench" / "c1000" / "docs"


def main(folder: Path = DEFAULT_FOLDER, repeat: int = 5) -> None:
    texts = [d.text for d in read_corpus([folder]) if not hasattr(d, "reason")]
    if not texts:
        sys.exit(f"sentence_speed: {folder}: no readable documents")
    sentences = sum(len(split_sentences(text)) for text in texts)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            split_sentences(text)
        best = min(best, time.perf_counter() - start)
    chars = sum(map(len, texts))
    print(f"{len(texts)} documents ({chars / len(texts):,.0f} characters, {sentences / len(texts):.1f} sentences "
          f"on average): best of {repeat} rounds {best:.3f} s, {len(texts) / best:,.0f} documents/s, "
          f"{sentences / best:,.0f} sentences/s on one core")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER, int(sys.argv[2]) if len(sys.argv) > 2 else 5)
