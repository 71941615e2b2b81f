"""JSON-LD: the release's context, the order of compacted documents, and the streaming writer.

:func:`write_triples_jsonld` writes the knowledge base's sorted triples (no blank nodes) as the
compacted document rdflib's JSON-LD writer gives, byte for byte (the rdflib path,
:func:`mitoaki.core.serialize.to_jsonld`, sorts with :func:`sort_jsonld`), without building it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from json.encoder import encode_basestring as _quote
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib.namespace import RDF, XSD

from mitoaki.core.namespaces import NAME_PREFIXES, PREFIXES

_RDF_TYPE, _XSD_STRING = str(RDF.type), str(XSD.string)
_CHUNK = 10_000  # nodes written at a time


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context of every release file: the fixed prefix map."""
    return {"@context": dict(PREFIXES)}


def sort_jsonld(node: Any, *, ordered: bool = False) -> Any:
    """Sort keys, and the members of unordered arrays; ``@list`` arrays keep their RDF order."""
    if isinstance(node, dict):
        return {k: sort_jsonld(v, ordered=k == "@list") for k, v in sorted(node.items())}
    if isinstance(node, list) and ordered:
        return [sort_jsonld(v) for v in node]
    if isinstance(node, list):
        items = [sort_jsonld(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node


class _Compactor:
    """IRIs compacted with the context's ``/`` and ``#`` prefixes, longest namespace first.

    Every such namespace ends where an IRI's namespace part does (at a ``/`` or ``#``), so the
    namespace found for that part is remembered: the cache holds one entry per namespace part,
    not one per IRI (11 million IRIs at 100k studies made a per-IRI cache grow to gigabytes).
    """

    def __init__(self) -> None:
        self.prefixes = sorted(NAME_PREFIXES.items(), key=lambda kv: -len(kv[1]))
        self.by_part: dict[str, tuple[str, int] | None] = {}

    def __call__(self, iri: str) -> str:
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        if cut == len(iri):  # no local part: the namespace itself, or no separator at all
            return _compact(iri, self.prefixes)
        part = iri[:cut]
        try:
            found = self.by_part[part]
        except KeyError:
            found = self.by_part[part] = next(
                ((f"{prefix}:", len(ns)) for prefix, ns in self.prefixes if part.startswith(ns)),
                None,
            )
        return iri if found is None else found[0] + iri[found[1] :]


def _compact(iri: str, prefixes: list[tuple[str, str]]) -> str:
    for prefix, namespace in prefixes:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


#: A JSON value as written: a quoted string, or a value object's (quoted key, quoted value) pairs.
_JsonValue = str | tuple[tuple[str, str], ...]
_NODE_PAD, _FIELD_PAD, _ITEM_PAD = "    ", "      ", "        "


def _value_text(value: _JsonValue, pad: str) -> str:
    """A value as ``json.dumps(..., indent=2)`` writes it nested at ``pad``."""
    if isinstance(value, str):
        return value
    fields = ",\n".join(f"{pad}  {key}: {text}" for key, text in value)
    return f"{{\n{fields}\n{pad}}}"


def _field_text(key: str, values: list[_JsonValue]) -> str:
    """One key of a node object: a single value unwrapped, several as an array."""
    if len(values) == 1:
        return f"{_FIELD_PAD}{key}: {_value_text(values[0], _FIELD_PAD)}"
    items = ",\n".join(_ITEM_PAD + _value_text(v, _ITEM_PAD) for v in values)
    return f"{_FIELD_PAD}{key}: [\n{items}\n{_FIELD_PAD}]"


def _node_text(fields: list[str]) -> str:
    """A node object of the ``@graph`` array from its fields' texts."""
    return f"{_NODE_PAD}{{\n" + ",\n".join(fields) + f"\n{_NODE_PAD}}}"


def _jsonld_node_texts(triples: list[ox.Triple]) -> Iterator[str]:
    """The text of one node object per subject of sorted triples, as rdflib's compaction gives it.

    Sorted by their N-Triples form, a subject's triples are contiguous and so are those of each
    of its predicates; each node is written as soon as its subject's triples end, so memory does
    not grow with the graph. The few predicates and datatypes are compacted once each.
    """
    compact = _Compactor()
    rdf_type = ox.NamedNode(_RDF_TYPE)
    keys: dict[ox.NamedNode, str] = {}  # predicate -> its quoted key
    typed: dict[ox.NamedNode, tuple[str, str] | None] = {}  # datatype -> ("@type", it) or None
    subject: ox.NamedNode | ox.BlankNode | ox.Triple | None = None
    predicate: ox.NamedNode | None = None
    previous = ""  # the N-Triples form of the last subject, to check the order
    fields: list[str] = []
    key, was_type = "", False
    values: list[_JsonValue] = []
    for t in triples:
        if t.subject != subject:
            if subject is not None:
                yield _node_text([*fields, _field_text(key, values)])
            subject, predicate = t.subject, None
            if not isinstance(subject, ox.NamedNode):
                raise ValueError(f"not an IRI: {subject} (blank nodes take the rdflib path)")
            form = f"{subject} "
            if form <= previous:
                raise ValueError(f"triples not sorted: {subject} comes back (use sort_triples)")
            previous = form
            fields = [f'{_FIELD_PAD}"@id": {_quote(compact(subject.value))}']
        o = t.object
        is_type = t.predicate == rdf_type and isinstance(o, ox.NamedNode)
        if t.predicate != predicate or is_type is not was_type:  # rdf:type with a literal: a key
            if predicate is not None:
                fields.append(_field_text(key, values))
            predicate, was_type, values = t.predicate, is_type, []
            if is_type:
                key = '"@type"'
            else:
                key = keys.get(predicate) or keys.setdefault(
                    predicate, _quote(compact(predicate.value))
                )
        value: _JsonValue
        if isinstance(o, ox.NamedNode):
            text = _quote(compact(o.value))
            value = text if is_type else (('"@id"', text),)
        elif isinstance(o, ox.Literal):
            value = _literal_value(o, typed, compact)
        else:
            raise ValueError(f"not an IRI or literal: {o} (blank nodes take the rdflib path)")
        values.append(value)
    if subject is not None:
        yield _node_text([*fields, _field_text(key, values)])


def _literal_value(
    o: ox.Literal, typed: dict[ox.NamedNode, tuple[str, str] | None], compact: _Compactor
) -> _JsonValue:
    """A literal as compaction writes it; ``typed`` keeps each datatype's ``@type`` field."""
    datatype = o.datatype
    if datatype not in typed:
        plain = datatype.value == _XSD_STRING
        typed[datatype] = None if plain else ('"@type"', _quote(compact(datatype.value)))
    if o.language:
        return (('"@language"', _quote(o.language)), ('"@value"', _quote(o.value)))
    type_field = typed[datatype]
    if type_field is None:
        return _quote(o.value)
    return (type_field, ('"@value"', _quote(o.value)))


def write_triples_jsonld(triples: list[ox.Triple], out: BinaryIO) -> None:
    """Sorted triples as compacted JSON-LD: the fixed context, one node object per subject.

    Written directly from the triples (no framing, no blank nodes), in the shape rdflib's
    compaction gives: IRIs compacted with the context's ``/`` and ``#`` prefixes, plain strings
    as strings, other literals as value objects, a single value unwrapped from its array; the
    bytes are those of ``json.dumps(document, indent=2, ensure_ascii=False)`` (the C encoder does
    not indent, and the Python one took most of the writing time at scale).
    """
    context = json.dumps(jsonld_context()["@context"], indent=2, ensure_ascii=False)
    out.write(('{\n  "@context": ' + context.replace("\n", "\n  ") + ',\n  "@graph": [').encode())
    chunk: list[str] = []
    first = True
    for node in _jsonld_node_texts(triples):
        chunk.append(("\n" if first else ",\n") + node)
        first = False
        if len(chunk) >= _CHUNK:
            out.write("".join(chunk).encode("utf-8"))
            chunk = []
    out.write(("".join(chunk) + ("]\n}\n" if first else "\n  ]\n}\n")).encode("utf-8"))
