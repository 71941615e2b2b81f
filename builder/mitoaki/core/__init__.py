"""Shared ground: errors, namespaces, paths, formats, processes, text, RDF writing."""
