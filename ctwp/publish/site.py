"""The programme as a static web site: every edition, item, agency and recommendation with
its own page, linked, with pictures and the data to download.

The site needs no server and fetches nothing: pages link to each other with relative links
only, so it works opened from disk (file://) or served from any folder of any static host.
Its addresses are built from ids, which never change once published (see ``site_paths``):

    index.html                      the programme, its numbers, the timeline, the latest changes
    editions/2022.html              one edition, as ``ctwp render`` gives it
    items/2022-advisory-group-ct.html   one item and its history across editions
    agencies/dpmc.html              what an agency leads, edition by edition
    recommendations/7.html          the items answering a recommendation, edition by edition
    recommendations/index.html      the coverage matrix
    changes/2021-2022.html          what changed from one edition to the next
    downloads.html, downloads/...   the data as CSV, JSON and iCalendar, its schema and pictures

The words come from ``ctwp.analysis.words`` and ``ctwp.publish.changes``, as in every other output.
Progress is shown as at one day, the site's as-at day (``ctwp site --as-at``, as ``ctwp
status --as-at``): each milestone's state, as ``ctwp.analysis.progress`` derives it, and its reports
up to that day. Every page says which day that is.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import date
from html import escape as _html_escape
from pathlib import Path
from typing import TYPE_CHECKING

from ctwp import __version__
from ctwp.analysis.progress import item_statuses
from ctwp.analysis.queries import (
    Found,
    agency_rows,
    all_items,
    item_record,
    item_title,
    linked_items,
    recommendation_rows,
    report_fields,
)
from ctwp.analysis.vocabulary import State
from ctwp.analysis.words import (
    WITHHELD,
    Fields,
    generated_note,
    item_fields,
    milestone_line,
    status_label,
    subject_text,
)
from ctwp.core.errors import UsageError, counted
from ctwp.data.loading import Dataset, display_path
from ctwp.data.periods import day_label
from ctwp.publish.changes import MARKER_WORDS
from ctwp.publish.pictures import coverage_svg, dated_milestone_count, timeline_svg

if TYPE_CHECKING:
    from ctwp.analysis.progress import MilestoneStatus
    from ctwp.data.records import Programme, Report
    from ctwp.publish.changes import DiffReport, Section

SITE_NAME = "Counter-Terrorism Work Programme"
# Written into every site ctwp builds, so that --force replaces only a folder ctwp made.
MARKER_FILE = ".ctwp-site"


def item_path(item_id: str) -> str:
    return f"items/{item_id}.html"


def edition_path(year: int) -> str:
    return f"editions/{year}.html"


def agency_path(code: str) -> str:
    return f"agencies/{code.lower()}.html"


def rec_path(number: int) -> str:
    return f"recommendations/{number}.html"


def changes_path(old: int, new: int) -> str:
    return f"changes/{old}-{new}.html"


_NAV = (
    ("index.html", "Home"),
    ("editions/index.html", "Editions"),
    ("agencies/index.html", "Agencies"),
    ("recommendations/index.html", "Recommendations"),
    ("changes/index.html", "Changes"),
    ("downloads.html", "Downloads"),
)


@dataclass
class BuiltSite:
    out_dir: Path
    pages: list[str] = field(default_factory=list)  # paths of the HTML pages, relative to out_dir
    downloads: list[str] = field(default_factory=list)


def build_site(dataset: Dataset, out_dir: Path, force: bool = False, as_at: date | None = None) -> BuiltSite:
    """Write the site of ``dataset`` into ``out_dir``: a new or empty folder, or with
    ``force`` one that holds a site ctwp built before (it is replaced). Progress is shown as
    at ``as_at`` (today without it)."""
    from ctwp.data.revisions import file_revision

    note = generated_note(
        f"Built by ctwp {__version__} from the data in {display_path(dataset.data_dir)}", file_revision(dataset.data_dir), "data"
    )
    try:
        _prepare(out_dir, force)
        return _Site(dataset, out_dir, note, as_at or date.today()).build()
    except OSError as error:
        where = f" ({display_path(Path(error.filename))})" if error.filename else ""
        raise UsageError(
            f"cannot write the site in {display_path(out_dir)}: {error.strerror}{where}", "give a folder you can write to"
        ) from None


def _prepare(out_dir: Path, force: bool) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{display_path(out_dir)} is not a folder", "give a folder to build the site in")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        if not (out_dir / MARKER_FILE).exists():
            raise UsageError(f"{display_path(out_dir)} is not empty and holds no site ctwp built", "give a new or empty folder")
        if not force:
            raise UsageError(f"{display_path(out_dir)} holds a site already", "add --force to replace it")
        shutil.rmtree(out_dir)
    for folder in ("editions", "items", "agencies", "recommendations", "changes", "downloads"):
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
    (out_dir / MARKER_FILE).write_text("A site built by ctwp; 'ctwp site --force' replaces this folder.\n")


# One stylesheet for every page; nothing else is loaded. Contrast: text #1a1a1a and links
# #1d4f73 on white are above 7:1; muted #4a4a4a above 8:1.
_STYLE = """\
:root { color-scheme: light; --accent: #1d4f73; --muted: #4a4a4a; --rule: #c8d3dd; --tint: #f3f6f8; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1a1a1a; background: #fff; margin: 0; }
a { color: var(--accent); }
a:focus-visible, [tabindex]:focus-visible, summary:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip:focus { left: 1rem; }
header.site { background: var(--accent); color: #fff; padding: .5rem 1.25rem; }
header.site a { color: #fff; }
.brand { margin: 0; font-weight: 700; }
nav[aria-label="Site"] ul { list-style: none; margin: .25rem 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
nav[aria-label="Site"] a[aria-current] { font-weight: 700; text-decoration-thickness: 3px; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
footer { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem 2rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .875rem; }
h1 { font-size: 1.8rem; line-height: 1.2; }
h2 { font-size: 1.3rem; line-height: 1.3; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
code { font: .85em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); overflow-wrap: anywhere; }
.kind { display: block; font-size: .75rem; font-weight: 600; letter-spacing: .08em; text-transform: uppercase; color: var(--accent); }
.note, .meta { color: var(--muted); }
.item { margin: 1rem 0; padding: .75rem 1rem; border-left: 4px solid var(--rule); background: var(--tint); }
.withheld { border-left-style: dashed; }
dl { display: grid; grid-template-columns: 12rem 1fr; gap: .25rem 1rem; margin: .5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; white-space: pre-line; }
dd ul { margin: 0; padding-left: 1.1rem; white-space: normal; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--rule); padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { background: var(--tint); }
.scroll { overflow-x: auto; max-width: 100%; }
figure.picture { margin: 1rem 0; }
figure svg { display: block; max-width: none; height: auto; }
figcaption { color: var(--muted); font-size: .9rem; margin-top: .5rem; }
.numbers { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
.numbers strong { font-size: 1.4rem; }
.history > li, .changes > li { margin-bottom: 1rem; }
.state { font-weight: 700; }
.unreported { font-style: italic; }
.reports { margin: 0; padding-left: 1.1rem; }
.marker { font-size: .75rem; font-weight: 700; text-transform: uppercase; border: 1px solid currentColor; padding: 0 .3rem; }
@media (max-width: 40rem) {
  dl { grid-template-columns: 1fr; }
  dd { margin-bottom: .5rem; }
  h1 { font-size: 1.45rem; }
  main, footer { padding-left: .75rem; padding-right: .75rem; }
}
@page { margin: 16mm 14mm; }
@media print {
  body { font-size: 10pt; }
  header.site, .skip, details { display: none; }
  main, footer { max-width: none; padding: 0; }
  a { color: #000; text-decoration: none; }
  .scroll { overflow: visible; }
  figure svg { max-width: 100%; }
  .item, figure, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .item { background: none; }
}
"""


def escape(text: str) -> str:
    """``html.escape``, skipped for the many strings (ids, dates, most words) with nothing to escape."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return _html_escape(text)
    return text


def _root(path: str) -> str:
    return "../" * path.count("/")


class _Site:
    def __init__(self, dataset: Dataset, out_dir: Path, note: str, as_at: date) -> None:
        self.dataset = dataset
        self.out_dir = out_dir
        self.note = note
        self.as_at = as_at
        self.as_at_label = day_label(as_at)
        self.built = BuiltSite(out_dir)
        self.programmes = [located.programme for located in dataset.programmes]
        self.years = dataset.years()
        self.found = list(all_items(dataset))
        self.records = {found.item.id: item_record(dataset, found) for found in self.found}
        # Each item's milestones in words, which several pages give.
        self.lines = {item_id: [milestone_line(m) for m in record["milestones"]] for item_id, record in self.records.items()}
        # Each item's milestones as at the as-at day, in the item's order.
        self.statuses: dict[str, list[MilestoneStatus]] = {found.item.id: item_statuses(dataset, found, as_at) for found in self.found}
        # The reports made by the as-at day, of the milestones that have any (few have).
        self.reports_made = {
            reference: made for reference, series in dataset.reports.items() if (made := [r for r in series if r.date.end <= as_at])
        }
        self.states_html = {item_id: [_state_html(status) for status in statuses] for item_id, statuses in self.statuses.items()}
        self.pairs = list(zip(self.years, self.years[1:], strict=False))
        self.reports: dict[tuple[int, int], DiffReport] = {}
        self.fields_html: dict[str, str] = {}
        self.changes_html: dict[str, str] = {}  # by the id of the later item
        self.timeline = ""
        self.navs: dict[tuple[str, str], str] = {}

    def build(self) -> BuiltSite:
        self._write_style()
        self._home()
        for located in self.dataset.programmes:
            self._edition(located.programme)
        self._editions_index()
        for found in self.found:
            self._item(found)
        self._agencies()
        self._recommendations()
        self._changes()
        self._downloads()
        return self.built

    def _write_style(self) -> None:
        self._write("style.css", _STYLE)

    # -- pages ---------------------------------------------------------------------------

    def _write(self, path: str, text: str) -> None:
        # os.open, not open(): ten thousand pages are written, and a text file object costs
        # more to set up than the page costs to write. The mode follows the umask.
        descriptor = os.open(self.out_dir / path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            data = memoryview(text.encode("utf-8"))
            while data:
                data = data[os.write(descriptor, data) :]
        finally:
            os.close(descriptor)

    def _page(self, path: str, title: str, body: str, section: str) -> None:
        root = _root(path)
        nav = self.navs.get((root, section))
        if nav is None:
            nav = self.navs[root, section] = "".join(
                f'<li><a href="{root}{target}"{" aria-current=" + chr(34) + "page" + chr(34) if target == section else ""}>{words}</a></li>'
                for target, words in _NAV
                if target != "changes/index.html" or self.pairs
            )
        full_title = title if title == SITE_NAME else f"{title} – {SITE_NAME}"
        self._write(
            path,
            "<!DOCTYPE html>\n"
            '<html lang="en-NZ">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="ctwp {escape(__version__)}">\n'
            f"<title>{escape(full_title)}</title>\n"
            f'<link rel="stylesheet" href="{root}style.css">\n'
            "</head>\n<body>\n"
            '<a class="skip" href="#main">Skip to content</a>\n'
            f'<header class="site"><p class="brand"><a href="{root}index.html">{SITE_NAME}</a></p>\n'
            f'<nav aria-label="Site"><ul>{nav}</ul></nav></header>\n'
            f'<main id="main">\n{body}\n</main>\n'
            f'<footer><p class="generated">{escape(self.note)} Progress as at {self.as_at_label}.</p></footer>\n'
            "</body>\n</html>\n",
        )
        self.built.pages.append(path)

    def _link(self, here: str, target: str, words: str) -> str:
        return f'<a href="{_root(here)}{target}">{escape(words)}</a>'

    def _item_link(self, here: str, item_id: str, words: str | None = None) -> str:
        place = self.dataset.item_places[item_id]
        return self._link(here, item_path(item_id), words if words is not None else item_title(place[2]))

    def _home(self) -> None:
        here = "index.html"
        latest = self.programmes[-1] if self.programmes else None
        milestones = [milestone for found in self.found for milestone in found.item.milestones]
        dated = sum(1 for milestone in milestones if milestone.due.dated)
        leading = {lead for found in self.found for lead in found.item.leads}
        parts = [
            f"<h1>{SITE_NAME}</h1>",
            "<p>New Zealand's Counter-Terrorism Work Programme is a table kept by officials (DPMC and the agencies "
            "of the Counter-Terrorism Coordination Committee). It lists initiatives, their lead agencies, the "
            "recommendations of the Royal Commission of Inquiry into the terrorist attack on Christchurch masjidain "
            "(RCOI) they answer, and milestones with due dates. This site shows each edition released under the "
            "Official Information Act 1982, and how the programme changed from one edition to the next.</p>",
            '<h2 id="editions">Editions</h2>',
            "<ul>"
            + "".join(
                f"<li>{self._link(here, edition_path(p.year), p.title)}: {counted(sum(1 for _ in p.items()), 'item')}</li>"
                for p in self.programmes
            )
            + "</ul>",
            '<h2 id="numbers">In numbers</h2>',
            '<ul class="numbers">',
            f"<li><strong>{len(self.programmes)}</strong> {'edition' if len(self.programmes) == 1 else 'editions'}</li>",
            f"<li><strong>{len(self.found)}</strong> items</li>",
            f"<li><strong>{dated}</strong> dated and <strong>{len(milestones) - dated}</strong> undated milestones</li>",
            f"<li><strong>{len(leading)}</strong> agencies leading items</li>",
        ]
        if latest:
            answered = {rec for _, item in latest.items() for rec in item.recs}
            total = len(self.dataset.registry.recommendations)
            parts.append(
                f"<li><strong>{len(answered)}</strong> of {total} RCOI recommendations named by an item in {latest.year} "
                f"({self._link(here, 'recommendations/index.html', 'coverage')})</li>"
            )
        parts.append("</ul>")
        parts += self._progress_counts()
        parts += self._timeline_figure(here, self.programmes, "timeline", "Timeline")
        if self.pairs:
            old, new = self.pairs[-1]
            report = self._report(old, new)
            parts += [
                f'<h2 id="changes">What changed in {new}</h2>',
                f"<p>From {old} to {new}: {escape(report.summary)}.</p>",
                "<ul>" + "".join(f"<li>{escape(section.heading)}</li>" for section in report.sections) + "</ul>",
                f"<p>{self._link(here, changes_path(old, new), f'Everything that changed from {old} to {new}')}</p>",
            ]
        self._page(here, SITE_NAME, "\n".join(parts), here)

    def _progress_counts(self) -> list[str]:
        statuses = [status for statuses in self.statuses.values() for status in statuses]
        unreported = sum(1 for status in statuses if status.report is None)
        counts = "".join(
            f"<li><strong>{sum(1 for status in statuses if status.state is state)}</strong> {state.label}</li>" for state in State
        )
        return [
            f'<h2 id="progress">Progress as at {self.as_at_label}</h2>',
            f"<p>Each milestone's state as at {self.as_at_label}, from its due period and its progress reports. "
            "A milestone is called late only where a report shows it; one whose due period has ended with no report "
            "is counted as having no report, which is missing information, not a finding.</p>",
            f'<ul class="numbers">{counts}</ul>',
            f"<p><strong>{unreported}</strong> of {counted(len(statuses), 'milestone')} have no progress report "
            f"on or before {self.as_at_label} (unreported).</p>",
        ]

    def _timeline_figure(self, here: str, programmes: list[Programme], ident: str, heading: str) -> list[str]:
        root = _root(here)
        states = {item_id: [status.state.label for status in statuses] for item_id, statuses in self.statuses.items()}
        svg = timeline_svg(programmes, lambda item_id: f"{root}{item_path(item_id)}", ident, states)
        self.timeline = svg
        rows = []
        for programme in programmes:
            for _, item in programme.items():
                lines = "<br>".join(
                    f"{escape(line)} ({state})" for line, state in zip(self.lines[item.id], self.states_html[item.id], strict=True)
                )
                dated = ", ".join(m.due.label for m in item.milestones if m.due.dated) or "undated"
                rows.append(
                    f"<tr><td>{programme.year}</td><td>{self._item_link(here, item.id, item.id)}</td><td>{dated}</td><td>{lines}</td></tr>"
                )
        bars = dated_milestone_count(programmes)
        return [
            f'<h2 id="{ident}-heading">{heading}</h2>',
            f'<figure class="picture" aria-labelledby="{ident}-caption">',
            f'<div class="scroll" tabindex="0" role="region" aria-label="{heading}, scrolls sideways">{svg}</div>',
            f'<figcaption id="{ident}-caption">Each bar is a dated milestone ({bars} in all), drawn across its whole due period: '
            "a quarter spans three months, a month the month, never a guessed day. Undated milestones are named in the "
            "right-hand column; a dashed line joins an item to the item of a later edition that continues it. "
            f"Each id links to the item's page. Each bar's title gives its milestone's state as at {self.as_at_label}.</figcaption>",
            "</figure>",
            "<details><summary>The timeline as a table</summary>",
            '<div class="scroll" tabindex="0" role="region" aria-label="The timeline as a table">'
            '<table><thead><tr><th scope="col">Edition</th><th scope="col">Item</th><th scope="col">Dated</th>'
            f'<th scope="col">Milestones (state as at {self.as_at_label})</th></tr></thead><tbody>'
            + "".join(rows)
            + "</tbody></table></div></details>",
        ]

    def _editions_index(self) -> None:
        here = "editions/index.html"
        rows = "".join(
            f"<tr><td>{self._link(here, edition_path(p.year), str(p.year))}</td><td>{escape(p.title)}</td>"
            f"<td>{sum(1 for g in p.groups if g.items)}</td><td>{sum(1 for _ in p.items())}</td></tr>"
            for p in self.programmes
        )
        body = (
            "<h1>Editions</h1>\n<table><caption>Each edition of the programme</caption><thead><tr>"
            '<th scope="col">Year</th><th scope="col">Title</th><th scope="col">Groups</th><th scope="col">Items</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
        self._page(here, "Editions", body, here)

    def _edition(self, programme: Programme) -> None:
        from ctwp.publish.document import programme_sections

        here = edition_path(programme.year)
        sections = programme_sections(programme, self.records)
        contents = "".join(
            f'<li><a href="#{escape(section.group.id)}">{escape(section.heading)}</a>'
            + (f" ({counted(len(section.entries), 'item')})" if section.group.items else "")
            + "</li>"
            for section in sections
        )
        summary = []
        for _, item in programme.items():
            first = self.lines[item.id][0]
            leads = ", ".join(
                [*(self._link(here, agency_path(code), code) for code in item.leads), *([escape(item.lead_text)] if item.lead_text else [])]
            )
            recs = ", ".join(self._link(here, rec_path(rec), str(rec)) for rec in item.recs)
            summary.append(
                f"<tr><td>{self._item_link(here, item.id)}<br><code>{escape(item.id)}</code></td><td>{leads or 'not released'}</td>"
                f"<td>{recs}</td><td>{escape(first)}</td><td>{'<br>'.join(self.states_html[item.id])}</td></tr>"
            )
        parts = [
            f"<h1>{escape(programme.title)}</h1>",
            f"<p>{escape(programme.source)}</p>",
            f'<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ol>{contents}</ol></nav>',
            '<h2 id="summary">Summary</h2>',
            '<div class="scroll" tabindex="0" role="region" aria-label="Summary table">'
            f"<table><caption>Every item of the {programme.year} edition with its first milestone, and the state of each "
            f"of its milestones as at {self.as_at_label}</caption><thead><tr>"
            '<th scope="col">Item</th><th scope="col">Leads</th><th scope="col">RCOI recommendations</th>'
            f'<th scope="col">First milestone</th><th scope="col">State</th></tr></thead><tbody>{"".join(summary)}</tbody></table></div>',
            f"<p>The {self._link(here, 'index.html#timeline-heading', 'timeline')} shows this edition's milestones with the others'.</p>",
        ]
        for section in sections:
            group = section.group
            parts += [
                f'<section class="group" id="{escape(group.id)}" aria-labelledby="{escape(group.id)}-heading">',
                f'<h2 id="{escape(group.id)}-heading"><span class="kind">{escape(group.kind.capitalize())}</span> {escape(section.heading)}</h2>',
                *([f'<p class="note">{escape(section.note)}</p>'] if section.note else []),
                _fields_html(section.fields),
            ]
            for entry in section.entries:
                parts += [
                    f'<article class="item{" withheld" * entry.withheld}" id="{escape(entry.id)}">',
                    f"<h3>{self._item_link(here, entry.id, entry.heading)}</h3>",
                    f"<p><code>{escape(entry.id)}</code></p>",
                    self._item_fields_html(entry.id, entry.fields),
                    "</article>",
                ]
            parts.append("</section>")
        self._page(here, f"{programme.year} edition", "\n".join(parts), "editions/index.html")

    def _item_fields_html(self, item_id: str, fields: Fields | None = None) -> str:
        """``item_fields`` (or ``fields``, when the caller has them), with leads, recommendations
        and linked items linked to their pages, for a page one folder down (an edition's or the
        item's own): made once, used twice."""
        if item_id in self.fields_html:
            return self.fields_html[item_id]
        record = self.records[item_id]
        links: dict[str, list[str]] = {
            "Leads": [agency_path(lead["code"]) for lead in record["leads"]],
            "RCOI recommendations": [rec_path(rec["rec"]) for rec in record["recs"]],
            "Continues": [item_path(record["continues"]["id"])] if record["continues"] else [],
            "Continued by": [item_path(link["id"]) for link in record["continued_by"]],
        }
        self.fields_html[item_id] = _fields_html(fields or item_fields(record), links, "../")
        return self.fields_html[item_id]

    def _item(self, found: Found) -> None:
        item = found.item
        here = item_path(item.id)
        year = found.programme.year
        heading = item.title if item.title is not None else WITHHELD
        parts = [
            f"<h1>{escape(heading)}</h1>",
            f'<p class="meta"><code>{escape(item.id)}</code> · {self._link(here, edition_path(year), f"{year} edition")} · '
            f'{escape(found.group.kind.capitalize())}: <a href="{_root(here)}{edition_path(year)}#{escape(found.group.id)}">{escape(found.group.title)}</a></p>',
            self._item_fields_html(item.id),
            *self._progress(item.id),
            '<h2 id="history">History across editions</h2>',
            *self._history(here, found),
        ]
        self._page(here, heading, "\n".join(parts), "editions/index.html")

    def _progress(self, item_id: str) -> list[str]:
        """Each milestone's state as at the as-at day, with its reports up to that day."""
        rows = []
        later = 0
        for line, state, status in zip(self.lines[item_id], self.states_html[item_id], self.statuses[item_id], strict=True):
            shown = self.reports_made.get(status.reference, ())
            later += len(self.dataset.reports.get(status.reference, ())) - len(shown)
            reports = '<ul class="reports">' + "".join(map(_report_html, shown)) + "</ul>" if shown else "none"
            rows.append(f"<tr><td>{escape(line)}</td><td>{state}</td><td>{reports}</td></tr>")
        parts = [
            f'<h2 id="progress">Progress as at {self.as_at_label}</h2>',
            '<div class="scroll" tabindex="0" role="region" aria-label="Progress table">'
            f"<table><caption>Each milestone's state as at {self.as_at_label}, and its progress reports up to that day</caption>"
            '<thead><tr><th scope="col">Milestone</th><th scope="col">State</th><th scope="col">Reports</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>",
        ]
        if later:
            parts.append(f"<p>{counted(later, 'report')} dated after {self.as_at_label} {'is' if later == 1 else 'are'} not shown.</p>")
        return parts

    def _history(self, here: str, found: Found) -> list[str]:
        from ctwp.analysis.diff import compare_items
        from ctwp.publish.changes import matched_entry

        chain = linked_items(self.dataset, found.item.id)
        if len(chain) == 1:
            return [
                f"<p>Only the {found.programme.year} edition has this item: it continues no item of another edition, and none continues it.</p>"
            ]
        places = self.dataset.item_places
        parts = ['<ol class="history">']
        for item_id in chain:
            programme, group, item = places[item_id]
            current = item_id == found.item.id
            title = escape(item_title(item))
            name = f"<strong>{title}</strong> (this page)" if current else self._item_link(here, item_id)
            parts.append(f"<li><h3>{programme.year}: {name}</h3><p><code>{escape(item_id)}</code></p>")
            if item.continues in places and item.continues in chain:
                if item_id not in self.changes_html:
                    entry = matched_entry(compare_items(Found(*places[item.continues]), Found(programme, group, item)), as_slip=False)
                    self.changes_html[item_id] = f"<p>Changes from {escape(item.continues)}:</p>" + _fields_html(
                        [(label, [text]) for label, text in entry.details]
                    )
                parts.append(self.changes_html[item_id])
            else:
                parts.append(_fields_html([("Milestones", self.lines[item_id])]))
            parts.append("</li>")
        parts.append("</ol>")
        return parts

    def _agencies(self) -> None:
        here = "agencies/index.html"
        rows = agency_rows(self.dataset)
        years = [str(year) for year in self.years]
        head = "".join(f'<th scope="col">{year}</th>' for year in years)
        body_rows = "".join(
            f"<tr><td>{self._link(here, agency_path(row['code']), row['code'])}</td><td>{escape(row['name'])}</td>"
            + "".join(f"<td>{row['items_led'][year]}</td>" for year in years)
            + f"<td>{row['total']}</td></tr>"
            for row in rows
        )
        self._page(
            here,
            "Agencies",
            "<h1>Agencies</h1>\n<p>Each agency and body, with the number of items it leads in each edition; a jointly led item counts for each of its leads.</p>\n"
            '<div class="scroll" tabindex="0" role="region" aria-label="Agencies table">'
            f'<table><caption>Items led, by edition</caption><thead><tr><th scope="col">Code</th><th scope="col">Name</th>{head}'
            f'<th scope="col">Total</th></tr></thead><tbody>{body_rows}</tbody></table></div>',
            here,
        )
        led: dict[str, dict[int, list[Found]]] = {code: {} for code in self.dataset.registry.agencies}
        for found in self.found:
            for lead in found.item.leads:
                led[lead].setdefault(found.programme.year, []).append(found)
        for agency in self.dataset.registry.agencies.values():
            page = agency_path(agency.code)
            parts = [f"<h1>{escape(agency.name)} ({escape(agency.code)})</h1>"]
            if agency.aliases:
                parts.append(f"<p>Also written: {escape(', '.join(agency.aliases))}.</p>")
            for year in self.years:
                items = led[agency.code].get(year, [])
                parts.append(
                    f'<h2 id="y{year}">{self._link(page, edition_path(year), f"{year} edition")}: {counted(len(items), "item")} led</h2>'
                )
                if items:
                    parts.append(
                        "<ul>"
                        + "".join(
                            f"<li>{self._item_link(page, f.item.id)} <code>{escape(f.item.id)}</code>"
                            + (
                                f" (with {escape(', '.join(lead for lead in f.item.leads if lead != agency.code))})"
                                if len(f.item.leads) > 1
                                else ""
                            )
                            + f"<br>{escape('; '.join(self.lines[f.item.id]))}</li>"
                            for f in items
                        )
                        + "</ul>"
                    )
                else:
                    parts.append(f"<p>It leads no item of the {year} edition.</p>")
            self._page(page, agency.name, "\n".join(parts), here)

    def _recommendations(self) -> None:
        here = "recommendations/index.html"
        rows = recommendation_rows(self.dataset)
        years = [str(year) for year in self.years]
        svg = coverage_svg(rows, self.years, lambda number: f"{_root(here)}{rec_path(number)}")
        table_rows = "".join(
            f'<tr><th scope="row">{self._link(here, rec_path(row["rec"]), str(row["rec"]))}</th><td>{escape(subject_text(row["subject"]))}</td>'
            + "".join(
                "<td>" + (", ".join(self._item_link(here, item_id, item_id) for item_id in row["items"][year]) or "–") + "</td>"
                for year in years
            )
            + "</tr>"
            for row in rows
        )
        head = "".join(f'<th scope="col">{year}</th>' for year in years)
        answered = "; ".join(f"{sum(1 for row in rows if row['items'][year])} of {len(rows)} named by an item in {year}" for year in years)
        body = "\n".join(
            [
                "<h1>RCOI recommendations</h1>",
                f"<p>The Royal Commission of Inquiry made {len(rows)} recommendations. For each, the items that answer it in each edition: {answered}.</p>",
                '<figure class="picture" aria-labelledby="coverage-caption">',
                f'<div class="scroll" tabindex="0" role="region" aria-label="Coverage matrix">{svg}</div>',
                '<figcaption id="coverage-caption">The coverage matrix: a row per recommendation, a column per edition; each '
                "filled cell gives the number of items answering it, a dash marks none. The table below gives the same, with the items.</figcaption>",
                "</figure>",
                '<div class="scroll" tabindex="0" role="region" aria-label="Coverage table">'
                f'<table><caption>Items answering each recommendation</caption><thead><tr><th scope="col">Rec</th><th scope="col">Subject</th>{head}</tr></thead>'
                f"<tbody>{table_rows}</tbody></table></div>",
            ]
        )
        self._page(here, "RCOI recommendations", body, here)
        groups = self.dataset.registry.recommendation_groups
        for row in rows:
            number = row["rec"]
            page = rec_path(number)
            entry = self.dataset.registry.recommendations[number]
            parts = [f"<h1>Recommendation {number}{': ' + escape(row['subject']) if row['subject'] else ''}</h1>"]
            if not row["subject"]:
                parts.append("<p>Its subject is not recorded: the sources do not confirm it.</p>")
            if entry.group:
                parts.append(f"<p>Group: {escape(groups[entry.group].title)}</p>")
            for year in years:
                items = row["items"][year]
                parts.append(f'<h2 id="y{year}">{self._link(page, edition_path(int(year)), f"{year} edition")}</h2>')
                if items:
                    parts.append("<ul>" + "".join(f"<li>{self._item_link(page, i)} <code>{escape(i)}</code></li>" for i in items) + "</ul>")
                else:
                    parts.append(f"<p>No item of the {year} edition answers it.</p>")
            self._page(page, f"Recommendation {number}", "\n".join(parts), here)

    def _report(self, old: int, new: int) -> DiffReport:
        from ctwp.analysis.diff import diff_programmes
        from ctwp.publish.changes import diff_report

        if (old, new) not in self.reports:
            by_year = dict(zip(self.years, self.programmes, strict=True))
            self.reports[old, new] = diff_report(f"{old} → {new}", diff_programmes(by_year[old], by_year[new]))
        return self.reports[old, new]

    def _changes(self) -> None:
        if not self.pairs:
            return
        here = "changes/index.html"
        items = "".join(
            f"<li>{self._link(here, changes_path(old, new), f'{old} to {new}')}: {escape(self._report(old, new).summary)}</li>"
            for old, new in self.pairs
        )
        self._page(here, "Changes", f"<h1>Changes from edition to edition</h1>\n<ul>{items}</ul>", here)
        for old, new in self.pairs:
            page = changes_path(old, new)
            report = self._report(old, new)
            parts = [f"<h1>Changes from {old} to {new}</h1>", f"<p>{escape(report.summary)}.</p>"]
            parts += [self._section_html(page, section) for section in report.sections]
            self._page(page, f"Changes {old} to {new}", "\n".join(parts), here)

    def _section_html(self, here: str, section: Section) -> str:
        parts = [f"<h2>{escape(section.heading)}</h2>"]
        if section.entries:
            parts.append('<ul class="changes">')
            for entry in section.entries:
                ids = " → ".join(
                    self._item_link(here, item_id, item_id) if item_id in self.dataset.item_places else escape(item_id)
                    for item_id in entry.ids
                )
                parts.append(
                    f'<li><p><span class="marker">{MARKER_WORDS[entry.marker]}</span> {ids}: {escape(entry.title)}</p>'
                    + _fields_html([(label, [text]) for label, text in entry.details])
                    + "</li>"
                )
            parts.append("</ul>")
        if section.lines:
            parts.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in section.lines) + "</ul>")
        if section.table:
            columns, rows = section.table
            parts.append(
                "<table><thead><tr>"
                + "".join(f'<th scope="col">{escape(column.header)}</th>' for column in columns)
                + "</tr></thead><tbody>"
                + "".join("<tr>" + "".join(f"<td>{escape(column.cell(row))}</td>" for column in columns) + "</tr>" for row in rows)
                + "</tbody></table>"
            )
        return "\n".join(parts)

    # -- downloads -----------------------------------------------------------------------

    def _downloads(self) -> None:
        from ctwp.analysis.queries import ItemFilter
        from ctwp.publish.calendar import ics_text, milestone_events

        status_csv, status_json = self._status_files()
        files = {
            "items.csv": ("CSV", "one row per item of every edition", _items_csv(self.found)),
            "milestones.csv": ("CSV", "one row per milestone, with its due period as an interval", _milestones_csv(self.found)),
            "status.csv": (
                "CSV",
                f"one row per milestone with its state and latest report as at {self.as_at_label}",
                status_csv,
            ),
            "status.json": (
                "JSON",
                f"the same as JSON, each milestone with every report made on it by {self.as_at_label}",
                status_json,
            ),
            "datapackage.json": (
                "Frictionless Data Package",
                "describes the three CSV files: fields, types and keys",
                _datapackage(self.as_at),
            ),
            "programme.json": ("JSON", "every edition with every item, as 'ctwp show --format json' gives it", self._json()),
            "milestones.ics": (
                "iCalendar",
                "the dated milestones, to import into a calendar",
                ics_text(milestone_events(self.dataset, ItemFilter(), self.records).events),
            ),
            "ctwp.schema.json": ("JSON Schema", "the format of a programme file", _schema_text()),
            "coverage.svg": ("SVG", "the coverage matrix, on its own", coverage_svg(recommendation_rows(self.dataset), self.years) + "\n"),
        }
        for name, (_, _, text) in files.items():
            self._write(f"downloads/{name}", text)
            self.built.downloads.append(f"downloads/{name}")
        # The home page's picture, at the root so that its links to items work from there too.
        self._write("timeline.svg", self.timeline + "\n")
        self.built.downloads.append("timeline.svg")
        here = "downloads.html"
        rows = "".join(
            f'<tr><td><a href="downloads/{name}">{name}</a></td><td>{kind}</td><td>{escape(words)}</td></tr>'
            for name, (kind, words, _) in files.items()
        )
        rows += '<tr><td><a href="timeline.svg">timeline.svg</a></td><td>SVG</td><td>the timeline picture, on its own</td></tr>'
        body = (
            "<h1>Downloads</h1>\n<p>The data this site shows, to use elsewhere. The CSV files are UTF-8, with a header row; "
            "a list (leads, recommendations, grounds) is joined with “; ”. <code>datapackage.json</code> describes them "
            "for open-data tools (Frictionless).</p>\n"
            f'<table><thead><tr><th scope="col">File</th><th scope="col">Format</th><th scope="col">What it holds</th></tr></thead><tbody>{rows}</tbody></table>'
        )
        self._page(here, "Downloads", body, here)

    def _status_rows(self) -> list[tuple[list, list[Report]]]:
        """A row of ``_STATUS_FIELDS`` for each milestone (None where there is no value), with
        the reports made on it by the as-at day."""
        rows = []
        day = self.as_at.isoformat()
        for statuses in self.statuses.values():
            for position, status in enumerate(statuses, 1):
                due, report = status.milestone.due, status.report
                made = self.reports_made.get(status.reference, ())
                rows.append(
                    (
                        [
                            status.found.item.id,
                            status.key,
                            position,
                            status.found.programme.year,
                            due.canonical,
                            due.start.isoformat() if due.dated else None,
                            due.end.isoformat() if due.dated else None,
                            day,
                            status.state.value,
                            len(made),
                            *((report.date.canonical, report.status, report.note, report.source) if report else (None,) * 4),
                        ],
                        made,
                    )
                )
        return rows

    def _status_files(self) -> tuple[str, str]:
        """status.csv, and status.json: the same rows, each with every report made by the as-at day."""
        rows = self._status_rows()
        names = [name for name, _, _ in _STATUS_FIELDS]
        milestones = [dict(zip(names, row, strict=True), reports=list(map(report_fields, made))) for row, made in rows]
        text = json.dumps({"generated": self.note, "as_at": self.as_at.isoformat(), "milestones": milestones}, ensure_ascii=False)
        return _csv(_STATUS_FIELDS, [row for row, _ in rows]), text + "\n"

    def _json(self) -> str:
        editions = []
        for programme in self.programmes:
            items = [self.records[item.id] for _, item in programme.items()]
            editions.append({"year": programme.year, "title": programme.title, "source": programme.source, "items": items})
        # Without indent, json encodes in C: several times faster on a large data set.
        return json.dumps({"generated": self.note, "editions": editions}, ensure_ascii=False) + "\n"


def _schema_text() -> str:
    """The JSON Schema as committed (a test keeps it current) or shipped in the package; made
    from the model only when neither is there, since that loads the validator."""
    package = Path(__file__).resolve().parent.parent
    for path in (package / "_schema" / "ctwp.schema.json", package.parent / "schema" / "ctwp.schema.json"):
        if path.is_file():
            return path.read_text(encoding="utf-8")
    from ctwp.data.schema import schema_text

    return schema_text()


def _state_html(status: MilestoneStatus) -> str:
    """A milestone's state in words, with "unreported" beside it when no report was made by the as-at day."""
    unreported = ', <span class="unreported">unreported</span>' if status.report is None else ""
    return f'<span class="state">{status.state.label}</span>{unreported}'


def _report_html(report: Report) -> str:
    """A progress report: its day, status, note and source; a source that is a web address
    links to it (a link to follow, never fetched by the page)."""
    source = escape(report.source)
    if report.source.startswith(("https://", "http://")):
        source = f'<a href="{source}" rel="external">{source}</a>'
    note = f" {escape(report.note)}" if report.note else ""
    return (
        f'<li><time datetime="{report.date.canonical}">{report.date.label}</time>: '
        f"{status_label(report.status)}.{note} Source: {source}</li>"
    )


def _fields_html(fields: list[tuple[str, list[str]]], links: dict[str, list[str]] | None = None, root: str = "") -> str:
    """Labelled lines as a description list; the first lines of a field link where ``links`` gives targets."""
    if not fields:
        return ""
    links = links or {}
    parts = ["<dl>"]
    for label, values in fields:
        targets = links.get(label)
        if targets:
            shown = [
                f'<a href="{root}{targets[index]}">{escape(value)}</a>' if index < len(targets) else escape(value)
                for index, value in enumerate(values)
            ]
        else:
            shown = list(map(escape, values))
        value = shown[0] if len(shown) == 1 else "<ul>" + "".join(f"<li>{line}</li>" for line in shown) + "</ul>"
        parts.append(f"<dt>{escape(label)}</dt><dd>{value}</dd>")
    parts.append("</dl>")
    return "".join(parts)


# The CSV files and their Frictionless description: one list, so the two cannot drift.
_ITEM_FIELDS = (
    ("year", "integer", "the edition"),
    ("id", "string", "the item's id"),
    ("group_id", "string", "the id of its group (2021 initiative, 2022 capability)"),
    ("group", "string", "the title of its group"),
    ("title", "string", "the item's title; empty when withheld"),
    ("leads", "string", "agency codes, joined with '; '"),
    ("lead_text", "string", "the lead in words where it is not an agency"),
    ("recs", "string", "RCOI recommendation numbers, joined with '; '"),
    ("continues", "string", "the id of the item of an earlier edition it carries on"),
    ("withheld", "string", "the Official Information Act grounds its content was withheld on, joined with '; '"),
)
_MILESTONE_FIELDS = (
    ("item_id", "string", "the id of the item"),
    ("position", "integer", "the milestone's place among the item's milestones, from 1"),
    ("year", "integer", "the edition"),
    ("due", "string", "the due period in canonical form (2022-Q4, 2022-12, ongoing...)"),
    ("due_label", "string", "the due period as people write it"),
    ("due_start", "date", "the first day of the due period; empty when undated"),
    ("due_end", "date", "the last day of the due period; empty when undated"),
    ("text", "string", "the milestone in the source's words"),
    ("condition", "string", "what a conditional milestone waits on"),
)


_STATUS_FIELDS = (
    ("item_id", "string", "the id of the item"),
    ("milestone_key", "string", "the milestone's key in its item"),
    ("position", "integer", "the milestone's place among the item's milestones, from 1"),
    ("year", "integer", "the edition"),
    ("due", "string", "the due period in canonical form"),
    ("due_start", "date", "the first day of the due period; empty when undated"),
    ("due_end", "date", "the last day of the due period; empty when undated"),
    ("as_at", "date", "the day the state is given as at"),
    ("state", "string", "one of: " + ", ".join(state.value for state in State)),
    ("report_count", "integer", "how many progress reports were made on or before the as-at day; 0: unreported"),
    ("report_date", "string", "the day (or month) of the latest report on or before the as-at day; empty when unreported"),
    ("report_status", "string", "what that report says"),
    ("report_note", "string", "its note"),
    ("report_source", "string", "its source"),
)


def _csv(header: tuple, rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _, _ in header])
    writer.writerows(rows)
    return out.getvalue()


def _joined(values: list) -> str:
    return "; ".join(map(str, values))


def _items_csv(found_items: list[Found]) -> str:
    rows = []
    for found in found_items:
        item = found.item
        rows.append(
            [
                found.programme.year,
                item.id,
                found.group.id,
                found.group.title,
                item.title or "",
                _joined(item.leads),
                item.lead_text or "",
                _joined(item.recs),
                item.continues or "",
                _joined(item.withheld.grounds) if item.withheld else "",
            ]
        )
    return _csv(_ITEM_FIELDS, rows)


def _milestones_csv(found_items: list[Found]) -> str:
    rows = []
    for found in found_items:
        for position, milestone in enumerate(found.item.milestones, 1):
            due = milestone.due
            rows.append(
                [
                    found.item.id,
                    position,
                    found.programme.year,
                    due.canonical,
                    due.label,
                    due.start.isoformat() if due.dated else "",
                    due.end.isoformat() if due.dated else "",
                    milestone.text or "",
                    milestone.condition or "",
                ]
            )
    return _csv(_MILESTONE_FIELDS, rows)


def _schema(fields: tuple) -> list[dict]:
    return [{"name": name, "type": kind, "description": words} for name, kind, words in fields]


def _resource(name: str, fields: tuple, primary_key: list[str], **more: str) -> dict:
    """A CSV file of the site as a Frictionless tabular data resource; all but ``items`` refer to an item."""
    schema: dict = {"fields": _schema(fields), "primaryKey": primary_key}
    if name != "items":
        schema["foreignKeys"] = [{"fields": "item_id", "reference": {"resource": "items", "fields": "id"}}]
    schema["missingValues"] = [""]
    return {
        "name": name,
        "path": f"{name}.csv",
        **more,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def _datapackage(as_at: date) -> str:
    status_words = (
        f"Each milestone's state and latest progress report as at {as_at.isoformat()}. The values depend "
        "on that day, the as-at day the site was built for ('ctwp site --as-at'); the same data as at another day differs."
    )
    package = {
        "profile": "tabular-data-package",
        "name": "nz-counter-terrorism-work-programme",
        "title": SITE_NAME,
        "description": "New Zealand's Counter-Terrorism Work Programme, each edition released under the Official Information Act 1982.",
        "resources": [
            _resource("items", _ITEM_FIELDS, ["id"]),
            _resource("milestones", _MILESTONE_FIELDS, ["item_id", "position"]),
            _resource("status", _STATUS_FIELDS, ["item_id", "milestone_key"], description=status_words),
        ],
    }
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"
