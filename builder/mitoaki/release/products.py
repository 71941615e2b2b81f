"""Assemble the release: ontology products and the JSON-LD context, written atomically."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from mitoaki.core.jsonld import jsonld_context
from mitoaki.core.namespaces import BASE, ONTOLOGY_IRI, bind_prefixes
from mitoaki.core.serialize import atomic_write
from mitoaki.ontology.tbox import TBox

ONTOLOGY_FORMATS = ("ttl", "owl", "jsonld", "nt")


def version_of(tbox: TBox) -> str:
    """The ``owl:versionInfo`` of the ontology header."""
    value = tbox.base.value(URIRef(ONTOLOGY_IRI), OWL.versionInfo)
    return str(value) if value is not None else "0.0.0"


def _with_header(tbox: TBox, graph: Graph, product: str, description: str) -> Graph:
    """Copy ``graph``, re-homing the ontology header on ``<BASE><product>.owl``."""
    source = URIRef(ONTOLOGY_IRI)
    iri = URIRef(f"{BASE}{product}.owl")
    version = version_of(tbox)
    out = bind_prefixes(Graph())
    for s, p, o in graph:
        if s == source:
            if p in (OWL.imports, OWL.versionIRI):
                continue
            s = iri
        out.add((s, p, o))
    out.add((iri, OWL.versionIRI, URIRef(f"{BASE}releases/{version}/{product}.owl")))
    out.add((iri, RDF.type, OWL.Ontology))
    out.add((iri, RDFS.comment, Literal(description)))
    return out


#: What an entity can be declared as (OWL 2's declaration axioms in RDF).
DECLARED_AS = frozenset(
    {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDFS.Datatype}
)


def imported_declarations(tbox: TBox) -> Graph:
    """The import modules' declarations of the entities the ontology's own axioms refer to."""
    used = {node for triple in tbox.base for node in triple if isinstance(node, URIRef)}
    declarations = Graph()
    for module in tbox.imports.values():
        for entity, kind in module.subject_objects(RDF.type):
            if entity in used and kind in DECLARED_AS:
                declarations.add((entity, RDF.type, kind))
    return declarations


def to_base(tbox: TBox) -> Graph:
    """The base product: the project's own axioms only, imports declared but not merged.

    The imported entities it refers to are declared (no other imported axiom), as in an ODK base:
    OWL 2 DL wants every class and property declared, so the base is OWL 2 DL on its own.
    """
    return _with_header(
        tbox,
        tbox.base + imported_declarations(tbox),
        "mitoaki-base",
        "Base release: the ontology's own axioms, without its import modules.",
    )


def to_full(tbox: TBox, inferred: Graph) -> Graph:
    """The full product: own axioms, every import module and the reasoner's inferences."""
    merged = tbox.merged()
    for triple in inferred:
        merged.add(triple)
    return _with_header(
        tbox,
        merged,
        "mitoaki-full",
        "Full release: own axioms, import modules merged and the inferred "
        "class hierarchy asserted (HermiT).",
    )


def write_context(path: Path) -> None:
    """Write the JSON-LD context the release's JSON-LD files use (inline as well)."""
    atomic_write(path, (json.dumps(jsonld_context(), indent=2, sort_keys=True) + "\n").encode())


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """Yield a fresh staging folder beside ``out``; on success swap it in, else discard it.

    The previous release stays intact until the new one is complete.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    stage.chmod(0o755)
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        os.replace(out, old)
    os.replace(stage, out)
    shutil.rmtree(old, ignore_errors=True)
