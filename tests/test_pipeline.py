"""The pipeline's handling of the garbage collector during a run, and of paths that are not there."""

import gc
import re
import weakref
from pathlib import Path

import pytest

from analysis.tables.pipeline import extract
from analysis.tables.store import read_tables

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_a_run_leaves_no_object_frozen(tmp_path):
    for index in range(40):  # more files than are read between two freezes
        (tmp_path / f"d{index}.txt").write_text(f"Police seized {index + 2} kg of heroin in Osh.", encoding="utf-8")
    tables = extract(tmp_path, progress=False)
    assert len(tables.seizures) == 40
    assert gc.get_freeze_count() == 0


class _Node:
    """A container in a reference cycle, which only the cyclic collector can free."""

    def __init__(self):
        self.me = self


def test_objects_frozen_by_the_caller_stay_frozen():
    # The caller's frozen objects must stay out of the collector's reach through a run: the run must not
    # unfreeze them. A cycle frozen with nothing else pointing at it shows it: a collection after the run
    # frees it only if the run handed it back to the collector. (The freeze count itself is no measure:
    # frozen objects that die of their reference count, in the libraries the run uses, lower it.)
    frozen = _Node()
    watch = weakref.ref(frozen)
    was_enabled = gc.isenabled()
    gc.freeze()
    try:
        del frozen
        extract(SEEDS, progress=False)
        gc.collect()
        assert watch() is not None, "a cycle the caller froze was collected: the run unfroze it"
        assert gc.isenabled() == was_enabled
        later = _Node()  # objects made after the caller's freeze are still collected as usual
        watch_later = weakref.ref(later)
        del later
        gc.collect()
        assert watch_later() is None
    finally:
        gc.unfreeze()
    gc.collect()
    assert watch() is None  # and once the caller unfreezes, the cycle is garbage again


# --- a path that is not there is an error, not an empty corpus -------------------------------------

def test_extract_of_a_missing_path_raises_naming_it(tmp_path):
    missing = tmp_path / "no" / "such" / "folder"
    with pytest.raises(FileNotFoundError, match=re.escape(f"{missing}: no such file or folder")):
        extract(missing, progress=False)
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        extract([missing, tmp_path / "neither.txt"], progress=False)
    with pytest.raises(FileNotFoundError, match="the corpus path is empty"):
        extract("", progress=False)  # would read the current folder
    with pytest.raises(FileNotFoundError, match="no corpus given"):
        extract([], progress=False)


def test_the_dask_engine_raises_the_same_before_starting_a_cluster(tmp_path):
    from analysis.tables.dask_engine import extract_with_dask

    with pytest.raises(FileNotFoundError, match=re.escape(f"{tmp_path / 'gone'}: no such file or folder")):
        extract_with_dask(tmp_path / "gone", workers=1, progress=False)


def test_read_tables_of_a_missing_folder_raises_naming_it(tmp_path):
    with pytest.raises(FileNotFoundError, match=re.escape(f"no table folder at {tmp_path / 'missing'}")):
        read_tables(tmp_path / "missing")


def test_a_relative_corpus_prefers_a_place_that_holds_documents(tmp_path, monkeypatch):
    """ "../seeds" from a folder whose parent holds a 'seeds' folder of tables (an extract's output)
    is the project's seeds, which hold documents, not the tables beside it."""
    from analysis.tables.pipeline import PROJECT_ROOT, resolve_corpus

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "documents.csv").write_text("doc_id\n", encoding="utf-8")
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert resolve_corpus("../seeds") == (PROJECT_ROOT / "notebooks" / "../seeds").resolve()
