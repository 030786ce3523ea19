"""Where the local engine spends its time: cProfile over generated documents.

Prints the top functions by own time and by cumulative time, and the time
per extractor step (the children of ``analysis.tables.pipeline.extract_document``).

Usage::

    .venv/bin/python benchmarks/profile_extract.py [-n 1000] [--top 15] [--save out/bench/profile.pstats]

Documents are read before profiling starts, so only extraction is measured.
The profiler's overhead inflates absolute times (roughly 1.5-2x); compare
shares, not seconds, with the benchmark.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_extract import corpus_for  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Command line: see ``--help``."""
    parser = argparse.ArgumentParser(prog="profile_extract.py",
                                     description="cProfile the local engine over N generated documents.")
    parser.add_argument("-n", "--documents", type=int, default=1000, metavar="N", help="documents (default: 1000)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default: 7)")
    parser.add_argument("--top", type=int, default=15, help="rows per list (default: 15)")
    parser.add_argument("--out", default=str(ROOT / "out" / "bench"), metavar="DIR", help="corpus cache folder")
    parser.add_argument("--save", metavar="FILE", help="also save the raw pstats (for snakeviz, pstats)")
    args = parser.parse_args(argv)

    from analysis.tables.pipeline import clear_caches, extract_document
    from analysis.text.corpus import Document, Skipped, read_corpus

    corpus = corpus_for(args.documents, args.seed, Path(args.out))
    documents = [d for d in read_corpus([corpus / "docs"]) if not isinstance(d, Skipped)]
    extract_document(Document("warm-up", "warm-up", "KABUL, 3 March 2024 – Police seized 12 kg of heroin."))

    clear_caches()  # the memoised sentence readings start empty in both runs, as for a new corpus
    start = time.perf_counter()
    for document in documents:
        extract_document(document)
    plain = time.perf_counter() - start

    clear_caches()
    profiler = cProfile.Profile()
    profiler.enable()
    for document in documents:
        extract_document(document)
    profiler.disable()
    if args.save:
        profiler.dump_stats(args.save)

    stats = pstats.Stats(profiler)
    total = stats.total_tt
    print(f"{len(documents):,} documents: {plain:.2f} s without the profiler = {len(documents) / plain:.0f} "
          f"documents/s; {total:.2f} s under cProfile\n")
    rows = [(func, cc, nc, tt, ct) for func, (cc, nc, tt, ct, _) in stats.stats.items()]

    def name(func) -> str:
        path, line, function = func
        short = path.split("site-packages/")[-1].split("/work/main/")[-1] if path != "~" else ""
        return f"{short}:{line}({function})" if short else function

    for title, key in (("own time (tottime)", 3), ("cumulative time", 4)):
        print(f"top {args.top} by {title}:")
        print(f"  {'own s':>7} {'own %':>6} {'cum s':>7} {'cum %':>6} {'calls':>10}  function")
        for func, _, nc, tt, ct in sorted(rows, key=lambda r: r[key], reverse=True)[: args.top]:
            print(f"  {tt:7.2f} {100 * tt / total:6.1f} {ct:7.2f} {100 * ct / total:6.1f} {nc:10,}  {name(func)}")
        print()

    steps = [(func, ct) for func, (_, _, _, ct, callers) in stats.stats.items()
             if any(c[2] == "extract_document" for c in callers)]
    print("time per step of extract_document (cumulative, inclusive):")
    for func, ct in sorted(steps, key=lambda r: r[1], reverse=True):
        print(f"  {ct:7.2f} s {100 * ct / total:5.1f} %  {name(func)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
