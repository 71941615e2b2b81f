"""Publish to real stores on loopback (an Oxigraph server; Virtuoso, signed in) and read back."""

from __future__ import annotations

import base64
import http.server
import shutil
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
import pytest
from tests.conftest import release_triples
from tests.stores import Virtuoso
from tests.test_serve import free_port, wait_for
from typer.testing import CliRunner

from mitoaki.access.publish import publish, release_body
from mitoaki.access.remote import PASSWORD_VARIABLE, check_transport, credentials, remote_query
from mitoaki.build import BuildReport
from mitoaki.cli import app
from mitoaki.core.errors import EndpointError, MitoakiError, PublishError

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


def test_publish_then_query_back(release: BuildReport, oxigraph_server: str) -> None:
    assert publish(release.out, f"{oxigraph_server}/store", GRAPH) in (200, 201, 204)
    assert count(oxigraph_server) == release_triples(release.out)
    # publishing again replaces the graph in one request: no duplicates
    publish(release.out, f"{oxigraph_server}/store", GRAPH)
    assert count(oxigraph_server) == release_triples(release.out)
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


def test_publish_to_virtuoso_signs_in_with_digest_and_replaces(
    release: BuildReport, virtuoso: Virtuoso, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = "urn:mitoaki:test:publish"
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    monkeypatch.setenv(PASSWORD_VARIABLE, virtuoso.password)
    for _ in range(2):  # the second time replaces the graph: no duplicates
        assert publish(release.out, virtuoso.graph_store, graph, user=virtuoso.user) in (200, 201)
        answer = remote_query(virtuoso.sparql, count)
        assert isinstance(answer, ox.QuerySolutions)
        assert [int(s["n"].value) for s in answer] == [release_triples(release.out)]  # type: ignore[union-attr]


def test_virtuoso_refuses_a_wrong_password_and_no_password(
    release: BuildReport, virtuoso: Virtuoso, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_VARIABLE, "not-" + virtuoso.password)
    with pytest.raises(PublishError, match="HTTP 401"):
        publish(release.out, virtuoso.graph_store, "urn:x", user=virtuoso.user)
    monkeypatch.setenv("HOME", "/nonexistent")  # no ~/.netrc either
    with pytest.raises(PublishError, match=r"HTTP 401.*sign in with --user"):
        publish(release.out, virtuoso.graph_store, "urn:x")


class BasicStore(http.server.BaseHTTPRequestHandler):
    """A Graph Store endpoint that wants HTTP Basic for everything; it counts the bodies it gets."""

    expected = "Basic " + base64.b64encode(b"curator:s3cret").decode()
    bodies: ClassVar[list[int]] = []

    def _signed_in(self) -> bool:
        if self.headers.get("Authorization") == self.expected:
            return True
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="store"')
        self.send_header("Content-Length", "0")
        self.end_headers()
        return False

    def do_HEAD(self) -> None:
        if self._signed_in():
            self.send_response(404)
            self.end_headers()

    def do_PUT(self) -> None:
        self.bodies.append(len(self.rfile.read(int(self.headers["Content-Length"]))))
        if self._signed_in():
            self.send_response(201)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, *args: object) -> None:
        """Quiet."""


def test_basic_authentication_sends_the_release_once(
    release: BuildReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), BasicStore)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        endpoint = f"http://127.0.0.1:{server.server_address[1]}/store"
        monkeypatch.setenv(PASSWORD_VARIABLE, "s3cret")
        assert publish(release.out, endpoint, GRAPH, user="curator") == 201
        # the HEAD learnt the scheme: the release went once, signed
        assert BasicStore.bodies == [len(release_body(release.out))]
    finally:
        server.shutdown()


def test_the_password_comes_from_the_environment_or_netrc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    assert credentials("http://store.example.org/x", None) is None
    with pytest.raises(EndpointError, match=r"no password for user 'dba': set \$MITOAKI_PASS"):
        credentials("http://store.example.org/x", "dba")
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine store.example.org login dba password fromnetrc\n", encoding="utf-8")
    netrc.chmod(0o600)
    assert credentials("https://store.example.org/x", None) == ("dba", "fromnetrc")
    assert credentials("https://store.example.org/x", "dba") == ("dba", "fromnetrc")
    monkeypatch.setenv(PASSWORD_VARIABLE, "fromenv")
    assert credentials("https://store.example.org/x", "dba") == ("dba", "fromenv")


def test_a_password_goes_over_plain_http_to_loopback_only(
    release: BuildReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    check_transport("https://store.example.org/x", insecure=False)
    check_transport("http://127.0.0.1:8890/x", insecure=False)
    check_transport("http://localhost/x", insecure=False)
    check_transport("http://store.example.org/x", insecure=True)
    monkeypatch.setenv(PASSWORD_VARIABLE, "s3cret")
    # refused before any connection is made
    result = CliRunner().invoke(
        app,
        [
            *("publish", "--endpoint", "http://store.example.org/store"),
            *("--build", str(release.out), "--user", "dba"),
        ],
    )
    assert result.exit_code == 1 and "refusing to send a password over plain HTTP" in result.output
    options = CliRunner().invoke(app, ["publish", "--help"]).output
    assert "--user" in options and "--insecure" in options and "--password" not in options
