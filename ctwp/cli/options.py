"""Options shared by several commands, defined once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from typer._click.types import ParamType  # typer vendors click; no public name for it

from ctwp.cli import completion
from ctwp.core.errors import shown
from ctwp.publish.formats import OutputFormat


class WholeNumber(ParamType):
    """A whole number such as a year, refused in plain words: "'abc' is not a year, such as 2022"."""

    def __init__(self, what: str, example: str) -> None:
        self.name = what
        self.example = example

    def convert(self, value, param, ctx) -> int:
        try:
            return int(value)
        except (TypeError, ValueError):
            self.fail(f"{shown(value)} is not {self.name}, such as {self.example}", param, ctx)


YEAR = WholeNumber("a year", "2022")

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar="CTWP_DATA",
        metavar="DIR",
        show_default=False,
        help="Data folder (agencies.yaml, rcoi.yaml, one YEAR.yaml per year). "
        "Default: the data/ folder of the repository you are in, else the data shipped with ctwp.",
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        case_sensitive=False,
        show_default=False,
        help="FORMAT is table (for people), json (for programs), csv (for spreadsheets) or markdown (for issues and pull requests); "
        "any case. Default: table, or the kind of file --output names (.json, .csv, .md).",
    ),
]


def chosen_format(given: OutputFormat | None, output: str | None) -> OutputFormat:
    """--format as given; without it, the kind of file --output names, else a table."""
    if given is not None:
        return given
    by_suffix = {".json": OutputFormat.json, ".csv": OutputFormat.csv, ".md": OutputFormat.markdown}
    return by_suffix.get(Path(output).suffix.lower(), OutputFormat.table) if output else OutputFormat.table


YearOption = Annotated[
    list[int] | None,
    typer.Option(
        "--year",
        "-y",
        metavar="YEAR",
        click_type=YEAR,
        autocompletion=completion.years,
        show_default=False,
        help="Only this year; repeat for several.",
    ),
]
LeadOption = Annotated[
    list[str] | None,
    typer.Option(
        "--lead",
        "-l",
        metavar="AGENCY",
        autocompletion=completion.agency_codes,
        show_default=False,
        help="Led by this agency: a code, alias or full name, any case ('nzp', 'NZ Police'); a joint lead matches each of its agencies. Repeat for any of several.",
    ),
]
RecOption = Annotated[
    list[int] | None,
    typer.Option(
        "--rec",
        "-r",
        metavar="N",
        click_type=WholeNumber("a recommendation number", "18"),
        autocompletion=completion.recommendations,
        show_default=False,
        help="Answering RCOI recommendation N (1 to 44). Repeat for any of several.",
    ),
]
GroupOption = Annotated[
    list[str] | None,
    typer.Option(
        "--group",
        "-g",
        metavar="TEXT",
        autocompletion=completion.group_ids,
        show_default=False,
        help="In a group (2021 initiative, 2022 capability) whose id is TEXT or whose title contains it. Repeat for any of several.",
    ),
]
SearchOption = Annotated[
    list[str] | None,
    typer.Option(
        "--search",
        "-s",
        metavar="TEXT",
        show_default=False,
        help="Containing TEXT (any case) in its title, group, lead or milestones. Repeat for any of several.",
    ),
]
OutputOption = Annotated[
    str | None,  # as written: a trailing slash, which Path drops, names a folder
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        show_default=False,
        help="Write to FILE instead of the screen; an existing FILE is replaced only with --force.",
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="With --output, replace FILE if it exists.")]


DAY_FORMS = "D is today, 2022-08-01, or a period (2022, 2022-Q3, Q3 2022, Sep 2022), read as its last day."


def as_at_option(meaning: str):
    """The --as-at option of a command that tells milestones' states as at a day; ``meaning``
    says what the day is for in that command."""
    return Annotated[str, typer.Option("--as-at", "-a", metavar="D", help=f"{meaning} {DAY_FORMS}")]
