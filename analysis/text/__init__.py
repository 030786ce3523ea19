"""The text layer: reading files into documents, and a document once into an annotated document (sentences, dates, quantities, places, persons) that the extractors read."""
