"""Nanopublications: ``mitoaki-kb.trig``, one nanopublication per record.

Each has head, assertion, provenance and pubinfo graphs, its IRI derived from a hash of the
assertion's content, so it is stable across builds and changes exactly when the record's content
changes. The union of the assertion graphs is the knowledge base.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, RDF

from mitoaki.core.namespaces import BASE, KB, PREFIXES, PROV
from mitoaki.core.serialize import atomic_output
from mitoaki.release.void import DATASET, LICENSE

NP = Namespace("http://www.nanopub.org/nschema#")
NANOPUB_BASE = f"{BASE}np/"


def as_triples(kb: Graph | list[ox.Triple]) -> list[ox.Triple]:
    """The triples of an rdflib graph (parsed back through N-Triples) or a triple list as is."""
    if isinstance(kb, Graph):
        data = kb.serialize(format="nt", encoding="utf-8")
        return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    return kb


def to_nanopublications(kb: Graph | list[ox.Triple]) -> list[ox.Quad]:
    """One nanopublication per record, in a deterministic order (see :func:`nanopublications`)."""
    return [quad for nanopub in nanopublications(kb) for quad in nanopub]


def nanopublications(kb: Graph | list[ox.Triple]) -> Iterator[list[ox.Quad]]:
    """The quads of one nanopublication per record, one record at a time, in a fixed order.

    A nanopublication's IRI is the hash of its assertion's sorted N-Triples lines, so it is
    stable across builds and changes only when the record does. Records come in IRI order, each
    as its head, assertion (triples in N-Triples order), provenance and publication info graphs,
    which is how a TriG writer lays them out.
    """
    for _, quads in _nanopublications(kb):
        yield quads


def _nanopublications(kb: Graph | list[ox.Triple]) -> Iterator[tuple[str, list[ox.Quad]]]:
    """(record IRI, quads of its nanopublication) per record: :func:`nanopublications`."""
    return _of_lines(record_lines(as_triples(kb)))


def record_lines(triples: Iterable[ox.Triple]) -> dict[str, list[bytes]]:
    """The N-Triples lines of each record (``kb:<kind>/<key>``), grouped by the subject's record."""
    prefix = str(KB)
    grouped: dict[str, list[bytes]] = defaultdict(list)
    for triple in triples:
        subject = triple.subject
        if isinstance(subject, ox.NamedNode) and subject.value.startswith(prefix):
            parts = subject.value[len(prefix) :].split("/")
            if len(parts) > 1:
                grouped[f"{prefix}{parts[0]}/{parts[1]}"].append(f"{triple} .\n".encode())
    return grouped


def _of_lines(grouped: dict[str, list[bytes]]) -> Iterator[tuple[str, list[ox.Quad]]]:
    """(record IRI, quads of its nanopublication) from each record's N-Triples lines (consumed).

    The lines are Oxigraph's N-Triples (a triple and " ." on a line, as its writer and
    :func:`record_lines` make them): the assertion is hashed from them as they are and parsed
    back by Oxigraph as N-Quads in its graph.
    """
    term = _NanopubTerms()
    for record in sorted(grouped):
        lines = sorted(grouped.pop(record))
        digest = hashlib.sha256(b"".join(lines)).hexdigest()
        base = f"{NANOPUB_BASE}{digest[:32]}"
        head, assertion = ox.NamedNode(f"{base}#head"), ox.NamedNode(f"{base}#assertion")
        provenance, pubinfo = ox.NamedNode(f"{base}#provenance"), ox.NamedNode(f"{base}#pubinfo")
        nanopub, subject = ox.NamedNode(base), ox.NamedNode(record)
        quads = [
            ox.Quad(nanopub, term.type, term.nanopublication, head),
            ox.Quad(nanopub, term.has_assertion, assertion, head),
            ox.Quad(nanopub, term.has_provenance, provenance, head),
            ox.Quad(nanopub, term.has_pubinfo, pubinfo, head),
        ]
        claims = _in_graph(lines, f" <{base}#assertion> .\n".encode(), record)
        quads += claims
        document = next(
            (q.object for q in claims if q.subject == subject and q.predicate == term.derived),
            None,
        )
        if isinstance(document, ox.NamedNode):
            quads.append(ox.Quad(assertion, term.derived, document, provenance))
        quads += [
            ox.Quad(assertion, term.attributed, term.curation, provenance),
            ox.Quad(nanopub, term.license, term.license_iri, pubinfo),
            ox.Quad(nanopub, term.part_of, term.dataset, pubinfo),
            ox.Quad(nanopub, term.subject, subject, pubinfo),
        ]
        yield record, quads


def _in_graph(lines: list[bytes], graph: bytes, record: str) -> list[ox.Quad]:
    """N-Triples ``lines`` parsed as quads in a graph (``graph`` ends each line instead of " .")."""
    if not all(line.endswith(b" .\n") for line in lines):
        raise ValueError(f"an N-Triples line of {record} does not end with ' .' and a newline")
    data = b"".join(line[:-3] + graph for line in lines)
    return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))


class _NanopubTerms:
    """The IRIs every nanopublication uses, made once."""

    def __init__(self) -> None:
        self.type = ox.NamedNode(str(RDF.type))
        self.nanopublication = ox.NamedNode(str(NP.Nanopublication))
        self.has_assertion = ox.NamedNode(str(NP.hasAssertion))
        self.has_provenance = ox.NamedNode(str(NP.hasProvenance))
        self.has_pubinfo = ox.NamedNode(str(NP.hasPublicationInfo))
        self.derived = ox.NamedNode(str(PROV.wasDerivedFrom))
        self.attributed = ox.NamedNode(str(PROV.wasAttributedTo))
        self.curation = ox.NamedNode(f"{BASE}curation")
        self.license = ox.NamedNode(str(DCTERMS.license))
        self.license_iri = ox.NamedNode(str(LICENSE))
        self.part_of = ox.NamedNode(str(DCTERMS.isPartOf))
        self.dataset = ox.NamedNode(str(DATASET))
        self.subject = ox.NamedNode(str(DCTERMS.subject))


def _trig_prefixes() -> dict[str, str]:
    return {**{k: v for k, v in PREFIXES.items() if k != "kb"}, "np": str(NP)}


def trig_header() -> bytes:
    """The prefix lines that begin ``mitoaki-kb.trig``."""
    term = _NanopubTerms()
    sample = ox.Quad(term.dataset, term.type, term.nanopublication, term.dataset)
    text = ox.serialize([sample], format=ox.RdfFormat.TRIG, prefixes=_trig_prefixes()) or b""
    lines = text.splitlines(keepends=True)
    return b"".join(line for line in lines if line.startswith(b"@prefix "))


def nanopublication_chunks(kb: Graph | list[ox.Triple]) -> Iterator[tuple[str, bytes]]:
    """(record IRI, its nanopublication as TriG after the prefix lines), in record order.

    :func:`trig_header` and the chunks of every record in IRI order are, byte for byte, what
    :func:`write_nanopublications` writes: so the nanopublications of parts of the knowledge
    base that share no record can be made apart and put in order after.
    """
    return chunks_of_lines(record_lines(as_triples(kb)))


def chunks_of_lines(grouped: dict[str, list[bytes]]) -> Iterator[tuple[str, bytes]]:
    """:func:`nanopublication_chunks` of each record's N-Triples lines (:func:`record_lines`)."""
    header, prefixes = trig_header(), _trig_prefixes()
    for record, quads in _of_lines(grouped):
        text = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes) or b""
        if not text.startswith(header):  # the writer changed how it begins a document
            raise ValueError(f"the TriG of {record} does not begin with the prefix lines")
        yield record, text[len(header) :]


def write_nanopublications(kb: Graph | list[ox.Triple], path: Path) -> int:
    """Write the nanopublications as TriG, streamed one at a time; return how many there are."""
    prefixes = _trig_prefixes()
    count = 0

    def quads() -> Iterator[ox.Quad]:
        nonlocal count
        for nanopub in nanopublications(kb):
            count += 1
            yield from nanopub

    with atomic_output(path) as handle:
        ox.serialize(quads(), handle, format=ox.RdfFormat.TRIG, prefixes=prefixes)
    return count
