"""``ctwp site OUT_DIR``: the programme as a static web site."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ctwp.cli.options import DataOption


def site(
    out_dir: Annotated[
        Path,
        typer.Argument(metavar="OUT_DIR", show_default=False, help="The folder to build the site in: new, empty, or a site ctwp built."),
    ],
    data: DataOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the site already in OUT_DIR (only a folder ctwp built).")] = False,
) -> None:
    """Build the programme as a static web site: a page for each edition, item, agency and
    RCOI recommendation, the changes from edition to edition, a timeline and a coverage
    matrix, and the data to download (CSV, JSON, iCalendar, JSON Schema, datapackage.json).

    The pages link to each other with relative links and fetch nothing, so the site works
    opened from disk or served from any folder of a static host.

    Example:  ctwp site public && open public/index.html
    """
    import sys

    from ctwp.loading import display_path, find_data_dir, load_valid_dataset
    from ctwp.site import build_site

    built = build_site(load_valid_dataset(find_data_dir(data)), out_dir, force)
    print(f"wrote {len(built.pages)} pages and {len(built.downloads)} downloads to {display_path(out_dir)}", file=sys.stderr)
