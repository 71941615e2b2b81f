"""What every command shares: the console (standard error) and how a command's errors exit."""

from __future__ import annotations

from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

#: Messages, progress and errors go to standard error; results to standard output.
console = Console(stderr=True)
#: The ``ctx.meta`` key of the exit status a :class:`~mitoaki.core.errors.MitoakiError` gives
#: (1 unless the command sets another).
ERROR_STATUS = "mitoaki.error_status"


def warn(message: str) -> None:
    """Print one warning line."""
    console.print(f"[bold yellow]warning:[/] {escape(message)}", highlight=False, soft_wrap=True)


def release_option(help: str) -> Any:
    """The ``--build`` option of a command that reads a release, with its help."""
    return typer.Option("--build", help=help)
