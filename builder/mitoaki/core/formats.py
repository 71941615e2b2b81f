"""The release's RDF formats, by file extension (a light module: the CLI imports it at start)."""

from __future__ import annotations

from enum import StrEnum


class RdfFormat(StrEnum):
    """Release formats, by file extension."""

    TURTLE = "ttl"
    RDFXML = "owl"
    JSONLD = "jsonld"
    NTRIPLES = "nt"
