"""The draft records (``mitoaki build --include-drafts``), apart from the knowledge base."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from mitoaki.core.namespaces import PREFIXES
from mitoaki.core.serialize import atomic_write
from mitoaki.release.nanopub import as_triples

#: The named graph of machine-proposed records (``mitoaki build --include-drafts``).
DRAFTS_GRAPH = "https://w3id.org/mitoaki/graph/drafts"
DRAFT_FILES = ("mitoaki-drafts.trig", "mitoaki-drafts.nq")


def write_drafts(drafts: Graph | list[ox.Triple], folder: Path) -> list[str]:
    """Write the draft records' triples as TriG and N-Quads in the named graph DRAFTS_GRAPH."""
    graph = ox.NamedNode(DRAFTS_GRAPH)
    quads = [
        ox.Quad(t.subject, t.predicate, t.object, graph)
        for t in sorted(as_triples(drafts), key=str)
    ]
    prefixes = {k: v for k, v in PREFIXES.items() if k != "kb"}
    trig, nquads = DRAFT_FILES
    atomic_write(
        folder / trig, ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes) or b""
    )
    atomic_write(folder / nquads, ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    return list(DRAFT_FILES)
