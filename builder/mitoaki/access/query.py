"""Competency questions and ad-hoc SPARQL on the release's Oxigraph store.

A competency question is a ``queries/cq/<name>.rq`` file whose header says what it asks and which
parameters it takes::

    # question: Which studies report a given outcome, and in which direction?
    # param: entity iri = CHEBI:15422 -- the measured entity (a CURIE or an IRI)
    # param: n integer = 2 -- the minimum number of studies

A default of ``*`` leaves the variable unbound unless a value is given: the question is then
asked of every value (``conflicting-findings`` lists the disagreements about every entity, or
about the one given).

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

The questions are plain SPARQL 1.1 (any store answers them the same: ``test_engines``); on
Oxigraph mitoaki sends them as :func:`mitoaki.access.dialects.for_oxigraph` rewrites them.

Parameters are bound as RDF terms: the value is parsed into an IRI or a literal first (an IRI
Oxigraph accepts, a literal it escapes), and that term's N-Triples form takes the place of the
variable in the query (:func:`bind_in_text`), so a value can never change what the query does.
Oxigraph's own substitutions (SEP-0007) give the same rows but are applied after the join order
is chosen: a question about one record scanned every evidence annotation (1.5 s instead of 1 ms
at 10k studies).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox

from mitoaki.access.dialects import LEXICAL_NOISE, blank_noise, for_oxigraph
from mitoaki.core.errors import QueryError
from mitoaki.core.namespaces import expand
from mitoaki.core.paths import QUERIES_DIR

CQ_DIR = QUERIES_DIR / "cq"
HEADER = re.compile(r"^#\s*(question|param|order):\s*(.*)$")
PARAM = re.compile(r"^(\w+)\s+(iri|string|integer|decimal)\s*=\s*(\S+)\s*(?:--\s*(.*))?$")
#: The default of a parameter that stays unbound unless given.
ANY = "*"
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Param:
    """A parameter of a competency question: name, kind, default and meaning."""

    name: str
    kind: str
    default: str
    description: str = ""


@dataclass(frozen=True)
class Question:
    """A competency question read from its ``.rq`` file."""

    name: str
    question: str
    params: tuple[Param, ...]
    #: the standard SPARQL 1.1 text, as in the file (what another store is sent)
    text: str
    path: Path
    #: the variables of the final ``ORDER BY`` when mitoaki orders the rows (``# order: python``)
    order: tuple[str, ...]
    #: the text sent to Oxigraph: rewritten for it (:func:`~mitoaki.access.dialects.for_oxigraph`),
    #: and
    #: without that ``ORDER BY`` when mitoaki orders the rows
    unordered: str
    #: the text sent to Oxigraph, rewritten for it, its ``ORDER BY`` kept
    oxigraph: str
    #: the variables of :attr:`order` that are ordered by their string (``STR(?x)``)
    by_string: frozenset[str] = frozenset()


#: a query's final ``ORDER BY`` of bare variables and ``STR`` of variables, in a text whose
#: strings, IRIs and comments are blanked out
FINAL_ORDER = re.compile(
    r"\bORDER\s+BY((?:\s+(?:[?$]\w+|STR\s*\(\s*[?$]\w+\s*\)))+)\s*$", re.IGNORECASE
)
_ORDER_KEY = re.compile(r"(STR\s*\(\s*)?[?$](\w+)", re.IGNORECASE)


def read_question(path: Path) -> Question:
    """Parse a competency question's header and keep its text."""
    text = path.read_text(encoding="utf-8")
    question, params, order = "", [], ""
    for line in text.splitlines():
        match = HEADER.match(line.strip())
        if not match:
            continue
        key, value = match.groups()
        if key == "question":
            question = value.strip()
            continue
        if key == "order":
            order = value.strip()
            continue
        param = PARAM.match(value.strip())
        if param is None:
            raise QueryError(f"bad parameter line '{value}'", path=path, rule="cq-header")
        name, kind, default, description = param.groups()
        params.append(Param(name, kind, default, description or ""))
    if not question:
        raise QueryError("no '# question:' header", path=path, rule="cq-header")
    try:
        local = for_oxigraph(text)
    except ValueError as exc:
        raise QueryError(str(exc), path=path, rule="cq-dialect") from exc
    made = Question(path.stem, question, tuple(params), text, path, (), local, local)
    if not order:
        return made
    if order != "python":
        raise QueryError(
            f"'# order: {order}' (the one order is 'python')", path=path, rule="cq-header"
        )
    final = FINAL_ORDER.search(blank_noise(local))
    if final is None:
        raise QueryError(
            "'# order: python' needs the query to end with ORDER BY and bare variables "
            "or STR() of them",
            path=path,
            rule="cq-header",
        )
    keys = _ORDER_KEY.findall(final.group(1))
    return replace(
        made,
        order=tuple(name for _, name in keys),
        unordered=local[: final.start()],
        by_string=frozenset(name for function, name in keys if function),
    )


@lru_cache(maxsize=8)
def questions(folder: Path = CQ_DIR) -> dict[str, Question]:
    """Every competency question, by name (read once per folder)."""
    return {q.name: q for q in (read_question(p) for p in sorted(folder.glob("*.rq")))}


def term_of(param: Param, value: str) -> ox.NamedNode | ox.Literal:
    """The RDF term a parameter value stands for (CURIE or IRI for ``iri``, a literal else).

    >>> term_of(Param("entity", "iri", "GO:0000266"), "CHEBI:15422").value
    'http://purl.obolibrary.org/obo/CHEBI_15422'
    >>> term_of(Param("n", "integer", "2"), "3")
    <Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    """
    try:
        if param.kind == "iri":
            iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
            if not re.match(r"^[a-z][a-z0-9+.-]*://", iri):
                iri = expand(iri)
            return ox.NamedNode(iri)
        if param.kind == "integer":
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(f"{XSD}integer"))
        if param.kind == "decimal":
            float(value)
            return ox.Literal(value, datatype=ox.NamedNode(f"{XSD}decimal"))
        return ox.Literal(value)
    except ValueError as exc:
        raise QueryError(
            f"parameter '{param.name}': '{value}' is not a valid {param.kind} ({exc})",
            rule="cq-param",
        ) from exc


def bindings(
    question: Question, given: Mapping[str, str]
) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    """Substitutions for a question: given values over defaults; unknown names are errors.

    A parameter whose default is ``*`` (:data:`ANY`) and that is not given, or given as ``*``,
    stays unbound; ``*`` for any other parameter is a bad value like any other.
    """
    known = {p.name: p for p in question.params}
    unknown = sorted(set(given) - set(known))
    if unknown:
        names = ", ".join(known) or "none"
        raise QueryError(
            f"unknown parameter '{unknown[0]}' (parameters: {names})",
            item=question.name,
            rule="cq-param",
        )
    values = {name: given.get(name, p.default) for name, p in known.items()}
    return {
        ox.Variable(name): term_of(known[name], value)
        for name, value in values.items()
        if not (value == ANY and known[name].default == ANY)
    }


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["key=value", ...]`` from the command line into a mapping."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise QueryError(f"bad --param '{pair}' (use key=value)", rule="cq-param")
        out[key.strip()] = value.strip()
    return out


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


def question(name: str) -> Question:
    """The competency question called ``name`` (an error naming the list if there is none)."""
    found = questions().get(name)
    if found is None:
        raise QueryError(f"unknown question '{name}' (see `mitoaki query --list`)", rule="cq-name")
    return found


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


_TOKENS = re.compile(
    r'(?P<noise>"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*)"
    r"|(?P<select>\bSELECT\b)|(?P<where>\bWHERE\b)|(?P<modifier>\b(?:GROUP|ORDER)\s+BY\b)"
    r"|(?P<end>\b(?:HAVING|LIMIT|OFFSET|VALUES)\b)"
    r"|(?P<lbrace>\{)|(?P<rbrace>\})|(?P<open>\()|(?P<close>\))"
    r"|(?P<var>[?$][A-Za-z_][A-Za-z0-9_]*)",
    re.IGNORECASE,
)


def bind_in_text(text: str, subs: Mapping[ox.Variable, ox.NamedNode | ox.Literal]) -> str:
    """The query with each bound variable replaced by its term (see the module documentation).

    A bare variable becomes ``(term AS ?var)`` in the query's ``SELECT`` clause (the answer keeps
    its columns), disappears from a subquery's (the term is inlined outside it too), and becomes
    ``(term)`` in ``GROUP BY`` / ``ORDER BY``; strings, IRIs and comments are left as they are.

    >>> subs = {ox.Variable("x"): ox.NamedNode("urn:a")}
    >>> bind_in_text('SELECT ?x ?y WHERE { ?x ?p "?x" . ?y ?p ?x } ORDER BY ?x # ?x', subs)
    'SELECT (<urn:a> AS ?x) ?y WHERE { <urn:a> ?p "?x" . ?y ?p <urn:a> } ORDER BY (<urn:a>) # ?x'
    >>> bind_in_text("SELECT ?x WHERE { { SELECT ?x ?y WHERE { ?y ?p ?x } } }", subs)
    'SELECT (<urn:a> AS ?x) WHERE { { SELECT  ?y WHERE { ?y ?p <urn:a> } } }'
    """
    terms = {v.value: str(t) for v, t in subs.items()}
    if not terms:
        return text
    slots, tail = _slots(text)
    out: list[str] = []
    for before, token, place in slots:
        out.append(before)
        term = terms.get(token[1:])
        if term is None:
            out.append(token)
        elif place == "select":
            out.append(f"({term} AS ?{token[1:]})")
        elif place == "modifier":
            out.append(f"({term})")
        elif place != "subselect":
            out.append(term)
    out.append(tail)
    return "".join(out)


@lru_cache(maxsize=256)
def _slots(text: str) -> tuple[tuple[tuple[str, str, str], ...], str]:
    """The query cut before each variable, worked out once per query text.

    Returns (text before, the variable, where it stands) for each variable and the text after the
    last one; cutting the text took most of a short answer's time (0.24 ms of 0.4). Where it
    stands: ``select`` (bare, in the query's ``SELECT`` clause), ``subselect`` (bare, in a
    subquery's), ``modifier`` (bare, in ``GROUP BY`` / ``ORDER BY``) or ``pattern``.
    """
    slots: list[tuple[str, str, str]] = []
    start, clause, braces, parens = 0, "", 0, 0
    for token in _TOKENS.finditer(text):
        kind, value = token.lastgroup, token.group()
        if kind in ("select", "modifier"):
            clause, parens = (kind if braces == 0 else "subselect") if kind == "select" else kind, 0
        elif kind in ("where", "end") or (kind == "lbrace" and clause in ("select", "subselect")):
            clause = ""
        if kind == "lbrace":
            braces += 1
        elif kind == "rbrace":
            braces, clause = braces - 1, ""
        elif kind == "open":
            parens += 1
        elif kind == "close":
            parens -= 1
        elif kind == "var":
            place = clause if clause and parens == 0 else "pattern"
            slots.append((text[start : token.start()], value, place))
            start = token.end()
    return tuple(slots), text[start:]


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


def listing(found: Question) -> str:
    """A question's line for ``mitoaki query --list``: name, question, then each parameter.

    >>> print(listing(question("studies-by-species")))  # doctest: +NORMALIZE_WHITESPACE
    studies-by-species	Which studies used models of a given species (or a taxon above it), and which models?
        --param taxon=<iri>  (default: NCBITaxon:10090) an NCBITaxon term (e.g. Mus musculus, or Rodentia)
    """  # noqa: E501
    lines = [f"{found.name}\t{found.question}"]
    for param in found.params:
        default = "every value" if param.default == ANY else param.default
        lines.append(
            f"    --param {param.name}=<{param.kind}>  (default: {default}) {param.description}"
        )
    return "\n".join(line.rstrip() for line in lines)


def describe(found: Question) -> str:
    """Everything about a question: what it asks, its parameters, and its SPARQL text."""
    head = [f"{found.name}: {found.question}", ""]
    if found.params:
        head.append("parameters (--param NAME=VALUE):")
        for param in found.params:
            default = f"{ANY} (unbound: every value)" if param.default == ANY else param.default
            head.append(f"  {param.name} ({param.kind}, default {default}): {param.description}")
    else:
        head.append("parameters: none")
    if found.order:
        head.append("order: rows sorted by mitoaki (# order: python), as ORDER BY says")
    return "\n".join([*head, "", f"SPARQL ({found.path.name}):", "", found.text.rstrip()]) + "\n"


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
