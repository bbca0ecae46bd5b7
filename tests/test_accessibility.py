"""Accessibility: axe-core audits one page of every kind of the site at WCAG 2.1 AA, on a
wide screen and a phone, and a keyboard reaches every link in order.

axe-core comes from the npm registry, pinned in tests/package.json and package-lock.json;
.ci/run installs it (npm ci in tests/). Without Node's axe-core, Chromium or Playwright the
tests skip, saying what to install. The site is tests/conftest.py's shared one, as at a day
when milestones stand in several states, served over http with axe-core beside it (a script
loaded by its address, whose compiled code Chromium keeps from page to page, where a script
given inline is compiled again on every page), and its pages are opened in turn in one tab.
The search page is audited showing results and filters, and opened from disk, where it says
that search needs the site served.
"""

from __future__ import annotations

import pytest
from browsing import ready_to_search, served
from conftest import REPO

AXE = REPO / "tests" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (1280, 390)  # a desktop, and a phone

PAGES = [
    "index.html",
    "editions/index.html",
    "editions/2021.html",
    "items/2022-advisory-group-ct.html",
    "agencies/index.html",
    "agencies/dpmc.html",
    "recommendations/7.html",
    "recommendations/index.html",
    "changes/index.html",
    "changes/2021-2022.html",
    "downloads.html",
]  # and the search page, below: showing results, and opened from disk


@pytest.fixture(scope="module")
def site(reading_site, tmp_path_factory):
    """The base URL of the site, served at public/ with axe-core at axe.min.js."""
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: cd tests && npm ci (as .ci/run does)")
    folder = tmp_path_factory.mktemp("audited")
    (folder / "public").symlink_to(reading_site.out_dir)
    (folder / "axe.min.js").symlink_to(AXE)
    with served(folder) as base:
        yield base


@pytest.fixture(scope="module")
def tab(browser):
    """One tab for the module's pages (a new tab costs more than an audit): each test sets its
    width and opens its page afresh."""
    page = browser.new_page()
    yield page
    page.close()


def violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on the open page, as laid out now: "rule-id: element" each."""
    found = page.evaluate(
        "async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations"
        ".flatMap(rule => rule.nodes.map(node => rule.id + ': ' + node.target.join(' ')))",
        WCAG_21_AA,
    )
    return sorted(found)


def opened_with_axe(tab, site: str, url: str) -> None:
    """Open ``url`` in the tab, at the first width, and give it axe-core."""
    tab.set_viewport_size({"width": WIDTHS[0], "height": 900})
    tab.goto(url)
    tab.add_script_tag(url=site + "axe.min.js")


def violations_at_each_width(tab) -> dict[int, list[str]]:
    """The open page's violations, laid out at each width in turn."""
    found = {}
    for width in WIDTHS:
        tab.set_viewport_size({"width": width, "height": 900})
        found[width] = violations(tab)
    return found


NONE = {width: [] for width in WIDTHS}


@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_21_aa_violations(site, tab, path):
    opened_with_axe(tab, site, site + "public/" + path)
    assert violations_at_each_width(tab) == NONE, path


def test_search_showing_results_and_filters_has_no_violations(site, tab):
    opened_with_axe(tab, site, site + "public/search.html")
    ready_to_search(tab)
    tab.fill(".pagefind-ui__search-input", "hui")
    # Each result is drawn empty, then filled in as its page's record arrives: audit them filled.
    tab.wait_for_function(
        "(document.querySelector('.pagefind-ui__message') || {}).textContent?.includes('hui')"
        " && document.querySelectorAll('.pagefind-ui__result-link').length"
        " === document.querySelectorAll('.pagefind-ui__result').length"
    )
    tab.click("summary:has-text('Lead')")  # a group of filters, opened
    assert tab.locator("#lead-NZSIS").is_visible()
    assert violations_at_each_width(tab) == NONE


def test_search_opened_from_disk_has_no_violations(site, tab, reading_site):
    opened_with_axe(tab, site, (reading_site.out_dir / "search.html").as_uri())
    assert tab.locator("#search-from-disk").is_visible()
    assert violations_at_each_width(tab) == NONE


def test_the_keyboard_reaches_every_link_in_order(site, tab):
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(site + "public/items/2022-advisory-group-ct.html")
    links = tab.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    reached = []
    # Tab until focus leaves the page; a scrolling table box takes focus too (so that the
    # keyboard can scroll it), and only the links are compared.
    for _ in range(2 * len(links) + 10):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(
            "document.activeElement === document.body ? null : [document.activeElement.tagName, document.activeElement.href]"
        )
        if focused is None:
            break
        reached.append(focused)
    assert [href for tag, href in reached if tag == "A"] == links
    assert {tag for tag, _ in reached} <= {"A", "DIV"}
