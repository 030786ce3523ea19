"""The package's layers, kept by an import-linter contract (``.importlinter`` at the project root).

From the top: the command line, the reports, the views and plots, the pipeline that runs the
extractors, the store, the extractors (each independent of the others), the persons and document
metadata they read, the corpus reader, the text primitives (dates, quantities, sentences, places)
and the lexicons. A module may import only from layers below its own; the extractors never import
each other, so that each stays a function of the document alone.
"""

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_the_layering_contract_is_kept():
    assert lint_imports(config_filename=str(ROOT / ".importlinter"), no_cache=True, no_logo=True) == 0


def test_the_contract_names_every_module():
    """A new module must be placed in a layer, not slip past the contract."""
    listed = (ROOT / ".importlinter").read_text(encoding="utf-8")
    modules = {p.stem for p in (ROOT / "analysis").glob("*.py")} - {"__init__"}
    assert not {m for m in modules if f"analysis.{m}" not in listed}
