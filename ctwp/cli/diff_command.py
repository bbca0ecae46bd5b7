"""``ctwp diff OLD NEW``: what changed between two years, or one year at two revisions."""

from __future__ import annotations

from typing import Annotated

import typer

from ctwp.cli import completion
from ctwp.cli.options import DataOption, ForceOption, FormatOption, OutputOption, chosen_format
from ctwp.publish.formats import OutputFormat

_REFERENCE = "YEAR (data/YEAR.yaml as it stands), YEAR@REV (data/YEAR.yaml at git revision REV: a branch, tag or commit) or the path of a programme file"


def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD", autocompletion=completion.programme_references, show_default=False, help=f"The earlier programme: {_REFERENCE}."
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            metavar="NEW",
            autocompletion=completion.programme_references,
            show_default=False,
            help="The later programme, in the same forms.",
        ),
    ],
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when there are differences and 0 when there are none, as git diff --exit-code does.")
    ] = False,
    data: DataOption = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Show what changed between two programmes: two years, or one year twice.

    OLD and NEW are each YEAR (data/YEAR.yaml as it stands), YEAR@REV
    (data/YEAR.yaml at git revision REV: a branch, tag or commit) or the
    path of a programme file.

    Two years: the items the later year continues (through its continues:
    links), those new in it and those not carried forward, the RCOI
    recommendations answered in one year only, and the change in how many
    items each agency leads. One year twice: the items added, removed and
    changed, matched by id; a due period moved later is a slip; and, for
    YEAR and YEAR@REV, the progress reports added (data/progress/YEAR.yaml).
    Formats: table, markdown (for a pull request) or json; not csv.

    Examples:  ctwp diff 2021 2022
               ctwp diff 2022@main 2022 --format markdown
               ctwp diff old/2022.yaml new/2022.yaml --exit-code
    """
    output_format = chosen_format(output_format, output)
    from ctwp.analysis.diff import diff_programmes
    from ctwp.core.errors import EXIT_INVALID, UsageError
    from ctwp.core.files import stdout_to
    from ctwp.data.loading import find_data_dir, load_valid_dataset
    from ctwp.data.revisions import read_version
    from ctwp.publish.changes import diff_report, print_terminal, write_markdown
    from ctwp.publish.formats import write_json

    if output_format is OutputFormat.csv:
        raise UsageError("ctwp diff has no csv format", "use --format table, markdown or json")
    dataset = load_valid_dataset(find_data_dir(data))
    before, after = read_version(old, dataset), read_version(new, dataset)
    between = [located.programme for located in dataset.programmes if before.programme.year < located.programme.year < after.programme.year]
    known = before.reports is not None and after.reports is not None
    result = diff_programmes(before.programme, after.programme, between, (before.reports, after.reports) if known else None)
    with stdout_to(output, force):
        if output_format is OutputFormat.json:
            write_json({"old": before.as_json(), "new": after.as_json(), **result.as_json()})
        elif output_format is OutputFormat.markdown:
            write_markdown(diff_report(f"{before.label} → {after.label}", result))
        else:
            print_terminal(diff_report(f"{before.label} → {after.label}", result))
    if exit_code and result.has_differences:
        raise typer.Exit(EXIT_INVALID)
