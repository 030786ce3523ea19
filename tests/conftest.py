"""Shared fixtures: paths to the project's corpora and gold folders."""

import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_GOLD = ROOT / "tests" / "gold" / "seeds"
GENRE = ROOT / "tests" / "fixtures" / "genre"


@pytest.fixture(scope="session")
def seed_tables():
    from analysis import extract

    return extract(SEEDS, progress=False)


@pytest.fixture(scope="session")
def genre_seizure_tables():
    from analysis import extract

    return extract(GENRE / "seizures" / "docs", progress=False)


@pytest.fixture(scope="session")
def genre_cooperation_tables():
    from analysis import extract

    return extract(GENRE / "cooperation" / "docs", progress=False)


def wait_for(condition, process, what: str) -> None:
    """Poll ``condition`` until it holds; fail (with the child's stderr when piped) if ``process`` ends first."""
    deadline = time.monotonic() + 300  # a generous bound for a slow machine, not a timing assertion
    while not condition():
        if process.poll() is not None:
            detail = f": {process.stderr.read()}" if process.stderr else ""
            pytest.fail(f"the child ended ({process.returncode}) before {what}{detail}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the child never got to {what}")
        time.sleep(0.005)
