import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from ctwp.cli.app import app

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"

# How hard the property tests look: "dev" by default; "ci" in CI (where CI=true), fewer
# examples to keep the run short, with a reproduction blob for any failure; "thorough" for a
# deliberate deep run (HYPOTHESIS_PROFILE=thorough .venv/bin/pytest tests/test_properties.py).
settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=20, deadline=None, print_blob=True)
settings.register_profile("thorough", max_examples=2000, deadline=None)


def hypothesis_profile(environ) -> str:
    return environ.get("HYPOTHESIS_PROFILE") or ("ci" if environ.get("CI") == "true" else "dev")


settings.load_profile(hypothesis_profile(os.environ))

# The files that take longest, in that order, run first (pyproject.toml's --no-loadscope-reorder
# keeps the order): each worker takes a whole file, and a long file taken last would leave the
# other worker idle while it runs. The rest keep their order.
LONGEST_FIRST = (
    "test_accessibility.py",
    "test_site.py",
    "test_site_reading.py",
    "test_search.py",
    "test_properties.py",
    "test_spec_agreement.py",
    "test_import_budget.py",
)


def pytest_collection_modifyitems(items):
    def rank(item):
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: each file's tests keep their order


# A fixed terminal: 80 columns, no colour, so output can be asserted exactly.
TERMINAL = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}


@pytest.fixture(autouse=True)
def in_repository(monkeypatch, tmp_path_factory):
    """Every test runs at the repository's root, with no data folder set from outside and
    a cache of its own."""
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("CTWP_DATA", raising=False)
    monkeypatch.setenv("CTWP_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


# The real data's site as at a day when its milestones stand in several states, with a web
# address (so with a feed and absolute citations). Built once for each worker process and
# shared by the modules that only read it: none may write in it.
READING_AS_AT = date(2022, 8, 1)
READING_BASE_URL = "https://example.org/ctwp/"


@pytest.fixture(scope="session")
def reading_site(tmp_path_factory):
    """The real data's site as at READING_AS_AT, at READING_BASE_URL, with its search index."""
    from ctwp.data.loading import load_valid_dataset
    from ctwp.publish.site import build_site

    out = tmp_path_factory.mktemp("reading") / "public"
    return build_site(load_valid_dataset(REPO / "data"), out, as_at=READING_AS_AT, base_url=READING_BASE_URL)


@pytest.fixture(scope="session")
def site_without_search(tmp_path_factory):
    """The real data's site as at READING_AS_AT, with no web address and no search index."""
    from ctwp.data.loading import load_valid_dataset
    from ctwp.publish.site import build_site

    out = tmp_path_factory.mktemp("unsearched") / "public"
    return build_site(load_valid_dataset(REPO / "data"), out, as_at=READING_AS_AT, search=False)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, started once for each worker process (it takes a second or two):
    each test opens its own page or context, and closes it."""
    from browsing import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture
def ctwp():
    """Run ``ctwp ARGS...`` in-process and return the click Result (stdout, stderr, exit_code)."""
    runner = CliRunner()

    def run(*args, env=None):
        return runner.invoke(app, [str(arg) for arg in args], env={**TERMINAL, **(env or {})})

    return run


def git(repository, *args):
    """Run git in ``repository`` (a test repository under tmp_path), as a fixed author."""
    identity = ["-c", "user.name=ctwp tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=repository, check=True, capture_output=True)


@pytest.fixture
def data(tmp_path):
    """A copy of the published data folder, to change."""
    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy)
    return copy


def data_folder(root, programmes: dict[str, Path]) -> Path:
    """A data folder in ``root``: the real registries, and the given programme files by name."""
    folder = root / "data"
    folder.mkdir()
    for registry in ("agencies.yaml", "rcoi.yaml"):
        shutil.copy(REPO / "data" / registry, folder)
    for name, source in programmes.items():
        shutil.copy(source, folder / name)
    return folder


def read_keeping_positions(path: str, raw: bytes):
    """``path`` read as after a problem: every position kept, by the full reading."""
    from ctwp.data import yamlsource

    document = yamlsource.YamlDocument(path, raw.decode("utf-8-sig"))
    document._source = yamlsource.SourceMap()
    yamlsource._read_text(document, track=True)
    return document
