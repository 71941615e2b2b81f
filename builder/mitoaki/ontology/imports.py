"""Generate MIREOT-style import modules from term lists and the reference term tables.

Each ``ontology/imports/<name>_terms.txt`` lists the external terms the ontology uses, one CURIE a
line (``#`` starts a comment), after a header of directives::

    # source: go            the term table <source>.tsv.gz to read (in ../shared/ref or --ref),
                            or a table shipped in imports/sources/ (``# source: sources/iao.tsv``)
    # kind: class           class | object-property | annotation-property
    # hierarchy: is_a       is_a: import the chain of named parents within the source;
                            curated: only the parents written on the line (``CURIE < PARENT``),
                            each of which must be one of the source's parents of that term,
                            else the ``# root:`` term; none: the term alone
    # root: UBERON:0001062  (curated) the parent of listed terms given no parent; (none) the
                            parent of every listed term, a class the ontology defines

``mitoaki imports`` writes ``<name>_import.ttl`` beside it: every listed term with its source label,
definition and synonyms, plus its parents as the hierarchy mode says. ``curated`` exists for sources
whose parent column mixes is_a with part_of (UBERON). Listing an obsolete or unknown identifier, or
a curated parent the source does not give, is an error naming the list and the line.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from mitoaki.core.errors import TermError
from mitoaki.core.namespaces import (
    DEFINITION,
    IMPORTED_FROM,
    IMPORTS_BASE,
    OIO,
    bind_prefixes,
    expand,
)
from mitoaki.core.serialize import write_turtle

KINDS = {
    "class": OWL.Class,
    "object-property": OWL.ObjectProperty,
    "annotation-property": OWL.AnnotationProperty,
}
SOURCE_IRIS = {
    "hgnc": "https://www.genenames.org/",
    "ncbitaxon": "http://purl.obolibrary.org/obo/ncbitaxon.owl",
    "sources/iao.tsv": "http://purl.obolibrary.org/obo/iao.owl",
}


@dataclass(frozen=True)
class Term:
    """One row of a reference term table."""

    curie: str
    label: str
    definition: str = ""
    exact_synonyms: tuple[str, ...] = ()
    related_synonyms: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    obsolete: bool = False
    replaced_by: str = ""


@dataclass(frozen=True)
class TermList:
    """A parsed ``<name>_terms.txt`` file."""

    path: Path
    name: str
    source: str
    kind: str
    hierarchy: str
    curies: tuple[tuple[int, str], ...] = field(default=())
    curated_parents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    root: str = ""
    kinds: dict[str, str] = field(default_factory=dict)

    def kind_of(self, curie: str) -> str:
        """The OWL entity kind of a term: its ``@kind`` option, else the list's ``# kind:``."""
        return self.kinds.get(curie, self.kind)


def _split(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(x for x in value.split("|") if x)


def read_table(path: Path) -> dict[str, Term]:
    """Read a TSV term table (OBO or HGNC layout, gzipped or not) into ``{curie: Term}``."""
    terms: dict[str, Term] = {}
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        header = next(rows, [])
        width = len(header)
        at = {name: i for i, name in enumerate(header)}
        for cells in rows:
            if len(cells) < width:
                cells = [*cells, *[""] * (width - len(cells))]
            row = {name: cells[i] for name, i in at.items()}
            if "hgnc_id" in row:
                term = Term(
                    curie=row["hgnc_id"],
                    label=row["symbol"],
                    exact_synonyms=tuple(x for x in (row.get("name") or "",) if x),
                    related_synonyms=_split(row.get("alias_symbols")),
                    obsolete=row.get("status") != "Approved",
                )
            else:
                term = Term(
                    curie=row["curie"],
                    label=row["label"],
                    definition=row.get("definition") or "",
                    exact_synonyms=_split(row.get("exact_synonyms")),
                    related_synonyms=_split(row.get("related_synonyms")),
                    parents=_split(row.get("parents")),
                    obsolete=(row.get("obsolete") or "").lower() == "true",
                    replaced_by=row.get("replaced_by") or "",
                )
            terms[term.curie] = term
    return terms


def read_term_list(path: Path) -> TermList:
    """Parse a term list with its ``# key: value`` header directives.

    Lines hold a CURIE and an optional ``# comment``; blank lines are ignored.
    """
    directives: dict[str, str] = {}
    listed: list[tuple[int, str]] = []
    parents: dict[str, tuple[str, ...]] = {}
    kinds: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#"):
            key, sep, value = line.lstrip("# ").partition(":")
            if sep and key.strip() in {"source", "kind", "hierarchy", "root"}:
                directives[key.strip()] = value.strip()
            continue
        if not line:
            continue
        head, *given = (x.strip() for x in line.split("#", 1)[0].split("<"))
        curie, *options = head.split()
        if curie:
            listed.append((number, curie))
            if given:
                parents[curie] = tuple(given)
            for option in options:
                if option.removeprefix("@") not in KINDS:
                    raise TermError(
                        f"unknown option '{option}' (use @{', @'.join(KINDS)})",
                        path=f"{path}:{number}",
                        item=curie,
                        rule="kind",
                    )
                kinds[curie] = option.removeprefix("@")
    name = path.name.removesuffix("_terms.txt")
    kind = directives.get("kind", "class")
    hierarchy = directives.get("hierarchy", "is_a")
    if kind not in KINDS:
        raise TermError(f"unknown kind '{kind}' (use {', '.join(KINDS)})", path=path, rule="kind")
    if hierarchy not in {"is_a", "curated", "none"}:
        raise TermError(f"unknown hierarchy '{hierarchy}'", path=path, rule="hierarchy")
    if parents and hierarchy != "curated":
        raise TermError(
            "'CURIE < PARENT' lines need '# hierarchy: curated'", path=path, rule="hierarchy"
        )
    return TermList(
        path,
        name,
        directives.get("source", name),
        kind,
        hierarchy,
        tuple(listed),
        parents,
        directives.get("root", ""),
        kinds,
    )


def closure(seeds: Iterable[str], table: dict[str, Term]) -> list[str]:
    """Return the seeds and their named ancestors within ``table``, sorted.

    Parents outside the table (another ontology's terms) are not followed.
    """
    seen: set[str] = set()
    stack = list(seeds)
    while stack:
        curie = stack.pop()
        if curie in seen or curie not in table:
            continue
        seen.add(curie)
        stack.extend(table[curie].parents)
    return sorted(seen)


def check_listed(term_list: TermList, table: dict[str, Term]) -> Iterator[TermError]:
    """Yield an error for every listed identifier that is unknown or obsolete."""
    for number, curie in term_list.curies:
        where = f"{term_list.path}:{number}"
        term = table.get(curie)
        if term is None:
            yield TermError(
                f"no such term in the {term_list.source} table",
                path=where,
                item=curie,
                rule="unknown-term",
            )
        elif term.obsolete:
            repl = f"; replaced by {term.replaced_by}" if term.replaced_by else ""
            yield TermError(
                f"'{term.label}' is obsolete{repl}", path=where, item=curie, rule="obsolete-term"
            )
        else:
            for parent in term_list.curated_parents.get(curie, ()):
                if parent not in term.parents:
                    yield TermError(
                        f"{parent} is not a parent of it in the {term_list.source} "
                        f"table (parents: {', '.join(term.parents)})",
                        path=where,
                        item=curie,
                        rule="curated-parent",
                    )
    if term_list.root and term_list.root not in table and term_list.hierarchy == "curated":
        yield TermError(
            "root term not in the table",
            path=term_list.path,
            item=term_list.root,
            rule="unknown-term",
        )


def to_import_graph(term_list: TermList, table: dict[str, Term]) -> Graph:
    """Build the import module of one term list (pure: no I/O)."""
    errors = list(check_listed(term_list, table))
    if errors:
        raise errors[0]
    seeds = [curie for _, curie in term_list.curies]
    parents_of = _parents(term_list, table)
    wanted = sorted(
        set(closure(seeds, table) if term_list.hierarchy == "is_a" else seeds)
        | ({term_list.root} if term_list.root in table else set())
    )
    graph = bind_prefixes(Graph())
    module = URIRef(f"{IMPORTS_BASE}{term_list.name}_import.owl")
    source = URIRef(
        SOURCE_IRIS.get(term_list.source, f"http://purl.obolibrary.org/obo/{term_list.source}.owl")
    )
    graph.add((module, RDF.type, OWL.Ontology))
    graph.add(
        (
            module,
            RDFS.comment,
            Literal(
                f"MIREOT import module of {len(seeds)} {term_list.source} terms and their parents, "
                "generated by `mitoaki imports`; do not edit."
            ),
        )
    )
    included = set(wanted)
    for curie in wanted:
        term = table[curie]
        iri = URIRef(expand(curie))
        kind = KINDS[term_list.kind_of(curie)]
        graph.add((iri, RDF.type, kind))
        graph.add((iri, RDFS.label, Literal(term.label)))
        graph.add((iri, IMPORTED_FROM, source))
        if term.definition:
            graph.add((iri, DEFINITION, Literal(term.definition)))
        for synonym in term.exact_synonyms:
            graph.add((iri, OIO.hasExactSynonym, Literal(synonym)))
        for synonym in term.related_synonyms:
            graph.add((iri, OIO.hasRelatedSynonym, Literal(synonym)))
        sub = RDFS.subClassOf if kind == OWL.Class else RDFS.subPropertyOf
        for parent in parents_of.get(curie, ()):
            inside = parent in included and term_list.kind_of(parent) == term_list.kind_of(curie)
            if inside or (parent == term_list.root and parent not in table):
                graph.add((iri, sub, URIRef(expand(parent))))
    return graph


def _parents(term_list: TermList, table: dict[str, Term]) -> dict[str, tuple[str, ...]]:
    """The parents each term gets in the module, by the list's hierarchy mode."""
    if term_list.hierarchy == "is_a":
        return {curie: term.parents for curie, term in table.items()}
    if term_list.hierarchy == "curated":
        root = (term_list.root,) if term_list.root else ()
        return {
            curie: term_list.curated_parents.get(curie, root)
            for _, curie in term_list.curies
            if curie != term_list.root
        }
    if term_list.root:  # none: the term alone, under a root the ontology defines
        return {curie: (term_list.root,) for _, curie in term_list.curies}
    return {}


def term_lists(imports_dir: Path) -> list[TermList]:
    """Every term list in ``imports_dir``, sorted by name."""
    return [read_term_list(p) for p in sorted(imports_dir.glob("*_terms.txt"))]


#: Term tables read so far, by source name (``hgnc``, ``sources/iao.tsv``).
Tables = dict[str, dict[str, Term]]


def write_imports(imports_dir: Path, ref_dir: Path, tables: Tables | None = None) -> list[Path]:
    """Regenerate every import module of ``imports_dir`` from the tables in ``ref_dir``.

    ``tables`` holds tables read already (``extend_term_lists`` fills it), each read once.
    """
    written: list[Path] = []
    tables = {} if tables is None else tables
    for term_list in term_lists(imports_dir):
        table_path = (
            imports_dir / term_list.source
            if term_list.source.startswith("sources/")
            else ref_dir / f"{term_list.source}.tsv.gz"
        )
        if not table_path.is_file():
            raise TermError("term table not found", path=table_path, rule="imports-source")
        if term_list.source not in tables:
            tables[term_list.source] = read_table(table_path)
        graph = to_import_graph(term_list, tables[term_list.source])
        out = imports_dir / f"{term_list.name}_import.ttl"
        header = (
            f"# generated by `mitoaki imports` from {term_list.path.name} and the "
            f"{term_list.source} term table; do not edit by hand.\n"
        )
        write_turtle(graph, out, header=header)
        written.append(out)
    return written


def extend_term_lists(
    imports_dir: Path, ref_dir: Path, curies: Iterable[str], tables: Tables | None = None
) -> dict[Path, int]:
    """Append to each term list the CURIEs of its source it lacks; how many per list.

    A list takes the CURIEs whose prefix its listed terms have; each line carries the source
    label and says it came from drafts. A CURIE no list takes is an error naming it. The tables
    read are kept in ``tables`` for ``write_imports``.
    """
    tables = {} if tables is None else tables
    lists = {tl.curies[0][1].split(":", 1)[0]: tl for tl in term_lists(imports_dir) if tl.curies}
    wanted: dict[str, list[str]] = {}
    for curie in sorted(set(curies)):
        prefix = curie.split(":", 1)[0]
        term_list = lists.get(prefix)
        if term_list is None:
            raise TermError("no term list takes this prefix", item=curie, rule="imports-source")
        if curie not in {c for _, c in term_list.curies}:
            wanted.setdefault(prefix, []).append(curie)
    added: dict[Path, int] = {}
    for prefix, new in sorted(wanted.items()):
        term_list = lists[prefix]
        if term_list.source not in tables:
            tables[term_list.source] = read_table(ref_dir / f"{term_list.source}.tsv.gz")
        table = tables[term_list.source]
        lines = []
        for curie in new:
            term = table.get(curie)
            if term is None or term.obsolete:
                raise TermError(
                    "not a live term of its table", path=term_list.path, item=curie, rule="term"
                )
            lines.append(f"{curie}  # {term.label} (from drafts)\n")
        text = term_list.path.read_text(encoding="utf-8")
        term_list.path.write_text(text.rstrip("\n") + "\n" + "".join(lines), encoding="utf-8")
        added[term_list.path] = len(lines)
    return added
