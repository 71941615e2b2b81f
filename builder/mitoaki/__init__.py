"""mitoaki: a knowledge graph of mitochondrial dysfunction in AKI and MSC therapy targeting it."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mitoaki")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = ["__version__"]
