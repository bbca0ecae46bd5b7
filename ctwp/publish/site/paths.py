"""The site's addresses, built from ids, which never change once published, and its navigation."""

from __future__ import annotations

SITE_NAME = "Counter-Terrorism Work Programme"


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


def root(path: str) -> str:
    """The way from the page at ``path`` to the site's root."""
    return "../" * path.count("/")


NAV = (
    ("index.html", "Home"),
    ("editions/index.html", "Editions"),
    ("agencies/index.html", "Agencies"),
    ("recommendations/index.html", "Recommendations"),
    ("changes/index.html", "Changes"),
    ("downloads.html", "Downloads"),
    ("search.html", "Search"),  # left out of a site built without search
)
SEARCH_PAGE = "search.html"
