"""``ctwp report ITEM/KEY``: record a progress report on a milestone."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ctwp.cli import completion
from ctwp.cli.options import DataOption


def report(
    milestone: Annotated[
        str,
        typer.Argument(
            metavar="ITEM/KEY",
            autocompletion=completion.milestone_references,
            help="The milestone, as ITEM-ID/MILESTONE-KEY, such as 2022-research-centre/milestone-1.",
        ),
    ],
    status: Annotated[
        str,
        typer.Option(
            "--status",
            metavar="STATUS",
            autocompletion=completion.statuses,
            help="Where the milestone stood: not-started, on-track, at-risk, done, stopped or replaced.",
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option("--source", metavar="TEXT", show_default=False, help="Required: the document, OIA reference or URL that states it."),
    ] = None,
    when: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            show_default=False,
            help="The day the report speaks for, 2022-06-03, or the month, 2022-06, when the source gives no day. Default: today.",
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="TEXT", show_default=False, help="What happened, briefly, in the source's words where possible."),
    ] = None,
    expected: Annotated[
        str | None,
        typer.Option(
            "--expected",
            metavar="PERIOD",
            show_default=False,
            help="When the milestone is now expected, as the source says: 2023, 2023-Q1, 2023-06 or 2023-06-30.",
        ),
    ] = None,
    data: DataOption = None,
) -> None:
    """Record a progress report on a milestone, at the end of its edition's progress file.

    The report is checked with the whole data folder before anything is written: a report
    refused (an unknown milestone or status, no source) changes nothing. The file keeps its
    comments and layout; it is created, progress/YEAR.yaml, if needed. Reports are added,
    never edited: a later report that contradicts an earlier one is recorded with a warning.
    Prints the report as recorded and the milestone's state before and after it.
    """
    from datetime import date

    from ctwp.analysis.reporting import record_report, recorded_lines
    from ctwp.data.loading import find_data_dir

    recorded = record_report(find_data_dir(data), milestone, status, when or date.today().isoformat(), source, note, expected)
    print("\n".join(recorded_lines(recorded)))
    for warning in recorded.warnings:
        print(warning.text(), file=sys.stderr)
