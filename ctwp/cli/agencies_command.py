"""``ctwp agencies``: who leads how much, year by year."""

from __future__ import annotations

from ctwp.cli.options import DataOption, ForceOption, FormatOption, LeadOption, OutputOption, YearOption, chosen_format
from ctwp.publish.formats import Column


def agencies(
    year: YearOption = None,
    lead: LeadOption = None,
    data: DataOption = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """List each agency with how many items it leads in each year (a joint lead counts for
    each of its agencies), most first.

    --year keeps the columns of the years given (the total is theirs); --lead keeps the
    rows of the agencies given. A draft edition's column says so, and the total leaves it
    out.
    """
    output_format = chosen_format(output_format, output)
    from ctwp.analysis.queries import ItemFilter, agency_rows, draft_years
    from ctwp.analysis.words import draft_years_note, year_label
    from ctwp.core.files import stdout_to
    from ctwp.data.loading import find_data_dir, load_valid_dataset
    from ctwp.publish.formats import emit

    dataset = load_valid_dataset(find_data_dir(data))
    item_filter = ItemFilter.read(dataset, year, lead)
    years = [str(chosen) for chosen in dataset.years() if not item_filter.years or chosen in item_filter.years]
    drafts = draft_years(dataset, years)
    per_year = [
        Column(year_label(year, int(year) in drafts), "items_led", value=lambda row, year=year: row["items_led"][year]) for year in years
    ]
    columns = [Column("Code", "code", whole=True), Column("Name", "name"), *per_year, Column("Total", "total")]
    fields = ["code", "name", "kind", *(f"items_led_{year}" for year in years), "total"]
    with stdout_to(output, force):
        notes = draft_years_note(drafts, "its items are not counted in the total")
        emit(agency_rows(dataset, item_filter), columns, output_format, notes, empty="no agencies", fields=fields)
