"""Where the package finds its ontology, shapes and queries, from a wheel or a checkout."""

from __future__ import annotations

from pathlib import Path

from mitoaki.errors import ResourceError

PACKAGE_DIR = Path(__file__).resolve().parent
QUERIES_DIR = PACKAGE_DIR / "queries"


def data_dir(name: str) -> Path:
    """Return the folder ``name`` (``ontology`` or ``shapes``) the package was built with.

    A wheel carries it under ``mitoaki/_data/``; a source checkout has it at the top level.

    >>> data_dir("ontology").name
    'ontology'
    """
    for candidate in (PACKAGE_DIR / "_data" / name, PACKAGE_DIR.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise ResourceError(f"no '{name}' folder beside the package", path=PACKAGE_DIR, rule="layout")


def shared_dir() -> Path | None:
    """Return ``../shared`` of a checkout when it exists (the corpus and term tables), else None."""
    candidate = PACKAGE_DIR.parent.parent.parent / "shared"
    return candidate if candidate.is_dir() else None


def default_corpus() -> Path | None:
    """``../shared/corpus`` when it exists, else None."""
    shared = shared_dir()
    corpus = shared / "corpus" if shared else None
    return corpus if corpus and corpus.is_dir() else None
