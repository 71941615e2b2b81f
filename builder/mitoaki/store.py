"""The query store: the release (ontology + knowledge base) loaded into Oxigraph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from mitoaki.errors import ResourceError

RELEASE_GRAPHS = ("mitoaki-full.nt", "mitoaki-kb.nt")


def open_release(build_dir: Path) -> ox.Store:
    """Load a release folder's N-Triples into an in-memory Oxigraph store."""
    store = ox.Store()
    for name in RELEASE_GRAPHS:
        path = build_dir / name
        if not path.is_file():
            raise ResourceError(
                "release file not found (run `mitoaki build`)", path=path, rule="release"
            )
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    return store
