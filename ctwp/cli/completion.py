"""Values for shell completion: agency codes, years, item and group ids, recommendations.

A shell asks for these at every press of Tab, so they are read straight from the data
folder's YAML (with libyaml's loader where there is one), without validating anything; data
that cannot be read completes nothing rather than failing. The data folder is the one the
command line names with --data (or CTWP_DATA), else the default.
"""

from __future__ import annotations

import functools
from pathlib import Path


def _offers_what_it_can(complete):
    @functools.wraps(complete)
    def quietly(ctx, incomplete: str) -> list:
        try:
            return complete(ctx, incomplete)
        except Exception:  # unreadable or unexpected data: offer nothing, never a traceback in the shell
            return []

    return quietly


@_offers_what_it_can
def agency_codes(ctx, incomplete: str) -> list[tuple[str, str]]:
    return [(agency["code"], agency["name"]) for agency in _read(_data_dir(ctx) / "agencies.yaml")["agencies"]]


@_offers_what_it_can
def years(ctx, incomplete: str) -> list[str]:
    from ctwp.data.loading import YEAR_FILE, year_files

    return [YEAR_FILE.fullmatch(path.name)[1] for path in year_files(_data_dir(ctx))]


def programme_references(ctx, incomplete: str) -> list[str]:
    """For ctwp diff: the years; a path is left to the shell to complete."""
    return [] if "/" in incomplete or "." in incomplete else years(ctx, incomplete)


@_offers_what_it_can
def item_ids(ctx, incomplete: str) -> list[tuple[str, str]]:
    return [(item["id"], item.get("title") or "(withheld)") for group in _groups(ctx) for item in group.get("items") or ()]


@_offers_what_it_can
def milestone_references(ctx, incomplete: str) -> list[tuple[str, str]]:
    """For ctwp report: every milestone as ITEM-ID/MILESTONE-KEY, with its item's title."""
    from ctwp.data.records import Milestone, milestone_keys

    return [
        (f"{item['id']}/{key}", item.get("title") or "(withheld)")
        for group in _groups(ctx)
        for item in group.get("items") or ()
        for key in milestone_keys([Milestone(None, key=milestone.get("key")) for milestone in item["milestones"]])
    ]


@_offers_what_it_can
def statuses(ctx, incomplete: str) -> list[tuple[str, str]]:
    from ctwp.data.model import STATUSES

    return list(STATUSES.items())


@_offers_what_it_can
def group_ids(ctx, incomplete: str) -> list[tuple[str, str]]:
    return [(group["id"], group["title"]) for group in _groups(ctx)]


@_offers_what_it_can
def recommendations(ctx, incomplete: str) -> list[tuple[str, str]]:
    return [(str(entry["number"]), entry.get("subject") or "") for entry in _read(_data_dir(ctx) / "rcoi.yaml")["recommendations"]]


def _data_dir(ctx) -> Path:
    from ctwp.data.loading import find_data_dir

    given = ctx.params.get("data")  # as typed: completion parses without converting
    return find_data_dir(Path(given) if given else None)


def _groups(ctx) -> list[dict]:
    from ctwp.data.loading import year_files

    return [group for path in year_files(_data_dir(ctx)) for group in _read(path)["groups"]]


def _read(path: Path) -> dict:
    import yaml

    with path.open("rb") as file:
        return yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
