"""Extraction: read a new document and propose records (first stage: grounded entity mentions)."""
