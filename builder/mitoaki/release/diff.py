"""What changed between two releases, as a Markdown changelog."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from mitoaki.access.store import release_triples
from mitoaki.core.namespaces import compress
from mitoaki.kb.iris import record_of

OWL_CLASS = "http://www.w3.org/2002/07/owl#Class"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
OWN = "https://w3id.org/mitoaki/MITOAKI_"
#: An annotation's ``file.yaml:line``: where a record stands, not what it says.
SOURCE = "http://purl.org/dc/terms/source"


@dataclass
class Snapshot:
    """What a release holds, reduced to what a changelog compares."""

    classes: dict[str, str] = field(default_factory=dict)  # own class IRI -> label
    records: dict[str, frozenset[str]] = field(default_factory=dict)  # record -> its triples
    labels: dict[str, str] = field(default_factory=dict)


def snapshot(build_dir: Path) -> Snapshot:
    """Read a release folder's ontology and knowledge base N-Triples."""
    snap = Snapshot()
    grouped: dict[str, set[str]] = defaultdict(set)
    for name in ("mitoaki-full.nt", "mitoaki-kb.nt"):
        for triple in release_triples(build_dir, name):
            subject = triple.subject.value if isinstance(triple.subject, ox.NamedNode) else ""
            value = "" if isinstance(triple.object, ox.Triple) else triple.object.value
            if triple.predicate.value == LABEL:
                snap.labels[subject] = value
            if (
                triple.predicate.value == RDF_TYPE
                and value == OWL_CLASS
                and subject.startswith(OWN)
            ):
                snap.classes[subject] = ""
            record = record_of(URIRef(subject)) if subject else None
            if record is not None:
                grouped[str(record)].add(str(_without_line(triple)))
    for iri in snap.classes:
        snap.classes[iri] = snap.labels.get(iri, "")
    snap.records = {k: frozenset(v) for k, v in grouped.items()}
    return snap


def _without_line(triple: ox.Triple) -> ox.Triple:
    """The triple, its ``file.yaml:line`` source cut to the file (a line moves when others do).

    >>> s, p = ox.NamedNode("urn:a"), ox.NamedNode(SOURCE)
    >>> _without_line(ox.Triple(s, p, ox.Literal("x.yaml:12"))).object.value
    'x.yaml'
    """
    if triple.predicate.value != SOURCE or not isinstance(triple.object, ox.Literal):
        return triple
    file = triple.object.value.rsplit(":", 1)[0]
    return ox.Triple(triple.subject, triple.predicate, ox.Literal(file))


def _kind(iri: str) -> str:
    return iri.split("/kb/", 1)[1].split("/", 1)[0]


def to_markdown(old: Snapshot, new: Snapshot, old_name: str, new_name: str) -> str:
    """The changelog between two snapshots (pure)."""
    lines = [f"# Changes from {old_name} to {new_name}", ""]

    def section(title: str, items: list[str]) -> None:
        lines.append(f"## {title} ({len(items)})")
        lines.append("")
        lines.extend(items or ["(none)"])
        lines.append("")

    def show(iri: str, snap: Snapshot) -> str:
        label = snap.labels.get(iri, "")
        return f"- `{compress(iri)}` {label}".rstrip()

    section("Classes added", [show(i, new) for i in sorted(set(new.classes) - set(old.classes))])
    section("Classes removed", [show(i, old) for i in sorted(set(old.classes) - set(new.classes))])
    section(
        "Classes relabelled",
        [
            f"- `{compress(i)}` {old.classes[i]} -> {new.classes[i]}"
            for i in sorted(set(old.classes) & set(new.classes))
            if old.classes[i] != new.classes[i]
        ],
    )
    kinds = sorted({_kind(i) for i in set(old.records) | set(new.records)})
    for kind in kinds:
        before = {i for i in old.records if _kind(i) == kind}
        after = {i for i in new.records if _kind(i) == kind}
        changed = sorted(i for i in before & after if old.records[i] != new.records[i])
        lines.append(
            f"## {kind}: {len(after - before)} added, {len(before - after)} removed, "
            f"{len(changed)} changed"
        )
        lines.append("")
        lines += [f"- added {show(i, new)[2:]}" for i in sorted(after - before)]
        lines += [f"- removed {show(i, old)[2:]}" for i in sorted(before - after)]
        lines += [f"- changed {show(i, new)[2:]}" for i in changed]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
