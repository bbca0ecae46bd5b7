"""What changed between two programmes: two years, or one year at two revisions.

Items are matched by what they are, never by where they stand:

* two revisions of one year: an item is the same item when it has the same id, so moving
  it within the file changes nothing;
* two years: an item of the later year carries on one of the earlier year only through
  its explicit ``continues:`` link (followed through any years between), never through a
  guess from its title.

How far a due period moved is measured between the ends of the two intervals: "Q4 2021"
to "Dec 2022" is a year later, since both end on 31 December.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from ctwp.analysis.queries import Found, due_fields, item_title, report_fields
from ctwp.core.errors import UsageError
from ctwp.data.periods import DuePeriod, span_words
from ctwp.data.records import Group, Milestone, Programme, Report, Withheld, milestone_keys

_PROGRAMME_FIELDS = ("title", "source")
_GROUP_FIELDS = ("kind", "title", "overview", "lead_text", "workstreams_text", "recs_text", "milestone_text")
_ITEM_FIELDS = ("title", "leads", "lead_text", "recs", "withheld")
_UNORDERED_FIELDS = ("leads", "recs", "withheld")  # lists whose order carries no meaning


class DiffKind(str, Enum):
    YEARS = "years"  # two years: items matched through continues links
    REVISIONS = "revisions"  # one year twice: items matched by id


@dataclass(frozen=True)
class DueMove:
    """A due period that changed: from one interval or undated state to another."""

    old: DuePeriod
    new: DuePeriod

    @property
    def days(self) -> int | None:
        """Days from the end of the old period to the end of the new; None unless both are dated."""
        if self.old.dated and self.new.dated:
            return (self.new.end - self.old.end).days
        return None

    @property
    def direction(self) -> str:
        """later, earlier, same-end (narrowed or widened), now-dated, now-undated or undated."""
        if self.old.dated and self.new.dated:
            if self.days == 0:
                return "same-end"
            return "later" if self.days > 0 else "earlier"
        if self.old.dated:
            return "now-undated"
        return "now-dated" if self.new.dated else "undated"

    @property
    def size(self) -> str | None:
        """How far the end moved, as people say it: "12 days", "9 months", "1 year 6 months"."""
        if not self.days:
            return None
        return span_words(self.days)

    def as_json(self) -> dict:
        return {"direction": self.direction, "days": self.days, "size": self.size}


@dataclass(frozen=True)
class FieldChange:
    """One field with different values: ``old`` and ``new`` as the data holds them."""

    field: str
    old: object
    new: object

    def as_json(self) -> dict:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class MilestoneChange:
    """A milestone added (``old`` is None), removed (``new`` is None) or changed."""

    old: Milestone | None
    new: Milestone | None

    @property
    def due_move(self) -> DueMove | None:
        if self.old and self.new and self.old.due != self.new.due:
            return DueMove(self.old.due, self.new.due)
        return None

    def as_json(self) -> dict:
        move = self.due_move
        return {
            "field": "milestone",
            "old": _milestone_json(self.old),
            "new": _milestone_json(self.new),
            "due_move": move.as_json() if move else None,
        }


@dataclass(frozen=True)
class ItemChange:
    """An item found in both programmes, with what changed between them."""

    old: Found
    new: Found
    fields: tuple[FieldChange, ...]
    milestones: tuple[MilestoneChange, ...]

    @property
    def changed(self) -> bool:
        return bool(self.fields or self.milestones)

    @property
    def slips(self) -> int:
        """Milestones now due later."""
        return sum(1 for change in self.milestones if change.due_move and change.due_move.direction == "later")

    def as_json(self) -> dict:
        changes = [change.as_json() for change in self.fields] + [change.as_json() for change in self.milestones]
        return {"old": _item_ref(self.old), "new": _item_ref(self.new), "changes": changes}


@dataclass(frozen=True)
class ProgressChange:
    """The progress reports on one milestone that differ between two revisions.

    Reports are added, never edited: a report of the old revision that the new one drops
    or alters is kept apart (``removed``, ``edited``), for a reviewer to question.
    """

    milestone: str  # ITEM-ID/MILESTONE-KEY
    found: Found | None  # the item, in the new revision (or the old, when it is gone)
    old_latest: Report | None
    new_latest: Report | None
    added: tuple[Report, ...]
    removed: tuple[Report, ...]
    edited: tuple[tuple[Report, Report], ...]

    def as_json(self) -> dict:
        return {
            "milestone": self.milestone,
            "old_latest": report_fields(self.old_latest),
            "new_latest": report_fields(self.new_latest),
            "added": [report_fields(report) for report in self.added],
            "removed": [report_fields(report) for report in self.removed],
            "edited": [{"old": report_fields(old), "new": report_fields(new)} for old, new in self.edited],
        }


def progress_changes(
    old: dict[str, list[Report]], new: dict[str, list[Report]], programmes: Iterable[Programme] = ()
) -> tuple[ProgressChange, ...]:
    """How the report series of each milestone differ, in the order of the milestones in
    ``programmes`` (the new revision first), then of any reference they do not hold."""
    places = {}
    for programme in programmes:
        for group, item in programme.items():
            for key in milestone_keys(item.milestones):
                places.setdefault(f"{item.id}/{key}", (len(places), Found(programme, group, item)))
    changes = []
    for reference in sorted(old.keys() | new.keys(), key=lambda ref: (places.get(ref, (len(places),))[0], ref)):
        before, after = old.get(reference, []), new.get(reference, [])
        if before == after:
            continue
        old_by_day, new_by_day = {report.date: report for report in before}, {report.date: report for report in after}
        changes.append(
            ProgressChange(
                reference,
                places.get(reference, (0, None))[1],
                before[-1] if before else None,
                after[-1] if after else None,
                tuple(report for report in after if report.date not in old_by_day),
                tuple(report for report in before if report.date not in new_by_day),
                tuple(
                    (report, new_by_day[report.date])
                    for report in before
                    if report.date in new_by_day and new_by_day[report.date] != report
                ),
            )
        )
    return tuple(changes)


@dataclass(frozen=True)
class GroupChange:
    old: Group
    new: Group
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class LeadCount:
    """How many items an agency leads in each programme (a joint lead counts for each agency)."""

    agency: str
    old: int
    new: int

    @property
    def change(self) -> int:
        return self.new - self.old


@dataclass(frozen=True)
class ProgrammeDiff:
    """Everything that differs between two programmes, in the order of their files."""

    kind: DiffKind
    old: Programme
    new: Programme
    added: tuple[Found, ...]  # new in the later year, or an id only the new revision has
    removed: tuple[Found, ...]  # not carried forward, or an id only the old revision has
    matched: tuple[ItemChange, ...]  # continued, or the same id in both revisions
    recs_old_only: tuple[int, ...]  # recommendations that only the old programme answers
    recs_new_only: tuple[int, ...]
    lead_counts: tuple[LeadCount, ...]  # the agencies whose count changed
    # Between revisions only: each year's groups are its own, so years are not compared by group.
    programme_fields: tuple[FieldChange, ...] = ()
    groups_added: tuple[Group, ...] = ()
    groups_removed: tuple[Group, ...] = ()
    groups_changed: tuple[GroupChange, ...] = ()
    progress: tuple[ProgressChange, ...] = ()  # between revisions whose progress files are known
    # Between years: an earlier item that a later one names in not_continuing, with that item's id and the reason.
    not_linked: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def changed(self) -> list[ItemChange]:
        return [change for change in self.matched if change.changed]

    @property
    def unchanged(self) -> list[ItemChange]:
        return [change for change in self.matched if not change.changed]

    @property
    def slips(self) -> int:
        return sum(change.slips for change in self.matched)

    @property
    def has_differences(self) -> bool:
        # Recommendations and lead counts follow from the items, so they need no check of their own.
        return bool(
            self.added
            or self.removed
            or self.changed
            or self.programme_fields
            or self.groups_added
            or self.groups_removed
            or self.groups_changed
            or self.progress
        )

    def _not_linked_json(self, found: Found) -> dict | None:
        if found.item.id not in self.not_linked:
            return None
        by, reason = self.not_linked[found.item.id]
        return {"by": by, "reason": reason}

    def as_json(self) -> dict:
        return {
            "kind": self.kind.value,
            "differences": self.has_differences,
            "programme": [change.as_json() for change in self.programme_fields],
            "groups": {
                "added": [_group_json(group) for group in self.groups_added],
                "removed": [_group_json(group) for group in self.groups_removed],
                "changed": [
                    {**_group_json(change.new), "changes": [field.as_json() for field in change.fields]} for change in self.groups_changed
                ],
            },
            "items": {
                "added": [_item_json(found) for found in self.added],
                "removed": [{**_item_json(found), "not_linked": self._not_linked_json(found)} for found in self.removed],
                "changed": [change.as_json() for change in self.changed],
                "unchanged": [change.as_json() for change in self.unchanged],
            },
            "recs": {"old_only": list(self.recs_old_only), "new_only": list(self.recs_new_only)},
            "progress": [change.as_json() for change in self.progress],
            "lead_counts": [
                {"agency": count.agency, "old": count.old, "new": count.new, "change": count.change} for count in self.lead_counts
            ],
        }


def diff_programmes(
    old: Programme,
    new: Programme,
    between: Iterable[Programme] = (),
    reports: tuple[dict[str, list[Report]], dict[str, list[Report]]] | None = None,
) -> ProgrammeDiff:
    """Compare ``old`` with ``new``: two revisions of one year, or an earlier year with a later.

    ``between`` are the programmes of the years between two years, through which a chain of
    ``continues`` links is followed (2023 continues 2022 continues 2021). ``reports``: the
    progress reports on the year at each revision, by milestone, compared when given.
    """
    old_items = [Found(old, group, item) for group, item in old.items()]
    new_items = [Found(new, group, item) for group, item in new.items()]
    common = {
        "old": old,
        "new": new,
        "recs_old_only": tuple(sorted(_recs(old) - _recs(new))),
        "recs_new_only": tuple(sorted(_recs(new) - _recs(old))),
        "lead_counts": _lead_counts(old, new),
    }
    by_id = {found.item.id: found for found in old_items}
    if old.year == new.year:
        new_ids = {found.item.id for found in new_items}
        old_groups = {group.id: group for group in old.groups}
        new_groups = {group.id: group for group in new.groups}
        return ProgrammeDiff(
            DiffKind.REVISIONS,
            added=tuple(found for found in new_items if found.item.id not in by_id),
            removed=tuple(found for found in old_items if found.item.id not in new_ids),
            matched=tuple(_item_change(by_id[found.item.id], found, DiffKind.REVISIONS) for found in new_items if found.item.id in by_id),
            programme_fields=_field_changes(old, new, _PROGRAMME_FIELDS),
            groups_added=tuple(group for group in new.groups if group.id not in old_groups),
            groups_removed=tuple(group for group in old.groups if group.id not in new_groups),
            groups_changed=_group_changes(old_groups, new.groups),
            progress=progress_changes(*reports, (new, old)) if reports else (),
            **common,
        )
    if old.year > new.year:
        raise UsageError(f"{old.year} is later than {new.year}", "give the earlier year first")
    links = {item.id: item.continues for programme in between for _, item in programme.items()}
    origins = {found.item.id: _origin(found.item.continues, by_id, links) for found in new_items}
    carried = {origin.item.id for origin in origins.values() if origin}
    return ProgrammeDiff(
        DiffKind.YEARS,
        added=tuple(found for found in new_items if origins[found.item.id] is None),
        removed=tuple(found for found in old_items if found.item.id not in carried),
        matched=tuple(_item_change(origins[found.item.id], found, DiffKind.YEARS) for found in new_items if origins[found.item.id]),
        not_linked={
            found.item.not_continuing.item: (found.item.id, found.item.not_continuing.reason)
            for found in new_items
            if found.item.not_continuing and found.item.not_continuing.item in by_id
        },
        **common,
    )


def _group_changes(old_groups: dict[str, Group], new_groups: list[Group]) -> tuple[GroupChange, ...]:
    changes = []
    for group in new_groups:
        if group.id in old_groups:
            fields = _field_changes(old_groups[group.id], group, _GROUP_FIELDS)
            if fields:
                changes.append(GroupChange(old_groups[group.id], group, fields))
    return tuple(changes)


def _origin(item_id: str | None, earlier: dict[str, Found], links: dict[str, str | None]) -> Found | None:
    """The earlier item a chain of links starting at ``item_id`` reaches, if any."""
    followed = set()  # so that links gone round in a circle end the chain
    while item_id is not None and item_id not in earlier and item_id not in followed:
        followed.add(item_id)
        item_id = links.get(item_id)
    return earlier.get(item_id) if item_id else None


def _item_change(old: Found, new: Found, kind: DiffKind) -> ItemChange:
    fields = list(_field_changes(old.item, new.item, _ITEM_FIELDS))
    if kind is DiffKind.REVISIONS:
        # Between years the link is how items are matched, and groups are each year's own.
        fields += _field_changes(old.item, new.item, ("continues",))
        if old.group.id != new.group.id:
            fields.insert(0, FieldChange("group", old.group.id, new.group.id))
    return ItemChange(old, new, tuple(fields), _milestone_changes(old.item.milestones, new.item.milestones, kind is DiffKind.REVISIONS))


def compare_items(old: Found, new: Found) -> ItemChange:
    """An item of a later year against the earlier item it continues, field by field."""
    return _item_change(old, new, DiffKind.YEARS)


def _field_changes(old: object, new: object, names: tuple[str, ...]) -> tuple[FieldChange, ...]:
    changes = []
    for name in names:
        before, after = _plain(getattr(old, name)), _plain(getattr(new, name))
        same = sorted(before) == sorted(after) if name in _UNORDERED_FIELDS and before and after else before == after
        if not same:
            changes.append(FieldChange(name, before, after))
    return tuple(changes)


def _plain(value: object) -> object:
    """A field's value as data: lists as lists, withheld content as its grounds."""
    if isinstance(value, Withheld):
        return list(value.grounds)
    return list(value) if isinstance(value, list) else value


def _milestone_changes(old: list[Milestone], new: list[Milestone], by_key: bool) -> tuple[MilestoneChange, ...]:
    """An unchanged milestone is found wherever it stands; then one with the same explicit
    key (``by_key``: in two revisions of one item), or else the same words, is taken as
    changed; the rest are paired in the order listed."""
    old_left, new_left = list(old), []
    for milestone in new:
        unchanged = next((earlier for earlier in old_left if earlier == milestone), None)
        if unchanged is not None:
            old_left.remove(unchanged)
        else:
            new_left.append(milestone)
    changes: list[MilestoneChange] = []
    unpaired = []
    for milestone in new_left:
        same_key = next((earlier for earlier in old_left if by_key and milestone.key and earlier.key == milestone.key), None)
        same_words = same_key or next(
            (earlier for earlier in old_left if earlier.text is not None and earlier.text == milestone.text), None
        )
        if same_words:
            old_left.remove(same_words)
            changes.append(MilestoneChange(same_words, milestone))
        else:
            unpaired.append(milestone)
    changes += [MilestoneChange(old_left.pop(0) if old_left else None, milestone) for milestone in unpaired]
    changes += [MilestoneChange(milestone, None) for milestone in old_left]
    order = {id(milestone): index for index, milestone in enumerate(new)}
    return tuple(sorted(changes, key=lambda change: order[id(change.new)] if change.new else len(new)))


def _recs(programme: Programme) -> set[int]:
    return {rec for _, item in programme.items() for rec in item.recs}


def _lead_counts(old: Programme, new: Programme) -> tuple[LeadCount, ...]:
    def count(programme: Programme) -> Counter:
        return Counter(lead for _, item in programme.items() for lead in item.leads)

    before, after = count(old), count(new)
    counts = [
        LeadCount(agency, before[agency], after[agency]) for agency in before.keys() | after.keys() if before[agency] != after[agency]
    ]
    return tuple(sorted(counts, key=lambda count: (-(count.old + count.new), count.agency)))


def _item_ref(found: Found) -> dict:
    return {"id": found.item.id, "title": item_title(found.item)}


def _item_json(found: Found) -> dict:
    item = found.item
    return {
        "id": item.id,
        "group_id": found.group.id,
        "group": found.group.title,
        "title": item_title(found.item),
        "leads": list(item.leads),
        "lead_text": item.lead_text,
        "recs": list(item.recs),
        "continues": item.continues,
        "not_continuing": item.not_continuing._asdict() if item.not_continuing else None,
        "withheld": list(item.withheld.grounds) if item.withheld else None,
        "milestones": [_milestone_json(milestone) for milestone in item.milestones],
    }


def _milestone_json(milestone: Milestone | None) -> dict | None:
    if milestone is None:
        return None
    return {**due_fields(milestone.due), "text": milestone.text, "condition": milestone.condition}


def _group_json(group: Group) -> dict:
    return {"id": group.id, "kind": group.kind, "title": group.title}
