"""`mitoaki diff`: classes and records added, removed and changed between two releases."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

from typer.testing import CliRunner

from mitoaki.build import BuildReport
from mitoaki.cli import app
from mitoaki.release.diff import snapshot, to_markdown

KB = "https://w3id.org/mitoaki/kb/"


def test_same_release_has_no_changes(mini_release: BuildReport) -> None:
    result = CliRunner().invoke(app, ["diff", str(mini_release.out), str(mini_release.out)])
    assert result.exit_code == 0
    assert "## finding: 0 added, 0 removed, 0 changed" in result.output
    assert "## Classes added (0)" in result.output


def test_added_removed_and_changed_records(mini_release: BuildReport) -> None:
    old = snapshot(mini_release.out)
    records = dict(old.records)
    records.pop(f"{KB}finding/mini-fission")
    records[f"{KB}finding/mini-atp"] = records[f"{KB}finding/mini-atp"] | {"<x> <y> <z> ."}
    records[f"{KB}finding/mini-new"] = frozenset({"<a> <b> <c> ."})
    classes = {k: v for k, v in old.classes.items() if not k.endswith("0000702")}
    classes["https://w3id.org/mitoaki/MITOAKI_0000999"] = "a new class"
    new = replace(
        old,
        records=records,
        classes=classes,
        labels={**old.labels, "https://w3id.org/mitoaki/MITOAKI_0000999": "a new class"},
    )
    text = to_markdown(old, new, "v1", "v2")
    assert "## finding: 1 added, 1 removed, 1 changed" in text
    assert "- added `kb:finding/mini-new`" in text
    assert "- removed `kb:finding/mini-fission`" in text
    assert "- changed `kb:finding/mini-atp` ATP increased" in text
    assert "- `MITOAKI:0000999` a new class" in text
    assert "## Classes removed (1)" in text and "MITOAKI:0000702" in text


def test_a_record_that_only_moved_in_its_file_is_not_changed(
    mini_release: BuildReport, tmp_path: Path
) -> None:
    moved = tmp_path / "moved"
    shutil.copytree(mini_release.out, moved, ignore=shutil.ignore_patterns("store"))
    path = moved / "mitoaki-kb.nt"
    text = path.read_text(encoding="utf-8")
    assert '"mini.yaml:' in text
    path.write_text(re.sub(r'"mini\.yaml:\d+"', '"mini.yaml:999"', text), encoding="utf-8")
    assert snapshot(moved).records == snapshot(mini_release.out).records
    path.write_text(text.replace('"mini.yaml:', '"other.yaml:'), encoding="utf-8")
    assert snapshot(moved).records != snapshot(mini_release.out).records  # the file still counts
