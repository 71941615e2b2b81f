"""The framer of the study documents: what pyld's framing makes of a study, made directly.

:class:`Framer` reads a study's neighbourhood from a store and builds the document pyld's framing
(:func:`mitoaki.release.frames.frame_study`, the reference) makes of it with the frame
``{"@id": study, "@embed": "@once", "findings": {}}``, keys and arrays sorted:

- a node in the neighbourhood (see :meth:`Framer.neighbourhood`) is embedded where it is
  referenced, unless it is already embedded in the same top-level object (``@once``) or is one of
  the nodes being embedded around it (a cycle), in which case it is a reference ``{"@id": ...}``;
- the study is one top-level object and each of its findings another (pyld frames the
  ``@reverse`` findings as top-level matches, so ``@once`` starts afresh in each finding);
- IRIs are compacted to the shortest CURIE (then the least), as JSON-LD's IRI compaction does
  (:class:`Compactor`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeAlias

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF, XSD

from mitoaki.core import vocab
from mitoaki.core.namespaces import KB, PREFIXES
from mitoaki.core.stores import DATATYPE_GRAPH_PREFIX

#: The classes a study record is typed by: its designs, or an investigation of no stated design.
STUDY_TYPES = (
    *(
        t.value
        for t in (
            vocab.PRIMARY_STUDY,
            vocab.IN_VIVO_STUDY,
            vocab.IN_VITRO_STUDY,
            vocab.SYSTEMATIC_REVIEW,
            vocab.META_ANALYSIS,
        )
    ),
    "http://purl.obolibrary.org/obo/OBI_0000066",
)
REPORTED_BY = URIRef(vocab.REPORTED_BY_STUDY.value)
_RDF_TYPE, _XSD_STRING, _XSD_DECIMAL = str(RDF.type), str(XSD.string), str(XSD.decimal)
_LANG_STRING = str(RDF.langString)
_REPORTED_BY = str(REPORTED_BY)
#: A value of a framed document: a literal's JSON form or an embedded or referenced node.
Json: TypeAlias = Any
#: (IRI or ``None``) for a node, a literal's JSON form otherwise, per predicate.
Description: TypeAlias = list[tuple[str, str | None, Json]]


def _sort_key(value: Json) -> str:
    """The order of :func:`mitoaki.core.jsonld.sort_jsonld` for the members of an array."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


class Compactor:
    """JSON-LD 1.1 IRI compaction with the frame context's prefixes (results remembered).

    >>> Compactor().iri("http://purl.obolibrary.org/obo/GO_0000266")
    'GO:0000266'
    >>> Compactor().iri("http://purl.obolibrary.org/obo/", vocab=True)
    'obo'
    """

    def __init__(self) -> None:
        # a CURIE is len(iri) + len(prefix) - len(namespace) + 1 long: best gain first
        self._by_gain = sorted((len(p) - len(ns), p, ns) for p, ns in PREFIXES.items())
        self._terms: dict[str, str] = {}
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda i: (-len(i[0]), i[0])):
            self._terms[namespace] = prefix  # the shortest, then least, term naming it
        self._ids: dict[str, str] = {}
        self._vocab: dict[str, str] = {}

    def iri(self, iri: str, *, vocab: bool = False) -> str:
        """The compact form of ``iri``: its shortest, then least, CURIE.

        For a property or a type (``vocab``), a prefix naming ``iri`` exactly comes first; with no
        CURIE, ``iri`` itself.
        """
        cache = self._vocab if vocab else self._ids
        found = cache.get(iri)
        if found is None:
            found = (self._terms.get(iri) if vocab else None) or self._curie(iri)
            cache[iri] = found
        return found

    def _curie(self, iri: str) -> str:
        """The shortest, then least, CURIE of ``iri`` (a prefix's namespace alone has none)."""
        best, best_gain = iri, None
        for gain, prefix, namespace in self._by_gain:
            if best_gain is not None and gain > best_gain:
                break
            if len(iri) > len(namespace) and iri.startswith(namespace):
                curie = f"{prefix}:{iri[len(namespace) :]}"
                if best_gain is None or curie < best:
                    best, best_gain = curie, gain
        return best


class Framer:
    """Framed study documents from a store whose default graph holds the knowledge base.

    Literals come back as the knowledge base wrote them: a store re-types the types derived from
    ``xsd:integer`` as ``xsd:integer`` (the original type is restored from the records
    :func:`mitoaki.core.stores.to_store` keeps, when the store has them) and writes decimals
    without a trailing ``.0`` (restored in the knowledge base's form, see
    :func:`mitoaki.kb.iris.decimal_lexical`).

    A node embedded twice with nothing blocked in it (a model embedded in the study and in each
    finding) is built once, and the documents share the object (see
    :func:`mitoaki.release.frames.render`).
    """

    def __init__(self, kb: ox.Store) -> None:
        self.kb = kb
        self.compact = Compactor()
        self._default = ox.DefaultGraph()
        self._retyped = self._read_retyped()
        self._retyped_types = {key[3] for key in self._retyped}
        self._typed: dict[tuple[str, str], dict[str, str]] = {}
        self._references: dict[str, dict[str, str]] = {}
        self._findings: dict[str, list[str]] | None = None

    def _read_retyped(self) -> dict[tuple[str, str, str, str], str]:
        """(subject, predicate, lexical form, stored type) -> the literal's original type."""
        retyped: dict[tuple[str, str, str, str], str] = {}
        for graph in self.kb.named_graphs():
            if isinstance(graph, ox.NamedNode) and graph.value.startswith(DATATYPE_GRAPH_PREFIX):
                original = graph.value[len(DATATYPE_GRAPH_PREFIX) :]
                for quad in self.kb.quads_for_pattern(None, None, None, graph):
                    value = quad.object
                    if isinstance(value, ox.Literal) and isinstance(quad.subject, ox.NamedNode):
                        key = (
                            quad.subject.value,
                            quad.predicate.value,
                            value.value,
                            value.datatype.value,
                        )
                        retyped[key] = original
        return retyped

    def studies(self) -> list[str]:
        """Every study of the knowledge base (IRIs), sorted."""
        found = {
            q.subject.value
            for t in STUDY_TYPES
            for q in self.kb.quads_for_pattern(
                None, ox.NamedNode(RDF.type), ox.NamedNode(t), self._default
            )
            if isinstance(q.subject, ox.NamedNode)
        }
        return sorted(found)

    def _literal(self, subject: str, predicate: str, value: ox.Literal) -> Json:
        """A literal's JSON-LD form (as pyld compacts rdflib's expanded output)."""
        lexical, datatype = value.value, value.datatype.value
        if datatype == _XSD_STRING:
            return lexical
        if datatype == _LANG_STRING:
            return {"@language": value.language, "@value": lexical}
        if datatype in self._retyped_types:
            datatype = self._retyped.get((subject, predicate, lexical, datatype), datatype)
        key = (datatype, lexical)
        found = self._typed.get(key)
        if found is None:
            if datatype == _XSD_DECIMAL:
                lexical = _decimal_lexical(lexical)
            found = {"@type": self.compact.iri(datatype, vocab=True), "@value": lexical}
            if len(self._typed) < 1 << 16:
                self._typed[key] = found
        return found

    def describe(self, node: str) -> Description:
        """The node's (predicate, object IRI or None, object's JSON form), predicates sorted.

        ``rdf:type`` values that are IRIs come under the predicate ``@type``.
        """
        out: Description = []
        append, compact = out.append, self.compact.iri
        for _, p, value, _ in self.kb.quads_for_pattern(
            ox.NamedNode(node), None, None, self._default
        ):
            predicate, kind = p.value, type(value)
            if kind is ox.NamedNode:
                if predicate == _RDF_TYPE:
                    append(("@type", None, compact(value.value, vocab=True)))
                else:
                    append((predicate, value.value, None))
            elif kind is ox.Literal:
                append((predicate, None, self._literal(node, predicate, value)))
            elif kind is ox.BlankNode:  # the knowledge base has none
                append((predicate, f"_:{value.value}", None))
        out.sort(key=_by_predicate_and_node)
        return out

    def findings_of(self, study: str) -> list[str]:
        """The records that report on the study (``MITOAKI:0000007``), sorted."""
        if self._findings is None:  # all at once: one look-up a study is ten times slower
            found: dict[str, set[str]] = defaultdict(set)
            pattern = (None, ox.NamedNode(_REPORTED_BY), None, self._default)
            for record, _, reported, _ in self.kb.quads_for_pattern(*pattern):
                if isinstance(record, ox.NamedNode) and isinstance(reported, ox.NamedNode):
                    found[reported.value].add(record.value)
            self._findings = {k: sorted(v) for k, v in found.items()}
        return self._findings.get(study, [])

    def neighbourhood(self, study: str) -> dict[str, Description]:
        """The descriptions of the nodes of the study's neighbourhood, node by node.

        As :func:`mitoaki.release.frames.neighbourhood`: the study, the records that report on
        it, and the knowledge-base nodes (not documents) up to two links from those; nodes
        without triples are left out.
        """
        described: dict[str, Description] = {}
        kb_prefix = str(KB)
        nodes = {study, *self.findings_of(study)}
        for _ in range(2):
            for node in list(nodes):
                if node not in described:
                    described[node] = self.describe(node)
                for _, iri, _ in described[node]:
                    if iri is not None and iri.startswith(kb_prefix) and "/document/" not in iri:
                        nodes.add(iri)
        for node in nodes:
            if node not in described:
                described[node] = self.describe(node)
        return {node: found for node, found in described.items() if found}

    def frame(self, study: str) -> dict[str, Any]:
        """The framed document of one study, without its ``@context``, keys and arrays sorted."""
        graph = self.neighbourhood(study)
        memo: dict[str, _Built] = {}
        document = self._embed(study, graph, [], set(), memo).value
        findings = [
            self._embed(node, graph, [study], set(), memo).value
            for node, description in graph.items()
            if any(p == _REPORTED_BY and o == study for p, o, _ in description)
        ]
        if findings:
            document = dict(
                sorted({**document, "findings": sorted(findings, key=_sort_key)}.items())
            )
        return document

    def _reference(self, iri: str) -> dict[str, str]:
        """``{"@id": <compact IRI>}`` (one object per IRI)."""
        found = self._references.get(iri)
        if found is None:
            found = self._references[iri] = {"@id": self.compact.iri(iri)}
        return found

    def _embed(
        self,
        node: str,
        graph: dict[str, Description],
        stack: list[str],
        embedded: set[str],
        memo: dict[str, _Built],
    ) -> _Built:
        """The node object of ``node`` with its values, keys and arrays sorted.

        Nodes it references are embedded unless they are in ``stack`` (being embedded around it)
        or ``embedded`` (already embedded in this top-level object), or have no triples. A node
        object built with nothing blocked is kept in ``memo`` and used again where none of the
        nodes it references is blocked.
        """
        built = memo.get(node)
        if (
            built is not None
            and built.referenced.isdisjoint(embedded)
            and built.referenced.isdisjoint(stack)
        ):
            embedded.update(built.inside)
            return built
        embedded.add(node)
        stack.append(node)
        free, inside, referenced = True, {node}, set()
        values: dict[str, list[Json]] = defaultdict(list)
        for predicate, iri, value in graph.get(node, ()):
            if iri is None:
                values[predicate].append(value)
            elif iri not in graph:
                values[predicate].append(self._reference(iri))
            elif iri in embedded or iri in stack:
                free = False
                referenced.add(iri)
                values[predicate].append(self._reference(iri))
            else:
                child = self._embed(iri, graph, stack, embedded, memo)
                free = free and child.free
                inside |= child.inside
                referenced |= child.referenced | {iri}
                values[predicate].append(child.value)
        stack.pop()
        out: dict[str, Any] = {"@id": self.compact.iri(node)}
        for predicate, found in values.items():
            key = predicate if predicate == "@type" else self.compact.iri(predicate, vocab=True)
            out[key] = found[0] if len(found) == 1 else sorted(found, key=_sort_key)
        built = _Built(dict(sorted(out.items())), free, frozenset(inside), frozenset(referenced))
        if free:
            memo[node] = built
        return built


@dataclass(frozen=True)
class _Built:
    """A node object as :meth:`Framer._embed` built it.

    With whether it was built with nothing blocked (``free``), the nodes embedded in it (itself
    included) and the nodes of the neighbourhood it references (embedded or not).
    """

    value: dict[str, Any]
    free: bool
    inside: frozenset[str]
    referenced: frozenset[str]


def _by_predicate_and_node(item: tuple[str, str | None, Json]) -> tuple[str, str]:
    """The order pyld walks a node's values in: by predicate, then (nodes) by IRI."""
    return item[0], item[1] or ""


def _decimal_lexical(lexical: str) -> str:
    """An ``xsd:decimal`` in the knowledge base's form, with a fraction digit (``18`` -> ``18.0``).

    >>> [_decimal_lexical(x) for x in ("18", "4.10", "-0.5")]
    ['18.0', '4.1', '-0.5']
    """
    text = format(Decimal(lexical).normalize(), "f")
    return text if "." in text else f"{text}.0"
