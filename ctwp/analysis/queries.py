"""Queries over the data set: items, milestones, agencies and recommendation coverage.

Each query returns rows: plain dicts with the same field names wherever they mean the same
thing (see the README's "JSON fields"), ready for ``ctwp.publish.formats``.

Filters combine as AND across different filters and OR within one repeated filter.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import NamedTuple

from ctwp.analysis.words import draft_years_note, year_label
from ctwp.core.errors import UsageError, shown
from ctwp.core.suggest import did_you_mean
from ctwp.data.loading import Dataset
from ctwp.data.periods import QUERY_FORMS, DuePeriod, Kind, PeriodError, day_label, parse_period
from ctwp.data.records import OIA_GROUNDS, Group, Item, Milestone, Programme, Report


def query_period(option: str, text: str, today: date | None = None) -> DuePeriod:
    """The dated period an option names: any form ``parse_period`` takes, or ``today``."""
    if not text.strip():
        raise UsageError(f"{option}: the period is empty", f"give today or a period: {QUERY_FORMS}")
    if text.strip().lower() == "today":
        day = today or date.today()
        return DuePeriod(Kind.DAY, day, day)
    try:
        period = parse_period(text)
    except PeriodError as error:
        raise UsageError(f"{option}: {str(error).split('; use one of')[0]}", f"give today or a period: {QUERY_FORMS}") from None
    if not period.dated:
        raise UsageError(f"{option}: {shown(text)} has no dates", "give today, a year, quarter, month or day")
    return period


class DueWindow(NamedTuple):
    """A date filter on due periods.

    before P: the due period ends before P starts.   by P: it ends no later than P ends.
    after P: it starts after P ends.                 during P: it overlaps P.
    """

    relation: str
    period: DuePeriod

    @classmethod
    def read(cls, relation: str, text: str, today: date | None = None) -> DueWindow:
        """Read ``--RELATION TEXT``: a period in any form ``parse_period`` takes, or ``today``."""
        return cls(relation, query_period(f"--{relation}", text, today))

    def matches(self, due: DuePeriod) -> bool:
        if not due.dated:
            return False
        if self.relation == "before":
            return due.end < self.period.start
        if self.relation == "by":
            return due.end <= self.period.end
        if self.relation == "after":
            return due.start > self.period.end
        return due.start <= self.period.end and due.end >= self.period.start

    def describe(self) -> str:
        if self.relation == "before":
            return f"due before {day_label(self.period.start)}"
        if self.relation == "by":
            return f"due by {day_label(self.period.end)}"
        if self.relation == "after":
            return f"due after {day_label(self.period.end)}"
        return f"due during {self.period.label} ({day_label(self.period.start)} to {day_label(self.period.end)})"


class Found(NamedTuple):
    """An item with the year and group it belongs to."""

    programme: Programme
    group: Group
    item: Item
    earlier: dict | None = None  # the item it continues, {year, id, title}, looked up in the data set


class ItemFilter(NamedTuple):
    years: frozenset[int] = frozenset()
    leads: frozenset[str] = frozenset()
    recs: frozenset[int] = frozenset()
    groups: tuple[str, ...] = ()
    search: tuple[str, ...] = ()

    @classmethod
    def read(
        cls,
        dataset: Dataset,
        years: Iterable[int] | None = (),
        leads: Iterable[str] | None = (),
        recs: Iterable[int] | None = (),
        groups: Iterable[str] | None = (),
        search: Iterable[str] | None = (),
    ) -> ItemFilter:
        """Check the option values (None for an option not given) against the data set;
        resolve agency names to codes."""
        years, leads, recs, groups, search = (values or () for values in (years, leads, recs, groups, search))
        known_years = dataset.years()
        for year in years:
            if year not in known_years:
                raise UsageError(f"--year: no programme for {year}", "years: " + ", ".join(map(str, known_years)))
        registry = dataset.registry
        codes = []
        for lead in leads:
            code = registry.resolve_agency(lead)
            if code is None:
                names = [name for agency in registry.agencies.values() for name in (agency.code, agency.name, *agency.aliases)]
                close = did_you_mean(lead, names)
                hint = (close + " " if close and close.startswith("did") else "") + "known codes: " + ", ".join(registry.agencies)
                raise UsageError(f"--lead: unknown agency {shown(lead)}", hint)
            codes.append(code)
        for option, texts in (("--group", groups), ("--search", search)):
            if any(not text.strip() for text in texts):
                raise UsageError(f"{option}: the text is empty", "an empty text would match everything; leave the option out instead")
        for rec in recs:
            if rec not in registry.recommendations:
                raise UsageError(
                    f"--rec: there is no RCOI recommendation {rec}", f"recommendations are numbered 1 to {len(registry.recommendations)}"
                )
        return cls(
            frozenset(years), frozenset(codes), frozenset(recs), tuple(g.casefold() for g in groups), tuple(s.casefold() for s in search)
        )

    def matches(self, found: Found) -> bool:
        item, group = found.item, found.group
        if self.years and found.programme.year not in self.years:
            return False
        if self.leads and not self.leads.intersection(item.leads):
            return False
        if self.recs and not self.recs.intersection(item.recs):
            return False
        if self.groups and not any(text == group.id or text in group.title.casefold() for text in self.groups):
            return False
        if self.search:
            haystack = _searchable_text(found).casefold()
            if not any(text in haystack for text in self.search):
                return False
        return True


def _searchable_text(found: Found) -> str:
    item, group = found.item, found.group
    parts = [item.title, item.lead_text, group.title, group.overview]
    parts += [text for milestone in item.milestones for text in (milestone.text, milestone.condition)]
    return "\n".join(part for part in parts if part)


def draft_years(dataset: Dataset, years: Iterable[int | str] | None = None) -> list[int]:
    """The years of the draft editions (draft: true), of all or of ``years``."""
    chosen = None if years is None else {int(year) for year in years}
    return [
        located.programme.year
        for located in dataset.programmes
        if located.programme.draft and (chosen is None or located.programme.year in chosen)
    ]


def draft_note(dataset: Dataset, years: Iterable[int]) -> list[str]:
    """A line naming the draft editions among ``years``: for the notes under status's table."""
    return draft_years_note(draft_years(dataset, years), "its items carry no earlier item forward")


def all_items(dataset: Dataset) -> Iterator[Found]:
    for located in dataset.programmes:
        for group, item in located.programme.items():
            yield Found(located.programme, group, item, _earlier(dataset, item))


def _earlier(dataset: Dataset, item: Item) -> dict | None:
    if item.continues is None:
        return None
    return _link(Found(*dataset.item_places[item.continues]))


def item_rows(dataset: Dataset, item_filter: ItemFilter) -> list[dict]:
    """One row per matching item, by year and then in the order of its file."""
    return [milestone_row(found, found.item.milestones[0]) for found in all_items(dataset) if item_filter.matches(found)]


class DueRows:
    """The rows of ``due_rows``, and how many undated milestones its windows left out."""

    def __init__(self, rows: list[dict], undated_left_out: int = 0, windows: list[DueWindow] | None = None) -> None:
        self.rows = rows
        self.undated_left_out = undated_left_out
        self.windows = windows or []


def due_rows(dataset: Dataset, item_filter: ItemFilter, windows: list[DueWindow], include_undated: bool = False) -> DueRows:
    """One row per milestone of the matching items, in date order (undated last).

    With date windows, undated milestones cannot be placed: they are left out and counted,
    unless ``include_undated``.
    """
    result = DueRows([], 0, windows)
    dated: list[tuple[tuple, Found, Milestone]] = []
    undated: list[tuple[Found, Milestone]] = []
    for found in all_items(dataset):
        if not item_filter.matches(found):
            continue
        for milestone in found.item.milestones:
            due = milestone.due
            if not due.dated:
                if windows and not include_undated:
                    result.undated_left_out += 1
                else:
                    undated.append((found, milestone))
            elif all(window.matches(due) for window in windows):
                dated.append(((due.start, due.end, found.programme.year, found.item.id), found, milestone))
    dated.sort(key=lambda entry: entry[0])
    # The rows are made in the order they are shown, so that they lie in memory in that
    # order: a table reads them once per column, and out of order each read is a cache miss.
    result.rows = [milestone_row(found, milestone) for _, found, milestone in dated]
    result.rows += [milestone_row(found, milestone) for found, milestone in undated]
    return result


# The fields of a row of item_rows and due_rows, in order: the JSON keys and CSV columns.
ITEM_FIELDS = (
    "year",
    "draft",
    "id",
    "group_id",
    "group",
    "title",
    "leads",
    "lead_text",
    "recs",
    "continues_year",  # continues: an object, {year, id, title}, as in show; null when it continues nothing
    "continues_id",
    "continues_title",
    "due",
    "due_label",
    "due_start",
    "due_end",
    "milestone",
)


def milestone_row(found: Found, milestone: Milestone) -> dict:
    item, due = found.item, milestone.due
    return {
        "year": found.programme.year,
        "draft": found.programme.draft,
        "id": item.id,
        "group_id": found.group.id,
        "group": found.group.title,
        "title": item_title(item),
        "leads": list(item.leads),
        "lead_text": item.lead_text,
        "recs": list(item.recs),
        "continues": found.earlier,
        **due_fields(due),
        "milestone": milestone.text or milestone.condition or "",
    }


def due_fields(due: DuePeriod) -> dict:
    """A due period in rows: canonical form, label, and the interval (null when undated)."""
    return {"due": due.canonical, "due_label": due.label, "due_start": _iso(due.start), "due_end": _iso(due.end)}


REPORT_FIELDS = ("date", "status", "note", "source", "expected", "done_by")


def report_fields(report: Report | None) -> dict | None:
    """A progress report in rows (``REPORT_FIELDS``): its day or month as written, status, note,
    source, any new expected period, and whether it says only that the milestone was done by then."""
    if report is None:
        return None
    return {
        "date": report.date.canonical,
        "status": report.status,
        "note": report.note,
        "source": report.source,
        "expected": report.expected.canonical if report.expected else None,
        "done_by": report.done_by,
    }


def item_title(item: Item) -> str:
    """The item's title, or what was withheld in its place."""
    return item.title if item.title is not None else "[withheld: " + ", ".join(item.withheld.grounds) + "]"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def agency_rows(dataset: Dataset, item_filter: ItemFilter | None = None) -> list[dict]:
    """Each agency with how many items it leads in each year (joint leads count for each),
    and in all of them but the draft editions (``total``); with a filter, its years and
    agencies only."""
    item_filter = item_filter or ItemFilter()
    years = [year for year in dataset.years() if not item_filter.years or year in item_filter.years]
    drafts = {str(year) for year in draft_years(dataset, years)}
    codes = [code for code in dataset.registry.agencies if not item_filter.leads or code in item_filter.leads]
    counts = {code: {str(year): 0 for year in years} for code in codes}
    for found in all_items(dataset):
        if found.programme.year in years:
            for lead in found.item.leads:
                if lead in counts:
                    counts[lead][str(found.programme.year)] += 1
    rows = [
        {
            "code": agency.code,
            "name": agency.name,
            "kind": agency.kind,
            "items_led": counts[agency.code],
            "total": sum(count for year, count in counts[agency.code].items() if year not in drafts),
        }
        for agency in dataset.registry.agencies.values()
        if agency.code in counts
    ]
    return sorted(rows, key=lambda row: (-row["total"], row["code"]))


def recommendation_rows(dataset: Dataset, years: Iterable[int] = (), recs: Iterable[int] = (), uncovered: bool = False) -> list[dict]:
    """RCOI traceability: for each recommendation, the items that answer it in each year:
    their ids (``items``) and, in the same order, their titles (``titles``)."""
    chosen = sorted(years) or dataset.years()
    answering = {number: {str(year): [] for year in chosen} for number in dataset.registry.recommendations}
    for found in all_items(dataset):
        if found.programme.year in chosen:
            for rec in found.item.recs:
                answering[rec][str(found.programme.year)].append(found.item)
    groups = dataset.registry.recommendation_groups
    rows = []
    for number, entry in dataset.registry.recommendations.items():
        if recs and number not in recs:
            continue
        items = answering[number]
        if uncovered and any(items.values()):
            continue
        rows.append(
            {
                "rec": number,
                "group": groups[entry.group].title if entry.group else None,
                "subject": entry.subject,  # null where not confirmed
                "subject_confirmed": entry.subject is not None,
                "items": {year: [item.id for item in answers] for year, answers in items.items()},
                "titles": {year: [item_title(item) for item in answers] for year, answers in items.items()},
                # The latest sourced statement of its implementation; null where no public source states one.
                "status": report_fields(entry.progress[-1] if entry.progress else None),
            }
        )
    return rows


class Coverage(NamedTuple):
    """How many of the recommendations considered items answer, in each year and in any."""

    total: int
    by_year: dict[str, int]
    in_any_year: int  # of the published editions among the years, when there is one
    drafts: frozenset[str] = frozenset()  # the years among by_year whose edition is a draft

    def describe(self) -> str:
        """ "8 of 44 recommendations named by an item in 2022", with a count for each year. Named,
        not implemented: an item's recs say which recommendations it answers, not what became of them.
        A draft edition is named as one, and left out of the count over the years."""
        noun = "recommendation" if self.total == 1 else "recommendations"
        if len(self.by_year) == 1:
            ((year, count),) = self.by_year.items()
            return f"{count} of {self.total} {noun} named by an item in {self._edition(year)}"
        parts = [f"{count} of {self.total} in {self._edition(year)}" for year, count in self.by_year.items()]
        which = "published edition" if self.drafts and len(self.drafts) < len(self.by_year) else "of these years"
        return f"{noun.capitalize()} named by an item: {', '.join(parts)}; {self.in_any_year} of {self.total} in at least one {which}"

    def _edition(self, year: str) -> str:
        return f"the {year_label(year, draft=True)}" if year in self.drafts else year


def recommendation_coverage(dataset: Dataset, years: Iterable[int] = (), recs: Iterable[int] = ()) -> Coverage:
    """How many of the recommendations (all, or ``recs``) the items of ``years`` (all, by default) answer."""
    rows = recommendation_rows(dataset, years, recs)
    chosen = [str(year) for year in sorted(years) or dataset.years()]
    drafts = frozenset(map(str, draft_years(dataset, chosen)))
    counted_years = [year for year in chosen if year not in drafts] or chosen
    return Coverage(
        total=len(rows),
        by_year={year: sum(1 for row in rows if row["items"][year]) for year in chosen},
        in_any_year=sum(1 for row in rows if any(row["items"][year] for year in counted_years)),
        drafts=drafts,
    )


def item_record(dataset: Dataset, found: Found) -> dict:
    """Everything about one item, with names and subjects looked up, and its links both ways."""
    item, group, registry = found.item, found.group, dataset.registry
    earlier = find_item(dataset, item.continues) if item.continues else None
    return {
        "year": found.programme.year,
        "id": item.id,
        "title": item.title,
        "group": {"id": group.id, "kind": group.kind, "title": group.title, "overview": group.overview, "lead_text": group.lead_text},
        "leads": [{"code": code, "name": registry.agencies[code].name} for code in item.leads],
        "lead_text": item.lead_text,
        "recs": [{"rec": rec, "subject": registry.recommendations[rec].subject} for rec in item.recs],
        "milestones": [{**due_fields(m.due), "text": m.text, "condition": m.condition} for m in item.milestones],
        "withheld": {"grounds": [{"section": ground, "meaning": OIA_GROUNDS.get(ground)} for ground in item.withheld.grounds]}
        if item.withheld
        else None,
        "continues": _link(earlier) if earlier else None,  # as list gives it; ctwp new drafts from a published edition only
        # A later edition may be a draft: each says whether it is.
        "continued_by": [{**_link(later), "draft": later.programme.draft} for later in continued_by(dataset, item.id)],
        "draft": found.programme.draft,
    }


def _link(found: Found) -> dict:
    return {"year": found.programme.year, "id": found.item.id, "title": found.item.title}


def find_item(dataset: Dataset, item_id: str) -> Found:
    place = dataset.item_places.get(item_id)
    if place is None:
        raise UsageError(f"no item has the id {shown(item_id)}", did_you_mean(item_id, dataset.item_places) or "'ctwp list' shows every id")
    return Found(*place, _earlier(dataset, place[2]))


def linked_items(dataset: Dataset, item_id: str) -> list[str]:
    """The items linked to ``item_id`` through ``continues`` in either direction, with it, by year."""
    places, seen, todo = dataset.item_places, {item_id}, [item_id]
    while todo:
        current = todo.pop()
        item = places[current][2]
        for other in [item.continues, *dataset.continuations.get(current, ())]:
            if other and other in places and other not in seen:
                seen.add(other)
                todo.append(other)
    return sorted(seen, key=lambda i: (places[i][0].year, i))


def continued_by(dataset: Dataset, item_id: str) -> list[Found]:
    places = [dataset.item_places[later] for later in dataset.continuations.get(item_id, ())]
    return [Found(*place, _earlier(dataset, place[2])) for place in places]
