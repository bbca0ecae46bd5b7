"""``ctwp due``: milestones in date order, filtered by when they fall due."""

from __future__ import annotations

from typing import Annotated

import typer

from ctwp.cli import item_columns as columns
from ctwp.cli.options import (
    DataOption,
    ForceOption,
    FormatOption,
    GroupOption,
    LeadOption,
    OutputOption,
    RecOption,
    SearchOption,
    YearOption,
    chosen_format,
)

_PERIOD_FORMS = "P is today, 2022, 2022-12, 2022-Q4, Q4 2022, Dec 2022, December 2022 or 2022-12-15."


def _window(relation: str, meaning: str):
    return Annotated[str | None, typer.Option(f"--{relation}", metavar="P", show_default=False, help=f"{meaning} {_PERIOD_FORMS}")]


def due(
    before: _window(
        "before", "Due before P: the milestone's whole due period ends before P starts (--before 2022-12 leaves out Dec 2022 and Q4 2022)."
    ) = None,
    by: _window("by", "Due by P: its due period ends no later than P ends (--by 2022-12 keeps Dec 2022 and Q4 2022).") = None,
    after: _window("after", "Due after P: its due period starts after P ends.") = None,
    during: _window("during", "Due during P: its due period overlaps P.") = None,
    include_undated: Annotated[
        bool,
        typer.Option(
            "--include-undated", help="With a date filter, keep undated milestones (ongoing, TBD, conditional) too, after the dated ones."
        ),
    ] = False,
    year: YearOption = None,
    lead: LeadOption = None,
    rec: RecOption = None,
    group: GroupOption = None,
    search: SearchOption = None,
    data: DataOption = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """List milestones in date order, by when they fall due.

    A due period is an interval ("Q4 2022" is 1 Oct to 31 Dec 2022), so a date filter asks
    how two intervals stand. Undated milestones (ongoing, TBD, conditional) cannot be placed:
    date filters leave them out and count them, unless --include-undated. Without a date
    filter every milestone is listed, the undated last.
    """
    output_format = chosen_format(output_format, output)
    from ctwp.analysis.queries import ITEM_FIELDS, DueWindow, ItemFilter, due_rows
    from ctwp.core.errors import counted
    from ctwp.core.files import stdout_to
    from ctwp.data.loading import find_data_dir, load_valid_dataset
    from ctwp.publish.formats import emit

    windows = [
        DueWindow.read(relation, text)
        for relation, text in (("before", before), ("by", by), ("after", after), ("during", during))
        if text is not None
    ]
    dataset = load_valid_dataset(find_data_dir(data))
    item_filter = ItemFilter.read(dataset, year, lead, rec, group, search)
    result = due_rows(dataset, item_filter, windows, include_undated)
    notes = [", ".join(window.describe() for window in windows)] if windows else []
    if result.undated_left_out:
        count = result.undated_left_out
        notes.append(f"{counted(count, 'undated milestone')} not shown; add --include-undated")
    with stdout_to(output, force):
        emit(
            result.rows,
            [columns.DUE, columns.YEAR, columns.ITEM, columns.LEADS, columns.MILESTONE],
            output_format,
            notes,
            empty="no milestones match",
            fields=ITEM_FIELDS,
        )
