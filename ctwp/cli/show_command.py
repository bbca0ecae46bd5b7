"""``ctwp show ID``: everything about one item."""

from __future__ import annotations

from typing import Annotated

import typer

from ctwp.cli import completion
from ctwp.cli.options import DataOption, ForceOption, FormatOption, OutputOption, as_at_option, chosen_format


def show(
    item_id: Annotated[
        str, typer.Argument(metavar="ID", autocompletion=completion.item_ids, help="The item's id, as 'ctwp list' shows it.")
    ],
    as_at: as_at_option("The day to tell the milestones' states as at.") = "today",
    data: DataOption = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Show one item: its group, leads with full names, recommendations, milestones, what was
    withheld, and the item it continues or that continues it in another year.

    Then its history across editions, any reason recorded for not linking it to an earlier
    item, and each milestone's state as at a day (--as-at) with every report made on it by
    then: date, status, note and source.
    """
    output_format = chosen_format(output_format, output)
    from datetime import date

    from ctwp.analysis.progress import item_story, read_as_at
    from ctwp.analysis.queries import find_item, item_record
    from ctwp.analysis.words import show_fields
    from ctwp.core.files import stdout_to
    from ctwp.data.loading import find_data_dir, load_valid_dataset
    from ctwp.publish.formats import emit_record

    dataset = load_valid_dataset(find_data_dir(data))
    found = find_item(dataset, item_id)
    record = {**item_record(dataset, found), **item_story(dataset, found, read_as_at(as_at, date.today()))}
    with stdout_to(output, force):
        emit_record(record, show_fields(record), output_format)
