"""The package's shape (issue 24): the stages import downwards only, and stay small enough to read.

The layers, top to bottom: ``cli`` -> ``build`` -> ``release`` -> ``access`` -> ``check`` -> ``kb``
-> {``records``, ``ontology``} -> ``core``; ``extract`` stands beside the pipeline over
``records``, ``ontology`` and ``core`` and only the CLI imports it. The import graph is grimp's
(import-linter's engine), read from the installed package, lazy imports inside functions included.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

import mitoaki

PACKAGE = Path(mitoaki.__file__).parent
#: Each stage with the stages it may import (besides itself).
ALLOWED = {
    "core": set(),
    "records": {"core"},
    "ontology": {"core"},
    "kb": {"records", "ontology", "core"},
    "check": {"kb", "records", "ontology", "core"},
    "access": {"check", "kb", "records", "ontology", "core"},
    "release": {"access", "check", "kb", "records", "ontology", "core"},
    "build": {"release", "access", "check", "kb", "records", "ontology", "core"},
    "extract": {"records", "ontology", "core"},
    "cli": {"build", "release", "access", "check", "kb", "records", "ontology", "core", "extract"},
    "__main__": {"cli"},
    # the README's API before the stages, kept with a DeprecationWarning
    "query": {"access", "core"},
    "store": {"access", "core"},
}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
#: A module or function longer than the limits says why in its docstring, in a paragraph that
#: opens with this word.
REASON = "Long:"


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("mitoaki")


def test_every_module_is_in_a_stage(graph: grimp.ImportGraph) -> None:
    stages = {_stage(m) for m in graph.modules} - {""}
    assert stages == set(ALLOWED)


def _back_edges(graph: grimp.ImportGraph) -> list[str]:
    """Every import of a stage the importer's stage may not import, with its lines."""
    wrong = []
    for module in sorted(graph.modules):
        stage = _stage(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            other = _stage(imported)
            if stage and other and other != stage and other not in ALLOWED[stage]:
                details = graph.get_import_details(importer=module, imported=imported)
                lines = ", ".join(str(d["line_number"]) for d in details)
                wrong.append(f"{module} imports {imported} (line {lines})")
    return wrong


def test_stages_import_downwards_only(graph: grimp.ImportGraph) -> None:
    assert _back_edges(graph) == []


def test_a_back_edge_would_be_caught(graph: grimp.ImportGraph) -> None:
    """An import from kb up to the release is named; imports inside functions are read too."""
    broken = grimp.build_graph("mitoaki")
    broken.add_import(
        importer="mitoaki.kb.triples",
        imported="mitoaki.release.void",
        line_number=7,
        line_contents="from mitoaki.release import void",
    )
    assert _back_edges(broken) == ["mitoaki.kb.triples imports mitoaki.release.void (line 7)"]
    # `mitoaki build` imports the pipeline inside its function (a fast --help)
    assert graph.direct_import_exists(importer="mitoaki.cli.build", imported="mitoaki.build")


def _too_long(package: Path = PACKAGE) -> list[str]:
    out = []
    for path in sorted(package.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        name = path.relative_to(package).as_posix()
        lines = source.count("\n")
        if lines > MAX_MODULE_LINES and REASON not in (ast.get_docstring(tree) or ""):
            out.append(f"{name}: {lines} lines")
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES and REASON not in (ast.get_docstring(node) or ""):
                    out.append(f"{name}: {node.name} {length} lines")
    return out


def test_modules_and_functions_are_short_or_say_why() -> None:
    assert _too_long() == []


def test_the_size_rule_reads_lengths_and_reasons(tmp_path: Path) -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(60))
    (tmp_path / "long.py").write_text(f'"""A module."""\n\n\ndef f() -> None:\n{body}', "utf-8")
    reason = '    """Do it.\n\n    Long: one table, read top to bottom.\n    """\n'
    (tmp_path / "said.py").write_text(f"def g() -> None:\n{reason}{body}", encoding="utf-8")
    (tmp_path / "big.py").write_text("x = 1\n" * 401, encoding="utf-8")
    assert _too_long(tmp_path) == ["big.py: 401 lines", "long.py: f 61 lines"]


@pytest.mark.parametrize(
    ("old", "name", "new"),
    [("query", "ask", "access.query"), ("store", "open_release", "access.store")],
)
def test_the_api_the_readme_documented_before_keeps_working(old: str, name: str, new: str) -> None:
    import importlib
    import sys

    sys.modules.pop(f"mitoaki.{old}", None)
    with pytest.warns(DeprecationWarning, match=f"mitoaki.{old} is deprecated"):
        module = importlib.import_module(f"mitoaki.{old}")
    assert getattr(module, name) is getattr(importlib.import_module(f"mitoaki.{new}"), name)
    with pytest.raises(AttributeError):
        _ = module.no_such_name
