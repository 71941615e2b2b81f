"""One framed JSON-LD document per study, for web developers: the study with everything about it.

Each ``studies/<key>.jsonld`` embeds the study's models and interventions (with their parts) and,
under ``findings``, the findings that report on it, using a context where every project prefix is
a JSON-LD 1.1 ``@prefix`` (so terms read ``MITOAKI:0000700``, ``GO:0000266``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pyld import jsonld
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from mitoaki.namespaces import KB, PREFIXES
from mitoaki.serialize import _sort_jsonld, atomic_write

STUDY_TYPES = ("0000601", "0000602", "0000603", "0000604", "0000605")
M = "https://w3id.org/mitoaki/MITOAKI_"
REPORTED_BY = URIRef(f"{M}0000007")


def frame_context() -> dict[str, Any]:
    """The context of the framed documents: prefixes as JSON-LD 1.1 prefixes, plus ``findings``."""
    context: dict[str, Any] = {k: {"@id": v, "@prefix": True} for k, v in PREFIXES.items()}
    context["@version"] = 1.1
    context["findings"] = {"@reverse": f"{M}0000007", "@container": "@set"}
    return context


def neighbourhood(kb: Graph, study: URIRef) -> Graph:
    """The study, the records it links to or that report on it, and their parts."""
    kb_prefix = str(KB)
    nodes = {study, *kb.subjects(REPORTED_BY, study)}
    for _ in range(2):
        for node in list(nodes):
            for obj in kb.objects(node, None):
                text = str(obj)
                if (
                    isinstance(obj, URIRef)
                    and text.startswith(kb_prefix)
                    and "/document/" not in text
                ):
                    nodes.add(obj)
    out = Graph()
    for node in nodes:
        for triple in kb.triples((node, None, None)):
            out.add(triple)
    return out


def frame_study(kb: Graph, study: URIRef) -> dict[str, Any]:
    """The framed document of one study (pure)."""
    expanded = json.loads(neighbourhood(kb, study).serialize(format="json-ld"))
    framed: dict[str, Any] = jsonld.frame(
        expanded,
        {"@context": frame_context(), "@id": str(study), "@embed": "@once", "findings": {}},
    )
    return {"@context": framed.pop("@context"), **_sort_jsonld(framed)}


def studies_of(kb: Graph) -> list[URIRef]:
    """Every study of the knowledge base, sorted."""
    found = {s for t in STUDY_TYPES for s in kb.subjects(RDF.type, URIRef(f"{M}{t}"))}
    return sorted(s for s in found if isinstance(s, URIRef))


def write_frames(kb: Graph, folder: Path) -> list[str]:
    """Write ``studies/<key>.jsonld`` for every study; return the paths relative to ``folder``."""
    written = []
    for study in studies_of(kb):
        name = f"studies/{str(study).rsplit('/', 1)[-1]}.jsonld"
        text = json.dumps(frame_study(kb, study), indent=2, ensure_ascii=False) + "\n"
        atomic_write(folder / name, text.encode("utf-8"))
        written.append(name)
    return written
