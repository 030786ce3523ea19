"""Documents/s of one large archive against the same releases one file each (not part of the tests).

Analysts get releases two ways: a folder of saved files, and a scraper's
feed, one ``.jsonl`` archive of thousands of releases. Reading the archive
must cost what reading its releases costs, document for document: no step
may grow with the size of the file (decoding, splitting into lines, cleaning
or unwrapping the whole archive at once, a per-line rescan of what came
before).

The benchmark takes the generated releases of ``make_corpus.py`` (cached in
``out/bench/``), repeats them with fresh ids until the archive holds
``--mb`` megabytes (default 20 MB, just under the default ``--max-bytes``),
writes the same releases as ``.txt`` files one each, and extracts both in
fresh processes pinned to one core. It prints documents/s, MB/s and the
ratio archive / files (1.00 is the target; the issue allows 0.90), and
checks that both runs found the same number of seizure rows.

Usage::

    .venv/bin/python benchmarks/archive_speed.py             # 20 MB
    .venv/bin/python benchmarks/archive_speed.py --mb 5      # a quicker look
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import make_corpus  # noqa: E402  (the sibling script)

TARGET_RATIO = 0.90


def build(out: Path, megabytes: float, seed: int) -> tuple[Path, Path, int]:
    """The archive and the folder of the same releases, one ``.txt`` each (cached by size)."""
    source = out / f"corpus-1000-seed{seed}"
    if not (source / "docs").is_dir():
        make_corpus.write_corpus(source, 1000, seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted((source / "docs").glob("*.txt"))]
    folder = out / f"archive-{megabytes:g}mb-seed{seed}"
    archive, files = folder / "archive" / "releases.jsonl", folder / "files"
    if archive.exists() and files.is_dir():
        return archive, files, sum(1 for _ in files.glob("*.txt"))
    files.mkdir(parents=True, exist_ok=True)
    archive.parent.mkdir(parents=True, exist_ok=True)
    limit, size, n = int(megabytes * 1_000_000), 0, 0
    with archive.open("w", encoding="utf-8") as feed:
        while True:
            text = texts[n % len(texts)]
            line = json.dumps({"id": f"r{n:06d}", "text": text}, ensure_ascii=False) + "\n"
            if size + len(line.encode("utf-8")) > limit:
                break
            feed.write(line)
            (files / f"r{n:06d}.txt").write_text(text, encoding="utf-8")
            size += len(line.encode("utf-8"))
            n += 1
    return archive, files, n


_RUN = """
import json, sys, time
from analysis.tables.pipeline import extract
extract([{warm!r}], progress=False)  # lexicons and patterns loaded before the clock starts
start = time.perf_counter()
tables = extract([{path!r}], max_bytes={max_bytes}, progress=False)
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "documents": len(tables.documents), "seizures": len(tables.seizures),
                  "skipped": len(tables.skipped)}}))
"""


def measure(path: Path, warm: Path, max_bytes: int) -> dict:
    """Extract ``path`` in a fresh process on one core; its seconds and row counts."""
    code = _RUN.format(path=str(path), warm=str(warm), max_bytes=max_bytes)
    command = [sys.executable, "-c", code]
    if sys.platform.startswith("linux") and subprocess.run(["which", "taskset"], capture_output=True).returncode == 0:
        command = ["taskset", "-c", "0", *command]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="archive size in megabytes (default 20)")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "bench", help="cache folder (default out/bench)")
    args = parser.parse_args(argv)
    archive, files, n = build(args.out, args.mb, args.seed)
    megabytes = archive.stat().st_size / 1e6
    max_bytes = max(archive.stat().st_size + 1, 20 * 1024 * 1024)
    warm = next(files.glob("*.txt"))
    print(f"{n:,} releases, archive {megabytes:.1f} MB ({archive})")
    results = {}
    for name, path in (("files", files), ("archive", archive)):
        result = measure(path, warm, max_bytes)
        results[name] = result
        rate = result["documents"] / result["seconds"]
        print(f"{name:8} {result['documents']:7,} documents {result['seconds']:7.1f} s {rate:7.1f} documents/s "
              f"{megabytes / result['seconds']:5.2f} MB/s  seizures {result['seizures']:,} skipped {result['skipped']}")
    ratio = (results["archive"]["documents"] / results["archive"]["seconds"]) / (
        results["files"]["documents"] / results["files"]["seconds"])
    same = results["archive"]["seizures"] == results["files"]["seizures"]
    verdict = "met" if ratio >= TARGET_RATIO else "NOT met"
    print(f"archive / files documents/s: {ratio:.2f} (target >= {TARGET_RATIO}: {verdict}); "
          f"same seizure rows: {'yes' if same else 'NO'}")
    return 0 if ratio >= TARGET_RATIO and same else 1


if __name__ == "__main__":
    sys.exit(main())
