"""Load the TBox: the hand-edited ontology and the import modules its catalog resolves."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from mitoaki.core.errors import OntologyError, ResourceError
from mitoaki.core.namespaces import ONTOLOGY_IRI, bind_prefixes
from mitoaki.core.paths import data_dir

CATALOG = "catalog-v001.xml"
CATALOG_NS = "{urn:oasis:names:tc:entity:xmlns:xml:catalog}"


@dataclass(frozen=True)
class TBox:
    """The ontology's own axioms (base) and each import module, as parsed graphs."""

    base: Graph
    imports: dict[str, Graph]
    folder: Path

    def merged(self) -> Graph:
        """Base plus every import module, without the ``owl:imports`` statements."""
        graph = bind_prefixes(Graph())
        for part in (self.base, *self.imports.values()):
            for triple in part:
                graph.add(triple)
        for module in self.imports:
            for triple in list(graph.triples((URIRef(module), None, None))):
                graph.remove(triple)
        graph.remove((None, OWL.imports, None))
        return graph


def read_catalog(folder: Path) -> dict[str, Path]:
    """Map each import IRI to its local file, as Protégé does with ``catalog-v001.xml``."""
    path = folder / CATALOG
    if not path.is_file():
        raise ResourceError("catalog not found", path=path, rule="catalog")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise OntologyError(f"catalog is not XML: {exc}", path=path, rule="catalog") from exc
    mapping: dict[str, Path] = {}
    for uri in root.iter(f"{CATALOG_NS}uri"):
        name, target = uri.get("name"), uri.get("uri")
        if name and target:
            mapping[name] = (folder / target).resolve()
    return mapping


def parse_turtle(path: Path) -> Graph:
    """Parse a Turtle file, turning a syntax error into an error naming the file."""
    if not path.is_file():
        raise ResourceError("file not found", path=path, rule="ontology-file")
    try:  # Oxigraph's parser reports the line and column of a syntax error; rdflib's does not
        for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            pass
    except SyntaxError as exc:
        raise OntologyError(f"not valid Turtle: {exc}", path=path, rule="turtle-syntax") from exc
    graph = bind_prefixes(Graph())
    graph.parse(path, format="turtle")
    return graph


def load_tbox(folder: Path | None = None) -> TBox:
    """Load ``mitoaki.ttl`` and every module it ``owl:imports``, resolved through the catalog."""
    folder = folder or data_dir("ontology")
    base_path = folder / "mitoaki.ttl"
    base = parse_turtle(base_path)
    if (URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) not in base:
        raise OntologyError(
            f"no owl:Ontology header <{ONTOLOGY_IRI}>", path=base_path, rule="ontology-header"
        )
    catalog = read_catalog(folder)
    imports: dict[str, Graph] = {}
    for target in sorted(str(o) for o in base.objects(URIRef(ONTOLOGY_IRI), OWL.imports)):
        if target not in catalog:
            raise OntologyError(
                f"owl:imports <{target}> has no entry in {CATALOG}", path=base_path, rule="catalog"
            )
        imports[target] = parse_turtle(catalog[target])
    return TBox(base=base, imports=imports, folder=folder)
