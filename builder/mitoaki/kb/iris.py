"""The knowledge base's IRIs and literals: stable record IRIs, CURIEs, lexical forms.

Individuals take stable IRIs ``kb:<kind>/<key>`` (and ``kb:<kind>/<key>/<part>`` for their parts),
minted from the keys of the records; ontology terms are expanded from their CURIEs with the
project's prefix map. Terms are pyoxigraph IRIs, each created once.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from rdflib import URIRef
from rdflib import namespace as ns

from mitoaki.core import namespaces
from mitoaki.core.namespaces import expand


class Vocabulary:
    """A namespace whose terms are pyoxigraph IRIs, each created once (``RDF.type``)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self._nodes: dict[str, ox.NamedNode] = {}

    def __getitem__(self, name: str) -> ox.NamedNode:
        node = self._nodes.get(name)
        if node is None:
            node = self._nodes[name] = ox.NamedNode(self.base + name)
        return node

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]


RDF = Vocabulary(str(ns.RDF))
RDFS = Vocabulary(str(ns.RDFS))
XSD = Vocabulary(str(ns.XSD))
DCTERMS = Vocabulary(str(ns.DCTERMS))
KB = Vocabulary(str(namespaces.KB))
OA = Vocabulary(str(namespaces.OA))
OBO = Vocabulary(str(namespaces.OBO))
PROV = Vocabulary(str(namespaces.PROV))
IN_TAXON = OBO.RO_0002162
HAS_PART = OBO.BFO_0000051
DERIVES_FROM = OBO.RO_0001000
HAS_EVIDENCE = OBO.RO_0002558
IS_ABOUT = OBO.IAO_0000136

KIND_SLUG = {
    "document": "document",
    "studies": "study",
    "models": "model",
    "interventions": "intervention",
    "findings": "finding",
    "statements": "statement",
    "route_findings": "route-finding",
    "trials": "trial",
    "concerns": "concern",
}


def decimal_lexical(value: Decimal) -> str:
    """The canonical lexical form of an xsd:decimal (always with a fraction digit).

    >>> [decimal_lexical(Decimal(x)) for x in ("4", "4.10", "1E+1")]
    ['4.0', '4.1', '10.0']
    """
    text = format(value.normalize(), "f")
    return text if "." in text else f"{text}.0"


@lru_cache(maxsize=65536)
def term(curie: str) -> ox.NamedNode:
    """The IRI of a CURIE."""
    return ox.NamedNode(expand(curie))


def iri(kind: str, key: str, part: str = "") -> URIRef:
    """The stable IRI of a record (or of one of its parts).

    >>> str(iri("findings", "geng-2017-atp", "annotation"))
    'https://w3id.org/mitoaki/kb/finding/geng-2017-atp/annotation'
    """
    return URIRef(kb_node(kind, key, part).value)


def record_of(node: URIRef) -> URIRef | None:
    """The record a KB node belongs to (``kb:<kind>/<key>``), or None outside the KB.

    >>> str(record_of(URIRef("https://w3id.org/mitoaki/kb/finding/x/annotation")))
    'https://w3id.org/mitoaki/kb/finding/x'
    """
    text = str(node)
    if not text.startswith(KB.base):
        return None
    parts = text[len(KB.base) :].split("/")
    return URIRef(f"{KB.base}{parts[0]}/{parts[1]}") if len(parts) > 1 else None


def kb_node(kind: str, key: str, part: str = "") -> ox.NamedNode:
    """:func:`iri` as a pyoxigraph IRI (what the builder emits)."""
    suffix = f"/{part}" if part else ""
    return ox.NamedNode(f"{KB.base}{KIND_SLUG[kind]}/{key}{suffix}")


def lexical(value: object) -> tuple[str, ox.NamedNode | None]:
    """Lexical form and datatype of a Python value (``None`` datatype: a plain string)."""
    if isinstance(value, bool):
        return ("true" if value else "false"), XSD.boolean
    if isinstance(value, int):
        return str(value), XSD.integer
    return str(value), None
