"""A diff as people read it: a title, a one-line summary, and sections of entries.

``ctwp.analysis.diff`` finds what changed; this module words it (with ``ctwp.analysis.words``) and
lays it out as Markdown or for a terminal. The site lays out the same report as HTML.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ctwp.analysis.diff import DiffKind
from ctwp.analysis.queries import item_title
from ctwp.analysis.words import (
    due_move_text,
    field_change_lines,
    lead_codes,
    milestone_text,
    not_carried_forward_note,
    not_continuing_text,
    progress_change_lines,
    value_text,
)
from ctwp.core.errors import counted, one_line

if TYPE_CHECKING:
    from ctwp.analysis.diff import ItemChange, MilestoneChange, ProgrammeDiff, ProgressChange
    from ctwp.analysis.queries import Found
    from ctwp.publish.formats import Column

MARKER_WORDS = {"+": "added", "-": "removed", "~": "changed", "=": "unchanged"}
_MARKER_STYLES = {"+": "green", "-": "red", "~": "yellow", "=": "dim"}


@dataclass
class Entry:
    marker: str  # + added, - removed, ~ changed, = unchanged
    ids: tuple[str, ...]  # one id, or an earlier and a later one
    title: str
    details: list[tuple[str, str]]  # (label, text)


@dataclass
class Section:
    heading: str
    entries: list[Entry] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    note: str | None = None  # what the heading does and does not mean, said before the entries
    table: tuple[list[Column], list[dict]] | None = None


@dataclass
class DiffReport:
    title: str
    summary: str
    sections: list[Section]


def diff_report(title: str, result: ProgrammeDiff) -> DiffReport:
    return DiffReport(title, _summary(result), _sections(result))


def _summary(result: ProgrammeDiff) -> str:
    if result.kind is DiffKind.YEARS:
        continued = f"{counted(len(result.matched), 'item')} continued ({len(result.changed)} changed)"
        return f"{continued}, {len(result.added)} new, {len(result.removed)} not carried forward (no {result.new.year} item linked to them)"
    parts = [
        f"{counted(len(items), 'item')} {what}"
        for items, what in ((result.added, "added"), (result.removed, "removed"), (result.changed, "changed"))
        if items
    ]
    if result.slips:
        parts.append(counted(result.slips, "slip"))
    parts += [
        f"{counted(len(groups), 'group')} {what}"
        for groups, what in ((result.groups_added, "added"), (result.groups_removed, "removed"), (result.groups_changed, "changed"))
        if groups
    ]
    parts += [f"programme {change.field} changed" for change in result.programme_fields]
    if result.progress:
        parts.append(f"progress on {counted(len(result.progress), 'milestone')}")
    return ", ".join(parts) or "no differences"


def _sections(result: ProgrammeDiff) -> list[Section]:
    from ctwp.publish.formats import Column

    if result.kind is DiffKind.YEARS:
        old_name, new_name = str(result.old.year), str(result.new.year)
        sections = [
            Section(
                f"Continued from {old_name} ({len(result.matched)})", [matched_entry(change, as_slip=False) for change in result.matched]
            ),
            Section(f"New in {new_name} ({len(result.added)})", [_item_entry("+", found, _why_new(found)) for found in result.added]),
            Section(
                f"Not carried forward from {old_name} ({len(result.removed)})",
                [_item_entry("-", found, _why_not_carried(result, found)) for found in result.removed],
                note=not_carried_forward_note(old_name, new_name),
            ),
        ]
        only_old = f"Named by an item in {old_name}, not in {new_name}"
        only_new = f"Named by an item in {new_name}, not in {old_name}"
    else:
        old_name, new_name = "Before", "After"
        changed = result.changed
        sections = [
            Section(f"Added ({len(result.added)})", [_item_entry("+", found) for found in result.added]),
            Section(f"Removed ({len(result.removed)})", [_item_entry("-", found) for found in result.removed]),
            Section(f"Changed ({len(changed)})", [matched_entry(change, as_slip=True) for change in changed]),
            Section(
                f"Groups added ({len(result.groups_added)})",
                [Entry("+", (group.id,), group.title, [("kind", group.kind)]) for group in result.groups_added],
            ),
            Section(
                f"Groups removed ({len(result.groups_removed)})",
                [Entry("-", (group.id,), group.title, [("kind", group.kind)]) for group in result.groups_removed],
            ),
            Section(
                f"Groups changed ({len(result.groups_changed)})",
                [Entry("~", (change.new.id,), change.new.title, field_change_lines(change.fields)) for change in result.groups_changed],
            ),
            Section("Programme", lines=[f"{label}: {text}" for label, text in field_change_lines(result.programme_fields)]),
            Section(f"Progress ({len(result.progress)})", [_progress_entry(change) for change in result.progress]),
        ]
        only_old, only_new = "No longer named by an item", "Newly named by an item"
    recs = [
        f"{words}: {', '.join(map(str, recs))}"
        for words, recs in ((only_old, result.recs_old_only), (only_new, result.recs_new_only))
        if recs
    ]
    sections.append(Section("RCOI recommendations", lines=recs))
    if result.lead_counts:
        columns = [
            Column("Agency", "agency"),
            Column(old_name, "old"),
            Column(new_name, "new"),
            Column("Change", "change", value=lambda row: f"{row['change']:+d}"),
        ]
        rows = [{"agency": lead.agency, "old": lead.old, "new": lead.new, "change": lead.change} for lead in result.lead_counts]
        sections.append(Section("Items led, by agency", table=(columns, rows)))
    return [section for section in sections if section.entries or section.lines or section.table]


def _progress_entry(change: ProgressChange) -> Entry:
    """A milestone whose reports changed: ITEM-ID/KEY, the item's title, the milestone, what changed."""
    from ctwp.data.records import milestone_keys

    details = []
    if change.found is not None:
        item = change.found.item
        milestone = dict(zip(milestone_keys(item.milestones), item.milestones, strict=True)).get(change.milestone.split("/")[1])
        if milestone is not None:
            details.append(("milestone", milestone_text(milestone)))
    title = item_title(change.found.item) if change.found else change.milestone.split("/")[0]
    return Entry("~", (change.milestone,), title, details + progress_change_lines(change))


def _item_entry(marker: str, found: Found, reasons: list[tuple[str, str]] = ()) -> Entry:
    item = found.item
    details = [("leads", lead_codes(item))]
    if item.recs:
        details.append(("recs", value_text(item.recs)))
    details += [("milestone", milestone_text(milestone)) for milestone in item.milestones]
    return Entry(marker, (item.id,), item_title(item), details + list(reasons))


def _why_new(found: Found) -> list[tuple[str, str]]:
    """A new item's recorded reason for continuing no earlier one."""
    unlinked = found.item.not_continuing
    return [("not linked", not_continuing_text(unlinked))] if unlinked else []


def _why_not_carried(result: ProgrammeDiff, found: Found) -> list[tuple[str, str]]:
    """The reason recorded by a later item for not continuing this one, if any."""
    if found.item.id not in result.not_linked:
        return []
    later, reason = result.not_linked[found.item.id]
    return [("not linked", f"{later}: {reason}")]


def matched_entry(change: ItemChange, as_slip: bool) -> Entry:
    """An item found on both sides, with what changed field by field; ``as_slip``: one year
    at two revisions, where a due date moved later is a slip."""
    old_id, new_id = change.old.item.id, change.new.item.id
    details = field_change_lines(change.fields)
    several = max(len(change.old.item.milestones), len(change.new.item.milestones)) > 1
    for milestone in change.milestones:
        details += _milestone_details(milestone, as_slip, several)
    ids = (new_id,) if old_id == new_id else (old_id, new_id)
    return Entry("~" if change.changed else "=", ids, item_title(change.new.item), details or [("changes", "none")])


def _milestone_details(change: MilestoneChange, as_slip: bool, several: bool) -> list[tuple[str, str]]:
    """What changed in one milestone; ``several``: the item has more than one, so a due
    date that moved under unchanged words is shown with them, to say which moved."""
    old, new = change.old, change.new
    if old is None:
        return [("milestone added", milestone_text(new))]
    if new is None:
        return [("milestone removed", milestone_text(old))]
    details = []
    if move := change.due_move:
        words = new.text or new.condition
        which = f" ({words})" if several and words and old.text == new.text else ""
        details.append(("due", due_move_text(move, as_slip) + which))
    if old.text != new.text:
        details.append(("milestone", f"{value_text(old.text)} → {value_text(new.text)}"))
    if old.condition != new.condition:
        details.append(("condition", f"{value_text(old.condition)} → {value_text(new.condition)}"))
    return details


def markdown_report(report: DiffReport) -> str:
    """Headings and lists, to paste into a pull request or a CI job summary."""
    from ctwp.publish.escape import markdown_code, markdown_text
    from ctwp.publish.formats import markdown_table

    lines = [f"## {markdown_text(report.title)}", "", f"{markdown_text(report.summary)}.", ""]
    for section in report.sections:
        lines += [f"### {markdown_text(section.heading)}", ""]
        if section.note:
            lines += [markdown_text(section.note), ""]
        for entry in section.entries:
            ids = " → ".join(map(markdown_code, entry.ids))
            lines.append(f"- {ids}: {markdown_text(entry.title)}")
            lines += [f"  - {label}: {markdown_text(text)}" for label, text in entry.details]
        lines += [f"- {markdown_text(line)}" for line in section.lines]
        if section.table:
            lines.append(markdown_table(section.table[1], section.table[0]).rstrip("\n"))
        lines.append("")
    return "\n".join(lines)


def write_markdown(report: DiffReport) -> None:
    sys.stdout.write(markdown_report(report))


def print_terminal(report: DiffReport) -> None:
    """The report for a terminal: markers in colour where colour is on, text wrapped to its width.

    Drawn line by line, in time linear in the size of the report."""
    from ctwp.publish.formats import colour_wanted, terminal_width, text_table

    width = terminal_width()
    paint = _paint if colour_wanted() else _plain
    lines = [*_hanging("", report.title, width, paint, "bold"), *_hanging("", report.summary, width, paint)]
    for section in report.sections:
        lines += ["", paint(one_line(section.heading), "bold")]
        if section.note:
            lines += _hanging("  ", section.note, width, paint, "dim")
        for entry in section.entries:
            lines.append("  " + paint(entry.marker, _MARKER_STYLES[entry.marker]) + paint(one_line(" " + " → ".join(entry.ids)), "bold"))
            lines += _hanging("    ", entry.title, width, paint)
            label_width = max((len(label) for label, _ in entry.details), default=0)
            for label, text in entry.details:
                lines += _hanging("      " + paint(label.ljust(label_width), "dim") + "  ", text, width, paint, indent=8 + label_width)
        for line in section.lines:
            lines += _hanging("  ", line, width, paint)
        if section.table:
            columns, rows = section.table
            table = text_table(rows, columns)
            lines += [paint("  " + one_line(table[0]), "dim")] + ["  " + one_line(line) for line in table[1:]]
    sys.stdout.write("\n".join(lines) + "\n")


_STYLES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33"}


def _paint(text: str, style: str) -> str:
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if text else text


def _plain(text: str, style: str) -> str:
    return text


def _hanging(prefix: str, text: str, width: int, paint, style: str = "", indent: int | None = None) -> list[str]:
    """``prefix`` and ``text``, wrapped to ``width`` with each further line under the first;
    ``indent``: the width of ``prefix`` on screen, when styling makes it longer."""
    import textwrap  # cached after the first call

    indent = len(prefix) if indent is None else indent
    room = max(width - indent, 20)
    if len(text) <= room and text.isprintable():  # most texts: one line, as textwrap would give it, sooner
        chunks = [text.rstrip(" ")] if text.strip(" ") else []
    else:
        chunks = [one_line(chunk) for chunk in textwrap.wrap(text, room, break_on_hyphens=False, break_long_words=False)]
    chunks = chunks or [""]
    if style:
        chunks = [paint(chunk, style) for chunk in chunks]
    return [prefix + chunks[0]] + [" " * indent + chunk for chunk in chunks[1:]]
