"""Drafting the next edition from the latest: the same groups, every item carried forward.

Each carried item gets the new year's id and a ``continues:`` link to the item it carries
on; its title, leads and recommendations are kept. Its milestones are the editor's to
write: each is left ``due: tbd`` (an ongoing one ``due: ongoing``), with last year's milestone
beside it as a comment. The file says ``draft: true`` until the edition is published.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ctwp.analysis.progress import latest_report
from ctwp.analysis.queries import Found
from ctwp.analysis.words import milestone_text
from ctwp.core.errors import UsageError
from ctwp.data.loading import Dataset
from ctwp.data.periods import Kind
from ctwp.data.records import Group, Item, Programme, milestone_keys
from ctwp.data.yamltext import scalar

_CLOSED = ("done", "stopped")


@dataclass
class Draft:
    year: int
    text: str
    carried: list[str] = field(default_factory=list)  # ids of the items carried, in the old edition
    left_out: list[str] = field(default_factory=list)


def draft_edition(dataset: Dataset, year: int, carry: str = "all", skip_years: bool = False) -> Draft:
    """The YAML text of the ``year`` edition, drafted from the latest edition of ``dataset``;
    a year that skips editions only with ``skip_years``."""
    from ctwp.data.model import FIRST_YEAR, LAST_YEAR

    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageError(f"{year} is not a year of an edition", f"give a year from {FIRST_YEAR} to {LAST_YEAR}")
    latest = dataset.programmes[-1].programme
    if year <= latest.year:
        raise UsageError(f"the latest edition is {latest.year}; a new edition must be of a later year", f"try 'ctwp new {latest.year + 1}'")
    if latest.draft:
        raise UsageError(
            f"the latest edition, {latest.year}, is a draft", "publish it first (delete its 'draft: true' line), then draft the next"
        )
    if year > latest.year + 1 and not skip_years:
        skipped = str(latest.year + 1) if year == latest.year + 2 else f"{latest.year + 1} to {year - 1}"
        raise UsageError(
            f"the latest edition is {latest.year}, so a {year} edition skips {skipped}",
            f"give --skip-years to draft it anyway, or try 'ctwp new {latest.year + 1}'",
        )
    draft = Draft(year, "")
    groups = []
    for group in latest.groups:
        items = []
        for item in group.items:
            reports = latest_report(dataset, Found(latest, group, item))
            if carry == "open" and all(report is not None and report.status in _CLOSED for report in reports):
                draft.left_out.append(item.id)
            else:
                draft.carried.append(item.id)
                items.append(item)
        if items or group.kind == "underpinning":
            groups.append((group, items))
    if not any(items for _, items in groups):
        raise UsageError(f"every item of {latest.year} is done or stopped: nothing to carry", "use --carry all to carry them anyway")
    draft.text = _edition_text(latest, year, groups)
    return draft


def new_id(old_id: str, old_year: int, year: int) -> str:
    """The id an item or group takes in the new edition: its year prefix replaced, or added."""
    prefix = f"{old_year}-"
    return f"{year}-{old_id[len(prefix) :]}" if old_id.startswith(prefix) else f"{year}-{old_id}"


def _edition_text(latest: Programme, year: int, groups: list[tuple[Group, list[Item]]]) -> str:
    lines = [
        "# yaml-language-server: $schema=../schema/ctwp.schema.json",
        "#",
        f"# Draft of the {year} edition, made with 'ctwp new {year}' from the {latest.year} edition: the same",
        "# groups, each item carried forward with a new id and a continues: link. Milestones are left",
        f"# due: tbd (an ongoing one stays ongoing), with the {latest.year} milestone noted above each; write",
        "# this year's. Once the edition is published, set the source and delete the 'draft: true' line.",
        f"year: {year}",
        "draft: true",
        f"title: {scalar(latest.title.replace(str(latest.year), str(year)))}",
        f"source: {scalar(f'Draft prepared from the {latest.year} edition; not yet published')}",
        "groups:",
    ]
    for group, items in groups:
        lines += [f"  - id: {new_id(group.id, latest.year, year)}", f"    kind: {group.kind}", f"    title: {scalar(group.title)}"]
        for name in ("overview", "lead_text", "workstreams_text", "recs_text", "milestone_text"):
            if (value := getattr(group, name)) is not None:
                lines.append(f"    {name}: {scalar(value)}")
        if items:
            lines.append("    items:")
        for item in items:
            lines += _item_lines(item, latest.year, year)
        lines.append("")
    return "\n".join(lines[:-1]) + "\n"


def _item_lines(item: Item, old_year: int, year: int) -> list[str]:
    lines = [f"      - id: {new_id(item.id, old_year, year)}"]
    if item.title is not None:
        lines.append(f"        title: {scalar(item.title)}")
    if item.leads:
        lines.append(f"        leads: [{', '.join(item.leads)}]")
    if item.lead_text is not None:
        lines.append(f"        lead_text: {scalar(item.lead_text)}")
    if item.recs:
        lines.append(f"        recs: [{', '.join(map(str, item.recs))}]")
    lines.append(f"        continues: {item.id}")
    if item.withheld is not None:
        lines.append(f"        withheld: {{grounds: [{', '.join(scalar(ground) for ground in item.withheld.grounds)}]}}")
    lines.append("        milestones:")
    for key, milestone in zip(milestone_keys(item.milestones), item.milestones, strict=True):
        lines.append(f"          # {old_year}: {' '.join(milestone_text(milestone).split())}")
        due = "ongoing" if milestone.due.kind is Kind.ONGOING else "tbd"  # ongoing work stays ongoing
        lines += [f"          - key: {key}", f"            due: {due}"]
    return lines
