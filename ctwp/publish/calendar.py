"""Dated milestones as an iCalendar file (RFC 5545), for calendar programs to import.

Each dated milestone is an all-day event spanning its whole due period: "Q4 2022" runs from
1 Oct to 31 Dec 2022, as the due period does, rather than sitting on a guessed day.
Undated milestones (ongoing, TBD, conditional) have no place in a calendar: they are left
out and counted.

The file is the same whenever the data is: each event's UID comes from its item's id and
the milestone's key (``milestone-N`` by its position, for a milestone without a key of its own), so importing the file again updates the events rather
than adding copies; and DTSTAMP, which RFC 5545 requires, comes from the data too (see
``_stamp``), never from the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ctwp.analysis.queries import Found, ItemFilter, all_items, item_record, item_title
from ctwp.analysis.words import NOT_RELEASED, lead_names
from ctwp.data.loading import Dataset
from ctwp.data.records import milestone_keys

CALENDAR_NAME = "Counter-Terrorism Work Programme"
PRODUCT_ID = "-//ctwp//Counter-Terrorism Work Programme//EN"
_LINE_OCTETS = 75  # RFC 5545, 3.1: longer content lines are folded


@dataclass(frozen=True)
class Event:
    uid: str
    first_day: date
    last_day: date
    summary: str
    description: str
    year: int  # the programme year


@dataclass
class MilestoneEvents:
    events: list[Event] = field(default_factory=list)
    undated_left_out: int = 0


def milestone_events(dataset: Dataset, item_filter: ItemFilter, records: dict[str, dict] | None = None) -> MilestoneEvents:
    """An event for each dated milestone of the matching items, in date order; ``records``,
    where the caller has them, are the items' ``item_record``s by id."""
    result = MilestoneEvents()
    for found in all_items(dataset):
        if not item_filter.matches(found):
            continue
        record = records[found.item.id] if records is not None else item_record(dataset, found)
        for key, milestone in zip(milestone_keys(found.item.milestones), found.item.milestones, strict=True):
            if not milestone.due.dated:
                result.undated_left_out += 1
                continue
            words = milestone.text  # a dated milestone has no condition
            title = item_title(found.item)
            result.events.append(
                Event(
                    uid=f"{found.item.id}/{key}@ctwp",
                    first_day=milestone.due.start,
                    last_day=milestone.due.end,
                    summary=f"{title}: {words}" if words else title,
                    description=_description(found, record, milestone.due.label, words),
                    year=found.programme.year,
                )
            )
    result.events.sort(key=lambda event: (event.first_day, event.last_day, event.year, event.uid))
    return result


def _description(found: Found, record: dict, due_label: str, words: str | None) -> str:
    lines = [f"Milestone: {words}"] if words else []
    lines += [
        f"Due: {due_label}",
        f"Item: {item_title(found.item)} ({found.item.id})",
        "Leads: " + ("; ".join(lead_names(record)) or NOT_RELEASED),
    ]
    if found.item.recs:
        lines.append("RCOI recommendations: " + ", ".join(map(str, found.item.recs)))
    lines.append(f"{found.programme.title}, {found.group.kind}: {found.group.title}")
    return "\n".join(lines)


def ics_text(events: list[Event]) -> str:
    """The events as an iCalendar file: CRLF line endings, long lines folded."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT_ID}", "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{_text(CALENDAR_NAME)}"]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_text(event.uid)}",
            f"DTSTAMP:{_stamp(event)}",
            f"DTSTART;VALUE=DATE:{event.first_day:%Y%m%d}",
            _end(event),
            f"SUMMARY:{_text(event.summary)}",
            f"DESCRIPTION:{_text(event.description)}",
            # A deadline spanning a quarter must not mark the whole quarter as busy.
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _end(event: Event) -> str:
    """DTEND, exclusive: the day after the last day; a period ending on 31 Dec 9999, whose
    next day has no date, says its length instead (RFC 5545 allows either)."""
    if event.last_day < date.max:
        return f"DTEND;VALUE=DATE:{event.last_day + timedelta(days=1):%Y%m%d}"
    return f"DURATION:P{(event.last_day - event.first_day).days + 1}D"


def _stamp(event: Event) -> str:
    """DTSTAMP: the first moment of the programme year, in UTC.

    The data records no time of revision, and the clock would make each export of the same
    data differ; a time the data fixes keeps the file reproducible.
    """
    return f"{event.year}0101T000000Z"


def _text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 (3.3.11) requires."""
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return escaped.replace("\r\n", "\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """A content line folded into lines of at most 75 octets, never inside a UTF-8 character."""
    if line.isascii():  # most lines: a character is an octet, so slices will do
        if len(line) <= _LINE_OCTETS:  # and most of them fit on one line
            return line
        rest = range(_LINE_OCTETS, len(line), _LINE_OCTETS - 1)
        return "\r\n ".join([line[:_LINE_OCTETS], *(line[start : start + _LINE_OCTETS - 1] for start in rest)])
    pieces, piece, size, limit = [], "", 0, _LINE_OCTETS
    for character in line:
        octets = len(character.encode())
        if size + octets > limit:
            pieces.append(piece)
            # A continuation line begins with a space, which counts towards its 75 octets.
            piece, size, limit = "", 0, _LINE_OCTETS - 1
        piece += character
        size += octets
    pieces.append(piece)
    return "\r\n ".join(pieces)
