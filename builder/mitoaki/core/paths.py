"""Where mitoaki finds its inputs: flags first, then the checkout around you, then the package.

A *checkout* is a folder holding ``ontology/mitoaki.ttl``: the current folder or one above it, as
ODK tools run inside their repository. Its ``ontology/``, ``ontology/records/`` and ``shapes/``
win over the copies packed into an installed wheel, so that an edit in the checkout is what
``mitoaki build`` builds. The source documents are never packed: they come from ``--corpus``,
from ``$MITOAKI_CORPUS``, or from ``shared/corpus`` beside the checkout (``../shared/corpus``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mitoaki.core.errors import ResourceError

PACKAGE_DIR = Path(__file__).resolve().parent.parent
QUERIES_DIR = PACKAGE_DIR / "queries"
#: The file that marks a project checkout.
CHECKOUT_MARKER = Path("ontology") / "mitoaki.ttl"
#: The environment variable naming the folder of source documents.
CORPUS_ENV = "MITOAKI_CORPUS"


@dataclass(frozen=True)
class Found:
    """A folder and how it was found (``--corpus``, ``checkout``, ``package`` ...)."""

    path: Path
    origin: str

    def describe(self) -> str:
        """``path (origin)``, for the build's first lines."""
        return f"{self.path} ({self.origin})"


def find_checkout(start: Path | None = None) -> Path | None:
    """The nearest folder at or above ``start`` (default: the current one) with the marker.

    >>> find_checkout(PACKAGE_DIR.parent.parent) == PACKAGE_DIR.parent.parent
    True
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CHECKOUT_MARKER).is_file():
            return folder
    return None


def _source_tree() -> Path | None:
    """The checkout the package itself runs from (an editable install), if any."""
    root = PACKAGE_DIR.parent.parent
    return root if (root / CHECKOUT_MARKER).is_file() else None


def locate(name: str, start: Path | None = None) -> Found:
    """Find the folder ``name`` (``ontology`` or ``shapes``): the checkout's, else the package's.

    >>> locate("shapes").path.name
    'shapes'
    """
    checkout = find_checkout(start)
    if checkout is not None and (checkout / name).is_dir():
        return Found(checkout / name, "checkout")
    packed = PACKAGE_DIR / "_data" / name
    if packed.is_dir():
        return Found(packed, "packed in the installed package")
    tree = _source_tree()
    if tree is not None and (tree / name).is_dir():
        return Found(tree / name, "the package's source tree")
    raise ResourceError(
        f"no '{name}' folder: not in a checkout and none packed with the package",
        path=PACKAGE_DIR,
        rule="layout",
    )


def data_dir(name: str) -> Path:
    """The folder ``name`` (``ontology`` or ``shapes``) as :func:`locate` finds it.

    >>> data_dir("ontology").name
    'ontology'
    """
    return locate(name).path


def shared_dir(start: Path | None = None) -> Path | None:
    """``shared/`` beside the checkout (``../shared``: corpus and term tables), else None."""
    for root in (find_checkout(start), _source_tree()):
        if root is not None and (root.parent / "shared").is_dir():
            return root.parent / "shared"
    return None


@dataclass(frozen=True)
class CorpusSearch:
    """Where the source documents were looked for, and what was found."""

    found: Found | None
    looked_in: tuple[str, ...]

    def warning(self) -> str:
        """The warning given when no corpus was found: what was looked for, how to give it."""
        return (
            "no source documents found (looked in: "
            + "; ".join(self.looked_in)
            + "): evidence anchors are left unresolved (no offsets, no evidence sentences). "
            f"Give the documents with --corpus DIR or ${CORPUS_ENV}=DIR "
            "(README, 'The source documents')"
        )


def find_corpus(flag: Path | None = None, start: Path | None = None) -> CorpusSearch:
    """The folder of source documents: ``--corpus``, ``$MITOAKI_CORPUS``, ``../shared/corpus``.

    A folder given by flag or environment must exist (else :class:`ResourceError`): a typo is an
    error, not a build without evidence.
    """
    if flag is not None:
        return CorpusSearch(Found(_existing(flag, "--corpus"), "--corpus"), ("--corpus",))
    env = os.environ.get(CORPUS_ENV)
    if env:
        path = _existing(Path(env), f"${CORPUS_ENV}")
        return CorpusSearch(Found(path, f"${CORPUS_ENV}"), (f"${CORPUS_ENV}",))
    looked = ["--corpus", f"${CORPUS_ENV}"]
    roots = {find_checkout(start): "the checkout", _source_tree(): "the package's source tree"}
    for root, name in roots.items():
        if root is None:
            continue
        candidate = root.parent / "shared" / "corpus"
        looked.append(str(candidate))
        if candidate.is_dir():
            return CorpusSearch(Found(candidate, f"beside {name}"), tuple(looked))
    if find_checkout(start) is None and _source_tree() is None:
        looked.append("../shared/corpus beside a checkout (none around the current folder)")
    return CorpusSearch(None, tuple(looked))


def _existing(path: Path, given_by: str) -> Path:
    if not path.is_dir():
        raise ResourceError(
            f"corpus folder given by {given_by} not found", path=path, rule="corpus"
        )
    return path


def default_corpus() -> Path | None:
    """The corpus :func:`find_corpus` finds without a flag, else None."""
    found = find_corpus().found
    return found.path if found else None
