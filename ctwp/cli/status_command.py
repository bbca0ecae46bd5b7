"""``ctwp status``: each milestone's state as at a day, from its progress reports and due period."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ctwp.analysis.vocabulary import State
from ctwp.cli import item_columns as columns
from ctwp.cli.options import (
    DAY_FORMS,
    DataOption,
    ForceOption,
    FormatOption,
    GroupOption,
    LeadOption,
    OutputOption,
    RecOption,
    SearchOption,
    YearOption,
    as_at_option,
    chosen_format,
)
from ctwp.publish.formats import Column, OutputFormat


class SummaryBy(str, Enum):
    year = "year"
    group = "group"
    lead = "lead"


# The states as the option's choices (an enum of their values, which typer offers and checks).
StateChoice = Enum("StateChoice", {state.value: state.value for state in State}, type=str)


STATE = Column("State", "state_text", below=Column("Latest report", "report_label"))
WAS = Column("Was", "was_label", whole=True)


# States whose words already give the latest report's date and what it says.
_SAID_BY_THE_STATE = {"done-on-time", "done-late", "done", "done-by", "done-before-edition", "stopped", "replaced"}


def _state_and_report(row: dict) -> str:
    """A table's state cell: the state in full, then the latest report where it adds to it."""
    report = row["report_label"]
    if row["state"] in _SAID_BY_THE_STATE or report in row["state_text"]:
        return row["state_text"]
    return f"{row['state_text']}\n{report}"


# In a table, the state and the report share a cell, the report only where it says more.
STATE_CELL = Column("State", "state_text", value=_state_and_report)


def _milestone_columns(output_format: OutputFormat, *state_columns: Column) -> list[Column]:
    if output_format is OutputFormat.table:
        return [columns.DUE, columns.ITEM, columns.MILESTONE, *(STATE_CELL if column is STATE else column for column in state_columns)]
    return [columns.DUE, columns.YEAR, columns.ITEM, columns.MILESTONE, *state_columns]


def status(
    as_at: as_at_option("The day to tell the state as at.") = "today",
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="D",
            show_default=False,
            help=f"Only milestones whose state changed between D and the as-at day. {DAY_FORMS}",
        ),
    ] = None,
    summary: Annotated[
        SummaryBy | None,
        typer.Option(
            "--summary", metavar="BY", show_default=False, help="Count the milestones in each state by year, group or lead (agency)."
        ),
    ] = None,
    state: Annotated[
        list[StateChoice] | None,
        typer.Option("--state", metavar="STATE", show_default=False, help="Only milestones in this state. Repeat for any of several."),
    ] = None,
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
    """Show each milestone's state as at a day, with its latest progress report.

    From a report: done on time, done late, done, done by a date, done before this edition,
    stopped, replaced, known late, at risk, on track, not started. From the dates and links
    alone: carried forward, no report past due, due soon, not yet due, undated.

    Late is said only on a report's evidence: a due period that ended with no report is
    "no report past due", missing information, not a finding. A report dated by its month
    counts from the month's end. An item that a later edition continues is carried forward
    from 1 January of that edition's year. Due soon: the due period has begun, or begins
    within 30 days.
    """
    output_format = chosen_format(output_format, output)
    from datetime import date

    from ctwp.analysis.progress import (
        CHANGE_FIELDS,
        STATUS_FIELDS,
        counts_line,
        milestone_statuses,
        per_state,
        read_as_at,
        state_changes,
        status_row,
        summary_rows,
    )
    from ctwp.analysis.queries import ItemFilter, draft_note
    from ctwp.core.errors import UsageError
    from ctwp.core.files import stdout_to
    from ctwp.data.loading import find_data_dir, load_valid_dataset
    from ctwp.data.periods import day_label
    from ctwp.publish.formats import emit

    today = date.today()
    as_at_day = read_as_at(as_at, today)
    since_day = read_as_at(since, today, "--since") if since else None
    if since_day is not None and since_day >= as_at_day:
        raise UsageError(f"--since: {day_label(since_day)} is not before the as-at day, {day_label(as_at_day)}")
    if since_day is not None and summary is not None:
        raise UsageError("--since and --summary cannot be used together", "give one of them")
    dataset = load_valid_dataset(find_data_dir(data))
    item_filter = ItemFilter.read(dataset, year, lead, rec, group, search)
    chosen = {State(choice.value) for choice in state or ()}
    statuses = [status for status in milestone_statuses(dataset, item_filter, as_at_day) if not chosen or status.state in chosen]
    drafts = draft_note(dataset, {status.found.programme.year for status in statuses})
    with stdout_to(output, force):
        if since_day is not None:
            rows = [row for row in state_changes(dataset, item_filter, since_day, as_at_day) if not chosen or State(row["state"]) in chosen]
            note = f"changes of state from {day_label(since_day)} to {day_label(as_at_day)}"
            emit(
                rows,
                _milestone_columns(output_format, WAS, STATE),
                output_format,
                [note],
                empty="no milestone changed state",
                fields=CHANGE_FIELDS,
            )
        elif summary is not None:
            rows = summary_rows(statuses, summary.value)
            shown = per_state(statuses, summary.value) if output_format is OutputFormat.table else rows
            emit(
                shown,
                _summary_columns(summary, rows, output_format),
                output_format,
                [counts_line(statuses, as_at_day), *drafts],
                empty="no milestones match",
            )
        else:
            rows = [status_row(status, as_at_day) for status in statuses]
            emit(
                rows,
                _milestone_columns(output_format, STATE),
                output_format,
                [counts_line(statuses, as_at_day), *drafts],
                empty="no milestones match",
                fields=STATUS_FIELDS,
            )


def _summary_columns(by: SummaryBy, rows: list[dict], output_format: OutputFormat) -> list[Column]:
    """The key columns, then a column for each state that any row counts (JSON has them all).

    A table has no room for every state side by side at 80 columns: it shows a line per
    state instead (see ``ctwp.analysis.progress.per_state``).
    """

    if by is SummaryBy.group:  # group ids begin with their year
        head = [Column("Group", "group_id", whole=True, below=Column("Title", "group"))]
    else:
        head = [Column(by.value.capitalize(), by.value, whole=True)]
    if output_format is OutputFormat.table:
        counts = [Column("State", "state_label", whole=True), Column("Milestones", "milestones", whole=True)]
        return [*head, *counts, Column("Reported", "reported", whole=True)]
    counted = [state for state in State if any(row[state.value] for row in rows)]
    counts = [Column(state.label.capitalize(), state.value, whole=True) for state in counted]
    reports = [Column("Reported", "reported", whole=True), Column("Unreported", "unreported", whole=True)]
    return [*head, *reports, *counts, Column("Total", "total", whole=True)]
