"""Pictures of the programme as SVG, drawn by ctwp: nothing is fetched to show them.

* The timeline: one row per item, labelled by its title and linked to its page, with a bar
  for each dated milestone spanning its whole due period (a quarter is three months wide, a
  month one month, a day a day); undated milestones are named in a column beside it. An item
  continued in a later edition has the item that continues it on the row just below, joined
  to it by a line in the label column (as a tree), so no line crosses the chart. Each bar
  shows its milestone's state by colour and by pattern, with a legend.
* The delivery picture: each edition's milestones by state, a stacked bar per edition.
* The coverage matrix: the Royal Commission's recommendations by edition, each cell giving
  the number of items that answer it.

Each carries a title and a description for screen readers and says what it shows in text as
well as in shape (nothing rests on colour alone: every state has a pattern of its own).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from ctwp.analysis.vocabulary import State
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
_CHAR = 6.2  # px per character of the 11px labels (a generous average)
_TITLE_CHARS = 48  # a longer title is cut at a word, with "…"; its whole title is in its tooltip
_INDENT = 14  # px per level of continuation in the label column
_UNDATED_WIDTH = 190
_AXIS = 34  # the axis's height
_SWATCH = 14  # a legend's sample of a state's look


class StateLook(NamedTuple):
    css: str  # the class of a bar in this state: state-VALUE
    colour: str
    pattern: str  # a key of _PATTERNS: the marks drawn over the colour


# White marks over the colour, on a 6 px tile: what tells the states apart without colour.
_PATTERNS = {
    "solid": "",
    "hatch": '<path d="M-1,1 L1,-1 M0,6 L6,0 M5,7 L7,5" stroke="#fff" stroke-width="1.4"/>',
    "back-hatch": '<path d="M-1,5 L1,7 M0,0 L6,6 M5,-1 L7,1" stroke="#fff" stroke-width="1.4"/>',
    "cross": '<path d="M0,6 L6,0 M0,0 L6,6" stroke="#fff" stroke-width="1"/>',
    "dots": '<circle cx="3" cy="3" r="1.3" fill="#fff"/>',
    "horizontal": '<path d="M0,3 H6" stroke="#fff" stroke-width="1.4"/>',
    "vertical": '<path d="M3,0 V6" stroke="#fff" stroke-width="1.4"/>',
    "grid": '<path d="M0,3 H6 M3,0 V6" stroke="#fff" stroke-width="1"/>',
    "rings": '<circle cx="3" cy="3" r="1.6" fill="none" stroke="#fff" stroke-width="1"/>',
    "wide-hatch": '<path d="M0,6 L6,0" stroke="#fff" stroke-width="2.6"/>',
    "squares": '<rect x="2" y="2" width="2" height="2" fill="#fff"/>',
    "plus": '<path d="M3,1 V5 M1,3 H5" stroke="#fff" stroke-width="1"/>',
    "dashes": '<path d="M0,3 H3" stroke="#fff" stroke-width="1.4"/>',
    "edges": '<path d="M0,0.5 H6 M0,5.5 H6" stroke="#fff" stroke-width="1"/>',
    "corner": '<path d="M0,0 L3,0 L0,3 Z" fill="#fff"/>',
    "wide-dots": '<circle cx="3" cy="3" r="2.2" fill="#fff"/>',
}
# Each state's look: greens for the ways a milestone is done, greys for stopped and replaced,
# red for known late, blues and amber for work reported under way, purple for carried
# forward, and pale tones for what no report speaks to. Every state has its own marks too.
_LOOKS = {
    State.DONE_ON_TIME: ("#1b7837", "solid"),
    State.DONE_LATE: ("#4f7f1f", "back-hatch"),
    State.DONE: ("#2d6a4f", "dots"),
    State.DONE_BY: ("#3a7d5c", "rings"),
    State.DONE_BEFORE_EDITION: ("#155d3a", "vertical"),
    State.STOPPED: ("#4d4d4d", "cross"),
    State.REPLACED: ("#5e5e73", "grid"),
    State.KNOWN_LATE: ("#b2182b", "hatch"),
    State.AT_RISK: ("#a6530a", "wide-hatch"),
    State.ON_TRACK: ("#2166ac", "horizontal"),
    State.NOT_STARTED: ("#35706b", "dashes"),
    State.CARRIED_FORWARD: ("#762a83", "wide-dots"),
    State.NO_REPORT_PAST_DUE: ("#8a8a8a", "squares"),
    State.DUE_SOON: ("#5a4a00", "plus"),
    State.NOT_YET_DUE: ("#7a8a99", "edges"),
    State.UNDATED: ("#9a8f80", "corner"),
}
STATE_LOOKS: dict[State, StateLook] = {state: StateLook(f"state-{state.value}", *_LOOKS[state]) for state in State}

_TIMELINE_STYLE = (
    "text{font:11px system-ui,sans-serif;fill:#1a1a1a}"
    ".edition{font-weight:700;font-size:13px}.group{font-style:italic;fill:#444}.year{fill:#4a4a4a}"
    ".bar{stroke:#1a1a1a;stroke-width:.6}.plain{fill:#1d4f73}"
    ".grid{stroke:#c8d3dd;stroke-width:1}.quarter{stroke:#e4e9ee}"
    ".link{stroke:#6b3fa0;stroke-width:1.5}"
    ".undated{fill:#444}a:focus text,a:hover text{text-decoration:underline}"
    ".swatch{stroke:#1a1a1a;stroke-width:.6}"
)


@dataclass(frozen=True)
class _Row:
    y: int
    kind: str  # edition, group or item
    text: str
    item: Item | None = None
    year: int | None = None
    depth: int = 0  # how many items of earlier editions it continues, on rows above


def dated_milestone_count(programmes: list[Programme]) -> int:
    """How many bars the timeline of ``programmes`` draws: one per dated milestone."""
    return sum(1 for programme in programmes for _, item in programme.items() for milestone in item.milestones if milestone.due.dated)


def _workstreams(programmes: list[Programme]) -> Iterator[tuple[str, str | None, Item | None, int, int]]:
    """The timeline's rows in order, as (kind, text, item, year, depth): each edition's groups
    and the items that begin a workstream in them, each followed (depth first) by the items of
    later editions that continue it. An item whose ``continues`` is not drawn begins one."""
    drawn = {item.id: (programme.year, item) for programme in programmes for _, item in programme.items()}
    children: dict[str, list[str]] = {}
    for programme in programmes:
        for _, item in programme.items():
            if item.continues in drawn and drawn[item.continues][0] < programme.year:
                children.setdefault(item.continues, []).append(item.id)
    continuing = {child for ids in children.values() for child in ids}
    for index, programme in enumerate(programmes):
        groups = [(group, [item for item in group.items if item.id not in continuing]) for group in programme.groups]
        if not any(items for _, items in groups):
            continue
        heading = f"{programme.year} edition" if index == 0 else f"Begun in the {programme.year} edition"
        yield "edition", heading, None, programme.year, 0
        for group, items in groups:
            if not items:
                continue
            yield "group", group.title, None, programme.year, 0
            stack = [(item.id, 0) for item in reversed(items)]
            while stack:
                item_id, depth = stack.pop()
                year, item = drawn[item_id]
                yield "item", None, item, year, depth
                stack += [(child, depth + 1) for child in reversed(children.get(item_id, ()))]


def _shortened(text: str, limit: int = _TITLE_CHARS) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:–-") + "…"


def _defs(ident: str, states: list[State]) -> str:
    """The patterns of ``states``' looks, with ids ``IDENT-VALUE``."""
    patterns = []
    for state in states:
        look = STATE_LOOKS[state]
        patterns.append(
            f'<pattern id="{ident}-{state.value}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{look.colour}"/>{_PATTERNS[look.pattern]}</pattern>'
        )
    return "<defs>" + "".join(patterns) + "</defs>"


def _legend(ident: str, states: list[State], x: float, y: float, width: float) -> tuple[list[str], float]:
    """A swatch and the words of each state, in rows that fit ``width``; and its height."""
    parts, left, top = [], x, y
    for state in states:
        size = _SWATCH + 6 + len(state.label) * _CHAR + 18
        if left > x and left + size > x + width:
            left, top = x, top + _SWATCH + 6
        parts.append(
            f'<rect class="swatch {STATE_LOOKS[state].css}" x="{left:.1f}" y="{top}" width="{_SWATCH}" height="{_SWATCH}" fill="url(#{ident}-{state.value})"/>'
            f'<text x="{left + _SWATCH + 5:.1f}" y="{top + 11}">{escape(state.label)}</text>'
        )
        left += size
    return parts, (top - y + _SWATCH + 10) if states else 0


def timeline_svg(
    programmes: list[Programme],
    item_href: Callable[[str], str] | None = None,
    ident: str = "timeline",
    states: dict[str, list[State]] | None = None,
) -> Markup:
    """The timeline of ``programmes``; ``item_href`` gives the link of an item's page (no links
    without it); ``states``, by item id, the state of each of its milestones, which each bar
    then shows by its look, says in its title and gives in ``data-state``."""
    several = len(programmes) > 1
    drawn = {
        states[item.id][position]
        for programme in programmes
        for _, item in programme.items()
        if states and item.id in states
        for position, milestone in enumerate(item.milestones)
        if milestone.due.dated
    }
    shown_states = [state for state in State if state in drawn]  # the legend: the states of the bars
    legend_height = _legend(ident, shown_states, 0, 0, 1000)[1] if shown_states else 0
    rows: list[_Row] = []
    y = _AXIS + legend_height
    first_day, last_day = None, None
    for kind, text, item, year, depth in _workstreams(programmes):
        if kind == "edition":
            rows.append(_Row(y + 13, kind, text))
            y += _ROW + 4
        elif kind == "group":
            rows.append(_Row(y + 12, kind, text))
            y += _ROW
        else:
            label = (f"{year} · " if several else "") + _shortened(_title(item))
            rows.append(_Row(y, kind, label, item, year, depth))
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
    label_width = int(max((8 + row.depth * _INDENT + len(row.text) * _CHAR for row in rows if row.kind == "item"), default=60)) + 16
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
        f"named in the column at the right; an item continued in a later edition has the item that continues it on the rows "
        f"below it, joined by a line in the label column."
        + (" Each bar's colour and pattern give its milestone's state, as the legend says." if shown_states else "")
    )
    # No role="img": the picture holds links, which an image's role would hide from a screen reader.
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" id="{ident}" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
        f"<style>{_TIMELINE_STYLE}</style>",
    ]
    if shown_states:
        parts.append(_defs(ident, shown_states))
        parts += _legend(ident, shown_states, 8, 4, width - 16)[0]
    axis = _AXIS + legend_height
    for index, year in enumerate(years):
        left = label_width + index * 12 * _MONTH
        parts.append(f'<line class="grid" x1="{left}" y1="{axis - 14}" x2="{left}" y2="{height}"/>')
        parts += [
            f'<line class="grid quarter" x1="{left + q * 3 * _MONTH}" y1="{axis - 6}" x2="{left + q * 3 * _MONTH}" y2="{height}"/>'
            for q in (1, 2, 3)
        ]
        parts.append(f'<text x="{left + 4}" y="{axis - 18}">{year}</text>')
        parts += [f'<text x="{left + q * 3 * _MONTH + 3}" y="{axis - 6}" font-size="9">Q{q + 1}</text>' for q in range(4)]
    right = label_width + plot_width
    parts.append(f'<line class="grid" x1="{right}" y1="{axis - 14}" x2="{right}" y2="{height}"/>')
    parts.append(f'<text x="{undated_x}" y="{axis - 18}" font-weight="700">Undated</text>')
    # Where each drawn item's row is, to join the rows of the items that continue it.
    middles: dict[str, tuple[float, float]] = {}
    for row in rows:
        if row.kind != "item":
            indent = 4 if row.kind == "edition" else 10
            parts.append(f'<text class="{row.kind}" x="{indent}" y="{row.y}">{escape(row.text)}</text>')
            continue
        item = row.item
        middle = row.y + _ROW / 2
        x = 8 + row.depth * _INDENT
        middles[item.id] = (x, middle)
        if row.depth and item.continues in middles:
            # Down from the row of what it continues, then across to this one: in the label column only.
            (parent_x, parent_middle) = middles[item.continues]
            trunk = parent_x + 3
            parts.append(f'<line class="link" x1="{trunk}" y1="{parent_middle + 5}" x2="{trunk}" y2="{middle}"/>')
            parts.append(f'<line class="link" x1="{trunk}" y1="{middle}" x2="{x - 2}" y2="{middle}"/>')
        label = f'<text class="label" x="{x}" y="{row.y + 13}">{escape(row.text)}<title>{escape(_item_words(item))}</title></text>'
        parts.append(f'<a href="{escape(item_href(item.id))}">{label}</a>' if item_href else label)
        undated_words = []
        item_states = states.get(item.id) if states else None
        for position, milestone in enumerate(item.milestones):
            due = milestone.due
            if not due.dated:
                undated_words.append(due.label)
                continue
            left, after = x_of(due.start), x_of(due.end) + _MONTH / _days_in_month(due.end)  # the end of its last day
            span = f"{due.start.isoformat()}/{due.end.isoformat()}"
            shape = f'x="{left:.1f}" y="{middle - _BAR / 2:.1f}" width="{max(after - left, 2):.1f}" height="{_BAR}"'
            words = f"{escape(item.id)}: {escape(milestone_text(milestone))}"
            if item_states:
                state = item_states[position]
                parts.append(
                    f'<rect class="bar {STATE_LOOKS[state].css}" data-due="{span}" data-state="{state.value}" {shape} fill="url(#{ident}-{state.value})">'
                    f"<title>{words} ({escape(state.label)})</title></rect>"
                )
            else:
                parts.append(f'<rect class="bar plain" data-due="{span}" {shape}><title>{words}</title></rect>')
        if undated_words:
            parts.append(f'<text class="undated" x="{undated_x}" y="{row.y + 13}">{escape(", ".join(undated_words))}</text>')
    parts.append("</svg>")
    # Every value from the data in it is escaped: markup as it stands, for a page to show.
    return _markup("\n".join(parts))


def delivery_svg(editions: list[tuple[int, dict[State, int]]], ident: str = "delivery") -> Markup:
    """Each edition's milestones by state as at the site's day: a bar per edition, as long as
    its milestones are many, cut into one part per state in that state's look, with a legend."""
    shown = [state for state in State if any(counts.get(state) for _, counts in editions)]
    label_w, bar_w, bar_h, gap = 150, 420, 22, 10
    most = max((sum(counts.values()) for _, counts in editions), default=0) or 1
    width = label_w + bar_w + 20
    legend, legend_height = _legend(ident, shown, 8, 0, width - 16)
    top = legend_height + 6
    height = top + len(editions) * (bar_h + gap) + 4
    said = "; ".join(
        f"{year}: " + ", ".join(f"{counts[state]} {state.label}" for state in shown if counts.get(state)) for year, counts in editions
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="delivery" id="{ident}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f'<title id="{ident}-title">Milestones by state, by edition</title>',
        f'<desc id="{ident}-desc">{escape(said or "No milestones")}.</desc>',
        f"<style>{_TIMELINE_STYLE}</style>",
        _defs(ident, shown),
        *legend,
    ]
    for index, (year, counts) in enumerate(editions):
        y = top + index * (bar_h + gap)
        total = sum(counts.values())
        parts.append(f'<text x="4" y="{y + 15}">{year}: {counted(total, "milestone")}</text>')
        left = float(label_w)
        for state in shown:
            if counts.get(state):
                size = counts[state] / most * bar_w
                parts.append(
                    f'<rect class="bar {STATE_LOOKS[state].css}" data-state="{state.value}" x="{left:.1f}" y="{y}" width="{size:.1f}" height="{bar_h}" '
                    f'fill="url(#{ident}-{state.value})"><title>{year}: {counts[state]} {escape(state.label)}</title></rect>'
                )
                left += size
    parts.append("</svg>")
    return _markup("\n".join(parts))


def _markup(svg: str) -> Markup:
    from markupsafe import Markup

    return Markup(svg)


def _title(item: Item) -> str:
    from ctwp.analysis.queries import item_title

    return item_title(item)


def _item_words(item: Item) -> str:
    return f"{_title(item)} ({item.id}); " + "; ".join(milestone_text(milestone) for milestone in item.milestones)


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
        f'<svg xmlns="http://www.w3.org/2000/svg" class="coverage" id="{ident}" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f'<title id="{ident}-title">Royal Commission recommendations named by an item, by edition</title>',
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
