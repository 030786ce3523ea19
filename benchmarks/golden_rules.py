"""Score the sentence splitter on pySBD's English golden rules (a public yardstick).

The rules are read from outside the project, never copied into it: give the path of
pySBD's ``english_golden_rules.py`` (in its source distribution under ``benchmarks/``),
of an unpacked pySBD source folder, or of the ``.tar.gz`` itself. Without a path the
script looks for the file next to an installed ``pysbd`` package. The file is parsed,
not executed: the ``GOLDEN_EN_RULES`` list is read with ``ast.literal_eval``.

A rule passes when the sentences' texts equal the expected list exactly, as in pySBD's
own benchmark. Prints one line per failing rule and the score; asserts nothing (it is
not part of ``make test``). Usage:

    python3 -m venv /tmp/sbd && /tmp/sbd/bin/pip download --no-binary :all: --no-deps -d /tmp/sbd pysbd
    PYTHONPATH=. .venv/bin/python benchmarks/golden_rules.py /tmp/sbd/pysbd-0.3.3.tar.gz [-v]
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import sys
import tarfile
from pathlib import Path

from analysis.text.sentences import split_sentences

RULES_FILE = "english_golden_rules.py"


def _rules_source(location: str | None) -> tuple[str, str]:
    """The text of the golden-rules module and where it was found."""
    if location is None:
        spec = importlib.util.find_spec("pysbd")
        if spec is None or spec.origin is None:
            sys.exit("golden_rules: no path given and no pysbd installed (give english_golden_rules.py or the sdist)")
        root = Path(spec.origin).parent.parent
        found = sorted(root.glob(f"**/{RULES_FILE}"))
        if not found:
            sys.exit(f"golden_rules: the installed pysbd at {root} ships no {RULES_FILE}; give the sdist's path")
        return found[0].read_text(encoding="utf-8"), str(found[0])
    path = Path(location)
    if path.is_dir():
        found = sorted(path.glob(f"**/{RULES_FILE}"))
        if not found:
            sys.exit(f"golden_rules: {path}: no {RULES_FILE} inside")
        return found[0].read_text(encoding="utf-8"), str(found[0])
    if path.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(path) as archive:
            for member in archive.getmembers():
                if member.name.endswith(f"/{RULES_FILE}"):
                    return archive.extractfile(member).read().decode("utf-8"), f"{path}:{member.name}"
        sys.exit(f"golden_rules: {path}: no {RULES_FILE} in the archive")
    return path.read_text(encoding="utf-8"), str(path)


def read_golden_rules(location: str | None) -> tuple[list[tuple[str, list[str]]], str]:
    """The ``(text, expected sentences)`` pairs of pySBD's English golden rules, and their source."""
    source, where = _rules_source(location)
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "GOLDEN_EN_RULES" for t in node.targets):
            return [tuple(rule) for rule in ast.literal_eval(node.value)], where
    sys.exit(f"golden_rules: {where}: no GOLDEN_EN_RULES list")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rules", nargs="?", help=f"{RULES_FILE}, a pySBD source folder or its .tar.gz")
    parser.add_argument("-v", "--verbose", action="store_true", help="also print the passing rules")
    args = parser.parse_args()
    rules, where = read_golden_rules(args.rules)
    passed = 0
    for number, (text, expected) in enumerate(rules, start=1):
        got = [sentence.text for sentence in split_sentences(text)]
        if got == expected:
            passed += 1
            if args.verbose:
                print(f"pass {number:2d}: {text[:70]!r}")
        else:
            print(f"FAIL {number:2d}: {text!r}\n    expected {expected!r}\n    got      {got!r}")
    print(f"{passed} of {len(rules)} golden rules pass ({where})")


if __name__ == "__main__":
    main()
