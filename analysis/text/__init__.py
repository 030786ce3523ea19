"""The text layer: reading files into documents, and each document once into an annotated
document (sentences, dates, quantities, places, persons) that the extractors read."""
