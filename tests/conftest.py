"""Shared fixtures: the release is built once per session and reused by every test that reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mitoaki.build import BuildOptions, BuildReport, build
from mitoaki.extract.mentions import Lexicon
from mitoaki.extract.reader import Reader
from mitoaki.ontology import load_tbox
from mitoaki.paths import default_corpus, shared_dir

FIXTURES = Path(__file__).parent / "fixtures"
MINI_RECORDS = FIXTURES / "records"
MINI_CORPUS = FIXTURES / "corpus"


@pytest.fixture(scope="session")
def release(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """The real release (anchors resolved when ../shared/corpus exists), built once."""
    return build(release_options(tmp_path_factory.mktemp("release") / "build"))


def release_options(out: Path) -> BuildOptions:
    """The options of the real release: project records, the corpus when present."""
    return BuildOptions(out=out, corpus_dir=default_corpus())


@pytest.fixture(scope="session")
def mini_release(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """A release of the small fixture records, anchors resolved in the fixture corpus."""
    out = tmp_path_factory.mktemp("mini") / "build"
    return build(BuildOptions(out=out, records_dir=MINI_RECORDS, corpus_dir=MINI_CORPUS))


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (corpus and term tables); tests that need it skip where it is absent."""
    found = shared_dir()
    if found is None:
        pytest.skip("../shared is not present (a user's machine): nothing to check against")
    return found


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """The extraction lexicon of the shipped ontology and its imports, built once."""
    return Lexicon.from_graph(load_tbox().merged())


@pytest.fixture(scope="session")
def reader(lexicon: Lexicon) -> Reader:
    return Reader(lexicon)
