"""Text from the data never comes alive in any output.

tests/fixtures/hostile is a valid data folder whose every free-text field holds a script, an
image with an event handler, Markdown (a link, an image, emphasis, code, a comment, a table
cell's end), an entity, quotes and ampersands, and starts with what a spreadsheet runs (= + -
@) or Markdown reads as a heading or a list. Every format of every command, and every file of
the site, is read back here as its reader would read it (an HTML parser, a Markdown renderer,
an XML parser, a CSV reader) and checked: no element, attribute, link or formula came from the
data, and the text still reads as written.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import icalendar
import pytest
from conftest import FIXTURES
from markdown_it import MarkdownIt

from ctwp.data.loading import load_valid_dataset
from ctwp.publish.citation import CC0_URL, MIT_URL
from ctwp.publish.site import build_site

HOSTILE = FIXTURES / "hostile"
# What every field ends with; each must read as written wherever it is shown.
AS_WRITTEN = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "*a* _b_ [x](y) ![i](z) <!-- c -->", "&amp; & \"q\" 'q'")
LIVE = {"script", "img", "iframe", "object", "embed", "foreignobject", "style", "link", "a"}
FORMULA = ("=", "+", "-", "@", "\t", "\r")


class _Elements(HTMLParser):
    """Every element and attribute of a page, its comments and its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.comments: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_data(self, data):
        self.text.append(data)


def check_html(html: str, own: set[str], where: str) -> str:
    """No element but those of ``own``, no event handler, no comment, no link but a relative one
    (or a report's source or a licence's page, rel=external); returns the page's text."""
    page = _Elements()
    page.feed(html)
    page.close()
    tags = {tag for tag, _ in page.elements}
    assert not (tags & LIVE) - own, f"{where}: {sorted((tags & LIVE) - own)}"
    for tag, attrs in page.elements:
        assert not any(name.startswith("on") for name in attrs), f"{where}: <{tag} {attrs}>"
        for name in ("href", "src"):
            value = attrs.get(name) or ""
            external = (value.startswith("https://example.invalid/") or value in (CC0_URL, MIT_URL)) and attrs.get("rel") == "external"
            assert ":" not in value.split("/")[0] or external, f"{where}: {name}={value!r}"
    assert not page.comments, where
    return "".join(page.text)


def check_markdown(markdown: str, where: str) -> str:
    """Rendered as GitHub renders it (CommonMark, tables, raw HTML allowed): nothing from the
    data becomes an element, a link or a comment; returns the rendered text."""
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    text = check_html(html, set(), where)
    assert "<br>" not in text, where  # our line breaks are tags, never text
    return text


def check_svg(svg: str, where: str) -> str:
    root = ET.fromstring(svg)  # well-formed: nothing from the data closed an element
    for element in root.iter():
        assert element.tag.rpartition("}")[2].lower() not in LIVE - {"a", "style"}, where
        assert not any(name.startswith("on") for name in element.attrib), where
        assert not element.get("href", "").startswith(("javascript", "data")), where
    return "".join(root.itertext())


def check_csv(text: str, where: str) -> None:
    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows for cell in row]
    unguarded = [cell for cell in cells if cell.startswith(FORMULA) and not cell.lstrip("-").replace(".", "").isdigit()]
    assert not unguarded, f"{where}: {unguarded[:3]}"
    assert any(cell[:1] == "'" and cell[1:].startswith(FORMULA) for cell in cells), where  # hostile text is there, guarded
    assert "\r\n" not in text, where  # one line ending, \n, as every CSV ctwp writes


def reads_as_written(text: str, where: str) -> None:
    for written in AS_WRITTEN:
        assert written in text, f"{where}: {written!r} is not shown as written"


QUERIES = [
    ("list",),
    ("due", "--before", "2042"),
    ("status", "--as-at", "2041-01-01"),
    ("show", "2040-framework"),
    ("agencies",),
    ("recs",),
]


@pytest.mark.parametrize("command", QUERIES, ids=[command[0] for command in QUERIES])
def test_queries_in_every_format(ctwp, command):
    outputs = {}
    for output_format in ("table", "json", "csv", "markdown"):
        result = ctwp(*command, "--data", HOSTILE, "--format", output_format)
        assert result.exit_code == 0, result.stderr
        outputs[output_format] = result.stdout
    where = " ".join(command)
    json.loads(outputs["json"])
    check_csv(outputs["csv"], where)
    reads_as_written(check_markdown(outputs["markdown"], where), where)
    assert "<script>alert(1)</script>" in outputs["table"]  # a terminal shows text, never runs it


def test_diff(ctwp):
    for output_format in ("table", "json", "markdown"):
        result = ctwp("diff", "2040", "2041", "--data", HOSTILE, "--format", output_format)
        assert result.exit_code == 0, result.stderr
        if output_format == "markdown":
            reads_as_written(check_markdown(result.stdout, "diff"), "diff")
        elif output_format == "json":
            json.loads(result.stdout)


def test_render_export(ctwp):
    markdown = ctwp("render", "2040", "--data", HOSTILE).stdout
    reads_as_written(check_markdown(markdown, "render"), "render")
    html = ctwp("render", "2040", "--data", HOSTILE, "--format", "html").stdout
    reads_as_written(check_html(html, {"style"}, "render --format html"), "render --format html")
    svg = ctwp("render", "2040", "--data", HOSTILE, "--format", "svg").stdout
    reads_as_written(check_svg(svg, "render --format svg"), "render --format svg")
    calendar = icalendar.Calendar.from_ical(ctwp("export", "--data", HOSTILE).stdout)
    summaries = [str(event["SUMMARY"]) + str(event.get("DESCRIPTION", "")) for event in calendar.walk("VEVENT")]
    reads_as_written(" ".join(summaries), "export")


def test_validate_reports_hostile_values_in_every_format(ctwp, tmp_path):
    # A folder name is shown in a code span: a backtick or a | in it ends neither the span nor the cell.
    data = tmp_path / "a|b`c [x](y)"
    shutil.copytree(HOSTILE, data)
    later = data / "2041.yaml"
    hostile = "'*a* [x](y) <img src=x onerror=alert(1)> | =HYPERLINK(1)'"
    later.write_text(later.read_text().replace("continues: 2040-framework", f"continues: {hostile}").replace("- NZP", f"- {hostile}"))
    outputs = {}
    for reporter in ("text", "json", "github", "markdown", "sarif", "junit", "gitlab"):
        result = ctwp("validate", "--data", data, "--format", reporter)
        assert result.exit_code == 1, result.stderr
        outputs[reporter] = result.stdout
    assert "<img src=x onerror=alert(1)>" in outputs["text"]  # the findings do show the values
    text = check_markdown(outputs["markdown"], "validate --format markdown")
    assert "*a* [x](y) <img src=x onerror=alert(1)> | =HYPERLINK(1)" in text
    assert "a|b`c [x](y)/2041.yaml" in text
    for reporter in ("json", "sarif", "gitlab"):
        json.loads(outputs[reporter])
    junit = ET.fromstring(outputs["junit"])
    assert not [element for element in junit.iter() if element.tag in LIVE]
    # One workflow command a line: nothing in a value starts another.
    assert all(line.startswith("::error ") for line in outputs["github"].splitlines())


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from datetime import date

    # Without search: its page's script and Pagefind's index are the same whatever the data.
    return build_site(load_valid_dataset(HOSTILE), tmp_path_factory.mktemp("hostile") / "site", as_at=date(2041, 1, 1), search=False)


def test_every_file_of_the_site(site):
    checked = set()
    for path in sorted(site.out_dir.rglob("*")):
        name = path.relative_to(site.out_dir).as_posix()
        if path.suffix in (".db", ".xlsx"):  # binary: the database and workbook tests check their cells
            continue
        text = path.read_text(encoding="utf-8") if path.is_file() else None
        if path.suffix == ".html":
            # The site's own elements: its stylesheet link, its links, its pictures' styles.
            shown = check_html(text, {"link", "a", "style"}, name)
            if name.startswith(("items/", "editions/2")):
                reads_as_written(shown, name)
        elif path.suffix == ".svg":
            check_svg(text, name)
        elif path.suffix == ".csv":
            check_csv(text, name)
        elif path.suffix == ".json":
            json.loads(text)
        elif path.suffix == ".ics":
            icalendar.Calendar.from_ical(text)
        checked.add(path.suffix)
    assert {".html", ".svg", ".csv", ".json", ".ics", ".css"} <= checked
    # The report's source, a web address with quotes and a tag in it, is one link, escaped.
    page = (site.out_dir / "items" / "2040-framework.html").read_text(encoding="utf-8")
    assert '<a href="https://example.invalid/&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" rel="external">' in page
