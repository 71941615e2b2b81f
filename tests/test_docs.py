"""The HTML documentation, rendered by headless Chromium (installed by .ci/run)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mitoaki.build import BuildReport

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def render(page: Path, profile: Path) -> str:
    """The DOM of a page after Chromium has loaded it."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed (bash .ci/run installs Debian's package)")
    done = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_class_page_shows_label_definition_and_parents(
    release: BuildReport, tmp_path: Path
) -> None:
    dom = render(release.out / "site" / "ontology.html", tmp_path / "profile")
    section = dom[dom.index('id="MITOAKI_0000100"') :]
    section = section[: section.index("</section>")]
    assert "mitochondrial biogenesis" in section
    assert "new mitochondrial mass is generated" in section  # its definition
    assert "mitochondrion organization" in section and "GO:0007005" in section  # its parent


def test_study_page_shows_findings_and_evidence(release: BuildReport, tmp_path: Path) -> None:
    dom = render(release.out / "site" / "studies" / "perico-2017.html", tmp_path / "profile")
    assert "<h1>Perico et al. 2017 [70]</h1>" in dom
    assert "intercellular mitochondrial transfer" in dom and "4.1 %" in dom
    assert "Exposure to cisplatin reduced the percentage to 4.1%" in dom  # evidence anchor
    assert 'href="../findings/perico-2017-atp.html"' in dom


def test_finding_page_shows_its_evidence_sentence(release: BuildReport, tmp_path: Path) -> None:
    dom = render(release.out / "site" / "findings" / "geng-2017-atp.html", tmp_path / "profile")
    assert "Geng et al. 2017 [64]" in dom and "increased" in dom
    assert "2017 Mice Glycerol Bone marrow" in dom  # the evidence sentence (a Table 1 row)
    assert "000_9e16bc4b4ce19214.txt" in dom


def test_htaccess_negotiates_the_namespace(release: BuildReport) -> None:
    rules = (release.out / "site" / ".htaccess").read_text(encoding="utf-8")
    for media in ("text/turtle", "application/ld\\+json", "application/rdf\\+xml"):
        assert f"RewriteCond %{{HTTP_ACCEPT}} {media}" in rules
    assert "ontology.html#MITOAKI_$1" in rules and "studies/$1.html" in rules
