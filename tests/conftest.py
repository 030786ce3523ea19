"""Shared fixtures: paths to the project's corpora and gold folders."""

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
