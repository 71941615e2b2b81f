"""Instance-level reasoning that scales: the ontology's axioms compiled to SPARQL rules on Oxigraph.

HermiT realises the knowledge base correctly but takes minutes at a million triples. This package
gets the same answer for what the knowledge base needs (the inferred ``rdf:type`` of its
individuals) with SPARQL ``INSERT`` rules run to a fixpoint on a :class:`pyoxigraph.Store`, and
checks the data's consistency with SPARQL queries.

Use: ``compiled = compile_ontology(merged)`` once, then ``materialise(store, compiled)`` (or
``infer_types`` for plain pairs). A store is used in place, so it must be writable: the rules'
working triples go to its default graph and to named graphs ``urn:mitoaki:materialise:*``, and
are removed again before the call returns, also when it raises; nobody else should read the
store meanwhile. An rdflib graph or an iterable of triples is copied into a fresh store.

How it works
    1. *Compile* (:func:`compile_ontology`, once per ontology): every class expression of the
       ontology gets an identifier (named classes their IRI, anonymous expressions a
       ``urn:mitoaki:materialise:`` IRI) and the axioms become rule tables: told subclass edges,
       ``owl:intersectionOf`` conjuncts, ``owl:someValuesFrom`` / ``owl:hasValue`` /
       ``owl:allValuesFrom`` restrictions, domains and ranges, the property hierarchy and
       property characteristics. The rules are generated from the ontology graph, never written
       per class, so a new defined class is picked up by the next build.
    2. *Classify* the class expressions with the same rules: a prototype individual per class
       (and per expression), for each existential restriction one shared witness individual
       typed by its filler (the canonical model of EL), and for each ``owl:hasValue`` a copy of
       its value (what the ontology says about the value, and what edges to it imply, stays
       with the copy). The types a prototype ends up with are the superclasses of its class
       (told and inferred, named and anonymous), which also gives the class hierarchy HermiT
       uses to report only the most specific types; the copies a prototype reaches give the
       types a value gets as soon as the class has an instance, named or anonymous.
    3. *Refuse* what the rules would get wrong (:mod:`~mitoaki.kb.rules.refusals`).
    4. *Materialise* (:func:`materialise`): on the data, the rules run to a fixpoint. Superclasses
       are never written: a premise "x is a C" matches x's stored types through a small table
       of (class, superclass) pairs from step 2, and a conclusion is only inserted when none of
       x's types already implies it. The complete types of an individual are its stored types
       closed under the precomputed superclasses.
    5. *Check consistency* with SPARQL (:func:`check_consistency`) and *report* what owlready2
       reports after HermiT: for each knowledge-base individual, its most specific entailed
       named classes (all classes of an equivalence, as HermiT prints them), minus the types the
       data asserts and the trivial ``owl:Thing`` / ``owl:NamedIndividual``.

Held to HermiT: ``tests/test_materialise_hermit.py`` generates small ontologies and ABoxes with
every construct the compiler takes and compares the rules' classification, consistency verdict
and entailed types with stock HermiT's; what the rules do not refuse, they must answer as HermiT
does.

Where it lives (each module imports only those above it)
    :mod:`~mitoaki.kb.rules.expressions` (class expressions, the axiom tables, the rules' working
    IRIs), :mod:`~mitoaki.kb.rules.compiler` (the ontology graph read into tables: what is
    compiled and what is not), :mod:`~mitoaki.kb.rules.sparql` and :mod:`~mitoaki.kb.rules.text`
    (the SPARQL updates generated from the tables), :mod:`~mitoaki.kb.rules.fixpoint` (running
    them on a store),
    :mod:`~mitoaki.kb.rules.classification` (prototypes, witnesses and value copies),
    :mod:`~mitoaki.kb.rules.refusals` (what the rules would get wrong),
    :mod:`~mitoaki.kb.rules.compiled` (:func:`compile_ontology`),
    :mod:`~mitoaki.kb.rules.consistency` (the checks) and :mod:`~mitoaki.kb.rules.run`
    (:func:`materialise`, :func:`infer_types`).
"""

from mitoaki.kb.rules.compiled import Compiled, compile_ontology
from mitoaki.kb.rules.consistency import Violation, check_consistency, violations
from mitoaki.kb.rules.expressions import Data
from mitoaki.kb.rules.fixpoint import to_store
from mitoaki.kb.rules.run import infer_types, materialise

__all__ = [
    "Compiled",
    "Data",
    "Violation",
    "check_consistency",
    "compile_ontology",
    "infer_types",
    "materialise",
    "to_store",
    "violations",
]
