"""``ctwp list``: one row per item, filtered."""

from __future__ import annotations

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


def list_items(
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
    """List the programme's items: year, id, title, leads, recommendations, next milestone.

    The next milestone is the first the item lists (the published "next key milestone").
    Different filters combine with AND; a repeated filter with OR.
    """
    output_format = chosen_format(output_format, output)
    from ctwp.analysis.queries import ITEM_FIELDS, ItemFilter, item_rows
    from ctwp.core.files import stdout_to
    from ctwp.data.loading import find_data_dir, load_valid_dataset
    from ctwp.publish.formats import emit

    dataset = load_valid_dataset(find_data_dir(data))
    item_filter = ItemFilter.read(dataset, year, lead, rec, group, search)
    rows = item_rows(dataset, item_filter)
    with stdout_to(output, force):
        emit(rows, [columns.YEAR, columns.ITEM, columns.LEADS, columns.RECS, columns.DUE_AND_MILESTONE], output_format, fields=ITEM_FIELDS)
