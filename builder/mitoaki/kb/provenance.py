"""The provenance of every record: its document, its evidence, and a Web Annotation of its anchor.

Each record carries provenance: ``prov:wasDerivedFrom`` its document, ``RO:0002558`` (has evidence)
an ECO-typed evidence individual, and an ``oa:Annotation`` whose target selects the anchor in the
document (``oa:TextQuoteSelector``; plus ``oa:TextPositionSelector`` and the evidence sentence when
the corpus was given to the build). Each field the curator inferred rather than read adds a
curator-inference evidence (``ECO:0000305``) naming that field (``HAS_CURATOR_INFERENCE``,
``INFERRED_FIELD``); a machine-proposed record names its agent and its confidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import pyoxigraph as ox

from mitoaki.core import vocab
from mitoaki.kb.iris import (
    DCTERMS,
    HAS_EVIDENCE,
    KB,
    OA,
    PROV,
    RDF,
    RDFS,
    XSD,
    decimal_lexical,
    kb_node,
    lexical,
    term,
)
from mitoaki.records.anchors import Resolved
from mitoaki.records.loader import LoadedFile
from mitoaki.records.schema import ECO_CURATOR_INFERENCE, Record

Labels = Mapping[str, str]


@dataclass
class Emitter:
    """Emits the triples of one record file: terms, literals, parts and provenance."""

    triples: list[ox.Triple]
    labels: Labels
    loaded: LoadedFile
    resolved: Mapping[str, Resolved]

    @property
    def doc(self) -> ox.NamedNode:
        """The IRI of the file's document."""
        return kb_node("document", self.loaded.records.document.key)

    def label(self, curie: str) -> str:
        """The label of a term (its CURIE when it has none)."""
        return self.labels.get(curie, curie)

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        """Emit one triple."""
        self.triples.append(ox.Triple(s, p, o))

    def literal(
        self,
        s: ox.NamedNode,
        p: ox.NamedNode,
        value: object,
        datatype: ox.NamedNode | None = None,
    ) -> None:
        """Emit a literal, unless ``value`` is None or empty (its datatype from the value)."""
        if value is None or value == "":
            return
        text, inferred = lexical(value)
        datatype = datatype or inferred
        self.add(s, p, ox.Literal(text, datatype=datatype) if datatype else ox.Literal(text))

    def part(self, kind: str, record: Record, name: str, curie: str) -> ox.NamedNode:
        """An individual for a part of a record (e.g. the given cells), typed by ``curie``."""
        node = kb_node(kind, record.key, name)
        self.add(node, RDF.type, term(curie))
        self.add(node, RDFS.label, ox.Literal(f"{self.label(curie)} ({record.key})"))
        return node

    # -- provenance -----------------------------------------------------------------------------

    def provenance(self, kind: str, record: Record, subject: ox.NamedNode) -> None:
        """The record's document, evidence, curator inferences, agent and annotated anchor."""
        self.add(subject, PROV.wasDerivedFrom, self.doc)
        evidence = self.part(kind, record, "evidence", record.evidence)
        self.add(subject, HAS_EVIDENCE, evidence)
        for ref in record.refs:
            self.literal(subject, vocab.CITED_REFERENCE_NUMBER, ref, XSD.positiveInteger)
        for name in record.inferred_by_curator:
            inference = kb_node(kind, record.key, f"inferred-{name.replace('_', '-')}")
            self.add(subject, vocab.HAS_CURATOR_INFERENCE, inference)
            self.add(inference, RDF.type, term(ECO_CURATOR_INFERENCE))
            self.literal(inference, vocab.INFERRED_FIELD, name)
            self.literal(inference, RDFS.label, f"curator inference: {name} ({record.key})")
        self.literal(subject, vocab.SUMMARY, record.summary)
        if record.proposed_by:
            self.add(subject, PROV.wasAttributedTo, KB[f"agent/{record.proposed_by}"])
            confidence = decimal_lexical(Decimal(str(record.confidence or 0)))
            self.literal(subject, vocab.CONFIDENCE, confidence, XSD.decimal)
        annotation, target = (
            kb_node(kind, record.key, "annotation"),
            kb_node(kind, record.key, "target"),
        )
        quote = kb_node(kind, record.key, "quote")
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
        position = kb_node(kind, record.key, "position")
        self.add(target, OA.hasSelector, position)
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.literal(position, OA.start, found.start, XSD.nonNegativeInteger)
        self.literal(position, OA.end, found.end, XSD.nonNegativeInteger)
        self.literal(target, vocab.EVIDENCE_SENTENCE, found.sentence)
        self.literal(self.doc, vocab.TEXT_LENGTH, found.document_length, XSD.nonNegativeInteger)
