"""The SPARQL endpoint, started for real on a free loopback port and spoken to over HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from mitoaki.build import BuildReport

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(url)


@pytest.fixture(scope="module")
def endpoint(release: BuildReport) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mitoaki",
            "serve",
            "--build",
            str(release.out),
            "--port",
            str(port),
            "--timeout",
            "5",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/")
        yield base + "/sparql"
    finally:
        process.terminate()
        process.wait(timeout=10)


def get(
    url: str, accept: str = "", data: bytes | None = None, content_type: str = ""
) -> tuple[int, str, bytes, dict[str, str]]:
    request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    if accept:
        request.add_header("Accept", accept)
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return (
                response.status,
                response.headers.get_content_type(),
                response.read(),
                dict(response.headers),
            )
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read(), dict(error.headers)


def test_get_select_json(endpoint: str) -> None:
    status, media, body, _ = get(f"{endpoint}?{urllib.parse.urlencode({'query': COUNT})}")
    assert status == 200 and media == "application/sparql-results+json"
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 10_000


@pytest.mark.parametrize(
    ("accept", "media", "start"),
    [
        ("text/csv", "text/csv", b"n\r\n"),
        ("text/tab-separated-values", "text/tab-separated-values", b"?n\n"),
        ("application/sparql-results+xml", "application/sparql-results+xml", b"<?xml"),
    ],
)
def test_content_negotiation_for_results(
    endpoint: str, accept: str, media: str, start: bytes
) -> None:
    status, got, body, _ = get(f"{endpoint}?{urllib.parse.urlencode({'query': COUNT})}", accept)
    assert (status, got) == (200, media) and body.startswith(start)


def test_post_form_and_direct(endpoint: str) -> None:
    query = "SELECT ?t WHERE { ?t a <http://purl.obolibrary.org/obo/OBI_0003701> }"
    form = urllib.parse.urlencode({"query": query}).encode()
    status, _, body, _ = get(endpoint, "text/csv", form, "application/x-www-form-urlencoded")
    assert status == 200 and b"kb/trial/nct01602328" in body
    status, _, body, _ = get(endpoint, "text/csv", query.encode(), "application/sparql-query")
    assert status == 200 and b"kb/trial/nct01602328" in body


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
    ],
)
def test_construct_graph_formats(endpoint: str, accept: str, media: str) -> None:
    query = "CONSTRUCT WHERE { ?s a <https://w3id.org/mitoaki/MITOAKI_0000600> }"
    status, got, body, _ = get(f"{endpoint}?{urllib.parse.urlencode({'query': query})}", accept)
    assert (status, got) == (200, media) and b"kb/document/msc-mito-aki-review" in body


def test_malformed_query_is_a_400_with_a_message(endpoint: str) -> None:
    status, _, body, _ = get(f"{endpoint}?query=SELEC")
    assert status == 400 and b"malformed SPARQL" in body


def test_updates_are_refused(endpoint: str) -> None:
    status, _, _, _ = get(
        endpoint,
        data=b"INSERT DATA { <a:b> <a:c> <a:d> }",
        content_type="application/sparql-update",
    )
    assert status == 403
    form = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    status, _, _, _ = get(endpoint, data=form, content_type="application/x-www-form-urlencoded")
    assert status == 403
    status, _, body, _ = get(f"{endpoint}?{urllib.parse.urlencode({'query': COUNT})}")
    assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 0


def test_service_description_and_cors(endpoint: str) -> None:
    status, media, body, _ = get(endpoint)
    assert (status, media) == (200, "text/turtle") and b"sd:Service" in body
    request = urllib.request.Request(
        f"{endpoint}?query=ASK%7B%7D", headers={"Origin": "https://example.org"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers.get("access-control-allow-origin") == "*"


def test_query_page_offers_the_competency_questions(endpoint: str) -> None:
    status, media, body, _ = get(endpoint.removesuffix("sparql"))
    assert (status, media) == (200, "text/html")
    assert body.count(b"data-query=") >= 15 and b"table1-by-source" in body


def test_slow_query_times_out(endpoint: str) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    status, _, body, _ = get(f"{endpoint}?{urllib.parse.urlencode({'query': query})}")
    assert status == 503 and b"timed out" in body
    assert time.monotonic() - started < 15


def test_service_federation_is_refused(endpoint: str) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    status, _, body, _ = get(f"{endpoint}?{urllib.parse.urlencode({'query': query})}")
    assert status == 403 and b"SERVICE" in body
    # the word inside a string literal is not federation
    query = 'SELECT ?x WHERE { BIND("SERVICE" AS ?x) }'
    status, _, _, _ = get(f"{endpoint}?{urllib.parse.urlencode({'query': query})}")
    assert status == 200


def test_result_size_limit(release: BuildReport) -> None:
    from starlette.testclient import TestClient

    from mitoaki.access.serve import create_app

    # as a context manager the client runs the lifespan, which stops the workers at the end
    with TestClient(create_app(release.out, max_result_bytes=2_000, workers=1)) as client:
        response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert response.status_code == 413 and "LIMIT" in response.text
        small = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert small.status_code == 200


def test_request_body_limit(release: BuildReport) -> None:
    from starlette.testclient import TestClient

    from mitoaki.access.serve import MAX_BODY, create_app

    with TestClient(create_app(release.out, workers=1)) as client:
        body = "SELECT * WHERE { ?s ?p ?o } #" + "x" * MAX_BODY
        response = client.post(
            "/sparql", content=body, headers={"Content-Type": "application/sparql-query"}
        )
        assert response.status_code == 413
        load = client.post(
            "/sparql",
            content="LOAD <http://example.org/data>",
            headers={"Content-Type": "application/sparql-update"},
        )
        assert load.status_code == 403


def test_in_memory_serves_the_same_answers(release: BuildReport) -> None:
    from starlette.testclient import TestClient

    from mitoaki.access.questions import questions
    from mitoaki.access.serve import create_app

    # the release's persisted store is there: --in-memory loads the N-Triples instead
    assert (release.out / "store").is_dir()
    with (
        TestClient(create_app(release.out, workers=1)) as persisted,
        TestClient(create_app(release.out, in_memory=True, workers=1)) as memory,
    ):
        texts = [COUNT, questions()["studies-by-inducer"].text]
        for text in texts:
            answers = [
                client.get("/sparql", params={"query": text}, headers={"Accept": "text/csv"})
                for client in (persisted, memory)
            ]
            assert [a.status_code for a in answers] == [200, 200]
            assert answers[0].text == answers[1].text and answers[0].text.count("\n") > 1


def test_a_query_past_its_timeout_is_stopped_and_its_worker_replaced(release: BuildReport) -> None:
    from starlette.testclient import TestClient

    from mitoaki.access.serve import create_app

    # 3 s: the replacement worker's first answer must fit in it on a busy machine too
    application = create_app(release.out, timeout=3.0, workers=1)
    pool = application.state.workers
    try:
        client = TestClient(application)
        (first,) = pool.pids()
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        started = time.monotonic()
        response = client.get("/sparql", params={"query": slow})
        assert response.status_code == 503 and "timed out" in response.text
        assert time.monotonic() - started < 10
        # the one worker was killed, not left running the query: a new one answers
        deadline = time.monotonic() + 60
        while pool.pids() in ([], [first]) and time.monotonic() < deadline:
            time.sleep(0.1)
        (second,) = pool.pids()
        assert second != first
        with pytest.raises(ProcessLookupError):
            os.kill(first, 0)
        count = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "text/csv"})
        assert count.status_code == 200 and int(count.text.split()[1]) > 1000
    finally:
        pool.close()
    assert pool.pids() == []


def test_a_worker_that_died_is_a_500_and_is_replaced(release: BuildReport) -> None:
    import signal

    from starlette.testclient import TestClient

    from mitoaki.access.serve import create_app

    with TestClient(create_app(release.out, timeout=20.0, workers=1)) as client:
        pool = client.app.state.workers  # type: ignore[attr-defined]
        (first,) = pool.pids()
        os.kill(first, signal.SIGKILL)
        response = client.get("/sparql", params={"query": COUNT})
        assert response.status_code == 500 and "worker stopped" in response.text
        again = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "text/csv"})
        assert again.status_code == 200 and pool.pids() != [first]
    assert pool.pids() == []


def test_a_release_without_its_files_is_an_error_at_start(tmp_path: Path) -> None:
    from mitoaki.access.serve import create_app
    from mitoaki.core.errors import ResourceError

    with pytest.raises(ResourceError, match="release file not found"):
        create_app(tmp_path, workers=1)


SELECT_FORMATS = [
    ("json", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("csv", "text/csv", ox.QueryResultsFormat.CSV),
    ("tsv", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
]
GRAPH_FORMATS = [
    ("turtle", "text/turtle", ox.RdfFormat.TURTLE),
    ("n3", "text/turtle", ox.RdfFormat.TURTLE),
    ("json-ld", "application/ld+json", ox.RdfFormat.JSON_LD),
    ("rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
    ("xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
]
TRIALS = "SELECT ?t WHERE { ?t a <http://purl.obolibrary.org/obo/OBI_0003701> }"
DOCUMENTS = "CONSTRUCT WHERE { ?d a <https://w3id.org/mitoaki/MITOAKI_0000600> }"


def sparqlwrapper(endpoint: str, query: str, fmt: str, method: str) -> tuple[str, bytes]:
    """SPARQLWrapper's request (its Accept header and format parameters): media type, body."""
    from SPARQLWrapper import POST, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method == "POST":
        client.setMethod(POST)
    response = client.query().response
    return response.headers.get_content_type(), response.read()


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(("fmt", "media", "parsed"), SELECT_FORMATS)
def test_sparqlwrapper_gets_every_results_format(
    endpoint: str, fmt: str, media: str, parsed: ox.QueryResultsFormat, method: str
) -> None:
    got, body = sparqlwrapper(endpoint, TRIALS, fmt, method)
    assert got == media
    trial = "https://w3id.org/mitoaki/kb/trial/nct01602328"
    if parsed == ox.QueryResultsFormat.CSV:  # lossy: Oxigraph does not read it back
        assert body.decode().split() == ["t", trial]
        return
    solutions = ox.parse_query_results(body, format=parsed)
    assert [s["t"].value for s in solutions] == [trial]  # type: ignore[union-attr,index]


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(("fmt", "media", "parsed"), GRAPH_FORMATS)
def test_sparqlwrapper_gets_every_graph_format(
    endpoint: str, fmt: str, media: str, parsed: ox.RdfFormat, method: str
) -> None:
    got, body = sparqlwrapper(endpoint, DOCUMENTS, fmt, method)
    assert got == media
    subjects = {q.subject.value for q in ox.parse(body, format=parsed)}
    assert "https://w3id.org/mitoaki/kb/document/msc-mito-aki-review" in subjects


def test_accept_decides_and_format_only_when_given(endpoint: str) -> None:
    query = urllib.parse.urlencode({"query": COUNT})
    status, media, _, _ = get(f"{endpoint}?{query}", "text/csv")
    assert (status, media) == (200, "text/csv")  # no ?format=: the Accept header
    status, media, _, _ = get(f"{endpoint}?{query}&format=xml", "text/csv")
    assert (status, media) == (200, "application/sparql-results+xml")
    status, media, _, _ = get(f"{endpoint}?{query}&format=text/tab-separated-values")
    assert (status, media) == (200, "text/tab-separated-values")
    status, media, _, _ = get(f"{endpoint}?{query}", "text/*;q=0.5, application/xml;q=0")
    assert (status, media) == (200, "text/csv")


@pytest.mark.parametrize(
    ("suffix", "accept"),
    [("", "image/png"), ("&format=png", ""), ("", "application/sparql-results+json;q=0")],
)
def test_an_accept_that_cannot_be_met_is_a_406(endpoint: str, suffix: str, accept: str) -> None:
    status, _, body, _ = get(
        f"{endpoint}?{urllib.parse.urlencode({'query': COUNT})}{suffix}", accept
    )
    assert status == 406 and b"csv" in body
    # a graph cannot be written as CSV
    query = urllib.parse.urlencode({"query": DOCUMENTS})
    status, _, body, _ = get(f"{endpoint}?{query}", "text/csv")
    assert status == 406 and b"text/turtle" in body


def test_default_and_named_graph_uris_build_the_dataset(endpoint: str) -> None:
    from mitoaki.access.store import RELEASE_GRAPH

    def count(**dataset: str) -> tuple[int, bytes]:
        query = urllib.parse.urlencode({"query": COUNT, **dataset})
        status, _, body, _ = get(f"{endpoint}?{query}", "text/csv")
        return status, body

    whole = count()
    assert whole[0] == 200 and count(**{"default-graph-uri": RELEASE_GRAPH}) == whole
    status, body = count(**{"default-graph-uri": "https://example.org/nothing"})
    assert status == 400 and b"no graph <https://example.org/nothing>" in body
    status, body = count(**{"named-graph-uri": RELEASE_GRAPH})
    assert status == 400 and b"is the default" in body
    # in the form of a POST too
    form = urllib.parse.urlencode(
        {"query": COUNT, "default-graph-uri": "https://example.org/nothing"}
    ).encode()
    status, _, body, _ = get(endpoint, "text/csv", form, "application/x-www-form-urlencoded")
    assert status == 400 and b"cannot build the dataset" in body


def test_mitoaki_query_at_the_endpoint_writes_what_the_release_gives(
    release: BuildReport, endpoint: str
) -> None:
    from typer.testing import CliRunner

    from mitoaki.cli import app

    runner = CliRunner()
    for args in (["trials", "-f", "csv"], ["open-concerns", "-f", "json"], ["routes", "-f", "xml"]):
        local = runner.invoke(app, ["query", *args, "--build", str(release.out)])
        remote = runner.invoke(app, ["query", *args, "--endpoint", endpoint])
        assert remote.exit_code == 0 and remote.stdout == local.stdout and len(local.stdout) > 200
    local = runner.invoke(app, ["table", "--build", str(release.out)])
    remote = runner.invoke(app, ["table", "--endpoint", endpoint])
    assert remote.exit_code == 0 and remote.stdout == local.stdout
