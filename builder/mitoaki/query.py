"""Deprecated home of the question helpers: they live in :mod:`mitoaki.access` now.

``from mitoaki.query import ask`` was the documented way before the package took its stages
(issue 24); it keeps working, with a :class:`DeprecationWarning` naming the new module. Any
public name of the old module is looked up in the modules it was split into.
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

_HOMES = ("mitoaki.access.query", "mitoaki.access.questions", "mitoaki.access.binding")
warnings.warn(
    "mitoaki.query is deprecated: import from mitoaki.access.query "
    "(ask, execute, answer, rows) or mitoaki.access.questions",
    DeprecationWarning,
    stacklevel=2,
)


def __getattr__(name: str) -> Any:
    """The name from the module it moved to."""
    for home in _HOMES:
        module = importlib.import_module(home)
        if hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(f"module 'mitoaki.query' has no attribute {name!r}")
