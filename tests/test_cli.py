"""The CLI's wiring: help, version, a build, and one clear line with exit 1 on bad input."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from mitoaki import __version__
from mitoaki.cli import app
from mitoaki.paths import data_dir

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
