"""KGX (Biolink) nodes and edges TSV, so that Translator-style tools can load the graph.

Edges come from mechanism statements (subject, Biolink predicate, object, with the RO relation
kept as ``original_predicate``) and from findings (what was administered ``biolink:affects`` the
measured entity, with ``object_direction_qualifier``); nodes are every term an edge names, with a
Biolink category chosen from where the term sits in the ontology (never a mixin: ``kgx validate``
refuses one). An edge's ``publications`` are the studies its record reports or cites by
reference number, or else the document it was curated from, as CURIEs that the release's
``context.jsonld`` expands to their IRIs (``kb:study/geng-2017``); kgx validates the files with 0
errors and no warning (tests/test_kgx.py).

:func:`write_kgx_store` reads the knowledge base from a pyoxigraph store with three SPARQL queries;
:func:`write_kgx` (an rdflib graph) loads the graph into a store and calls it.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from mitoaki.core import vocab
from mitoaki.core.namespaces import OBO, PROV, compress, expand
from mitoaki.core.serialize import atomic_write

SOURCE = "infores:mitoaki"
PREDICATES = {
    "RO:0002211": ("biolink:regulates", ""),
    "RO:0002213": ("biolink:regulates", "upregulated"),
    "RO:0002212": ("biolink:regulates", "downregulated"),
    "RO:0002411": ("biolink:affects", ""),
    "RO:0002304": ("biolink:affects", "increased"),
    "RO:0002305": ("biolink:affects", "decreased"),
    "RO:0003302": ("biolink:contributes_to", ""),
    "RO:0002606": ("biolink:treats", ""),
    "RO:0002215": ("biolink:capable_of", ""),
    "RO:0000057": ("biolink:has_participant", ""),
    "RO:0002233": ("biolink:has_input", ""),
    "RO:0002234": ("biolink:has_output", ""),
    "BFO:0000066": ("biolink:occurs_in", ""),
    "BFO:0000050": ("biolink:part_of", ""),
    "RO:0001025": ("biolink:located_in", ""),
    "RO:0001000": ("biolink:derives_from", ""),
}
DIRECTIONS = {
    vocab.INCREASED.value: "increased",
    vocab.DECREASED.value: "decreased",
    vocab.NORMALISED.value: "normalised",
    vocab.NO_CHANGE.value: "no_change",
}
#: (ancestor, category), the first ancestor found wins; every category is a Biolink class that
#: is not a mixin (``biolink:GeneOrGeneProduct`` is one). The own gene-product classes group
#: proteins (Bcl-2 family protein, MSC-secreted growth factor...), but for the miR-30 family
#: (a gene family: ``biolink:MicroRNA``, though a class, fails kgx's CamelCase check).
CATEGORIES = (
    ("MITOAKI:0000508", "biolink:GeneFamily"),
    ("MITOAKI:0000500", "biolink:Protein"),
    ("MONDO:0000001", "biolink:Disease"),
    ("GO:0005575", "biolink:CellularComponent"),
    ("CHEBI:24431", "biolink:ChemicalEntity"),
    ("CL:0000000", "biolink:Cell"),
    ("UBERON:0001062", "biolink:AnatomicalEntity"),
    ("NCBITaxon:1", "biolink:OrganismTaxon"),
    ("BFO:0000019", "biolink:PhenotypicFeature"),
    ("BFO:0000015", "biolink:BiologicalProcessOrActivity"),
    ("BFO:0000034", "biolink:PhenotypicFeature"),
)
NODE_COLUMNS = ("id", "category", "name", "provided_by")
EDGE_COLUMNS = (
    "id",
    "subject",
    "predicate",
    "object",
    "original_predicate",
    "object_direction_qualifier",
    "primary_knowledge_source",
    "knowledge_level",
    "agent_type",
    "publications",
)


def category(tbox: Graph, term: URIRef) -> str:
    """The Biolink category of an ontology term, from its ancestors."""
    ancestors = {str(a) for a in tbox.transitive_objects(term, RDFS.subClassOf)}
    if str(term).startswith("http://identifiers.org/hgnc/"):
        return "biolink:Gene"
    for ancestor, cat in CATEGORIES:
        if expand(ancestor) in ancestors:
            return cat
    return "biolink:NamedThing"


def _solutions(kb: ox.Store, query: str) -> Iterator[tuple[str, ...]]:
    """The rows of a SPARQL ``SELECT`` on the store's default graph, each term as its text."""
    results = kb.query(query)
    assert isinstance(results, ox.QuerySolutions)
    names = [v.value for v in results.variables]
    for row in results:
        yield tuple(_text(row[name]) for name in names)


def _text(term: object) -> str:
    """An IRI or a literal's lexical form (``str`` of the rdflib term it would be)."""
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


_STATEMENTS = f"""
SELECT ?record ?subject ?relation ?object WHERE {{
  ?record a {vocab.MECHANISM_STATEMENT} ; {vocab.STATEMENT_SUBJECT} ?subject ;
          {vocab.STATEMENT_RELATION} ?relation ;
          {vocab.STATEMENT_OBJECT} ?object .
  FILTER(isIRI(?subject) && isIRI(?relation) && isIRI(?object))
}}"""
_FINDINGS = f"""
SELECT ?record ?entity ?direction ?type WHERE {{
  ?record a {vocab.FINDING} ; {vocab.HAS_MEASURED_ENTITY} ?entity ;
          {vocab.HAS_DIRECTION} ?direction ;
          {vocab.UNDER_INTERVENTION} ?intervention .
  ?intervention {vocab.HAS_AGENT} ?agent .
  ?agent a ?type .
  FILTER(isIRI(?entity) && isIRI(?type) && ?type != <{OBO}BFO_0000040>)
}}"""
# a record's publications: the study it reports, the studies its reference numbers name in the
# reference list of its document (``cites study`` with that ``reference number``), its document.
# The numbered studies are a subquery, joined on (number, document): written as one group,
# Oxigraph joined every citing record with every study its document cites before comparing the
# numbers (1.6 s a part of 1k synthetic studies whose document cites 10k; 0.01 s so).
_PUBLICATIONS = f"""
SELECT ?record ?publication ?source WHERE {{
  VALUES ?kind {{ {vocab.FINDING} {vocab.MECHANISM_STATEMENT} }}
  ?record a ?kind .
  {{ ?record {vocab.REPORTED_BY_STUDY} ?publication . BIND("study" AS ?source) }}
  UNION
  {{ ?record {vocab.CITED_REFERENCE_NUMBER} ?number ; <{PROV}wasDerivedFrom> ?document .
    {{ SELECT ?document ?publication ?number WHERE {{
        ?publication {vocab.REFERENCE_NUMBER} ?number . ?document {vocab.CITES_STUDY} ?publication .
    }} }}
    BIND("study" AS ?source) }}
  UNION
  {{ ?record <{PROV}wasDerivedFrom> ?publication . BIND("document" AS ?source) }}
}}"""


def to_kgx_store(kb: ox.Store, tbox: Graph) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Nodes and edges (pure), sorted, from a store holding the knowledge base.

    Edges are read with three SPARQL queries on the default graph (mechanism statements, findings
    with their agent's types, references); ``tbox`` (the full ontology) gives node names and
    categories. A record with several values for one of its fields gives one edge, from the least
    value (by IRI), and a finding's agent class is its least ontology type (not BFO material
    entity), as in :func:`to_kgx`.
    """
    edges, terms = kgx_edges(kb)
    return kgx_nodes(terms, tbox), sort_edges(edges)


def kgx_edges(kb: ox.Store) -> tuple[list[dict[str, str]], set[str]]:
    """The edges of the records in ``kb`` (unsorted) and the IRIs of the terms they name.

    An edge is a record's own: the edges of parts of the knowledge base that share no record are
    the whole's edges (:func:`sort_edges` orders them).
    """
    publications = _publications(kb)
    # record -> (subject, relation, object, direction, knowledge level): the least row wins
    found: dict[str, tuple[str, str, str, str, str]] = {}
    for record, subject, relation, obj in _solutions(kb, _STATEMENTS):
        row = (subject, compress(relation), obj, "", "knowledge_assertion")
        found[record] = min(found.get(record, row), row)
    findings: dict[str, tuple[str, str, str, str, str]] = {}
    for record, entity, direction, agent_class in _solutions(kb, _FINDINGS):
        qualifier = DIRECTIONS.get(direction, "")
        row = (agent_class, "RO:0002411", entity, qualifier, "observation")
        findings[record] = min(findings.get(record, row), row)
    edges: list[dict[str, str]] = []
    terms: set[str] = set()
    for record, (subject, relation, obj, direction, level) in (*found.items(), *findings.items()):
        predicate, implied = PREDICATES.get(relation, ("biolink:related_to", ""))
        edges.append(
            {
                "id": _curie(record),
                "subject": _curie(subject),
                "predicate": predicate,
                "object": _curie(obj),
                "original_predicate": relation,
                "object_direction_qualifier": direction or implied,
                "primary_knowledge_source": SOURCE,
                "knowledge_level": level,
                "agent_type": "manual_agent",
                "publications": "|".join(publications.get(record, ())),
            }
        )
        terms.update((subject, obj))
    return edges, terms


def _publications(kb: ox.Store) -> dict[str, list[str]]:
    """Each record's publications as sorted CURIEs: the studies it names, else its document."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for record, publication, source in _solutions(kb, _PUBLICATIONS):
        found[record][source].add(_curie(publication))
    return {
        record: sorted(sources["study"] or sources["document"]) for record, sources in found.items()
    }


def sort_edges(edges: list[dict[str, str]]) -> list[dict[str, str]]:
    """Edges in the order of the edges file (by record, then subject and object)."""
    return sorted(edges, key=lambda e: (e["id"], e["subject"], e["object"]))


def kgx_nodes(terms: set[str], tbox: Graph) -> list[dict[str, str]]:
    """A node for each term (IRIs), named and categorised by ``tbox``, sorted by CURIE."""
    label = {str(s): str(o) for s, o in tbox.subject_objects(RDFS.label)}
    nodes = [
        {
            "id": _curie(t),
            "category": category(tbox, URIRef(t)),
            "name": label.get(t, ""),
            "provided_by": SOURCE,
        }
        for t in terms
    ]
    return sorted(nodes, key=lambda n: n["id"])


@lru_cache(maxsize=1 << 16)
def _curie(iri: str) -> str:
    """:func:`compress`, remembered: edges repeat the same few hundred terms."""
    return compress(iri)


def to_kgx(kb: Graph, tbox: Graph) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Nodes and edges (pure), sorted: :func:`to_kgx_store` on the graph loaded in a store."""
    return to_kgx_store(_to_store(kb), tbox)


def _to_store(graph: Graph) -> ox.Store:
    """An rdflib graph in the default graph of a new in-memory store (through N-Triples)."""
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def _tsv(rows: list[dict[str, str]], columns: tuple[str, ...]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_kgx_store(kb: ox.Store, tbox: Graph, folder: Path) -> tuple[str, str]:
    """Write ``mitoaki_kgx_nodes.tsv`` and ``mitoaki_kgx_edges.tsv`` from a store; return names.

    ``kb`` holds the knowledge base in its default graph (other graphs are not read); ``tbox`` is
    the full ontology.
    """
    return write_kgx_rows(*to_kgx_store(kb, tbox), folder)


def write_kgx_rows(
    nodes: list[dict[str, str]], edges: list[dict[str, str]], folder: Path
) -> tuple[str, str]:
    """Write the nodes and edges files (rows in their order); return their names."""
    names = ("mitoaki_kgx_nodes.tsv", "mitoaki_kgx_edges.tsv")
    atomic_write(folder / names[0], _tsv(nodes, NODE_COLUMNS))
    atomic_write(folder / names[1], _tsv(edges, EDGE_COLUMNS))
    return names


def write_kgx(kb: Graph, tbox: Graph, folder: Path) -> tuple[str, str]:
    """Write the KGX files of an rdflib knowledge base: :func:`write_kgx_store` on it as a store."""
    return write_kgx_store(_to_store(kb), tbox, folder)
