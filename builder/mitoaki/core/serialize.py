"""Deterministic RDF writers (one code path per format) and atomic file writes.

Same triples in, same bytes out: blank nodes are canonically relabelled, triples are inserted in
sorted order, JSON-LD objects are sorted by ``@id`` with sorted keys, N-Triples lines are sorted.
The JSON-LD context, the order of its documents and the streaming JSON-LD writer of the knowledge
base's triples are in :mod:`mitoaki.core.jsonld`.
"""

from __future__ import annotations

import bisect
import heapq
import io
import json
import operator
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from mitoaki.core.formats import RdfFormat as RdfFormat  # re-exported: serialize.RdfFormat
from mitoaki.core.jsonld import jsonld_context, sort_jsonld, write_triples_jsonld
from mitoaki.core.namespaces import NAME_PREFIXES, PREFIXES, bind_prefixes

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_CHUNK = 10_000  # lines written at a time


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    with atomic_output(path) as handle:
        handle.write(data)


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary file to stream into; renamed to ``path`` on success, removed on error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def staged_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` directly: for the many small files of a staging folder.

    A release is written into a staging folder that replaces the previous release only when every
    file is written (:func:`mitoaki.release.products.staged`), so a file in it needs no rename of
    its own;
    at 10k studies the 34k pages and framed documents took seconds longer through temporary files.
    """
    try:
        path.write_bytes(data)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


class _Canonical(Graph):
    """A graph :func:`canonical` made (canonicalising it again would give the same graph)."""


def canonical(graph: Graph) -> Graph:
    """Return a copy of ``graph`` with canonical blank-node labels, triples inserted sorted."""
    if isinstance(graph, _Canonical):
        return graph
    has_bnodes = any(isinstance(t, BNode) for triple in graph for t in triple)
    source = to_canonical_graph(graph) if has_bnodes else graph
    out = bind_prefixes(_Canonical())
    for triple in sorted(source, key=lambda t: tuple(n.n3() for n in t)):
        out.add(triple)
    return out


def to_turtle(graph: Graph) -> bytes:
    """Serialise as Turtle with the fixed prefix map."""
    return canonical(graph).serialize(format="turtle", encoding="utf-8")


def to_rdfxml(graph: Graph) -> bytes:
    """Serialise as RDF/XML (the ``.owl`` file Protégé and ROBOT open), subjects in sorted order.

    Written by Oxigraph: rdflib's ``pretty-xml`` drops statements on list nodes and its plain
    ``xml`` writer orders subjects by hash.
    """
    data = canonical(graph).serialize(format="nt", encoding="utf-8")
    triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    headers = {
        t.subject for t in triples if t.predicate.value == RDF_TYPE and t.object == _ONTOLOGY
    }
    triples.sort(key=lambda triple: (triple.subject not in headers, *_triple_key(triple)))
    out = ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=NAME_PREFIXES)
    assert out is not None  # no output file given: Oxigraph returns the bytes
    return out


#: The ontology header goes first, as OWL API 3 (HermiT's) and horned-owl read an RDF/XML file in
#: order: an annotation met before its subject's ``rdf:type owl:Ontology`` is not the header's.
_ONTOLOGY = ox.NamedNode("http://www.w3.org/2002/07/owl#Ontology")


def _triple_key(quad: ox.Triple | ox.Quad) -> tuple[str, bool, str, str]:
    # rdf:type last within a subject: Oxigraph writes a typed node element from a leading
    # rdf:type, which is not well-formed XML when the type's IRI has no XML-name local part
    # (e.g. http://identifiers.org/hgnc/16877)
    # (the header's ``rdf:type owl:Ontology`` first, see _ONTOLOGY: an XML name, so well-formed)
    return (
        str(quad.subject),
        quad.predicate.value == RDF_TYPE and quad.object != _ONTOLOGY,
        str(quad.predicate),
        str(quad.object),
    )


def to_ntriples(graph: Graph) -> bytes:
    """Serialise as N-Triples, one triple a line, lines sorted."""
    text = canonical(graph).serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_jsonld(graph: Graph) -> bytes:
    """Serialise as compacted JSON-LD with the fixed context, objects and keys sorted."""
    context = jsonld_context()["@context"]
    text = canonical(graph).serialize(format="json-ld", context=context, auto_compact=True)
    document = json.loads(text)
    if "@graph" in document:
        document["@graph"] = sort_jsonld(document["@graph"])
    body = {k: sort_jsonld(v) for k, v in document.items() if k != "@context"}
    ordered = {"@context": context, **dict(sorted(body.items()))}
    return (json.dumps(ordered, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


WRITERS: dict[RdfFormat, Callable[[Graph], bytes]] = {
    RdfFormat.TURTLE: to_turtle,
    RdfFormat.RDFXML: to_rdfxml,
    RdfFormat.JSONLD: to_jsonld,
    RdfFormat.NTRIPLES: to_ntriples,
}


def write_turtle(graph: Graph, path: Path, *, header: str = "") -> None:
    """Write ``graph`` as Turtle to ``path`` atomically, after an optional comment header."""
    atomic_write(path, header.encode("utf-8") + to_turtle(graph))


def write_all(graph: Graph, stem: Path, formats: tuple[RdfFormat, ...]) -> list[Path]:
    """Write ``graph`` in each format to ``<stem>.<ext>`` and return the paths written."""
    graph = canonical(graph)  # once for every format: the costly step for an ontology's axioms
    return [_write(stem, fmt, WRITERS[fmt](graph)) for fmt in formats]


def _write(stem: Path, fmt: RdfFormat, data: bytes) -> Path:
    path = stem.with_name(f"{stem.name}.{fmt.value}")
    atomic_write(path, data)
    return path


# -- pyoxigraph triples: the path for the knowledge base, which has no blank nodes ---------------


def sort_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Triples deduplicated and sorted by their N-Triples form (a deterministic order).

    Deduplicated by that form too: hashing a string is cheaper than hashing a pyoxigraph triple,
    and the form is needed for the sort anyway (about a fifth faster on a million triples).
    """
    by_form = {str(triple): triple for triple in triples}
    return [by_form[form] for form in sorted(by_form)]


def merge_parts(parts: Sequence[list[ox.Triple]]) -> list[ox.Triple]:
    """:func:`sort_triples` of lists sorted by it that share no triple: merged, not re-sorted.

    The parts of the knowledge base share no subject (:mod:`mitoaki.check.shards`), so no triple.
    Sorting each part and merging grows with the data; one sort of all the triples did not
    (22 s at 100k studies against 16 s, 1.3 s at 10k against 1.5 s; BENCHMARKS.md).
    """
    if len(parts) == 1:
        return list(parts[0])
    return list(heapq.merge(*parts, key=str))


def merge_sorted(ordered: list[ox.Triple], more: Iterable[ox.Triple]) -> list[ox.Triple]:
    """:func:`sort_triples` of ``ordered`` (already sorted, no duplicates) and ``more``.

    The few new triples are sorted and each one's place is found by bisection, the runs of
    ``ordered`` between them copied as slices: about 25 forms made per new triple instead of one
    per triple of ``ordered`` (a heap merge made 11M forms at 100k studies). A triple in both
    comes out once.
    """
    out: list[ox.Triple] = []
    start = 0
    for triple in sort_triples(more):
        form = str(triple)
        place = bisect.bisect_left(ordered, form, lo=start, key=str)
        out += ordered[start:place]
        if place == len(ordered) or str(ordered[place]) != form:
            out.append(triple)
        start = place
    out += ordered[start:]
    return out


def _triples_turtle(triples: list[ox.Triple], out: BinaryIO) -> None:
    """Sorted triples as Turtle with the fixed prefix map (Oxigraph's writer)."""
    ox.serialize(triples, out, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES))


def _triples_ntriples(triples: list[ox.Triple], out: BinaryIO) -> None:
    """Sorted triples as N-Triples, one a line, in the same order as :func:`to_ntriples`.

    The triples come sorted by their N-Triples form (:func:`sort_triples`), and a form that
    begins another is continued by a character above the space (a language subtag, a datatype,
    a longer blank-node label), so each line keeps its triple's place: no second sort of the
    lines (at 100k studies the second sort was a third of the 15 s this file took).
    """
    previous = ""
    for start in range(0, len(triples), _CHUNK):
        lines = [f"{t} .\n" for t in triples[start : start + _CHUNK]]
        # each line above the one before it (compared in C: map over the pairs, then any)
        if lines[0] <= previous or any(map(operator.ge, lines, islice(lines, 1, None))):
            raise ValueError("triples not sorted or not distinct (use sort_triples)")
        previous = lines[-1]
        out.write("".join(lines).encode("utf-8"))


def _triples_rdfxml(triples: list[ox.Triple], out: BinaryIO) -> None:
    """Triples as RDF/XML, subjects sorted, rdf:type last (see :func:`to_rdfxml`)."""
    ox.serialize(_types_last(triples), out, format=ox.RdfFormat.RDF_XML, prefixes=NAME_PREFIXES)


def _types_last(triples: list[ox.Triple]) -> Iterator[ox.Triple]:
    """Sorted triples in :func:`_triple_key` order, without sorting them again.

    In N-Triples order a subject's triples are contiguous and ordered by predicate and object
    (an IRI's form ends with its ``>``; a blank node's is followed by a space, below any character
    of a longer label), so moving each subject's rdf:type triples after its others, keeping
    their order, gives that order.

    >>> a, b, t = (ox.NamedNode(f"http://x/{n}") for n in "abt")
    >>> rdf_type = ox.NamedNode(RDF_TYPE)
    >>> triples = sort_triples([ox.Triple(a, rdf_type, t), ox.Triple(a, b, t), ox.Triple(b, a, t)])
    >>> list(_types_last(triples)) == sorted(triples, key=_triple_key)
    True
    """
    rdf_type = ox.NamedNode(RDF_TYPE)
    current: object = None
    types: list[ox.Triple] = []
    for triple in triples:
        subject = triple.subject
        if subject != current:
            yield from types
            types.clear()
            current = subject
        if triple.predicate == rdf_type:
            types.append(triple)
        else:
            yield triple
    yield from types


TRIPLE_WRITERS: dict[RdfFormat, Callable[[list[ox.Triple], BinaryIO], None]] = {
    RdfFormat.TURTLE: _triples_turtle,
    RdfFormat.RDFXML: _triples_rdfxml,
    RdfFormat.JSONLD: write_triples_jsonld,
    RdfFormat.NTRIPLES: _triples_ntriples,
}


def triples_to_bytes(triples: list[ox.Triple], fmt: RdfFormat) -> bytes:
    """Sorted triples in one format, as bytes (:func:`write_all_triples` streams to files)."""
    buffer = io.BytesIO()
    TRIPLE_WRITERS[fmt](triples, buffer)
    return buffer.getvalue()


def write_all_triples(
    triples: list[ox.Triple], stem: Path, formats: tuple[RdfFormat, ...]
) -> list[Path]:
    """Write sorted triples in each format to ``<stem>.<ext>`` and return the paths written.

    Each file is streamed to a temporary file renamed into place once complete.
    """
    paths = []
    for fmt in formats:
        path = stem.with_name(f"{stem.name}.{fmt.value}")
        with atomic_output(path) as handle:
            TRIPLE_WRITERS[fmt](triples, handle)
        paths.append(path)
    return paths
