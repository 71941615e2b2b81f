"""Every external identifier in ontology/ exists, is live and carries its source label."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mitoaki.core.paths import data_dir


def test_check_terms_reports_no_problems(shared: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(shared / "tools" / "check_terms.py"),
            "--quiet",
            str(data_dir("ontology")),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert done.stdout.strip().endswith(", 0 problems")
