"""The package's layers, kept by an import-linter contract (``.importlinter`` at the project root).

The package is laid out in layers, one sub-package each: ``reports`` (notebook runs, views,
plots) above ``tables`` (the pipeline that runs the extractors, the store, the schema, the scorer)
above ``extract`` (the extractors, each independent of the others) above ``text`` (the corpus
reader, the annotated document and the primitives it is made of: sentences, dates, quantities,
places, persons, lexicons). Inside each, a second contract orders the modules.
A module may import only from layers below its own; the extractors never import
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
    package = ROOT / "analysis"
    modules = {".".join(p.relative_to(ROOT).with_suffix("").parts) for p in package.rglob("*.py")
               if p.stem != "__init__" and p.parent != package}
    assert modules, "no modules found under analysis/"
    assert not {m for m in modules if m not in listed}


def test_every_layer_is_a_regular_package():
    """A folder of modules without ``__init__.py`` is a namespace package, which the contract cannot see
    (and which an ignore rule can make happen silently in a clone)."""
    package = ROOT / "analysis"
    folders = {p.parent for p in package.rglob("*.py")}
    assert not {f.relative_to(ROOT).as_posix() for f in folders if not (f / "__init__.py").is_file()}
