"""Publish to a real Oxigraph server (Graph Store Protocol) on loopback and query the data back."""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.test_serve import free_port, wait_for

from mitoaki.build import BuildReport
from mitoaki.errors import MitoakiError
from mitoaki.publish import publish

GRAPH = "https://w3id.org/mitoaki/graph"


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.skip("the oxigraph server (PyPI package 'oxigraph') is not installed")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/query?query=ASK%7B%7D")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def count(base: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(
        f"{base}/query?{urllib.parse.urlencode({'query': query})}", headers={"Accept": "text/csv"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(response.read().decode().split()[1])


def release_triples(release: BuildReport) -> int:
    lines = 0
    for name in ("mitoaki-full.nt", "mitoaki-kb.nt"):
        lines += sum(1 for line in (release.out / name).open(encoding="utf-8") if line.strip())
    return lines


def test_publish_then_query_back(release: BuildReport, oxigraph_server: str) -> None:
    assert publish(release.out, f"{oxigraph_server}/store", GRAPH) in (200, 201, 204)
    assert count(oxigraph_server) == release_triples(release)
    # publishing again replaces the graph in one request: no duplicates
    publish(release.out, f"{oxigraph_server}/store", GRAPH)
    assert count(oxigraph_server) == release_triples(release)
    query = (
        "SELECT ?nct WHERE { GRAPH ?g { ?t <https://w3id.org/mitoaki/MITOAKI_0000046> "
        "?nct } } ORDER BY ?nct"
    )
    request = urllib.request.Request(
        f"{oxigraph_server}/query?{urllib.parse.urlencode({'query': query})}",
        headers={"Accept": "text/csv"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert "NCT00733876" in response.read().decode()


def test_unreachable_endpoint_is_one_clear_error(release: BuildReport) -> None:
    with pytest.raises(MitoakiError, match="cannot reach the endpoint"):
        publish(release.out, f"http://127.0.0.1:{free_port()}/store", GRAPH, timeout=5)
