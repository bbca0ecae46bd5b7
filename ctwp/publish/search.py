"""Search for the static site with no server: a Pagefind index built beside the pages.

Pagefind reads the built HTML and writes a folder of small index files (``pagefind/``)
with the script and style of its search box. The browser fetches only the parts of the
index a query needs, so the site stays a folder of files that any static host serves.
The binary ships inside the ``pagefind-bin`` wheel (``pagefind[bin]``): nothing is
downloaded when it is installed or run.

What the pages must carry (the site's templates add it):

- ``data-pagefind-body`` on the ``<main>`` of each page to be found (items, editions,
  agencies, recommendations); pages without it (the home page, downloads, the search page
  itself) are left out of the index once any page has it.
- ``data-pagefind-meta="title"`` on the page's ``<h1>``: the result's title.
- one hidden element per filter value, inside or outside ``<main>``, for example
  ``<span hidden data-pagefind-filter="lead:NZSIS"></span>``; an item led jointly has one
  per agency. The filters (``FILTERS``): ``edition`` (2021, 2022), ``lead`` (agency code),
  ``state`` (a milestone state as at the site's day) and ``recommendation`` (its number).
- ``data-pagefind-ignore`` on what should not match: navigation, boilerplate, and lists of
  items outside the items' own pages, since an item's words are indexed once, on its page.

The search page, ``search.html`` at the site's root (``SEARCH_PAGE_BODY`` is its
``<main>``, ``SEARCH_PAGE_HEAD`` goes in its ``<head>``), links ``pagefind/pagefind-ui.css``
and ``pagefind/pagefind-ui.js`` relative to itself, and says in ``<noscript>`` that search
needs JavaScript. It works when the site is served over http(s), but not opened from disk:
Chromium refuses the index's requests from a ``file://`` page (see docs/downloads.md).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ctwp.core.errors import EnvironmentFailure, one_line

BUNDLE = "pagefind"  # the index's folder inside the site
FILTERS = ("edition", "lead", "state", "recommendation")

# The search page's <main>: the search box, and what to do without JavaScript. The page's
# <head> links pagefind/pagefind-ui.css; the script is loaded at the end, deferred.
SEARCH_PAGE_BODY = """\
<h1>Search</h1>
<p id="search-from-disk" class="warning" hidden><strong>Search cannot work here: this page was opened from a folder on
disk (file://), and the browser refuses to load the search index from there.</strong> Serve the site over http or https,
for example with <code>python3 -m http.server --directory SITE_FOLDER</code>, and open
<code>http://127.0.0.1:8000/search.html</code>.</p>
<div id="search"></div>
<noscript><p>Search needs JavaScript. Without it, every item is listed on its edition's page,
and every agency and recommendation on its index page.</p></noscript>
<p class="note">Search finds items, milestones, progress reports, editions, agencies and recommendations by their words;
its filters narrow the results by edition, lead agency, milestone state and recommendation. It needs JavaScript, and the
site served over http or https: opened from a folder on disk (file://), browsers refuse to load its index.</p>
<script src="pagefind/pagefind-ui.js"></script>
<script>
window.addEventListener("DOMContentLoaded", function () {
  // Results link from the site's root; this page is at the root, wherever the site is served.
  var ui = new PagefindUI({element: "#search", baseUrl: new URL(".", location.href).pathname,
                           showSubResults: false, showImages: false, resetStyles: false});
  if (location.protocol === "file:") {
    document.getElementById("search-from-disk").hidden = false;
    return;
  }
  // Pagefind UI loads the index when the box first takes focus, and a search made before every
  // filter has loaded keeps showing only those loaded so far. So the index loads now (the focus
  // stays where it is), and once every filter has loaded, the search is made again, with the
  // same filters ticked (a search for an unchanged term would not run).
  document.querySelector("#search input").dispatchEvent(new Event("focus"));
  import("./pagefind/pagefind.js")  // the module the UI has just imported, and configured first
    .then(function (pagefind) { return pagefind.filters(); })
    .then(function () {
      var ticked = {};
      document.querySelectorAll("#search .pagefind-ui__filter-checkbox:checked").forEach(function (checkbox) {
        (ticked[checkbox.name] = ticked[checkbox.name] || []).push(checkbox.value);
      });
      ui.triggerFilters(ticked);
    })
    .catch(function () {});  // a failed load: the UI reports it in the console
});
</script>
"""
SEARCH_PAGE_HEAD = '<link rel="stylesheet" href="pagefind/pagefind-ui.css">'


@dataclass(frozen=True)
class SearchIndex:
    bundle_dir: Path  # site_dir / "pagefind"
    pages: int  # how many pages were indexed
    files: int  # how many files the bundle holds
    size: int  # their total size in bytes


def filter_attribute(name: str, value: object) -> str:
    """The element that tags a page with one filter value: ``<span hidden data-pagefind-filter="lead:NZSIS"></span>``."""
    from html import escape

    if name not in FILTERS:
        raise ValueError(f"unknown search filter {name!r}")
    return f'<span hidden data-pagefind-filter="{escape(f"{name}:{value}")}"></span>'


def index_site(site_dir: Path, pages: list[str] | None = None) -> SearchIndex:
    """Index the built site in ``site_dir`` for search: write ``site_dir/pagefind/``.

    ``pages``: the paths of the pages marked to be found, relative to ``site_dir``, for
    Pagefind to read alone (see ``pages_glob``); without them, it reads every HTML file. Either
    way, what is found is what the pages mark.

    Runs the Pagefind binary that ``pagefind[bin]`` installs (or the one ``PAGEFIND_BINARY_PATH``
    names), offline. Raises EnvironmentFailure when there is no binary or it fails.
    """
    import subprocess

    binary = _binary()
    command = [str(binary), "--site", str(site_dir), "--output-subdir", BUNDLE, "--silent"]
    if pages is not None and (glob := pages_glob(site_dir, pages)):
        command += ["--glob", glob]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise EnvironmentFailure(f"cannot run {binary}: {error.strerror}", "reinstall ctwp: pip install .") from None
    bundle = site_dir / BUNDLE
    if result.returncode != 0 or not (bundle / "pagefind-entry.json").is_file():
        said = next((line for line in (result.stderr + result.stdout).splitlines() if line.strip()), f"exit status {result.returncode}")
        raise EnvironmentFailure(f"cannot index {site_dir} for search: {one_line(said.strip())}")
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    files = [path for path in bundle.rglob("*") if path.is_file()]
    return SearchIndex(
        bundle_dir=bundle,
        pages=sum(language["page_count"] for language in entry["languages"].values()),
        files=len(files),
        size=sum(path.stat().st_size for path in files),
    )


_LONGEST_GLOB = 100_000  # bytes: Linux takes no single argument longer than 128 KiB


def pages_glob(site_dir: Path, pages: list[str]) -> str | None:
    """A glob, as Pagefind reads it, that matches ``pages`` (paths relative to ``site_dir``)
    and no other HTML file: ``folder/*.html`` for a folder whose every HTML file is among
    them, else each page by name. None when there is no such glob to give: no page, a name
    with a backslash (which a glob cannot hold), or a glob too long to pass as an argument.

    Pagefind would otherwise parse every page only to find most of them marked to be left
    out, in time that grows faster than the page: the home page of 50,000 items, 50 MB with
    its timeline, cost it more than 10,000 item pages."""
    if not pages or any("\\" in page for page in pages):
        return None
    by_folder: dict[str, list[str]] = {}
    for page in pages:
        folder, _, name = page.rpartition("/")
        by_folder.setdefault(folder, []).append(name)
    parts = []
    for folder, names in by_folder.items():
        prefix = f"{_glob_literal(folder)}/" if folder else ""
        held = {entry.name for entry in os.scandir(site_dir / folder) if entry.name.endswith(".html")}
        if held <= set(names):
            parts.append(f"{prefix}*.html")
        else:
            parts.extend(prefix + _glob_literal(name) for name in names)
    glob = "{" + ",".join(parts) + "}"
    return glob if len(glob.encode()) <= _LONGEST_GLOB else None


def _glob_literal(text: str) -> str:
    # The characters a glob reads as a pattern, escaped; Pagefind refuses any other escape.
    return re.sub(r"([*?\[\]{}(),<>:$])", r"\\\1", text)


def _binary() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError:
        get_executable = None
    binary = get_executable() if get_executable else None
    if binary is None:
        raise EnvironmentFailure("cannot index the site for search: Pagefind is not installed", "pip install 'pagefind[bin]'")
    return binary
