"""The dataset description, ``void.ttl``: VoID and DCAT.

Title, license, version, triple count, class and property partitions, example resources and
distributions. The counts are summed over parts: the ontology's, and each part's of the knowledge
base less the triples the ontology also holds.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, VOID, XSD
from rdflib.term import Node

from mitoaki.core.namespaces import BASE, KB, bind_prefixes

LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
DATASET = URIRef(f"{BASE}dataset")


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
