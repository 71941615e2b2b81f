"""Records -> knowledge-base graph: n-ary findings and statements, with PROV-O and Web Annotation.

Individuals take stable IRIs ``kb:<kind>/<key>`` (and ``kb:<kind>/<key>/<part>`` for their parts,
:mod:`mitoaki.kb.iris`). What a record *refers to* as a kind of thing (a measured process, a
species, a condition) is the ontology term itself, used as an OWL 2 pun, as GO-CAM and Biolink
do; what takes part in a study (the model, the administered cells, the route) is an individual
typed by the term.

Each record carries provenance (its document, an ECO-typed evidence, a Web Annotation of its
anchor: :mod:`mitoaki.kb.provenance`). The project's own terms are named in
:mod:`mitoaki.core.vocab`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib import namespace as ns

from mitoaki.core import vocab
from mitoaki.core.namespaces import bind_prefixes
from mitoaki.core.serialize import sort_triples
from mitoaki.kb.iris import (
    DCTERMS,
    DERIVES_FROM,
    HAS_PART,
    IN_TAXON,
    IS_ABOUT,
    OBO,
    RDF,
    RDFS,
    XSD,
    decimal_lexical,
    kb_node,
    term,
)
from mitoaki.kb.provenance import Emitter, Labels
from mitoaki.records.anchors import Resolved
from mitoaki.records.fields import (
    CLINICAL_TRIAL,
    DIRECTION,
    DONOR,
    INTERVENTION_KIND,
    OUTCOME,
    PHASE,
    STRATEGY,
    STUDY_DESIGN,
    SYSTEM,
    TIMING,
    TRIAL_DESIGN,
)
from mitoaki.records.loader import LoadedFile
from mitoaki.records.schema import (
    Concern,
    Document,
    Finding,
    Intervention,
    Model,
    RouteFinding,
    Statement,
    Study,
    Trial,
)


class _Builder(Emitter):
    """One method per record kind, each returning the record's subject."""

    def document(self, record: Document) -> ox.NamedNode:
        node = self.doc
        self.add(node, RDF.type, vocab.REVIEW_ARTICLE)
        self.literal(node, RDFS.label, record.title)
        self.literal(node, DCTERMS.title, record.title)
        self.literal(node, DCTERMS.identifier, record.file)
        for author in record.authors:
            self.literal(node, DCTERMS.creator, author)
        for topic in record.about:
            self.add(node, IS_ABOUT, term(topic))
        for study in self.loaded.records.studies:
            self.add(node, vocab.CITES_STUDY, kb_node("studies", study.key))
        return node

    def study(self, record: Study) -> ox.NamedNode:
        node = kb_node("studies", record.key)
        for design in record.designs:
            self.add(node, RDF.type, STUDY_DESIGN[design])
        author = f"{record.first_author} et al." if record.first_author else "Study"
        year = f" {record.year}" if record.year else ""
        self.literal(node, RDFS.label, f"{author}{year} [{record.ref}]")
        self.literal(node, vocab.REFERENCE_NUMBER, record.ref, XSD.positiveInteger)
        self.literal(node, vocab.FIRST_AUTHOR, record.first_author)
        if record.year:
            self.literal(
                node, vocab.PUBLICATION_YEAR, record.year, XSD.positiveInteger
            )  # not xsd:gYear
        for model in record.models:
            self.add(node, vocab.USES_MODEL, kb_node("models", model))
        for intervention in record.interventions:
            self.add(node, vocab.USES_INTERVENTION, kb_node("interventions", intervention))
        for technique in record.techniques:
            self.add(node, IS_ABOUT, term(technique))
        return node

    def model(self, record: Model) -> ox.NamedNode:
        node = kb_node("models", record.key)
        self.add(node, RDF.type, SYSTEM[record.system])
        self.add(node, IN_TAXON, term(record.species))
        parts = [self.label(record.species)]
        if record.inducer:
            inducer = self.part("models", record, "inducer", record.inducer)
            self.add(node, vocab.HAS_INDUCER, inducer)
            parts.insert(0, self.label(record.inducer))
        if record.cell_type:
            cells = self.part("models", record, "cells", record.cell_type)
            self.add(cells, IN_TAXON, term(record.species))
            self.add(node, HAS_PART, cells)
            parts.append(self.label(record.cell_type))
        if record.disrupted_gene:
            self.add(node, RDF.type, OBO.OBI_0302859)
            self.add(node, vocab.HAS_DISRUPTED_GENE, term(record.disrupted_gene))
            parts.append(f"{self.label(record.disrupted_gene)} knockout")
        self.literal(node, vocab.LATERALITY, record.laterality)
        self.literal(node, RDFS.label, f"{' '.join(parts)} model ({record.key})")
        return node

    def intervention(self, record: Intervention) -> ox.NamedNode:
        node = kb_node("interventions", record.key)
        self.add(node, RDF.type, INTERVENTION_KIND[record.kind])
        if record.timing:
            self.add(node, RDF.type, TIMING[record.timing])
        agent = self.part("interventions", record, "agent", record.agent)
        self.add(node, vocab.HAS_AGENT, agent)
        cells = agent
        if record.source_cell:
            cells = self.part("interventions", record, "source-cell", record.source_cell)
            self.add(agent, DERIVES_FROM, cells)
        if record.source_tissue:
            tissue = self.part("interventions", record, "source-tissue", record.source_tissue)
            self.add(cells, DERIVES_FROM, tissue)
        if record.donor_species:
            self.add(cells, IN_TAXON, term(record.donor_species))
        if record.donor:
            donor = kb_node("interventions", record.key, "donor")
            self.add(donor, RDF.type, DONOR[record.donor])
            self.add(agent, vocab.HAS_DONOR_RELATIONSHIP, donor)
        if record.route:
            self.add(
                node, vocab.HAS_ROUTE, self.part("interventions", record, "route", record.route)
            )
        self.literal(node, vocab.DOSE_DESCRIPTION, record.dose)
        for target in record.targets:
            self.add(node, vocab.HAS_TARGET, term(target))
        self.literal(node, RDFS.label, f"{self.label(record.agent)} ({record.key})")
        return node

    def finding(self, record: Finding) -> ox.NamedNode:
        node = kb_node("findings", record.key)
        self.add(node, RDF.type, vocab.FINDING)
        self.add(node, vocab.REPORTED_BY_STUDY, kb_node("studies", record.study))
        self._change(node, record.entity, record.direction)
        if record.model:
            self.add(node, vocab.IN_MODEL, kb_node("models", record.model))
        if record.intervention:
            self.add(node, vocab.UNDER_INTERVENTION, kb_node("interventions", record.intervention))
        if record.value is not None:
            self.literal(node, vocab.MEASURED_VALUE, decimal_lexical(record.value), XSD.decimal)
        self.literal(node, vocab.UNIT_LABEL, record.unit)
        self.literal(node, vocab.COMPARATOR, record.comparator)
        if record.comparator_value is not None:
            self.literal(
                node, vocab.COMPARATOR_VALUE, decimal_lexical(record.comparator_value), XSD.decimal
            )
        self.literal(node, vocab.TIME_POINT, record.time_point)
        self.literal(node, vocab.SOURCE_TABLE_ROW, record.table_row, XSD.positiveInteger)
        if record.strategy:
            self.add(node, vocab.SERVES_STRATEGY, STRATEGY[record.strategy])
        return node

    def _change(self, node: ox.NamedNode, entity: str | None, direction: str | None) -> None:
        if entity:
            self.add(node, vocab.HAS_MEASURED_ENTITY, term(entity))
        if direction:
            self.add(node, vocab.HAS_DIRECTION, DIRECTION[direction])
        if entity and direction:
            self.literal(node, RDFS.label, f"{self.label(entity)} {direction.replace('_', ' ')}")

    def statement(self, record: Statement) -> ox.NamedNode:
        node = kb_node("statements", record.key)
        self.add(node, RDF.type, vocab.MECHANISM_STATEMENT)
        self.add(node, vocab.STATEMENT_SUBJECT, term(record.subject))
        self.add(node, vocab.STATEMENT_RELATION, term(record.relation))
        self.add(node, vocab.STATEMENT_OBJECT, term(record.object))
        for context in record.context:
            self.add(node, vocab.HAS_CONTEXT, term(context))
        if record.strategy:
            self.add(node, vocab.SERVES_STRATEGY, STRATEGY[record.strategy])
        if record.study:
            self.add(node, vocab.REPORTED_BY_STUDY, kb_node("studies", record.study))
        if record.frequency:
            self.literal(node, vocab.STATED_FREQUENCY, record.frequency.replace("_", " "))
        text = " ".join(self.label(c) for c in (record.subject, record.relation, record.object))
        self.literal(node, RDFS.label, text)
        return node

    def route_finding(self, record: RouteFinding) -> ox.NamedNode:
        node = kb_node("route_findings", record.key)
        self.add(node, RDF.type, vocab.DELIVERY_ROUTE_FINDING)
        self.add(node, vocab.ABOUT_ROUTE, term(record.route))
        self._change(node, record.entity, record.direction)
        if not (record.entity and record.direction):
            self.literal(node, RDFS.label, f"{self.label(record.route)} ({record.key})")
        if record.agent:
            delivery = kb_node("route_findings", record.key, "intervention")
            self.add(delivery, RDF.type, vocab.THERAPEUTIC_INTERVENTION)
            self.add(
                delivery,
                vocab.HAS_AGENT,
                self.part("route_findings", record, "agent", record.agent),
            )
            self.add(
                delivery,
                vocab.HAS_ROUTE,
                self.part("route_findings", record, "route", record.route),
            )
            self.add(node, vocab.UNDER_INTERVENTION, delivery)
        if record.location:
            self.add(node, vocab.OBSERVED_IN_LOCATION, term(record.location))
        for other in record.compared_with:
            self.add(node, vocab.COMPARED_WITH_ROUTE, term(other))
        for technique in record.tracked_by:
            self.add(node, vocab.TRACKED_BY, term(technique))
        if record.study:
            self.add(node, vocab.REPORTED_BY_STUDY, kb_node("studies", record.study))
        return node

    def trial(self, record: Trial) -> ox.NamedNode:
        node = kb_node("trials", record.key)
        self.add(node, RDF.type, PHASE[record.phase] if record.phase else CLINICAL_TRIAL)
        for design in record.design:
            self.add(node, RDF.type, TRIAL_DESIGN[design])
        self.literal(node, vocab.NCT_IDENTIFIER, record.nct)
        if record.nct:
            self.add(
                node, RDFS.seeAlso, ox.NamedNode(f"https://clinicaltrials.gov/study/{record.nct}")
            )
        self.literal(node, vocab.TRIAL_POPULATION, record.population)
        if record.condition:
            self.add(node, IS_ABOUT, term(record.condition))
        if record.agent:
            intervention = kb_node("trials", record.key, "intervention")
            self.add(intervention, RDF.type, vocab.THERAPEUTIC_INTERVENTION)
            self.add(
                intervention, vocab.HAS_AGENT, self.part("trials", record, "agent", record.agent)
            )
            self.add(node, vocab.USES_INTERVENTION, intervention)
        self.add(node, vocab.HAS_TRIAL_OUTCOME, OUTCOME[record.outcome])
        phase = f"phase {record.phase} " if record.phase else ""
        self.literal(node, RDFS.label, f"{record.nct or record.key}: {phase}clinical trial")
        return node

    def concern(self, record: Concern) -> ox.NamedNode:
        node = kb_node("concerns", record.key)
        self.add(node, RDF.type, term(record.concern_type))
        for topic in record.topics:
            self.add(node, vocab.HAS_CONCERN_TOPIC, term(topic))
        self.literal(node, RDFS.label, f"{self.label(record.concern_type)} ({record.key})")
        return node


def to_kb_triples(
    loaded: list[LoadedFile],
    labels: Labels,
    resolved: Mapping[str, Resolved] | None = None,
) -> list[ox.Triple]:
    """The knowledge base as pyoxigraph triples, deduplicated and sorted (pure: no I/O)."""
    return sort_triples(kb_triples(loaded, labels, resolved))


def kb_triples(
    loaded: list[LoadedFile],
    labels: Labels,
    resolved: Mapping[str, Resolved] | None = None,
) -> list[ox.Triple]:
    """:func:`to_kb_triples` in the order the records give them (not sorted, not deduplicated).

    Every triple's subject is an individual minted from the key of a record of ``loaded``
    (``kb:<kind>/<key>[/<part>]``): the knowledge base says nothing about the ontology's terms.
    """
    triples: list[ox.Triple] = []
    for item in loaded:
        builder = _Builder(triples, labels, item, resolved or {})
        methods: dict[str, Callable[..., ox.NamedNode]] = {
            "document": builder.document,
            "studies": builder.study,
            "models": builder.model,
            "interventions": builder.intervention,
            "findings": builder.finding,
            "statements": builder.statement,
            "route_findings": builder.route_finding,
            "trials": builder.trial,
            "concerns": builder.concern,
        }
        for kind, record in item.records.all_records():
            subject = methods[kind](record)
            builder.provenance(kind, record, subject)
    return triples


def to_kb_graph(
    loaded: list[LoadedFile],
    labels: Labels,
    resolved: Mapping[str, Resolved] | None = None,
) -> Graph:
    """The knowledge base as an rdflib graph (convenient for small data and tests)."""
    return to_graph(to_kb_triples(loaded, labels, resolved))


def to_graph(triples: list[ox.Triple]) -> Graph:
    """Pyoxigraph triples as an rdflib graph with the project's prefixes."""
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return bind_prefixes(Graph()).parse(data=data, format="nt")


def labels_of(graph: Graph) -> dict[str, str]:
    """CURIE -> rdfs:label of every labelled term of a TBox graph."""
    from mitoaki.core.namespaces import compress

    out: dict[str, str] = {}
    for subject, label in graph.subject_objects(ns.RDFS.label):
        if isinstance(subject, URIRef):
            out.setdefault(compress(str(subject)), str(label))
    return out
