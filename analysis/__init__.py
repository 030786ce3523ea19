"""Drug-seizure and law-enforcement cooperation analytics.

>>> from analysis import extract          # doctest: +SKIP
>>> tables = extract("seeds/")            # doctest: +SKIP
>>> tables.seizures, tables.documents     # doctest: +SKIP

Modules, top-down: ``corpus`` reads files, ``sentences``/``quantities``/
``dates``/``gazetteer`` are the text primitives, ``metadata``, ``seizures``
and ``mentions`` extract rows, ``pipeline`` puts them together, ``schema``
checks the tables, ``store`` writes them, ``evaluate`` scores them.
"""

from analysis.pipeline import Tables, extract

__all__ = ["Tables", "extract"]
__version__ = "0.1.0"
