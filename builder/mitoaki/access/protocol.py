"""One query answered as the SPARQL 1.1 Protocol says: formats, negotiation, dataset, errors.

The Accept header decides the result format (``?format=`` only when given: a name of
:data:`FORMAT_NAMES` or a media type, as SPARQLWrapper and HTML forms send it; the endpoint
turns it into an Accept header with :func:`format_accept`); an Accept that no format meets gets
406. ``default-graph-uri`` and ``named-graph-uri`` build the query's dataset
(:func:`query_dataset`). :func:`respond` answers 400 with a message for a malformed query, 403
for SERVICE federation and 413 for an over-large result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pyoxigraph as ox

from mitoaki.access.query import execute, uses_service
from mitoaki.access.store import RELEASE_GRAPH
from mitoaki.core.errors import QueryError

RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
#: ``?format=`` names: the media type each stands for, for solutions and for a graph
FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"),
    "ttl": (None, "text/turtle"),
    "n3": (None, "text/turtle"),
    "json-ld": (None, "application/ld+json"),
    "jsonld": (None, "application/ld+json"),
    "ntriples": (None, "application/n-triples"),
    "nt": (None, "application/n-triples"),
    "rdf": (None, "application/rdf+xml"),
    "rdf+xml": (None, "application/rdf+xml"),
}
MAX_RESULT_BYTES = 50_000_000  # bytes of a serialised result


def negotiate(accept: str, offered: Sequence[str]) -> str | None:
    """The offered media type the Accept header ranks highest, or None when it accepts none.

    A type takes the q-value of the most specific range that matches it (``type/sub``, then
    ``type/*``, then ``*/*``); q=0 refuses it; ties go to the offered order. No header is ``*/*``.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", list(RESULT_TYPES))
    'application/sparql-results+json'
    >>> negotiate("text/*", list(RESULT_TYPES)), negotiate("", list(RESULT_TYPES))
    ('text/csv', 'application/sparql-results+json')
    >>> negotiate("image/png", list(RESULT_TYPES)) is None
    True
    """
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        media, _, params = part.partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media.strip():
            ranges.append((media.strip().lower(), quality))
    ranges = ranges or [("*/*", 1.0)]
    best, best_quality = None, 0.0
    for media in offered:
        wildcard = media.split("/")[0] + "/*"
        matches = [
            (3 if pattern == media else 2 if pattern == wildcard else 1, quality)
            for pattern, quality in ranges
            if pattern in (media, wildcard, "*/*")
        ]
        quality = max(matches)[1] if matches else 0.0
        if quality > best_quality:
            best, best_quality = media, quality
    return best


def format_accept(names: Iterable[str]) -> str | None:
    """An Accept header standing for ``?format=`` values (names or media types); None if none.

    >>> format_accept(["csv"]), format_accept(["tsv", "text/tab-separated-values"])
    ('text/csv', 'text/tab-separated-values, text/tab-separated-values')
    >>> format_accept(["xml"]), format_accept(["png"])
    ('application/sparql-results+xml, application/rdf+xml', None)
    """
    media: list[str] = []
    for name in names:
        value = name.strip().lower()
        if "/" in value:
            media.append(value)
        else:
            media += [m for m in FORMAT_NAMES.get(value, (None, None)) if m is not None]
    return ", ".join(media) or None


def service_description(endpoint: str) -> str:
    """The SPARQL 1.1 Service Description of the endpoint, in Turtle."""
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix format: <http://www.w3.org/ns/formats/> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat format:SPARQL_Results_JSON, format:SPARQL_Results_XML,
        format:SPARQL_Results_CSV, format:SPARQL_Results_TSV, format:Turtle,
        format:JSON-LD, format:N-Triples, format:RDF_XML ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"""


#: an answer from a worker: HTTP status, media type, body
Answer = tuple[int, str, bytes]
#: the IRIs of a request's ``default-graph-uri`` and ``named-graph-uri``
Dataset = tuple[tuple[str, ...], tuple[str, ...]]


def respond(
    store: ox.Store, text: str, accept: str, max_result_bytes: int, dataset: Dataset = ((), ())
) -> Answer:
    """Run one query on ``store`` and serialise its result in the negotiated format."""
    if uses_service(text):
        return 403, "text/plain", b"SERVICE (federated query) is not allowed on this endpoint"
    graphs = query_dataset(store, dataset)
    if isinstance(graphs, str):
        return 400, "text/plain", graphs.encode()
    try:
        result = execute(store, text, **graphs)
    except QueryError as error:
        return 400, "text/plain", error.message.encode()
    offered = GRAPH_TYPES if isinstance(result, ox.QueryTriples) else RESULT_TYPES
    media = negotiate(accept, list(offered))
    if media is None:
        kind = "a graph" if offered is GRAPH_TYPES else "query solutions"
        message = f"cannot answer {kind} in '{accept}' (served: {', '.join(offered)})"
        return 406, "text/plain", message.encode()
    if isinstance(result, ox.QueryTriples):
        body = ox.serialize(list(result), format=GRAPH_TYPES[media]) or b""
    else:
        body = result.serialize(format=RESULT_TYPES[media]) or b""
    if len(body) > max_result_bytes:
        message = f"result larger than {max_result_bytes} bytes: narrow the query or add a LIMIT"
        return 413, "text/plain", message.encode()
    return 200, media, body


def query_dataset(store: ox.Store, dataset: Dataset) -> dict[str, Any] | str:
    """The ``default_graph`` and ``named_graphs`` of a request, or why they cannot be built.

    The release's graph IRI names the store's default graph; any other IRI must name a graph
    the store holds (the drafts' graph, with ``--include-drafts``).
    """
    defaults, named = dataset
    if not defaults and not named:
        return {}
    held = {graph.value for graph in store.named_graphs() if isinstance(graph, ox.NamedNode)}
    unknown = [iri for iri in (*defaults, *named) if iri not in held and iri != RELEASE_GRAPH]
    if unknown or RELEASE_GRAPH in named:
        known = ", ".join(f"<{iri}>" for iri in sorted(held)) or "none"
        why = f"no graph <{unknown[0]}> here" if unknown else f"<{RELEASE_GRAPH}> is the default"
        return f"cannot build the dataset: {why} (default graph <{RELEASE_GRAPH}>; named: {known})"
    default_graph: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [
        ox.DefaultGraph() if iri == RELEASE_GRAPH else ox.NamedNode(iri) for iri in defaults
    ]
    return {
        "default_graph": default_graph or None,
        "named_graphs": [ox.NamedNode(iri) for iri in named] or None,
    }
