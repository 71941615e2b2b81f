"""The package works installed from a wheel: data files ship inside it, `mitoaki build` runs."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_builds(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
    )
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
    where = subprocess.check_output(
        [str(python), "-c", "import mitoaki.paths as p; print(p.data_dir('ontology'))"],
        text=True,
        cwd=tmp_path,
    ).strip()
    assert where.startswith(str(venv)), f"ontology not found inside the wheel: {where}"
    out = tmp_path / "release"
    done = subprocess.run(
        [str(venv / "bin" / "mitoaki"), "build", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (out / "mitoaki-full.owl").stat().st_size > 100_000
