"""``ctwp schema``: print the JSON Schema of a programme file."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ctwp.cli.options import ForceOption, OutputOption


def schema(
    progress: Annotated[
        bool,
        typer.Option("--progress", help="The schema of progress files (progress/YEAR.yaml), committed as schema/progress.schema.json."),
    ] = False,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Print the JSON Schema that programme files follow (committed as schema/ctwp.schema.json)."""
    from ctwp.core.files import stdout_to
    from ctwp.data.schema import schema_text

    with stdout_to(output, force):
        sys.stdout.write(schema_text("progress" if progress else "programme"))
