"""Speed, memory and accuracy of extraction on generated corpora (not part of the tests).

For each corpus size (default 100, 1,000 and 10,000 documents) the benchmark
generates a synthetic corpus with its gold tables (``make_corpus.py``; cached
in ``out/bench/``), then runs, each in a fresh Python process so that its
peak memory can be measured:

* ``local``: :func:`analysis.tables.pipeline.extract`, pinned to one core;
* ``dask-1`` and ``dask-2``: :func:`analysis.tables.dask_engine.extract_with_dask`
  on a ``LocalCluster`` with 1 and 2 single-threaded worker processes;
* ``quantulum3``: ``quantulum3.parser.parse(text)`` on the same documents,
  pinned to one core, as a reference for what a general-purpose quantity
  parser costs (on large corpora it parses an evenly spaced sample and its
  documents/s are extrapolated; the output says so).

It prints one row per run: documents/s, MB/s (bytes of the document files),
peak RSS, the seizures row F1 against the generated gold, whether the tables
equal the local engine's, and the speed ratio against quantulum3; then the
issue's targets, met or not.

Notes on the measurement:

* Times exclude interpreter start and imports. The local engine and
  quantulum3 first process one small text (lexicon and model loading);
  Dask's cluster start-up is shown apart (``startup s``) and excluded from
  documents/s, while the workers' first-task warm-up is included.
* Peak RSS is ``getrusage(RUSAGE_SELF).ru_maxrss`` of the run's process;
  for Dask it is the client's plus every worker's (the sum of peaks, an
  upper bound on the total at any moment).

Usage::

    .venv/bin/python benchmarks/bench_extract.py              # 100, 1,000, 10,000 documents
    .venv/bin/python benchmarks/bench_extract.py --quick      # 100 documents only
    .venv/bin/python benchmarks/bench_extract.py --sizes 1000 --engines local,quantulum3
    .venv/bin/python benchmarks/bench_extract.py --sizes 10000 --engines local --repeat 3   # best of 3
    .venv/bin/python benchmarks/bench_extract.py --corpus-dir ../shared/peer/drugdetection-train --engines local,quantulum3

``--corpus-dir DIR`` measures a corpus of your own instead: ``DIR/docs/*.txt``, scored
against ``DIR/gold/`` when it exists (``make bench-peer`` runs it on the peer set's
real news sentences, where documents are one sentence long and quantulum3 has far
less to read). The issue's targets are defined on the generated corpora and are not
checked then.

Needs the extras: ``pip install -e '.[bench,dask]'`` (``make bench`` installs them).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import make_corpus  # noqa: E402  (the sibling script)

ENGINES = ("local", "dask-1", "dask-2", "quantulum3")
DEFAULT_SIZES = (100, 1000, 10000)
TARGETS = {
    "local_docs_per_s": 500,
    "ratio_vs_quantulum3": 50,
    "peak_rss_mb_10k": 500,
    "f1": 0.98,
    "dask_2_vs_1": 1.6,
}


# --- corpora ------------------------------------------------------------------------------

def corpus_for(n: int, seed: int, out: Path) -> Path:
    """The cached corpus of ``n`` documents for ``seed`` (generated when missing or stale)."""
    folder = out / f"corpus-{n}-seed{seed}"
    stamp = f"generator {make_corpus.GENERATOR_VERSION} seed {seed} n {n}\n"
    version = folder / "VERSION"
    if not (version.exists() and version.read_text(encoding="utf-8") == stamp):
        print(f"generating {n:,} documents in {folder} ...", flush=True)
        make_corpus.write_corpus(folder, n, seed)
    return folder


def corpus_size(docs: Path) -> tuple[int, int, float]:
    """(documents, bytes, mean words) of a folder of .txt files."""
    paths = sorted(docs.glob("*.txt"))
    sizes = [p.stat().st_size for p in paths]
    sample = paths[:: max(1, len(paths) // 200)]
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in sample) / max(1, len(sample))
    return len(paths), sum(sizes), words


# --- one run, in its own process ---------------------------------------------------------------

def _pin_to_one_core() -> bool:
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        return True
    except (AttributeError, OSError):
        return False


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _digest(tables) -> str:
    import hashlib

    digest = hashlib.sha1()
    for name, frame in tables.as_dict().items():
        digest.update(name.encode())
        digest.update(frame.to_csv(index=False).encode())
    return digest.hexdigest()[:12]


def _f1(gold: Path, tables) -> float:
    from analysis.tables.evaluate import evaluate

    scores = evaluate(gold, tables.as_dict())
    return next(s.f1 for s in scores if s.table == "seizures" and s.field == "(rows)")


def child(engine: str, corpus: Path, sample: int) -> dict:
    """Run one engine on ``corpus`` and return its measurements (runs in a fresh process)."""
    docs, gold = corpus / "docs", corpus / "gold"
    result: dict = {"engine": engine}
    if engine in ("local", "quantulum3"):
        result["pinned"] = _pin_to_one_core()
    if engine == "local":
        from analysis.tables.pipeline import extract, extract_document
        from analysis.text.corpus import Document

        extract_document(Document("warm-up", "warm-up", "KABUL, 3 March 2024 – Police seized 12 kg of heroin."))
        start = time.perf_counter()
        tables = extract(docs, progress=False)
        result["seconds"] = time.perf_counter() - start
        result["rss_mb"] = _rss_mb()
        result["docs"] = len(tables.documents)
        result["f1"] = _f1(gold, tables) if gold.is_dir() else None
        result["digest"] = _digest(tables)
    elif engine.startswith("dask-"):
        from distributed import Client, LocalCluster

        from analysis.tables.dask_engine import extract_with_dask

        workers = int(engine.split("-")[1])
        start = time.perf_counter()
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster, set_as_default=False) as client:
            result["startup"] = time.perf_counter() - start
            start = time.perf_counter()
            tables = extract_with_dask(docs, scheduler=cluster.scheduler_address, progress=False)
            result["seconds"] = time.perf_counter() - start
            worker_rss = client.run(_rss_mb)
            result["rss_mb"] = _rss_mb() + sum(worker_rss.values())
            result["rss_detail"] = f"client {_rss_mb():.0f} + workers " + " + ".join(
                f"{v:.0f}" for v in worker_rss.values())
        result["docs"] = len(tables.documents)
        result["f1"] = _f1(gold, tables) if gold.is_dir() else None
        result["digest"] = _digest(tables)
    elif engine == "quantulum3":
        import warnings

        warnings.filterwarnings("ignore")
        from quantulum3 import parser

        paths = sorted(docs.glob("*.txt"))
        step = max(1, len(paths) // sample) if sample else 1
        chosen = paths[::step][: sample or None]
        texts = [p.read_text(encoding="utf-8") for p in chosen]
        parser.parse("Police seized 12 kg of heroin worth USD 3 million.")  # load its data
        start = time.perf_counter()
        found = sum(len(parser.parse(text)) for text in texts)
        result["seconds"] = time.perf_counter() - start
        result["rss_mb"] = _rss_mb()
        result["docs"] = len(texts)
        result["bytes"] = sum(len(t.encode("utf-8")) for t in texts)
        result["sampled"] = len(texts) < len(paths)
        result["quantities"] = found
    else:
        raise ValueError(f"unknown engine {engine!r}")
    return result


def run_child(engine: str, corpus: Path, sample: int, timeout: float) -> dict:
    """Run :func:`child` in a fresh interpreter; its last stdout line is the JSON result."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", engine, "--corpus", str(corpus),
               "--quantulum-sample", str(sample)]
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env)
    except subprocess.TimeoutExpired:
        return {"engine": engine, "error": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"engine": engine, "error": f"exit {done.returncode}: {tail}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- report ----------------------------------------------------------------------------------

def _cell(value, width: int, spec: str) -> str:
    """``value`` formatted with ``spec`` and right-aligned in ``width``; "-" when missing."""
    return ("-" if value is None else format(value, spec)).rjust(width)


def report(rows: list[dict]) -> list[str]:
    """The results table and the targets, as lines of text."""
    lines = [f"{'engine':<11}{'docs':>7}{'docs/s':>9}{'MB/s':>7}{'startup s':>10}{'peak RSS MB':>12}"
             f"{'F1':>7}{'= local':>8}{'x quantulum3':>13}"]
    by_size: dict[int, dict[str, dict]] = {}
    for row in rows:
        by_size.setdefault(row["size"], {})[row["engine"]] = row
    notes = []
    for size, runs in by_size.items():
        q = runs.get("quantulum3", {})
        q_rate = q.get("docs") / q["seconds"] if q.get("seconds") else None
        local_digest = runs.get("local", {}).get("digest")
        for engine in ENGINES:
            row = runs.get(engine)
            if row is None:
                continue
            if "error" in row:
                lines.append(f"{engine:<11}{size:>7,}  error: {row['error']}")
                continue
            rate = row["docs"] / row["seconds"]
            mb = (row.get("bytes") or row["corpus_bytes"] * row["docs"] / row["corpus_docs"]) / 1e6 / row["seconds"]
            same = "" if "digest" not in row or local_digest is None else ("yes" if row["digest"] == local_digest
                                                                            else "NO")
            ratio = rate / q_rate if q_rate and engine != "quantulum3" else None
            shown_docs = row["corpus_docs"]
            lines.append(f"{engine:<11}{shown_docs:>7,}{rate:>9.0f}{mb:>7.2f}{_cell(row.get('startup'), 10, '.1f')}"
                         f"{row['rss_mb']:>12.0f}{_cell(row.get('f1'), 7, '.3f')}{same:>8}{_cell(ratio, 13, '.1f')}")
            if row.get("sampled"):
                notes.append(f"quantulum3 at {size:,} documents parsed an evenly spaced sample of {row['docs']:,} "
                             f"documents; its documents/s are extrapolated from the sample.")
            if row.get("rss_detail"):
                notes.append(f"{engine} at {size:,} documents, peak RSS MB: {row['rss_detail']}.")
            if len(row.get("all_seconds", [])) > 1:
                notes.append(f"{engine} at {size:,} documents: fastest of {len(row['all_seconds'])} runs "
                             f"({', '.join(f'{t:.1f}' for t in row['all_seconds'])} s).")
            if row.get("pinned") is False:
                notes.append(f"{engine} at {size:,}: could not pin to one core.")
    lines += [""] + notes + [""]
    lines += targets(by_size) if all(row.get("generated", True) for row in rows) else [
        "targets: defined on the generated corpora, not checked on a corpus of your own"]
    return lines


def targets(by_size: dict[int, dict[str, dict]]) -> list[str]:
    """The issue's targets, each met, not met or not measured."""
    def rate(run):
        return run["docs"] / run["seconds"] if run and "seconds" in run else None

    size = max(by_size)
    runs = by_size[size]
    local, q = runs.get("local"), runs.get("quantulum3")
    big = by_size.get(10000, {})
    checks = []
    r = rate(local)
    checks.append((f"local engine >= {TARGETS['local_docs_per_s']} documents/s on one core ({size:,} docs)",
                   r, r is not None and r >= TARGETS["local_docs_per_s"], f"{r:.0f}" if r else None))
    ratio = r / rate(q) if r and rate(q) else None
    checks.append((f"local engine >= {TARGETS['ratio_vs_quantulum3']} x quantulum3's documents/s ({size:,} docs)",
                   ratio, ratio is not None and ratio >= TARGETS["ratio_vs_quantulum3"],
                   f"{ratio:.1f} x" if ratio else None))
    rss = big.get("local", {}).get("rss_mb")
    checks.append((f"local peak RSS < {TARGETS['peak_rss_mb_10k']} MB for 10,000 documents", rss,
                   rss is not None and rss < TARGETS["peak_rss_mb_10k"], f"{rss:.0f} MB" if rss else None))
    f1 = local.get("f1") if local else None
    checks.append((f"seizures F1 >= {TARGETS['f1']} against the generated gold ({size:,} docs)", f1,
                   f1 is not None and f1 >= TARGETS["f1"], f"{f1:.3f}" if f1 is not None else None))
    d1, d2 = rate(big.get("dask-1")), rate(big.get("dask-2"))
    speedup = d2 / d1 if d1 and d2 else None
    checks.append((f"Dask 2 workers >= {TARGETS['dask_2_vs_1']} x 1 worker on 10,000 documents", speedup,
                   speedup is not None and speedup >= TARGETS["dask_2_vs_1"], f"{speedup:.2f} x" if speedup else None))
    lines = ["targets:"]
    for text, value, met, shown in checks:
        status = "not measured" if value is None else ("met" if met else "NOT met")
        lines.append(f"  [{status}] {text}" + (f": {shown}" if shown else ""))
    return lines


def _fastest(runs: list[dict]) -> dict:
    """The fastest of an engine's runs (an error if none ran), with every run's seconds."""
    done = [run for run in runs if "error" not in run]
    if not done:
        return runs[-1]
    fastest = dict(min(done, key=lambda run: run["seconds"]))
    fastest["all_seconds"] = [round(run["seconds"], 2) for run in done]
    return fastest


def _load() -> str:
    try:
        return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "load average unknown"


def main(argv: list[str] | None = None) -> int:
    """Command line: see ``--help``."""
    parser = argparse.ArgumentParser(
        prog="bench_extract.py",
        description="Benchmark the local and Dask engines (documents/s, MB/s, peak RSS, F1) against "
                    "quantulum3 on generated corpora of 100, 1,000 and 10,000 documents.",
        epilog="Each run is a fresh process. Corpora are cached in OUT (default out/bench). "
               "Needs: pip install -e '.[bench,dask]'.",
    )
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), metavar="N,N,...",
                        help="corpus sizes in documents (default: 100,1000,10000)")
    parser.add_argument("--quick", action="store_true", help="100 documents only (overrides --sizes)")
    parser.add_argument("--engines", default=",".join(ENGINES), metavar="E,E,...",
                        help=f"engines to run (default: {','.join(ENGINES)})")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default: 7)")
    parser.add_argument("--out", default=str(ROOT / "out" / "bench"), metavar="DIR",
                        help="folder for the cached corpora (default: out/bench)")
    parser.add_argument("--quantulum-sample", type=int, default=1000, metavar="N",
                        help="at most N documents for quantulum3 per size, evenly spaced (default: 1000; 0: all)")
    parser.add_argument("--timeout", type=float, default=1800, metavar="S", help="per run, seconds (default: 1800)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run each engine N times and keep the fastest run, the one other processes "
                             "slowed least (default: 1)")
    parser.add_argument("--corpus-dir", metavar="DIR",
                        help="measure DIR/docs/*.txt (scored against DIR/gold/ if present) instead of generated "
                             "corpora; --sizes and --seed are then ignored")
    parser.add_argument("--json", metavar="FILE", help="also write the raw measurements as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.repeat < 1:
        parser.error(f"--repeat must be at least 1, not {args.repeat}")
    if args.child:
        print(json.dumps(child(args.child, Path(args.corpus), args.quantulum_sample)))
        return 0

    sizes = [100] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        parser.error(f"unknown engine(s): {', '.join(unknown)} (choose from {', '.join(ENGINES)})")
    out = Path(args.out)
    if args.corpus_dir and not (Path(args.corpus_dir) / "docs").is_dir():
        parser.error(f"--corpus-dir {args.corpus_dir}: no docs/ folder in it")
    rows = []
    print(f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}; {_load()}", flush=True)
    for size in [None] if args.corpus_dir else sizes:
        corpus = Path(args.corpus_dir).resolve() if args.corpus_dir else corpus_for(size, args.seed, out)
        n_docs, n_bytes, words = corpus_size(corpus / "docs")
        size = size or n_docs
        print(f"corpus {corpus}: {n_docs:,} documents, {n_bytes / 1e6:.1f} MB, {words:.0f} words on average",
              flush=True)
        for engine in engines:
            print(f"  running {engine} ...", end="", flush=True)
            runs = []
            for _ in range(args.repeat):
                runs.append(run_child(engine, corpus, args.quantulum_sample, args.timeout))
                print(" " + (runs[-1]["error"] if "error" in runs[-1] else f"{runs[-1]['seconds']:.1f} s"),
                      end="", flush=True)
            print(flush=True)
            row = _fastest(runs)
            row.update(size=size, corpus_docs=n_docs, corpus_bytes=n_bytes, generated=not args.corpus_dir)
            rows.append(row)
    print(f"\n{_load()} (other processes on the machine slow every run down)\n")
    print("\n".join(report(rows)))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
