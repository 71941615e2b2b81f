"""mitoaki: a knowledge graph of mitochondrial dysfunction in AKI and MSC therapy targeting it."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed metadata on first use (keeps start-up fast)."""
    if name != "__version__":
        raise AttributeError(f"module 'mitoaki' has no attribute '{name}'")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mitoaki")
    except PackageNotFoundError:  # pragma: no cover - a source tree without install
        return "0.0.0"
