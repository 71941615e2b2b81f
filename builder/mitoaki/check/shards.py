"""The knowledge base reasoned over and checked in parts, each in a small store of its own.

One store of the whole knowledge base grows slower per triple as it grows (hash indexes of
millions of entries, each insert a cache miss): loading it took 15.5x as long for 10x the data.
Parts of a bounded size cost the same per triple whatever the size of the whole, and two of them
are checked at once, on forked worker processes (on threads where the process may not fork).

A part is a set of record files, closed under references: a finding naming a study of another
file puts both files in one part (``loader.REFERENCES``, joined by union-find). The knowledge
base's subjects are the records' own individuals (:func:`mitoaki.kb.triples.kb_triples`), so parts
share
no individual; what they share are ontology terms used as values. Then, per part:

* **reasoning** (:func:`mitoaki.kb.rules.infer_types`): when the ontology's rules are local
  (:meth:`~mitoaki.kb.rules.Compiled.local`: no inverse, symmetric, transitive,
  chain or inverse-functional property), an individual's types follow from its own edges and the
  types of their ends, so the whole's types are the union of the parts'. The one exception is a
  shared value typed differently by two parts, or typed by one part as a class another part's
  rule reads (:meth:`~mitoaki.kb.rules.Compiled.object_triggers`); both are detected after the
  parts are done, and the knowledge base is then reasoned over whole, as one part.
* **quality checks**: those of ``scope: ontology`` once on the ontology; the others on each part
  with the ontology, their rows united.
* **SHACL**: on each part with the ontology's classes and labels, on the gate's engine
  (:mod:`mitoaki.check.engines`); results about a shared term or the ontology header come from every
  part alike and are kept once.

A differential test holds this equal to the same steps on one store of the whole knowledge base,
on the real records and on broken ones (a reference across files, a term never declared).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF

from mitoaki.check import validate
from mitoaki.check.engines import Row, Shapes
from mitoaki.check.validate import Result, sort_results
from mitoaki.core import parallel
from mitoaki.core.namespaces import KB
from mitoaki.kb import rules
from mitoaki.kb.iris import KIND_SLUG
from mitoaki.ontology import quality
from mitoaki.records.loader import REFERENCES, LoadedFile

#: Records a part holds at least (fewer only in the last): 1,000 synthetic studies are ~4,800
#: records and ~110k triples, a store loaded in 0.3 s whatever the size of the whole.
PART_RECORDS = 4_000


def plan(loaded: Sequence[LoadedFile], size: int = PART_RECORDS) -> list[list[int]]:
    """Indexes of ``loaded`` grouped into parts: files linked by a reference share a part.

    Groups of linked files are taken in the order of their first file and packed into parts of
    at least ``size`` records; the files of a part keep their order.
    """
    parent = list(range(len(loaded)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner = {
        record.key: i for i, item in enumerate(loaded) for _, record in item.records.all_records()
    }
    for i, item in enumerate(loaded):
        for kind, record in item.records.all_records():
            for field_name, _ in REFERENCES.get(kind, ()):
                value = getattr(record, field_name)
                for target in value if isinstance(value, tuple) else (value,):
                    j = owner.get(target) if target is not None else None
                    if j is not None and root(i) != root(j):
                        parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[int]] = {}
    for i in range(len(loaded)):
        groups.setdefault(root(i), []).append(i)
    parts: list[list[int]] = []
    count = size  # start a new part at once
    for members in groups.values():  # dicts keep insertion order: by first file
        if count >= size:
            parts.append([])
            count = 0
        parts[-1].extend(members)
        count += sum(len(loaded[i].records.all_records()) for i in members)
    return [sorted(part) for part in parts]


def owners(loaded: Sequence[LoadedFile], parts: Sequence[Sequence[int]]) -> dict[str, int]:
    """The IRI of every record (``kb:<kind>/<key>``) -> the index of the part that holds it."""
    return {
        f"{KB}{KIND_SLUG[kind]}/{record.key}": index
        for index, part in enumerate(parts)
        for i in part
        for kind, record in loaded[i].records.all_records()
    }


@dataclass
class Checked:
    """What the parts gave: inferred types, quality-check rows and SHACL results."""

    #: (individual, class) pairs of the knowledge base's individuals.
    types: set[tuple[str, str]] = field(default_factory=set)
    #: Per part: the inferred types of the ontology terms it uses as values (closed upwards),
    #: and every such term it uses.
    outside: list[tuple[dict[str, set[str]], set[str]]] = field(default_factory=list)
    qc: set[quality.Violation] = field(default_factory=set)
    rows: set[Row] = field(default_factory=set)
    results: set[Result] = field(default_factory=set)

    @property
    def parts(self) -> int:
        """How many parts were checked."""
        return len(self.outside)

    def add(self, other: Checked) -> None:
        """Take in what another part gave."""
        self.types |= other.types
        self.outside += other.outside
        self.qc |= other.qc
        self.rows |= other.rows
        self.results |= other.results

    def quality_rows(self) -> list[quality.Violation]:
        """The quality-check rows in report order (by check, then entity)."""
        return sorted(self.qc, key=lambda v: (v.check, v.entity, v.problem))

    def shacl_rows(self) -> list[Row]:
        """The SHACL report's results in a fixed order (for the report graph)."""
        return sorted(
            self.rows,
            key=lambda r: (str(r.focus), r.messages, str(r.path), str(r.value), str(r.shape)),
        )

    def shacl_results(self) -> list[Result]:
        """The SHACL results in report order."""
        return sort_results(self.results)


@dataclass(frozen=True)
class Context:
    """What every part is checked against: compiled once."""

    compiled: rules.Compiled
    shapes: Shapes
    #: The released ontology (for the quality checks) and what SHACL's data graph takes of it.
    ontology: list[ox.Quad]
    tbox: list[ox.Triple]

    @classmethod
    def of(cls, compiled: rules.Compiled, full: Graph, shapes: Shapes | None) -> Context:
        """The context of ``full`` (the released ontology) with the project's shapes by default."""
        data = full.serialize(format="nt", encoding="utf-8")
        ontology = [
            ox.Quad(t.subject, t.predicate, t.object)
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        ]
        return cls(
            compiled,
            shapes if shapes is not None else validate.default_shapes(),
            ontology,
            validate.tbox_triples(full),
        )


def typed(pairs: Iterable[tuple[str, str]], among: set[str] | None = None) -> list[ox.Triple]:
    """``rdf:type`` triples of (individual, class) pairs, sorted; of ``among`` only, if given."""
    rdf_type = ox.NamedNode(str(RDF.type))
    return [
        ox.Triple(ox.NamedNode(i), rdf_type, ox.NamedNode(c))
        for i, c in sorted(pairs)
        if among is None or i in among
    ]


def subjects_in(store: ox.Store, iris: Iterable[str]) -> set[str]:
    """The IRIs of ``iris`` that are the subject of a triple in the store's default graph."""
    default = ox.DefaultGraph()
    return {
        iri
        for iri in iris
        if next(store.quads_for_pattern(ox.NamedNode(iri), None, None, default), None) is not None
    }


def check_part(triples: Sequence[ox.Triple], context: Context) -> Checked:
    """Reason over one part, then run the data's quality checks and SHACL on it."""
    work = ox.Store()
    work.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    outside: dict[str, set[str]] = {}
    pairs = rules.infer_types(work, context.compiled, outside=outside)
    # of the part's own individuals: a KB IRI that is only a value (a draft's agent) is none
    nodes = subjects_in(work, {i for i, _ in pairs})
    types = {(i, c) for i, c in pairs if i in nodes}
    inferred = typed(types)
    # the engine reads the triples as built: a store has re-typed xsd:positiveInteger values
    rows = validate.run([*triples, *inferred, *context.tbox], context.shapes)
    work.extend(ox.Quad(t.subject, t.predicate, t.object) for t in inferred)
    used = {row[0].value for row in work.query(USED_TERMS)}  # type: ignore[union-attr]
    work.extend(context.ontology)  # the store is the part's own: nothing to take out again
    qc = quality.run_checks(work, scope="data")
    about = validate.describe(work, {str(r.focus) for r in rows}) if rows else {}
    results = validate.results_of(rows, context.shapes.graph, about)
    return Checked(types, [(outside, used)], set(qc), set(rows), set(results))


#: The IRIs outside the knowledge base a part uses as values (not as classes).
USED_TERMS = f"""SELECT DISTINCT ?o WHERE {{ ?s ?p ?o .
  FILTER(isIRI(?o) && ?p != <{RDF.type}> && !STRSTARTS(STR(?o), "{KB}")) }}"""


def shared_types_agree(
    outside: Sequence[tuple[dict[str, set[str]], set[str]]], compiled: rules.Compiled
) -> bool:
    """Whether the types the parts gave the terms they share change nothing a part inferred.

    The whole knowledge base gives a term every type any part gives it, and what follows from
    them together (found here on a small store of those types: a contradiction between them
    raises :class:`~mitoaki.core.errors.ReasonerError` as the whole would). That changes a part's
    individuals only where a rule reads the term's type (:meth:`Compiled.object_triggers`) and
    the part did not give the term that type itself.
    """
    given: dict[str, set[str]] = {}
    for types, _ in outside:
        for term, classes in types.items():
            given.setdefault(term, set()).update(classes)
    if not given:
        return True
    rdf_type = ox.NamedNode(str(RDF.type))
    seeds = [
        ox.Triple(ox.NamedNode(term), rdf_type, ox.NamedNode(cls))
        for term, classes in sorted(given.items())
        for cls in sorted(classes)
    ]
    more: dict[str, set[str]] = {}
    rules.infer_types(seeds, compiled, prefix=f"{KB}none/", outside=more)
    triggers = compiled.object_triggers()
    for types, used in outside:
        for term in used:
            read = (given.get(term, set()) | more.get(term, set())) & triggers
            if read and not read <= types.get(term, set()):
                return False
    return True


def _joined(parts: Sequence[Sequence[ox.Triple]]) -> list[list[ox.Triple]]:
    """All the parts as one (made only when needed: a list of every triple of the KB)."""
    return [[t for part in parts for t in part]]


def check(parts: Sequence[Sequence[ox.Triple]], context: Context) -> Checked:
    """Check every part, two at a time; the whole knowledge base at once when parts cannot do.

    The result is the same as :func:`check_part` on all the triples in one part.
    """
    if len(parts) > 1 and not context.compiled.local():
        parts = _joined(parts)
    out = Checked()
    for checked in _map_parts(parts, context):
        out.add(checked)
    if len(parts) > 1 and not shared_types_agree(out.outside, context.compiled):
        return check(_joined(parts), context)
    ontology = ox.Store()
    ontology.extend(context.ontology)
    out.qc |= set(quality.run_checks(ontology, scope="ontology"))
    return out


#: What forked workers check (:func:`_map_parts`): inherited, not sent through a pipe.
_WORK: tuple[Sequence[Sequence[ox.Triple]], Context] | None = None


def _check_inherited(index: int) -> Checked:
    """Check part ``index`` of the parts this forked worker inherited."""
    assert _WORK is not None
    parts, context = _WORK
    return check_part(parts[index], context)


def _map_parts(parts: Sequence[Sequence[ox.Triple]], context: Context) -> Iterator[Checked]:
    """:func:`check_part` of each part, in order, on forked processes (else threads).

    Forked workers inherit the parts and the context and send back what they found. The Python
    of a part (the reasoning's fixpoint, the quality and SHACL rows) holds the interpreter's
    lock, so two threads used one core and a third of the other. A part that fails stops the
    parts not yet started.

    On threads the cyclic collector is paused, after a collection on the caller's thread:
    Oxigraph's query results may only be dropped on the thread that made them, and one held in
    a reference cycle (a traceback's frame) is freed by whichever thread runs the collector.
    """
    global _WORK
    workers = parallel.workers(len(parts))
    threads = workers < 2 or parallel.context().get_start_method() != "fork"
    with parallel.cyclic_gc_paused() if threads else nullcontext():
        if threads:
            gc.collect()  # the caller's cycles, on the caller's thread
            pool: Executor = ThreadPoolExecutor(max_workers=workers)
            jobs = [pool.submit(check_part, part, context) for part in parts]
        else:
            _WORK = (parts, context)
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=parallel.context())
            jobs = [pool.submit(_check_inherited, index) for index in range(len(parts))]
        try:
            for job in jobs:
                yield job.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            _WORK = None
