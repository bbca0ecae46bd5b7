"""Recording a progress report (``ctwp report``): added at the end of the edition's
progress file, as text, so that every comment and the file's layout stay as they were.

The report is checked with the whole data folder, in memory, before anything is written; a
report refused for any reason changes nothing. Reports are added, never edited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ctwp.analysis.progress import MilestoneStatus, milestone_status
from ctwp.analysis.queries import Found
from ctwp.core.errors import UsageError, shown
from ctwp.data.findings import Finding
from ctwp.data.loading import PROGRESS_FOLDER, Dataset, display_path, load_dataset, load_valid_dataset
from ctwp.data.periods import PeriodError, day_label, parse_canonical, parse_period
from ctwp.data.records import milestone_keys
from ctwp.data.yamltext import scalar

PROGRESS_HEADER = "# yaml-language-server: $schema=../../schema/progress.schema.json\nreports:\n"
SOURCE_HINT = "give --source: the document, OIA reference or URL that states it"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_REPORTS_BLOCK = re.compile(r"^reports:[ \t]*(#.*)?$", re.MULTILINE)
_REPORTS_EMPTY = re.compile(r"^reports:([ \t]*\[\])[ \t]*(#.*)?$", re.MULTILINE)
_ENTRY = re.compile(r"^( *)- ", re.MULTILINE)


@dataclass(frozen=True)
class Recorded:
    shown: str  # the progress file, as messages name it
    entry: str  # the report's YAML, as added to the file
    as_at: date
    before: MilestoneStatus
    after: MilestoneStatus
    warnings: list[Finding]


def read_report_date(text: str) -> str:
    """A report's date as given: a day (2022-06-03) or a month (2022-06), never a guessed day."""
    try:
        if _DAY.fullmatch(text):
            date.fromisoformat(text)
            return text
        if (month := _MONTH.fullmatch(text)) and 1 <= int(month[2]) <= 12:
            return text
    except ValueError:
        pass
    raise UsageError(f"--date: {shown(text)} is not a day or a month", "write a day as 2022-06-03, or a month as 2022-06")


def read_expected(text: str) -> str:
    """A new expected period in its canonical form (2023, 2023-Q1, 2023-06, 2023-06-30)."""
    try:
        period = parse_canonical(text)
    except PeriodError:
        try:
            hint = f"write it as {parse_period(text).canonical!r}"
        except PeriodError:
            hint = "give a year, quarter, month or day: 2023, 2023-Q1, 2023-06, 2023-06-30"
        raise UsageError(f"--expected: {shown(text)} is not a period", hint) from None
    if not period.dated:
        raise UsageError(f"--expected: {shown(text)} has no dates", "give a year, quarter, month or day: 2023, 2023-Q1, 2023-06")
    return text


def report_text(fields: dict[str, str], indent: str = "  ") -> str:
    """The report as a YAML list entry, each value quoted where YAML needs it."""
    lines = [
        f"{indent if index == 0 else indent + '  '}{'- ' if index == 0 else ''}{key}: {scalar(value)}"
        for index, (key, value) in enumerate(fields.items())
    ]
    return "\n".join(lines) + "\n"


def record_report(
    data_dir: Path,
    reference: str,
    status: str,
    day: str,
    source: str | None,
    note: str | None = None,
    expected: str | None = None,
) -> Recorded:
    """Add a report on ``reference`` (ITEM-ID/MILESTONE-KEY) to its edition's progress file."""
    from ctwp.core.files import write_file
    from ctwp.data.model import STATUSES, status_hint

    if source is None or not source.strip():
        raise UsageError("a report without a source is not evidence", SOURCE_HINT)
    if status not in STATUSES:
        raise UsageError(f"--status: unknown status {shown(status)}", status_hint(status))
    day = read_report_date(day)
    period = parse_canonical(day)
    fields = {"milestone": reference, "date": day, "status": status}
    if expected is not None:
        fields["expected"] = read_expected(expected)
    if note is not None:
        fields["note"] = note
    fields["source"] = source
    dataset = load_valid_dataset(data_dir)
    year = _edition_year(dataset, reference)
    path = data_dir / PROGRESS_FOLDER / f"{year}.yaml"
    shown_path = display_path(path)
    old_text = path.read_bytes().decode() if path.is_file() else None
    new_text, entry = _appended(old_text, fields, shown_path)
    checked = load_dataset(data_dir, contents={path: (shown_path, new_text.encode(), [])})
    errors = [finding for finding in checked.findings if finding.level == "error"]
    if errors:
        first = errors[0]
        raise UsageError(f"not recorded: {first.message}", f"{first.hint + ' ' if first.hint else ''}({first.rule})")
    if not _ends_with(checked, path, fields):
        raise UsageError(
            f"not recorded: ctwp cannot add a report to {shown_path} without changing its layout",
            "add the report at the end of its list by hand",
        )
    # As at the report's own day, so that what it changes shows; 'ctwp status' gives today's state.
    as_at = period.end
    before = _status(dataset, reference, as_at)
    if not path.parent.is_dir():
        path.parent.mkdir()
    write_file(path, new_text, force=True)
    first_line = len((old_text or "").splitlines()) + 1
    warnings = [finding for finding in checked.findings if finding.path == shown_path and finding.line >= first_line]
    return Recorded(shown_path, entry, as_at, before, _status(checked, reference, as_at), warnings)


def _edition_year(dataset: Dataset, reference: str) -> int:
    """The edition whose progress file takes a report on ``reference``: its item's; for an
    unknown item, the year it names, else the latest, where validation says what is wrong."""
    item_id = reference.split("/", 1)[0]
    if item_id in dataset.item_places:
        return dataset.item_places[item_id][0].year
    named = item_id[:4]
    return int(named) if named.isdigit() and int(named) in dataset.years() else dataset.years()[-1]


def _appended(old_text: str | None, fields: dict[str, str], shown_path: str) -> tuple[str, str]:
    """The file's text with the report added at the end of its list, and the report's text."""
    if old_text is None:
        entry = report_text(fields)
        return PROGRESS_HEADER + entry, entry
    text = old_text if not old_text or old_text.endswith("\n") else old_text + "\n"
    if empty := _REPORTS_EMPTY.search(text):  # "reports: []": the list begins with this report
        # only the "[]" goes: a comment after it stays where it was
        text = text[: empty.start(1)] + (" " * len(empty[1]) if empty[2] else "") + text[empty.end(1) if empty[2] else empty.end() :]
    elif not _REPORTS_BLOCK.search(text):  # such as {reports: [...]}: valid, but no line to add a report under
        raise UsageError(f"not recorded: {shown_path} has no 'reports:' line to add to", "add the report by hand")
    entries = _ENTRY.findall(text[_REPORTS_BLOCK.search(text).end() :])
    entry = report_text(fields, entries[0] if entries else "  ")
    newline = "\r\n" if "\r\n" in text else "\n"
    return text + entry.replace("\n", newline), entry


def _ends_with(checked: Dataset, path: Path, fields: dict[str, str]) -> bool:
    """The progress file, as read back, ends with the report, all its fields as given."""
    for file_path, data in checked.progress_data:
        if Path(file_path) == path.resolve():
            return bool(data.get("reports")) and data["reports"][-1] == fields
    return False


def _status(dataset: Dataset, reference: str, as_at: date) -> MilestoneStatus:
    item_id, key = reference.split("/", 1)
    found = Found(*dataset.item_places[item_id])
    milestone = found.item.milestones[milestone_keys(found.item.milestones).index(key)]
    return milestone_status(dataset, found, milestone, key, as_at)


def recorded_lines(recorded: Recorded) -> list[str]:
    """What ``ctwp report`` says: the report as recorded, and the milestone's state before and after it."""
    found = recorded.after.found
    title = found.item.title or found.item.id
    return [
        f"recorded in {recorded.shown}:",
        *recorded.entry.rstrip("\n").split("\n"),
        f"{title} ({recorded.after.reference}), as at {day_label(recorded.as_at)}: "
        f"{recorded.before.state.label} → {recorded.after.state.label}",
    ]
