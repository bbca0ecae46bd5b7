"""``ctwp export``: the dated milestones as a calendar file, or the whole data set as a database or a workbook."""

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
    as_at_option,
)


class ExportFormat(str, Enum):
    ics = "ics"
    sqlite = "sqlite"
    xlsx = "xlsx"


BINARY_FORMATS = (ExportFormat.sqlite, ExportFormat.xlsx)
# What ctwp's own standard output is called: a binary file must not go to a terminal.
_STDOUT_NAMES = ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")


def export(
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="ics: an iCalendar file (RFC 5545), which calendar programs import. sqlite: the whole data set as "
            "an SQLite database (for SQL and Datasette). xlsx: the whole data set as a workbook (for Excel). "
            "sqlite and xlsx need --output.",
        ),
    ] = ExportFormat.ics,
    year: YearOption = None,
    lead: LeadOption = None,
    rec: RecOption = None,
    group: GroupOption = None,
    search: SearchOption = None,
    data: DataOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    as_at: as_at_option("sqlite and xlsx: the day their status table tells each milestone's state as at.") = "today",
) -> None:
    """Export the dated milestones as a calendar, or the whole data set as a database or a workbook.

    Each milestone is an all-day event spanning its due period (Q4 2022: 1 Oct to 31 Dec
    2022), with the item, its leads and recommendations in the description. Importing the
    file again updates its events instead of adding copies, and the same data always gives
    the same file. Undated milestones (ongoing, TBD, conditional) are left out and counted.

    --format sqlite writes every table (items, milestones, reports, agencies,
    recommendations, the links between them, each milestone's state as at --as-at) with
    foreign keys and a full-text index; --format xlsx writes a sheet per table and a status
    register. Both take the whole data set, so the filters apply to ics only.

    Examples:  ctwp export --year 2022 --lead DPMC --output dpmc-2022.ics
               ctwp export --format sqlite --output ctwp.db
    """
    from ctwp.analysis.queries import ItemFilter
    from ctwp.core.errors import UsageError, counted
    from ctwp.core.files import stdout_to
    from ctwp.data.loading import find_data_dir, load_valid_dataset
    from ctwp.publish.calendar import ics_text, milestone_events

    if output_format in BINARY_FORMATS:
        if any(option for option in (year, lead, rec, group, search)):
            raise UsageError(
                f"--format {output_format.value} exports the whole data set", "leave out --year, --lead, --rec, --group and --search"
            )
        if output is None or (output in _STDOUT_NAMES and sys.stdout.isatty()) or output == "/dev/tty":
            raise UsageError(f"--format {output_format.value} writes a binary file, not text", "give --output FILE")
        _export_binary(output_format, data, output, force, as_at)
        return
    dataset = load_valid_dataset(find_data_dir(data))
    item_filter = ItemFilter.read(dataset, year, lead, rec, group, search)
    result = milestone_events(dataset, item_filter)
    with stdout_to(output, force):
        sys.stdout.write(ics_text(result.events))
    if not result.events:
        print("no dated milestones match", file=sys.stderr)
    if count := result.undated_left_out:
        print(f"{counted(count, 'undated milestone')} left out: ongoing, TBD or conditional", file=sys.stderr)


def _export_binary(output_format: ExportFormat, data, output: str, force: bool, as_at: str) -> None:
    import tempfile
    from datetime import date
    from pathlib import Path

    from ctwp.analysis.progress import read_as_at
    from ctwp.core.files import check_output, write_binary
    from ctwp.data.loading import find_data_dir, load_valid_dataset

    as_at_day = read_as_at(as_at, date.today())
    check_output(output, force)  # before the work, not after it
    dataset = load_valid_dataset(find_data_dir(data))
    if output_format is ExportFormat.xlsx:
        from ctwp.publish.workbook import workbook_bytes

        content = workbook_bytes(dataset, as_at_day)
    else:
        from ctwp.publish.sqlite import build_database

        with tempfile.TemporaryDirectory(prefix="ctwp-") as folder:
            path = Path(folder) / "ctwp.db"
            build_database(dataset, path, as_at_day)
            content = path.read_bytes()
    write_binary(output, content, force)
