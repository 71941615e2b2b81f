"""Shared fixtures: the release is built once per session and reused by every test that reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mitoaki.build import BuildOptions, BuildReport, build
from mitoaki.paths import shared_dir

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def release(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """The real release, built once into a temporary folder."""
    out = tmp_path_factory.mktemp("release") / "build"
    return build(BuildOptions(out=out))


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (corpus and term tables); tests that need it skip where it is absent."""
    found = shared_dir()
    if found is None:
        pytest.skip("../shared is not present (a user's machine): nothing to check against")
    return found
