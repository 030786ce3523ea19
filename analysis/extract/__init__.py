"""The extractors: one pure function per table of an annotated document (and of the rows of the extractors before it)."""
