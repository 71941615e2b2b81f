"""One framed JSON-LD document per study, for web developers: the study with everything about it.

Each ``studies/<key>.jsonld`` embeds the study's models and interventions (with their parts) and,
under ``findings``, the findings that report on it, using a context where every project prefix is
a JSON-LD 1.1 ``@prefix`` (so terms read ``MITOAKI:0000700``, ``GO:0000266``).

The documents are what pyld's framing (:func:`frame_study`, kept as the reference) makes of each
study's neighbourhood with the frame ``{"@id": study, "@embed": "@once", "findings": {}}``, with
keys and arrays sorted. pyld, with rdflib's JSON-LD writer before it, takes ~7 ms a study (over a
minute at 10k studies), so :func:`write_frames_store` frames with
:class:`mitoaki.release.framer.Framer`, a direct implementation of what pyld does for this one
frame (the same bytes on the release's studies and on synthetic ones, see
``tests/test_scale_exports.py`` and ``benchmarks/bench_exports.py``), and renders the documents
with :func:`render`.

Reading the neighbourhoods from the store is most of the time (~2.5 s of ~5 s at 10k studies).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from pyld import jsonld
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from mitoaki.core import vocab
from mitoaki.core.jsonld import sort_jsonld
from mitoaki.core.namespaces import KB, PREFIXES
from mitoaki.core.serialize import staged_write
from mitoaki.core.stores import to_store
from mitoaki.release.framer import REPORTED_BY, STUDY_TYPES, Framer, Json

_quote = encode_basestring  # the string encoder of json.dumps(ensure_ascii=False)


def frame_context() -> dict[str, Any]:
    """The context of the framed documents: prefixes as JSON-LD 1.1 prefixes, plus ``findings``."""
    context: dict[str, Any] = {k: {"@id": v, "@prefix": True} for k, v in PREFIXES.items()}
    context["@version"] = 1.1
    context["findings"] = {"@reverse": vocab.REPORTED_BY_STUDY.value, "@container": "@set"}
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
    """The framed document of one study with pyld (pure): the reference :class:`Framer` matches."""
    expanded = json.loads(neighbourhood(kb, study).serialize(format="json-ld"))
    framed: dict[str, Any] = jsonld.frame(
        expanded,
        {"@context": frame_context(), "@id": str(study), "@embed": "@once", "findings": {}},
    )
    return {"@context": framed.pop("@context"), **sort_jsonld(framed)}


def studies_of(kb: Graph) -> list[URIRef]:
    """Every study of the knowledge base, sorted."""
    found = {s for t in STUDY_TYPES for s in kb.subjects(RDF.type, URIRef(t))}
    return sorted(s for s in found if isinstance(s, URIRef))


def _indent(text: str) -> str:
    """Lines after the first indented one level (two spaces), as ``json.dumps`` nests them."""
    return text.replace("\n", "\n  ")


def _render(value: Json, memo: dict[int, str]) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, shared objects rendered once.

    A node embedded in several places of a document is one object; ``memo`` maps the id of each
    object rendered to its text.
    """
    if isinstance(value, str):
        return _quote(value)
    text = memo.get(id(value))
    if text is None:
        if isinstance(value, dict) and value:
            items = (f"{_quote(k)}: {_indent(_render(v, memo))}" for k, v in value.items())
            text = "{\n  " + ",\n  ".join(items) + "\n}"
        elif isinstance(value, list) and value:
            text = "[\n  " + ",\n  ".join(_indent(_render(v, memo)) for v in value) + "\n]"
        else:
            text = json.dumps(value)
        memo[id(value)] = text
    return text


def render(documents: Iterator[tuple[str, dict[str, Any]]]) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of each framed document: ``json.dumps(..., indent=2)`` with the context.

    The context, the same in every document, is rendered once.
    """
    context = '{\n  "@context": ' + _indent(json.dumps(frame_context(), indent=2)) + ",\n"
    for name, body in documents:
        text = _render(body, {})
        yield name, (context + text[2:] + "\n").encode("utf-8")


def write_frames_store(
    kb: ox.Store, folder: Path, digests: dict[str, str] | None = None
) -> list[str]:
    """Write ``studies/<key>.jsonld`` for every study; return the paths relative to ``folder``.

    ``kb`` holds the knowledge base in its default graph (other graphs are only read for the
    original types of re-typed literals, see :class:`Framer`). ``digests``, if given, takes
    the SHA-256 of each file written (for the manifest).
    """
    framer = Framer(kb)

    def documents() -> Iterator[tuple[str, dict[str, Any]]]:
        for study in framer.studies():
            yield f"studies/{study.rsplit('/', 1)[-1]}.jsonld", framer.frame(study)

    written = []
    for name, data in render(documents()):
        staged_write(folder / name, data)
        written.append(name)
        if digests is not None:
            digests[name] = hashlib.sha256(data).hexdigest()
    return written


def write_frames(kb: Graph, folder: Path) -> list[str]:
    """Write the framed documents of an rdflib knowledge base (:func:`write_frames_store`)."""
    return write_frames_store(to_store(kb), folder)
