"""``ctwp site OUT_DIR``: the programme as a static web site."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ctwp.cli.options import DataOption, as_at_option


def site(
    out_dir: Annotated[
        Path,
        typer.Argument(metavar="OUT_DIR", show_default=False, help="The folder to build the site in: new, empty, or a site ctwp built."),
    ],
    data: DataOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the site already in OUT_DIR (only a folder ctwp built).")] = False,
    as_at: as_at_option("The day to show progress as at.") = "today",
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            show_default=False,
            help="Where the site will be served (https://example.org/ctwp/): citations give absolute addresses, and the Atom feed (feed.xml) is written, which needs them.",
        ),
    ] = None,
    no_search: Annotated[
        bool, typer.Option("--no-search", help="Build without search (no search page, no Pagefind index): a quicker build.")
    ] = False,
) -> None:
    """Build the programme as a static web site: a page for each edition, item, agency and
    RCOI recommendation, the changes from edition to edition, a timeline and a coverage
    matrix, and the data to download (CSV, JSON, iCalendar, SQLite, xlsx, JSON Schema,
    datapackage.json). Every page says how to cite it and the data's terms.

    Each milestone's state (done on time, known late, no report past due...) and its progress reports are shown
    as at one day, --as-at, read as 'ctwp status --as-at' reads it; every page names it.

    The pages link to each other with relative links and fetch nothing, so the site works
    opened from disk or served from any folder of a static host. Search (search.html, a
    Pagefind index) needs the site served over http or https.

    Example:  ctwp site public --base-url https://example.org/ctwp/
    """
    import sys
    from datetime import date

    from ctwp.analysis.progress import read_as_at
    from ctwp.core.errors import one_line
    from ctwp.core.files import check_parent_folder
    from ctwp.data.loading import display_path, find_data_dir, load_valid_dataset
    from ctwp.publish.citation import check_base_url
    from ctwp.publish.site import build_site

    as_at_day = read_as_at(as_at, date.today())
    base = check_base_url(base_url) if base_url is not None else None
    if not out_dir.exists():
        check_parent_folder(out_dir)  # the site's own folder is made, as --output makes its file, and no folder above it
    built = build_site(load_valid_dataset(find_data_dir(data)), out_dir, force, as_at_day, base, search=not no_search)
    extras = [f"indexed {built.search.pages} pages for search" if built.search else "no search index (--no-search)"]
    extras.append("the Atom feed" if built.feed else "no Atom feed: it needs --base-url")
    print(
        one_line(f"wrote {len(built.pages)} pages and {len(built.downloads)} downloads to {display_path(out_dir)}; {'; '.join(extras)}"),
        file=sys.stderr,
    )
