"""Refresh requirements.lock and environment.yml from pyproject.toml (``make lock``).

The lock pins every package, dependencies of dependencies too, that
``pip install -e '.[dev]'`` would take, resolved by ``uv pip compile`` for
Python 3.11 on x86-64 Linux (the project's machines and CI), whatever machine
runs this. ``environment.yml`` is written from the same pins: conda brings
Python 3.11 and pip, and pip installs exactly the lock's versions, so a conda
environment and ``make setup`` hold the same packages.

Run it after changing the dependencies in pyproject.toml; to move every pin to
the newest release allowed, ``python scripts/lock.py --upgrade``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
ENVIRONMENT = ROOT / "environment.yml"
PYTHON_VERSION = "3.11"
PLATFORM = "x86_64-unknown-linux-gnu"
EXTRAS = ("dev",)

ENVIRONMENT_HEAD = """\
# Conda environment for the analysis suite, written by `make lock` (scripts/lock.py) from
# requirements.lock: do not edit by hand. conda brings Python and pip; pip installs the
# lock's exact versions (the wheels `make setup` installs), then the project itself.
# tests/test_packaging.py checks that it, the lock and pyproject.toml agree.
name: seizure-analytics
channels:
  - conda-forge
dependencies:
  - python={python}
  - pip
  - pip:
"""


def compile_lock(upgrade: bool = False) -> str:
    """The lock's text as ``uv pip compile`` resolves it now (keeping current pins unless ``upgrade``)."""
    command = [sys.executable, "-m", "uv", "pip", "compile", "pyproject.toml",
               *(f"--extra={extra}" for extra in EXTRAS),
               f"--python-version={PYTHON_VERSION}", f"--python-platform={PLATFORM}",
               "--no-annotate", "--custom-compile-command=make lock", "--quiet"]
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "requirements.lock"
        if LOCK.exists() and not upgrade:
            output.write_bytes(LOCK.read_bytes())  # uv keeps the versions of an existing output file
        command += [f"--output-file={output}"] + (["--upgrade"] if upgrade else [])
        subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "UV_NO_PROGRESS": "1"})
        text = output.read_text(encoding="utf-8")
    head, _, body = text.partition("\n" + pins(text)[0])
    note = f"# for Python {PYTHON_VERSION} on {PLATFORM}, with the extras {', '.join(EXTRAS)}"
    head = "\n".join(line for line in head.splitlines() if line != note)
    return f"{head}\n{note}\n{pins(text)[0]}{body}"


def pins(lock_text: str) -> list[str]:
    """The ``name==version`` lines of a lock, in its order."""
    return [line.strip() for line in lock_text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def environment_text(lock_text: str) -> str:
    """environment.yml for the pins of ``lock_text``."""
    lines = [ENVIRONMENT_HEAD.format(python=PYTHON_VERSION)]
    lines += [f"      - {pin}\n" for pin in pins(lock_text)]
    lines.append("      - -e .\n")
    return "".join(lines)


def _write(path: Path, text: str) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upgrade", action="store_true", help="move every pin to the newest allowed release")
    args = parser.parse_args(argv)
    lock_text = compile_lock(args.upgrade)
    _write(LOCK, lock_text)
    _write(ENVIRONMENT, environment_text(lock_text))
    print(f"{LOCK.name}: {len(pins(lock_text))} pins; {ENVIRONMENT.name} written from them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
