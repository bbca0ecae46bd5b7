"""``ctwp recs``: which items answer each Royal Commission recommendation."""

from __future__ import annotations

from typing import Annotated

import typer

from ctwp.cli.options import (
    DataOption,
    ForceOption,
    FormatOption,
    OutputOption,
    RecOption,
    YearOption,
)
from ctwp.output import Column, OutputFormat


def recs(
    rec: RecOption = None,
    year: YearOption = None,
    uncovered: Annotated[
        bool, typer.Option("--uncovered", help="Only the recommendations that no item of the chosen years answers.")
    ] = False,
    data: DataOption = None,
    output_format: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Trace the Royal Commission's 44 recommendations: for each, the items that answer it
    in each year."""
    from ctwp.files import stdout_to
    from ctwp.loading import find_data_dir, load_valid_dataset
    from ctwp.output import emit
    from ctwp.queries import ItemFilter, recommendation_rows

    dataset = load_valid_dataset(find_data_dir(data))
    checked = ItemFilter.read(dataset, years=year, recs=rec)
    rows = recommendation_rows(dataset, checked.years, checked.recs, uncovered)
    years = sorted(checked.years) or dataset.years()
    per_year = [Column(str(y), "items", whole=True, one_per_line=True, value=lambda row, y=str(y): row["items"][y]) for y in years]
    columns = [Column("Rec", "rec", below=Column("Subject", "subject")), *per_year]
    with stdout_to(output, force):
        emit(rows, columns, output_format, empty="no recommendations match")
