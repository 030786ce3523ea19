"""The pipeline's handling of the garbage collector during a run."""

import gc
from pathlib import Path

from analysis.pipeline import extract

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_a_run_leaves_no_object_frozen(tmp_path):
    for index in range(40):  # more files than are read between two freezes
        (tmp_path / f"d{index}.txt").write_text(f"Police seized {index + 2} kg of heroin in Osh.", encoding="utf-8")
    tables = extract(tmp_path, progress=False)
    assert len(tables.seizures) == 40
    assert gc.get_freeze_count() == 0


def test_objects_frozen_by_the_caller_stay_frozen():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        extract(SEEDS, progress=False)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
