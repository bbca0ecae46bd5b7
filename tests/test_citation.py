"""Cite and reuse: CITATION.cff, the data package's terms and sources, a page's citation, the Atom feed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REPO

from ctwp import __version__
from ctwp.core.errors import UsageError
from ctwp.data.loading import load_valid_dataset
from ctwp.publish.citation import check_base_url, cite, package_terms
from ctwp.publish.feed import atom_feed, feed_entries, feed_link

BASE = "https://example.org/ctwp/"


def _cffconvert() -> str | None:
    """cffconvert pins jsonschema below 4, which the test extra cannot take: CI installs it in
    a virtual environment of its own (.ci/run) and names it in CFFCONVERT."""
    candidates = [os.environ.get("CFFCONVERT"), shutil.which("cffconvert"), str(Path(sys.executable).with_name("cffconvert"))]
    return next((path for path in candidates if path and Path(path).is_file()), None)


def test_citation_cff_validates_and_names_the_sources():
    cffconvert = _cffconvert()
    if cffconvert is None:
        pytest.skip(
            "cffconvert is not installed: .ci/run installs it in .cff-venv (python3 -m venv .cff-venv && .cff-venv/bin/pip install cffconvert)"
        )
    result = subprocess.run([cffconvert, "--validate", "-i", str(REPO / "CITATION.cff")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text())
    assert citation["version"] == __version__
    dataset = load_valid_dataset(REPO / "data")
    assert [reference["title"] for reference in citation["references"]] == [located.programme.title for located in dataset.programmes]


def test_the_site_data_package_has_the_terms_and_sources_and_is_valid(site_without_search):
    frictionless = pytest.importorskip("frictionless")
    dataset = load_valid_dataset(REPO / "data")
    downloads = site_without_search.out_dir / "downloads"
    package = json.loads((downloads / "datapackage.json").read_text(encoding="utf-8"))
    assert {key: package[key] for key in ("licenses", "sources", "contributors")} == package_terms(dataset)
    assert (downloads / "NOTICE.md").read_text(encoding="utf-8") == (REPO / "data" / "NOTICE.md").read_text(encoding="utf-8")
    report = frictionless.validate(str(downloads / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldNumber", "type", "note"])
    assert [source["title"] for source in package["sources"]] == [
        "Counter-Terrorism Work Programme 2021 (DPMC, Counter-Terrorism Coordination Committee), released under the Official Information Act 1982",
        "Counter-Terrorism Work Programme 2022 (DPMC, Counter-Terrorism Coordination Committee), released under the Official Information Act 1982",
    ]
    assert [licence.get("name") for licence in package["licenses"]] == ["CC0-1.0", None]


def test_a_page_citation_gives_its_address_revision_day_and_sources():
    dataset = load_valid_dataset(REPO / "data")
    citation = cite(dataset, "items/2022-annual-hui.html", "He Whenua Taurikura annual hui", date(2022, 8, 1), check_base_url(BASE[:-1]))
    assert citation.url == "https://example.org/ctwp/items/2022-annual-hui.html"
    text = citation.text()
    assert text.startswith(
        "He Whenua Taurikura annual hui. Counter-Terrorism Work Programme, ctwp contributors. "
        "https://example.org/ctwp/items/2022-annual-hui.html (data revision "
    )
    assert "progress as at 1 Aug 2022). Sources: Counter-Terrorism Work Programme 2021 (DPMC" in text
    assert cite(dataset, "index.html", "Home", date(2022, 8, 1)).url == "index.html"  # no base URL: relative to the site


@pytest.mark.parametrize("given", ["example.org", "ftp://example.org/", "https://example.org/?q=1", "/ctwp/"])
def test_base_url_must_be_a_web_address(given):
    with pytest.raises(UsageError, match="--base-url"):
        check_base_url(given)


def test_atom_feed_is_valid_with_reports_and_editions():
    feedparser = pytest.importorskip("feedparser")
    dataset = load_valid_dataset(FIXTURES / "progress")
    parsed = feedparser.parse(atom_feed(dataset, BASE))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    entries = feed_entries(dataset, BASE)
    reports = sum(len(series) for series in dataset.reports.values())
    assert len(parsed.entries) == len(entries) == reports + len(dataset.programmes)
    assert [entry.id for entry in parsed.entries] == [entry.id for entry in entries]
    assert len({entry.id for entry in entries}) == len(entries)
    assert [(entry.link, entry.updated) for entry in parsed.entries] == [
        (entry.link, f"{entry.updated.isoformat()}T00:00:00Z") for entry in entries
    ]
    assert {entry.link for entry in entries} >= {BASE + "editions/2030.html", BASE + "editions/2031.html"}
    assert any(entry.link.startswith(BASE + "items/") for entry in entries)


def test_atom_feed_escapes_hostile_text(tmp_path):
    feedparser = pytest.importorskip("feedparser")
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "progress", data)
    path = data / "progress" / "2030.yaml"
    text = path.read_text()
    document = yaml.safe_load(text)
    document["reports"][0]["note"] = '<script>alert(1)</script> & ]]> "quoted"'
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    parsed = feedparser.parse(atom_feed(load_valid_dataset(data), BASE))
    assert not parsed.bozo
    assert any("<script>alert(1)</script> & ]]>" in entry.summary for entry in parsed.entries)


def test_feed_link_for_page_heads():
    assert feed_link("../") == (
        '<link rel="alternate" type="application/atom+xml" href="../feed.xml" title="Counter-Terrorism Work Programme: new reports and editions">'
    )
