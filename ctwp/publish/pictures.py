"""Pictures of the programme as SVG, drawn by ctwp: nothing is fetched to show them.

* The timeline: one row per item, by edition and group, with a bar for each dated milestone
  spanning its whole due period (a quarter is three months wide, a month one month, a day a
  day); undated milestones are named in a column beside it; dashed lines join an item to the
  item of a later edition that continues it.
* The coverage matrix: the Royal Commission's recommendations by edition, each cell giving
  the number of items that answer it.

Both carry a title and a description for screen readers, say what they show in text as well
as in shape (nothing rests on colour alone), and print in black and white.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ctwp.analysis.words import milestone_text
from ctwp.core.errors import counted
from ctwp.data.periods import days_in_month
from ctwp.publish.escape import html_text as escape

if TYPE_CHECKING:
    from collections.abc import Callable

    from markupsafe import Markup

    from ctwp.data.records import Item, Programme

_ROW = 18  # px per row
_BAR = 10  # bar height
_MONTH = 22  # px per month
_CHAR = 6.7  # px per character of the 11px monospace labels
_UNDATED_WIDTH = 190
_HEAD = 34  # the axis

_TIMELINE_STYLE = (
    "text{font:11px system-ui,sans-serif;fill:#1a1a1a}"
    ".id{font-family:ui-monospace,Menlo,Consolas,monospace}"
    ".edition{font-weight:700;font-size:13px}.group{font-style:italic;fill:#444}"
    ".bar{fill:#1d4f73;stroke:#0b2233;stroke-width:.5}"
    ".grid{stroke:#c8d3dd;stroke-width:1}.quarter{stroke:#e4e9ee}"
    ".link{fill:none;stroke:#6b3fa0;stroke-width:1.2;stroke-dasharray:3 2}"
    ".undated{fill:#444}a:focus .id,a:hover .id{text-decoration:underline}"
    "@media print{.bar{fill:#000}.link{stroke:#000}}"
)


@dataclass(frozen=True)
class _Row:
    y: int
    kind: str  # edition, group or item
    text: str
    item: Item | None = None
    year: int | None = None


def dated_milestone_count(programmes: list[Programme]) -> int:
    """How many bars the timeline of ``programmes`` draws: one per dated milestone."""
    return sum(1 for programme in programmes for _, item in programme.items() for milestone in item.milestones if milestone.due.dated)


def timeline_svg(
    programmes: list[Programme],
    item_href: Callable[[str], str] | None = None,
    ident: str = "timeline",
    states: dict[str, list[str]] | None = None,
) -> Markup:
    """The timeline of ``programmes``; ``item_href`` gives the link of an item's page (no links
    without it); ``states``, by item id, the state of each of its milestones in words, which
    each bar then says in its title and ``data-state`` (in text: never by colour alone)."""
    rows: list[_Row] = []
    y = _HEAD
    first_day, last_day = None, None
    for programme in programmes:
        rows.append(_Row(y + 13, "edition", f"{programme.year} edition"))
        y += _ROW + 4
        for group in programme.groups:
            if not group.items:
                continue
            rows.append(_Row(y + 12, "group", group.title))
            y += _ROW
            for item in group.items:
                rows.append(_Row(y, "item", item.id, item, programme.year))
                y += _ROW
                for milestone in item.milestones:
                    due = milestone.due
                    if due.dated:
                        first_day = due.start if first_day is None or due.start < first_day else first_day
                        last_day = due.end if last_day is None or due.end > last_day else last_day
    height = y + 8
    if first_day is None:
        first_day = last_day = date(min((p.year for p in programmes), default=2000), 1, 1)
    start = date(first_day.year, 1, 1)
    years = list(range(first_day.year, last_day.year + 1))
    label_width = int(max((len(row.text) for row in rows if row.kind == "item"), default=10) * _CHAR) + 16
    plot_width = 12 * _MONTH * len(years)
    undated_x = label_width + plot_width + 12
    width = undated_x + _UNDATED_WIDTH

    def x_of(day: date) -> float:
        return label_width + ((day.year - start.year) * 12 + day.month - 1 + (day.day - 1) / _days_in_month(day)) * _MONTH

    bars = dated_milestone_count(programmes)
    undated = sum(1 for p in programmes for _, item in p.items() for m in item.milestones if not m.due.dated)
    editions = ", ".join(str(p.year) for p in programmes) or "none"
    title = f"Timeline of the programme's dated milestones, edition {editions}"
    description = (
        f"{counted(bars, 'dated milestone')} of {counted(sum(1 for p in programmes for _ in p.items()), 'item')}, "
        f"each drawn as a bar spanning its whole due period (a quarter spans three months, a month the month), "
        f"on a calendar from {years[0]} to {years[-1]}; {counted(undated, 'undated milestone')} (ongoing, TBD or conditional) "
        f"named in the column at the right; dashed lines join an item to the later item that continues it."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" id="{ident}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
        f"<style>{_TIMELINE_STYLE}</style>",
    ]
    for index, year in enumerate(years):
        left = label_width + index * 12 * _MONTH
        parts.append(f'<line class="grid" x1="{left}" y1="{_HEAD - 14}" x2="{left}" y2="{height}"/>')
        parts += [
            f'<line class="grid quarter" x1="{left + q * 3 * _MONTH}" y1="{_HEAD - 6}" x2="{left + q * 3 * _MONTH}" y2="{height}"/>'
            for q in (1, 2, 3)
        ]
        parts.append(f'<text x="{left + 4}" y="{_HEAD - 18}">{year}</text>')
        parts += [f'<text x="{left + q * 3 * _MONTH + 3}" y="{_HEAD - 6}" font-size="9">Q{q + 1}</text>' for q in range(4)]
    right = label_width + plot_width
    parts.append(f'<line class="grid" x1="{right}" y1="{_HEAD - 14}" x2="{right}" y2="{height}"/>')
    parts.append(f'<text x="{undated_x}" y="{_HEAD - 18}" font-weight="700">Undated</text>')
    ends: dict[str, tuple[float, float]] = {}  # item id: where a link to what continues it starts
    starts: dict[str, tuple[float, float]] = {}
    for row in rows:
        if row.kind != "item":
            indent = 4 if row.kind == "edition" else 10
            parts.append(f'<text class="{row.kind}" x="{indent}" y="{row.y}">{escape(row.text)}</text>')
            continue
        item = row.item
        middle = row.y + _ROW / 2
        label = f'<text class="id" x="8" y="{row.y + 13}">{escape(item.id)}<title>{escape(_item_words(item))}</title></text>'
        parts.append(f'<a href="{escape(item_href(item.id))}">{label}</a>' if item_href else label)
        first_x, last_x, undated_words = None, None, []
        item_states = states.get(item.id) if states else None
        for position, milestone in enumerate(item.milestones):
            due = milestone.due
            if not due.dated:
                undated_words.append(due.label)
                continue
            left, after = x_of(due.start), x_of(due.end) + _MONTH / _days_in_month(due.end)  # the end of its last day
            first_x = left if first_x is None else min(first_x, left)
            last_x = after if last_x is None else max(last_x, after)
            span = f"{due.start.isoformat()}/{due.end.isoformat()}"
            state = f' data-state="{escape(item_states[position])}"' if item_states else ""
            said = f" ({escape(item_states[position])})" if item_states else ""
            parts.append(
                f'<rect class="bar" data-due="{span}"{state} x="{left:.1f}" y="{middle - _BAR / 2:.1f}" width="{max(after - left, 2):.1f}" height="{_BAR}">'
                f"<title>{escape(item.id)}: {escape(milestone_text(milestone))}{said}</title></rect>"
            )
        if undated_words:
            parts.append(f'<text class="undated" x="{undated_x}" y="{row.y + 13}">{escape(", ".join(undated_words))}</text>')
        starts[item.id] = (first_x if first_x is not None else undated_x - 4, middle)
        ends[item.id] = (last_x if last_x is not None else undated_x - 4, middle)
        if item.continues and item.continues in ends:
            (x1, y1), (x2, y2) = ends[item.continues], starts[item.id]
            parts.append(f'<path class="link" d="M{x1:.1f},{y1:.1f} C{x1 + 30:.1f},{y1:.1f} {x2 - 30:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"/>')
    parts.append("</svg>")
    # Every value from the data in it is escaped: markup as it stands, for a page to show.
    return _markup("\n".join(parts))


def _markup(svg: str) -> Markup:
    from markupsafe import Markup

    return Markup(svg)


def _item_words(item: Item) -> str:
    from ctwp.analysis.queries import item_title

    return item_title(item) + "; " + "; ".join(milestone_text(milestone) for milestone in item.milestones)


def _days_in_month(day: date) -> int:
    return days_in_month(day.year, day.month)


_COVERAGE_STYLE = (
    "text{font:11px system-ui,sans-serif;fill:#1a1a1a}.head{font-weight:700}"
    ".yes{fill:#1d4f73}.no{fill:#fff;stroke:#8a99a8}.yes+text{fill:#fff;font-weight:700}"
    "a:focus text,a:hover text{text-decoration:underline}"
    "@media print{.yes{fill:#000}}"
)


def coverage_svg(rows: list[dict], years: list[int], rec_href: Callable[[int], str] | None = None, ident: str = "coverage") -> Markup:
    """The coverage matrix of ``recommendation_rows``: a row per recommendation, a column per
    edition, each cell the number of items answering it (a dash for none)."""
    cell_w, cell_h, label_w, head = 56, 16, 40, 22
    width = label_w + cell_w * len(years) + 4
    height = head + cell_h * len(rows) + 4
    answered = {year: sum(1 for row in rows if row["items"][str(year)]) for year in years}
    description = "; ".join(f"{answered[year]} of {len(rows)} recommendations named by an item in {year}" for year in years)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="coverage" id="{ident}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f'<title id="{ident}-title">Royal Commission recommendations answered, by edition</title>',
        f'<desc id="{ident}-desc">{escape(description)}. Each cell gives the number of items answering the recommendation; a dash marks none.</desc>',
        f"<style>{_COVERAGE_STYLE}</style>",
    ]
    parts += [f'<text class="head" x="{label_w + i * cell_w + 8}" y="{head - 8}">{year}</text>' for i, year in enumerate(years)]
    for index, row in enumerate(rows):
        y = head + index * cell_h
        label = f'<text x="4" y="{y + 12}">{row["rec"]}</text>'
        parts.append(f'<a href="{escape(rec_href(row["rec"]))}">{label}</a>' if rec_href else label)
        for i, year in enumerate(years):
            number = len(row["items"][str(year)])
            x = label_w + i * cell_w
            parts.append(
                f'<rect class="{"yes" if number else "no"}" x="{x + 2}" y="{y + 1}" width="{cell_w - 4}" height="{cell_h - 2}"/>'
                f'<text x="{x + cell_w / 2 - 3}" y="{y + 12}">{number or "–"}</text>'
            )
    parts.append("</svg>")
    # Every value from the data in it is escaped: markup as it stands, for a page to show.
    return _markup("\n".join(parts))
