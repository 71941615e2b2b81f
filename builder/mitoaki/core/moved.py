"""A module that moved: a warning on import, and its names looked up where they live now."""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable
from typing import Any


def moved(old: str, homes: tuple[str, ...], hint: str) -> Callable[[str], Any]:
    """Warn that module ``old`` is deprecated (``hint``: where to import from); its ``__getattr__``.

    The function returned finds a name in the first of ``homes`` that has it.
    """
    warnings.warn(f"{old} is deprecated: import from {hint}", DeprecationWarning, stacklevel=3)

    def lookup(name: str) -> Any:
        for home in homes:
            module = importlib.import_module(home)
            if hasattr(module, name):
                return getattr(module, name)
        raise AttributeError(f"module {old!r} has no attribute {name!r}")

    return lookup
