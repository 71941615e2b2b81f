"""The release's manifest, ``manifest.sha256`` (``sha256sum -c`` format), and its check."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mitoaki.core.serialize import atomic_write

MANIFEST = "manifest.sha256"


def release_names(folder: Path) -> list[str]:
    """Every file of a release but the manifest and the query store, sorted as paths sort.

    Names are relative to ``folder`` (``site/index.html``). Listed with ``os.walk``, which
    reads each folder's entries without a ``stat`` per file (340k pages and framed studies at
    100k studies).
    """
    found: list[tuple[str, ...]] = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if name != "store"]
        base = Path(root).relative_to(folder).parts
        found += [(*base, name) for name in files if name != "store"]
    return ["/".join(parts) for parts in sorted(found) if parts != (MANIFEST,)]


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in blocks (a KB file at scale is gigabytes)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


#: Files from this size are hashed on a thread of their own (hashlib releases Python's lock
#: while it hashes); a thread per small file costs more than it saves.
LARGE_FILE = 1 << 20


def digests(paths: list[Path]) -> list[str]:
    """:func:`sha256_of` each file: the large ones on a thread while this one hashes the rest."""
    out = [""] * len(paths)
    with ThreadPoolExecutor(max_workers=1) as pool:
        large = {
            i: pool.submit(sha256_of, path)
            for i, path in enumerate(paths)
            if path.stat().st_size >= LARGE_FILE
        }
        for i, path in enumerate(paths):
            if i not in large:
                out[i] = sha256_of(path)
        for i, digest in large.items():
            out[i] = digest.result()
    return out


def write_manifest(
    folder: Path, known: Mapping[str, str] | None = None, *, notes: tuple[str, ...] = ()
) -> Path:
    """SHA-256 of every file of the release (not the store), in ``sha256sum -c`` format.

    ``known`` gives the digests of files hashed from the bytes written (name -> digest): the
    pages and framed studies, which the workers hash as they write them. Every other file is read.
    ``notes`` head the file as ``#`` comment lines (which ``sha256sum -c`` skips).
    """
    known = known or {}
    names = release_names(folder)
    unknown = [name for name in names if name not in known]
    read = dict(zip(unknown, digests([folder / name for name in unknown]), strict=True))
    lines = [f"# {note}\n" for note in notes]
    lines += [f"{known[name] if name in known else read[name]}  {name}\n" for name in names]
    manifest = folder / MANIFEST
    atomic_write(manifest, "".join(lines).encode("utf-8"))
    return manifest


def verify(folder: Path) -> list[str]:
    """Compare a release with its manifest; return what differs (empty when intact)."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return [f"{MANIFEST} missing"]
    expected = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        digest, _, name = line.partition("  ")
        expected[name] = digest
    problems = []
    actual = set(release_names(folder))
    for name in sorted(set(expected) | actual):
        if name not in actual:
            problems.append(f"{name}: missing")
        elif name not in expected:
            problems.append(f"{name}: not in the manifest")
        elif sha256_of(folder / name) != expected[name]:
            problems.append(f"{name}: content differs from the manifest")
    return problems
