"""Search with no server: a Pagefind index of a small hand-made site, searched in Chromium."""

from __future__ import annotations

import pytest
from browsing import opened, ready_to_search, served

from ctwp.core.errors import EnvironmentFailure
from ctwp.publish.search import SEARCH_PAGE_BODY, SEARCH_PAGE_HEAD, filter_attribute, index_site, pages_glob

pytest.importorskip("pagefind", reason="Pagefind is not installed: pip install . installs it")

# (file, title, edition, leads, body): two hui items as in the data, and one that never matches "hui".
PAGES = (
    ("items/2021-annual-hui.html", "Annual hui 2021", 2021, ("DPMC",), "Hold the annual hui with communities."),
    ("items/2022-annual-hui.html", "Annual hui 2022", 2022, ("NZSIS", "DPMC"), "The second annual hui."),
    ("items/2022-strategy.html", "Strategy refresh", 2022, ("NZSIS",), "Refresh the strategy."),
)


def _page(title: str, main: str, head: str = "") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
        f'<body><nav><a href="/">Home</a> hui in the navigation is not indexed</nav><main>{main}</main></body></html>\n'
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The pages in a folder ``site`` inside the served folder: the site is served below the root,
    as on a project's GitHub Pages, so result links must not assume it is at /."""
    root = tmp_path_factory.mktemp("served")
    site = root / "site"
    (site / "items").mkdir(parents=True)
    for path, title, edition, leads, body in PAGES:
        tags = filter_attribute("edition", edition) + "".join(filter_attribute("lead", lead) for lead in leads)
        main = f'<div data-pagefind-body><h1 data-pagefind-meta="title">{title}</h1>{tags}<p>{body}</p></div>'
        (site / path).write_text(_page(title, main))
    (site / "search.html").write_text(_page("Search", SEARCH_PAGE_BODY, SEARCH_PAGE_HEAD))
    return site, index_site(site)


def test_index_counts_the_pages_marked_for_search(site):
    folder, index = site
    assert index.pages == len(PAGES)  # not search.html, which has no data-pagefind-body
    assert index.bundle_dir == folder / "pagefind"
    assert (folder / "pagefind" / "pagefind-ui.js").is_file() and (folder / "pagefind" / "pagefind-ui.css").is_file()
    assert index.files == sum(1 for path in index.bundle_dir.rglob("*") if path.is_file())


def test_pagefind_reads_only_the_pages_to_be_found(tmp_path):
    """Given the pages to be found, Pagefind reads those alone: every page here is marked to be
    found, so each it read would be counted. A folder of such pages alone is one pattern, and a
    name that reads as a pattern is taken literally."""
    found = ["items/a.html", "items/b.html", "lists/one.html", "lists/a{1},b [c]*(d):$<e>#!.html"]
    for path in [*found, "lists/index.html", "index.html", "lists/a1.html"]:
        (tmp_path / path).parent.mkdir(exist_ok=True)
        (tmp_path / path).write_text(_page(path, f'<div data-pagefind-body><h1 data-pagefind-meta="title">{path}</h1></div>'))
    assert pages_glob(tmp_path, found) == r"{items/*.html,lists/one.html,lists/a\{1\}\,b \[c\]\*\(d\)\:\$\<e\>#!.html}"
    assert index_site(tmp_path, found).pages == len(found)
    assert index_site(tmp_path).pages == len(found) + 3


def test_without_a_glob_to_name_the_pages_pagefind_reads_them_all(tmp_path):
    # A glob holds no backslash, and one too long to be an argument cannot be passed: Pagefind
    # then reads every page, and finds what the pages mark, as it does given no pages.
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "index.html").write_text(_page("index", "<p>not marked to be found</p>"))
    odd = "lists/a\\b.html"
    (tmp_path / odd).write_text(_page("odd", '<div data-pagefind-body><h1 data-pagefind-meta="title">Odd</h1></div>'))
    assert pages_glob(tmp_path, [odd]) is None
    assert index_site(tmp_path, [odd]).pages == 1
    many = [f"lists/{number:05}-{'recommendation' * 5}.html" for number in range(2000)]
    assert pages_glob(tmp_path, many[:100]).count(",") == 99
    assert pages_glob(tmp_path, many) is None
    assert pages_glob(tmp_path, []) is None


def test_filter_attribute_escapes_and_knows_its_filters():
    assert filter_attribute("lead", 'A"B') == '<span hidden data-pagefind-filter="lead:A&quot;B"></span>'
    with pytest.raises(ValueError):
        filter_attribute("colour", "red")


def test_a_missing_or_failing_binary_is_an_environment_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    with pytest.raises(EnvironmentFailure, match=r"cannot index .* for search: exit status 1"):
        index_site(tmp_path)


def test_search_and_filter_by_lead_in_the_browser(site, browser):
    folder, _ = site
    with served(folder.parent) as base, opened(browser) as page:
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "site/search.html")
        ready_to_search(page)
        page.fill(".pagefind-ui__search-input", "hui")
        page.wait_for_function("document.querySelectorAll('.pagefind-ui__result-link').length === 2")
        links = page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(link => [link.textContent, link.href])")
        assert sorted(links) == [
            ["Annual hui 2021", base + "site/items/2021-annual-hui.html"],
            ["Annual hui 2022", base + "site/items/2022-annual-hui.html"],
        ]
        # Ticking NZSIS leaves the 2022 hui: the filter narrows the results, whatever counts the panel shows meanwhile.
        page.click("summary:has-text('Lead')")
        page.wait_for_selector("#lead-NZSIS")
        page.check("#lead-NZSIS")
        page.wait_for_function(
            "[...document.querySelectorAll('.pagefind-ui__result-link')].map(link => link.textContent).join() === 'Annual hui 2022'"
        )
        assert errors == []


def test_filters_load_as_the_page_opens_and_a_search_made_before_they_all_have_is_made_again(site, browser):
    """Pagefind UI loads the index when the box first takes focus, and a search made before every
    filter has loaded shows only the filters loaded so far, until the next search. The page
    loads them as it opens, leaving the focus where it was, and searches again once all have."""
    folder, _ = site
    chunks = list((folder / "pagefind" / "filter").iterdir())
    with served(folder.parent) as base, opened(browser) as page:
        routes = []  # the filter files asked for: the first is sent, the rest held back until the results show

        def hold_all_but_the_first(route):
            routes.append(route)
            if len(routes) == 1:
                route.continue_()

        page.route("**/*.pf_filter", hold_all_but_the_first)
        with page.expect_request_finished(lambda request: request.url.endswith(".pf_filter")):
            page.goto(base + "site/search.html")  # and nothing focused: the filters load as the page opens
        assert page.evaluate("document.activeElement === document.body")
        page.fill(".pagefind-ui__search-input", "hui")
        page.wait_for_function("document.querySelectorAll('.pagefind-ui__result-link').length === 2")
        groups = "document.querySelectorAll('.pagefind-ui__filter-block').length"
        assert len(chunks) == len(routes) == 2 and page.evaluate(groups) == 1  # the search saw only the filter loaded
        # Tick a box of that filter (whichever loaded first): only the 2022 hui has the lead NZSIS or the edition 2022.
        page.eval_on_selector(".pagefind-ui__filter-block", "group => { group.open = true; }")  # a lone group opens by itself
        ticked = "#lead-NZSIS" if page.locator("#lead-NZSIS").count() else "#edition-2022"
        page.check(ticked)
        titles = "[...document.querySelectorAll('.pagefind-ui__result-link')].map(link => link.textContent).join()"
        page.wait_for_function(f"{titles} === 'Annual hui 2022'")
        routes[1].continue_()
        # Searched again once both filters have loaded, with the box still ticked.
        page.wait_for_function(f"{groups} === 2")
        assert page.is_checked(ticked) and page.evaluate(titles) == "Annual hui 2022"


def test_search_needs_a_server_not_file_urls(site, browser):
    """Chromium refuses the index's module import from a file:// page: documented, so checked."""
    folder, _ = site
    with opened(browser) as page:
        page.goto((folder / "search.html").as_uri())
        assert "Search needs JavaScript" not in page.inner_text("main")  # the <noscript> stays hidden
        with page.expect_console_message(lambda message: "CORS-cross-origin" in message.text):
            page.fill(".pagefind-ui__search-input", "hui")
        assert page.locator(".pagefind-ui__result-link").count() == 0
