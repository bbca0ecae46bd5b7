"""The validated data, as plain objects for queries, diffs and documents.

``ctwp.data.model`` and ``ctwp.data.registry`` check the files (with pydantic); what passes is built
into these light classes, with the same field names. Queries need nothing more, so they
start without loading the validator, and a cache of validated data can rebuild them
directly (see ``ctwp.data.cache``).
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING

from ctwp.data.periods import parse_canonical

if TYPE_CHECKING:
    from ctwp.core.suggest import Suggestions
    from ctwp.data.yamlsource import SourceMap, YamlDocument

# The grounds for withholding that the programme cites, in the words of the Official
# Information Act 1982.
OIA_GROUNDS = {
    "s6(a)": "release would be likely to prejudice the security or defence of New Zealand or its international relations",
    "s9(2)(f)(iv)": "to maintain the confidentiality of advice tendered by Ministers and officials",
}


# Named tuples, not dataclasses: every query pays for building these classes at start-up,
# and named tuples cost a fraction of that.
Milestone = namedtuple("Milestone", "due text condition key", defaults=(None, None, None))
Withheld = namedtuple("Withheld", "grounds")
Item = namedtuple("Item", "id title leads lead_text recs milestones continues withheld not_continuing", defaults=(None,))
# Why an item is not linked to an earlier one: ``item`` the earlier one it resembles (or None).
NotContinuing = namedtuple("NotContinuing", "item reason")
Group = namedtuple("Group", "id kind title overview lead_text workstreams_text recs_text milestone_text items")


def milestone_keys(milestones: list) -> list[str]:
    """Each milestone's key: its own, or else milestone-N, N its position in the item."""
    return [milestone.key or f"milestone-{position}" for position, milestone in enumerate(milestones, start=1)]


class Programme(namedtuple("Programme", "year title source groups draft", defaults=(False,))):
    __slots__ = ()

    def items(self) -> Iterator[tuple[Group, Item]]:
        """Every trackable item of the year, with its group."""
        for group in self.groups:
            for item in group.items:
                yield group, item


def programme_from_data(data: dict) -> Programme:
    """The programme that validated ``data`` (a programme file as read) describes."""
    return Programme(data["year"], data["title"], data["source"], [_group(group) for group in data["groups"]], data.get("draft", False))


def _group(data: dict) -> Group:
    get = data.get
    return Group(
        data["id"],
        data["kind"],
        data["title"],
        get("overview"),
        get("lead_text"),
        get("workstreams_text"),
        get("recs_text"),
        get("milestone_text"),
        [_item(item) for item in get("items", ())],
    )


def _item(data: dict) -> Item:
    get = data.get
    withheld = get("withheld")
    return Item(
        data["id"],
        get("title"),
        list(get("leads", ())),
        get("lead_text"),
        list(get("recs", ())),
        [Milestone(parse_canonical(m["due"]), m.get("text"), m.get("condition"), m.get("key")) for m in data["milestones"]],
        get("continues"),
        Withheld(list(withheld["grounds"])) if withheld else None,
        NotContinuing(not_continuing.get("item"), not_continuing["reason"]) if (not_continuing := get("not_continuing")) else None,
    )


# A progress report: ``milestone`` is "ITEM-ID/MILESTONE-KEY" (None for a recommendation's
# status); ``date`` the period it speaks for, a day or a month (a DuePeriod); ``expected`` a
# new expected period or None; ``done_by``: met by ``date``, the source not saying when.
Report = namedtuple("Report", "milestone date status note source expected done_by", defaults=(None, False))


def report_from_data(data: dict, milestone: str | None = None) -> Report:
    expected = data.get("expected")
    return Report(
        milestone or data.get("milestone"),
        parse_canonical(data["date"]),
        data["status"],
        data.get("note"),
        data["source"],
        parse_canonical(expected) if expected else None,
        data.get("done_by", False),
    )


def reports_from_data(files: list[dict]) -> dict[str, list[Report]]:
    """The reports of validated progress files, by milestone reference, oldest first."""
    reports: dict[str, list[Report]] = {}
    for data in files:
        for entry in data.get("reports", ()):
            report = report_from_data(entry)
            reports.setdefault(report.milestone, []).append(report)
    for series in reports.values():
        series.sort(key=_by_date)
    return reports


Agency = namedtuple("Agency", "code name aliases kind note")
Recommendation = namedtuple("Recommendation", "number group subject progress", defaults=((),))
RecommendationGroup = namedtuple("RecommendationGroup", "key title")
# A statement about the recommendations as a whole (``date`` a DuePeriod, a day or month).
Statement = namedtuple("Statement", "date text source")


class Registry:
    """The agencies and the Royal Commission's recommendations, looked up by code and number."""

    def __init__(
        self,
        agencies: dict[str, Agency],
        recommendations: dict[int, Recommendation],
        recommendation_groups: dict[str, RecommendationGroup],
        agency_names: dict[str, str],
        statements: list[Statement] | None = None,
    ) -> None:
        self.agencies = agencies
        self.recommendations = recommendations
        self.recommendation_groups = recommendation_groups
        self.agency_names = agency_names  # every code, name and alias, case-folded, to its code
        self.statements = statements or []

    @classmethod
    def from_data(cls, agency_data: dict, recommendation_data: dict) -> Registry:
        """The registry that validated ``agencies.yaml`` and ``rcoi.yaml`` (as read) describe."""
        agencies = [Agency(a["code"], a["name"], list(a.get("aliases", ())), a["kind"], a.get("note")) for a in agency_data["agencies"]]
        return cls(
            agencies={agency.code: agency for agency in agencies},
            recommendations={
                r["number"]: Recommendation(
                    r["number"],
                    r.get("group"),
                    r.get("subject"),
                    sorted((report_from_data(p) for p in r.get("progress", ())), key=_by_date),
                )
                for r in recommendation_data["recommendations"]
            },
            recommendation_groups={g["key"]: RecommendationGroup(g["key"], g["title"]) for g in recommendation_data["groups"]},
            agency_names={name.casefold(): agency.code for agency in agencies for name in (agency.code, agency.name, *agency.aliases)},
            statements=[Statement(parse_canonical(s["date"]), s["text"], s["source"]) for s in recommendation_data.get("statements", ())],
        )

    @cached_property
    def agency_suggestions(self) -> Suggestions:
        """Did-you-mean hints among the agency codes, built once for every unknown lead."""
        from ctwp.core.suggest import Suggestions

        return Suggestions(self.agencies)

    def resolve_agency(self, name: str) -> str | None:
        """The code of the agency that ``name`` (a code, full name or alias, any case) names."""
        return self.agency_names.get(" ".join(name.split()).casefold())


def _by_date(report: Report):
    # A month's report counts from the month's end, after the reports of its days.
    return (report.date.end, report.date.start)


class Located:
    """A programme with the file it came from, and where its values stand in that file."""

    def __init__(self, path: str, programme: Programme, document: YamlDocument | None = None) -> None:
        self.path = path
        self.programme = programme
        self.document = document  # None when rebuilt from the cache

    @property
    def source(self) -> SourceMap:
        return self.document.source
