"""``ctwp show ID``: everything about one item."""

from __future__ import annotations

from typing import Annotated

import typer

from ctwp.cli.options import DataOption, ForceOption, FormatOption, OutputOption
from ctwp.output import OutputFormat


def show(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="The item's id, as 'ctwp list' shows it.")],
    data: DataOption = None,
    output_format: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Show one item: its group, leads with full names, recommendations, milestones, what was
    withheld, and the item it continues or that continues it in another year."""
    from ctwp.files import stdout_to
    from ctwp.loading import find_data_dir, load_valid_dataset
    from ctwp.output import emit_record
    from ctwp.queries import find_item, item_record

    dataset = load_valid_dataset(find_data_dir(data))
    record = item_record(dataset, find_item(dataset, item_id))
    with stdout_to(output, force):
        emit_record(record, _fields(record), output_format)


def _fields(record: dict) -> list[tuple[str, str]]:
    from ctwp.queries import (
        ground_line,
        lead_names,
        milestone_line,
        recommendation_line,
    )

    group = record["group"]
    fields = [("Id", record["id"]), ("Year", str(record["year"]))]
    if record["title"] is not None:
        fields.append(("Title", record["title"]))
    if record["withheld"]:
        grounds = "\n".join(ground_line(ground) for ground in record["withheld"]["grounds"])
        fields.append(("Withheld", "Withheld under the Official Information Act 1982\n" + grounds))
    fields.append((group["kind"].capitalize(), f"{group['title']} ({group['id']})"))
    if group["lead_text"]:
        fields.append((f"{group['kind'].capitalize()} lead", group["lead_text"]))
    fields.append(("Leads", "\n".join(lead_names(record)) or "not released"))
    fields.append(("RCOI recs", "\n".join(recommendation_line(rec) for rec in record["recs"]) or "none"))
    fields.append(("Milestones", "\n".join(milestone_line(milestone) for milestone in record["milestones"])))
    if record["continues"]:
        fields.append(("Continues", _link_text(record["continues"])))
    if record["continued_by"]:
        fields.append(("Continued by", "\n".join(_link_text(link) for link in record["continued_by"])))
    return fields


def _link_text(link: dict) -> str:
    return f"{link['id']} ({link['year']}): {link['title'] or 'withheld'}"
