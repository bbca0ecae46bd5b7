"""Progress as at a date: each milestone's latest report, and the state that follows from it.

A report counts from the end of its date: a report dated by its month only (the source gives
no day) counts from the month's last day. A milestone's state as at a day D, decided in this
order from its latest report on or before D:

1. it says done: how the done report's date compares with the due period, a state that
   never claims more than the dates hold: **done before this edition** (dated before the
   edition's year); **done by a date** (the report says only that it was met by then, so
   neither on time nor late, unless an earlier report dated after the due period said it was
   not done: then **done late**); **done on time** (dated within or before the due period);
   **done late** (dated after it, by how much); else **done** (the due period is undated, or
   a month's report spans its end);
2. it says stopped or replaced: that state;
3. its item is continued (``continues:``) by an item of a later edition that has begun by D
   (an edition begins on 1 January of its year): **carried forward**; the work moved on;
4. it says not started, on track or at risk: **known late** if the due period ended before
   D and the report is dated after the due period, or expects the milestone after it; that
   status, as reported, if the due period has not ended (or is undated); else, the report
   being older than the due period's end, **no report past due**;
5. no report: **undated** (ongoing, TBD, conditional); **no report past due** (the due
   period ended before D: missing information, never a finding of lateness); **due soon**
   (the period has begun by D, or begins within ``DUE_SOON_DAYS`` days); **not yet due**.

A due period ends at the end of its last day: as at 30 June, a milestone due in Q2 is due
soon; as at 1 July it is past due.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from ctwp.analysis.queries import (
    ITEM_FIELDS,
    REPORT_FIELDS,
    Found,
    ItemFilter,
    all_items,
    continued_by,
    milestone_row,
    query_period,
    report_fields,
)
from ctwp.analysis.vocabulary import State
from ctwp.analysis.words import report_line, state_text
from ctwp.core.errors import counted
from ctwp.data.loading import Dataset
from ctwp.data.periods import DuePeriod, day_label, span_words
from ctwp.data.records import Milestone, Report, milestone_keys

DUE_SOON_DAYS = 30
FINAL_STATUSES = ("done", "stopped", "replaced")  # a report with one of these settles the milestone
IN_PROGRESS = ("not-started", "on-track", "at-risk")


def read_as_at(text: str, today: date, option: str = "--as-at") -> date:
    """An as-at day: ``today``, or any period form ``ctwp due`` takes, read as its last day."""
    return query_period(option, text, today).end


@dataclass(frozen=True)
class MilestoneStatus:
    found: Found
    milestone: Milestone
    key: str  # the milestone's key in its item
    state: State
    report: Report | None  # the latest report on or before the as-at day
    carried_to: tuple[Found, ...] = ()
    done: Report | None = None  # the first report that says done, when the state is a done state
    late_by: str | None = None  # done late: how long after the due period, as people say it
    late_evidence: Report | None = None  # done late by a done-by report: the report after the due period that said not done

    @property
    def reference(self) -> str:
        return f"{self.found.item.id}/{self.key}"

    @property
    def text(self) -> str:
        return state_text(self)


def milestone_status(
    dataset: Dataset, found: Found, milestone: Milestone, key: str, as_at: date, carried_to: tuple[Found, ...] | None = None
) -> MilestoneStatus:
    """Where ``milestone`` (keyed ``key``) of ``found`` stood as at ``as_at`` (see the module's
    docstring); ``carried_to``, when the caller has it, is ``carried_forward_to``'s answer."""
    reports = [report for report in dataset.reports.get(f"{found.item.id}/{key}", ()) if report.date.end <= as_at]
    report = reports[-1] if reports else None
    if carried_to is None:
        carried_to = carried_forward_to(dataset, found, as_at)
    due = milestone.due
    past_due = due.dated and due.end < as_at
    if report is not None and report.status == "done":
        return _done_status(found, milestone, key, reports, carried_to)
    if report is not None and report.status in FINAL_STATUSES:
        state = State(report.status)
    elif carried_to:
        state = State.CARRIED_FORWARD
    elif report is not None:
        if past_due and (_after(report.date, due) or (report.expected is not None and _after(report.expected, due))):
            state = State.KNOWN_LATE
        else:
            state = State.NO_REPORT_PAST_DUE if past_due else State(report.status)
    elif not due.dated:
        state = State.UNDATED
    elif past_due:
        state = State.NO_REPORT_PAST_DUE
    elif (due.start - as_at).days <= DUE_SOON_DAYS:  # as_at + 30 days would overflow at the end of 9999
        state = State.DUE_SOON
    else:
        state = State.NOT_YET_DUE
    return MilestoneStatus(found, milestone, key, state, report, carried_to)


def _after(period: DuePeriod, due: DuePeriod) -> bool:
    """``period`` begins after the due period ends."""
    return due.dated and period.start > due.end


def _done_status(found: Found, milestone: Milestone, key: str, reports: list[Report], carried_to: tuple[Found, ...]) -> MilestoneStatus:
    """A milestone whose latest report says done: how its first done report's date bears on the due period."""
    due = milestone.due
    first = next(index for index, report in enumerate(reports) if report.status == "done")
    done = reports[first]
    late_by = late_evidence = None
    if done.date.end < date(found.programme.year, 1, 1):
        state = State.DONE_BEFORE_EDITION
    elif done.done_by:
        late_evidence = next((report for report in reports[:first] if report.status in IN_PROGRESS and _after(report.date, due)), None)
        state = State.DONE_LATE if late_evidence else State.DONE_BY
    elif not due.dated:
        state = State.DONE
    elif done.date.end <= due.end:
        state = State.DONE_ON_TIME
    elif _after(done.date, due):
        state = State.DONE_LATE
        late_by = span_words((done.date.end - due.end).days)
    else:
        state = State.DONE
    return MilestoneStatus(found, milestone, key, state, reports[-1], carried_to, done, late_by, late_evidence)


def carried_forward_to(dataset: Dataset, found: Found, as_at: date) -> tuple[Found, ...]:
    """The items of later published editions, begun by ``as_at``, that continue ``found``
    (a draft's links say what may be carried, not what was)."""
    if found.item.id not in dataset.continuations:
        return ()
    return tuple(
        later for later in continued_by(dataset, found.item.id) if date(later.programme.year, 1, 1) <= as_at and not later.programme.draft
    )


def item_statuses(dataset: Dataset, found: Found, as_at: date) -> list[MilestoneStatus]:
    """Each milestone of one item as at ``as_at``, in the item's order."""
    carried_to = carried_forward_to(dataset, found, as_at)
    milestones = found.item.milestones
    return [
        milestone_status(dataset, found, milestone, key, as_at, carried_to)
        for key, milestone in zip(milestone_keys(milestones), milestones, strict=True)
    ]


def milestone_statuses(dataset: Dataset, item_filter: ItemFilter, as_at: date) -> list[MilestoneStatus]:
    """Every milestone of the matching items as at ``as_at``, in due-date order, the undated last."""
    statuses = [status for found in all_items(dataset) if item_filter.matches(found) for status in item_statuses(dataset, found, as_at)]

    def order(status: MilestoneStatus) -> tuple:
        due = status.milestone.due
        return (not due.dated, due.start or date.min, due.end or date.min, status.found.programme.year, status.found.item.id)

    return sorted(statuses, key=order)  # stable: an item's undated milestones keep their order


# The CSV columns of status_row's rows, the latest report flattened; fixed, so that the columns
# are the same whether or not any milestone has a report.
STATUS_FIELDS = (
    *ITEM_FIELDS,
    "milestone_key",
    "as_at",
    "state",
    "state_label",
    "state_text",
    "reported",
    *(f"report_{name}" for name in REPORT_FIELDS),
    "report_label",
    "carried_to",
)
CHANGE_FIELDS = (*STATUS_FIELDS, "was", "was_label", "since")


def status_row(status: MilestoneStatus, as_at: date) -> dict:
    """A milestone's row: the fields of ``ctwp due``'s rows, with its state and latest report
    as at ``as_at``, which the row names, so that a saved file says what day it speaks for.
    ``reported``: whether any report, on or before that day, backs the state."""
    return {
        **milestone_row(status.found, status.milestone),
        "milestone_key": status.key,
        "as_at": as_at.isoformat(),
        "state": status.state.value,
        "state_label": status.state.label,
        "state_text": status.text,
        "reported": status.report is not None,
        "report": report_fields(status.report),
        "report_label": report_line(status.report),
        "carried_to": [later.item.id for later in status.carried_to],
    }


NO_AGENCY = "no agency"  # the lead of an item led by no agency of the registry (TBD, withheld)


def summary_rows(statuses: list[MilestoneStatus], by: str) -> list[dict]:
    """How many milestones have a report and how many not, then how many are in each state, by
    year, group or lead agency (a joint lead counts for each of its agencies)."""
    rows = []
    for head, counter in _summary_counts(statuses, by):
        states = {state.value: counter[state] for state in State}
        unreported = sum(counter[(state, None)] for state in State)
        total = sum(states.values())
        rows.append({**head, "reported": total - unreported, "unreported": unreported, **states, "total": total})
    return rows


def per_state(statuses: list[MilestoneStatus], by: str) -> list[dict]:
    """The summary with a row per state counted under each year, group or lead, rather
    than a column per state: the same counts, in a shape that fits a narrow table. A group's
    title is given on its first row only."""
    rows = []
    for head, counter in _summary_counts(statuses, by):
        for state in State:
            if counter[state]:
                rows.append(
                    {
                        **head,
                        "state": state.value,
                        "state_label": state.label,
                        "milestones": counter[state],
                        "reported": counter[state] - counter[(state, None)],
                    }
                )
                head = {**head, "group": ""} if by == "group" else head
    return rows


def _summary_counts(statuses: list[MilestoneStatus], by: str) -> list[tuple[dict, Counter]]:
    """For each year, group or lead, its key fields and a count of milestones by state
    (``counter[state]``) and of those unreported (``counter[(state, None)]``)."""
    counts: dict[tuple, Counter] = {}
    place: dict[tuple, int] = {}  # a group's place in its file
    for status in statuses:
        found = status.found
        if by == "year":
            keys = [(found.programme.year,)]
        elif by == "group":
            keys = [(found.programme.year, found.group.id, found.group.title)]
            place[keys[0]] = found.programme.groups.index(found.group)
        else:
            keys = [(lead,) for lead in found.item.leads] or [(NO_AGENCY,)]
        for key in keys:
            counter = counts.setdefault(key, Counter())
            counter[status.state] += 1
            counter[(status.state, None)] += status.report is None
    if by == "lead":  # the agencies that lead most first
        ordered = sorted(counts, key=lambda key: (-sum(counts[key][state] for state in State), key[0] == NO_AGENCY, key[0]))
    else:  # by year, and groups in the order of their file
        ordered = sorted(counts, key=lambda key: (key[0], place.get(key, 0)))
    names = ("year", "group_id", "group") if by == "group" else (by,)
    return [(dict(zip(names, key, strict=True)), counts[key]) for key in ordered]


def counts_line(statuses: list[MilestoneStatus], as_at: date) -> str:
    """One line, how many have any report first: "as at 1 Jan 2023: 42 milestones, 9 with a
    report: 3 done on time, ... 13 no report past due, ..." """
    states = Counter(status.state for status in statuses)
    reported = sum(status.report is not None for status in statuses)
    parts = [f"{states[state]} {state.label}" for state in State if states[state]]
    head = f"as at {day_label(as_at)}: {counted(len(statuses), 'milestone')}, {reported} with a report"
    return head + (": " + ", ".join(parts) if parts else "")


def state_changes(dataset: Dataset, item_filter: ItemFilter, since: date, as_at: date) -> list[dict]:
    """The milestones whose state differs between ``since`` and ``as_at``: rows with ``was`` and ``now``."""
    rows = []
    for now in milestone_statuses(dataset, item_filter, as_at):
        was = milestone_status(dataset, now.found, now.milestone, now.key, since)
        if was.state is not now.state:
            rows.append({**status_row(now, as_at), "was": was.state.value, "was_label": was.state.label, "since": since.isoformat()})
    return rows


def latest_report(dataset: Dataset, found: Found) -> list[Report | None]:
    """The latest report on each of an item's milestones, whatever its date."""
    return [(dataset.reports.get(f"{found.item.id}/{key}") or [None])[-1] for key in milestone_keys(found.item.milestones)]


def item_story(dataset: Dataset, found: Found, as_at: date) -> dict:
    """What ``ctwp show`` adds to an item's record: as at ``as_at``, each milestone's state and
    the reports made on it by then; the item's history across editions (each linked item, by
    year); and the reason it is not linked to an earlier item, where one is recorded."""
    from ctwp.analysis.queries import find_item, linked_items

    progress = []
    for status in item_statuses(dataset, found, as_at):
        made = [report for report in dataset.reports.get(status.reference, ()) if report.date.end <= as_at]
        progress.append(
            {
                "key": status.key,
                "due_label": status.milestone.due.label,
                "text": status.milestone.text,
                "condition": status.milestone.condition,
                "state": status.state.value,
                "state_label": status.state.label,
                "state_text": status.text,
                "reported": status.report is not None,
                "reports": [{**report_fields(report), "label": report_line(report)} for report in made],
                "later_reports": len(dataset.reports.get(status.reference, ())) - len(made),
            }
        )
    history = []
    for item_id in linked_items(dataset, found.item.id):
        linked = find_item(dataset, item_id)
        history.append(
            {
                "year": linked.programme.year,
                "draft": linked.programme.draft,
                "id": item_id,
                "title": linked.item.title,
                "continues": linked.item.continues,
            }
        )
    unlinked = found.item.not_continuing
    return {
        "as_at": as_at.isoformat(),
        "progress": progress,
        "history": history,
        "not_continuing": unlinked._asdict() if unlinked else None,
    }
