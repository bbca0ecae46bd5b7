"""The examples of the README and of every page of docs/ run as written, and the project says
under what terms it is shared."""

import re
import shlex

import pytest
import tomllib
from conftest import REPO

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
TEXTS = {page.relative_to(REPO).as_posix(): page.read_text() for page in PAGES}
# A console block, with the HTML comment that may stand on the line before it: "excerpt"
# (what it shows is printed, in that order, where "  ..." leaves lines out) or
# "not checked: why" (placeholders, a changed working tree, files written, git history).
CONSOLE_BLOCK = re.compile(r"(?:<!-- (?P<mark>[^\n]*?) -->\n)?```console\n(?P<body>.*?)```", re.DOTALL)
BLOCKS = [(name, match["mark"], match["body"]) for name, text in TEXTS.items() for match in CONSOLE_BLOCK.finditer(text)]
CONSOLE = [body for _, _, body in BLOCKS]


def examples(body):
    """Each ``$ `` command of a console block, with the output shown under it."""
    return [part.partition("\n")[::2] for part in re.split(r"^\$ ", body, flags=re.MULTILINE)[1:]]


CHECKED = [(name, command, shown, mark) for name, mark, body in BLOCKS if mark in (None, "excerpt") for command, shown in examples(body)]


def test_every_console_block_is_checked_or_says_why_not():
    marks = [mark for _, mark, _ in BLOCKS]
    assert all(mark in (None, "excerpt") or re.fullmatch(r"not checked: \S.*", mark) for mark in marks), marks
    assert len(CHECKED) >= 10


@pytest.mark.parametrize(("page", "command", "shown", "mark"), CHECKED, ids=[f"{page}: {command}" for page, command, _, _ in CHECKED])
def test_the_example_shows_what_ctwp_prints(ctwp, page, command, shown, mark):
    program, *args = shlex.split(command, comments=True)
    assert program == "ctwp"
    printed = ctwp(*args).output  # stdout and stderr, interleaved as a terminal shows them
    if mark == "excerpt":
        first, *rest = shown.removesuffix("  ...\n").split("  ...\n")
        assert printed.startswith(first)
        position = len(first)
        for excerpt in rest:
            position = printed.index(excerpt, position) + len(excerpt)
    else:
        assert printed == shown


def test_examples_name_only_revisions_every_clone_has():
    # A tag that does not exist (2022@v1.0) is an example that fails as written.
    commands = [line for block in CONSOLE for line in block.splitlines() if line.startswith("$ ctwp ")]
    revisions = {revision for command in commands for revision in re.findall(r"\b\d{4}@(\S+)", command)}
    assert revisions == {"main", "HEAD", "HEAD~1"}


def test_placeholders_say_so():
    snippet = TEXTS["docs/ci.md"].split("Another repository that keeps programme data", 1)[1].split("```", 2)[1]
    assert re.search(r"rev: REVISION +# placeholder", snippet)
    assert "at commit COMMIT (DATE)." in TEXTS["docs/commands.md"]


def test_links_between_pages_lead_to_pages_that_exist():
    for name, text in TEXTS.items():
        folder = (REPO / name).parent
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if not re.match(r"[a-z]+:", target):
                assert (folder / target).exists(), f"{name} links to {target}, which does not exist"


def test_licences():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert (project["license"], project["license-files"]) == ("MIT", ["LICENSE", "data/NOTICE.md"])
    assert (REPO / "LICENSE").read_text().startswith("MIT License\n")
    notice = (REPO / "data" / "NOTICE.md").read_text()
    assert "released under the Official\n  Information Act 1982" in notice
    assert "## Licence" in TEXTS["README.md"]
