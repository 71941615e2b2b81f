"""SHACL validation that scales: the shapes compiled to SPARQL and run on Oxigraph.

pyshacl (:func:`mitoaki.validate.validate`) walks the data graph node by node in Python; at 10k
studies that takes the better part of an hour. This engine compiles each constraint of the shapes
graph into one SPARQL ``SELECT`` that returns every violating (focus node, value) pair at once, and
runs it on a :class:`pyoxigraph.Store`. It gives the same :class:`mitoaki.validate.Result` list and
a SHACL validation report graph, so pyshacl stays the reference it is tested against.

Only what the project's shapes use is supported; anything else raises a :class:`MitoakiError`
(``rule="shapes"``) naming it, so a new shape can never pass silently:

* targets: ``sh:targetClass`` (instances of subclasses included), ``sh:targetObjectsOf``, a
  ``sh:SPARQLTarget`` (``sh:target`` with ``sh:select``), a node shape that is also a class;
* paths: a predicate, or a sequence of predicates;
* core constraints on property shapes: ``sh:minCount``, ``sh:maxCount``, ``sh:class``,
  ``sh:datatype`` (``xsd:string``, ``xsd:decimal``, ``xsd:gYear``, ``xsd:integer`` and its derived
  types), ``sh:nodeKind``, ``sh:in``, ``sh:pattern`` (with ``sh:flags``), ``sh:minLength``,
  ``sh:lessThan``;
* SPARQL-based constraints (``sh:sparql``) on node shapes, with ``sh:prefixes``/``sh:declare``.
  ``$this`` is pre-bound as the SHACL specification allows: the node shape's targets are joined in
  at the start of the query's ``WHERE`` group, so one query returns the results of every focus node.

Oxigraph stores literals of the types derived from ``xsd:integer`` as ``xsd:integer`` (oxigraph
issue 526), which would hide an ``xsd:integer`` value where ``xsd:positiveInteger`` is required.
:func:`to_store` therefore records, in named graphs the validation reads and the default graph
never sees, the original datatype of every literal Oxigraph rewrites. A store built elsewhere has no
such record; ``sh:datatype`` then accepts an ``xsd:integer`` in the derived type's range.

Where pyshacl (through rdflib) departs from the specifications, this engine follows them:
``sh:datatype`` checks the XSD lexical form (rdflib accepts any ``xsd:gYear``, and ``1e3`` as an
``xsd:decimal`` when it did not canonicalise it on parsing); ``"x"^^xsd:string`` and ``"x"`` are the
same literal (RDF 1.1; rdflib tells them apart in ``sh:in``); ``sh:pattern`` uses XPath-like
regular expressions, whose ``$`` does not match before a final newline (Python's does).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from typing import NoReturn, TypeAlias

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD
from rdflib.term import Node

from mitoaki.errors import MitoakiError
from mitoaki.exports import record_of
from mitoaki.namespaces import KB, OA, SH, bind_prefixes, compress
from mitoaki.store import with_quads
from mitoaki.validate import TBOX_PREDICATES, Result, load_shapes, sort_results

#: RDF the engine accepts: a store (used as is), an rdflib graph, or quads/triples to load.
Data: TypeAlias = ox.Store | Graph | Iterable[ox.Quad | ox.Triple]
OxTerm: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal
FocusNode: TypeAlias = str | URIRef | ox.NamedNode

#: Named graphs ``<PREFIX><datatype IRI>`` hold the triples whose literal Oxigraph re-typed.
DATATYPE_GRAPH_PREFIX = "urn:x-mitoaki:shacl:datatype:"
_META_GRAPH = ox.NamedNode("urn:x-mitoaki:shacl:meta")
_RECORDED = ox.Quad(
    ox.NamedNode("urn:x-mitoaki:shacl:store"),
    ox.NamedNode("urn:x-mitoaki:shacl:recordsDatatypes"),
    ox.Literal("true", datatype=ox.NamedNode(str(XSD.boolean))),
    _META_GRAPH,
)
_TYPE_PATH = f"<{RDF.type}>/<{RDFS.subClassOf}>*"
_TARGET = "\x00TARGET\x00"  # where a check's query takes its focus nodes
_FOCUS = "\x00FOCUS\x00"  # ``VALUES ?this`` of focus-only validation, in groups sharing ?this
_RECORDS_OFF = "\x00RECORDS\x00"  # true when the store has no datatype records

#: Inclusive bounds of xsd:integer and the types derived from it (None: unbounded).
INTEGER_RANGES: dict[str, tuple[int | None, int | None]] = {
    str(XSD.integer): (None, None),
    str(XSD.nonNegativeInteger): (0, None),
    str(XSD.positiveInteger): (1, None),
    str(XSD.nonPositiveInteger): (None, 0),
    str(XSD.negativeInteger): (None, -1),
    str(XSD.long): (-(2**63), 2**63 - 1),
    str(XSD.int): (-(2**31), 2**31 - 1),
    str(XSD.short): (-(2**15), 2**15 - 1),
    str(XSD.byte): (-(2**7), 2**7 - 1),
    str(XSD.unsignedLong): (0, 2**64 - 1),
    str(XSD.unsignedInt): (0, 2**32 - 1),
    str(XSD.unsignedShort): (0, 2**16 - 1),
    str(XSD.unsignedByte): (0, 2**8 - 1),
}
_GYEAR = r"^-?([1-9][0-9]{3,}|0[0-9]{3})(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$"
_INTEGER_LEXICAL = r"^[+-]?[0-9]+$"

#: SHACL parameters that are constraint components this engine does not implement.
UNSUPPORTED = {
    "hasValue": "HasValueConstraintComponent",
    "node": "NodeConstraintComponent",
    "property": "PropertyConstraintComponent",
    "and": "AndConstraintComponent",
    "or": "OrConstraintComponent",
    "not": "NotConstraintComponent",
    "xone": "XoneConstraintComponent",
    "closed": "ClosedConstraintComponent",
    "ignoredProperties": "ClosedConstraintComponent",
    "qualifiedValueShape": "QualifiedValueShapeConstraintComponent",
    "qualifiedMinCount": "QualifiedMinCountConstraintComponent",
    "qualifiedMaxCount": "QualifiedMaxCountConstraintComponent",
    "minExclusive": "MinExclusiveConstraintComponent",
    "minInclusive": "MinInclusiveConstraintComponent",
    "maxExclusive": "MaxExclusiveConstraintComponent",
    "maxInclusive": "MaxInclusiveConstraintComponent",
    "maxLength": "MaxLengthConstraintComponent",
    "languageIn": "LanguageInConstraintComponent",
    "uniqueLang": "UniqueLangConstraintComponent",
    "equals": "EqualsConstraintComponent",
    "disjoint": "DisjointConstraintComponent",
    "lessThanOrEquals": "LessThanOrEqualsConstraintComponent",
    "class": "ClassConstraintComponent",
    "datatype": "DatatypeConstraintComponent",
    "nodeKind": "NodeKindConstraintComponent",
    "in": "InConstraintComponent",
    "pattern": "PatternConstraintComponent",
    "minLength": "MinLengthConstraintComponent",
    "minCount": "MinCountConstraintComponent",
    "maxCount": "MaxCountConstraintComponent",
    "lessThan": "LessThanConstraintComponent",
}
#: Predicates of the shapes graph that never change what validates.
_DESCRIPTIVE = {SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.message}
_NODE_SHAPE_KEYS = {SH.targetClass, SH.targetObjectsOf, SH.target, SH.property, SH.sparql}
_NODE_SHAPE_KEYS |= {SH.severity} | _DESCRIPTIVE
_PROPERTY_KEYS = {SH.path, SH.severity, SH.flags} | _DESCRIPTIVE
#: The constraint parameters of property shapes this engine compiles.
_PARAMETERS = {SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.nodeKind, SH["in"]}
_PARAMETERS |= {SH.pattern, SH.minLength, SH.lessThan}
_SPARQL_KEYS = {SH.select, SH.prefixes, SH.message, SH.severity}
_TARGET_PREDICATES = (
    SH.targetClass,
    SH.targetObjectsOf,
    SH.target,
    SH.targetNode,
    SH.targetSubjectsOf,
)


def _unsupported(what: str, shape: Node | None = None) -> MitoakiError:
    where = f" (shape {_name(shape)})" if shape is not None else ""
    return MitoakiError(
        f"the Oxigraph SHACL engine does not support {what}{where}: validate with pyshacl "
        "(mitoaki.validate) or add it to mitoaki.shacl_oxigraph",
        rule="shapes",
    )


def _name(node: Node) -> str:
    return compress(str(node)) if isinstance(node, URIRef) else f"_:{node}"


# ---------------------------------------------------------------------------------------------
# Loading data into a store
# ---------------------------------------------------------------------------------------------


@cache
def rewritten_datatypes() -> dict[str, str]:
    """Datatypes the installed Oxigraph stores under another datatype, found by probing it.

    >>> rewritten_datatypes()["http://www.w3.org/2001/XMLSchema#positiveInteger"]
    'http://www.w3.org/2001/XMLSchema#integer'
    """
    probe, samples = ox.Store(), {**dict.fromkeys(INTEGER_RANGES, "1")}
    samples.update({str(XSD.nonPositiveInteger): "-1", str(XSD.negativeInteger): "-1"})
    samples[str(XSD.dateTimeStamp)] = "2000-01-01T00:00:00Z"
    subject, predicate = ox.NamedNode("urn:x-probe:s"), ox.NamedNode("urn:x-probe:p")
    for datatype, lexical in samples.items():
        literal = ox.Literal(lexical, datatype=ox.NamedNode(datatype))
        probe.add(ox.Quad(subject, predicate, literal, ox.NamedNode(datatype)))
    rewritten = {}
    for quad in probe:
        stored = quad.object.datatype.value
        if isinstance(quad.graph_name, ox.NamedNode) and stored != quad.graph_name.value:
            rewritten[quad.graph_name.value] = stored
    return rewritten


def _ox_term(term: Node, bnodes: dict[Node, ox.BlankNode]) -> OxTerm:
    """An rdflib term as a pyoxigraph term (blank nodes keep their id when Oxigraph allows it)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        if term not in bnodes:
            try:
                bnodes[term] = ox.BlankNode(str(term))
            except ValueError:
                bnodes[term] = ox.BlankNode()
        return bnodes[term]
    raise MitoakiError(f"cannot validate the RDF term {term!r}", rule="shapes")


def _rdflib_term(term: object) -> Node:
    """A pyoxigraph term as an rdflib term (for the report graph)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise MitoakiError(f"cannot report the RDF term {term!r}", rule="shapes")


def _quads(data: Graph | Iterable[ox.Quad | ox.Triple]) -> Iterator[ox.Quad]:
    """The triples of ``data`` in the default graph, with their rewritten-datatype records."""
    rewritten = rewritten_datatypes()
    graphs = {
        ox.NamedNode(datatype): ox.NamedNode(DATATYPE_GRAPH_PREFIX + datatype)
        for datatype in rewritten
    }
    if isinstance(data, Graph):
        yield from _quads(_from_rdflib(data))
        return
    default = ox.DefaultGraph()
    for quad in data:
        if isinstance(quad, ox.Quad) and quad.graph_name == default:
            yield quad
        else:
            yield ox.Quad(quad.subject, quad.predicate, quad.object)
        value = quad.object
        if isinstance(value, ox.Literal) and value.datatype in graphs:
            yield ox.Quad(quad.subject, quad.predicate, value, graphs[value.datatype])


def _from_rdflib(graph: Graph) -> Iterator[ox.Triple]:
    """The triples of an rdflib graph as pyoxigraph triples."""
    bnodes: dict[Node, ox.BlankNode] = {}
    iris: dict[Node, ox.NamedNode] = {}

    def node(term: Node) -> OxTerm:
        if isinstance(term, URIRef):
            found = iris.get(term)
            if found is None:
                found = iris[term] = ox.NamedNode(str(term))
            return found
        return _ox_term(term, bnodes)

    for s, p, o in graph:
        subject, predicate, value = node(s), node(p), node(o)
        if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
            raise MitoakiError(f"not an RDF triple: {s} {p} {o}", rule="shapes")
        yield ox.Triple(subject, predicate, value)


def to_store(*sources: Data) -> ox.Store:
    """Load RDF sources into the default graph of a new in-memory store.

    Literals Oxigraph re-types are recorded (see the module documentation) unless a source is a
    store, whose literals were already re-typed when it was loaded. For the same reason, pass
    quads as parsed (``pyoxigraph.parse``), not read back from another store.
    """
    store, recorded = ox.Store(), True
    for source in sources:
        if isinstance(source, ox.Store):
            recorded = False
            dump = source.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
            store.bulk_load(dump, format=ox.RdfFormat.N_TRIPLES)
        else:
            store.bulk_extend(_quads(source))
    if recorded:
        store.add(_RECORDED)
    return store


def tbox_quads(ontology: Data) -> Iterator[ox.Quad]:
    """The ontology triples :func:`mitoaki.validate.data_graph` adds to the knowledge base."""
    if isinstance(ontology, Graph):
        part = Graph()
        for predicate in TBOX_PREDICATES:
            for triple in ontology.triples((None, predicate, None)):
                part.add(triple)
        for header in ontology.subjects(RDF.type, OWL.Ontology):
            for triple in ontology.triples((header, None, None)):
                part.add(triple)
        yield from _quads(part)
        return
    quads = [
        ox.Quad(q.subject, q.predicate, q.object)
        for q in (
            ontology.quads_for_pattern(None, None, None, ox.DefaultGraph())
            if isinstance(ontology, ox.Store)
            else ontology
        )
    ]
    wanted = {str(p) for p in TBOX_PREDICATES}
    headers = {
        q.subject
        for q in quads
        if q.predicate.value == str(RDF.type) and q.object == ox.NamedNode(str(OWL.Ontology))
    }
    yield from _quads(q for q in quads if q.predicate.value in wanted or q.subject in headers)


def data_store(kb: Data, ontology: Data) -> ox.Store:
    """A new store holding the data graph :func:`mitoaki.validate.data_graph` builds.

    That is the knowledge base with the ontology's class hierarchy, types, labels and header.
    """
    store = to_store(kb)
    store.bulk_extend(tbox_quads(ontology))
    if isinstance(ontology, ox.Store):  # its literals were re-typed when it was loaded
        store.remove(_RECORDED)
    return store


# ---------------------------------------------------------------------------------------------
# Compiling the shapes graph
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a SPARQL query returning its violations, and their description."""

    node_shape: Node
    shape: Node
    component: URIRef
    severity: URIRef
    messages: tuple[Literal, ...]
    path: Node | None
    constraint: Node | None
    query: str
    focused: str = ""

    def text(self, target: str, focus: str = "") -> str:
        """The query with its focus nodes taken from ``target`` (a group graph pattern).

        ``focus`` (a ``VALUES ?this`` clause) selects the variant for a few focus nodes.
        """
        template = (self.focused or self.query) if focus else self.query
        return template.replace(_TARGET, target).replace(_FOCUS, focus)


@dataclass(frozen=True)
class Target:
    """How a node shape selects its focus nodes: SPARQL group patterns that bind ``?this``."""

    classes: tuple[str, ...]
    objects_of: tuple[str, ...]
    selects: tuple[str, ...]

    def pattern(self, focus: str = "") -> str:
        """A sub-select of the distinct focus nodes; ``focus`` (``VALUES ?this``) restricts them."""
        branches = [f"{{ {focus} ?this {_TYPE_PATH} <{c}> }}" for c in self.classes]
        branches += [f"{{ {focus} ?_subject <{p}> ?this }}" for p in self.objects_of]
        branches += [f"{{ {_inject(select, focus)} }}" for select in self.selects]
        return f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(branches)} }} }}"


@dataclass(frozen=True)
class Shapes:
    """A shapes graph compiled into checks: build once with :func:`compile_shapes`, run often."""

    graph: Graph
    targets: dict[Node, Target]
    checks: tuple[Check, ...]
    prefixes: dict[str, str]


def _one(shapes: Graph, node: Node, predicate: URIRef) -> Node | None:
    values = list(shapes.objects(node, predicate))
    if len(values) > 1:
        raise MitoakiError(
            f"{_name(node)} has {len(values)} values of {_name(predicate)}", rule="shapes"
        )
    return values[0] if values else None


def _check_keys(shapes: Graph, node: Node, allowed: set[URIRef], shape: Node) -> None:
    for predicate in set(shapes.predicates(node, None)):
        if not str(predicate).startswith(str(SH)) or predicate in allowed:
            continue
        local = str(predicate)[len(str(SH)) :]
        component = UNSUPPORTED.get(local)
        what = f"sh:{local}" + (f" (sh:{component})" if component else "")
        raise _unsupported(what + " here", shape)


def _path(shapes: Graph, path: Node, shape: Node) -> list[str]:
    """The predicates of a predicate path or a sequence path."""
    if isinstance(path, URIRef):
        return [str(path)]
    if isinstance(path, BNode) and (path, RDF.first, None) in shapes:
        steps = [_path(shapes, step, shape) for step in Collection(shapes, path)]
        if len(steps) < 2:
            raise MitoakiError(f"a sequence path needs two steps ({_name(shape)})", rule="shapes")
        return [p for step in steps for p in step]
    kinds = {compress(str(p)) for p in shapes.predicates(path, None)} or {"?"}
    raise _unsupported(f"the path kind {', '.join(sorted(kinds))}", shape)


def _prefixes(shapes: Graph, node: Node) -> dict[str, str]:
    out: dict[str, str] = {}
    for holder in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                out[str(prefix)] = str(namespace)
    return out


def _select(text: str, shape: Node) -> str:
    """A SPARQL-based query checked for what pre-binding by a join cannot express."""
    masked = _mask(text)
    for variable in ("currentShape", "shapesGraph", "PATH"):
        if re.search(rf"\${variable}\b", masked):
            raise _unsupported(f"${variable} in a SPARQL query", shape)
    keyword = re.search(r"(?i)(?<![?$\w])(MINUS|SERVICE|VALUES|PREFIX|BASE)\b", masked)
    if keyword:
        raise _unsupported(f"{keyword.group(1).upper()} in a SPARQL query", shape)
    head = masked[: _group_start(text)]
    if not re.search(r"[?$]this\b|\*", head):
        raise MitoakiError(f"a SPARQL query must select $this ({_name(shape)})", rule="shapes")
    return text


def _mask(query: str) -> str:
    """``query`` with its strings, IRIs and comments blanked out (same length, same offsets)."""
    out, i, n = list(query), 0, len(query)

    def blank(start: int, end: int) -> None:
        out[start:end] = " " * (end - start)

    while i < n:
        char = query[i]
        if char in "\"'":
            quote = query[i : i + 3] if query[i : i + 3] in ('"""', "'''") else char
            end = i + len(quote)
            while end < n and query[end : end + len(quote)] != quote:
                end += 2 if query[end] == "\\" else 1
            end = min(n, end + len(quote))
        elif char == "#":
            end = query.find("\n", i)
            end = n if end < 0 else end
        elif char == "<" and (match := re.match(r"<[^<>\"{}|^`\\\s]*>", query[i:])):
            end = i + match.end()
        else:
            i += 1
            continue
        blank(i, end)
        i = end
    return "".join(out)


def _group_start(query: str) -> int:
    """Index of the ``{`` opening the query's WHERE group."""
    start = _mask(query).find("{")
    if start < 0:
        raise MitoakiError("a SPARQL query without a WHERE group", rule="shapes")
    return start


def _inject(query: str, pattern: str) -> str:
    """``query`` with ``pattern`` joined first into its WHERE group (pre-binding ``$this``)."""
    start = _group_start(query) + 1
    return f"{query[:start]} {pattern} {query[start:]}"


_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)")
_NOT_EXISTS = re.compile(r"(?i)\bFILTER\s+NOT\s+EXISTS\s*\{")


def _closing(masked: str, start: int) -> int:
    """Index of the ``}`` matching the ``{`` at ``start``."""
    depth = 0
    for i in range(start, len(masked)):
        depth += {"{": 1, "}": -1}.get(masked[i], 0)
        if depth == 0:
            return i
    raise MitoakiError("unbalanced braces in a SPARQL query", rule="shapes")


def _minus(query: str) -> str:
    """Turn the WHERE group's own ``FILTER NOT EXISTS { P }`` into ``MINUS { P }`` where equal.

    Oxigraph evaluates a ``NOT EXISTS`` over a join once per solution without using the bound
    variables, which is quadratic; ``MINUS`` is one anti-join. The two agree when ``P`` shares no
    variable with the rest of the query but ``$this``, which the target binds in every solution.
    """
    masked = _mask(query)
    group = masked.find("{")
    end = _closing(masked, group)
    edits = []
    for match in _NOT_EXISTS.finditer(masked, group, end):
        depth = masked[group : match.start()].count("{") - masked[group : match.start()].count("}")
        if depth != 1:
            continue  # inside a nested group (OPTIONAL, UNION, ...): leave it
        close = _closing(masked, match.end() - 1)
        inside = set(_VARIABLE.findall(masked[match.end() : close]))
        outside = set(_VARIABLE.findall(masked[: match.start()] + masked[close + 1 :]))
        if "this" in inside and inside & outside <= {"this"}:
            edits.append((match.start(), match.end() - 1))
    for start, brace in reversed(edits):
        query = f"{query[:start]}MINUS {{ {_FOCUS} {query[brace + 1 :]}"
    return query


def _sparql(term: Node) -> str:
    """An rdflib term as SPARQL text."""
    return str(_ox_term(term, {}))


def _datatype_ok(datatype: str, last: str, predicate: str, shape: Node) -> str:
    """A SPARQL condition: ``?value`` (an object of ``last <predicate>``) has the datatype."""
    rewritten = rewritten_datatypes()
    same = f"isLiteral(?value) && DATATYPE(?value) = <{datatype}>"
    if datatype == str(XSD.string):
        return same
    if datatype == str(XSD.decimal):
        return f"{same} && isNumeric(?value)"
    if datatype == str(XSD.gYear):
        return f'{same} && REGEX(STR(?value), "{_GYEAR}")'
    if datatype not in INTEGER_RANGES:
        raise _unsupported(f"sh:datatype <{datatype}>", shape)
    low, high = INTEGER_RANGES[datatype]
    bounds = "".join(
        f" && ?value {op} {bound}" for op, bound in ((">=", low), ("<=", high)) if bound is not None
    )
    stored = rewritten.get(datatype, datatype)
    graph = f"<{DATATYPE_GRAPH_PREFIX}{datatype}>"
    if stored != datatype:  # Oxigraph re-typed it: a valid value reads back as xsd:integer
        condition = f"isLiteral(?value) && DATATYPE(?value) = <{stored}> && isNumeric(?value)"
        condition += bounds
        recorded = f"EXISTS {{ GRAPH {graph} {{ {last} <{predicate}> ?value }} }}"
        return f"{condition} && ({_RECORDS_OFF} || {recorded})"
    condition = f'{same} && REGEX(STR(?value), "{_INTEGER_LEXICAL}"){bounds}'
    if datatype == str(XSD.integer) and str(XSD.integer) in rewritten.values():
        others = " ".join(f"<{DATATYPE_GRAPH_PREFIX}{d}>" for d in sorted(rewritten))
        retyped = (
            f"EXISTS {{ VALUES ?_graph {{ {others} }} GRAPH ?_graph {{ {last} <{predicate}> "
            "?value } }"
        )
        return f"{condition} && ({_RECORDS_OFF} || !{retyped})"
    return condition


def _value_checks(shapes: Graph, prop: Node) -> Iterator[tuple[URIRef, str, str]]:
    """(component, query, focus-only variant or "") for each constraint of a property shape.

    ``MINUS`` and ``OPTIONAL`` groups share only ``?this`` with the query, so focus-only runs
    restrict them to the focus nodes too (Oxigraph evaluates them without the outer bindings).
    """
    steps = _path(shapes, _one(shapes, prop, SH.path) or _missing_path(prop), prop)
    hops = [f"?_step{i}" for i in range(1, len(steps))]
    subjects, objects = ["?this", *hops], [*hops, "?value"]
    values = " ".join(f"{s} <{p}> {o} ." for s, p, o in zip(subjects, steps, objects, strict=True))
    last, predicate = subjects[-1], steps[-1]

    def per_value(condition: str, extra: str = "", select: str = "?this ?value") -> str:
        where = f"{_TARGET} {values} {extra} FILTER({condition})"
        return f"SELECT DISTINCT {select} WHERE {{ {where} }}"

    minimum = _integer(shapes, prop, SH.minCount)
    if minimum is not None and minimum > 0:
        query = (
            f"SELECT ?this WHERE {{ {_TARGET} MINUS {{ {_FOCUS} {values} }} }}"
            if minimum == 1
            else f"SELECT ?this WHERE {{ {_TARGET} OPTIONAL {{ {_FOCUS} {values} }} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {minimum})"
        )
        yield SH.MinCountConstraintComponent, query, ""
    maximum = _integer(shapes, prop, SH.maxCount)
    if maximum is not None:
        yield (
            SH.MaxCountConstraintComponent,
            (
                f"SELECT ?this WHERE {{ {_TARGET} {values} }} GROUP BY ?this "
                f"HAVING (COUNT(DISTINCT ?value) > {maximum})"
            ),
            "",
        )
    for cls in shapes.objects(prop, SH["class"]):
        yield (
            SH.ClassConstraintComponent,
            (
                f"SELECT DISTINCT ?this ?value WHERE {{ {_TARGET} {values} "
                f"MINUS {{ ?value {_TYPE_PATH} {_sparql(cls)} }} }}"
            ),
            (  # a few values: look each one's classes up rather than every instance
                f"SELECT DISTINCT ?this ?value WHERE {{ {_TARGET} {values} "
                f"FILTER NOT EXISTS {{ ?value {_TYPE_PATH} {_sparql(cls)} }} }}"
            ),
        )
    datatype = _one(shapes, prop, SH.datatype)
    if datatype is not None:
        condition = _datatype_ok(str(datatype), last, predicate, prop)
        yield SH.DatatypeConstraintComponent, per_value(f"!COALESCE({condition}, false)"), ""
    kind = _one(shapes, prop, SH.nodeKind)
    if kind is not None:
        kinds: dict[Node, str] = {
            SH.IRI: "isIRI(?value)",
            SH.BlankNode: "isBlank(?value)",
            SH.Literal: "isLiteral(?value)",
            SH.BlankNodeOrIRI: "(isBlank(?value) || isIRI(?value))",
            SH.BlankNodeOrLiteral: "(isBlank(?value) || isLiteral(?value))",
            SH.IRIOrLiteral: "(isIRI(?value) || isLiteral(?value))",
        }
        if kind not in kinds:
            raise MitoakiError(f"unknown sh:nodeKind {kind} ({_name(prop)})", rule="shapes")
        yield SH.NodeKindConstraintComponent, per_value(f"!{kinds[kind]}"), ""
    allowed = _one(shapes, prop, SH["in"])
    if allowed is not None:
        members = [f"sameTerm(?value, {_sparql(m)})" for m in Collection(shapes, allowed)]
        yield SH.InConstraintComponent, per_value(f"!({' || '.join(members) or 'false'})"), ""
    flags = _one(shapes, prop, SH.flags)
    for pattern in shapes.objects(prop, SH.pattern):
        regex = f"REGEX(STR(?value), {_sparql(Literal(str(pattern)))}"
        regex += f", {_sparql(Literal(str(flags)))})" if flags is not None else ")"
        yield SH.PatternConstraintComponent, per_value(f"isBlank(?value) || !{regex}"), ""
    length = _integer(shapes, prop, SH.minLength)
    if length is not None and length > 0:
        condition = f"isBlank(?value) || STRLEN(STR(?value)) < {length}"
        yield SH.MinLengthConstraintComponent, per_value(condition), ""
    for other in shapes.objects(prop, SH.lessThan):
        as_text = "(isIRI({0}) || (isLiteral({0}) && (LANG({0}) != '' || DATATYPE({0}) = <{1}>)))"
        texts = " && ".join(as_text.format(v, XSD.string) for v in ("?value", "?_other"))
        less = f"IF({texts}, STR(?value) < STR(?_other), ?value < ?_other)"
        extra = f"?this {_sparql(other)} ?_other ."
        yield (
            SH.LessThanConstraintComponent,
            per_value(f"!COALESCE({less}, false)", extra, "?this ?value ?_other"),
            "",
        )


def _integer(shapes: Graph, node: Node, predicate: URIRef) -> int | None:
    value = _one(shapes, node, predicate)
    if value is None:
        return None
    if not isinstance(value, Literal) or not isinstance(value.value, int) or value.value < 0:
        raise MitoakiError(
            f"{_name(node)}: {_name(predicate)} is not a non-negative integer", rule="shapes"
        )
    return value.value


def _missing_path(prop: Node) -> NoReturn:
    raise MitoakiError(f"property shape {_name(prop)} has no sh:path", rule="shapes")


def _severity(shapes: Graph, shape: Node) -> URIRef:
    severity = _one(shapes, shape, SH.severity)
    return severity if isinstance(severity, URIRef) else SH.Violation


def _messages(shapes: Graph, *nodes: Node) -> tuple[Literal, ...]:
    found: list[Literal] = []
    for node in nodes:
        found += [m for m in shapes.objects(node, SH.message) if isinstance(m, Literal)]
    return tuple(dict.fromkeys(found))


def _target(shapes: Graph, shape: Node, prefixes: dict[str, str]) -> Target:
    for unsupported in (SH.targetNode, SH.targetSubjectsOf):
        if (shape, unsupported, None) in shapes:
            raise _unsupported(_name(unsupported), shape)
    classes = [str(c) for c in shapes.objects(shape, SH.targetClass)]
    if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes:
        classes.append(str(shape))  # an implicit class target
    selects = []
    for target in shapes.objects(shape, SH.target):
        _check_keys(shapes, target, {SH.select, SH.prefixes}, shape)
        select = shapes.value(target, SH.select)
        if select is None or (target, RDF.type, SH.SPARQLTarget) not in shapes:
            raise _unsupported("an sh:target that is not a SPARQL target", shape)
        selects.append(_select(str(select), shape))
        _merge(prefixes, _prefixes(shapes, target), shape)
    objects_of = tuple(str(p) for p in shapes.objects(shape, SH.targetObjectsOf))
    return Target(tuple(sorted(set(classes))), objects_of, tuple(selects))


def _merge(prefixes: dict[str, str], more: dict[str, str], shape: Node) -> None:
    for prefix, namespace in more.items():
        if prefixes.setdefault(prefix, namespace) != namespace:
            raise MitoakiError(
                f"prefix {prefix}: declared with two namespaces ({_name(shape)})", rule="shapes"
            )


def compile_shapes(shapes: Graph) -> Shapes:
    """Compile a shapes graph into checks, or raise naming what this engine does not support."""
    if (None, RDF.type, SH.ConstraintComponent) in shapes:
        raise _unsupported("custom constraint components (sh:ConstraintComponent)")
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    for predicate in _TARGET_PREDICATES:
        node_shapes.update(shapes.subjects(predicate, None))
    property_shapes = set(shapes.subjects(RDF.type, SH.PropertyShape))
    property_shapes.update(shapes.objects(None, SH.property))
    for shape in node_shapes & property_shapes | {
        s for s in node_shapes if (s, SH.path, None) in shapes
    }:
        raise _unsupported("a property shape with its own targets", shape)
    prefixes: dict[str, str] = {}
    targets: dict[Node, Target] = {}
    checks: list[Check] = []
    for shape in sorted(node_shapes, key=str):
        _check_keys(shapes, shape, _NODE_SHAPE_KEYS, shape)
        target = _target(shapes, shape, prefixes)
        if not (target.classes or target.objects_of or target.selects):
            continue  # a shape without targets validates nothing
        targets[shape] = target
        for prop in sorted(shapes.objects(shape, SH.property), key=str):
            _check_keys(shapes, prop, _PROPERTY_KEYS | _PARAMETERS, prop)
            severity, messages = _severity(shapes, prop), _messages(shapes, prop)
            path = _one(shapes, prop, SH.path)
            for component, query, focused in _value_checks(shapes, prop):
                checks.append(
                    Check(shape, prop, component, severity, messages, path, None, query, focused)
                )
        for constraint in sorted(shapes.objects(shape, SH.sparql), key=str):
            _check_keys(shapes, constraint, _SPARQL_KEYS, shape)
            select = shapes.value(constraint, SH.select)
            if select is None:
                raise MitoakiError(
                    f"an sh:sparql without sh:select ({_name(shape)})", rule="shapes"
                )
            _merge(prefixes, _prefixes(shapes, constraint), shape)
            messages = _messages(shapes, constraint, shape)
            query = _inject(_minus(_select(str(select), shape)), _TARGET)
            checks.append(
                Check(
                    shape,
                    shape,
                    SH.SPARQLConstraintComponent,
                    _severity(shapes, shape),
                    messages,
                    None,
                    constraint,
                    query,
                )
            )
    return Shapes(shapes, targets, tuple(checks), prefixes)


@cache
def default_shapes() -> Shapes:
    """The project's shapes (``shapes/mitoaki-shapes.ttl``), compiled once per process."""
    return compile_shapes(load_shapes())


# ---------------------------------------------------------------------------------------------
# Running the checks
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    """One raw result of a check: the focus node, the value node and the message."""

    check: Check
    focus: OxTerm
    value: OxTerm | None
    path: Node | None
    message: str


def _format(message: str, bindings: dict[str, OxTerm]) -> str:
    """A SPARQL-based message with ``{?var}``/``{$var}`` replaced by the solution's values."""
    for variable, term in bindings.items():
        message = message.replace(f"{{?{variable}}}", term.value)
        message = message.replace(f"{{${variable}}}", term.value)
    return message


def _run(
    store: ox.Store,
    check: Check,
    target: str,
    restrict: str,
    recorded: bool,
    prefixes: dict[str, str],
) -> Iterator[Violation]:
    query = check.text(target, restrict).replace(_RECORDS_OFF, "false" if recorded else "true")
    solutions = store.query(query, prefixes=prefixes)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    seen: set[tuple[OxTerm | None, ...]] = set()
    for solution in solutions:
        row = tuple(solution[i] for i in range(len(names)))
        if row in seen:
            continue
        seen.add(row)
        bound = {n: t for n, t in zip(names, row, strict=True) if t is not None}
        focus = bound.get("this")
        if focus is None:
            continue
        if check.component != SH.SPARQLConstraintComponent:
            message = str(check.messages[0]) if check.messages else _generic(check)
            yield Violation(check, focus, bound.get("value"), check.path, message)
            continue
        if "failure" in bound:
            raise MitoakiError(
                f"the SPARQL constraint of {_name(check.node_shape)} reported a failure",
                rule="shapes",
            )
        value = bound.get("value", focus)
        path = bound.get("path")
        variables = {**bound, "this": focus, "value": value}
        message = _format(str(check.messages[0]), variables) if check.messages else _generic(check)
        yield Violation(
            check,
            focus,
            value,
            URIRef(path.value) if isinstance(path, ox.NamedNode) else None,
            message,
        )


def _generic(check: Check) -> str:
    return f"{compress(str(check.component))} not satisfied"


def run(
    store: ox.Store, shapes: Shapes, focus: Iterable[FocusNode] | None = None
) -> list[Violation]:
    """Every violation of ``shapes`` in the store's default graph (of ``focus`` nodes only)."""
    restrict = ""
    if focus is not None:
        nodes = sorted(
            {str(n if isinstance(n, ox.NamedNode) else ox.NamedNode(str(n))) for n in focus}
        )
        if not nodes:
            return []
        restrict = f"VALUES ?this {{ {' '.join(nodes)} }}"
    recorded = _RECORDED in store
    patterns = {shape: target.pattern(restrict) for shape, target in shapes.targets.items()}

    def violations(check: Check) -> list[Violation]:
        target = patterns[check.node_shape]
        return list(_run(store, check, target, restrict, recorded, shapes.prefixes))

    if restrict:  # a few focus nodes: each query takes milliseconds
        return [v for check in shapes.checks for v in violations(check)]
    # Oxigraph evaluates queries outside the GIL: run the checks on every core
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return [v for found in pool.map(violations, shapes.checks) for v in found]


# ---------------------------------------------------------------------------------------------
# Results and the report graph
# ---------------------------------------------------------------------------------------------


def _labels_and_sources(store: ox.Store, nodes: Iterable[OxTerm]) -> dict[OxTerm, tuple[str, str]]:
    """(label, ``file.yaml:line`` of the record) of each focus node, from one query."""
    rows = []
    for node in set(nodes):
        if not isinstance(node, ox.NamedNode):
            continue
        if node.value.startswith(str(KB)):  # the record a KB node belongs to
            record = f"<{record_of(URIRef(node.value)) or node.value}>"
        else:
            record = "<urn:x-mitoaki:shacl:no-record>"
        rows.append(f"({node} {record})")
    if not rows:
        return {}
    query = (
        "SELECT ?focus (SAMPLE(?l) AS ?label) (SAMPLE(?s) AS ?source) WHERE { "
        f"VALUES (?focus ?record) {{ {' '.join(rows)} }} "
        f"OPTIONAL {{ ?focus <{RDFS.label}> ?l }} "
        f"OPTIONAL {{ ?annotation <{OA.hasBody}> ?record ; <{DCTERMS.source}> ?s }} "
        "} GROUP BY ?focus"
    )
    out = {}
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    for focus, label, source in solutions:
        out[focus] = (label.value if label else "", source.value if source else "")
    return out


def results(store: ox.Store, violations: Sequence[Violation]) -> list[Result]:
    """The violations as :class:`mitoaki.validate.Result` rows, sorted as pyshacl's are."""
    about = _labels_and_sources(store, (v.focus for v in violations))
    out = []
    for v in violations:
        label, source = about.get(v.focus, ("", ""))
        path = v.path
        out.append(
            Result(
                severity=str(v.check.severity).rsplit("#", 1)[-1],
                focus=v.focus.value,
                label=label,
                path=compress(str(path))
                if isinstance(path, URIRef)
                else ("(path)" if path is not None else ""),
                message=v.message,
                shape=compress(str(v.check.node_shape)),
                source=source,
            )
        )
    return sort_results(out)


def _copy(shapes: Graph, node: Node | None, report: Graph) -> None:
    """Copy a blank node of the shapes graph, and what hangs off it, into the report."""
    pending, done = [node], set()
    while pending:
        current = pending.pop()
        if not isinstance(current, BNode) or current in done:
            continue
        done.add(current)
        for p, o in shapes.predicate_objects(current):
            report.add((current, p, o))
            pending.append(o)


def report_graph(violations: Sequence[Violation], shapes: Graph) -> Graph:
    """A SHACL validation report (``sh:ValidationReport``) of the violations."""
    report = bind_prefixes(Graph())
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    conforms = not any(v.check.severity == SH.Violation for v in violations)
    report.add((root, SH.conforms, Literal(conforms)))
    for v in violations:
        node = BNode()
        report.add((root, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.focusNode, _rdflib_term(v.focus)))
        report.add((node, SH.resultSeverity, v.check.severity))
        report.add((node, SH.sourceShape, v.check.shape))
        report.add((node, SH.sourceConstraintComponent, v.check.component))
        report.add((node, SH.resultMessage, Literal(v.message)))
        if v.path is not None:
            report.add((node, SH.resultPath, v.path))
            _copy(shapes, v.path, report)
        if v.value is not None:
            report.add((node, SH.value, _rdflib_term(v.value)))
        if v.check.constraint is not None:
            report.add((node, SH.sourceConstraint, v.check.constraint))
            _copy(shapes, v.check.constraint, report)
        _copy(shapes, v.check.shape, report)
    return report


def validate(
    data: Data,
    shapes: Graph | Shapes | None = None,
    *,
    focus: Iterable[FocusNode] | None = None,
) -> tuple[list[Result], Graph]:
    """Validate a data graph (a store's default graph, an rdflib graph, or quads) on Oxigraph.

    Returns the same results as :func:`mitoaki.validate.validate` and a validation report graph;
    ``focus`` restricts validation to those focus nodes (IRIs).
    """
    store = data if isinstance(data, ox.Store) else to_store(data)
    compiled = (
        shapes
        if isinstance(shapes, Shapes)
        else (compile_shapes(shapes) if shapes is not None else default_shapes())
    )
    found = run(store, compiled, focus)
    return results(store, found), report_graph(found, compiled.graph)


def validate_kb(
    kb: Data, ontology: Data, shapes: Graph | Shapes | None = None
) -> tuple[list[Result], Graph]:
    """Validate the KB with the ontology: :func:`mitoaki.validate.validate` on Oxigraph."""
    return validate(data_store(kb, ontology), shapes)


def validate_kb_store(
    store: ox.Store, ontology: Graph, shapes: Graph | Shapes | None = None
) -> tuple[list[Result], Graph]:
    """:func:`validate_kb` on a store of the KB made by :func:`to_store`, used in place.

    The ontology's triples the data graph needs are added for the validation and removed after.
    """
    with with_quads(store, tbox_quads(ontology)) as data:
        return validate(data, shapes)


def validate_focus(
    store: ox.Store, focus_nodes: Iterable[FocusNode], shapes: Graph | Shapes | None = None
) -> tuple[list[Result], Graph]:
    """Re-validate only ``focus_nodes`` (for example one study's nodes) in an existing store."""
    return validate(store, shapes, focus=list(focus_nodes))


def record_nodes(store: ox.Store, records: Iterable[FocusNode]) -> set[str]:
    """The records and the KB nodes hanging off them (``<record>/annotation``, its target, ...).

    A node hangs off a record when its IRI extends the record's (``<record>/...``) and a chain of
    such nodes links it to the record, in either direction. A node whose last link was removed
    is not found this way: pass it to :func:`validate_focus` yourself.
    """
    found = {str(r.value if isinstance(r, ox.NamedNode) else r) for r in records}
    frontier = {(r, r) for r in found}
    while frontier:
        rows = " ".join(f"(<{r}> <{n}>)" for r, n in sorted(frontier))
        query = (
            f"SELECT DISTINCT ?record ?next WHERE {{ VALUES (?record ?node) {{ {rows} }} "
            "{ ?node ?p ?next } UNION { ?next ?p ?node } "
            'FILTER(isIRI(?next) && STRSTARTS(STR(?next), CONCAT(STR(?record), "/"))) }'
        )
        solutions = store.query(query)
        assert isinstance(solutions, ox.QuerySolutions)
        frontier = set()
        for record, node in solutions:
            if node.value not in found:
                found.add(node.value)
                frontier.add((record.value, node.value))
    return found
