"""Publish a release to a SPARQL 1.1 Graph Store Protocol endpoint (Fuseki, GraphDB, Oxigraph)."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from mitoaki.errors import MitoakiError
from mitoaki.store import RELEASE_GRAPHS, release_file

DEFAULT_GRAPH = "https://w3id.org/mitoaki/graph"


class PublishError(MitoakiError):
    """The endpoint refused the release or could not be reached."""


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
    build_dir: Path, endpoint: str, graph: str = DEFAULT_GRAPH, *, timeout: float = 300.0
) -> int:
    """Replace ``graph`` at ``endpoint`` with the release in one PUT; return the HTTP status."""
    body = release_body(build_dir)
    request = urllib.request.Request(
        graph_url(endpoint, graph),
        data=body,
        method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", errors="replace")[:300]
        raise PublishError(f"HTTP {exc.code}: {detail}", path=endpoint, rule="publish") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise PublishError(
            f"cannot reach the endpoint: {exc}", path=endpoint, rule="publish"
        ) from exc
