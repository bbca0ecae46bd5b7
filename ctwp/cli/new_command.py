"""``ctwp new YEAR``: draft the next edition's YEAR.yaml from the latest edition."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from ctwp.analysis.vocabulary import CARRY_CHOICES
from ctwp.cli.options import DataOption

Carry = Enum("Carry", {choice: choice for choice in CARRY_CHOICES}, type=str)


def new(
    year: Annotated[int, typer.Argument(metavar="YEAR", help="The year of the new edition, after the latest.")],
    carry: Annotated[
        Carry,
        typer.Option(
            "--carry",
            metavar="WHICH",
            help="Which items to carry forward: " + "; ".join(f"{choice}, {meaning}" for choice, meaning in CARRY_CHOICES.items()) + ".",
        ),
    ] = Carry.all,
    skip_years: Annotated[
        bool, typer.Option("--skip-years", help="Draft it even when years lie between it and the latest edition.")
    ] = False,
    data: DataOption = None,
) -> None:
    """Write the draft of a new edition, YEAR.yaml, in the data folder, from the latest edition.

    The draft has the same groups; every item (or, with --carry open, every item not done
    or stopped) is carried forward with a new id and a continues: link, its title, leads
    and recommendations kept; its milestones are left due: tbd (an ongoing one ongoing) for
    you to write. The file says draft: true, so that no command counts it as published,
    until you delete that line. It is checked before it is written; an existing YEAR.yaml is
    never written over, and a year that skips editions needs --skip-years.
    """
    from ctwp.analysis.edition import draft_edition
    from ctwp.core.errors import UsageError, one_line
    from ctwp.core.files import write_file
    from ctwp.data.loading import display_path, find_data_dir, load_dataset, load_valid_dataset
    from ctwp.publish.formats import hanging_lines, terminal_width

    data_dir = find_data_dir(data)
    path = data_dir / f"{year}.yaml"
    for existing in (path, path.with_suffix(".yml")):
        if existing.exists():
            raise UsageError(f"{display_path(existing)} exists", "a new edition is never written over an existing file")
    dataset = load_valid_dataset(data_dir)
    draft = draft_edition(dataset, year, carry.value, skip_years)
    shown = display_path(path)
    checked = load_dataset(data_dir, [path], contents={path: (shown, draft.text.encode(), [])})
    findings = [finding for finding in checked.findings if finding.path == shown]
    if findings:  # checked before it is written: a draft that would not validate is not written
        for finding in findings:
            print(finding.text())
        raise typer.Exit(1)
    write_file(path, draft.text)
    latest = dataset.years()[-1]
    folder = f" --data {display_path(data_dir)}" if data else ""
    left_out = f"; {len(draft.left_out)} left out as done or stopped: {', '.join(draft.left_out)}" if draft.left_out else ""
    width = terminal_width()
    lines = hanging_lines(
        one_line(f"wrote {shown}: "), one_line(f"{len(draft.carried)} items of {latest} carried forward{left_out}"), width, indent=2
    )
    lines.append("next:")
    steps = [
        f"write each item's milestones (each is due: tbd or ongoing, with its {latest} milestone noted above it)",
        "remove the items the new edition drops, add the new ones, and set the source",
        f"review each continues: link: keep it only where the published edition carries the {latest} item on",
        f"check it: ctwp validate{folder} {shown}",
        f"compare it with {latest}: ctwp diff{folder} {latest} {year}",
        "keep the draft on a branch until the edition is published; then delete its 'draft: true' line",
    ]
    for number, step in enumerate(steps, 1):
        lines += hanging_lines(f"  {number}. ", one_line(step), width)
    print("\n".join(lines), file=sys.stderr)
