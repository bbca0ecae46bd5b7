"""An Atom feed (RFC 4287) of what is new: each progress report, and each edition.

Each entry links to its page on the site: a report to its item's page, an edition to its
edition's page. Atom wants absolute addresses for ids and links, so the feed needs the site's
base URL (``ctwp site --base-url``): an entry's id is its page's address with a fragment,
stable for as long as the page's address is. Dates come from the data: a report's day, and
for an edition 1 January of its year, the day ``ctwp.analysis.progress`` takes an edition to
begin (the data records no day of release). Built with ElementTree, which escapes all text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ctwp.analysis.queries import find_item, item_title
from ctwp.analysis.words import report_said, status_label
from ctwp.data.loading import Dataset
from ctwp.publish.citation import CONTRIBUTORS, TITLE

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"  # where the site puts the feed, from its root


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    updated: date
    summary: str


def feed_entries(dataset: Dataset, base_url: str) -> list[Entry]:
    """The reports and the editions as entries, newest first."""
    entries = []
    for located in dataset.programmes:
        programme = located.programme
        link = f"{base_url}editions/{programme.year}.html"
        count = sum(1 for _ in programme.items())
        entries.append(
            Entry(link, f"New edition: {programme.title}", link, date(programme.year, 1, 1), f"{count} items. Source: {programme.source}")
        )
    for reference, reports in dataset.reports.items():
        item_id, key = reference.split("/", 1)
        title = item_title(find_item(dataset, item_id).item)
        link = f"{base_url}items/{item_id}.html"
        for number, report in enumerate(reports, 1):
            summary = f"{report.date.label}: {report_said(report)}." + (f" {report.note}" if report.note else "")
            # Atom dates every entry: a report known only to its month is filed at the month's end.
            updated = report.date.end
            entries.append(
                Entry(
                    f"{link}#{key}-report-{number}",
                    f"{title}: {status_label(report.status)}",
                    link,
                    updated,
                    summary + f" Source: {report.source}",
                )
            )
    return sorted(entries, key=lambda entry: (entry.updated, entry.id), reverse=True)


def atom_feed(dataset: Dataset, base_url: str) -> str:
    """The feed as Atom XML; ``base_url`` is the site's absolute address, ending in /
    (``ctwp.publish.citation.check_base_url`` reads one)."""
    import xml.etree.ElementTree as ElementTree

    ElementTree.register_namespace("", ATOM)
    entries = feed_entries(dataset, base_url)

    def add(parent, tag: str, text: str | None = None, **attributes: str):
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text
        return element

    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    add(feed, "id", base_url + FEED_PATH)
    add(feed, "title", TITLE)
    add(feed, "subtitle", "New progress reports and new editions of New Zealand's Counter-Terrorism Work Programme")
    add(feed, "updated", _stamp(max((entry.updated for entry in entries), default=date(1970, 1, 1))))
    add(add(feed, "author"), "name", CONTRIBUTORS)
    add(feed, "link", rel="self", href=base_url + FEED_PATH, type="application/atom+xml")
    add(feed, "link", rel="alternate", href=base_url, type="text/html")
    for entry in entries:
        element = add(feed, "entry")
        add(element, "id", entry.id)
        add(element, "title", entry.title)
        add(element, "link", rel="alternate", href=entry.link, type="text/html")
        add(element, "updated", _stamp(entry.updated))
        add(element, "summary", entry.summary)
    ElementTree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"


def _stamp(day: date) -> str:
    """A day as Atom's date-time: its first moment, in UTC (the data knows days, not times)."""
    return f"{day.isoformat()}T00:00:00Z"


def feed_link(root: str = "") -> str:
    """The ``<link>`` for every page's ``<head>`` that lets feed readers find the feed; ``root``
    is the page's way back to the site's root (``../`` from items/)."""
    return f'<link rel="alternate" type="application/atom+xml" href="{root}{FEED_PATH}" title="{TITLE}: new reports and editions">'
