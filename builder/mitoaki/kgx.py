"""KGX (Biolink) nodes and edges TSV, so that Translator-style tools can load the graph.

Edges come from mechanism statements (subject, Biolink predicate, object, with the RO relation
kept as ``original_predicate``) and from findings (what was administered ``biolink:affects`` the
measured entity, with ``object_direction_qualifier``); nodes are every term an edge names, with a
Biolink category chosen from where the term sits in the ontology.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from mitoaki.namespaces import OBO, compress, expand
from mitoaki.serialize import atomic_write

M = "https://w3id.org/mitoaki/MITOAKI_"
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
    "0000709": "increased",
    "0000710": "decreased",
    "0000711": "normalised",
    "0000712": "no_change",
}
#: (ancestor, category), the first ancestor found wins.
CATEGORIES = (
    ("MITOAKI:0000500", "biolink:GeneOrGeneProduct"),
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


def _typed(graph: Graph, node: Node) -> URIRef | None:
    """The most informative ontology type of an individual (not BFO material entity)."""
    types = sorted(
        t for t in graph.objects(node, RDF.type) if isinstance(t, URIRef) and t != OBO.BFO_0000040
    )
    return types[0] if types else None


def to_kgx(kb: Graph, tbox: Graph) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Nodes and edges (pure), sorted."""
    edges: list[dict[str, str]] = []
    terms: set[URIRef] = set()

    def edge(
        record: Node,
        subject: URIRef,
        relation: str,
        obj: URIRef,
        direction: str,
        level: str,
        publications: Iterable[str],
    ) -> None:
        predicate, implied = PREDICATES.get(relation, ("biolink:related_to", ""))
        edges.append(
            {
                "id": compress(str(record)),
                "subject": compress(str(subject)),
                "predicate": predicate,
                "object": compress(str(obj)),
                "original_predicate": relation,
                "object_direction_qualifier": direction or implied,
                "primary_knowledge_source": SOURCE,
                "knowledge_level": level,
                "agent_type": "manual_agent",
                "publications": "|".join(sorted(publications)),
            }
        )
        terms.update((subject, obj))

    def refs(record: Node) -> list[str]:
        return [f"ref:{n}" for n in kb.objects(record, URIRef(f"{M}0000054"))]

    for record in kb.subjects(RDF.type, URIRef(f"{M}0000701")):
        subject = kb.value(record, URIRef(f"{M}0000012"))
        relation = kb.value(record, URIRef(f"{M}0000052"))
        obj = kb.value(record, URIRef(f"{M}0000013"))
        if isinstance(subject, URIRef) and isinstance(relation, URIRef) and isinstance(obj, URIRef):
            edge(
                record,
                subject,
                compress(str(relation)),
                obj,
                "",
                "knowledge_assertion",
                refs(record),
            )
    for record in kb.subjects(RDF.type, URIRef(f"{M}0000700")):
        entity = kb.value(record, URIRef(f"{M}0000008"))
        direction = kb.value(record, URIRef(f"{M}0000009"))
        intervention = kb.value(record, URIRef(f"{M}0000011"))
        agent = kb.value(intervention, URIRef(f"{M}0000002")) if intervention else None
        agent_class = _typed(kb, agent) if agent is not None else None
        if isinstance(entity, URIRef) and agent_class is not None and direction is not None:
            edge(
                record,
                agent_class,
                "RO:0002411",
                entity,
                DIRECTIONS.get(str(direction).rsplit("_", 1)[-1], ""),
                "observation",
                refs(record),
            )
    label = {s: str(o) for s, o in tbox.subject_objects(RDFS.label)}
    nodes = [
        {
            "id": compress(str(t)),
            "category": category(tbox, t),
            "name": label.get(t, ""),
            "provided_by": SOURCE,
        }
        for t in terms
    ]
    return (
        sorted(nodes, key=lambda n: n["id"]),
        sorted(edges, key=lambda e: (e["id"], e["subject"], e["object"])),
    )


def _tsv(rows: list[dict[str, str]], columns: tuple[str, ...]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_kgx(kb: Graph, tbox: Graph, folder: Path) -> tuple[str, str]:
    """Write ``mitoaki_kgx_nodes.tsv`` and ``mitoaki_kgx_edges.tsv``; return their names."""
    nodes, edges = to_kgx(kb, tbox)
    names = ("mitoaki_kgx_nodes.tsv", "mitoaki_kgx_edges.tsv")
    atomic_write(folder / names[0], _tsv(nodes, NODE_COLUMNS))
    atomic_write(folder / names[1], _tsv(edges, EDGE_COLUMNS))
    return names
