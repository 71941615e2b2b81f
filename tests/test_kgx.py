"""kgx validate (Biolink) on the release's KGX files, offline, and what their publications name."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import curies
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from mitoaki.build import BuildReport
from mitoaki.core.namespaces import PROV

OFFLINE = Path(__file__).with_name("kgx_offline.py")
NODES, EDGES = "mitoaki_kgx_nodes.tsv", "mitoaki_kgx_edges.tsv"
M = "https://w3id.org/mitoaki/MITOAKI_"


@pytest.fixture(scope="module")
def reports(release: BuildReport, tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    """What ``kgx validate`` reports (level -> error type -> message -> ids) on the release's
    files, then on them broken as they were before issue 21: a mixin category and no prefix map.

    tests/kgx_offline.py refuses every socket; the proxies point nowhere besides.
    """
    folder, out = tmp_path_factory.mktemp("kgx"), release.out
    nodes = (out / NODES).read_text(encoding="utf-8")
    (folder / NODES).write_text(nodes.replace("biolink:Protein", "biolink:GeneOrGeneProduct"))
    (folder / "context.jsonld").write_text('{"@context": {}}', encoding="utf-8")
    report = folder / "kgx-report.json"
    files = [out / NODES, out / EDGES, out / "context.jsonld"]
    files += [folder / NODES, out / EDGES, folder / "context.jsonld"]
    nowhere = "http://127.0.0.1:9"
    env = {**os.environ, "HTTP_PROXY": nowhere, "HTTPS_PROXY": nowhere, "NO_PROXY": ""}
    command = [sys.executable, str(OFFLINE), str(report), *map(str, files)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    found: list[Any] = json.loads(report.read_text(encoding="utf-8"))
    return found


def test_kgx_validate_finds_nothing(reports: list[Any]) -> None:
    """0 errors, 0 warnings: no mixin category, every prefix Biolink's or context.jsonld's."""
    assert reports[0] == {}


def test_kgx_validate_sees_a_mixin_and_an_unknown_prefix(reports: list[Any]) -> None:
    """The same run on files broken as they were (issue 21) reports both: it is not vacuous."""
    messages = {m for kinds in reports[1].values() for by in kinds.values() for m in by}
    assert "Category 'GeneOrGeneProduct' is a mixin in the Biolink Model" in messages
    assert any("CURIE prefix 'MITOAKI'" in m for m in messages)


def test_context_agrees_with_the_biolink_prefix_map(release: BuildReport) -> None:
    """A prefix both maps name means the same namespace: context.jsonld redefines none."""
    from importlib.resources import files

    biolink = json.loads(
        (files("biolink_model") / "prefixmaps" / "biolink-model-prefix-map.json").read_text()
    )
    ours = json.loads((release.out / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    shared = set(biolink) & set(ours)
    assert {"GO", "HGNC", "CHEBI"} <= shared
    assert {p: ours[p] for p in shared} == {p: biolink[p] for p in shared}


def test_publications_are_the_studies_and_documents_of_the_release(release: BuildReport) -> None:
    """Each publication expands, with the shipped context.jsonld, to a study or document IRI."""
    context = json.loads((release.out / "context.jsonld").read_text(encoding="utf-8"))
    converter = curies.Converter.from_prefix_map(
        {k: v for k, v in context["@context"].items() if k not in {"obo", "mitoaki"}}
    )
    kb = Graph().parse(release.out / "mitoaki-kb.nt", format="nt")
    studies = set(kb.objects(None, URIRef(f"{M}0000020")))
    documents = set(kb.objects(None, PROV.wasDerivedFrom))
    with (release.out / EDGES).open(encoding="utf-8") as handle:
        edges = list(csv.DictReader(handle, delimiter="\t"))
    named = [(e["id"], p) for e in edges for p in e["publications"].split("|")]
    assert len(named) >= len(edges)  # every edge names at least one
    iris = {URIRef(converter.expand_strict(p)) for _, p in named}
    assert iris <= studies | documents
    assert len(iris & studies) > 10 and iris & documents
    # a study's IRI resolves to its page (site/.htaccess): the pages are there
    for iri in iris & studies:
        key = str(iri).rsplit("/", 1)[-1]
        assert (release.out / "site" / "studies" / f"{key}.html").is_file(), key
    assert all((s, RDF.type, None) in kb for s in iris)
