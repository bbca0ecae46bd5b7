"""``ctwp export``: the dated milestones as a calendar file."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from ctwp.cli.options import (
    DataOption,
    ForceOption,
    GroupOption,
    LeadOption,
    OutputOption,
    RecOption,
    SearchOption,
    YearOption,
)


class ExportFormat(str, Enum):
    ics = "ics"


def export(
    output_format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="ics: an iCalendar file (RFC 5545), which calendar programs import."),
    ] = ExportFormat.ics,
    year: YearOption = None,
    lead: LeadOption = None,
    rec: RecOption = None,
    group: GroupOption = None,
    search: SearchOption = None,
    data: DataOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Export the dated milestones as a calendar to import.

    Each milestone is an all-day event spanning its due period (Q4 2022: 1 Oct to 31 Dec
    2022), with the item, its leads and recommendations in the description. Importing the
    file again updates its events instead of adding copies, and the same data always gives
    the same file. Undated milestones (ongoing, TBD, conditional) are left out and counted.

    Example:  ctwp export --year 2022 --lead DPMC --output dpmc-2022.ics
    """
    from ctwp.analysis.queries import ItemFilter
    from ctwp.core.errors import counted
    from ctwp.core.files import stdout_to
    from ctwp.data.loading import find_data_dir, load_valid_dataset
    from ctwp.publish.calendar import ics_text, milestone_events

    dataset = load_valid_dataset(find_data_dir(data))
    item_filter = ItemFilter.read(dataset, year, lead, rec, group, search)
    result = milestone_events(dataset, item_filter)
    with stdout_to(output, force):
        sys.stdout.write(ics_text(result.events))
    if not result.events:
        print("no dated milestones match", file=sys.stderr)
    if count := result.undated_left_out:
        print(f"{counted(count, 'undated milestone')} left out: ongoing, TBD or conditional", file=sys.stderr)
