"""Check that every term a record names is declared by the ontology (or its imports) and fits."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from mitoaki.core.errors import TermError
from mitoaki.core.namespaces import expand
from mitoaki.records.loader import LoadedFile
from mitoaki.records.schema import CURIE_PATTERN, Record

DECLARATIONS = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.NamedIndividual,
)

#: Field -> prefixes its terms must come from.
FIELD_PREFIXES: dict[str, tuple[str, ...]] = {
    "evidence": ("ECO",),
    "species": ("NCBITaxon",),
    "donor_species": ("NCBITaxon",),
    "inducer": ("MITOAKI",),
    "cell_type": ("CL", "MITOAKI"),
    "source_cell": ("CL", "MITOAKI"),
    "source_tissue": ("UBERON",),
    "route": ("OBI", "MITOAKI"),
    "compared_with": ("OBI", "MITOAKI"),
    "relation": ("RO", "BFO"),
    "disrupted_gene": ("HGNC",),
    "targets": ("HGNC", "GO", "MITOAKI"),
    "tracked_by": ("MITOAKI",),
    "techniques": ("MITOAKI", "OBI"),
    "concern_type": ("MITOAKI",),
    "location": ("UBERON", "CL", "GO"),
}


def _curies(record: Record) -> Iterator[tuple[str, str]]:
    for name, value in record:
        values = value if isinstance(value, tuple) else (value,)
        for item in values:
            if isinstance(item, str) and CURIE_PATTERN.match(item):
                yield name, item


def check_terms(loaded: list[LoadedFile], tbox: Graph) -> None:
    """Raise :class:`TermError` for the first undeclared, deprecated or misplaced term."""
    declared = {s for kind in DECLARATIONS for s in tbox.subjects(RDF.type, kind)}
    deprecated = set(tbox.subjects(OWL.deprecated, Literal(True)))
    for item in loaded:
        for _, record in item.records.all_records():
            for name, curie in _curies(record):
                where = {"path": item.where(record.key), "item": record.key}
                iri = URIRef(expand(curie))
                allowed = FIELD_PREFIXES.get(name)
                if allowed and curie.split(":")[0] not in allowed:
                    raise TermError(
                        f"field '{name}': {curie} is not a {'/'.join(allowed)} term",
                        rule="term-kind",
                        **where,
                    )
                if iri not in declared:
                    raise TermError(
                        f"field '{name}': {curie} is not declared by the ontology or its imports "
                        "(add it to an import term list)",
                        rule="unknown-term",
                        **where,
                    )
                if iri in deprecated:
                    raise TermError(
                        f"field '{name}': {curie} is obsolete", rule="obsolete-term", **where
                    )
