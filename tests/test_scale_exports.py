"""The store-based exports (KGX, framed studies, VoID) give the release's files, byte for byte.

The release's knowledge base is read back from ``mitoaki-kb.nt`` into a pyoxigraph store, as the
build will hold it, and each export is compared with what the release wrote and with an
independent reference: the rdflib algorithm the KGX export had, pyld's framing for the studies.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, RDFS, XSD

from mitoaki.build import BuildReport
from mitoaki.core.namespaces import KB, OBO, PROV, compress, expand
from mitoaki.core.stores import to_store
from mitoaki.records.loader import LoadedFile
from mitoaki.release import frames, kgx, void
from mitoaki.release.framer import Compactor

M = "https://w3id.org/mitoaki/MITOAKI_"


@pytest.fixture(scope="module")
def recorded(release: BuildReport) -> ox.Store:
    """The knowledge base in a store that records the literals Oxigraph re-types."""
    path = release.out / "mitoaki-kb.nt"
    return to_store(ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES))


@pytest.fixture(scope="module")
def plain(release: BuildReport) -> ox.Store:
    """The knowledge base loaded as is (literals of derived integer types become xsd:integer)."""
    store = ox.Store()
    store.load(path=str(release.out / "mitoaki-kb.nt"), format=ox.RdfFormat.N_TRIPLES)
    return store


@pytest.fixture(scope="module")
def full(release: BuildReport) -> Graph:
    """The full ontology, as the release wrote it."""
    return Graph().parse(release.out / "mitoaki-full.ttl")


@pytest.fixture(scope="module")
def kb_graph(release: BuildReport) -> Graph:
    """The knowledge base as an rdflib graph (for the references)."""
    return Graph().parse(release.out / "mitoaki-kb.nt", format="nt")


def _same_files(names: Iterable[str], ours: Path, theirs: Path) -> list[str]:
    """The files of ``names`` whose bytes differ between two folders."""
    return [n for n in names if (ours / n).read_bytes() != (theirs / n).read_bytes()]


# -- KGX -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("store_kind", ["plain", "recorded"])
def test_kgx_from_a_store_is_the_release(
    release: BuildReport,
    full: Graph,
    tmp_path: Path,
    store_kind: str,
    request: pytest.FixtureRequest,
) -> None:
    store = request.getfixturevalue(store_kind)
    names = kgx.write_kgx_store(store, full, tmp_path)
    assert names == ("mitoaki_kgx_nodes.tsv", "mitoaki_kgx_edges.tsv")
    assert _same_files(names, tmp_path, release.out) == []


def _reference_kgx(kb: Graph, tbox: Graph) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The rdflib algorithm ``kgx.to_kgx`` had before the store (a loop over records)."""
    edges: list[dict[str, str]] = []
    terms: set[URIRef] = set()

    def edge(record: URIRef, s: URIRef, rel: str, o: URIRef, direction: str, level: str) -> None:
        predicate, implied = kgx.PREDICATES.get(rel, ("biolink:related_to", ""))
        documents = set(kb.objects(record, PROV.wasDerivedFrom))
        studies = set(kb.objects(record, URIRef(f"{M}0000007"))) | {
            study
            for number in kb.objects(record, URIRef(f"{M}0000054"))
            for document in documents
            for study in kb.objects(document, URIRef(f"{M}0000020"))
            if (study, URIRef(f"{M}0000040"), number) in kb
        }
        refs = sorted(compress(str(p)) for p in studies or documents)
        edges.append(
            {
                "id": compress(str(record)),
                "subject": compress(str(s)),
                "predicate": predicate,
                "object": compress(str(o)),
                "original_predicate": rel,
                "object_direction_qualifier": direction or implied,
                "primary_knowledge_source": kgx.SOURCE,
                "knowledge_level": level,
                "agent_type": "manual_agent",
                "publications": "|".join(refs),
            }
        )
        terms.update((s, o))

    for record in kb.subjects(RDF.type, URIRef(f"{M}0000701")):
        assert isinstance(record, URIRef)
        s, rel, o = (kb.value(record, URIRef(f"{M}{n}")) for n in ("0000012", "0000052", "0000013"))
        if isinstance(s, URIRef) and isinstance(rel, URIRef) and isinstance(o, URIRef):
            edge(record, s, compress(str(rel)), o, "", "knowledge_assertion")
    for record in kb.subjects(RDF.type, URIRef(f"{M}0000700")):
        assert isinstance(record, URIRef)
        entity = kb.value(record, URIRef(f"{M}0000008"))
        direction = kb.value(record, URIRef(f"{M}0000009"))
        intervention = kb.value(record, URIRef(f"{M}0000011"))
        agent = kb.value(intervention, URIRef(f"{M}0000002")) if intervention else None
        types = sorted(
            t
            for t in (kb.objects(agent, RDF.type) if agent is not None else ())
            if isinstance(t, URIRef) and t != OBO.BFO_0000040
        )
        if isinstance(entity, URIRef) and types and direction is not None:
            qualifier = kgx.DIRECTIONS.get(str(direction), "")
            edge(record, types[0], "RO:0002411", entity, qualifier, "observation")
    label = {s: str(o) for s, o in tbox.subject_objects(RDFS.label)}
    nodes = [
        {
            "id": compress(str(t)),
            "category": kgx.category(tbox, t),
            "name": label.get(t, ""),
            "provided_by": kgx.SOURCE,
        }
        for t in terms
    ]
    return (
        sorted(nodes, key=lambda n: n["id"]),
        sorted(edges, key=lambda e: (e["id"], e["subject"], e["object"])),
    )


def test_kgx_from_a_store_matches_the_rdflib_algorithm(
    recorded: ox.Store, kb_graph: Graph, full: Graph
) -> None:
    nodes, edges = kgx.to_kgx_store(recorded, full)
    assert len(edges) > 100
    assert (nodes, edges) == _reference_kgx(kb_graph, full)
    assert kgx.to_kgx(kb_graph, full) == (nodes, edges)  # the rdflib entry point, through a store


# -- framed studies ------------------------------------------------------------------------------


def test_framed_studies_from_a_store_are_the_release(
    release: BuildReport, recorded: ox.Store, tmp_path: Path
) -> None:
    written = frames.write_frames_store(recorded, tmp_path)
    assert written == sorted(
        p.relative_to(release.out).as_posix() for p in (release.out / "studies").glob("*.jsonld")
    )
    assert len(written) == 19
    assert _same_files(written, tmp_path, release.out) == []


def test_framed_studies_are_what_pyld_frames(
    release: BuildReport, recorded: ox.Store, kb_graph: Graph
) -> None:
    for study in frames.studies_of(kb_graph):
        reference = json.dumps(frames.frame_study(kb_graph, study), indent=2, ensure_ascii=False)
        name = f"studies/{str(study).rsplit('/', 1)[-1]}.jsonld"
        assert (release.out / name).read_text(encoding="utf-8") == reference + "\n", name


def test_framed_studies_from_a_plain_store_differ_only_in_integer_types(
    release: BuildReport, plain: ox.Store, tmp_path: Path
) -> None:
    """Without the datatype records, derived integer types read back as ``xsd:integer``."""
    for name in frames.write_frames_store(plain, tmp_path):
        ours = (tmp_path / name).read_text(encoding="utf-8")
        theirs = (release.out / name).read_text(encoding="utf-8")
        for derived in ("xsd:positiveInteger", "xsd:nonNegativeInteger"):
            theirs = theirs.replace(f'"@type": "{derived}"', '"@type": "xsd:integer"')
        assert ours == theirs, name


def test_framing_corner_cases_match_pyld(tmp_path: Path) -> None:
    """A node reachable twice (embedded once), cycles, unprefixed IRIs, typed and tagged literals,
    a study without findings, a finding of two studies: the same bytes as pyld."""
    kb, ex = Graph(), "https://example.org/"
    study, other = KB["study/a"], KB["study/b"]
    model, agent, part = KB["model/a"], KB["intervention/a/agent"], KB["model/a/part"]
    intervention, finding = KB["intervention/a"], KB["finding/a"]
    reported_by = URIRef(f"{M}0000007")
    triples = [
        (study, RDF.type, URIRef(f"{M}0000602")),
        (other, RDF.type, URIRef(f"{M}0000603")),
        (KB["study/empty"], RDF.type, URIRef(f"{M}0000601")),
        (KB["study/empty"], RDFS.label, Literal("nothing reports on me", lang="en")),
        (study, URIRef(f"{M}0000005"), model),
        (study, URIRef(f"{M}0000006"), intervention),
        (study, URIRef(f"{ex}cites"), URIRef(f"{ex}paper")),
        (study, URIRef(f"{M}0000054"), Literal("7", datatype=XSD.positiveInteger)),
        (study, URIRef(f"{M}0000054"), Literal("12", datatype=XSD.positiveInteger)),
        (model, RDF.type, URIRef(f"{M}0000201")),
        (model, RDF.type, OWL.NamedIndividual),
        (model, URIRef(f"{M}0000001"), agent),  # the agent, under the model first
        (model, URIRef(f"{M}0000001"), part),
        (part, RDFS.label, Literal("a part")),
        (part, URIRef(f"{M}0000005"), study),  # a cycle back to the study
        (intervention, URIRef(f"{M}0000002"), agent),  # then referenced
        (agent, RDF.type, URIRef(expand("CL:0002540"))),
        (agent, RDF.type, OBO.BFO_0000040),
        (agent, URIRef(f"{M}0000043"), Literal("18.0", datatype=XSD.decimal)),
        # decimals in the knowledge base's form (kb.decimal_lexical): a store keeps the value only
        (agent, URIRef(f"{M}0000044"), Literal("4.1", datatype=XSD.decimal)),
        (agent, RDFS.comment, Literal('quotes " and \\ and é')),
        (finding, reported_by, study),
        (finding, reported_by, other),
        (finding, URIRef(f"{M}0000010"), model),
        (finding, URIRef(f"{M}0000011"), intervention),
        (finding, URIRef(f"{M}0000053"), Literal("0", datatype=XSD.nonNegativeInteger)),
        (finding, URIRef(f"{M}0000051"), Literal("")),  # (an explicit xsd:string reads back plain)
    ]
    for triple in triples:
        kb.add(triple)
    written = frames.write_frames_store(to_store(kb), tmp_path)
    assert written == ["studies/a.jsonld", "studies/b.jsonld", "studies/empty.jsonld"]
    for study_iri in frames.studies_of(kb):
        name = f"studies/{str(study_iri).rsplit('/', 1)[-1]}.jsonld"
        reference = frames.frame_study(kb, study_iri)
        text = json.dumps(reference, indent=2, ensure_ascii=False) + "\n"
        assert (tmp_path / name).read_text(encoding="utf-8") == text, name
    document = json.loads((tmp_path / "studies/a.jsonld").read_text(encoding="utf-8"))
    assert document["MITOAKI:0000005"]["MITOAKI:0000001"][0]["@id"] == "kb:intervention/a/agent"
    assert document["MITOAKI:0000006"]["MITOAKI:0000002"] == {"@id": "kb:intervention/a/agent"}


def test_compact_iris_like_json_ld() -> None:
    compact = Compactor()
    assert compact.iri("https://w3id.org/mitoaki/MITOAKI_0000700") == "MITOAKI:0000700"
    assert compact.iri("https://w3id.org/mitoaki/kb/") == "mitoaki:kb/"
    assert compact.iri("http://purl.obolibrary.org/obo/") == "http://purl.obolibrary.org/obo/"
    assert compact.iri("http://purl.obolibrary.org/obo/", vocab=True) == "obo"
    assert compact.iri("https://example.org/x") == "https://example.org/x"


# -- VoID ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("store_kind", ["plain", "recorded"])
def test_void_from_a_store_is_the_release(
    release: BuildReport, full: Graph, store_kind: str, request: pytest.FixtureRequest
) -> None:
    store = request.getfixturevalue(store_kind)
    written = Graph().parse(release.out / "void.ttl")
    # the build lists the files written before the description; read that list back
    titles = (
        str(written.value(d, DCTERMS.title))
        for d in written.objects(void.DATASET, DCAT.distribution)
    )
    distributions = [*sorted(titles), void.LANDING_PAGE]
    version = str(written.value(void.DATASET, OWL.versionInfo))
    ours = void.to_void_store(full, store, version, distributions)
    assert isomorphic(ours, written)


def test_void_counts_a_triple_in_both_graphs_once() -> None:
    full, kb = Graph(), ox.Store()
    shared = (KB["study/x"], RDF.type, URIRef(f"{M}0000602"))
    full.add(shared)
    full.add((URIRef(f"{M}0000602"), RDFS.label, Literal("in vivo study")))
    kb.add(ox.Quad(*(ox.NamedNode(str(t)) for t in shared)))
    kb.add(
        ox.Quad(ox.NamedNode(str(KB["study/x"])), ox.NamedNode(str(RDFS.label)), ox.Literal("x"))
    )
    ours = void.to_void_store(full, kb, "v", [])
    reference = Graph()
    reference += full
    reference.add((KB["study/x"], RDFS.label, Literal("x")))
    assert isomorphic(ours, void.to_void({"union": reference}, "v", []))


# -- streamed KB writers -------------------------------------------------------------------------


def test_jsonld_writer_is_json_dumps_of_the_compacted_document() -> None:
    from mitoaki.core.jsonld import jsonld_context
    from mitoaki.core.serialize import RdfFormat, sort_triples, triples_to_bytes

    study, finding = ox.NamedNode(f"{KB}study/s"), ox.NamedNode(f"{KB}finding/f")
    label = ox.NamedNode(str(RDFS.label))
    triples = sort_triples(
        [
            ox.Triple(study, ox.NamedNode(str(RDF.type)), ox.NamedNode(f"{OBO}OBI_0000070")),
            ox.Triple(study, label, ox.Literal('Étude α "quoted"\n')),
            ox.Triple(study, label, ox.Literal("study", language="en")),
            ox.Triple(finding, ox.NamedNode(f"{KB}p"), study),
            ox.Triple(
                finding,
                ox.NamedNode(f"{KB}n"),
                ox.Literal("3", datatype=ox.NamedNode(str(XSD.integer))),
            ),
            # rdf:type with a literal is a plain key; a namespace alone has no compact form
            ox.Triple(finding, ox.NamedNode(str(RDF.type)), ox.Literal("odd")),
            ox.Triple(finding, ox.NamedNode(str(RDF.type)), ox.NamedNode(f"{OBO}IAO_0000030")),
            ox.Triple(finding, ox.NamedNode(f"{KB}q"), ox.NamedNode(OBO)),
        ]
    )
    expected = {
        "@context": jsonld_context()["@context"],
        "@graph": [
            {
                "@id": "kb:finding/f",
                "rdf:type": "odd",  # a literal sorts before an IRI
                "@type": "obo:IAO_0000030",
                "kb:n": {"@type": "xsd:integer", "@value": "3"},
                "kb:p": {"@id": "kb:study/s"},
                "kb:q": {"@id": OBO},
            },
            {
                "@id": "kb:study/s",
                "@type": "obo:OBI_0000070",  # rdf:type (1999/...) sorts before rdfs:label
                "rdfs:label": [{"@language": "en", "@value": "study"}, 'Étude α "quoted"\n'],
            },
        ],
    }
    written = triples_to_bytes(triples, RdfFormat.JSONLD).decode("utf-8")
    assert json.loads(written) == expected
    assert written == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    empty = {"@context": jsonld_context()["@context"], "@graph": []}
    assert triples_to_bytes([], RdfFormat.JSONLD).decode() == json.dumps(empty, indent=2) + "\n"
    with pytest.raises(ValueError, match="not sorted"):
        triples_to_bytes([*triples[3:], *triples[:3]], RdfFormat.JSONLD)


def test_merge_sorted_is_sort_triples_of_both() -> None:
    from mitoaki.core.serialize import merge_sorted, sort_triples

    def t(s: str, o: str) -> ox.Triple:
        return ox.Triple(
            ox.NamedNode(f"urn:x:{s}"), ox.NamedNode(str(RDF.type)), ox.NamedNode(f"urn:x:{o}")
        )

    ordered = sort_triples([t("a", "A"), t("c", "C"), t("e", "E")])
    more = [t("d", "D"), t("a", "A"), t("b", "B"), t("d", "D")]
    assert merge_sorted(ordered, more) == sort_triples([*ordered, *more])
    assert merge_sorted([], more) == sort_triples(more)


def test_merge_parts_is_sort_triples_of_the_parts_that_share_no_triple(
    crossed: list[LoadedFile],
) -> None:
    from mitoaki.check import shards
    from mitoaki.core.serialize import merge_parts, sort_triples
    from mitoaki.kb.triples import kb_triples, labels_of
    from mitoaki.ontology.tbox import load_tbox

    labels = labels_of(load_tbox(None).merged())
    parts = [kb_triples([crossed[i] for i in p], labels) for p in shards.plan(crossed, size=1)]
    assert len(parts) == 5
    merged = merge_parts([sort_triples(part) for part in parts])
    assert merged == sort_triples(t for part in parts for t in part)
    assert merge_parts([sort_triples(parts[0])]) == sort_triples(parts[0])
    assert merge_parts([]) == []


def test_ntriples_writer_keeps_the_sorted_order_without_sorting_again() -> None:
    from mitoaki.core.serialize import RdfFormat, sort_triples, to_ntriples, triples_to_bytes
    from mitoaki.kb.triples import to_graph

    s, p = ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p")
    # forms that begin other forms: a language tag and its subtag, a literal and its typed
    # twin, an IRI and a longer one; the lines must stay in the order of the sorted forms
    objects = [
        ox.Literal("a", language="en"),
        ox.Literal("a", language="en-gb"),
        ox.Literal("a"),
        ox.Literal("a", datatype=ox.NamedNode(str(XSD.integer))),
        ox.NamedNode("urn:x:o"),
        ox.NamedNode("urn:x:o2"),
        ox.Literal("a b"),
    ]
    triples = sort_triples(ox.Triple(s, p, o) for o in objects)
    written = triples_to_bytes(triples, RdfFormat.NTRIPLES)
    assert written == to_ntriples(to_graph(triples))
    assert written.decode().splitlines() == sorted(written.decode().splitlines())
    with pytest.raises(ValueError, match="not sorted"):
        triples_to_bytes([*triples[1:], triples[0]], RdfFormat.NTRIPLES)
    with pytest.raises(ValueError, match="not distinct"):
        triples_to_bytes([triples[0], *triples], RdfFormat.NTRIPLES)
