"""How to cite and reuse the data: its terms, its sources, who made it, and a citation for a page.

The terms are those of ``data/NOTICE.md``: the government's text (the programme's tables and
the Royal Commission's recommendations) was released under the Official Information Act
1982, and this project claims and grants no rights in it; what the project adds (structure,
ids, links, canonical due periods) is dedicated to the public domain under CC0 1.0. The
code is MIT (``LICENSE``), which covers no data.

For the site's ``datapackage.json`` (Frictionless Data Package): ``package_terms(dataset)``
gives its ``licenses``, ``sources`` and ``contributors``. For a page's "how to cite" block:
``cite(dataset, page, as_at, base_url)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ctwp.core.errors import UsageError, shown

if TYPE_CHECKING:
    from ctwp.data.loading import Dataset

TITLE = "Counter-Terrorism Work Programme"
CONTRIBUTORS = "ctwp contributors"
CC0_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
MIT_URL = "https://opensource.org/license/mit"  # the code's licence (LICENSE), which covers no data
# The notice travels with the data: the site's downloads/ folder holds a copy of data/NOTICE.md.
NOTICE_PATH = "NOTICE.md"
DATA_TERMS = (
    "The programme's text and the Royal Commission's recommendations are the New Zealand Government's, "
    "released under the Official Information Act 1982; this project claims and grants no rights in them. "
    "The project's additions (structure, ids, links, due periods) are dedicated to the public domain under CC0 1.0."
)


def package_terms(dataset: Dataset, notice_path: str = NOTICE_PATH) -> dict:
    """``licenses``, ``sources`` and ``contributors`` for a Data Package (v1 spec), to merge
    into the package's descriptor. ``notice_path``: where the terms are, relative to
    ``datapackage.json`` or as a URL."""
    return {
        "licenses": [
            {
                "name": "CC0-1.0",
                "path": CC0_URL,
                "title": "The project's additions (structure, ids, continues links, canonical due periods): CC0 1.0 Universal",
            },
            {
                "path": notice_path,
                "title": "The government's text: released under the Official Information Act 1982; no rights claimed or granted by this project",
            },
        ],
        "sources": sources(dataset),
        "contributors": [{"title": CONTRIBUTORS, "role": "author"}],
    }


def sources(dataset: Dataset) -> list[dict]:
    """The documents the data was transcribed from: each edition's ``source:``, by year."""
    return [{"title": located.programme.source} for located in dataset.programmes]


def check_base_url(text: str) -> str:
    """A ``--base-url``: an absolute http(s) address, given a trailing ``/``."""
    from urllib.parse import urlsplit

    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise UsageError(
            f"--base-url: {shown(text)} is not a web address", "give where the site is served, such as https://example.org/ctwp/"
        )
    return text.strip() if text.strip().endswith("/") else text.strip() + "/"


@dataclass(frozen=True)
class Citation:
    title: str  # the page's title
    url: str  # its stable address: absolute with a base URL, else relative to the site's root
    revision: str | None  # the data's git commit (12 characters), None outside git
    modified: bool  # the data differs from that commit
    as_at: date  # the day progress is shown as at
    sources: tuple[str, ...]  # the documents, as in each edition's source:

    def text(self) -> str:
        """One line to paste: title, site, address, data revision, as-at day, sources."""
        from ctwp.data.periods import day_label

        if self.revision is None:
            revision = "data revision unknown"
        else:
            revision = f"data revision {self.revision}" + (" with uncommitted changes" if self.modified else "")
        return (
            f"{self.title}. {TITLE}, {CONTRIBUTORS}. {self.url} ({revision}; progress as at {day_label(self.as_at)}). "
            f"Sources: {'; '.join(self.sources)}."
        )


def cite(dataset: Dataset, page: str, title: str, as_at: date, base_url: str | None = None) -> Citation:
    """How to cite the page at ``page`` (a path from the site's root, such as
    ``items/2022-annual-hui.html``) of the site built from ``dataset`` as at ``as_at``."""
    from ctwp.data.revisions import file_revision

    revision = file_revision(dataset.data_dir)
    commit = revision.commit[:12] if revision is not None and revision.commit else None
    return Citation(
        title=title,
        url=(base_url or "") + page,
        revision=commit,
        modified=bool(revision and revision.modified),
        as_at=as_at,
        sources=tuple(source["title"] for source in sources(dataset)),
    )
