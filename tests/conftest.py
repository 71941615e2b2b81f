"""Shared fixtures: the release is built once per session and reused by every test that reads it."""

from __future__ import annotations

import importlib.util
import os
import pickle
import sys
from collections.abc import Generator, Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from filelock import FileLock

from mitoaki.build import BuildOptions, BuildReport, build
from mitoaki.core.paths import default_corpus, shared_dir
from mitoaki.extract.graph_lexicon import Lexicon
from mitoaki.extract.reader import Reader
from mitoaki.ontology.tbox import load_tbox
from mitoaki.records.loader import LoadedFile, load_records

REPO = Path(__file__).resolve().parent.parent
#: CI always has ../shared, Chromium, Virtuoso and the oxigraph server: a skip there is a failure.
IN_CI = os.environ.get("CI") == "true"
FIXTURES = Path(__file__).parent / "fixtures"
MINI_RECORDS = FIXTURES / "records"
MINI_CORPUS = FIXTURES / "corpus"


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, options: BuildOptions
) -> BuildReport:
    """A release built once per test run: the first pytest-xdist worker builds, the others wait.

    The workers share the folder above their own temporary folders; a lock file serialises them
    and a pickled report says the build is done. Tests read a shared release, never write it.
    """
    if os.environ.get("PYTEST_XDIST_WORKER") is None:  # one process: build here
        return build(replace(options, out=tmp_path_factory.mktemp(name) / "build"))
    root = tmp_path_factory.getbasetemp().parent
    with FileLock(root / f"{name}.lock"):
        done = root / f"{name}.report"
        if done.is_file():
            return pickle.loads(done.read_bytes())
        report = build(replace(options, out=root / name / "build"))
        done.write_bytes(pickle.dumps(report))
        return report


@pytest.fixture(scope="session")
def release(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """The real release (anchors resolved when ../shared/corpus exists), built once."""
    return built_once(tmp_path_factory, "release", release_options(Path("build")))


def release_triples(build_dir: Path) -> int:
    """The triples of a release's ontology and knowledge base (lines of their N-Triples files)."""
    return sum(
        1
        for name in ("mitoaki-full.nt", "mitoaki-kb.nt")
        for line in (build_dir / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    )


def release_options(out: Path) -> BuildOptions:
    """The options of the real release: project records, the corpus when present."""
    return BuildOptions(out=out, corpus_dir=default_corpus())


@pytest.fixture(scope="session")
def mini_release(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """A release of the small fixture records, anchors resolved in the fixture corpus."""
    options = BuildOptions(out=Path("build"), records_dir=MINI_RECORDS, corpus_dir=MINI_CORPUS)
    return built_once(tmp_path_factory, "mini", options)


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


def _synth() -> ModuleType:
    """benchmarks/synth.py, the generator of synthetic records in the real format."""
    spec = importlib.util.spec_from_file_location("synth", REPO / "benchmarks" / "synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synth", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def crossed(tmp_path_factory: pytest.TempPathFactory) -> list[LoadedFile]:
    """Six synthetic record files; a finding of the second names a study of the first."""
    folder = tmp_path_factory.mktemp("crossed")
    _synth().write_records(30, folder, per_file=5)
    first = yaml.safe_load((folder / "synth-0001.yaml").read_text(encoding="utf-8"))
    second_path = folder / "synth-0002.yaml"
    second = yaml.safe_load(second_path.read_text(encoding="utf-8"))
    second["findings"][0]["study"] = first["studies"][0]["key"]
    second["findings"][0].pop("model", None)
    second["findings"][0].pop("intervention", None)
    second_path.write_text(yaml.safe_dump(second, sort_keys=False), encoding="utf-8")
    return load_records(folder)


@pytest.fixture(scope="session")
def virtuoso(release: BuildReport, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Virtuoso 7 on loopback with the release loaded by `mitoaki publish` (Digest sign-in)."""
    from tests.stores import virtuoso as start_virtuoso
    from typer.testing import CliRunner

    from mitoaki.cli import app

    with start_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        loaded = CliRunner().invoke(
            app,
            [
                *("publish", "--endpoint", server.graph_store, "--build", str(release.out)),
                *("--user", server.user),
            ],
            env={"MITOAKI_PASSWORD": server.password},
        )
        assert loaded.exit_code == 0, loaded.output
        yield server


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, None]:
    """Under ``CI=true`` a test that skips (a missing tool or ../shared) fails instead."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, where it must run: {reason}"
