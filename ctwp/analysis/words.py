"""The words for an item, a milestone, a due period and a change, written once.

The terminal (``ctwp show``, ``ctwp diff``), the Markdown and HTML documents (``ctwp
render``), the calendar and the site all say the same thing the same way, because they all
take their words from here. Nothing here draws: callers lay the words out for their medium.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ctwp.analysis.diff import DueMove, FieldChange, ProgressChange
    from ctwp.analysis.progress import MilestoneStatus
    from ctwp.data.records import Item, Milestone, NotContinuing, Report, Statement
    from ctwp.data.revisions import FileRevision

WITHHELD = "Withheld under the Official Information Act 1982"
NOT_RELEASED = "not released"
WITHHELD_ITEM = "a withheld item"
DRAFT = "draft"  # an edition with draft: true, which no command counts as published


def year_label(year: int | str, draft: bool = False) -> str:
    """An edition's year as a column, a link or a note names it: "2023 draft" for a draft."""
    return f"{year} {DRAFT}" if draft else str(year)


def draft_years_note(years: Iterable[int | str], consequence: str) -> list[str]:
    """A note naming the draft editions among ``years``, and what follows from their being
    drafts: "2023 is a draft, not published: not counted in the total"."""
    years = sorted(years, key=int)
    if not years:
        return []
    named = " and ".join(map(str, years))
    return [f"{named} {'is a draft' if len(years) == 1 else 'are drafts'}, not published: {consequence}"]


# Labelled lines: ("Leads", ["DPMC (Department of ...)", "NZP (New Zealand Police)"]).
Fields = list[tuple[str, list[str]]]


def milestone_phrase(label: str, text: str | None, condition: str | None = None) -> str:
    """A milestone as people read it: "Dec 2022: Establish Advisory Group.".

    Where the source's words already begin with the due period ("Ongoing – tool to be used
    for all public engagements"), the period is said once, in the source's words.
    """
    words = text or condition
    if not words:
        return label
    if _begins_with(words, label):
        return words
    return f"{label}: {words}"


def _begins_with(words: str, label: str) -> bool:
    size = len(label)
    return words[:size].casefold() == label.casefold() and not words[size : size + 1].isalnum()


def milestone_line(milestone: dict) -> str:
    """A milestone of an item record or row (``due_label``, ``text``, ``condition``)."""
    return milestone_phrase(milestone["due_label"], milestone["text"], milestone["condition"])


def milestone_text(milestone: Milestone) -> str:
    """A milestone of the programme as loaded."""
    return milestone_phrase(milestone.due.label, milestone.text, milestone.condition)


def lead_names(record: dict) -> list[str]:
    """An item record's leads as people read them: "DPMC (Department of ...)", then any lead in words."""
    return [f"{lead['code']} ({lead['name']})" for lead in record["leads"]] + ([record["lead_text"]] if record["lead_text"] else [])


def lead_codes(item: Item) -> str:
    """An item's leads by code, then any lead in words: "DPMC, NZP"."""
    named = [*item.leads, *([item.lead_text] if item.lead_text else [])]
    return ", ".join(named) or (NOT_RELEASED if item.withheld else "none")


SUBJECT_NOT_CONFIRMED = "subject not confirmed"


def subject_text(subject: str | None) -> str:
    """A recommendation's subject, or that it is not confirmed: never an empty cell."""
    return subject or SUBJECT_NOT_CONFIRMED


def subject_cells(rows: list[dict]) -> list[dict]:
    """Recommendation rows for a format of plain cells (CSV, a workbook), where a null would be
    an empty cell: the subject says when it is not confirmed (``subject_confirmed`` keeps the two apart)."""
    return [{**row, "subject": subject_text(row["subject"])} for row in rows]


def recommendation_line(rec: dict) -> str:
    """A recommendation of an item record with its subject: "7: An Advisory Group on Counter-Terrorism",
    "15: subject not confirmed"."""
    return f"{rec['rec']}: {subject_text(rec['subject'])}"


def statement_line(statement: Statement) -> str:
    """A statement about the recommendations as a whole: "2 Aug 2024: ... (source: URL)"."""
    return f"{statement.date.label}: {statement.text} (source: {statement.source})"


def ground_line(ground: dict) -> str:
    """A withholding ground of an item record with its meaning where known: "s6(a): release would..."."""
    return f"{ground['section']}: {ground['meaning']}" if ground["meaning"] else ground["section"]


def link_line(link: dict) -> str:
    """An item another one continues or is continued by: "Advisory Group on CT (2021, 2021-advisory-group-ct)"."""
    return f"{link['title'] or WITHHELD_ITEM} ({year_label(link['year'], link.get('draft', False))}, {link['id']})"


def not_continuing_text(unlinked: NotContinuing) -> str:
    """Why an item is not linked to an earlier one: "2021-new-agency: neither document ..."."""
    return f"{unlinked.item}: {unlinked.reason}" if unlinked.item else unlinked.reason


def not_carried_forward_note(old: str, new: str) -> str:
    """What "not carried forward" says, and what it does not."""
    return (
        f"No {new} item continues these. Links between editions are made only where both editions' words support "
        "them (a shared recommendation or the same name), so this says the documents show no link, not that the work "
        "was dropped; a reason recorded for not linking an item is shown with it."
    )


def item_fields(record: dict) -> Fields:
    """What an item record says beyond its title and group, as labelled lines, in the order
    documents give them: the grounds it was withheld on, leads, recommendations, milestones,
    and the items of other years it continues or that continue it."""
    fields: Fields = []
    if record["withheld"]:
        fields.append(("Grounds", [ground_line(ground) for ground in record["withheld"]["grounds"]]))
    fields.append(("Leads", lead_names(record) or [NOT_RELEASED]))
    if record["recs"]:
        fields.append(("RCOI recommendations", [recommendation_line(rec) for rec in record["recs"]]))
    fields.append(("Milestones", [milestone_line(milestone) for milestone in record["milestones"]]))
    if record["continues"]:
        fields.append(("Continues", [link_line(record["continues"])]))
    if record["continued_by"]:
        fields.append(("Continued by", [link_line(link) for link in record["continued_by"]]))
    return fields


# Short labels for ctwp show, whose labels share a narrow column with the values.
_SHOW_LABELS = {"RCOI recommendations": "RCOI recs"}


def show_fields(record: dict) -> list[tuple[str, str]]:
    """Everything about one item as (label, text) pairs, for ``ctwp show``: where it stands,
    then what ``item_fields`` gives, each field's lines joined."""
    group = record["group"]
    kind = group["kind"].capitalize()
    fields = [("Id", record["id"]), ("Year", year_label(record["year"], record.get("draft", False)))]
    if record["title"] is not None:
        fields.append(("Title", record["title"]))
    if record["withheld"]:
        fields.append(("Withheld", "\n".join([WITHHELD, *(ground_line(ground) for ground in record["withheld"]["grounds"])])))
    fields.append((kind, f"{group['title']} ({group['id']})"))
    if group["lead_text"]:
        fields.append((f"{kind} lead", group["lead_text"]))
    shown = dict(item_fields(record))
    shown.pop("Grounds", None)
    shown.setdefault("RCOI recommendations", ["none"])
    order = ("Leads", "RCOI recommendations", "Milestones", "Continues", "Continued by")
    fields += [(_SHOW_LABELS.get(label, label), "\n".join(shown[label])) for label in order if label in shown]
    if record.get("not_continuing"):
        fields.append(("Not linked", not_continuing_text(_unlinked(record["not_continuing"]))))
    if len(record.get("history", ())) > 1:
        fields.append(("History", "\n".join(_history_line(entry, record["id"]) for entry in record["history"])))
    if "progress" in record:
        fields += _progress_fields(record)
    return fields


def _unlinked(data: dict) -> NotContinuing:
    from ctwp.data.records import NotContinuing

    return NotContinuing(**data)


def _history_line(entry: dict, this: str) -> str:
    """An edition's item in an item's history: "2022: Advisory Group on CT (2022-advisory-group-ct), continues 2021-..."."""
    line = f"{year_label(entry['year'], entry.get('draft', False))}: {entry['title'] or WITHHELD_ITEM} ({entry['id']})"
    if entry["continues"]:
        line += f", continues {entry['continues']}"
    return line + (" (this item)" if entry["id"] == this else "")


def _progress_fields(record: dict) -> list[tuple[str, str]]:
    """Each milestone's state as at the record's day, then its reports: date, status, note, source."""
    from datetime import date

    from ctwp.data.periods import day_label

    as_at = day_label(date.fromisoformat(record["as_at"]))
    several = len(record["progress"]) > 1
    fields = []
    for milestone in record["progress"]:
        which = f" ({milestone['key']})" if several else ""
        fields.append((f"State{which}", f"{milestone['state_text']} (as at {as_at})"))
        lines = []
        for report in milestone["reports"]:
            lines.append(report["label"])
            lines += [f"note: {report['note']}"] if report["note"] else []
            lines.append(f"source: {report['source']}")
        if milestone["later_reports"]:
            lines.append(f"{counted_reports(milestone['later_reports'])} dated after {as_at}")
        fields.append((f"Reports{which}", "\n".join(lines) or NO_REPORT))
    return fields


def counted_reports(number: int) -> str:
    return f"{number} later report" + ("" if number == 1 else "s")


def value_text(value: object) -> str:
    """A field's value as data holds it, in words: lists joined, nothing as "none"."""
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "none"
    return "none" if value is None else str(value)


def field_change_lines(changes: Iterable[FieldChange]) -> list[tuple[str, str]]:
    """Each changed field: ("lead text", "TBD → none")."""
    return [(change.field.replace("_", " "), f"{value_text(change.old)} → {value_text(change.new)}") for change in changes]


def due_move_text(move: DueMove, as_slip: bool = False) -> str:
    """How a due period moved: "Q4 2021 → Dec 2022, 1 year later"; ``as_slip`` (one year
    at two revisions): "slipped 1 year", "pulled forward 1 year"."""
    moved = f"{move.old.label} → {move.new.label}"
    direction = move.direction
    if direction == "later":
        return f"{moved}, slipped {move.size}" if as_slip else f"{moved}, {move.size} later"
    if direction == "earlier":
        return f"{moved}, pulled forward {move.size}" if as_slip else f"{moved}, {move.size} earlier"
    if direction == "same-end":
        return f"{moved}, same end date"
    if direction == "now-undated":
        return f"{moved}, no longer dated"
    if direction == "now-dated":
        return f"{moved}, now dated"
    return moved


def status_label(status: str) -> str:
    """A progress status as people read it: "on track" for on-track."""
    return status.replace("-", " ")


def report_said(report: Report) -> str:
    """What a report says, without its date: "at risk; expected 2023", or "done by this date
    (when, the source does not say)"."""
    if report.done_by:
        return "done by this date (when, the source does not say)"
    expected = f"; expected {report.expected.label}" if report.expected else ""
    return f"{status_label(report.status)}{expected}"


def report_line(report: Report | None) -> str:
    """A milestone's latest report: "on track, 30 Sep 2022", "at risk, 17 Dec 2022; expected 2023",
    "done by 2 Aug 2024" (met by then, when not stated), or "no report"."""
    if report is None:
        return NO_REPORT
    if report.done_by:
        return f"done by {report.date.label}"
    expected = f"; expected {report.expected.label}" if report.expected else ""
    return f"{status_label(report.status)}, {report.date.label}{expected}"


NO_REPORT = "no report"

# A milestone's states as at a day, as people read them (see ctwp.analysis.vocabulary.State).
# A state that follows from no report says so; none is worded as a finding.
STATE_LABELS = {
    "done-on-time": "done on time",
    "done-late": "done late",
    "done": "done",
    "done-by": "done by a date",
    "done-before-edition": "done before this edition",
    "stopped": "stopped",
    "replaced": "replaced",
    "known-late": "known late",
    "at-risk": "at risk",
    "on-track": "on track",
    "not-started": "not started",
    "carried-forward": "carried forward",
    "no-report-past-due": "no report past due",
    "due-soon": "due soon",
    "not-yet-due": "not yet due",
    "undated": "undated",
}


def state_text(status: MilestoneStatus) -> str:
    """A milestone's state in full: "done 27 Oct 2022, 3 months after its due period",
    "late; now expected 2023", "no report; due period ended 31 Jul 2022"."""
    state, report, done, due = status.state.value, status.report, status.done, status.milestone.due
    if state == "done-on-time":
        return f"done {done.date.label}, on time"
    if state == "done-late":
        if status.late_by:
            return f"done {done.date.label}, {status.late_by} after its due period"
        return f"done by {done.date.label}, after its due period (not done as at {status.late_evidence.date.label})"
    if state == "done":
        why = "no due period to compare" if not due.dated else "the source's month spans the due period's end"
        return f"done {done.date.label} ({why})"
    if state == "done-by":
        return f"done by {done.date.label} (when, the source does not say)"
    if state == "done-before-edition":
        return f"done {done.date.label}, before this edition"
    if state in ("stopped", "replaced"):
        return f"{state}, {report.date.label}"
    if state == "known-late":
        if report.expected:
            return f"late; now expected {report.expected.label}"
        return f"late; not done as at {report.date.label}"
    if state in ("at-risk", "on-track", "not-started"):
        return report_line(report)
    if state == "carried-forward":
        return "carried forward to " + ", ".join(f"{later.programme.year} ({later.item.id})" for later in status.carried_to)
    if state == "no-report-past-due":
        since = " since its due period ended" if report else "; due period ended"
        return f"{NO_REPORT}{since} {due.label}"
    return STATE_LABELS[state]


def progress_change_lines(change: ProgressChange) -> list[tuple[str, str]]:
    """What a revision changed in a milestone's reports: its status as at the latest report
    ("on track → done (as at 30 Sep 2022)"), what that report says, and any earlier report
    dropped or altered (reports are added, never edited)."""
    old, new = change.old_latest, change.new_latest
    lines = []
    if new is not None and new != old:
        as_at = f"(as at {new.date.label})"
        if old is not None and old.status == new.status:
            lines.append(("status", f"still {status_label(new.status)} {as_at}"))
        else:
            lines.append(("status", f"{status_label(old.status) if old else 'no report'} → {status_label(new.status)} {as_at}"))
        if new in change.added:
            lines += [(label, text) for label, text in (("note", new.note), ("source", new.source)) if text]
    elif new is None:
        lines.append(("status", f"{status_label(old.status)} → no report"))
    lines += [("report added", report_line(report)) for report in change.added if report != new]
    lines += [("report removed", report_line(report)) for report in change.removed]
    lines += [
        ("report edited", f"{report_line(before)} → {report_line(after)}{_edited(before, after)}; reports are added, not edited")
        for before, after in change.edited
    ]
    return lines


def _edited(before: Report, after: Report) -> str:
    fields = [name for name in ("note", "source") if getattr(before, name) != getattr(after, name)]
    return f" ({' and '.join(fields)} changed)" if fields else ""


def generated_note(made: str, revision: FileRevision | None, thing: str = "a file") -> str:
    """``made`` ("Generated by ctwp 0.1.0 from data/2022.yaml"), with the git revision of
    what it was made from: the last commit that changed it, and whether it has changed since."""
    from ctwp.data.periods import day_label

    if revision is None:
        return made + "."
    if revision.commit is None:
        return f"{made}, {thing} not yet committed to git."
    commit = f"commit {revision.commit[:12]} ({day_label(revision.committed_on)})"
    if revision.modified:
        return f"{made}, with changes not yet committed: it differs from {commit}."
    return f"{made} at {commit}."
