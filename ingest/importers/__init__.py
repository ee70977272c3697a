"""Importers of legislation.gov.uk and the UK Parliament Bills API into source files."""
