"""The site read at a glance, cited and reused: the timeline's titles, states and continuity
lines, the delivery picture, every page's terms and citation, the site's own data package and
feed, and search over the real data in Chromium."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import shutil
import sqlite3
import sys
import xml.etree.ElementTree as ElementTree

import pytest
from browsing import opened, ready_to_search, served
from conftest import READING_AS_AT, READING_BASE_URL, REPO

from ctwp.analysis.vocabulary import State
from ctwp.data.loading import load_valid_dataset
from ctwp.publish.citation import CC0_URL
from ctwp.publish.pictures import _PATTERNS, STATE_LOOKS, timeline_svg
from ctwp.publish.site.paths import item_path, root

BASE = READING_BASE_URL
AS_AT = READING_AS_AT
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def site(reading_site):
    """tests/conftest.py's shared site, read and never written."""
    return reading_site


def _svg(html: str, ident: str) -> ElementTree.Element:
    match = re.search(rf'<svg [^>]*id="{ident}".*?</svg>', html, re.S)
    assert match, ident
    return ElementTree.fromstring(match.group(0))


def test_every_state_has_a_look_of_its_own():
    assert set(STATE_LOOKS) == set(State)
    assert len({look.pattern for look in STATE_LOOKS.values()}) == len(State)  # told apart without colour
    assert len({look.colour for look in STATE_LOOKS.values()}) == len(State)
    assert {look.pattern for look in STATE_LOOKS.values()} <= set(_PATTERNS)
    assert {look.css for look in STATE_LOOKS.values()} == {f"state-{state.value}" for state in State}


def test_the_timeline_labels_rows_by_title_and_bars_by_state(site):
    svg = _svg((site.out_dir / "index.html").read_text(encoding="utf-8"), "timeline")
    labels = {link.get("href"): "".join(link.find(f"{SVG}text").itertext()) for link in svg.iter(f"{SVG}a")}
    assert labels["items/2022-annual-hui.html"].startswith("2022 · He Whenua Taurikura annual hui")
    assert "(2022-annual-hui)" in labels["items/2022-annual-hui.html"]  # the id, in the label's tooltip
    bars = [rect for rect in svg.iter(f"{SVG}rect") if "bar" in rect.get("class", "").split()]
    assert len(bars) == 26
    states = {State(bar.get("data-state")) for bar in bars}
    for bar in bars:
        state = State(bar.get("data-state"))
        assert STATE_LOOKS[state].css in bar.get("class").split()
        assert bar.get("fill") == f"url(#timeline-{state.value})"
        assert bar.find(f"{SVG}title").text.endswith(f"({state.label})")
    legend = [text.text for text in svg.iter(f"{SVG}text")]
    swatches = {rect.get("fill") for rect in svg.iter(f"{SVG}rect") if "swatch" in rect.get("class", "")}
    assert swatches == {f"url(#timeline-{state.value})" for state in states}
    assert all(state.label in legend for state in states)
    assert {pattern.get("id") for pattern in svg.iter(f"{SVG}pattern")} == {f"timeline-{state.value}" for state in states}


def _crossings(svg: ElementTree.Element) -> tuple[int, list]:
    """How many continuation lines there are, and those that meet a bar: each line is a
    horizontal or vertical segment, each bar a rectangle."""
    bars = [
        (
            float(rect.get("x")),
            float(rect.get("y")),
            float(rect.get("x")) + float(rect.get("width")),
            float(rect.get("y")) + float(rect.get("height")),
        )
        for rect in svg.iter(f"{SVG}rect")
        if "bar" in rect.get("class", "").split()
    ]
    lines = [
        tuple(float(line.get(name)) for name in ("x1", "y1", "x2", "y2")) for line in svg.iter(f"{SVG}line") if line.get("class") == "link"
    ]
    crossing = []
    for x1, y1, x2, y2 in lines:
        assert x1 == x2 or y1 == y2  # axis-aligned, so a box test is exact
        for left, top, right, bottom in bars:
            if min(x1, x2) <= right and max(x1, x2) >= left and min(y1, y2) <= bottom and max(y1, y2) >= top:
                crossing.append(((x1, y1, x2, y2), (left, top, right, bottom)))
    return len(lines), crossing


def test_no_continuation_line_crosses_a_bar(site):
    dataset = load_valid_dataset(REPO / "data")
    continuing = sum(1 for item_id, (_, _, item) in dataset.item_places.items() if item.continues in dataset.item_places)
    lines, crossing = _crossings(_svg((site.out_dir / "index.html").read_text(encoding="utf-8"), "timeline"))
    assert lines == 2 * continuing  # down, then across, for each continuing item
    assert crossing == []


@pytest.mark.parametrize("items", [17, 25, 600])
def test_generated_timelines_keep_lines_off_the_bars(tmp_path, items):
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    generate(tmp_path, items, 5)
    dataset = load_valid_dataset(tmp_path)
    svg = ElementTree.fromstring(str(timeline_svg([located.programme for located in dataset.programmes], item_path)))
    lines, crossing = _crossings(svg)
    continuing = sum(1 for _, (_, _, item) in dataset.item_places.items() if item.continues in dataset.item_places)
    assert lines == 2 * continuing and crossing == []
    # Each continuing item's row is below the row of the item it continues.
    rows = {link.get("href"): float(link.find(f"{SVG}text").get("y")) for link in svg.iter(f"{SVG}a")}
    for item_id, (_, _, item) in dataset.item_places.items():
        if item.continues in dataset.item_places:
            assert rows[item_path(item_id)] > rows[item_path(item.continues)]


def test_the_home_page_has_the_delivery_picture_and_its_table(site):
    html = (site.out_dir / "index.html").read_text(encoding="utf-8")
    svg = _svg(html, "delivery")
    drawn = {}
    for rect in svg.iter(f"{SVG}rect"):
        if "bar" in rect.get("class", "").split():
            year, count = re.match(r"(\d{4}): (\d+) ", rect.find(f"{SVG}title").text).groups()
            drawn[year] = drawn.get(year, 0) + int(count)
    table = html[html.index("<caption>Milestones by state as at 1 Aug 2022</caption>") :]
    totals = dict(re.findall(r'<tr><th scope="row">(\d{4})</th>(?:<td>\d+</td>)*?<td>(\d+)</td></tr>', table.split("</table>")[0]))
    assert drawn == {year: int(total) for year, total in totals.items()} == {"2021": 25, "2022": 17}


def test_the_changes_of_the_latest_edition_are_links_on_the_home_page(site):
    html = (site.out_dir / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="changes"') :]
    anchors = re.findall(r'<li><a href="changes/2021-2022.html#(section-\d+)">', section)
    changes = (site.out_dir / "changes" / "2021-2022.html").read_text(encoding="utf-8")
    assert anchors and all(f'id="{anchor}"' in changes for anchor in anchors)


def test_every_page_names_the_terms_and_says_how_to_cite_it(site):
    for page in site.pages:
        html = (site.out_dir / page).read_text(encoding="utf-8")
        footer = html[html.index("<footer>") :]
        assert f'<a href="{root(page)}downloads/NOTICE.md">' in footer, page
        assert f'href="{CC0_URL}"' in footer and "MIT licence" in footer, page
        citation = re.search(r'<p class="citation">(.*?)</p>', footer).group(1)
        assert f" {BASE}{page} (data revision " in citation, page
        assert "progress as at 1 Aug 2022). Sources: Counter-Terrorism Work Programme 2021" in citation, page
        assert f'<link rel="alternate" type="application/atom+xml" href="{root(page)}feed.xml"' in html, page
    notice = site.out_dir / "downloads" / "NOTICE.md"
    assert notice.read_text(encoding="utf-8") == (REPO / "data" / "NOTICE.md").read_text(encoding="utf-8")


def test_without_a_base_url_the_citation_is_relative_and_there_is_no_feed(site_without_search):
    built = site_without_search
    html = (built.out_dir / "items" / "2022-annual-hui.html").read_text(encoding="utf-8")
    assert "ctwp contributors. items/2022-annual-hui.html (data revision" in html
    assert "built without its web address" in html
    assert not (built.out_dir / "feed.xml").exists() and "application/atom+xml" not in html
    assert not (built.out_dir / "search.html").exists() and 'href="search.html"' not in html
    assert (built.feed, built.search) == (False, None)


def test_the_feed_parses_and_links_to_pages_of_the_site(site):
    feedparser = pytest.importorskip("feedparser")
    parsed = feedparser.parse((site.out_dir / "feed.xml").read_text(encoding="utf-8"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.entries
    for entry in parsed.entries:
        assert entry.link.startswith(BASE) and (site.out_dir / entry.link.removeprefix(BASE)).is_file()


def test_withheld_titles_agree_in_every_download(site, ctwp):
    listed = {row["id"]: row["title"] for row in csv.DictReader(io.StringIO(ctwp("list", "--format", "csv").stdout))}
    downloads = site.out_dir / "downloads"
    with (downloads / "items.csv").open(encoding="utf-8", newline="") as file:
        written = {row["id"]: row["title"] for row in csv.DictReader(file)}
    assert written == listed
    assert any(title.startswith("[withheld: ") for title in written.values())
    with sqlite3.connect(downloads / "ctwp.db") as connection:
        assert dict(connection.execute("SELECT id, title FROM items")) == listed


def test_downloads_offer_the_database_workbook_and_reports(site):
    html = (site.out_dir / "downloads.html").read_text(encoding="utf-8")
    for name in ("ctwp.db", "metadata.json", "ctwp.xlsx", "reports.csv", "reports.json", "NOTICE.md", "datapackage.json"):
        assert f'<a href="downloads/{name}">{name}</a>' in html
        assert (site.out_dir / "downloads" / name).stat().st_size > 0
    assert (site.out_dir / "downloads" / "ctwp.xlsx").read_bytes()[:2] == b"PK"
    assert json.loads((site.out_dir / "downloads" / "metadata.json").read_text())["databases"]
    assert '<a href="feed.xml">Atom feed</a>' in html


def test_search_finds_both_hui_items_and_filters_by_lead(site, browser):
    pytest.importorskip("pagefind", reason="Pagefind is not installed: pip install . installs it")
    dataset = load_valid_dataset(REPO / "data")
    nzsis = {item_path(item_id) for item_id, (_, _, item) in dataset.item_places.items() if "NZSIS" in item.leads}
    with served(site.out_dir.parent) as base, opened(browser) as page:
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "public/search.html")
        assert page.locator("#search-from-disk").is_hidden()
        # Results arrive, and are replaced, as the index's parts load: wait for the expected ones, then read them.
        links = "[...document.querySelectorAll('.pagefind-ui__result-link')].map(link => link.href)"
        hui = [base + "public/items/2021-annual-hui.html", base + "public/items/2022-annual-hui.html"]
        ready_to_search(page)
        page.fill(".pagefind-ui__search-input", "hui")
        page.wait_for_function(f"wanted => {{ const links = {links}; return wanted.every(href => links.includes(href)); }}", arg=hui)
        assert set(hui) <= set(page.evaluate(links))
        page.fill(".pagefind-ui__search-input", "threat")
        # The results for "hui" stay until those for "threat" replace them: wait for these.
        page.wait_for_function("(document.querySelector('.pagefind-ui__message') || {}).textContent?.includes('threat')")
        page.wait_for_selector(".pagefind-ui__result-link")
        page.click("summary:has-text('Lead')")
        page.check("#lead-NZSIS")
        wanted = sorted(base + "public/" + path for path in nzsis)
        page.wait_for_function(
            f"wanted => {{ const links = {links}; return links.length && links.every(href => wanted.includes(href)); }}", arg=wanted
        )
        found = page.evaluate(links)
        assert found and set(found) <= set(wanted)
        assert errors == []


def test_search_finds_an_item_on_its_own_page_only(site, browser):
    # "tranche" is in one item's title, which the item it continues names: its edition's, its
    # leads' and its recommendations' pages list it too, and are left out, repeating its words.
    pytest.importorskip("pagefind", reason="Pagefind is not installed: pip install . installs it")
    with served(site.out_dir.parent) as base, opened(browser) as page:
        page.goto(base + "public/search.html")
        links = "[...document.querySelectorAll('.pagefind-ui__result-link')].map(link => link.href).sort()"
        wanted = [base + f"public/items/{year}-safer-communities-fund.html" for year in (2021, 2022)]
        page.fill(".pagefind-ui__search-input", "tranche")
        page.wait_for_function(f"wanted => {{ const links = {links}; return links.join() === wanted.join(); }}", arg=wanted)
        assert page.inner_text(".pagefind-ui__message").startswith("2 results")
        assert page.evaluate(links) == wanted


def test_a_page_that_lists_items_is_indexed_without_them_and_written_whole(site, site_without_search):
    """Search reads a copy of each edition, agency and recommendation page without its lists of
    items; the page left in the site is whole: it links to the items the page built without
    search links to."""
    indexed = {}
    for fragment in (site.out_dir / "pagefind" / "fragment").iterdir():
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        indexed[record["url"].removeprefix("/")] = record["content"]
    item_link = re.compile(r'href="(?:\.\./)?(items/[^"#]+)"')
    listing = [
        path for path in site.pages if path.startswith(("editions/2", "agencies/", "recommendations/")) and not path.endswith("/index.html")
    ]
    registry = load_valid_dataset(REPO / "data").registry
    assert len(listing) == 2 + len(registry.agencies) + len(registry.recommendations)
    for path in listing:
        links = item_link.findall((site.out_dir / path).read_text(encoding="utf-8"))
        assert links == item_link.findall((site_without_search.out_dir / path).read_text(encoding="utf-8")), path
        assert not any(
            f"/{link}" in indexed[path] or link.removeprefix("items/").removesuffix(".html") in indexed[path] for link in links
        ), path
    edition = (site.out_dir / "editions" / "2022.html").read_text(encoding="utf-8")
    assert len(item_link.findall(edition)) >= 17 * 2  # each item in the summary and in its group
    assert indexed["editions/2022.html"].startswith("Counter-Terrorism Work Programme 2022")


def test_when_search_fails_the_pages_are_whole_and_ctwp_says_why(ctwp, tmp_path, monkeypatch, site_without_search):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    result = ctwp("site", str(tmp_path / "out"), "--as-at", READING_AS_AT.isoformat())
    assert result.exit_code == 4 and "cannot index" in result.stderr and "for search: exit status 1" in result.stderr
    for path in ("editions/2022.html", "agencies/dpmc.html", "recommendations/7.html"):
        page = (tmp_path / "out" / path).read_text(encoding="utf-8")
        assert item_path("2022-advisory-group-ct") in page, path  # each lists it
        assert page.count("items/") == (site_without_search.out_dir / path).read_text(encoding="utf-8").count("items/"), path


def test_the_keyboard_alone_reaches_search_and_its_results(site, browser):
    pytest.importorskip("pagefind", reason="Pagefind is not installed: pip install . installs it")
    with served(site.out_dir.parent) as base, opened(browser) as page:
        page.goto(base + "public/index.html")
        for _ in range(20):  # from the top of the home page, Tab to the navigation's search link
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('href')") == "search.html":
                break
        page.keyboard.press("Enter")
        page.wait_for_selector(".pagefind-ui__search-input")
        for _ in range(40):  # then on to the search box, and type
            if page.evaluate("document.activeElement.classList.contains('pagefind-ui__search-input')"):
                break
            page.keyboard.press("Tab")
        page.keyboard.type("hui")
        page.wait_for_function("document.querySelectorAll('.pagefind-ui__result-link').length >= 2")
        on_result = "document.activeElement.classList.contains('pagefind-ui__result-link')"
        for _ in range(20):  # past the clear button and the filters, to the first result
            page.keyboard.press("Tab")
            if page.evaluate(on_result):
                break
        assert page.evaluate(on_result)


def test_the_search_page_says_it_needs_a_server_when_opened_from_disk(site, browser):
    with opened(browser) as page:
        page.goto((site.out_dir / "search.html").as_uri())
        assert page.locator("#search-from-disk").is_visible()
        assert "Search cannot work here" in page.inner_text("main")


def test_the_site_data_package_validates(site):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(site.out_dir / "downloads" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldNumber", "type", "note"])


def test_ctwp_site_reads_base_url_and_no_search(ctwp, tmp_path):
    result = ctwp("site", str(tmp_path / "out"), "--base-url", "example.org")
    assert result.exit_code == 2 and "--base-url: 'example.org' is not a web address" in result.stderr
    result = ctwp("site", str(tmp_path / "out2"), "--no-search", "--base-url", "https://example.org/ctwp", "--as-at", "2022-08-01")
    assert result.exit_code == 0, result.stderr
    assert "no search index (--no-search); the Atom feed" in result.stderr
    assert "https://example.org/ctwp/index.html (data revision" in (tmp_path / "out2" / "index.html").read_text(encoding="utf-8")
    shutil.rmtree(tmp_path / "out2")
