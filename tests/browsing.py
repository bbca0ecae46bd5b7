"""Shared by the browser tests: headless Chromium through Playwright (skipping, with what to
install, where either is missing; tests/conftest.py starts one for each worker process), a
page of it for one test, and a folder served over http://127.0.0.1 from a thread, for pages
that fetch()."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@contextlib.contextmanager
def chromium() -> Iterator:
    """The system's Chromium, headless."""
    if CHROMIUM is None:
        pytest.skip("no Chromium to test in: apt-get install -y chromium (as .ci/run does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed: pip install '.[test]' installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
        )
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def opened(browser) -> Iterator:
    """A new page of ``browser``, in a context of its own, closed when the test is done with it."""
    page = browser.new_page()
    try:
        yield page
    finally:
        page.close()


def ready_to_search(page) -> None:
    """Wait until the search page has loaded every filter, as it starts to when it opens (the
    filter panel is drawn then): a search made earlier shows some filters at first."""
    page.wait_for_selector(".pagefind-ui__filter-panel", state="attached")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the test's output is for failures
        pass

    def end_headers(self):
        # Kept by the browser, as a web host would let it: a file seen again (axe-core, on
        # every page audited) is not asked for again.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served on a free port of 127.0.0.1; yields its base URL, ending in /."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # Shut down within a fiftieth of a second of the test's end, not the default half.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
