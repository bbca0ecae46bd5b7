"""Progress as at a date: each milestone's latest report, and the state that follows from it.

A milestone's state as at a day D, decided in this order:

1. its latest report on or before D says done, stopped or replaced: that state;
2. its item is continued (``continues:``) by an item of a later edition that has begun by D
   (an edition begins on 1 January of its year): **carried forward**; the work moved to
   the later item, so it is not overdue here;
3. it has no due period (ongoing, TBD, conditional): **undated**;
4. its due period ended before D: **overdue**, whatever the latest report says, and
   whether or not there is one (silence is not delivery);
5. its due period has begun by D, or begins within ``DUE_SOON_DAYS`` days of D: **due
   soon** (a fuzzy period can fall due on any of its days);
6. otherwise **not yet due**.

A due period ends at the end of its last day: as at 30 June, a milestone due in Q2 is due
soon; as at 1 July it is overdue.
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
from ctwp.analysis.words import report_line
from ctwp.core.errors import counted
from ctwp.data.loading import Dataset
from ctwp.data.periods import day_label
from ctwp.data.records import Milestone, Report, milestone_keys

DUE_SOON_DAYS = 30
FINAL_STATUSES = ("done", "stopped", "replaced")  # a report with one of these settles the milestone


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

    @property
    def reference(self) -> str:
        return f"{self.found.item.id}/{self.key}"


def milestone_status(
    dataset: Dataset, found: Found, milestone: Milestone, key: str, as_at: date, carried_to: tuple[Found, ...] | None = None
) -> MilestoneStatus:
    """Where ``milestone`` (keyed ``key``) of ``found`` stood as at ``as_at`` (see the module's
    docstring); ``carried_to``, when the caller has it, is ``carried_forward_to``'s answer."""
    report = None
    for candidate in reversed(dataset.reports.get(f"{found.item.id}/{key}", ())):
        if candidate.date <= as_at:
            report = candidate
            break
    if carried_to is None:
        carried_to = carried_forward_to(dataset, found, as_at)
    due = milestone.due
    if report is not None and report.status in FINAL_STATUSES:
        state = State(report.status)
    elif carried_to:
        state = State.CARRIED_FORWARD
    elif not due.dated:
        state = State.UNDATED
    elif due.end < as_at:
        state = State.OVERDUE
    elif (due.start - as_at).days <= DUE_SOON_DAYS:  # as_at + 30 days would overflow at the end of 9999
        state = State.DUE_SOON
    else:
        state = State.NOT_YET_DUE
    return MilestoneStatus(found, milestone, key, state, report, carried_to)


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
    "reported",
    *(f"report_{name}" for name in REPORT_FIELDS),
    "report_label",
    "carried_to",
)
CHANGE_FIELDS = (*STATUS_FIELDS, "was", "was_label", "since")


def status_row(status: MilestoneStatus, as_at: date) -> dict:
    """A milestone's row: the fields of ``ctwp due``'s rows, with its state and latest report
    as at ``as_at``, which the row names, so that a saved file says what day it speaks for."""
    return {
        **milestone_row(status.found, status.milestone),
        "milestone_key": status.key,
        "as_at": as_at.isoformat(),
        "state": status.state.value,
        "state_label": status.state.label,
        "reported": status.report is not None,
        "report": report_fields(status.report),
        "report_label": report_line(status.report),
        "carried_to": [later.item.id for later in status.carried_to],
    }


NO_AGENCY = "no agency"  # the lead of an item led by no agency of the registry (TBD, withheld)


def summary_rows(statuses: list[MilestoneStatus], by: str) -> list[dict]:
    """How many milestones are in each state, by year, group or lead agency (a joint lead
    counts for each of its agencies), with how many have no report."""
    rows = []
    for head, counter in _summary_counts(statuses, by):
        states = {state.value: counter[state] for state in State}
        rows.append({**head, **states, "unreported": sum(counter[(state, None)] for state in State), "total": sum(states.values())})
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
                        "unreported": counter[(state, None)],
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
    """One line: "as at 1 Aug 2022: 4 overdue (4 unreported), 2 due soon, ..." """
    states = Counter(status.state for status in statuses)
    unreported = Counter(status.state for status in statuses if status.report is None)
    parts = []
    for state in State:
        if states[state]:
            silent = f" ({unreported[state]} unreported)" if state is State.OVERDUE and unreported[state] else ""
            parts.append(f"{states[state]} {state.label}{silent}")
    return f"as at {day_label(as_at)}: {counted(len(statuses), 'milestone')}" + (": " + ", ".join(parts) if parts else "")


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
