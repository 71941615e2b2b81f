"""The exports made record by record, made part by part in worker processes.

Nanopublications (one per record), KGX edges (one per record), framed studies and the HTML pages
of findings and studies (each a record with the records it names) and the dataset's counts are
the same whether made from the whole knowledge base or from parts of it that share no record
and are closed under references (:mod:`mitoaki.check.shards`) and then put together. Made from one
store of the whole, they grew faster than the data (a store of 11M triples: 14x the time of one
of 1.1M); from parts of a bounded size they grow with it.

Each worker reads the written ``mitoaki-kb.nt`` once, keeps the lines of its parts (the record
of a line is its subject's, ``kb:<kind>/<key>``; :func:`mitoaki.check.shards.owners` says which part
holds a record) and, part by part, loads them into a small store and writes the framed studies
and pages, and gives back the rest: each nanopublication's place in a scratch file, the KGX
edges and the terms they name, the counts and the studies for the landing page. The main
process puts them together (:func:`write_merged`): nanopublications in record order, byte for
byte the file one store of the whole gives (a test holds every export equal to it).
"""

from __future__ import annotations

import mmap
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from mitoaki.check.shards import subjects_in
from mitoaki.core.namespaces import KB
from mitoaki.core.serialize import atomic_output
from mitoaki.core.stores import ntriples_store
from mitoaki.release import docs, frames, kgx, nanopub
from mitoaki.release.void import VoidCounts, kb_counts, ontology_counts, summed

#: Where a record's nanopublication is: (record IRI, part, offset, length in the part's file).
Chunk = tuple[str, int, int, int]


@dataclass
class PartExports:
    """What parts gave: to be put together by :func:`write_merged`."""

    chunks: list[Chunk] = field(default_factory=list)
    edges: list[dict[str, str]] = field(default_factory=list)
    terms: set[str] = field(default_factory=set)
    counts: list[VoidCounts] = field(default_factory=list)
    studies: dict[str, docs.Study] = field(default_factory=dict)
    #: The framed studies and pages written (relative to the release folder) -> SHA-256.
    digests: dict[str, str] = field(default_factory=dict)

    def add(self, other: PartExports) -> None:
        """Take in what other parts gave."""
        self.chunks += other.chunks
        self.edges += other.edges
        self.terms |= other.terms
        self.counts += other.counts
        self.studies.update(other.studies)
        self.digests.update(other.digests)


def chunk_file(scratch: Path, part: int) -> Path:
    """The scratch file of a part's nanopublications."""
    return scratch / f"nanopublications-{part:05d}.trig"


def split(
    path: Path, owners: dict[str, int], wanted: Iterable[int]
) -> dict[int, dict[str, list[bytes]]]:
    """The lines of an N-Triples file of the knowledge base held by each ``wanted`` part, by record.

    A line goes with its subject's record. The file is sorted, so a subject's lines follow one
    another and its record is looked up once. A subject that is no record's node is an error.
    """
    out: dict[int, dict[str, list[bytes]]] = {part: {} for part in wanted}
    prefix = f"<{KB}".encode()
    current, lines = b"\x00", None
    with path.open("rb") as handle:
        for line in handle:
            if not line.startswith(current):
                current = line[: line.index(b"> ") + 2]
                record = _record(current, prefix) if current.startswith(prefix) else ""
                part = owners.get(record)
                if part is None:
                    raise ValueError(
                        f"{path}: {current.decode()[:-1]} is the node of no record in the plan"
                    )
                records = out.get(part)
                lines = None if records is None else records.setdefault(record, [])
            if lines is not None:
                lines.append(line)
    return out


def _record(subject: bytes, prefix: bytes) -> str:
    """``kb:<kind>/<key>`` of ``<kb:<kind>/<key>[/<part>]> `` (empty when it is shorter)."""
    kind, _, rest = subject[len(prefix) : -2].decode().partition("/")
    key = rest.split("/", 1)[0]
    return f"{KB}{kind}/{key}" if kind and key else ""


def export_parts(
    folder: Path, owners: dict[str, int], wanted: list[int], scratch: Path
) -> PartExports:
    """Make the exports of the ``wanted`` parts of a release folder's knowledge base (a worker).

    Reads ``mitoaki-kb.nt`` and ``mitoaki-full.nt`` (written already); writes framed studies and
    pages into ``folder`` and nanopublications into ``scratch``.
    """
    full = Graph().parse(folder / "mitoaki-full.nt", format="nt")
    ontology = list(ox.parse(path=str(folder / "mitoaki-full.nt"), format=ox.RdfFormat.N_TRIPLES))
    by_subject: dict[str, list[tuple[Node, Node, Node]]] = {}
    for triple in full:
        if isinstance(triple[0], URIRef):
            by_subject.setdefault(str(triple[0]), []).append(triple)
    lines = split(folder / "mitoaki-kb.nt", owners, wanted)
    out = PartExports()
    for part in wanted:
        out.add(export_part(lines.pop(part), part, folder, scratch, ontology, by_subject))
    return out


def export_part(
    records: dict[str, list[bytes]],
    part: int,
    folder: Path,
    scratch: Path,
    ontology: list[ox.Triple],
    by_subject: dict[str, list[tuple[Node, Node, Node]]],
) -> PartExports:
    """The exports of one part (its N-Triples lines by record); see :func:`export_parts`."""
    # keeps the lexical forms of literals Oxigraph re-types
    kb = ntriples_store(b"".join(line for lines in records.values() for line in lines))
    out = PartExports()
    with chunk_file(scratch, part).open("wb") as handle:
        for record, chunk in nanopub.chunks_of_lines(records):  # consumes the lines
            out.chunks.append((record, part, handle.tell(), len(chunk)))
            handle.write(chunk)
    out.edges, out.terms = kgx.kgx_edges(kb)
    shared = [t for s in subjects_in(kb, by_subject) for t in by_subject[s]]
    out.counts.append(kb_counts(kb, shared))
    frames.write_frames_store(kb, folder, out.digests)
    # the pages read the query store's default graph: the ontology and the knowledge base
    kb.extend(ox.Quad(t.subject, t.predicate, t.object) for t in ontology)
    _, out.studies = docs.write_pages(kb, folder, out.digests)
    return out


@dataclass(frozen=True)
class Merged:
    """What :func:`write_merged` wrote and counted."""

    files: list[str]
    nanopublications: int
    void: VoidCounts


def write_merged(made: PartExports, full: Graph, folder: Path, scratch: Path) -> Merged:
    """Write the nanopublications and KGX files of all the parts; count the dataset.

    The nanopublications come in record order after the prefix lines (what
    :func:`mitoaki.release.nanopub.write_nanopublications` writes of the whole), the KGX edges
    sorted and the nodes made from every part's terms with the full ontology ``full``.
    """
    chunks = sorted(made.chunks)
    with atomic_output(folder / "mitoaki-kb.trig") as out, ExitStack() as stack:
        if chunks:
            out.write(nanopub.trig_header())
        maps: dict[int, mmap.mmap] = {}  # a map holds no file open: a thousand parts are fine
        for _, part, offset, length in chunks:
            if part not in maps:
                with chunk_file(scratch, part).open("rb") as handle:
                    maps[part] = stack.enter_context(
                        mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                    )
            out.write(maps[part][offset : offset + length])
    names = kgx.write_kgx_rows(kgx.kgx_nodes(made.terms, full), kgx.sort_edges(made.edges), folder)
    counts = summed([ontology_counts(full), *made.counts])
    files = ["mitoaki-kb.trig", *names, *made.digests]
    return Merged(files, len(chunks), counts)
