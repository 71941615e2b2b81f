"""The CLI's wiring: help, version, a build, and one clear line with exit 1 on bad input."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mitoaki import __version__
from mitoaki.cli import app
from mitoaki.core.paths import data_dir

runner = CliRunner()


def test_help_lists_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "imports"):
        assert command in result.output


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_bad_ontology_gives_one_line_and_exit_1(tmp_path: Path) -> None:
    broken = tmp_path / "ontology"
    shutil.copytree(data_dir("ontology"), broken)
    (broken / "mitoaki.ttl").write_text("@prefix : <x> .\n:a :b", encoding="utf-8")
    result = runner.invoke(app, ["build", "--out", str(tmp_path / "b"), "--ontology", str(broken)])
    assert result.exit_code == 1
    assert "mitoaki.ttl" in result.output and "[turtle-syntax]" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "b").exists()


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mitoaki", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "build" in done.stdout


def _commands() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_every_help_names_no_bare_type_for_a_flag() -> None:
    for command in ["", *_commands()]:
        result = runner.invoke(app, [command, "--help"] if command else ["--help"])
        assert result.exit_code == 0, command
        assert "<bool>" not in result.output, f"mitoaki {command} --help shows <bool>"


def test_query_help_lists_every_output_format() -> None:
    from mitoaki.access.query import GRAPH_FORMATS, RESULT_FORMATS
    from mitoaki.cli import access

    assert set(access.RESULT_FORMATS) == set(RESULT_FORMATS)  # the CLI's list is the registry's
    assert set(access.GRAPH_FORMATS) == set(GRAPH_FORMATS)
    text = " ".join(runner.invoke(app, ["query", "--help"], env={"COLUMNS": "300"}).output.split())
    for name in ("table", *RESULT_FORMATS, *GRAPH_FORMATS):
        assert f"{name}," in text or f"{name} " in text or f"{name}." in text, name


def test_query_describe_prints_question_parameters_and_sparql() -> None:
    from mitoaki.access.questions import question

    result = runner.invoke(app, ["query", "--describe", "studies-by-species"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == f"studies-by-species: {question('studies-by-species').question}"
    assert lines[3].startswith("  taxon (iri, default NCBITaxon:10090): an NCBITaxon term")
    assert result.output.endswith(question("studies-by-species").text.rstrip() + "\n")
    unknown = runner.invoke(app, ["query", "--describe", "nope"])
    assert unknown.exit_code == 1 and "unknown question 'nope'" in unknown.output


def test_query_table_prints_curies(tmp_path: Path) -> None:
    from mitoaki.core.namespaces import expand

    release = tmp_path / "release"
    release.mkdir()
    go = expand("GO:0000266")
    (release / "mitoaki-full.nt").write_text(
        f'<{go}> <http://www.w3.org/2000/01/rdf-schema#label> "mitochondrial fission" .\n'
        '<https://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n',
        encoding="utf-8",
    )
    (release / "mitoaki-kb.nt").write_text("", encoding="utf-8")
    query = "SELECT ?s ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l"
    query = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " + query
    result = runner.invoke(
        app, ["query", "--sparql", query, "--build", str(release)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in result.stdout.splitlines()]
    assert [row for row in cells if len(row) == 2] == [
        ["GO:0000266", "mitochondrial fission"],
        ["https://example.org/x", "x"],  # no prefix fits: the whole IRI, not truncated
    ]


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mitoaki", "serve", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def _one_error_line(done: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert all(needle in lines[0] for needle in needles), lines[0]
    assert "SPARQL endpoint" not in done.stdout + done.stderr  # no banner before the error


def test_serve_start_up_errors_are_one_line(tmp_path: Path) -> None:
    import socket

    _one_error_line(_serve("--build", str(tmp_path / "none")), "release file not found")
    release = tmp_path / "release"
    (release / "store").mkdir(parents=True)
    for name in ("mitoaki-full.nt", "mitoaki-kb.nt"):
        (release / name).write_text("", encoding="utf-8")
    (release / "store" / "CURRENT").write_text("not a database\n", encoding="utf-8")
    _one_error_line(_serve("--build", str(release)), "cannot open the store", "[store]")
    (release / "store" / "CURRENT").unlink()
    (release / "store").rmdir()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        done = _serve("--build", str(release), "--port", port)
    _one_error_line(done, f"cannot listen on 127.0.0.1:{port}", "[serve-port]")


def _boom(*_: object) -> None:
    raise ValueError("boom\nsecond line")


def test_an_error_of_the_project_is_one_line_and_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    from mitoaki.core.errors import MitoakiError

    def refuse(*_: object) -> None:
        raise MitoakiError("not a release", path="old", rule="release")

    monkeypatch.setattr("mitoaki.release.diff.snapshot", refuse)
    result = runner.invoke(app, ["diff", "old", "new"])
    assert result.exit_code == 1
    assert result.output == "error: old: not a release [release]\n"


def test_an_internal_error_is_one_line_and_exit_70(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mitoaki.release.diff.snapshot", _boom)
    result = runner.invoke(app, ["diff", "old", "new"])
    assert result.exit_code == 70
    assert result.output == (
        "internal error: ValueError: boom second line (rerun with --debug for the traceback)\n"
    )
    debug = runner.invoke(app, ["--debug", "diff", "old", "new"])
    assert isinstance(debug.exception, ValueError) and debug.exit_code != 70  # let through


def test_debug_prints_the_traceback_of_an_internal_error() -> None:
    """In a process of its own, as a user runs it: one line without --debug, the traceback with."""
    program = (
        "import sys, mitoaki.release.diff as d\n"
        "def boom(*_): raise ValueError('boom')\n"
        "d.snapshot = boom\n"
        "from mitoaki.cli import app\n"
        "app(sys.argv[1:], prog_name='mitoaki')\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", program, *flags, "diff", "a", "b"],
            capture_output=True,
            text=True,
            check=False,
        )
        for flags in ([], ["--debug"])
    ]
    assert runs[0].returncode == 70 and "Traceback" not in runs[0].stderr
    assert runs[0].stderr.splitlines() == [
        "internal error: ValueError: boom (rerun with --debug for the traceback)"
    ]
    assert runs[1].returncode == 1 and "Traceback (most recent call last)" in runs[1].stderr
    assert runs[1].stderr.splitlines()[-1] == "ValueError: boom"


def test_bad_input_the_user_can_give_is_one_line(tmp_path: Path) -> None:
    from mitoaki.cli.access import _listen
    from mitoaki.core.errors import MitoakiError

    folder = runner.invoke(app, ["extract", str(tmp_path)])  # a folder where a text should be
    assert folder.exit_code == 1
    assert folder.output == f"error: {tmp_path}: cannot read: Is a directory [corpus-file]\n"
    query = tmp_path / "q.rq"
    query.write_bytes(b"\xff\xfe")  # not UTF-8
    result = runner.invoke(app, ["query", "--file", str(query)])
    assert result.exit_code == 1 and "cannot read the query" in result.output
    assert result.output.endswith("[query-file]\n")
    with pytest.raises(MitoakiError, match="port 70000: not 0 to 65535"):
        _listen("127.0.0.1", 70000)  # getaddrinfo would take it for 4464


def test_a_damaged_release_file_is_one_line_naming_it(tmp_path: Path) -> None:
    for name in ("mitoaki-full.nt", "mitoaki-kb.nt"):
        (tmp_path / name).write_text("<a> <b> .\n", encoding="utf-8")  # IRIs without a scheme
    for command in (["export", "ttl"], ["query", "--sparql", "ASK {}"], ["table"]):
        result = runner.invoke(app, [*command, "--build", str(tmp_path)])
        assert result.exit_code == 1, command
        lines = result.output.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {tmp_path}/mitoaki-"), command
        assert "not valid N-Triples" in lines[0] and lines[0].endswith("[release]"), command
    diff = runner.invoke(app, ["diff", str(tmp_path), str(tmp_path)])
    assert diff.exit_code == 1 and "not valid N-Triples" in diff.output
