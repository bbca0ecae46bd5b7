"""The README's examples run as written, and the project says under what terms it is shared."""

import re

import tomllib
from conftest import REPO

README = (REPO / "README.md").read_text()
CONSOLE = re.findall(r"```console\n(.*?)```", README, re.DOTALL)


def test_examples_name_only_revisions_every_clone_has():
    # A tag that does not exist (2022@v1.0) is an example that fails as written.
    commands = [line for block in CONSOLE for line in block.splitlines() if line.startswith("$ ctwp ")]
    revisions = {revision for command in commands for revision in re.findall(r"\b\d{4}@(\S+)", command)}
    assert revisions == {"main", "HEAD", "HEAD~1"}


def test_the_year_on_year_example_is_what_ctwp_prints(ctwp):
    example = README.split("$ ctwp diff 2021 2022\n", 1)[1].split("```", 1)[0]
    printed = "\n".join(ctwp("diff", "2021", "2022").stdout.splitlines())
    # The example leaves some lines out ("  ..."); what it shows is printed, in that order.
    position = 0
    for excerpt in example.rstrip("\n").split("\n  ...\n"):
        position = printed.index(excerpt.removesuffix("\n  ..."), position)


def test_placeholders_say_so():
    snippet = README.split("Another repository that keeps programme data", 1)[1].split("```", 2)[1]
    assert re.search(r"rev: REVISION +# placeholder", snippet)
    assert "at commit COMMIT (DATE)." in README


def test_licences():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert (project["license"], project["license-files"]) == ("MIT", ["LICENSE", "data/NOTICE.md"])
    assert (REPO / "LICENSE").read_text().startswith("MIT License\n")
    notice = (REPO / "data" / "NOTICE.md").read_text()
    assert "released under the Official\n  Information Act 1982" in notice
