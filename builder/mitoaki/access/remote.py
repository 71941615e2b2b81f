"""Other stores over HTTP: SPARQL 1.1 Protocol queries, and the credentials to write to a store.

``mitoaki query --endpoint`` and ``mitoaki table --endpoint`` send a query's standard text to any
SPARQL 1.1 endpoint (:func:`remote_query`) and read the answer into the results Oxigraph gives on
the release's own store (:func:`pyoxigraph.parse_query_results`; a graph into a list of
triples), so every output format is written by the same code. ``mitoaki publish`` signs in with
HTTP Basic or Digest authentication, as the server's challenge asks (:class:`ChallengeAuth`),
with a password from the environment or ``~/.netrc`` (:func:`credentials`), and sends it over
plain HTTP only to a loopback host unless told otherwise (:func:`check_transport`).
"""

from __future__ import annotations

import contextlib
import ipaddress
import netrc
import os
import re
import urllib.parse
from collections.abc import Generator

import httpx
import pyoxigraph as ox

from mitoaki.access.dialects import blank_noise
from mitoaki.core.errors import EndpointError

#: the environment variable holding the password of ``--user``
PASSWORD_VARIABLE = "MITOAKI_PASSWORD"
#: what a query asks for: SPARQL results for SELECT and ASK, an RDF graph for CONSTRUCT and DESCRIBE
RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8"
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)

Answer = ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]


def remote_query(
    endpoint: str, text: str, *, default_graph: str | None = None, timeout: float = 300.0
) -> Answer:
    """Run ``text`` at a SPARQL 1.1 endpoint (POST, form-encoded) and parse its answer.

    ``default_graph`` is sent as ``default-graph-uri``: the graph the query reads as its
    default graph (a Virtuoso holds its own graphs beside the release's).
    """
    form = {"query": text}
    if default_graph:
        form["default-graph-uri"] = default_graph
    accept = GRAPH_ACCEPT if returns_graph(text) else RESULTS_ACCEPT
    try:
        response = httpx.post(endpoint, data=form, headers={"Accept": accept}, timeout=timeout)
    except httpx.HTTPError as exc:
        raise EndpointError(
            f"cannot reach the endpoint: {exc}", path=endpoint, rule="endpoint"
        ) from exc
    if response.status_code != 200:
        detail = " ".join(response.text.split())[:300]
        raise EndpointError(
            f"HTTP {response.status_code}: {detail}", path=endpoint, rule="endpoint"
        )
    return parse_answer(response.content, response.headers.get("content-type", ""), endpoint)


def returns_graph(text: str) -> bool:
    """Whether a query is a CONSTRUCT or DESCRIBE (its first form keyword, outside strings).

    >>> returns_graph('PREFIX a: <urn:SELECT> CONSTRUCT WHERE { ?s ?p "SELECT" }')
    True
    >>> returns_graph("SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }")
    False
    """
    found = _FORM.search(blank_noise(text))
    return found is not None and found.group(1).upper() in ("CONSTRUCT", "DESCRIBE")


def parse_answer(body: bytes, content_type: str, endpoint: str = "") -> Answer:
    """An endpoint's answer as Oxigraph's results (or a list of triples), by its media type.

    >>> parse_answer(b'{"head": {}, "boolean": true}', "application/sparql-results+json")
    <QueryBoolean true>
    """
    media = content_type.split(";")[0].strip().lower()
    results = ox.QueryResultsFormat.from_media_type(media)
    try:
        if results is not None:
            return ox.parse_query_results(body, format=results)
        graph = ox.RdfFormat.from_media_type(media)
        if graph is not None:
            return [quad.triple for quad in ox.parse(body, format=graph)]
    except SyntaxError as exc:
        message = " ".join(str(exc).split())
        raise EndpointError(
            f"unreadable {media} answer: {message}", path=endpoint, rule="endpoint"
        ) from exc
    raise EndpointError(
        f"the endpoint answered in '{media or 'no media type'}', not a SPARQL results or RDF "
        "format",
        path=endpoint,
        rule="endpoint",
    )


def credentials(url: str, user: str | None) -> tuple[str, str] | None:
    """The user and password for ``url``: ``user`` with $MITOAKI_PASSWORD, else ``~/.netrc``.

    Without ``user`` the host's ``~/.netrc`` entry gives both, or there are none. A password is
    never taken from the command line (it would show in the process list and shell history).
    """
    host = urllib.parse.urlsplit(url).hostname or ""
    entry = _netrc_entry(host)
    if user is None:
        return entry
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None and entry is not None and entry[0] == user:
        password = entry[1]
    if password is None:
        raise EndpointError(
            f"no password for user '{user}': set ${PASSWORD_VARIABLE} or add the host to ~/.netrc",
            path=url,
            rule="credentials",
        )
    return user, password


def _netrc_entry(host: str) -> tuple[str, str] | None:
    """The login and password ``~/.netrc`` holds for ``host``, if any."""
    try:
        found = netrc.netrc().authenticators(host)
    except FileNotFoundError:
        return None
    except netrc.NetrcParseError as exc:
        raise EndpointError(str(exc), path=exc.filename, rule="credentials") from exc
    if found is None or not found[2]:
        return None
    return found[0], found[2]


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine (``localhost`` or a loopback address).

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("[::1]")
    (True, True, True)
    >>> is_loopback("example.org"), is_loopback("10.0.0.1")
    (False, False)
    """
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_transport(url: str, *, insecure: bool) -> None:
    """Refuse to send a password over plain HTTP to another host (unless ``insecure``)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https" or insecure or is_loopback(parts.hostname or ""):
        return
    raise EndpointError(
        f"refusing to send a password over plain HTTP to {parts.hostname}: use https, or "
        "--insecure if the network is trusted",
        path=url,
        rule="transport",
    )


class ChallengeAuth(httpx.Auth):
    """HTTP Basic or Digest authentication, whichever the server's challenge names.

    The first request goes without credentials; a 401 names the scheme, the request is sent
    again with it, and the scheme (and a Digest nonce) is kept for the requests after it.
    """

    requires_request_body = True

    def __init__(self, user: str, password: str) -> None:
        self._schemes: dict[str, httpx.Auth] = {
            "basic": httpx.BasicAuth(user, password),
            "digest": httpx.DigestAuth(user, password),
        }
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Send ``request``, answering a Basic or Digest challenge once."""
        if self._chosen is not None:
            yield from self._chosen.auth_flow(request)
            return
        response = yield request
        scheme = response.headers.get("www-authenticate", "").split(" ")[0].lower()
        if response.status_code != 401 or scheme not in self._schemes:
            return
        self._chosen = self._schemes[scheme]
        flow = self._chosen.auth_flow(request)
        signed = next(flow)  # Basic signs at once; Digest first sends the request as it is ...
        if scheme == "digest":
            signed = flow.send(response)  # ... and signs it from the challenge it gets back
        answer = yield signed
        with contextlib.suppress(StopIteration):
            flow.send(answer)
