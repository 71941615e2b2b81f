"""Publish a release to a SPARQL 1.1 Graph Store Protocol endpoint (Virtuoso, Fuseki, Oxigraph).

The release replaces one named graph in one PUT. A store that wants a password gets it by HTTP
Basic or Digest authentication, as its challenge asks (Virtuoso's ``/sparql-graph-crud-auth``
asks for Digest): the user from ``--user`` or ``~/.netrc``, the password from
``$MITOAKI_PASSWORD`` or ``~/.netrc`` (:func:`mitoaki.access.remote.credentials`), sent over plain
HTTP
only to a loopback host unless ``insecure``. With credentials, a HEAD request learns the
scheme first, so that the release is sent once.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import httpx

from mitoaki.access.remote import ChallengeAuth, check_transport, credentials
from mitoaki.access.store import RELEASE_GRAPH, RELEASE_GRAPHS, release_file
from mitoaki.core.errors import PublishError


def release_body(build_dir: Path) -> bytes:
    """The release (ontology and knowledge base) as one N-Triples document."""
    parts = []
    for name in RELEASE_GRAPHS:
        path = release_file(build_dir, name)
        parts.append(path.read_bytes())
    return b"".join(parts)


def graph_url(endpoint: str, graph: str) -> str:
    """The Graph Store Protocol URL of a named graph (indirect identification).

    >>> graph_url("http://localhost:7878/store", "https://w3id.org/mitoaki/graph")
    'http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Fmitoaki%2Fgraph'
    """
    separator = "&" if urllib.parse.urlparse(endpoint).query else "?"
    return f"{endpoint}{separator}{urllib.parse.urlencode({'graph': graph})}"


def publish(
    build_dir: Path,
    endpoint: str,
    graph: str = RELEASE_GRAPH,
    *,
    timeout: float = 300.0,
    user: str | None = None,
    insecure: bool = False,
) -> int:
    """Replace ``graph`` at ``endpoint`` with the release in one PUT; return the HTTP status.

    ``user`` signs in (the password from the environment or ``~/.netrc``); without it, the
    host's ``~/.netrc`` entry does, if there is one.
    """
    body = release_body(build_dir)
    url = graph_url(endpoint, graph)
    signed_in = credentials(url, user)
    auth = None
    if signed_in is not None:
        check_transport(url, insecure=insecure)
        auth = ChallengeAuth(*signed_in)
    headers = {"Content-Type": "application/n-triples"}
    try:
        with httpx.Client(auth=auth, timeout=timeout) as client:
            if auth is not None:
                client.head(url)  # the challenge names the scheme: the body goes once
            response = client.put(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        raise PublishError(
            f"cannot reach the endpoint: {exc}", path=endpoint, rule="publish"
        ) from exc
    if response.status_code >= 300:
        detail = " ".join(response.text.split())[:300]
        if response.status_code == 401 and auth is None:
            detail += " (sign in with --user, the password in $MITOAKI_PASSWORD or ~/.netrc)"
        raise PublishError(f"HTTP {response.status_code}: {detail}", path=endpoint, rule="publish")
    return response.status_code
