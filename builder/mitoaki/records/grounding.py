"""Check that every term a record names is declared by the ontology (or its imports) and fits."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

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
    """Raise :class:`TermError` for the first undeclared, deprecated or misplaced term.

    A (field, CURIE) pair is checked once: a build of 10k studies names a few hundred terms in
    some 700k fields.
    """
    declared = {s for kind in DECLARATIONS for s in tbox.subjects(RDF.type, kind)}
    deprecated = set(tbox.subjects(OWL.deprecated, Literal(True)))
    good: set[tuple[str, str]] = set()
    for item in loaded:
        for _, record in item.records.all_records():
            for name, curie in _curies(record):
                if (name, curie) in good:
                    continue
                problem = _term_problem(name, curie, declared, deprecated)
                if problem is not None:
                    message, rule = problem
                    raise TermError(
                        message, rule=rule, path=item.where(record.key), item=record.key
                    )
                good.add((name, curie))


def _term_problem(
    name: str, curie: str, declared: set[Node], deprecated: set[Node]
) -> tuple[str, str] | None:
    """What is wrong with ``curie`` in field ``name`` (the message and the rule), if anything."""
    allowed = FIELD_PREFIXES.get(name)
    if allowed and curie.split(":")[0] not in allowed:
        return f"field '{name}': {curie} is not a {'/'.join(allowed)} term", "term-kind"
    iri = URIRef(expand(curie))
    if iri not in declared:
        return (
            f"field '{name}': {curie} is not declared by the ontology or its imports "
            "(add it to an import term list)",
            "unknown-term",
        )
    if iri in deprecated:
        return f"field '{name}': {curie} is obsolete", "obsolete-term"
    return None
