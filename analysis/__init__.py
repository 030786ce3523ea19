"""Drug-seizure and law-enforcement cooperation analytics.

>>> from analysis import extract          # doctest: +SKIP
>>> tables = extract("seeds/")            # doctest: +SKIP
>>> tables.seizures, tables.documents     # doctest: +SKIP

Sub-packages, top-down (each imports only from those below it):
``reports`` (views, plots, notebook runs), ``tables`` (``pipeline`` runs the
extractors over a corpus, ``schema`` checks the tables, ``store`` writes
them, ``evaluate`` scores them), ``extract`` (one pure extractor per table,
each a function of an annotated document) and ``text`` (``corpus`` reads
files, ``annotated`` reads a document once into sentences and mentions,
from the primitives ``sentences``, ``dates``, ``quantities``, ``gazetteer``,
``persons``, ``metadata`` and ``lexicons``).
"""

from analysis.tables.pipeline import Tables, extract

__all__ = ["Tables", "extract"]
__version__ = "0.1.0"
