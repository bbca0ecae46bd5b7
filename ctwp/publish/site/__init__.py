"""The programme as a static web site: every edition, item, agency and recommendation with
its own page, linked, with pictures and the data to download.

The site needs no server and fetches nothing (search alone needs it served over http(s)): pages link to each other with relative links
only, so it works opened from disk (file://) or served from any folder of any static host.
Its addresses are built from ids, which never change once published (see ``paths``):

    index.html                      the programme, its numbers, the timeline, the latest changes
    editions/2022.html              one edition, as ``ctwp render`` gives it
    items/2022-advisory-group-ct.html   one item and its history across editions
    agencies/dpmc.html              what an agency leads, edition by edition
    recommendations/7.html          the items answering a recommendation, edition by edition
    recommendations/index.html      the coverage matrix
    changes/2021-2022.html          what changed from one edition to the next
    downloads.html, downloads/...   the data as CSV, JSON, iCalendar, SQLite and xlsx, its terms, schema and pictures
    search.html, pagefind/          search (Pagefind), unless built with --no-search
    feed.xml                        an Atom feed of reports and editions, when built with --base-url

Each kind of page is one template (``ctwp/publish/templates/site/``) over one context, made
by one function of ``context``; ``downloads`` writes the data files. The words come from
``ctwp.analysis.words`` and ``ctwp.publish.changes``, as in every other output. Progress is
shown as at one day, the site's as-at day (``ctwp site --as-at``, as ``ctwp status --as-at``):
each milestone's state, as ``ctwp.analysis.progress`` derives it, and its reports up to that
day. Every page says which day that is.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ctwp import __version__
from ctwp.analysis.words import generated_note
from ctwp.core.errors import UsageError
from ctwp.data.loading import Dataset, data_name, display_path

if TYPE_CHECKING:
    from ctwp.publish.search import SearchIndex
    from ctwp.publish.site.context import SiteData

# Written into every site ctwp builds, so that --force replaces only a folder ctwp made.
MARKER_FILE = ".ctwp-site"


@dataclass
class BuiltSite:
    out_dir: Path
    pages: list[str] = field(default_factory=list)  # paths of the HTML pages, relative to out_dir
    downloads: list[str] = field(default_factory=list)
    search: SearchIndex | None = None  # None when built without search
    feed: bool = False  # whether feed.xml was written (it needs a base URL)


def build_site(
    dataset: Dataset,
    out_dir: Path,
    force: bool = False,
    as_at: date | None = None,
    base_url: str | None = None,
    search: bool = True,
) -> BuiltSite:
    """Write the site of ``dataset`` into ``out_dir``: a new or empty folder, or with
    ``force`` one that holds a site ctwp built before (it is replaced). Progress is shown as
    at ``as_at`` (today without it). ``base_url`` (checked by ``citation.check_base_url``) is
    where the site is served: citations then give absolute addresses, and the Atom feed is
    written. With ``search``, the pages are indexed for search (Pagefind) once written."""
    from ctwp.data.revisions import file_revision
    from ctwp.publish.site.context import SiteData

    revision = file_revision(dataset.data_dir)
    note = generated_note(f"Built by ctwp {__version__} from {data_name(dataset.data_dir)}", revision, "data")
    try:
        _prepare(out_dir, force)
        return _write_site(SiteData(dataset, note, as_at or date.today(), base_url, search), out_dir)
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


def _write_site(site: SiteData, out_dir: Path) -> BuiltSite:
    """The stylesheet, every page through its template, the downloads, the feed (with a base
    URL), and the search index (last: it reads the pages).

    Pagefind reads the pages to be found alone (see ``search.pages_glob``). It would parse a
    page's lists of items only to leave them out of the index (``data-pagefind-ignore``:
    each item is found on its own page), and those lists cost it more than the rest of the
    page. So a page that lists items is written first as the copy search reads, without the
    lists (``Page.lists_items``), and whole once the index is made or has failed."""
    from ctwp.publish.feed import FEED_PATH, atom_feed
    from ctwp.publish.site.context import pages
    from ctwp.publish.site.downloads import download_files
    from ctwp.publish.templating import stylesheet, template

    built = BuiltSite(out_dir)
    _write(out_dir / "style.css", stylesheet())
    files = download_files(site)
    whole_pages: list[tuple[str, str]] = []  # (path, HTML) of each page written for now as its search copy
    searchable: list[str] = []  # the pages search finds
    for page in pages(site, files):
        page_template = template(f"site/{page.template}")
        html = page_template.render(page.context)
        if site.search and page.lists_items:
            _write(out_dir / page.path, page_template.render({**page.context, "search_copy": True}))
            whole_pages.append((page.path, html))
        else:
            _write(out_dir / page.path, html)
        built.pages.append(page.path)
        if page.context["searchable"]:
            searchable.append(page.path)
    for download in files:
        if download.write:
            download.write(out_dir / download.path)
        else:
            _write(out_dir / download.path, download.content())
        built.downloads.append(download.path)
    if site.base_url:
        _write(out_dir / FEED_PATH, atom_feed(site.dataset, site.base_url))
        built.feed = True
    if site.search:
        from ctwp.publish.search import index_site

        try:
            built.search = index_site(out_dir, searchable)
        finally:  # whole, even when search fails
            for path, html in whole_pages:
                _write(out_dir / path, html)
    return built


def _write(path: Path, content: str | bytes) -> None:
    # os.open, not open(): ten thousand pages are written, and a text file object costs
    # more to set up than the page costs to write. The mode follows the umask.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        data = memoryview(content.encode("utf-8") if isinstance(content, str) else content)
        while data:
            data = data[os.write(descriptor, data) :]
    finally:
        os.close(descriptor)
