"""Records -> knowledge-base graph: n-ary findings and statements, with PROV-O and Web Annotation.

Individuals take stable IRIs ``kb:<kind>/<key>`` (and ``kb:<kind>/<key>/<part>`` for their parts).
What a record *refers to* as a kind of thing (a measured process, a species, a condition) is the
ontology term itself, used as an OWL 2 pun, as GO-CAM and Biolink do; what takes part in a study
(the model, the administered cells, the route) is an individual typed by the term.

Each record carries provenance: ``prov:wasDerivedFrom`` its document, ``RO:0002558`` (has evidence)
an ECO-typed evidence individual, and an ``oa:Annotation`` whose target selects the anchor in the
document (``oa:TextQuoteSelector``; plus ``oa:TextPositionSelector`` and the evidence sentence when
the corpus was given to the build). Each field the curator inferred rather than read adds a
curator-inference evidence (``ECO:0000305``) naming that field (``MITOAKI:0000059``, ``0000060``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib import namespace as ns

from mitoaki.core import namespaces
from mitoaki.core.namespaces import bind_prefixes, expand
from mitoaki.core.serialize import sort_triples
from mitoaki.records.anchors import Resolved
from mitoaki.records.loader import LoadedFile
from mitoaki.records.schema import (
    ECO_CURATOR_INFERENCE,
    Concern,
    Document,
    Finding,
    Intervention,
    Model,
    Record,
    RouteFinding,
    Statement,
    Study,
    Trial,
)


class Vocabulary:
    """A namespace whose terms are pyoxigraph IRIs, each created once (``RDF.type``, ``M["1"]``)."""

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


M = Vocabulary("https://w3id.org/mitoaki/MITOAKI_")
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
STUDY_DESIGN = {
    "in_vivo": M["0000602"],
    "in_vitro": M["0000603"],
    "systematic_review": M["0000604"],
    "meta_analysis": M["0000605"],
    "clinical_trial": OBO.OBI_0003699,
    "not_stated": OBO.OBI_0000066,  # an investigation, of no stated design
}
SYSTEM = {"in_vivo": M["0000201"], "in_vitro": M["0000202"]}
INTERVENTION_KIND = {
    "msc_cells": M["0000401"],
    "conditioned_medium": M["0000403"],
    "extracellular_vesicles": M["0000404"],
    "microvesicles": M["0000404"],
    "exosomes": M["0000404"],
    "drug": M["0000400"],
    "genetic": M["0000410"],
    "not_stated": M["0000400"],  # a therapeutic intervention, of no stated kind
}
TIMING = {"prophylactic": M["0000411"], "post_injury": M["0000412"]}
DONOR = {"autologous": M["0000311"], "allogeneic": M["0000312"], "xenogeneic": M["0000313"]}
DIRECTION = {
    "increased": M["0000709"],
    "decreased": M["0000710"],
    "normalised": M["0000711"],
    "no_change": M["0000712"],
}
STRATEGY = {"minimising": M["0000341"], "accelerating": M["0000342"], "transferring": M["0000343"]}
PHASE = {"1": OBO.OBI_0003700, "2": OBO.OBI_0003701, "3": OBO.OBI_0003702}
TRIAL_DESIGN = {
    "randomized": OBO.OBI_0004001,
    "double_blind": M["0000607"],
    "multicenter": M["0000606"],
}
OUTCOME = {"positive": M["0000716"], "negative": M["0000717"], "not_reported": M["0000718"]}

Labels = Mapping[str, str]


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
    return URIRef(_node(kind, key, part).value)


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


def _node(kind: str, key: str, part: str = "") -> ox.NamedNode:
    """:func:`iri` as a pyoxigraph IRI (what the builder emits)."""
    suffix = f"/{part}" if part else ""
    return ox.NamedNode(f"{KB.base}{KIND_SLUG[kind]}/{key}{suffix}")


def _lexical(value: object) -> tuple[str, ox.NamedNode | None]:
    """Lexical form and datatype of a Python value (``None`` datatype: a plain string)."""
    if isinstance(value, bool):
        return ("true" if value else "false"), XSD.boolean
    if isinstance(value, int):
        return str(value), XSD.integer
    return str(value), None


@dataclass
class _Builder:
    triples: list[ox.Triple]
    labels: Labels
    loaded: LoadedFile
    resolved: Mapping[str, Resolved]

    @property
    def doc(self) -> ox.NamedNode:
        return _node("document", self.loaded.records.document.key)

    def label(self, curie: str) -> str:
        return self.labels.get(curie, curie)

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.triples.append(ox.Triple(s, p, o))

    def literal(
        self,
        s: ox.NamedNode,
        p: ox.NamedNode,
        value: object,
        datatype: ox.NamedNode | None = None,
    ) -> None:
        if value is None or value == "":
            return
        text, inferred = _lexical(value)
        datatype = datatype or inferred
        self.add(s, p, ox.Literal(text, datatype=datatype) if datatype else ox.Literal(text))

    def part(self, kind: str, record: Record, name: str, curie: str) -> ox.NamedNode:
        """An individual for a part of a record (e.g. the given cells), typed by ``curie``."""
        node = _node(kind, record.key, name)
        self.add(node, RDF.type, term(curie))
        self.add(node, RDFS.label, ox.Literal(f"{self.label(curie)} ({record.key})"))
        return node

    # -- provenance -----------------------------------------------------------------------------

    def provenance(self, kind: str, record: Record, subject: ox.NamedNode) -> None:
        self.add(subject, PROV.wasDerivedFrom, self.doc)
        evidence = self.part(kind, record, "evidence", record.evidence)
        self.add(subject, HAS_EVIDENCE, evidence)
        for ref in record.refs:
            self.literal(subject, M["0000054"], ref, XSD.positiveInteger)
        for name in record.inferred_by_curator:
            inference = _node(kind, record.key, f"inferred-{name.replace('_', '-')}")
            self.add(subject, M["0000059"], inference)
            self.add(inference, RDF.type, term(ECO_CURATOR_INFERENCE))
            self.literal(inference, M["0000060"], name)
            self.literal(inference, RDFS.label, f"curator inference: {name} ({record.key})")
        self.literal(subject, M["0000051"], record.summary)
        if record.proposed_by:
            self.add(subject, PROV.wasAttributedTo, KB[f"agent/{record.proposed_by}"])
            confidence = decimal_lexical(Decimal(str(record.confidence or 0)))
            self.literal(subject, M["0000056"], confidence, XSD.decimal)
        annotation, target = (
            _node(kind, record.key, "annotation"),
            _node(kind, record.key, "target"),
        )
        quote = _node(kind, record.key, "quote")
        self.add(annotation, RDF.type, OA.Annotation)
        self.add(annotation, OA.hasBody, subject)
        self.add(annotation, OA.hasTarget, target)
        self.add(annotation, OA.motivatedBy, OA.describing)
        self.add(target, RDF.type, OA.SpecificResource)
        self.add(target, OA.hasSource, self.doc)
        self.add(target, OA.hasSelector, quote)
        self.literal(
            annotation,
            DCTERMS.source,
            f"{self.loaded.path.name}:{self.loaded.lines.get(record.key, 1)}",
        )
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        found = self.resolved.get(record.key)
        if found is None:
            self.literal(quote, OA.exact, record.anchor)
            return
        self.literal(quote, OA.exact, found.exact)
        self.literal(quote, OA.prefix, found.prefix)
        self.literal(quote, OA.suffix, found.suffix)
        position = _node(kind, record.key, "position")
        self.add(target, OA.hasSelector, position)
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.literal(position, OA.start, found.start, XSD.nonNegativeInteger)
        self.literal(position, OA.end, found.end, XSD.nonNegativeInteger)
        self.literal(target, M["0000055"], found.sentence)
        self.literal(self.doc, M["0000057"], found.document_length, XSD.nonNegativeInteger)

    # -- one method per record kind -------------------------------------------------------------

    def document(self, record: Document) -> ox.NamedNode:
        node = self.doc
        self.add(node, RDF.type, M["0000600"])
        self.literal(node, RDFS.label, record.title)
        self.literal(node, DCTERMS.title, record.title)
        self.literal(node, DCTERMS.identifier, record.file)
        for author in record.authors:
            self.literal(node, DCTERMS.creator, author)
        for topic in record.about:
            self.add(node, IS_ABOUT, term(topic))
        for study in self.loaded.records.studies:
            self.add(node, M["0000020"], _node("studies", study.key))
        return node

    def study(self, record: Study) -> ox.NamedNode:
        node = _node("studies", record.key)
        for design in record.designs:
            self.add(node, RDF.type, STUDY_DESIGN[design])
        author = f"{record.first_author} et al." if record.first_author else "Study"
        year = f" {record.year}" if record.year else ""
        self.literal(node, RDFS.label, f"{author}{year} [{record.ref}]")
        self.literal(node, M["0000040"], record.ref, XSD.positiveInteger)
        self.literal(node, M["0000041"], record.first_author)
        if record.year:
            self.literal(node, M["0000042"], record.year, XSD.positiveInteger)  # not xsd:gYear
        for model in record.models:
            self.add(node, M["0000005"], _node("models", model))
        for intervention in record.interventions:
            self.add(node, M["0000006"], _node("interventions", intervention))
        for technique in record.techniques:
            self.add(node, IS_ABOUT, term(technique))
        return node

    def model(self, record: Model) -> ox.NamedNode:
        node = _node("models", record.key)
        self.add(node, RDF.type, SYSTEM[record.system])
        self.add(node, IN_TAXON, term(record.species))
        parts = [self.label(record.species)]
        if record.inducer:
            inducer = self.part("models", record, "inducer", record.inducer)
            self.add(node, M["0000001"], inducer)
            parts.insert(0, self.label(record.inducer))
        if record.cell_type:
            cells = self.part("models", record, "cells", record.cell_type)
            self.add(cells, IN_TAXON, term(record.species))
            self.add(node, HAS_PART, cells)
            parts.append(self.label(record.cell_type))
        if record.disrupted_gene:
            self.add(node, RDF.type, OBO.OBI_0302859)
            self.add(node, M["0000017"], term(record.disrupted_gene))
            parts.append(f"{self.label(record.disrupted_gene)} knockout")
        self.literal(node, M["0000048"], record.laterality)
        self.literal(node, RDFS.label, f"{' '.join(parts)} model ({record.key})")
        return node

    def intervention(self, record: Intervention) -> ox.NamedNode:
        node = _node("interventions", record.key)
        self.add(node, RDF.type, INTERVENTION_KIND[record.kind])
        if record.timing:
            self.add(node, RDF.type, TIMING[record.timing])
        agent = self.part("interventions", record, "agent", record.agent)
        self.add(node, M["0000002"], agent)
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
            donor = _node("interventions", record.key, "donor")
            self.add(donor, RDF.type, DONOR[record.donor])
            self.add(agent, M["0000004"], donor)
        if record.route:
            self.add(node, M["0000003"], self.part("interventions", record, "route", record.route))
        self.literal(node, M["0000050"], record.dose)
        for target in record.targets:
            self.add(node, M["0000022"], term(target))
        self.literal(node, RDFS.label, f"{self.label(record.agent)} ({record.key})")
        return node

    def finding(self, record: Finding) -> ox.NamedNode:
        node = _node("findings", record.key)
        self.add(node, RDF.type, M["0000700"])
        self.add(node, M["0000007"], _node("studies", record.study))
        self._change(node, record.entity, record.direction)
        if record.model:
            self.add(node, M["0000010"], _node("models", record.model))
        if record.intervention:
            self.add(node, M["0000011"], _node("interventions", record.intervention))
        if record.value is not None:
            self.literal(node, M["0000043"], decimal_lexical(record.value), XSD.decimal)
        self.literal(node, M["0000044"], record.unit)
        self.literal(node, M["0000045"], record.comparator)
        if record.comparator_value is not None:
            self.literal(node, M["0000058"], decimal_lexical(record.comparator_value), XSD.decimal)
        self.literal(node, M["0000049"], record.time_point)
        self.literal(node, M["0000053"], record.table_row, XSD.positiveInteger)
        if record.strategy:
            self.add(node, M["0000015"], STRATEGY[record.strategy])
        return node

    def _change(self, node: ox.NamedNode, entity: str | None, direction: str | None) -> None:
        if entity:
            self.add(node, M["0000008"], term(entity))
        if direction:
            self.add(node, M["0000009"], DIRECTION[direction])
        if entity and direction:
            self.literal(node, RDFS.label, f"{self.label(entity)} {direction.replace('_', ' ')}")

    def statement(self, record: Statement) -> ox.NamedNode:
        node = _node("statements", record.key)
        self.add(node, RDF.type, M["0000701"])
        self.add(node, M["0000012"], term(record.subject))
        self.add(node, M["0000052"], term(record.relation))
        self.add(node, M["0000013"], term(record.object))
        for context in record.context:
            self.add(node, M["0000014"], term(context))
        if record.strategy:
            self.add(node, M["0000015"], STRATEGY[record.strategy])
        if record.study:
            self.add(node, M["0000007"], _node("studies", record.study))
        if record.frequency:
            self.literal(node, M["0000061"], record.frequency.replace("_", " "))
        text = " ".join(self.label(c) for c in (record.subject, record.relation, record.object))
        self.literal(node, RDFS.label, text)
        return node

    def route_finding(self, record: RouteFinding) -> ox.NamedNode:
        node = _node("route_findings", record.key)
        self.add(node, RDF.type, M["0000702"])
        self.add(node, M["0000019"], term(record.route))
        self._change(node, record.entity, record.direction)
        if not (record.entity and record.direction):
            self.literal(node, RDFS.label, f"{self.label(record.route)} ({record.key})")
        if record.agent:
            delivery = _node("route_findings", record.key, "intervention")
            self.add(delivery, RDF.type, M["0000400"])
            self.add(
                delivery, M["0000002"], self.part("route_findings", record, "agent", record.agent)
            )
            self.add(
                delivery, M["0000003"], self.part("route_findings", record, "route", record.route)
            )
            self.add(node, M["0000011"], delivery)
        if record.location:
            self.add(node, M["0000023"], term(record.location))
        for other in record.compared_with:
            self.add(node, M["0000024"], term(other))
        for technique in record.tracked_by:
            self.add(node, M["0000018"], term(technique))
        if record.study:
            self.add(node, M["0000007"], _node("studies", record.study))
        return node

    def trial(self, record: Trial) -> ox.NamedNode:
        node = _node("trials", record.key)
        self.add(node, RDF.type, PHASE[record.phase] if record.phase else OBO.OBI_0003699)
        for design in record.design:
            self.add(node, RDF.type, TRIAL_DESIGN[design])
        self.literal(node, M["0000046"], record.nct)
        if record.nct:
            self.add(
                node, RDFS.seeAlso, ox.NamedNode(f"https://clinicaltrials.gov/study/{record.nct}")
            )
        self.literal(node, M["0000047"], record.population)
        if record.condition:
            self.add(node, IS_ABOUT, term(record.condition))
        if record.agent:
            intervention = _node("trials", record.key, "intervention")
            self.add(intervention, RDF.type, M["0000400"])
            self.add(intervention, M["0000002"], self.part("trials", record, "agent", record.agent))
            self.add(node, M["0000006"], intervention)
        self.add(node, M["0000016"], OUTCOME[record.outcome])
        phase = f"phase {record.phase} " if record.phase else ""
        self.literal(node, RDFS.label, f"{record.nct or record.key}: {phase}clinical trial")
        return node

    def concern(self, record: Concern) -> ox.NamedNode:
        node = _node("concerns", record.key)
        self.add(node, RDF.type, term(record.concern_type))
        for topic in record.topics:
            self.add(node, M["0000021"], term(topic))
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
