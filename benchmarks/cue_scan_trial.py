"""Trial for issue 6: could one Aho-Corasick pass replace the per-sentence cue scans?

Each extractor first asks whether a sentence holds any of its cue words (meetings,
visits, trends, event sentences), and the quantity and drug readers ask the same
of unit words and drug names: six regular-expression scans of every sentence.
This script times those six scans against one pass of an Aho-Corasick automaton
(pyahocorasick) over all their words, and checks that the word gates give the
same answers. It prints figures and asserts nothing. The extractor does not use
pyahocorasick: routing its four word gates through one shared pass a sentence
gained nothing measurable (docs/known_limitations.md, "Speed").

Usage (needs the bench extra: ``pip install -e '.[bench]'``)::

    .venv/bin/python benchmarks/cue_scan_trial.py [-n 30000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_extract import corpus_for  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Command line: see ``--help``."""
    parser = argparse.ArgumentParser(prog="cue_scan_trial.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--sentences", type=int, default=30000, help="sentences to scan (default: 30000)")
    args = parser.parse_args(argv)

    import ahocorasick

    from analysis.extract import counts, meetings, visits
    from analysis.text import gazetteer, quantities
    from analysis.text.corpus import Skipped, read_corpus
    from analysis.text.lexicons import _any_words, required_words
    from analysis.text.sentences import split_sentences

    docs = corpus_for(2000, 7, ROOT / "out" / "bench") / "docs"
    texts = [s.text.lower() for d in read_corpus([docs]) if not isinstance(d, Skipped)
             for s in split_sentences(d.text)][: args.sentences]

    cues = {"meetings": meetings._ANY_EVENT_OR_GATHERING, "visits": visits._ANY_VISIT_CUE, "trends": counts._ANY_TREND}
    words = {name: _any_words([p.pattern.pattern for p in cue.patterns if p.lower is not None])
             for name, cue in cues.items()}
    words["event sentence"] = required_words(counts._EVENT_SENTENCE.pattern.pattern)
    scans = {name: cue._lower_words for name, cue in cues.items()}
    scans["event sentence"] = counts._EVENT_SENTENCE.words
    scans["units"] = quantities._MAY_HOLD_QUANTITY_LOWER
    scans["drugs"] = gazetteer._DRUG_PATTERN_LOWER

    automaton = ahocorasick.Automaton()
    kinds: dict[str, set[str]] = {}
    for name, found in words.items():
        for word in found:
            kinds.setdefault(word, set()).add(name)
    for unit in quantities.UNITS:
        if len(unit) > 2:
            kinds.setdefault(unit.lower(), set()).add("units")
    for alias in gazetteer.DRUGS:
        kinds.setdefault(alias.lower(), set()).add("drugs")
    for word, names in kinds.items():
        automaton.add_word(word, frozenset(names))
    automaton.make_automaton()

    start = time.perf_counter()
    by_scan = {name: [scan.search(text) is not None for text in texts] for name, scan in scans.items()}
    scan_seconds = time.perf_counter() - start
    start = time.perf_counter()
    by_pass = []
    for text in texts:
        present: set[str] = set()
        for _, names in automaton.iter(text):
            present |= names
        by_pass.append(present)
    pass_seconds = time.perf_counter() - start

    n = len(texts)
    print(f"{n:,} sentences of the generated corpus; {len(kinds)} words in the automaton")
    print(f"  six regular-expression scans: {1e6 * scan_seconds / n:.2f} us a sentence")
    print(f"  one Aho-Corasick pass:        {1e6 * pass_seconds / n:.2f} us a sentence")
    for name in words:
        same = sum(by_scan[name][i] == (name in by_pass[i]) for i in range(n))
        print(f"  {name} gate: the same answer for {same:,} of {n:,} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
