"""``ctwp render YEAR``: one year's programme as a document to read, print or publish."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from ctwp.cli import completion
from ctwp.cli.options import YEAR, DataOption, ForceOption, OutputOption


class DocumentFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    svg = "svg"


def render(
    year: Annotated[
        int,
        typer.Argument(
            metavar="YEAR", click_type=YEAR, autocompletion=completion.years, show_default=False, help="The programme year, such as 2022."
        ),
    ],
    output_format: Annotated[
        DocumentFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            case_sensitive=False,
            help="FORMAT is markdown (for GitHub and other Markdown readers), html (one self-contained page, to open in a browser or print) "
            "or svg (the timeline of the year's milestones as a picture).",
        ),
    ] = DocumentFormat.markdown,
    data: DataOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Write one year's programme as a document, grouped as the published table is.

    Each group with its overview and lead, then its items with their leads (full names),
    RCOI recommendations and milestones. A note says which data file the document was
    generated from, at which git revision, and whether the file has changed since.

    The svg format draws the year's timeline instead: a bar for each dated milestone across
    its whole due period, the undated ones named beside it.

    Examples:  ctwp render 2022 --format html --output programme-2022.html
               ctwp render 2022 --format svg --output timeline-2022.svg
    """
    from ctwp.core.files import stdout_to
    from ctwp.data.loading import find_data_dir, load_valid_dataset
    from ctwp.publish.document import html_document, markdown_document, programme_document

    dataset = load_valid_dataset(find_data_dir(data))
    if output_format is DocumentFormat.svg:
        from ctwp.data.loading import find_year
        from ctwp.publish.pictures import timeline_svg

        text = timeline_svg([find_year(dataset, year).programme]) + "\n"
    else:
        document = programme_document(dataset, year)
        text = html_document(document) if output_format is DocumentFormat.html else markdown_document(document)
    with stdout_to(output, force):
        sys.stdout.write(text)
