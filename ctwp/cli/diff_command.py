"""``ctwp diff OLD NEW``: what changed between two years, or one year at two revisions."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated

import typer

from ctwp.cli.options import DataOption, ForceOption, FormatOption, OutputOption
from ctwp.output import OutputFormat

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.text import Text

    from ctwp.diff import FieldChange, ItemChange, MilestoneChange, ProgrammeDiff
    from ctwp.output import Column
    from ctwp.queries import Found
    from ctwp.records import Item, Milestone

_REFERENCE = "YEAR (data/YEAR.yaml as it stands), YEAR@REV (data/YEAR.yaml at git revision REV: a branch, tag or commit) or the path of a programme file"
_MARKER_STYLES = {"+": "green", "-": "red", "~": "yellow", "=": "dim"}


def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", show_default=False, help=f"The earlier programme: {_REFERENCE}.")],
    new: Annotated[str, typer.Argument(metavar="NEW", show_default=False, help="The later programme, in the same forms.")],
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when there are differences and 0 when there are none, as git diff --exit-code does.")
    ] = False,
    data: DataOption = None,
    output_format: FormatOption = OutputFormat.table,
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
    changed, matched by id; a due period moved later is a slip. Formats:
    table, markdown (for a pull request) or json; not csv.

    Examples:  ctwp diff 2021 2022
               ctwp diff 2022@main 2022 --format markdown
               ctwp diff old/2022.yaml new/2022.yaml --exit-code
    """
    from ctwp.diff import diff_programmes
    from ctwp.errors import EXIT_INVALID, UsageError
    from ctwp.files import stdout_to
    from ctwp.loading import find_data_dir, load_valid_dataset
    from ctwp.output import write_json
    from ctwp.revisions import read_version

    if output_format is OutputFormat.csv:
        raise UsageError("ctwp diff has no csv format", "use --format table, markdown or json")
    dataset = load_valid_dataset(find_data_dir(data))
    before, after = read_version(old, dataset), read_version(new, dataset)
    between = [located.programme for located in dataset.programmes if before.programme.year < located.programme.year < after.programme.year]
    result = diff_programmes(before.programme, after.programme, between)
    title = f"{before.label} → {after.label}"
    with stdout_to(output, force):
        if output_format is OutputFormat.json:
            write_json({"old": before.as_json(), "new": after.as_json(), **result.as_json()})
        elif output_format is OutputFormat.markdown:
            sys.stdout.write(_markdown(title, _summary(result), _sections(result)))
        else:
            _print_terminal(title, _summary(result), _sections(result))
    if exit_code and result.has_differences:
        raise typer.Exit(EXIT_INVALID)


@dataclass
class _Entry:
    marker: str  # + added, - removed, ~ changed, = unchanged
    ids: tuple[str, ...]  # one id, or an earlier and a later one
    title: str
    details: list[tuple[str, str]]  # (label, text)


@dataclass
class _Section:
    heading: str
    entries: list[_Entry] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    table: tuple[list[Column], list[dict]] | None = None


def _summary(result: ProgrammeDiff) -> str:
    from ctwp.diff import DiffKind

    if result.kind is DiffKind.YEARS:
        continued = f"{_count(len(result.matched), 'item')} continued ({len(result.changed)} changed)"
        return f"{continued}, {len(result.added)} new, {len(result.removed)} not carried forward"
    parts = [
        f"{_count(len(items), 'item')} {what}"
        for items, what in ((result.added, "added"), (result.removed, "removed"), (result.changed, "changed"))
        if items
    ]
    if result.slips:
        parts.append(_count(result.slips, "slip"))
    parts += [
        f"{_count(len(groups), 'group')} {what}"
        for groups, what in ((result.groups_added, "added"), (result.groups_removed, "removed"), (result.groups_changed, "changed"))
        if groups
    ]
    parts += [f"programme {change.field} changed" for change in result.programme_fields]
    return ", ".join(parts) or "no differences"


def _sections(result: ProgrammeDiff) -> list[_Section]:
    from ctwp.diff import DiffKind
    from ctwp.output import Column

    if result.kind is DiffKind.YEARS:
        old_name, new_name = str(result.old.year), str(result.new.year)
        sections = [
            _Section(
                f"Continued from {old_name} ({len(result.matched)})", [_matched_entry(change, as_slip=False) for change in result.matched]
            ),
            _Section(f"New in {new_name} ({len(result.added)})", [_item_entry("+", found) for found in result.added]),
            _Section(f"Not carried forward from {old_name} ({len(result.removed)})", [_item_entry("-", found) for found in result.removed]),
        ]
        only_old, only_new = f"Answered in {old_name}, not in {new_name}", f"Answered in {new_name}, not in {old_name}"
    else:
        old_name, new_name = "Before", "After"
        changed = result.changed
        sections = [
            _Section(f"Added ({len(result.added)})", [_item_entry("+", found) for found in result.added]),
            _Section(f"Removed ({len(result.removed)})", [_item_entry("-", found) for found in result.removed]),
            _Section(f"Changed ({len(changed)})", [_matched_entry(change, as_slip=True) for change in changed]),
            _Section(
                f"Groups added ({len(result.groups_added)})",
                [_Entry("+", (group.id,), group.title, [("kind", group.kind)]) for group in result.groups_added],
            ),
            _Section(
                f"Groups removed ({len(result.groups_removed)})",
                [_Entry("-", (group.id,), group.title, [("kind", group.kind)]) for group in result.groups_removed],
            ),
            _Section(
                f"Groups changed ({len(result.groups_changed)})",
                [_Entry("~", (change.new.id,), change.new.title, _field_details(change.fields)) for change in result.groups_changed],
            ),
            _Section("Programme", lines=[f"{label}: {text}" for label, text in _field_details(result.programme_fields)]),
        ]
        only_old, only_new = "No longer answered", "Newly answered"
    recs = [
        f"{words}: {', '.join(map(str, recs))}"
        for words, recs in ((only_old, result.recs_old_only), (only_new, result.recs_new_only))
        if recs
    ]
    sections.append(_Section("RCOI recommendations", lines=recs))
    if result.lead_counts:
        columns = [
            Column("Agency", "agency"),
            Column(old_name, "old"),
            Column(new_name, "new"),
            Column("Change", "change", value=lambda row: f"{row['change']:+d}"),
        ]
        rows = [{"agency": count.agency, "old": count.old, "new": count.new, "change": count.change} for count in result.lead_counts]
        sections.append(_Section("Items led, by agency", table=(columns, rows)))
    return [section for section in sections if section.entries or section.lines or section.table]


def _item_entry(marker: str, found: Found) -> _Entry:
    from ctwp.queries import item_title

    item = found.item
    details = [("leads", _leads(item))]
    if item.recs:
        details.append(("recs", _value(item.recs)))
    details += [("milestone", _milestone_text(milestone)) for milestone in item.milestones]
    return _Entry(marker, (item.id,), item_title(item), details)


def _matched_entry(change: ItemChange, as_slip: bool) -> _Entry:
    from ctwp.queries import item_title

    old_id, new_id = change.old.item.id, change.new.item.id
    details = _field_details(change.fields)
    several = max(len(change.old.item.milestones), len(change.new.item.milestones)) > 1
    for milestone in change.milestones:
        details += _milestone_details(milestone, as_slip, several)
    ids = (new_id,) if old_id == new_id else (old_id, new_id)
    return _Entry("~" if change.changed else "=", ids, item_title(change.new.item), details or [("changes", "none")])


def _field_details(changes: Iterable[FieldChange]) -> list[tuple[str, str]]:
    return [(change.field.replace("_", " "), f"{_value(change.old)} → {_value(change.new)}") for change in changes]


def _milestone_details(change: MilestoneChange, as_slip: bool, several: bool) -> list[tuple[str, str]]:
    """What changed in one milestone; ``several``: the item has more than one, so a due
    date that moved under unchanged words is shown with them, to say which moved."""
    old, new = change.old, change.new
    if old is None:
        return [("milestone added", _milestone_text(new))]
    if new is None:
        return [("milestone removed", _milestone_text(old))]
    details = []
    if move := change.due_move:
        words = new.text or new.condition
        which = f" ({words})" if several and words and old.text == new.text else ""
        details.append(("due", move.describe(as_slip) + which))
    if old.text != new.text:
        details.append(("milestone", f"{_value(old.text)} → {_value(new.text)}"))
    if old.condition != new.condition:
        details.append(("condition", f"{_value(old.condition)} → {_value(new.condition)}"))
    return details


def _milestone_text(milestone: Milestone) -> str:
    words = milestone.text or milestone.condition
    return f"{milestone.due.label}: {words}" if words else milestone.due.label


def _leads(item: Item) -> str:
    named = [*item.leads, *([item.lead_text] if item.lead_text else [])]
    return ", ".join(named) or ("not released" if item.withheld else "none")


def _value(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "none"
    return "none" if value is None else str(value)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _markdown(title: str, summary: str, sections: list[_Section]) -> str:
    from ctwp.output import markdown_table, markdown_text

    lines = [f"## {markdown_text(title)}", "", f"{summary}.", ""]
    for section in sections:
        lines += [f"### {section.heading}", ""]
        for entry in section.entries:
            ids = " → ".join(f"`{id_}`" for id_ in entry.ids)
            lines.append(f"- {ids}: {markdown_text(entry.title)}")
            lines += [f"  - {label}: {markdown_text(text)}" for label, text in entry.details]
        lines += [f"- {markdown_text(line)}" for line in section.lines]
        if section.table:
            lines.append(markdown_table(section.table[1], section.table[0]).rstrip("\n"))
        lines.append("")
    return "\n".join(lines)


def _print_terminal(title: str, summary: str, sections: list[_Section]) -> None:
    from rich.text import Text

    from ctwp.output import console, text_table

    out = console()
    width = out.width
    lines = [*_hanging(Text(), title, width, style="bold"), *_hanging(Text(), summary, width)]
    for section in sections:
        lines += [Text(), Text(section.heading, style="bold")]
        for entry in section.entries:
            head = Text("  ") + Text(entry.marker, style=_MARKER_STYLES[entry.marker]) + Text(" " + " → ".join(entry.ids), style="bold")
            lines.append(head)
            lines += _hanging(Text("    "), entry.title, width)
            label_width = max((len(label) for label, _ in entry.details), default=0)
            for label, text in entry.details:
                lines += _hanging(Text("      ") + Text(label.ljust(label_width), style="dim") + Text("  "), text, width)
        for line in section.lines:
            lines += _hanging(Text("  "), line, width)
        if section.table:
            columns, rows = section.table
            table = text_table(rows, columns)
            lines += [Text("  " + table[0], style="dim")] + [Text("  " + line) for line in table[1:]]
    out.print(Text("\n").join(lines))


def _hanging(prefix: Text, text: str, width: int, style: str = "") -> list[Text]:
    """``prefix`` and ``text``, wrapped to ``width`` with each further line under the first."""
    import textwrap

    from rich.text import Text

    indent = len(prefix.plain)
    chunks = textwrap.wrap(text, max(width - indent, 20), break_on_hyphens=False) or [""]
    return [prefix + Text(chunks[0], style=style)] + [Text(" " * indent + chunk, style=style) for chunk in chunks[1:]]
