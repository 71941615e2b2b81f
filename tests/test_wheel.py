"""The package installed from a wheel builds the checkout it runs in, and says what it reads."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from mitoaki.release.void import ANCHORS_UNRESOLVED

ROOT = Path(__file__).resolve().parent.parent
EDITED_TITLE = "An edited title that only the checkout has"


def _installed_wheel(tmp_path: Path) -> Path:
    """A fresh venv with the project's wheel installed; returns its ``bin`` folder."""
    dist = tmp_path / "dist"
    wheel_command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run([*wheel_command, "-q", "-w", str(dist), str(ROOT)], check=True)
    wheel = next(dist.glob("mitoaki-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # dependencies come from this environment (no network needed); the package from the wheel
    site = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True)
    return venv / "bin"


def _checkout(folder: Path) -> Path:
    """A copy of the project's ontology and shapes (a checkout without ../shared)."""
    shutil.copytree(ROOT / "ontology", folder / "ontology")
    shutil.copytree(ROOT / "shapes", folder / "shapes")
    records = folder / "ontology" / "records" / "msc-aki-ischemia-review.yaml"
    text = records.read_text(encoding="utf-8")
    start = text.index("  title: ")
    end = text.index("\n", start)
    records.write_text(f"{text[:start]}  title: {EDITED_TITLE}{text[end:]}", encoding="utf-8")
    return folder


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), "COLUMNS": "200"}
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, check=False)


@pytest.mark.slow
def test_wheel_builds_the_checkout_it_runs_in(tmp_path: Path) -> None:
    mitoaki = str(_installed_wheel(tmp_path) / "mitoaki")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    where = _run([str(Path(mitoaki).parent / "python"), "-c", _WHERE], outside).stdout.strip()
    assert where.startswith(str(tmp_path / "venv")), f"not the packed copy outside: {where}"

    checkout = _checkout(tmp_path / "checkout")
    inside = checkout / "ontology" / "records"  # a folder inside the checkout finds it too
    out = tmp_path / "release"
    done = _run([mitoaki, "build", "--out", str(out)], inside)
    assert done.returncode == 0, done.stderr
    first = done.stderr.splitlines()[:5]
    assert first[0] == f"ontology: {checkout / 'ontology'} (checkout)"
    assert first[1].startswith(f"records:  {checkout / 'ontology' / 'records'} ")
    assert first[2] == f"shapes:   {checkout / 'shapes'} (checkout)"
    assert first[3].startswith("warning: no source documents found (looked in: --corpus")
    assert str(tmp_path / "shared" / "corpus") in done.stderr  # what was looked for
    assert "--corpus DIR or $MITOAKI_CORPUS=DIR" in done.stderr  # and how to give it
    assert EDITED_TITLE in (out / "mitoaki-kb.nt").read_text(encoding="utf-8")
    assert ANCHORS_UNRESOLVED in (out / "void.ttl").read_text(encoding="utf-8")
    manifest = (out / "manifest.sha256").read_text(encoding="utf-8")
    assert manifest.startswith(f"# {ANCHORS_UNRESOLVED}\n")
    assert _run([mitoaki, "verify", str(out)], checkout).returncode == 0

    required = _run([mitoaki, "build", "--require-corpus", "--out", str(out)], checkout)
    assert required.returncode == 1
    assert "no source documents found" in required.stderr and "[corpus-required]" in required.stderr

    records = checkout / "ontology" / "records" / "msc-aki-ischemia-review.yaml"
    records.write_text(records.read_text(encoding="utf-8") + "\nbogus: 1\n", encoding="utf-8")
    broken = _run([mitoaki, "build", "--out", str(out)], checkout)
    assert broken.returncode == 1
    assert "unknown field 'bogus'" in broken.stderr and "Traceback" not in broken.stderr


_WHERE = "import mitoaki.core.paths as p; print(p.data_dir('ontology'))"
