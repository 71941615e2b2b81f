"""Run ``kgx validate`` offline: the Biolink model from its PyPI package, every socket refused.

    python tests/kgx_offline.py REPORT NODES EDGES CONTEXT [NODES EDGES CONTEXT ...]

kgx (2.7) builds a Biolink Model Toolkit at import, which fetches the model and its predicate
map from GitHub, and reads the prefixes of the Biolink JSON-LD context from GitHub too. Here the
toolkit reads ``biolink_model/schema/biolink_model.yaml`` of the pinned ``biolink-model``
package (no predicate map: the validator does not use one), and the validator's prefixes are the
package's Biolink prefix map plus those of CONTEXT (the release's ``context.jsonld``, shipped
beside the KGX files), Biolink's winning where both name a prefix. Any attempt at the network
raises. What the validator reports for each set of files is written to REPORT as a JSON list.
"""

from __future__ import annotations

import json
import socket
import sys
from importlib.resources import files
from typing import Any, NoReturn


def _refuse(*_: object, **__: object) -> NoReturn:
    """Stand in for every way of opening a connection."""
    raise OSError("network access attempted while validating offline")


def _offline() -> None:
    socket.socket.connect = _refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = _refuse  # type: ignore[method-assign]
    socket.create_connection = _refuse
    socket.getaddrinfo = _refuse


def _local_toolkit() -> None:
    """Make ``bmt.Toolkit()`` read the packaged Biolink model (before kgx imports it)."""
    import bmt
    import bmt.toolkit
    from linkml_runtime.utils.schemaview import SchemaView

    model = str(files("biolink_model") / "schema" / "biolink_model.yaml")

    class PackagedToolkit(bmt.toolkit.Toolkit):  # type: ignore[misc]
        def __init__(self, schema: Any = model, predicate_map: Any = None) -> None:
            self.view = SchemaView(schema)
            self.pmap = {"predicate mappings": []}

    bmt.Toolkit = bmt.toolkit.Toolkit = PackagedToolkit


def _prefixes(context: str) -> dict[str, str]:
    """The Biolink model's prefix map and the shipped context's prefixes, Biolink's first."""
    biolink = json.loads(
        (files("biolink_model") / "prefixmaps" / "biolink-model-prefix-map.json").read_text()
    )
    with open(context, encoding="utf-8") as handle:
        shipped = json.load(handle)["@context"]
    return {**{k: v for k, v in shipped.items() if isinstance(v, str)}, **biolink}


def main(report: str, *files: str) -> int:
    """Validate each (nodes, edges, context) of ``files``; write what kgx found to ``report``."""
    _offline()
    _local_toolkit()
    import kgx.config
    from kgx.cli.cli_utils import validate

    found = []
    for nodes, edges, context in zip(files[::3], files[1::3], files[2::3], strict=True):
        kgx.config.jsonld_context_map["biolink"] = _prefixes(context)
        found.append(validate([nodes, edges], "tsv", None, f"{report}.{len(found)}.txt"))
    with open(report, "w", encoding="utf-8") as handle:
        json.dump(found, handle, indent=1, sort_keys=True, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
