"""The query store: the release (ontology + knowledge base) in Oxigraph, persisted beside it.

``mitoaki build`` bulk-loads the release into ``<release>/store/`` (an Oxigraph database) so that
a query opens it read-only at once instead of parsing the release again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.exceptions import ParserError

from mitoaki.core.errors import ResourceError

RELEASE_GRAPHS = ("mitoaki-full.nt", "mitoaki-kb.nt")
#: the graph the release is published in (``mitoaki publish``); the endpoint's default graph
RELEASE_GRAPH = "https://w3id.org/mitoaki/graph"
STORE_DIR = "store"
DRAFTS_FILE = "mitoaki-drafts.nq"


def release_file(build_dir: Path, name: str) -> Path:
    """A file of a release, or a clear error saying the release is not built."""
    path = build_dir / name
    if not path.is_file():
        raise ResourceError(
            "release file not found (run `mitoaki build`)", path=path, rule="release"
        )
    return path


def _not_ntriples(path: Path, exc: Exception) -> ResourceError:
    """The error for a release file that does not parse (a damaged or hand-edited release)."""
    message = " ".join(str(exc).split())
    return ResourceError(f"not valid N-Triples: {message}", path=path, rule="release")


def release_graph(build_dir: Path, name: str) -> Graph:
    """A release file read into an rdflib graph, or a clear error naming the file."""
    path = release_file(build_dir, name)
    try:
        return Graph().parse(path, format="nt")
    except ParserError as exc:
        raise _not_ntriples(path, exc) from exc


def release_triples(build_dir: Path, name: str) -> Iterator[ox.Triple]:
    """The triples of a release file, or a clear error naming the file."""
    path = release_file(build_dir, name)
    try:
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES):
            yield quad.triple
    except SyntaxError as exc:
        raise _not_ntriples(path, exc) from exc


def load_store(build_dir: Path, store_path: Path | None = None) -> ox.Store:
    """Bulk-load a release folder's N-Triples into a store (in memory, or at ``store_path``)."""
    store = ox.Store(str(store_path)) if store_path else ox.Store()
    for name in RELEASE_GRAPHS:
        path = release_file(build_dir, name)
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        except SyntaxError as exc:
            raise _not_ntriples(path, exc) from exc
    drafts = build_dir / DRAFTS_FILE
    if drafts.is_file():  # machine-proposed records, in their own named graph
        store.bulk_load(path=str(drafts), format=ox.RdfFormat.N_QUADS)
    if store_path:
        store.optimize()
        store.flush()
    return store


def open_release(build_dir: Path, *, in_memory: bool = False) -> ox.Store:
    """The release's persisted store opened read-only, or (without one) loaded into memory.

    ``in_memory`` loads the release's N-Triples into memory even when a persisted store is
    there: seconds to start and about 0.7 GB per 10k studies, for queries several times faster
    (the on-disk store looks strings up in RocksDB; BENCHMARKS.md, "Scale, third pass").
    """
    persisted = build_dir / STORE_DIR
    if persisted.is_dir() and not in_memory:
        try:
            return ox.Store.read_only(str(persisted))
        except (OSError, RuntimeError) as exc:  # RuntimeError: RocksDB's "Corruption: ..."
            message = " ".join(str(exc).split())
            raise ResourceError(
                f"cannot open the store: {message}", path=persisted, rule="store"
            ) from exc
    return load_store(build_dir)


def probe(build_dir: Path, *, in_memory: bool = False) -> None:
    """Fail now, with a clear error, when ``build_dir`` holds no release a query can open.

    The release files must be there; a persisted store (unless ``in_memory``) must open.
    """
    for name in RELEASE_GRAPHS:
        release_file(build_dir, name)
    if not in_memory and (build_dir / STORE_DIR).is_dir():
        open_release(build_dir)  # opened read-only and dropped: it opens
