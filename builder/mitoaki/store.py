"""Deprecated home of the release store: it lives in :mod:`mitoaki.access.store` now.

``from mitoaki.store import open_release`` was the documented way before the package took its
stages (issue 24); it keeps working, with a :class:`DeprecationWarning` naming the new module.
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

_HOMES = ("mitoaki.access.store", "mitoaki.core.stores")
warnings.warn(
    "mitoaki.store is deprecated: import from mitoaki.access.store (open_release, load_store)",
    DeprecationWarning,
    stacklevel=2,
)


def __getattr__(name: str) -> Any:
    """The name from the module it moved to."""
    for home in _HOMES:
        module = importlib.import_module(home)
        if hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(f"module 'mitoaki.store' has no attribute {name!r}")
