"""The exports made part by part are the exports of one store of the whole
(mitoaki.release.part_exports).

Differential: nanopublications, KGX files, framed studies, HTML pages and the dataset's counts
made from parts of the knowledge base (as the build's workers make them) against the same
exports of the whole, on the real records in two parts and on synthetic records whose files are
linked by a reference; parts that split linked files do not give the whole's pages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.namespace import RDFS

from mitoaki.access.store import load_store
from mitoaki.build import BuildReport
from mitoaki.check import shards
from mitoaki.core import serialize
from mitoaki.core.namespaces import KB
from mitoaki.core.paths import data_dir
from mitoaki.core.stores import ntriples_store, to_store
from mitoaki.kb.triples import kb_triples, labels_of
from mitoaki.ontology.tbox import load_tbox
from mitoaki.records.loader import LoadedFile, load_records
from mitoaki.release import docs, frames, kgx, manifest, nanopub, part_exports, void

EXPORTED = ("mitoaki-kb.trig", "mitoaki_kgx_nodes.tsv", "mitoaki_kgx_edges.tsv")


def release_folder(tmp: Path, triples: list[ox.Triple], full: Path) -> Path:
    """A folder holding what the exports read: the KB's sorted N-Triples and the ontology."""
    tmp.mkdir(parents=True)
    with (tmp / "mitoaki-kb.nt").open("wb") as handle:
        ox.serialize(serialize.sort_triples(triples), handle, format=ox.RdfFormat.N_TRIPLES)
    shutil.copy(full, tmp / "mitoaki-full.nt")
    return tmp


def whole(folder: Path) -> void.VoidCounts:
    """The exports of one store of the whole (the reference); returns the dataset's counts."""
    triples = list(ox.parse(path=str(folder / "mitoaki-kb.nt"), format=ox.RdfFormat.N_TRIPLES))
    nanopub.write_nanopublications(triples, folder / "mitoaki-kb.trig")
    kb = to_store(triples)
    full = Graph().parse(folder / "mitoaki-full.nt", format="nt")
    kgx.write_kgx_store(kb, full, folder)
    frames.write_frames_store(kb, folder)
    docs.write_site(load_store(folder), folder)
    return void.void_counts(full, kb)


def by_parts(folder: Path, owners: dict[str, int], groups: list[list[int]]) -> void.VoidCounts:
    """The same exports made as the build's workers make them, one call per group of parts."""
    scratch = folder / "scratch"
    scratch.mkdir()
    together = part_exports.PartExports()
    for group in groups:
        together.add(part_exports.export_parts(folder, owners, group, scratch))
    full = Graph().parse(folder / "mitoaki-full.nt", format="nt")
    merged = part_exports.write_merged(together, full, folder, scratch)
    for name, digest in together.digests.items():  # the manifest takes them as they are
        assert manifest.sha256_of(folder / name) == digest, name
    docs.write_front(load_store(folder), folder, together.studies)
    shutil.rmtree(scratch)
    assert merged.nanopublications == (folder / "mitoaki-kb.trig").read_bytes().count(
        b"a np:Nanopublication"
    )
    assert sorted(merged.files) == sorted(
        [*EXPORTED, *(p.relative_to(folder).as_posix() for p in folder.glob("studies/*.jsonld"))]
        + [
            p.relative_to(folder).as_posix()
            for p in folder.glob("site/*/*.html")  # the front pages are written apart
        ]
    )
    return merged.void


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix != ".nt" and "store" not in p.parts
    }


def compare(
    tmp: Path, triples: list[ox.Triple], owners: dict[str, int], groups: list[list[int]], full: Path
) -> tuple[dict[str, bytes], dict[str, bytes]]:
    reference = release_folder(tmp / "whole", triples, full)
    parted = release_folder(tmp / "parts", triples, full)
    counts = whole(reference), by_parts(parted, owners, groups)
    assert counts[0] == counts[1]
    return files_of(reference), files_of(parted)


@pytest.fixture(scope="module")
def labels() -> dict[str, str]:
    return labels_of(load_tbox(None).merged())


def test_the_real_records_exported_in_two_parts_are_the_whole_export(
    release: BuildReport, labels: dict[str, str], tmp_path: Path
) -> None:
    loaded = load_records(data_dir("ontology") / "records")
    plan = shards.plan(loaded, size=1)
    assert len(plan) == 2
    triples = list(ox.parse(path=str(release.out / "mitoaki-kb.nt")))  # with inferred types
    reference, parted = compare(
        tmp_path, triples, shards.owners(loaded, plan), [[0], [1]], release.out / "mitoaki-full.nt"
    )
    assert parted == reference
    assert {"mitoaki-kb.trig", "site/index.html", "site/ontology.html"} <= set(parted)
    assert len([n for n in parted if n.startswith("site/findings/")]) > 50
    # the release (built in one part) wrote the same files
    for name in ("mitoaki-kb.trig", "mitoaki_kgx_edges.tsv", "site/index.html"):
        assert (release.out / name).read_bytes() == parted[name], name


def test_synthetic_parts_linked_by_a_reference_export_as_the_whole(
    crossed: list[LoadedFile],
    release: BuildReport,
    labels: dict[str, str],
    tmp_path: Path,
) -> None:
    triples = kb_triples(crossed, labels)
    full = release.out / "mitoaki-full.nt"
    plan = shards.plan(crossed, size=1)
    assert len(plan) == 5
    reference, parted = compare(
        tmp_path / "closed", triples, shards.owners(crossed, plan), [[0, 2, 4], [1, 3]], full
    )
    assert parted == reference
    assert len([n for n in parted if n.startswith("studies/")]) == 30
    # parts that split the linked files: the finding's page no longer finds its study
    per_file = [[i] for i in range(len(crossed))]
    reference, split = compare(
        tmp_path / "per-file",
        triples,
        shards.owners(crossed, per_file),
        [[0, 1, 2, 3, 4, 5]],
        full,
    )
    differing = {name for name in reference if reference[name] != split.get(name)}
    assert differing and all(name.startswith(("site/", "studies/")) for name in differing)


def test_a_line_of_no_record_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "kb.nt"
    path.write_text(
        f'<{KB}finding/a> <http://www.w3.org/2000/01/rdf-schema#label> "a" .\n'
        f'<{KB}finding/b/annotation> <http://www.w3.org/2000/01/rdf-schema#label> "b" .\n',
        encoding="utf-8",
    )
    assert part_exports.split(path, {f"{KB}finding/a": 0, f"{KB}finding/b": 1}, [1]) == {
        1: {f"{KB}finding/b": [f'<{KB}finding/b/annotation> <{RDFS.label}> "b" .\n'.encode()]}
    }
    with pytest.raises(
        ValueError,
        match=r"kb\.nt: <https://w3id\.org/mitoaki/kb/finding/b/annotation> is the node of no",
    ):
        part_exports.split(path, {f"{KB}finding/a": 0}, [0])


def test_a_store_of_ntriples_bytes_is_the_store_of_their_triples() -> None:
    """ntriples_store (Oxigraph parses the bytes) keeps what to_store keeps, re-typed literals."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    data = "".join(
        f"<{KB}study/s> <urn:x:p{i}> {value} .\n"
        for i, value in enumerate(
            (
                f'"7"^^<{xsd}byte>',
                f'"12"^^<{xsd}positiveInteger>',
                f'"2000-01-01T00:00:00Z"^^<{xsd}dateTimeStamp>',
                f'"3"^^<{xsd}integer>',
                '"word"@en',
                '"plain"',
                f"<{KB}model/m>",
            )
        )
    ).encode()
    expected = to_store(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    made = ntriples_store(data)
    assert set(made) == set(expected)
    assert len([q for q in made if q.graph_name != ox.DefaultGraph()]) >= 2  # byte, positive


def test_a_record_line_not_ended_as_ntriples_is_an_error_naming_the_record() -> None:
    lines = {f"{KB}finding/a": [f'<{KB}finding/a> <{RDFS.label}> "a" .\r\n'.encode()]}
    with pytest.raises(ValueError, match=r"kb/finding/a does not end with"):
        list(nanopub.chunks_of_lines(lines))
