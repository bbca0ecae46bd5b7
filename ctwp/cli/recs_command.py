"""``ctwp recs``: which items answer each Royal Commission recommendation."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ctwp.analysis.words import subject_cells, subject_text
from ctwp.cli.options import (
    DataOption,
    ForceOption,
    FormatOption,
    OutputOption,
    RecOption,
    YearOption,
    chosen_format,
)
from ctwp.publish.formats import Column, OutputFormat

REC = Column("Rec", "rec", whole=True)
SUBJECT = Column("Subject", "subject", value=lambda row: subject_text(row["subject"]))
GROUP = Column("Group", "group")


def recs(
    rec: RecOption = None,
    year: YearOption = None,
    uncovered: Annotated[
        bool, typer.Option("--uncovered", help="Only the recommendations that no item of the chosen years answers.")
    ] = False,
    data: DataOption = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Trace the Royal Commission's 44 recommendations: for each, the items that name it in
    each year, by title and id, and how many are named by an item.

    Named is not implemented: the count says which recommendations the programme's items
    answer, not what became of them. The government's statements about the recommendations
    as a whole (data/rcoi.yaml, statements) follow the table, with their sources.
    """
    output_format = chosen_format(output_format, output)
    from ctwp.analysis.queries import REPORT_FIELDS, ItemFilter, recommendation_coverage, recommendation_rows
    from ctwp.analysis.words import statement_line
    from ctwp.core.files import stdout_to
    from ctwp.data.loading import find_data_dir, load_valid_dataset
    from ctwp.publish.escape import markdown_text
    from ctwp.publish.formats import emit

    dataset = load_valid_dataset(find_data_dir(data))
    checked = ItemFilter.read(dataset, years=year, recs=rec)
    rows = recommendation_rows(dataset, checked.years, checked.recs, uncovered)
    coverage = recommendation_coverage(dataset, checked.years, checked.recs)
    years = [str(y) for y in sorted(checked.years) or dataset.years()]
    # Nothing answers the uncovered ones in the chosen years: their group says what they are about.
    columns = [REC, SUBJECT, GROUP] if uncovered else [REC, SUBJECT, *(_answers_in(y, y in coverage.drafts) for y in years)]
    fields = [
        "rec",
        "group",
        "subject",
        "subject_confirmed",
        *(f"items_{y}" for y in years),
        *(f"titles_{y}" for y in years),
        *(f"status_{name}" for name in REPORT_FIELDS),
    ]
    if output_format is OutputFormat.csv:  # a cell says what is not known; the flag keeps it apart from a subject
        rows = subject_cells(rows)
    statements = [statement_line(statement) for statement in dataset.registry.statements]
    with stdout_to(output, force):
        emit(rows, columns, output_format, [coverage.describe(), *statements], empty="no recommendations match", fields=fields)
        if rows and output_format is OutputFormat.markdown:  # a document pasted elsewhere keeps what was said of them all
            sys.stdout.write("".join(f"\n{markdown_text(line)}\n" for line in statements))


def _answers_in(year: str, draft: bool) -> Column:
    """The items answering a recommendation in ``year``: each its title, and its id under it."""
    from ctwp.analysis.words import year_label
    from ctwp.publish.formats import Quiet

    def answers(row: dict) -> list[str]:
        return [line for item_id, title in zip(row["items"][year], row["titles"][year], strict=True) for line in (title, Quiet(item_id))]

    return Column(year_label(year, draft), "items", one_per_line=True, value=answers)
