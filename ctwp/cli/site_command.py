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
    as_at: Annotated[
        str,
        typer.Option(
            "--as-at",
            "-a",
            metavar="D",
            help="The day to show progress as at: today, 2022-08-01, or a period (2022, 2022-Q3, Sep 2022), read as its last day.",
        ),
    ] = "today",
) -> None:
    """Build the programme as a static web site: a page for each edition, item, agency and
    RCOI recommendation, the changes from edition to edition, a timeline and a coverage
    matrix, and the data to download (CSV, JSON, iCalendar, JSON Schema, datapackage.json).

    Each milestone's state (done, overdue, due soon...) and its progress reports are shown
    as at one day, --as-at, read as 'ctwp status --as-at' reads it; every page names it.

    The pages link to each other with relative links and fetch nothing, so the site works
    opened from disk or served from any folder of a static host.

    Example:  ctwp site public && open public/index.html
    """
    import sys
    from datetime import date

    from ctwp.analysis.progress import read_as_at
    from ctwp.core.errors import one_line
    from ctwp.core.files import check_parent_folder
    from ctwp.data.loading import display_path, find_data_dir, load_valid_dataset
    from ctwp.publish.site import build_site

    as_at_day = read_as_at(as_at, date.today())
    if not out_dir.exists():
        check_parent_folder(out_dir)  # the site's own folder is made, as --output makes its file, and no folder above it
    built = build_site(load_valid_dataset(find_data_dir(data)), out_dir, force, as_at_day)
    print(one_line(f"wrote {len(built.pages)} pages and {len(built.downloads)} downloads to {display_path(out_dir)}"), file=sys.stderr)
