"""Bad input gets one clear error, never a traceback; a killed build leaves the release intact."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import MINI_CORPUS, MINI_RECORDS

from mitoaki.access.binding import bindings
from mitoaki.access.query import execute
from mitoaki.access.questions import questions
from mitoaki.build import BuildReport
from mitoaki.core.errors import AnchorError, QueryError, RecordError
from mitoaki.records.anchors import read_document
from mitoaki.records.loader import parse_file
from mitoaki.release.manifest import verify

BASE = yaml.safe_load((MINI_RECORDS / "mini.yaml").read_text(encoding="utf-8"))
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
FUZZ = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def load_text(folder: Path, text: str) -> None:
    path = folder / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        parse_file(path)
    except RecordError as error:
        assert str(error.path).startswith(str(path)) and error.rule


@FUZZ
@given(text=st.text(max_size=300))
def test_loader_never_crashes_on_any_text(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    load_text(tmp_path_factory.mktemp("fuzz"), text)


@FUZZ
@given(
    section=st.sampled_from(["findings", "studies", "models", "interventions"]),
    field=st.text(min_size=1, max_size=12),
    value=VALUES,
)
def test_loader_never_crashes_on_any_field_value(
    tmp_path_factory: pytest.TempPathFactory, section: str, field: str, value: object
) -> None:
    data = yaml.safe_load(yaml.safe_dump(BASE))
    data[section][0][field] = value
    load_text(tmp_path_factory.mktemp("fuzz"), yaml.safe_dump(data, allow_unicode=True))


@pytest.fixture(scope="module")
def small_store() -> ox.Store:
    store = ox.Store()
    store.load(b'<http://e/s> <http://e/p> "1" .', format=ox.RdfFormat.N_TRIPLES)
    return store


@FUZZ
@given(name=st.sampled_from(sorted(questions())), value=st.text(max_size=60))
def test_parameter_binding_never_crashes(small_store: ox.Store, name: str, value: str) -> None:
    question = questions()[name]
    for param in question.params:
        try:
            subs = bindings(question, {param.name: value})
        except QueryError:
            continue
        with contextlib.suppress(QueryError):  # a clear error is fine; a crash is not
            execute(small_store, question.text, subs)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "corpus file not found"),
        (b"\x00\x01binary\x00", "binary file"),
        ("caf\xe9 mitochondria".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_corpus_files(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "doc.txt"
    if content is not None:
        path.write_bytes(content)
    read_document.cache_clear()
    with pytest.raises(AnchorError, match=message) as caught:
        read_document(path)
    assert str(caught.value.path) == str(path)


def test_build_killed_mid_way_leaves_the_previous_release(
    mini_release: BuildReport, tmp_path: Path
) -> None:
    out = tmp_path / "build"
    shutil.copytree(mini_release.out, out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mitoaki",
            "build",
            "--out",
            str(out),
            "--records",
            str(MINI_RECORDS),
            "--corpus",
            str(MINI_CORPUS),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".build.staging-*")) and time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("the build finished before it could be killed")
        time.sleep(0.05)
    time.sleep(0.3)  # well inside the writing stage
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert verify(out) == []
