"""The project's namespaces and the fixed prefix map used by every serialisation and CURIE."""

from __future__ import annotations

from typing import Final

import curies
from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

BASE: Final = "https://w3id.org/mitoaki/"
ONTOLOGY_IRI: Final = f"{BASE}mitoaki.owl"
IMPORTS_BASE: Final = f"{BASE}imports/"
OBO: Final = Namespace("http://purl.obolibrary.org/obo/")
MITOAKI: Final = Namespace(f"{BASE}MITOAKI_")
KB: Final = Namespace(f"{BASE}kb/")
OIO: Final = Namespace("http://www.geneontology.org/formats/oboInOwl#")
HGNC: Final = Namespace("http://identifiers.org/hgnc/")
DC: Final = Namespace("http://purl.org/dc/elements/1.1/")
PROV: Final = Namespace("http://www.w3.org/ns/prov#")
OA: Final = Namespace("http://www.w3.org/ns/oa#")
SH: Final = Namespace("http://www.w3.org/ns/shacl#")

# IAO annotation properties used on every own term.
DEFINITION: Final = OBO.IAO_0000115
IMPORTED_FROM: Final = OBO.IAO_0000412
TERM_EDITOR: Final = OBO.IAO_0000117
DEFINITION_SOURCE: Final = OBO.IAO_0000119

OBO_PREFIXES: Final = (
    "BFO",
    "CHEBI",
    "CL",
    "ECO",
    "GO",
    "IAO",
    "MONDO",
    "NCBITaxon",
    "OBI",
    "RO",
    "UBERON",
)

#: Prefix -> namespace, in the order every serialisation declares them.
PREFIXES: Final[dict[str, str]] = {
    "MITOAKI": str(MITOAKI),
    "mitoaki": BASE,
    "kb": str(KB),
    **{p: f"{OBO}{p}_" for p in OBO_PREFIXES},
    "HGNC": str(HGNC),
    "obo": str(OBO),
    "oboInOwl": str(OIO),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "dc": str(DC),
    "prov": str(PROV),
    "oa": str(OA),
    "sh": str(SH),
}
#: The prefixes an IRI can be compacted with in RDF/XML and JSON-LD (namespaces ending in / or #).
NAME_PREFIXES: Final[dict[str, str]] = {k: v for k, v in PREFIXES.items() if v.endswith(("/", "#"))}

CONVERTER: Final = curies.Converter.from_prefix_map(
    {k: v for k, v in PREFIXES.items() if k not in {"obo", "mitoaki"}}
)


def expand(curie: str) -> str:
    """Expand a CURIE with the project's prefix map.

    >>> expand("GO:0000266")
    'http://purl.obolibrary.org/obo/GO_0000266'
    >>> expand("HGNC:2973")
    'http://identifiers.org/hgnc/2973'
    """
    iri = CONVERTER.expand(curie)
    if iri is None:
        raise ValueError(f"unknown prefix in CURIE '{curie}'")
    return iri


def compress(iri: str) -> str:
    """Compress an IRI to a CURIE, or return it unchanged when no prefix fits.

    >>> compress("https://w3id.org/mitoaki/MITOAKI_0000001")
    'MITOAKI:0000001'
    """
    return CONVERTER.compress(iri) or iri


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the fixed prefix map on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(namespace), override=True, replace=True)
    return graph
