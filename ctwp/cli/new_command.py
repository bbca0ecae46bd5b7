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
            help="Which items to carry forward: " + "; ".join(f"{choice}, {meaning}" for choice, meaning in CARRY_CHOICES.items()) + ".",
        ),
    ] = Carry.all,
    data: DataOption = None,
) -> None:
    """Write the draft of a new edition, YEAR.yaml, in the data folder, from the latest edition.

    The draft has the same groups; every item (or, with --carry open, every item not done
    or stopped) is carried forward with a new id and a continues: link, its title, leads
    and recommendations kept; its milestones are left due: tbd for you to write. An
    existing YEAR.yaml is never written over.
    """
    from ctwp.analysis.edition import draft_edition
    from ctwp.core.errors import UsageError, one_line
    from ctwp.core.files import write_file
    from ctwp.data.loading import display_path, find_data_dir, load_dataset, load_valid_dataset

    data_dir = find_data_dir(data)
    path = data_dir / f"{year}.yaml"
    for existing in (path, path.with_suffix(".yml")):
        if existing.exists():
            raise UsageError(f"{display_path(existing)} exists", "a new edition is never written over an existing file")
    dataset = load_valid_dataset(data_dir)
    draft = draft_edition(dataset, year, carry.value)
    write_file(path, draft.text)
    shown = display_path(path)
    findings = [finding for finding in load_dataset(data_dir, [path]).findings if finding.path == shown]
    for finding in findings:
        print(finding.text())
    if findings:
        raise typer.Exit(1)
    latest = dataset.years()[-1]
    folder = f" --data {display_path(data_dir)}" if data else ""
    left_out = f"; {len(draft.left_out)} left out as done or stopped: {', '.join(draft.left_out)}" if draft.left_out else ""
    steps = [
        f"wrote {shown}: {len(draft.carried)} items of {latest} carried forward{left_out}",
        "next:",
        f"  1. write each item's milestones (each is due: tbd, with its {latest} milestone noted above it)",
        "  2. remove the items the new edition drops, add the new ones, and set the source",
        f"  3. check it: ctwp validate{folder} {shown}",
        f"  4. compare it with {latest}: ctwp diff{folder} {latest} {year}",
    ]
    print("\n".join(map(one_line, steps)), file=sys.stderr)
