"""Linked-data exports beyond the plain graphs: nanopublications, dataset description, manifest.

- ``mitoaki-kb.trig``: one nanopublication per record (head, assertion, provenance, pubinfo
  graphs), its IRI derived from a hash of the assertion's content, so it is stable across builds
  and changes exactly when the record's content changes. The union of the assertion graphs is the
  knowledge base.
- ``void.ttl``: a VoID and DCAT description of the dataset (title, license, version, triple count,
  class and property partitions, example resources, distributions).
- ``context.jsonld``: the JSON-LD context the release's JSON-LD files use (inline as well).
- ``manifest.sha256``: the SHA-256 of every release file (``sha256sum -c`` format).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, VOID, XSD
from rdflib.term import Node

from mitoaki.core.namespaces import BASE, KB, PREFIXES, PROV, bind_prefixes
from mitoaki.core.serialize import atomic_output, atomic_write, jsonld_context

NP = Namespace("http://www.nanopub.org/nschema#")
NANOPUB_BASE = f"{BASE}np/"
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
DATASET = URIRef(f"{BASE}dataset")
MANIFEST = "manifest.sha256"


def _as_triples(kb: Graph | list[ox.Triple]) -> list[ox.Triple]:
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
    prefix = str(KB)
    grouped: dict[str, list[tuple[str, ox.Triple]]] = defaultdict(list)
    for triple in _as_triples(kb):
        subject = triple.subject
        if isinstance(subject, ox.NamedNode) and subject.value.startswith(prefix):
            parts = subject.value[len(prefix) :].split("/")
            if len(parts) > 1:
                grouped[f"{prefix}{parts[0]}/{parts[1]}"].append((f"{triple} .\n", triple))
    term = _NanopubTerms()
    for record in sorted(grouped):
        lines = sorted(grouped.pop(record), key=lambda pair: pair[0])
        digest = hashlib.sha256("".join(line for line, _ in lines).encode("utf-8")).hexdigest()
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
        quads += [ox.Quad(t.subject, t.predicate, t.object, assertion) for _, t in lines]
        document = next(
            (t.object for _, t in lines if t.subject == subject and t.predicate == term.derived),
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
    header, prefixes = trig_header(), _trig_prefixes()
    for record, quads in _nanopublications(kb):
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


def to_void(graphs: dict[str, Graph], version: str, distributions: list[str]) -> Graph:
    """VoID and DCAT description of the release (pure): :func:`to_void_store` on the union.

    The union of the graphs is counted by rdflib (as the ``full`` part, the store left empty),
    so this stays exact for any graph, and slow for a large one.
    """
    union = Graph()
    for graph in graphs.values():
        union += graph
    return to_void_store(union, ox.Store(), version, distributions)


_PROPERTY_COUNTS = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"
_CLASS_COUNTS = "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c"


def _counts(kb: ox.Store, query: str) -> Counter[URIRef]:
    """IRI -> count, from a SPARQL aggregate ``SELECT ?x (COUNT(*) AS ?n)`` on the default graph."""
    results = kb.query(query)
    assert isinstance(results, ox.QuerySolutions)
    found: Counter[URIRef] = Counter()
    for row in results:
        term, count = row[0], row[1]
        if isinstance(term, ox.NamedNode) and isinstance(count, ox.Literal):
            found[URIRef(term.value)] += int(count.value)
    return found


def _in_store(kb: ox.Store, triple: tuple[object, object, object]) -> bool:
    """Whether an rdflib triple (without blank nodes) is in the store's default graph."""
    s, p, o = triple
    if not (isinstance(s, URIRef) and isinstance(p, URIRef)):
        return False
    if isinstance(o, URIRef):
        value: ox.NamedNode | ox.Literal = ox.NamedNode(str(o))
    elif isinstance(o, Literal) and o.language:
        value = ox.Literal(str(o), language=o.language)
    elif isinstance(o, Literal):
        value = ox.Literal(str(o), datatype=ox.NamedNode(str(o.datatype or XSD.string)))
    else:
        return False
    return ox.Quad(ox.NamedNode(str(s)), ox.NamedNode(str(p)), value) in kb


@dataclass(frozen=True)
class VoidCounts:
    """What the dataset description counts: triples, entities per class, triples per property."""

    triples: int
    classes: Counter[URIRef]
    properties: Counter[URIRef]


def void_counts(full: Graph, kb: ox.Store) -> VoidCounts:
    """The counts of the union of ``full`` (the ontology) and the default graph of ``kb``.

    The knowledge base is counted by SPARQL aggregates on the store (other graphs are not
    counted), the ontology by rdflib, less the triples both hold.
    """
    return summed([ontology_counts(full), kb_counts(kb, full)])


def ontology_counts(full: Graph) -> VoidCounts:
    """The counts of the ontology alone."""
    classes = Counter(o for o in full.objects(None, RDF.type) if isinstance(o, URIRef))
    properties = Counter(p for p in full.predicates() if isinstance(p, URIRef))
    return VoidCounts(len(full), classes, properties)


def kb_counts(kb: ox.Store, full: Iterable[tuple[Node, Node, Node]]) -> VoidCounts:
    """The counts of the default graph of ``kb`` less the triples of ``full`` it also holds.

    Summed with :func:`ontology_counts`, the counts of the union; summed over parts of the
    knowledge base that share no triple, the counts of the whole's.
    """
    properties = _counts(kb, _PROPERTY_COUNTS)
    triples = sum(properties.values())
    classes = _counts(kb, _CLASS_COUNTS)
    for s, p, o in full:  # a triple in both counts once
        if isinstance(p, URIRef) and _in_store(kb, (s, p, o)):
            triples -= 1
            properties[p] -= 1
            if p == RDF.type and isinstance(o, URIRef):
                classes[o] -= 1
    return VoidCounts(triples, classes, properties)


def summed(counts: Iterable[VoidCounts]) -> VoidCounts:
    """The sum of counts (a zero or negative count is kept, as the parts gave it)."""
    triples, classes, properties = 0, Counter[URIRef](), Counter[URIRef]()
    for part in counts:
        triples += part.triples
        classes.update(part.classes)
        properties.update(part.properties)
    return VoidCounts(triples, classes, properties)


def to_void_store(full: Graph, kb: ox.Store, version: str, distributions: list[str]) -> Graph:
    """VoID and DCAT description of the release (pure), the knowledge base in a store."""
    return void_description(void_counts(full, kb), version, distributions)


#: Said by the dataset description and the manifest of a release built without its documents.
ANCHORS_UNRESOLVED = (
    "anchors unresolved: built without the source documents, so the evidence annotations carry "
    "their anchor text only (no character offsets, no evidence sentences)"
)


def void_description(
    counts: VoidCounts, version: str, distributions: list[str], *, notes: tuple[str, ...] = ()
) -> Graph:
    """The VoID and DCAT description of the dataset from its counts.

    ``notes`` are said of the dataset as ``rdfs:comment`` (e.g. :data:`ANCHORS_UNRESOLVED`).
    """
    triples, classes, properties = counts.triples, counts.classes, counts.properties
    out = bind_prefixes(Graph())
    out.bind("void", VOID)
    out.bind("dcat", DCAT)
    out.add((DATASET, RDF.type, VOID.Dataset))
    out.add((DATASET, RDF.type, DCAT.Dataset))
    out.add((DATASET, DCTERMS.title, Literal("mitoaki knowledge graph")))
    out.add(
        (
            DATASET,
            DCTERMS.description,
            Literal(
                "Mitochondrial dysfunction in acute kidney injury and MSC therapy targeting "
                "it: the mitoaki ontology and the knowledge base curated from the literature."
            ),
        )
    )
    out.add((DATASET, DCTERMS.license, LICENSE))
    out.add((DATASET, RDFS.label, Literal("mitoaki")))
    for note in notes:
        out.add((DATASET, RDFS.comment, Literal(note)))
    out.add((DATASET, URIRef("http://www.w3.org/2002/07/owl#versionInfo"), Literal(version)))
    out.add((DATASET, VOID.triples, Literal(triples, datatype=XSD.integer)))
    out.add((DATASET, VOID.sparqlEndpoint, URIRef("http://127.0.0.1:7878/sparql")))
    out.add((DATASET, VOID.uriSpace, Literal(str(KB))))
    out.add((DATASET, VOID.vocabulary, URIRef(f"{BASE}mitoaki.owl")))
    for example in ("finding/geng-2017-atp", "study/perico-2017", "trial/nct01602328"):
        out.add((DATASET, VOID.exampleResource, KB[example]))
    for cls, count in sorted(classes.items()):
        node = URIRef(f"{BASE}dataset/class/{_short_hash(cls)}")
        out.add((DATASET, VOID.classPartition, node))
        out.add((node, VOID["class"], cls))
        out.add((node, VOID.entities, Literal(count, datatype=XSD.integer)))
    for prop, count in sorted(properties.items()):
        node = URIRef(f"{BASE}dataset/property/{_short_hash(prop)}")
        out.add((DATASET, VOID.propertyPartition, node))
        out.add((node, VOID.property, prop))
        out.add((node, VOID.triples, Literal(count, datatype=XSD.integer)))
    for name in sorted(distributions):
        dist = URIRef(f"{BASE}releases/{version}/{name}")
        if name == LANDING_PAGE:
            out.add((DATASET, DCAT.landingPage, dist))
            continue
        out.add((DATASET, DCAT.distribution, dist))
        out.add((dist, RDF.type, DCAT.Distribution))
        out.add((dist, DCTERMS.title, Literal(name)))
        out.add((dist, DCAT.mediaType, Literal(media_type(name))))
        if media_type(name) in RDF_MEDIA_TYPES.values():
            out.add((DATASET, VOID.dataDump, dist))
    return out


LANDING_PAGE = "site/index.html"


def distributions_of(files: list[str]) -> list[str]:
    """The release files the dataset description lists.

    Those are the top-level files, the figures and the site's landing page. The per-study and
    per-finding pages and framed documents (tens of thousands at scale) are not distributions of
    their own; ``manifest.sha256`` lists every file.
    """
    return sorted(
        name
        for name in files
        if "/" not in name or name.startswith("figures/") or name == LANDING_PAGE
    )


def _short_hash(term: URIRef) -> str:
    """A stable short name for a partition node, from the IRI it describes."""
    return hashlib.sha256(str(term).encode("utf-8")).hexdigest()[:12]


def media_type(name: str) -> str:
    """The media type of a release file by its extension."""
    return MEDIA_TYPES.get(Path(name).suffix, "application/octet-stream")


RDF_MEDIA_TYPES = {
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".nq": "application/n-quads",
    ".owl": "application/rdf+xml",
    ".jsonld": "application/ld+json",
    ".trig": "application/trig",
}
MEDIA_TYPES = {
    **RDF_MEDIA_TYPES,
    ".tsv": "text/tab-separated-values",
    ".sha256": "text/plain",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".html": "text/html",
}


def write_context(path: Path) -> None:
    """Write the JSON-LD context the release uses."""
    atomic_write(path, (json.dumps(jsonld_context(), indent=2, sort_keys=True) + "\n").encode())


def release_names(folder: Path) -> list[str]:
    """Every file of a release but the manifest and the query store, sorted as paths sort.

    Names are relative to ``folder`` (``site/index.html``). Listed with ``os.walk``, which
    reads each folder's entries without a ``stat`` per file (340k pages and framed studies at
    100k studies).
    """
    found: list[tuple[str, ...]] = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if name != "store"]
        base = Path(root).relative_to(folder).parts
        found += [(*base, name) for name in files if name != "store"]
    return ["/".join(parts) for parts in sorted(found) if parts != (MANIFEST,)]


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in blocks (a KB file at scale is gigabytes)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


#: Files from this size are hashed on a thread of their own (hashlib releases Python's lock
#: while it hashes); a thread per small file costs more than it saves.
LARGE_FILE = 1 << 20


def digests(paths: list[Path]) -> list[str]:
    """:func:`sha256_of` each file: the large ones on a thread while this one hashes the rest."""
    out = [""] * len(paths)
    with ThreadPoolExecutor(max_workers=1) as pool:
        large = {
            i: pool.submit(sha256_of, path)
            for i, path in enumerate(paths)
            if path.stat().st_size >= LARGE_FILE
        }
        for i, path in enumerate(paths):
            if i not in large:
                out[i] = sha256_of(path)
        for i, digest in large.items():
            out[i] = digest.result()
    return out


def write_manifest(
    folder: Path, known: Mapping[str, str] | None = None, *, notes: tuple[str, ...] = ()
) -> Path:
    """SHA-256 of every file of the release (not the store), in ``sha256sum -c`` format.

    ``known`` gives the digests of files hashed from the bytes written (name -> digest): the
    pages and framed studies, which the workers hash as they write them. Every other file is read.
    ``notes`` head the file as ``#`` comment lines (which ``sha256sum -c`` skips).
    """
    known = known or {}
    names = release_names(folder)
    unknown = [name for name in names if name not in known]
    read = dict(zip(unknown, digests([folder / name for name in unknown]), strict=True))
    lines = [f"# {note}\n" for note in notes]
    lines += [f"{known[name] if name in known else read[name]}  {name}\n" for name in names]
    manifest = folder / MANIFEST
    atomic_write(manifest, "".join(lines).encode("utf-8"))
    return manifest


def verify(folder: Path) -> list[str]:
    """Compare a release with its manifest; return what differs (empty when intact)."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return [f"{MANIFEST} missing"]
    expected = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        digest, _, name = line.partition("  ")
        expected[name] = digest
    problems = []
    actual = set(release_names(folder))
    for name in sorted(set(expected) | actual):
        if name not in actual:
            problems.append(f"{name}: missing")
        elif name not in expected:
            problems.append(f"{name}: not in the manifest")
        elif sha256_of(folder / name) != expected[name]:
            problems.append(f"{name}: content differs from the manifest")
    return problems


#: The named graph of machine-proposed records (``mitoaki build --include-drafts``).
DRAFTS_GRAPH = "https://w3id.org/mitoaki/graph/drafts"
DRAFT_FILES = ("mitoaki-drafts.trig", "mitoaki-drafts.nq")


def write_drafts(drafts: Graph | list[ox.Triple], folder: Path) -> list[str]:
    """Write the draft records' triples as TriG and N-Quads in the named graph DRAFTS_GRAPH."""
    graph = ox.NamedNode(DRAFTS_GRAPH)
    quads = [
        ox.Quad(t.subject, t.predicate, t.object, graph)
        for t in sorted(_as_triples(drafts), key=str)
    ]
    prefixes = {k: v for k, v in PREFIXES.items() if k != "kb"}
    trig, nquads = DRAFT_FILES
    atomic_write(
        folder / trig, ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes) or b""
    )
    atomic_write(folder / nquads, ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    return list(DRAFT_FILES)
