"""The ``mitoaki`` command line: a thin layer over the pipeline's modules.

The commands live by what they act on: :mod:`~mitoaki.cli.build` (the build),
:mod:`~mitoaki.cli.records` (records and import modules), :mod:`~mitoaki.cli.release`
(validate, verify, diff, figures, export), :mod:`~mitoaki.cli.access` (table, query, serve,
publish) and :mod:`~mitoaki.cli.extract`. Their errors take one path, :class:`OneErrorPath`.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
import typer.core
from rich.markup import escape

from mitoaki.cli import access, build, extract, records, release
from mitoaki.cli.shared import ERROR_STATUS, console
from mitoaki.core.errors import MitoakiError

#: The exit status of an error that is not a :class:`MitoakiError` (a defect): sysexits.h's
#: ``EX_SOFTWARE``.
INTERNAL_ERROR = 70


class OneErrorPath(typer.core.TyperCommand):
    """A command whose errors take one path.

    A :class:`MitoakiError` becomes its one-line message (a line for each error it gathers) and
    exit status 1, or the status the command set in ``ctx.meta[ERROR_STATUS]``; any other
    exception becomes one ``internal error`` line and exit status :data:`INTERNAL_ERROR`, or,
    with ``mitoaki --debug``, goes on with its traceback.
    """

    # typer.Context, the public name, narrows the type of the (vendored) click method's ctx
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        """Run the command, turning its errors into one line and an exit status."""
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except MitoakiError as error:
            for line in str(error).splitlines():
                console.print(
                    f"[bold red]error:[/] {escape(line)}", highlight=False, soft_wrap=True
                )
            raise typer.Exit(code=ctx.meta.get(ERROR_STATUS, 1)) from None
        except Exception as error:
            if ctx.find_root().params.get("debug"):
                raise
            message = " ".join(f"{type(error).__name__}: {error}".split())
            console.print(
                f"[bold red]internal error:[/] {escape(message)} "
                "(rerun with --debug for the traceback)",
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(code=INTERNAL_ERROR) from None


app = typer.Typer(
    name="mitoaki",
    help="Build, validate and query the mitoaki knowledge graph of mitochondrial dysfunction "
    "in acute kidney injury and MSC therapy.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        import mitoaki

        typer.echo(f"mitoaki {mitoaki.__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help="Let an internal error through with its traceback (for a bug report)."
        ),
    ] = False,
) -> None:
    """Build, validate and query the mitoaki knowledge graph."""


for command in (
    build.build,
    records.imports,
    records.records,
    access.table,
    release.validate,
    access.query,
    access.serve,
    access.publish,
    release.verify,
    release.diff,
    release.figures,
    release.export,
    extract.extract,
):
    app.command(cls=OneErrorPath)(command)
