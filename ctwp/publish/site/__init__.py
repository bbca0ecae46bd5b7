"""The programme as a static web site: every edition, item, agency and recommendation with
its own page, linked, with pictures and the data to download.

The site needs no server and fetches nothing: pages link to each other with relative links
only, so it works opened from disk (file://) or served from any folder of any static host.
Its addresses are built from ids, which never change once published (see ``paths``):

    index.html                      the programme, its numbers, the timeline, the latest changes
    editions/2022.html              one edition, as ``ctwp render`` gives it
    items/2022-advisory-group-ct.html   one item and its history across editions
    agencies/dpmc.html              what an agency leads, edition by edition
    recommendations/7.html          the items answering a recommendation, edition by edition
    recommendations/index.html      the coverage matrix
    changes/2021-2022.html          what changed from one edition to the next
    downloads.html, downloads/...   the data as CSV, JSON and iCalendar, its schema and pictures

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
from ctwp.data.loading import Dataset, display_path

if TYPE_CHECKING:
    from ctwp.publish.site.context import SiteData

# Written into every site ctwp builds, so that --force replaces only a folder ctwp made.
MARKER_FILE = ".ctwp-site"


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
    from ctwp.publish.site.context import SiteData

    note = generated_note(
        f"Built by ctwp {__version__} from the data in {display_path(dataset.data_dir)}", file_revision(dataset.data_dir), "data"
    )
    try:
        _prepare(out_dir, force)
        return _write_site(SiteData(dataset, note, as_at or date.today()), out_dir)
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
    """The stylesheet, every page through its template, and the downloads."""
    from ctwp.publish.site.context import pages
    from ctwp.publish.site.downloads import download_files
    from ctwp.publish.templating import stylesheet, template

    built = BuiltSite(out_dir)
    _write(out_dir / "style.css", stylesheet())
    files = download_files(site)
    for page in pages(site, files):
        _write(out_dir / page.path, template(f"site/{page.template}").render(page.context))
        built.pages.append(page.path)
    for download in files:
        _write(out_dir / download.path, download.text)
        built.downloads.append(download.path)
    return built


def _write(path: Path, text: str) -> None:
    # os.open, not open(): ten thousand pages are written, and a text file object costs
    # more to set up than the page costs to write. The mode follows the umask.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        data = memoryview(text.encode("utf-8"))
        while data:
            data = data[os.write(descriptor, data) :]
    finally:
        os.close(descriptor)
