"""Competency questions and ad-hoc SPARQL on the release's Oxigraph store.

The questions are read by :mod:`mitoaki.access.questions` and their parameters bound as RDF
terms by :mod:`mitoaki.access.binding`; this module runs them and any SPARQL query, and writes
their results.

A question whose header says ``# order: python`` is sent to Oxigraph without its final
``ORDER BY`` (ascending keys, each a variable or ``STR`` of one), and its rows are put in that
order here (:func:`ask`, :func:`answer`). On a persisted store Oxigraph's sort reads each long
string back from RocksDB at every comparison: the 14,520 conflicting findings about one entity
of a 10k-study release took 1.14 s sorted there, 0.17 s sorted here. The order is Oxigraph's
own: Python compares strings by code point as Rust compares them by UTF-8 byte, and the rows
are sorted here only while every key of a column is an IRI, or every one an ``xsd:string``
literal (where SPARQL orders by the string), or, for a ``STR`` key, every one an IRI or a
literal; otherwise the question is asked again with its ``ORDER BY``. ``test_query`` holds both
orders equal on the release.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from operator import itemgetter
from typing import Any, TypeVar

import pyoxigraph as ox

from mitoaki.access.binding import XSD, bind_in_text, bindings
from mitoaki.access.dialects import LEXICAL_NOISE
from mitoaki.access.questions import Question, question
from mitoaki.core.errors import QueryError

Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
#: a result, or a graph read from another store's answer (:mod:`mitoaki.access.remote`)
AnyResult = Result | list[ox.Triple]


def execute(
    store: ox.Store,
    text: str,
    substitutions: Mapping[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
    *,
    default_graph: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = None,
    named_graphs: list[ox.NamedNode | ox.BlankNode] | None = None,
) -> Result:
    """Run a query, turning a syntax error into a one-line :class:`QueryError`.

    ``default_graph`` and ``named_graphs`` set the query's dataset (the store's when None).
    """
    try:
        return store.query(
            text,
            substitutions=dict(substitutions or {}),
            default_graph=default_graph,
            named_graphs=named_graphs,
        )
    except SyntaxError as exc:
        message = " ".join(str(exc).split())
        raise QueryError(f"malformed SPARQL: {message}", rule="sparql-syntax") from exc
    except (RuntimeError, ValueError) as exc:
        message = " ".join(str(exc).split())
        raise QueryError(f"query failed: {message}", rule="sparql-evaluation") from exc


def rows(result: Result) -> list[dict[str, str]]:
    """SELECT solutions as dictionaries of plain values (unbound variables left out)."""
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("not a SELECT query", rule="sparql-form")
    names = [v.value for v in result.variables]
    # a solution iterates over its terms in the order of the variables (half the time of s[n])
    return [{n: t.value for n, t in zip(names, s, strict=True) if t is not None} for s in result]


def ask(name: str, store: ox.Store, **params: str) -> list[dict[str, str]]:
    """Answer competency question ``name`` on ``store``; returns its rows.

    >>> store = ox.Store()
    >>> ask("trials", store)
    []
    """
    found = question(name)
    subs = bindings(found, params)
    if found.order:
        ordered = _sorted(execute(store, bind_in_text(found.unordered, subs)), found, _row)
        if ordered is not None:
            return ordered[1]
    return rows(execute(store, bind_in_text(found.oxigraph, subs)))


def answer(found: Question, store: ox.Store, given: Mapping[str, str]) -> Result:
    """A competency question's answer as Oxigraph gives it (what the CLI writes in any format).

    For a question that mitoaki orders (``# order: python``), the sorted rows are read back
    from their SPARQL TSV form, written term by term in N-Triples syntax, into a
    :class:`pyoxigraph.QuerySolutions`, so every results format is still Oxigraph's.
    """
    subs = bindings(found, given)
    if found.order:
        ordered = _sorted(execute(store, bind_in_text(found.unordered, subs)), found, _tsv_line)
        if ordered is not None:
            names, lines = ordered
            head = "\t".join(f"?{n}" for n in names)
            tsv = "\n".join([head, *lines, ""]).encode()
            return ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    return execute(store, bind_in_text(found.oxigraph, subs))


_XSD_STRING = ox.NamedNode(f"{XSD}string")
T = TypeVar("T")


def _row(names: list[str], _: tuple[Any, ...], values: list[str | None]) -> dict[str, str]:
    # as rows() makes it: unbound variables left out
    return {n: v for n, v in zip(names, values, strict=True) if v is not None}


def _tsv_line(_: list[str], terms: tuple[Any, ...], __: list[str | None]) -> str:
    # N-Triples escapes tabs and line ends in literals: one solution per line
    return "\t".join("" if t is None else str(t) for t in terms)


def _sorted(
    result: Result,
    found: Question,
    convert: Callable[[list[str], tuple[Any, ...], list[str | None]], T],
) -> tuple[list[str], list[T]] | None:
    """The solutions, each ``convert``-ed, in the order of the question's ``ORDER BY``.

    None when a key is not comparable here as SPARQL compares it: not returned, unbound, a
    blank node, a literal other than ``xsd:string``, or a column mixing IRIs and literals (a
    ``STR`` key: unbound or a blank node). The key is each column's value, so a solution's terms
    are read once and not held (holding them cost half as much again as the query).
    """
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("not a SELECT query", rule="sparql-form")
    names = [v.value for v in result.variables]
    if not set(found.order) <= set(names):
        return None  # ordered by a variable the query does not return
    places = [names.index(key) for key in found.order]
    strings = [key in found.by_string for key in found.order]
    kinds: list[type | None] = [None] * len(places)
    keyed: list[tuple[tuple[str | None, ...], T]] = []  # no key is None (checked above)
    for solution in result:
        terms = tuple(solution)
        values = [None if t is None else t.value for t in terms]
        for column, place in enumerate(places):
            kind = terms[place].__class__
            if strings[column]:  # STR(?x): the string of an IRI or of any literal
                if kind is not ox.NamedNode and kind is not ox.Literal:
                    return None
                continue
            if kind is not kinds[column]:
                if kinds[column] is not None or kind not in (ox.NamedNode, ox.Literal):
                    return None
                kinds[column] = kind
            if kind is ox.Literal and terms[place].datatype != _XSD_STRING:
                return None
        keyed.append((tuple([values[p] for p in places]), convert(names, terms, values)))
    keyed.sort(key=itemgetter(0))
    return names, [item for _, item in keyed]


RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}


def serialize_result(result: AnyResult, fmt: str) -> bytes:
    """Serialise a query result: SPARQL results formats for SELECT/ASK, RDF for CONSTRUCT."""
    if isinstance(result, ox.QueryTriples | list):
        rdf = GRAPH_FORMATS.get(fmt, ox.RdfFormat.TURTLE)
        from mitoaki.core.namespaces import PREFIXES

        out = ox.serialize(
            list(result), format=rdf, prefixes=PREFIXES if rdf == ox.RdfFormat.TURTLE else None
        )
        return out or b""
    if isinstance(result, ox.QueryBoolean):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result)}).encode()
        return (str(bool(result)).lower() + "\n").encode()
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown format '{fmt}'", rule="format")
    return bytes(result.serialize(format=RESULT_FORMATS[fmt]) or b"")


def uses_service(text: str) -> bool:
    """Whether a query federates (``SERVICE``), ignoring strings, IRIs and comments.

    >>> uses_service("SELECT * WHERE { SERVICE <http://x> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT * WHERE { ?s ?p "SERVICE" } # SERVICE')
    False
    """
    return re.search(r"\bSERVICE\b", LEXICAL_NOISE.sub(" ", text), re.IGNORECASE) is not None


def cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    """A result term as a table cell: a CURIE of the project's prefix map where one fits.

    >>> cell(ox.NamedNode("http://purl.obolibrary.org/obo/GO_0000266")), cell(ox.Literal("3"))
    ('GO:0000266', '3')
    >>> cell(ox.NamedNode("https://example.org/x")), cell(None)
    ('https://example.org/x', '')
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        from mitoaki.core.namespaces import compress

        return compress(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return f"<< {cell(term.subject)} {cell(term.predicate)} {cell(term.object)} >>"
    return term.value
