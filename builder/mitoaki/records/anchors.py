"""Resolve each record's anchor to character offsets in its source document.

An anchor is matched against the normalised document text (hyphenation, ligatures, Unicode and
whitespace repaired), must occur exactly once, and is reported back as raw-file offsets plus the
sentence that holds it (for W3C Web Annotation TextPositionSelector / TextQuoteSelector).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDFS

from mitoaki.core.errors import AnchorError
from mitoaki.core.namespaces import OIO
from mitoaki.core.textnorm import NormalisedText, normalise, normalise_phrase, vocabulary
from mitoaki.records.loader import LoadedFile

CONTEXT = 32  # characters of prefix / suffix kept with a quote


@dataclass(frozen=True)
class Resolved:
    """Where an anchor stands: raw offsets, the quoted text and its sentence (normalised)."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    sentence: str
    document_length: int


@lru_cache(maxsize=32)
def read_document(path: Path, lexicon: frozenset[str] = frozenset()) -> NormalisedText:
    """Read and normalise a corpus file (cached: every record of a document shares it).

    ``lexicon`` holds trusted words (the ontology's labels and synonyms) that let a short text's
    lost ligatures be restored even when the intact word never occurs in it.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise AnchorError("corpus file not found", path=path, rule="corpus-file") from exc
    except OSError as exc:  # a folder, a file without read permission
        reason = exc.strerror or str(exc)
        raise AnchorError(f"cannot read: {reason}", path=path, rule="corpus-file") from exc
    except UnicodeDecodeError as exc:
        raise AnchorError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=path, rule="corpus-file"
        ) from exc
    if "\x00" in raw:
        raise AnchorError("binary file, not text", path=path, rule="corpus-file")
    return normalise(raw, lexicon)


def resolve(document: NormalisedText, anchor: str) -> Resolved | str:
    """Resolve one anchor, or say why it does not resolve."""
    hits = document.find_all(anchor)
    if not hits:
        return "anchor not found in the document"
    if len(hits) > 1:
        return f"anchor occurs {len(hits)} times in the document; make it longer"
    start = hits[0]
    end = start + len(normalise_phrase(anchor))
    raw_start, raw_end = document.raw_span(start, end)
    s_start, s_end = document.sentence_around(start, end)
    return Resolved(
        start=raw_start,
        end=raw_end,
        exact=document.text[start:end],
        prefix=document.text[max(0, start - CONTEXT) : start],
        suffix=document.text[end : end + CONTEXT],
        sentence=document.text[s_start:s_end].strip(),
        document_length=len(document.raw),
    )


def source_of(loaded: LoadedFile, corpus: Path | None) -> Path | None:
    """The text a record file's anchors stand in (None: no corpus and no source of its own).

    A draft names its own ``source`` (relative to the record file's folder); a curated file names
    a ``file`` of the corpus.
    """
    document = loaded.records.document
    if document.source is not None:
        return loaded.path.parent / document.source
    return corpus / document.file if corpus is not None else None


def _check_digest(loaded: LoadedFile, path: Path) -> None:
    """Fail when a draft's source text is not the text its anchors were read from."""
    expected = loaded.records.document.source_sha256
    if expected is None:
        return
    try:
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise AnchorError(f"source text not readable: {exc}", path=path, rule="source") from exc
    if actual != expected:
        raise AnchorError(
            f"the source text {path} changed since the drafts were made (SHA-256 differs)",
            path=loaded.where(loaded.records.document.key),
            item=loaded.records.document.key,
            rule="source",
        )


def resolve_file(
    loaded: LoadedFile, corpus: Path | None, lexicon: frozenset[str] = frozenset()
) -> dict[str, Resolved]:
    """Resolve every record anchor of one record file; fail on the first that does not.

    Nothing is resolved (an empty mapping) when the file has no text to resolve in.
    """
    path = source_of(loaded, corpus)
    if path is None:
        return {}
    if path.is_file():
        _check_digest(loaded, path)
    document = read_document(path, lexicon)
    out: dict[str, Resolved] = {}
    for _, record in loaded.records.all_records():
        result = resolve(document, record.anchor)
        if isinstance(result, str):
            raise AnchorError(
                f"{result}: '{record.anchor}'",
                path=loaded.where(record.key),
                item=record.key,
                rule="anchor",
            )
        out[record.key] = result
    return out


def lexicon_of(labels: Iterable[str]) -> frozenset[str]:
    """The words of some labels and synonyms, lower-cased.

    >>> sorted(lexicon_of(["mitochondrial fission", "MSC-derived product"]))
    ['derived', 'fission', 'mitochondrial', 'msc', 'msc-derived', 'product']
    """
    return frozenset(vocabulary(" ".join(labels)))


def tbox_lexicon(graph: Graph) -> frozenset[str]:
    """The lexicon of an ontology graph: words of its labels and synonyms."""
    predicates = (RDFS.label, OIO.hasExactSynonym, OIO.hasRelatedSynonym)
    return lexicon_of(str(o) for p in predicates for o in graph.objects(None, p))
