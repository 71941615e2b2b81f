"""SSSOM mappings from the ontology's own classes to OBO terms, derived from its curated axioms.

An own class's asserted OBO parent is a broad match (the OBO term is broader), the genus of its
logical definition too, and a curated ``skos:closeMatch`` stays a close match. The same mappings
go into the full release as SKOS triples and into ``mitoaki.sssom.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from mitoaki.core.namespaces import OBO, PREFIXES, compress, expand
from mitoaki.core.serialize import atomic_write

OWN = "https://w3id.org/mitoaki/MITOAKI_"
JUSTIFICATION = "semapv:ManualMappingCuration"
COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "comment",
)


@dataclass(frozen=True, order=True)
class Mapping:
    """One SSSOM mapping row."""

    subject_id: str
    predicate_id: str
    object_id: str
    subject_label: str
    object_label: str
    comment: str


def _is_obo(node: object) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(OBO))


def to_mappings(tbox: Graph) -> list[Mapping]:
    """Derive the mappings from a TBox (own axioms plus imports, for labels); sorted."""
    label = {s: str(o) for s, o in tbox.subject_objects(RDFS.label)}
    found: set[Mapping] = set()

    def add(subject: URIRef, predicate: str, obj: URIRef, comment: str) -> None:
        found.add(
            Mapping(
                compress(str(subject)),
                predicate,
                compress(str(obj)),
                label.get(subject, ""),
                label.get(obj, ""),
                comment,
            )
        )

    for cls in tbox.subjects(RDF.type, OWL.Class):
        if not isinstance(cls, URIRef) or not str(cls).startswith(OWN):
            continue
        for parent in tbox.objects(cls, RDFS.subClassOf):
            if _is_obo(parent):
                add(cls, "skos:broadMatch", parent, "asserted OBO parent class")  # type: ignore[arg-type]
        for definition in tbox.objects(cls, OWL.equivalentClass):
            members = tbox.value(definition, OWL.intersectionOf)
            if members is None:
                continue
            for genus in Collection(tbox, members):
                if _is_obo(genus):
                    add(cls, "skos:broadMatch", genus, "genus of the logical definition")  # type: ignore[arg-type]
        for close in tbox.objects(cls, SKOS.closeMatch):
            if _is_obo(close):
                add(cls, "skos:closeMatch", close, "curated close match")  # type: ignore[arg-type]
    return sorted(found)


def to_skos(mappings: list[Mapping]) -> Graph:
    """The mappings as SKOS triples."""
    graph = Graph()
    for m in mappings:
        predicate = URIRef(str(SKOS) + m.predicate_id.split(":", 1)[1])
        graph.add((URIRef(expand(m.subject_id)), predicate, URIRef(expand(m.object_id))))
    return graph


def to_sssom_tsv(mappings: list[Mapping], version: str) -> str:
    """The mappings as an SSSOM/TSV document with its metadata header (no dates: reproducible)."""
    prefixes = sorted(
        {m.subject_id.split(":")[0] for m in mappings}
        | {m.object_id.split(":")[0] for m in mappings}
    )
    header = [
        "#curie_map:",
        *(f"#  {p}: {PREFIXES[p]}" for p in prefixes),
        "#  semapv: https://w3id.org/semapv/vocab/",
        "#  skos: http://www.w3.org/2004/02/skos/core#",
        "#mapping_set_id: https://w3id.org/mitoaki/mappings/mitoaki.sssom.tsv",
        f"#mapping_set_version: {version}",
        "#license: https://creativecommons.org/licenses/by/4.0/",
        "#mapping_set_description: Own mitoaki classes mapped to OBO terms, from the ontology's "
        "curated axioms.",
    ]
    rows = ["\t".join(COLUMNS)]
    for m in mappings:
        cells = (
            m.subject_id,
            m.subject_label,
            m.predicate_id,
            m.object_id,
            m.object_label,
            JUSTIFICATION,
            m.comment,
        )
        rows.append("\t".join(c.replace("\t", " ") for c in cells))
    return "\n".join(header + rows) + "\n"


def write_sssom(mappings: list[Mapping], version: str, path: Path) -> None:
    """Write the SSSOM/TSV file atomically."""
    atomic_write(path, to_sssom_tsv(mappings, version).encode("utf-8"))
