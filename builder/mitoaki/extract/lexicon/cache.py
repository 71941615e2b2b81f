"""The compiled vocabulary's cache: one pickle a set of input files, in the user's cache folder.

``load`` reads the compiled form from a cache file keyed by the SHA-256 digests of the input
files and of this package's code (and the stop terms), compiling it first if absent; the file
is written to a scratch name and renamed, so a reader never sees half of one.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from pathlib import Path

from mitoaki.extract.lexicon.compiled import Vocabulary, compile_vocabulary
from mitoaki.extract.lexicon.names import FORMS
from mitoaki.extract.lexicon.tables import read_sources

CACHE_VERSION = "3"


def digest(paths: Iterable[Path]) -> str:
    """The SHA-256 of the input files' digests and of this package's code."""
    outer = hashlib.sha256(CACHE_VERSION.encode())
    from mitoaki.extract.wordforms import ADJECTIVES

    code = [*sorted(Path(__file__).parent.glob("*.py")), FORMS, ADJECTIVES]
    for path in [*paths, *code]:
        outer.update(path.name.encode())
        with path.open("rb") as handle:
            outer.update(hashlib.file_digest(handle, "sha256").digest())
    return outer.hexdigest()


def cache_dir() -> Path:
    """The user cache folder (``MITOAKI_CACHE`` or the platform's) for compiled vocabularies."""
    given = os.environ.get("MITOAKI_CACHE")
    if given:
        return Path(given)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mitoaki"))


def load(paths: list[Path], stop: Iterable[str] = ()) -> Vocabulary:
    """The compiled vocabulary of the input files, from the cache, compiled first if absent."""
    stopped = sorted(set(stop))
    name = digest(paths)[:32]
    extra = hashlib.sha256("\n".join(stopped).encode()).hexdigest()[:8]
    path = cache_dir() / f"vocabulary-{name}-{extra}.pickle"
    if path.is_file():
        with path.open("rb") as handle:
            loaded: Vocabulary = pickle.load(handle)
        return loaded
    vocabulary = compile_vocabulary(read_sources(paths), stopped)
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_suffix(f".{os.getpid()}.tmp")
    with scratch.open("wb") as handle:
        pickle.dump(vocabulary, handle, protocol=pickle.HIGHEST_PROTOCOL)
    scratch.replace(path)
    return vocabulary
