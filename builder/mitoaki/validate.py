"""SHACL validation of the knowledge base (pyshacl), with a human and a machine report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from mitoaki.errors import MitoakiError, ResourceError
from mitoaki.exports import record_of
from mitoaki.namespaces import KB, OA, SH, bind_prefixes, compress
from mitoaki.paths import data_dir

SHAPES_FILE = "mitoaki-shapes.ttl"
REPORT_FILE = "validation-report.ttl"
#: Ontology triples the shapes need from the TBox: the class hierarchy, types and labels.
TBOX_PREDICATES = (RDFS.subClassOf, RDF.type, RDFS.label)


class ValidationFailedError(MitoakiError):
    """The knowledge base breaks one or more SHACL constraints of severity Violation."""


@dataclass(frozen=True)
class Result:
    """One SHACL validation result, with where it comes from in the records."""

    severity: str
    focus: str
    label: str
    path: str
    message: str
    shape: str
    source: str

    @property
    def is_violation(self) -> bool:
        """Whether this result fails the build (warnings and infos do not)."""
        return self.severity == "Violation"


def load_shapes(path: Path | None = None) -> Graph:
    """The shapes graph shipped with the package (or another file)."""
    path = path or data_dir("shapes") / SHAPES_FILE
    if not path.is_file():
        raise ResourceError("shapes file not found", path=path, rule="shapes")
    return Graph().parse(path, format="turtle")


def data_graph(kb: Graph, ontology: Graph) -> Graph:
    """The graph the shapes run on: the KB plus the ontology's hierarchy, types and labels."""
    data = bind_prefixes(Graph())
    for triple in kb:
        data.add(triple)
    for predicate in TBOX_PREDICATES:
        for triple in ontology.triples((None, predicate, None)):
            data.add(triple)
    for triple in ontology.triples((None, RDF.type, OWL.Ontology)):
        for header in ontology.triples((triple[0], None, None)):
            data.add(header)
    return data


def _record_source(data: Graph, focus: URIRef) -> str:
    """``file.yaml:line`` of the record a focus node belongs to, when it is a KB node."""
    if not str(focus).startswith(str(KB)):
        return ""
    record = record_of(focus) or focus
    for annotation in data.subjects(OA.hasBody, record):
        source = data.value(annotation, DCTERMS.source)
        if source is not None:
            return str(source)
    return ""


def results_of(report: Graph, data: Graph, shapes: Graph) -> list[Result]:
    """Read a SHACL validation report graph into sorted results (shape = the node shape)."""
    out = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(node, SH.focusNode)
        path = report.value(node, SH.resultPath)
        severity = report.value(node, SH.resultSeverity)
        shape = report.value(node, SH.sourceShape)
        parent = next(iter(shapes.subjects(SH.property, shape)), None) if shape else None
        label = data.value(focus, RDFS.label) if focus is not None else None
        out.append(
            Result(
                severity=str(severity).rsplit("#", 1)[-1] if severity else "",
                focus=str(focus or ""),
                label=str(label or ""),
                path=compress(str(path))
                if isinstance(path, URIRef)
                else ("(path)" if path else ""),
                message=str(report.value(node, SH.resultMessage) or ""),
                shape=compress(str(parent or shape or "")),
                source=_record_source(data, focus) if isinstance(focus, URIRef) else "",
            )
        )
    return sort_results(out)


def sort_results(results: Iterable[Result]) -> list[Result]:
    """Results in report order: violations first, then by record source, focus, path, message."""
    return sorted(
        results, key=lambda r: (r.severity != "Violation", r.source, r.focus, r.path, r.message)
    )


def validate(kb: Graph, ontology: Graph, shapes: Graph | None = None) -> tuple[list[Result], Graph]:
    """Validate ``kb`` (with the ontology) against the shapes; return results and report graph."""
    import pyshacl

    data = data_graph(kb, ontology)
    shapes = shapes if shapes is not None else load_shapes()
    _, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    if not isinstance(report, Graph):  # pyshacl returns a message when the shapes are broken
        raise MitoakiError(f"SHACL validation could not run: {report}", rule="shapes")
    bind_prefixes(report)
    return results_of(report, data, shapes), report


def summary(results: list[Result]) -> str:
    """One line: how many violations and warnings."""
    violations = sum(r.is_violation for r in results)
    return f"{violations} violations, {len(results) - violations} warnings"


def enforce(results: list[Result]) -> None:
    """Raise :class:`ValidationFailedError` when any result is a violation."""
    violations = [r for r in results if r.is_violation]
    if violations:
        first = violations[0]
        raise ValidationFailedError(
            f"{summary(results)}; first: {compress(first.focus)} {first.path}: {first.message}",
            path=first.source or None,
            rule=first.shape or "shacl",
        )


def render(results: list[Result], console: Console) -> None:
    """Print the human report: a table of results (or one line when there is none)."""
    if not results:
        console.print("SHACL: the knowledge base conforms (0 violations, 0 warnings)")
        return
    table = Table(title=f"SHACL validation: {summary(results)}", show_lines=False)
    for column in ("severity", "focus node", "label", "path", "message", "record"):
        table.add_column(column, overflow="fold")
    for r in results:
        style = "red" if r.is_violation else "yellow"
        table.add_row(
            f"[{style}]{r.severity}[/]",
            escape(compress(r.focus)),
            escape(r.label),
            escape(r.path),
            escape(r.message),
            escape(r.source),
        )
    console.print(table)
