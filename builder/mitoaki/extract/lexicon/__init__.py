"""The lexicon of whole vocabularies: term tables and ontology files, compiled and cached."""
