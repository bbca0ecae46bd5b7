"""What each page of the site shows: one function per kind of page, each giving the context
of that kind's template (``ctwp/publish/templates/site/KIND.html``). No HTML is written here:
the templates write it, escaping every value; the few pieces shown on many pages (an item's
fields, a milestone's state) are made once by the templates' macros.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from ctwp import __version__
from ctwp.analysis.progress import item_statuses
from ctwp.analysis.queries import Found, agency_rows, all_items, item_record, item_title, linked_items, recommendation_rows
from ctwp.analysis.vocabulary import State
from ctwp.analysis.words import WITHHELD, Fields, item_fields, milestone_line, report_said, subject_cells
from ctwp.core.errors import counted
from ctwp.data.loading import Dataset
from ctwp.data.periods import day_label
from ctwp.publish.changes import MARKER_WORDS
from ctwp.publish.citation import CC0_URL, DATA_TERMS, MIT_URL, NOTICE_PATH, cite
from ctwp.publish.feed import FEED_PATH, feed_link
from ctwp.publish.search import filter_attribute
from ctwp.publish.site.paths import NAV, SEARCH_PAGE, SITE_NAME, agency_path, changes_path, edition_path, item_path, rec_path, root
from ctwp.publish.templating import field_lines, macro

if TYPE_CHECKING:
    from markupsafe import Markup

    from ctwp.analysis.progress import MilestoneStatus
    from ctwp.data.records import Programme
    from ctwp.data.registry import Agency
    from ctwp.publish.changes import DiffReport
    from ctwp.publish.site.downloads import Download


class Page(NamedTuple):
    path: str  # relative to the site's root
    template: str  # in templates/site/
    context: dict
    # An edition's, an agency's or a recommendation's page: search reads a copy of it rendered
    # with ``search_copy``, without its lists of items (see ctwp.publish.site).
    lists_items: bool = False


class SiteData:
    """What the pages share, worked out once for the whole site."""

    def __init__(self, dataset: Dataset, note: str, as_at: date, base_url: str | None = None, search: bool = True) -> None:
        self.dataset = dataset
        self.note = note
        self.as_at = as_at
        self.as_at_label = day_label(as_at)
        self.base_url = base_url
        self.search = search
        # The site's citation, made once (it asks git for the data's revision); each page's
        # differs only in its title and address.
        self.citation = cite(dataset, "index.html", SITE_NAME, as_at, base_url)
        self.programmes = [located.programme for located in dataset.programmes]
        self.years = dataset.years()
        self.found = list(all_items(dataset))
        self.records = {found.item.id: item_record(dataset, found) for found in self.found}
        self.titles = {item_id: item_title(place[2]) for item_id, place in dataset.item_places.items()}
        # Each item's milestones in words, which several pages give.
        self.lines = {item_id: [milestone_line(m) for m in record["milestones"]] for item_id, record in self.records.items()}
        # Each item's milestones as at the as-at day, in the item's order.
        self.statuses: dict[str, list[MilestoneStatus]] = {found.item.id: item_statuses(dataset, found, as_at) for found in self.found}
        # The reports made by the as-at day, of the milestones that have any (few have).
        self.reports_made = {
            reference: made for reference, series in dataset.reports.items() if (made := [r for r in series if r.date.end <= as_at])
        }
        state = macro("state")
        self.states_html: dict[str, list[Markup]] = {item_id: list(map(state, statuses)) for item_id, statuses in self.statuses.items()}
        self.pairs = list(zip(self.years, self.years[1:], strict=False))
        self._reports: dict[tuple[int, int], DiffReport] = {}
        self._fields_html: dict[str, Markup] = {}
        self._history: dict[str, Markup] = {}
        self._navs: dict[tuple[str, str], Markup] = {}
        self._feed_links = {up: _markup(feed_link(up)) for up in ("", "../")}
        self._timeline: Markup | None = None

    def layout(self, path: str, title: str, section: str) -> dict:
        """What the layout of every page needs: its title, the way to the root, the navigation
        with ``section`` current, the footer's note and as-at day."""
        up = root(path)
        nav = self._navs.get((up, section))
        if nav is None:
            shown = {"changes/index.html": bool(self.pairs), SEARCH_PAGE: self.search}
            entries = [(target, words, target == section) for target, words in NAV if shown.get(target, True)]
            nav = self._navs[up, section] = macro("nav")(up, entries)
        return {
            "title": title if title == SITE_NAME else f"{title} – {SITE_NAME}",
            "generator": __version__,
            "root": up,
            "nav": nav,
            "site_name": SITE_NAME,
            "note": self.note,
            "as_at_label": self.as_at_label,
            "feed": bool(self.base_url),
            "citation": dataclasses.replace(self.citation, title=title, url=(self.base_url or "") + path).text(),
            "cited_relative": not self.base_url,
            "terms": {"data": DATA_TERMS, "notice": f"downloads/{NOTICE_PATH}", "cc0": CC0_URL, "mit": MIT_URL},
            "searchable": False,
            "search_copy": False,
            "filters": "",
            "feed_link": self._feed_links.get(up) if self.base_url else "",
        }

    def page(self, path: str, template: str, title: str, section: str, lists_items: bool = False, **context) -> Page:
        return Page(path, template, {**self.layout(path, title, section), **context}, lists_items)

    def search_filters(self, **values: list) -> Markup:
        """The hidden tags that put a page under each of its values of the search filters."""
        return _markup("".join(filter_attribute(name, value) for name, listed in values.items() for value in listed))

    def item_fields_html(self, item_id: str, fields: Fields | None = None) -> Markup:
        """``item_fields`` (or ``fields``, when the caller has them), with leads, recommendations
        and linked items linked to their pages, for a page one folder down (an edition's or the
        item's own): made once, shown twice."""
        if item_id not in self._fields_html:
            record = self.records[item_id]
            links: dict[str, list[str]] = {
                "Leads": [agency_path(lead["code"]) for lead in record["leads"]],
                "RCOI recommendations": [rec_path(rec["rec"]) for rec in record["recs"]],
                "Continues": [item_path(record["continues"]["id"])] if record["continues"] else [],
                "Continued by": [item_path(link["id"]) for link in record["continued_by"]],
            }
            self._fields_html[item_id] = macro("fields")(field_lines(fields or item_fields(record), links, "../"))
        return self._fields_html[item_id]

    def report(self, old: int, new: int) -> DiffReport:
        from ctwp.analysis.diff import diff_programmes
        from ctwp.publish.changes import diff_report

        if (old, new) not in self._reports:
            by_year = dict(zip(self.years, self.programmes, strict=True))
            self._reports[old, new] = diff_report(f"{old} → {new}", diff_programmes(by_year[old], by_year[new]))
        return self._reports[old, new]

    @property
    def timeline(self) -> Markup:
        """The timeline of every edition, as the home page shows it (its links lead from the root)."""
        from ctwp.publish.pictures import timeline_svg

        if self._timeline is None:
            states = {item_id: [status.state for status in statuses] for item_id, statuses in self.statuses.items()}
            self._timeline = timeline_svg(self.programmes, item_path, "timeline", states)
        return self._timeline

    def history_html(self, item_id: str, changed: bool) -> Markup:
        """What an item's history shows of it, on the page of each item of its chain: what
        changed from the item it continues (when ``changed``), or else its milestones."""
        from ctwp.analysis.diff import compare_items
        from ctwp.publish.changes import matched_entry

        if item_id not in self._history:
            fields: Fields = [("Milestones", self.lines[item_id])]
            if changed:
                places = self.dataset.item_places
                programme, group, item = places[item_id]
                entry = matched_entry(compare_items(Found(*places[item.continues]), Found(programme, group, item)), as_slip=False)
                fields = [(label, [text]) for label, text in entry.details]
            self._history[item_id] = macro("fields")(field_lines(fields))
        return self._history[item_id]


def _markup(html: str) -> Markup:
    from markupsafe import Markup

    return Markup(html)


def pages(site: SiteData, downloads: list[Download]) -> Iterator[Page]:
    """Every page of the site, each with its template and context."""
    yield home(site)
    for programme in site.programmes:
        yield edition(site, programme)
    yield editions(site)
    for found in site.found:
        yield item(site, found)
    yield agencies(site)
    led: dict[str, dict[int, list[Found]]] = {code: {} for code in site.dataset.registry.agencies}
    for found in site.found:
        for lead in found.item.leads:
            led[lead].setdefault(found.programme.year, []).append(found)
    for entry in site.dataset.registry.agencies.values():
        yield agency(site, entry, led[entry.code])
    rows = recommendation_rows(site.dataset)
    yield recommendations(site, rows)
    for row in rows:
        yield recommendation(site, row)
    if site.pairs:
        yield changes_index(site)
        for old, new in site.pairs:
            yield changes(site, old, new)
    yield downloads_page(site, downloads)
    if site.search:
        yield search_page(site)


def home(site: SiteData) -> Page:
    latest = site.programmes[-1] if site.programmes else None
    milestones = [milestone for found in site.found for milestone in found.item.milestones]
    statuses = [status for statuses in site.statuses.values() for status in statuses]
    answered = None
    if latest:
        answered = {
            "count": len({rec for _, entry in latest.items() for rec in entry.recs}),
            "total": len(site.dataset.registry.recommendations),
            "year": latest.year,
        }
    latest_changes = None
    if site.pairs:
        old, new = site.pairs[-1]
        report = site.report(old, new)
        latest_changes = {
            "old": old,
            "new": new,
            "path": changes_path(old, new),
            "summary": report.summary,
            "sections": [
                (f"{changes_path(old, new)}#{_section_id(index)}", section.heading) for index, section in enumerate(report.sections, 1)
            ],
        }
    return site.page(
        "index.html",
        "home.html",
        SITE_NAME,
        "index.html",
        editions=[(edition_path(p.year), p.title, counted(sum(1 for _ in p.items()), "item")) for p in site.programmes],
        edition_count=len(site.programmes),
        item_count=len(site.found),
        dated=sum(1 for milestone in milestones if milestone.due.dated),
        milestone_count=len(milestones),
        leading=len({lead for found in site.found for lead in found.item.leads}),
        answered=answered,
        state_counts=[(sum(1 for status in statuses if status.state is state), state.label) for state in State],
        unreported=sum(1 for status in statuses if status.report is None),
        milestones=len(statuses),
        milestones_counted=counted(len(statuses), "milestone"),
        timeline=_timeline_figure(site, site.programmes),
        delivery=_delivery(site),
        latest_changes=latest_changes,
    )


def _section_id(number: int) -> str:
    """The anchor of a section of a changes page, from 1."""
    return f"section-{number}"


def _delivery(site: SiteData) -> dict:
    """Each edition's milestones by state as at the site's day: the picture and its table."""
    from ctwp.publish.pictures import STATE_LOOKS, delivery_svg

    by_year: dict[int, Counter] = {year: Counter() for year in site.years}
    for found in site.found:
        by_year[found.programme.year].update(status.state for status in site.statuses[found.item.id])
    editions = [(year, dict(counts)) for year, counts in by_year.items()]
    states = [state for state in State if any(counts.get(state) for _, counts in editions)]
    return {
        "svg": delivery_svg(editions),
        "states": [(state.label, STATE_LOOKS[state].css) for state in states],
        "rows": [(year, [counts.get(state, 0) for state in states], sum(counts.values())) for year, counts in editions],
    }


def _timeline_figure(site: SiteData, programmes: list[Programme]) -> dict:
    from ctwp.publish.pictures import dated_milestone_count

    rows = [
        {
            "year": programme.year,
            "id": entry.id,
            "title": site.titles[entry.id],
            "path": item_path(entry.id),
            "dated": ", ".join(m.due.label for m in entry.milestones if m.due.dated) or "undated",
            "milestones": list(zip(site.lines[entry.id], site.states_html[entry.id], strict=True)),
        }
        for programme in programmes
        for _, entry in programme.items()
    ]
    return {"svg": site.timeline, "bars": dated_milestone_count(programmes), "rows": rows}


def editions(site: SiteData) -> Page:
    rows = [
        (edition_path(p.year), p.year, p.draft, p.title, sum(1 for g in p.groups if g.items), sum(1 for _ in p.items()))
        for p in site.programmes
    ]
    return site.page("editions/index.html", "editions.html", "Editions", "editions/index.html", rows=rows)


def edition(site: SiteData, programme: Programme) -> Page:
    from ctwp.publish.document import programme_sections

    sections = programme_sections(programme, site.records)
    summary = [
        {
            "id": entry.id,
            "leads": entry.leads,
            "lead_text": entry.lead_text,
            "recs": entry.recs,
            "first": site.lines[entry.id][0],
            "states": site.states_html[entry.id],
        }
        for _, entry in programme.items()
    ]
    fields_html = {entry.id: site.item_fields_html(entry.id, entry.fields) for section in sections for entry in section.entries}
    up = root(edition_path(programme.year))
    return site.page(
        edition_path(programme.year),
        "edition.html",
        f"{programme.year} edition",
        "editions/index.html",
        lists_items=True,
        searchable=True,
        filters=site.search_filters(edition=[programme.year]),
        programme=programme,
        sections=[(section, counted(len(section.entries), "item") if section.group.items else None) for section in sections],
        summary=summary,
        titles=site.titles,
        fields_html=fields_html,
        item_href=lambda item_id: up + item_path(item_id),
        paths={"agency": agency_path, "rec": rec_path, "item": item_path},
    )


def item(site: SiteData, found: Found) -> Page:
    entry, year = found.item, found.programme.year
    path = item_path(entry.id)
    heading = entry.title if entry.title is not None else WITHHELD
    progress, later = [], 0
    for line, state, status in zip(site.lines[entry.id], site.states_html[entry.id], site.statuses[entry.id], strict=True):
        shown = site.reports_made.get(status.reference, ())
        later += len(site.dataset.reports.get(status.reference, ())) - len(shown)
        reports = [
            {
                "date": report.date.canonical,
                "day": report.date.label,
                "status": report_said(report),
                "note": report.note,
                "source": report.source,
                # A source that is a web address links to it: a link to follow, never fetched by the page.
                "link": report.source.startswith(("https://", "http://")),
            }
            for report in shown
        ]
        progress.append((line, state, reports))
    states = dict.fromkeys(status.state.label for status in site.statuses[entry.id])
    return site.page(
        path,
        "item.html",
        heading,
        "editions/index.html",
        searchable=True,
        filters=site.search_filters(edition=[year], lead=entry.leads, state=list(states), recommendation=entry.recs),
        heading=heading,
        item=entry,
        group=found.group,
        year=year,
        edition=edition_path(year),
        fields_html=site.item_fields_html(entry.id),
        progress=progress,
        later=(counted(later, "report"), "is" if later == 1 else "are") if later else None,
        history=_history(site, found),
    )


def _history(site: SiteData, found: Found) -> list[dict] | None:
    """The item's chain through ``continues``, by year; None when no other edition has it."""
    chain = linked_items(site.dataset, found.item.id)
    if len(chain) == 1:
        return None
    places = site.dataset.item_places
    history = []
    for item_id in chain:
        programme, _, entry = places[item_id]
        changed = entry.continues in places and entry.continues in chain
        history.append(
            {
                "year": programme.year,
                "id": item_id,
                "path": item_path(item_id),
                "title": site.titles[item_id],
                "current": item_id == found.item.id,
                "continues": entry.continues if changed else None,
                "fields_html": site.history_html(item_id, changed),
            }
        )
    return history


def agencies(site: SiteData) -> Page:
    rows = [(agency_path(row["code"]), row) for row in agency_rows(site.dataset)]
    return site.page(
        "agencies/index.html", "agencies.html", "Agencies", "agencies/index.html", rows=rows, years=[str(year) for year in site.years]
    )


def agency(site: SiteData, entry: Agency, led: dict[int, list[Found]]) -> Page:
    years = [
        {
            "year": year,
            "path": edition_path(year),
            "count": counted(len(led.get(year, [])), "item"),
            "led": [
                {
                    "id": found.item.id,
                    "path": item_path(found.item.id),
                    "title": site.titles[found.item.id],
                    "with": ", ".join(lead for lead in found.item.leads if lead != entry.code),
                    "milestones": "; ".join(site.lines[found.item.id]),
                }
                for found in led.get(year, [])
            ],
        }
        for year in site.years
    ]
    return site.page(
        agency_path(entry.code),
        "agency.html",
        entry.name,
        "agencies/index.html",
        lists_items=True,
        searchable=True,
        agency=entry,
        years=years,
    )


def recommendations(site: SiteData, rows: list[dict]) -> Page:
    from ctwp.publish.pictures import coverage_svg

    here = "recommendations/index.html"
    years = [str(year) for year in site.years]
    return site.page(
        here,
        "recommendations.html",
        "RCOI recommendations",
        here,
        rows=subject_cells(rows),
        years=years,
        answered="; ".join(f"{sum(1 for row in rows if row['items'][year])} of {len(rows)} named by an item in {year}" for year in years),
        svg=coverage_svg(rows, site.years, lambda number: f"{root(here)}{rec_path(number)}"),
        paths={"rec": rec_path, "item": item_path},
        titles=site.titles,
        statements=site.dataset.registry.statements,
    )


def recommendation(site: SiteData, row: dict) -> Page:
    number = row["rec"]
    group = site.dataset.registry.recommendations[number].group
    years = [
        {"year": year, "path": edition_path(int(year)), "items": [(item_path(i), i, site.titles[i]) for i in row["items"][year]]}
        for year in map(str, site.years)
    ]
    return site.page(
        rec_path(number),
        "recommendation.html",
        f"Recommendation {number}",
        "recommendations/index.html",
        lists_items=True,
        searchable=True,
        filters=site.search_filters(recommendation=[number]),
        number=number,
        subject=row["subject"],
        group=site.dataset.registry.recommendation_groups[group].title if group else None,
        years=years,
        statements=site.dataset.registry.statements,
    )


def changes_index(site: SiteData) -> Page:
    pairs = [(changes_path(old, new), old, new, site.report(old, new).summary) for old, new in site.pairs]
    return site.page("changes/index.html", "changes-index.html", "Changes", "changes/index.html", pairs=pairs)


def changes(site: SiteData, old: int, new: int) -> Page:
    report = site.report(old, new)
    places = site.dataset.item_places
    sections = []
    for section in report.sections:
        entries = [
            {
                "marker": MARKER_WORDS[entry.marker],
                "ids": [(item_path(item_id) if item_id in places else None, item_id) for item_id in entry.ids],
                "title": entry.title,
                "fields": [(label, [text]) for label, text in entry.details],
            }
            for entry in section.entries
        ]
        table = None
        if section.table:
            columns, rows = section.table
            table = ([column.header for column in columns], [[column.cell(row) for column in columns] for row in rows])
        sections.append(
            {"heading": section.heading, "entries": entries, "lines": section.lines, "table": table, "id": _section_id(len(sections) + 1)}
        )
    return site.page(
        changes_path(old, new),
        "changes.html",
        f"Changes {old} to {new}",
        "changes/index.html",
        old=old,
        new=new,
        summary=report.summary,
        sections=sections,
    )


def downloads_page(site: SiteData, downloads: list[Download]) -> Page:
    return site.page("downloads.html", "downloads.html", "Downloads", "downloads.html", downloads=downloads, feed_path=FEED_PATH)


def search_page(site: SiteData) -> Page:
    from ctwp.publish.search import SEARCH_PAGE_BODY, SEARCH_PAGE_HEAD

    return site.page(
        SEARCH_PAGE, "search.html", "Search", SEARCH_PAGE, body=_markup(SEARCH_PAGE_BODY), search_head=_markup(SEARCH_PAGE_HEAD)
    )
