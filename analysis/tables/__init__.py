"""The tables layer: running the extractors over a corpus, checking, storing and scoring the tables."""
