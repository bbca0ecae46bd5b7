"""ctwp diff: two years matched through their continues links, and one year twice matched by
id, on fixture programmes for every kind of change and on git revisions, with a few facts of the real data."""

import json
import shutil

import pytest
from conftest import REPO, data_folder, git

from ctwp.analysis.diff import DueMove
from ctwp.analysis.words import due_move_text
from ctwp.data.periods import parse_canonical

FIXTURES = "tests/fixtures/diff"
BEFORE, EDITED, REORDERED = f"{FIXTURES}/2031.yaml", f"{FIXTURES}/2031-edited.yaml", f"{FIXTURES}/2031-reordered.yaml"
EARLIER = f"{FIXTURES}/2030.yaml"


@pytest.fixture
def repository(tmp_path):
    """A git repository whose data folder has 2030.yaml and 2031.yaml at the tag 'base', and
    2031-edited.yaml as 2031.yaml in the working tree."""
    folder = data_folder(tmp_path, {name: REPO / FIXTURES / name for name in ("2030.yaml", "2031.yaml")})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "tag", "base")
    shutil.copy(REPO / EDITED, folder / "2031.yaml")
    return folder


# One year twice: 2031.yaml against 2031-edited.yaml, which makes one change of each kind.


def test_revisions_table(ctwp):
    result = ctwp("diff", BEFORE, EDITED)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"{BEFORE} → {EDITED}\n" + EDITED_TABLE


def test_revisions_markdown(ctwp):
    result = ctwp("diff", BEFORE, EDITED, "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout == f"## {BEFORE} → {EDITED}\n" + EDITED_MARKDOWN


def test_revisions_json(ctwp):
    result = ctwp("diff", BEFORE, EDITED, "--format", "json")
    assert result.exit_code == 0
    sides = {
        "old": {"label": BEFORE, "year": 2031, "path": BEFORE, "revision": None},
        "new": {"label": EDITED, "year": 2031, "path": EDITED, "revision": None},
    }
    assert json.loads(result.stdout) == {**sides, **EDITED_JSON}


def test_moving_items_and_reordering_lists_is_no_change(ctwp):
    result = ctwp("diff", BEFORE, REORDERED, "--exit-code")
    assert (result.exit_code, result.stdout) == (0, f"{BEFORE} → {REORDERED}\nno differences\n")
    result = ctwp("diff", BEFORE, REORDERED, "--format", "markdown")
    assert result.stdout == f"## {BEFORE} → {REORDERED}\n\nno differences.\n"
    result = ctwp("diff", BEFORE, REORDERED, "--format", "json")
    output = json.loads(result.stdout)
    assert (output["differences"], output["items"]["changed"], len(output["items"]["unchanged"])) == (False, [], 8)


def test_exit_code_says_whether_there_are_differences(ctwp):
    assert ctwp("diff", BEFORE, EDITED, "--exit-code").exit_code == 1
    assert ctwp("diff", BEFORE, EDITED, "--exit-code", "--format", "json").exit_code == 1
    assert ctwp("diff", BEFORE, BEFORE, "--exit-code").exit_code == 0


# Two years: 2030.yaml and 2031.yaml, linked by continues.


def test_years_table(ctwp):
    result = ctwp("diff", EARLIER, BEFORE)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"{EARLIER} → {BEFORE}\n" + YEARS_TABLE


def test_years_markdown(ctwp):
    result = ctwp("diff", EARLIER, BEFORE, "--format", "markdown")
    assert result.stdout == f"## {EARLIER} → {BEFORE}\n" + YEARS_MARKDOWN


def test_years_json_follows_links_through_the_years_between(ctwp, tmp_path):
    # 2032-framework continues 2031-framework, which continues 2030-framework.
    folder = data_folder(tmp_path, {name: REPO / FIXTURES / name for name in ("2030.yaml", "2031.yaml", "2032.yaml")})
    result = ctwp("diff", "2030", "2032", "--data", folder, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == (
        {
            "old": {"label": "2030", "year": 2030, "path": f"{folder}/2030.yaml", "revision": None},
            "new": {"label": "2032", "year": 2032, "path": f"{folder}/2032.yaml", "revision": None},
            "kind": "years",
            "differences": True,
            "programme": [],
            "groups": {"added": [], "removed": [], "changed": []},
            "items": {
                "added": [
                    {
                        "id": "2032-online",
                        "group_id": "2032-prevent",
                        "group": "Prevent violent extremism",
                        "title": "Online harms",
                        "leads": ["DIA"],
                        "lead_text": None,
                        "recs": [],
                        "continues": None,
                        "not_continuing": None,
                        "withheld": None,
                        "milestones": [
                            {
                                "due": "2032-12",
                                "due_label": "Dec 2032",
                                "due_start": "2032-12-01",
                                "due_end": "2032-12-31",
                                "text": "Programme operational.",
                                "condition": None,
                            }
                        ],
                    }
                ],
                "removed": [
                    {
                        "id": "2030-fund",
                        "group_id": "2030-prevent",
                        "group": "Prevent violent extremism",
                        "title": "Community fund",
                        "leads": ["DIA"],
                        "lead_text": None,
                        "recs": [],
                        "continues": None,
                        "not_continuing": None,
                        "withheld": None,
                        "not_linked": None,
                        "milestones": [
                            {"due": "ongoing", "due_label": "Ongoing", "due_start": None, "due_end": None, "text": None, "condition": None}
                        ],
                    },
                    {
                        "id": "2030-review",
                        "group_id": "2030-prevent",
                        "group": "Prevent violent extremism",
                        "title": "Review of the system",
                        "leads": ["DPMC"],
                        "lead_text": None,
                        "recs": [2],
                        "continues": None,
                        "not_continuing": None,
                        "withheld": None,
                        "not_linked": None,
                        "milestones": [
                            {
                                "due": "2031-06",
                                "due_label": "Jun 2031",
                                "due_start": "2031-06-01",
                                "due_end": "2031-06-30",
                                "text": "Review report.",
                                "condition": None,
                            }
                        ],
                    },
                    {
                        "id": "2030-hui",
                        "group_id": "2030-prevent",
                        "group": "Prevent violent extremism",
                        "title": "Annual hui",
                        "leads": ["DPMC"],
                        "lead_text": None,
                        "recs": [16],
                        "continues": None,
                        "not_continuing": None,
                        "withheld": None,
                        "not_linked": None,
                        "milestones": [
                            {
                                "due": "2030-06",
                                "due_label": "Jun 2030",
                                "due_start": "2030-06-01",
                                "due_end": "2030-06-30",
                                "text": "first hui",
                                "condition": None,
                            }
                        ],
                    },
                ],
                "changed": [
                    {
                        "old": {"id": "2030-framework", "title": "Strategic framework"},
                        "new": {"id": "2032-framework", "title": "Strategic framework refresh"},
                        "changes": [
                            {"field": "title", "old": "Strategic framework", "new": "Strategic framework refresh"},
                            {
                                "field": "milestone",
                                "old": {
                                    "due": "2030-Q4",
                                    "due_label": "Q4 2030",
                                    "due_start": "2030-10-01",
                                    "due_end": "2030-12-31",
                                    "text": "establish framework",
                                    "condition": None,
                                },
                                "new": {
                                    "due": "2032-06",
                                    "due_label": "Jun 2032",
                                    "due_start": "2032-06-01",
                                    "due_end": "2032-06-30",
                                    "text": "Framework in place.",
                                    "condition": None,
                                },
                                "due_move": {"direction": "later", "days": 547, "size": "1 year 6 months"},
                            },
                        ],
                    }
                ],
                "unchanged": [],
            },
            "recs": {"old_only": [2, 16], "new_only": []},
            "progress": [],
            "lead_counts": [{"agency": "DPMC", "old": 3, "new": 1, "change": -2}],
        }
    )


def test_the_earlier_year_comes_first(ctwp):
    result = ctwp("diff", BEFORE, EARLIER)
    assert (result.exit_code, result.stderr) == (2, "ctwp: error: 2031 is later than 2030; give the earlier year first\n")


# Git revisions, made in a repository of the test's own.


def test_year_at_a_revision_against_the_working_tree(ctwp, repository):
    result = ctwp("diff", "2031@base", "2031", "--data", repository)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "2031@base → 2031\n" + EDITED_TABLE


def test_two_revisions(ctwp, repository):
    git(repository.parent, "commit", "-q", "-a", "-m", "edit 2031")
    result = ctwp("diff", "2031@base", "2031@HEAD", "--data", repository, "--format", "markdown", "--exit-code")
    assert result.exit_code == 1
    assert result.stdout == "## 2031@base → 2031@HEAD\n" + EDITED_MARKDOWN
    result = ctwp("diff", "2031@base", "2031@HEAD", "--data", repository, "--format", "json")
    output = json.loads(result.stdout)
    path = f"{repository}/2031.yaml"
    assert (output["old"], output["new"]) == (
        {"label": "2031@base", "year": 2031, "path": path, "revision": "base"},
        {"label": "2031@HEAD", "year": 2031, "path": path, "revision": "HEAD"},
    )
    assert {key: value for key, value in output.items() if key not in ("old", "new")} == EDITED_JSON


def test_a_year_at_revisions_of_two_years(ctwp, repository):
    result = ctwp("diff", "2030@base", "2031@base", "--data", repository)
    assert result.stdout == "2030@base → 2031@base\n" + YEARS_TABLE


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("2031@no-such-branch", "unknown revision 'no-such-branch'; give a branch, tag or commit of the repository holding {folder}"),
        ("2029@base", "{folder}/2029.yaml does not exist at revision 'base'"),
        ("2031@", "'2031@' names no revision; write YEAR@REV, such as 2022@main"),
    ],
)
def test_revision_errors(ctwp, repository, reference, message):
    result = ctwp("diff", reference, "2031", "--data", repository)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "ctwp: error: " + message.format(folder=repository) + "\n"


def test_a_revision_outside_git_is_a_usage_error(ctwp, tmp_path):
    folder = data_folder(tmp_path, {name: REPO / FIXTURES / name for name in ("2031.yaml", "2030.yaml")})
    result = ctwp("diff", "2031@main", "2031", "--data", folder, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"ctwp: error: {folder} is not in a git repository; YEAR@REV reads the data folder's git history; give a file path instead\n"
    )


def test_a_programme_at_a_revision_is_validated(ctwp, repository):
    edited = (repository / "2031.yaml").read_text()
    (repository / "2031.yaml").write_text(edited.replace("leads: [MSD]", "leads: [MDS]"))
    git(repository.parent, "commit", "-q", "-a", "-m", "a typo")
    (repository / "2031.yaml").write_text(edited)  # the working tree stays valid
    result = ctwp("diff", "2031@base", "2031@HEAD", "--data", repository)
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"ctwp: error: invalid programme: HEAD:{repository}/2031.yaml:71:17: [error] unknown agency 'MDS'; did you mean 'MSD'? (unknown-agency)\n"
    )


# Other errors: each one line, exit 1 for invalid data and 2 for usage.


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (("2019", "2022"), 2, "no programme for 2019 in data; years: 2021, 2022"),
        (
            ("no/such.yaml", "2022"),
            2,
            "no such file: no/such.yaml; give YEAR, YEAR@REV (a git branch, tag or commit) or the path of a programme file",
        ),
        ((FIXTURES, "2022"), 2, f"{FIXTURES} is a folder; give a programme file"),
        (("2021", "2022", "--format", "csv"), 2, "ctwp diff has no csv format; use --format table, markdown or json"),
        (
            ("tests/fixtures/invalid/unknown-agency.yaml", "2022"),
            1,
            "invalid programme: tests/fixtures/invalid/unknown-agency.yaml:11:17: [error] unknown agency 'DMPC'; did you mean 'DPMC'? (unknown-agency)",
        ),
        (
            (BEFORE, f"{FIXTURES}/duplicate-id.yaml"),
            1,
            f"invalid programme: {FIXTURES}/duplicate-id.yaml:15:13: [error] id '2031-fund' is already used at {FIXTURES}/duplicate-id.yaml:10; "
            "ids are unique across all years; choose another (duplicate-id)",
        ),
    ],
)
def test_errors(ctwp, arguments, code, message):
    result = ctwp("diff", *arguments)
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", f"ctwp: error: {message}\n")


def test_help_shows_the_argument_forms(ctwp):
    result = ctwp("diff", "--help")
    assert result.exit_code == 0
    assert "YEAR@REV" in result.stdout and "ctwp diff 2022@main 2022" in result.stdout


# How far a due period moved: between the ends of the two periods.


@pytest.mark.parametrize(
    ("old", "new", "as_slip", "described"),
    [
        ("2021-Q4", "2022-12", False, "Q4 2021 → Dec 2022, 1 year later"),
        ("2021-06-15/2021-06-16", "2022-12", False, "15–16 Jun 2021 → Dec 2022, 1 year 6 months later"),
        ("2022-07", "2022-10", True, "Jul 2022 → Oct 2022, slipped 3 months"),
        ("2022-12", "2022-09", True, "Dec 2022 → Sep 2022, pulled forward 3 months"),
        ("2022-12-01", "2022-12-15", True, "1 Dec 2022 → 15 Dec 2022, slipped 14 days"),
        ("2022-06", "2022-07", False, "Jun 2022 → Jul 2022, 1 month later"),
        ("2022-Q4", "2022-12", True, "Q4 2022 → Dec 2022, same end date"),
        ("2022-12", "tbd", True, "Dec 2022 → TBD, no longer dated"),
        ("conditional", "2022-07", True, "Conditional → Jul 2022, now dated"),
        ("ongoing", "tbd", True, "Ongoing → TBD"),
    ],
)
def test_due_moves(old, new, as_slip, described):
    assert due_move_text(DueMove(parse_canonical(old), parse_canonical(new)), as_slip) == described


# The real data: a few facts that pin the transcription's judgements (which 2022 items
# continue which 2021 ones, which recommendations each year answers). The fixtures above
# test the formatting.


def test_2021_to_2022_summary(ctwp):
    result = ctwp("diff", "2021", "2022")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[:3] == [
        "2021 → 2022",
        "8 items continued (8 changed), 9 new, 17 not carried forward (no 2022 item",
        "linked to them)",
    ]


def test_2021_to_2022_says_what_not_carried_forward_means_and_why(ctwp):
    markdown = ctwp("diff", "2021", "2022", "--format", "markdown").stdout
    section = markdown.split("### Not carried forward from 2021 (17)\n\n")[1].split("### ")[0]
    assert section.startswith(
        "No 2022 item continues these. Links between editions are made only where both editions' words support them "
        "(a shared recommendation or the same name), so this says the documents show no link, not that the work was dropped; "
        "a reason recorded for not linking an item is shown with it.\n\n"
    )
    new_agency = section.split("- `2021-new-agency`")[1].split("\n- `")[0]
    assert new_agency.endswith(
        '  - not linked: 2022-central-coordination: "Consideration of new agency" touches 2021\'s New Intelligence and '
        "Security Agency, but neither document names this capability as that workstream."
    )
    removed = json.loads(ctwp("diff", "2021", "2022", "--format", "json").stdout)["items"]["removed"]
    reasons = {item["id"]: item["not_linked"]["by"] for item in removed if item["not_linked"]}
    assert reasons == {
        "2021-rcoi-engagement": "2022-community-engagement-tool",
        "2021-disengagement": "2022-he-aranga-ake",
        "2021-new-agency": "2022-central-coordination",
    }


def test_2021_to_2022_json(ctwp):
    output = json.loads(ctwp("diff", "2021", "2022", "--format", "json").stdout)
    assert {key: len(output["items"][key]) for key in output["items"]} == {"added": 9, "removed": 17, "changed": 8, "unchanged": 0}
    advisory_group = next(change for change in output["items"]["changed"] if change["new"]["id"] == "2022-advisory-group-ct")
    assert advisory_group == {
        "old": {"id": "2021-advisory-group-ct", "title": "Advisory Group on CT"},
        "new": {"id": "2022-advisory-group-ct", "title": "Advisory Group on Counter-Terrorism"},
        "changes": [
            {"field": "title", "old": "Advisory Group on CT", "new": "Advisory Group on Counter-Terrorism"},
            {
                "field": "milestone",
                "old": {
                    "due": "2021-Q4",
                    "due_label": "Q4 2021",
                    "due_start": "2021-10-01",
                    "due_end": "2021-12-31",
                    "text": "establish group",
                    "condition": None,
                },
                "new": {
                    "due": "2022-12",
                    "due_label": "Dec 2022",
                    "due_start": "2022-12-01",
                    "due_end": "2022-12-31",
                    "text": "Establish Advisory Group.",
                    "condition": None,
                },
                "due_move": {"direction": "later", "days": 365, "size": "1 year"},
            },
        ],
    }
    assert output["recs"] == {"old_only": [2, 9, 10, 11, 15, 33, 34, 40, 41, 42], "new_only": [38]}


# Expected output, at 80 columns without colour. The fixture diffs' first line, which names
# the two sides, is given by each test.

EDITED_TABLE = """\
1 item added, 1 item removed, 7 items changed, 1 slip, 1 group added, 1 group
removed, 1 group changed, programme title changed

Added (1)
  + 2031-victim-support
    Support for victims
      leads      MSD
      recs       38
      milestone  Ongoing: Monitored through the CTCC.

Removed (1)
  - 2031-coordination
    Central coordination
      leads      DPMC
      recs       1
      milestone  Dec 2031: Options to Cabinet.

Changed (7)
  ~ 2031-exercises
    Exercise programme
      leads      none → NZP
      lead text  TBD → none
      due        Dec 2031 → Q4 2031, same end date
  ~ 2031-protective-security
    [withheld: s6(a)]
      title     Protective security → none
      leads     NZSIS → none
      withheld  none → s6(a)
  ~ 2031-fund
    Safer communities fund
      title            Community fund → Safer communities fund
      milestone added  Dec 2031: Grants round.
  ~ 2031-framework
    Strategic framework refresh
      leads  DPMC, DIA → DPMC
      due    Jun 2031 → Sep 2031, slipped 3 months
  ~ 2031-review
    Review of the system
      continues          2030-review → 2030-hui
      condition          Dependent on funding. → Dependent on Budget 2031.
      milestone removed  Q1 2031: Review report.
  ~ 2031-reporting
    Reporting system
      recs  12 → 12, 13
      due   Q3 2031 → Q2 2031, pulled forward 3 months
  ~ 2031-readiness
    Readiness programme
      group      2031-respond → 2031-prevent
      milestone  Programme operational. → Programme operational from July.
      due        TBD → 2032, now dated (Review of the programme.)

Groups added (1)
  + 2031-recover
    Recover from incidents
      kind  capability

Groups removed (1)
  - 2031-coordinate
    Coordinate the system
      kind  capability

Groups changed (1)
  ~ 2031-respond
    Respond to and recover from incidents
      title  Respond to incidents → Respond to and recover from incidents

Programme
  title: Fixture programme 2031 → Fixture programme 2031, revised

RCOI recommendations
  No longer named by an item: 1
  Newly named by an item: 13, 38

Items led, by agency
  Agency  Before  After  Change
  DPMC    3       2      -1
  NZP     2       3      +1
  DIA     2       1      -1
  MSD     0       1      +1
  NZSIS   1       0      -1
"""

EDITED_MARKDOWN = """\

1 item added, 1 item removed, 7 items changed, 1 slip, 1 group added, 1 group removed, 1 group changed, programme title changed.

### Added (1)

- `2031-victim-support`: Support for victims
  - leads: MSD
  - recs: 38
  - milestone: Ongoing: Monitored through the CTCC.

### Removed (1)

- `2031-coordination`: Central coordination
  - leads: DPMC
  - recs: 1
  - milestone: Dec 2031: Options to Cabinet.

### Changed (7)

- `2031-exercises`: Exercise programme
  - leads: none → NZP
  - lead text: TBD → none
  - due: Dec 2031 → Q4 2031, same end date
- `2031-protective-security`: \\[withheld: s6(a)\\]
  - title: Protective security → none
  - leads: NZSIS → none
  - withheld: none → s6(a)
- `2031-fund`: Safer communities fund
  - title: Community fund → Safer communities fund
  - milestone added: Dec 2031: Grants round.
- `2031-framework`: Strategic framework refresh
  - leads: DPMC, DIA → DPMC
  - due: Jun 2031 → Sep 2031, slipped 3 months
- `2031-review`: Review of the system
  - continues: 2030-review → 2030-hui
  - condition: Dependent on funding. → Dependent on Budget 2031.
  - milestone removed: Q1 2031: Review report.
- `2031-reporting`: Reporting system
  - recs: 12 → 12, 13
  - due: Q3 2031 → Q2 2031, pulled forward 3 months
- `2031-readiness`: Readiness programme
  - group: 2031-respond → 2031-prevent
  - milestone: Programme operational. → Programme operational from July.
  - due: TBD → 2032, now dated (Review of the programme.)

### Groups added (1)

- `2031-recover`: Recover from incidents
  - kind: capability

### Groups removed (1)

- `2031-coordinate`: Coordinate the system
  - kind: capability

### Groups changed (1)

- `2031-respond`: Respond to and recover from incidents
  - title: Respond to incidents → Respond to and recover from incidents

### Programme

- title: Fixture programme 2031 → Fixture programme 2031, revised

### RCOI recommendations

- No longer named by an item: 1
- Newly named by an item: 13, 38

### Items led, by agency

| Agency | Before | After | Change |
|---|---|---|---|
| DPMC | 3 | 2 | -1 |
| NZP | 2 | 3 | +1 |
| DIA | 2 | 1 | -1 |
| MSD | 0 | 1 | +1 |
| NZSIS | 1 | 0 | -1 |
"""

YEARS_TABLE = """\
3 items continued (2 changed), 5 new, 1 not carried forward (no 2031 item linked
to them)

Continued from 2030 (3)
  ~ 2030-framework → 2031-framework
    Strategic framework refresh
      title      Strategic framework → Strategic framework refresh
      leads      DPMC → DPMC, DIA
      recs       4 → 4, 5
      due        Q4 2030 → Jun 2031, 6 months later
      milestone  establish framework → Cabinet agreement.
  = 2030-fund → 2031-fund
    Community fund
      changes  none
  ~ 2030-review → 2031-review
    Review of the system
      milestone added  Conditional: Dependent on funding.
      due              Jun 2031 → Q1 2031, 3 months earlier (Review report.)

New in 2031 (5)
  + 2031-reporting
    Reporting system
      leads      NZP
      recs       12
      milestone  Q3 2031: System live.
  + 2031-readiness
    Readiness programme
      leads      NZP
      milestone  Sep 2031: Programme operational.
      milestone  TBD: Review of the programme.
  + 2031-exercises
    Exercise programme
      leads       TBD
      milestone   Dec 2031: First exercise.
      not linked  2030-hui: A fixture reason, recorded as data rather than as a
                  comment.
  + 2031-protective-security
    Protective security
      leads      NZSIS
      milestone  Q2 2031: Advice to Ministers.
  + 2031-coordination
    Central coordination
      leads      DPMC
      recs       1
      milestone  Dec 2031: Options to Cabinet.

Not carried forward from 2030 (1)
  No 2031 item continues these. Links between editions are made only where both
  editions' words support them (a shared recommendation or the same name), so
  this says the documents show no link, not that the work was dropped; a reason
  recorded for not linking an item is shown with it.
  - 2030-hui
    Annual hui
      leads       DPMC
      recs        16
      milestone   Jun 2030: first hui
      not linked  2031-exercises: A fixture reason, recorded as data rather than
                  as a comment.

RCOI recommendations
  Named by an item in 2030, not in 2031: 16
  Named by an item in 2031, not in 2030: 1, 5, 12

Items led, by agency
  Agency  2030  2031  Change
  DIA     1     2     +1
  NZP     0     2     +2
  NZSIS   0     1     +1
"""

YEARS_MARKDOWN = """\

3 items continued (2 changed), 5 new, 1 not carried forward (no 2031 item linked to them).

### Continued from 2030 (3)

- `2030-framework` → `2031-framework`: Strategic framework refresh
  - title: Strategic framework → Strategic framework refresh
  - leads: DPMC → DPMC, DIA
  - recs: 4 → 4, 5
  - due: Q4 2030 → Jun 2031, 6 months later
  - milestone: establish framework → Cabinet agreement.
- `2030-fund` → `2031-fund`: Community fund
  - changes: none
- `2030-review` → `2031-review`: Review of the system
  - milestone added: Conditional: Dependent on funding.
  - due: Jun 2031 → Q1 2031, 3 months earlier (Review report.)

### New in 2031 (5)

- `2031-reporting`: Reporting system
  - leads: NZP
  - recs: 12
  - milestone: Q3 2031: System live.
- `2031-readiness`: Readiness programme
  - leads: NZP
  - milestone: Sep 2031: Programme operational.
  - milestone: TBD: Review of the programme.
- `2031-exercises`: Exercise programme
  - leads: TBD
  - milestone: Dec 2031: First exercise.
  - not linked: 2030-hui: A fixture reason, recorded as data rather than as a comment.
- `2031-protective-security`: Protective security
  - leads: NZSIS
  - milestone: Q2 2031: Advice to Ministers.
- `2031-coordination`: Central coordination
  - leads: DPMC
  - recs: 1
  - milestone: Dec 2031: Options to Cabinet.

### Not carried forward from 2030 (1)

No 2031 item continues these. Links between editions are made only where both editions' words support them (a shared recommendation or the same name), so this says the documents show no link, not that the work was dropped; a reason recorded for not linking an item is shown with it.

- `2030-hui`: Annual hui
  - leads: DPMC
  - recs: 16
  - milestone: Jun 2030: first hui
  - not linked: 2031-exercises: A fixture reason, recorded as data rather than as a comment.

### RCOI recommendations

- Named by an item in 2030, not in 2031: 16
- Named by an item in 2031, not in 2030: 1, 5, 12

### Items led, by agency

| Agency | 2030 | 2031 | Change |
|---|---|---|---|
| DIA | 1 | 2 | +1 |
| NZP | 0 | 2 | +2 |
| NZSIS | 0 | 1 | +1 |
"""

EDITED_JSON = {
    "kind": "revisions",
    "differences": True,
    "programme": [{"field": "title", "old": "Fixture programme 2031", "new": "Fixture programme 2031, revised"}],
    "groups": {
        "added": [{"id": "2031-recover", "kind": "capability", "title": "Recover from incidents"}],
        "removed": [{"id": "2031-coordinate", "kind": "capability", "title": "Coordinate the system"}],
        "changed": [
            {
                "id": "2031-respond",
                "kind": "capability",
                "title": "Respond to and recover from incidents",
                "changes": [{"field": "title", "old": "Respond to incidents", "new": "Respond to and recover from incidents"}],
            }
        ],
    },
    "items": {
        "added": [
            {
                "id": "2031-victim-support",
                "group_id": "2031-recover",
                "group": "Recover from incidents",
                "title": "Support for victims",
                "leads": ["MSD"],
                "lead_text": None,
                "recs": [38],
                "continues": None,
                "not_continuing": None,
                "withheld": None,
                "milestones": [
                    {
                        "due": "ongoing",
                        "due_label": "Ongoing",
                        "due_start": None,
                        "due_end": None,
                        "text": "Monitored through the CTCC.",
                        "condition": None,
                    }
                ],
            }
        ],
        "removed": [
            {
                "id": "2031-coordination",
                "group_id": "2031-coordinate",
                "group": "Coordinate the system",
                "title": "Central coordination",
                "leads": ["DPMC"],
                "lead_text": None,
                "recs": [1],
                "continues": None,
                "not_continuing": None,
                "withheld": None,
                "not_linked": None,
                "milestones": [
                    {
                        "due": "2031-12",
                        "due_label": "Dec 2031",
                        "due_start": "2031-12-01",
                        "due_end": "2031-12-31",
                        "text": "Options to Cabinet.",
                        "condition": None,
                    }
                ],
            }
        ],
        "changed": [
            {
                "old": {"id": "2031-exercises", "title": "Exercise programme"},
                "new": {"id": "2031-exercises", "title": "Exercise programme"},
                "changes": [
                    {"field": "leads", "old": [], "new": ["NZP"]},
                    {"field": "lead_text", "old": "TBD", "new": None},
                    {
                        "field": "milestone",
                        "old": {
                            "due": "2031-12",
                            "due_label": "Dec 2031",
                            "due_start": "2031-12-01",
                            "due_end": "2031-12-31",
                            "text": "First exercise.",
                            "condition": None,
                        },
                        "new": {
                            "due": "2031-Q4",
                            "due_label": "Q4 2031",
                            "due_start": "2031-10-01",
                            "due_end": "2031-12-31",
                            "text": "First exercise.",
                            "condition": None,
                        },
                        "due_move": {"direction": "same-end", "days": 0, "size": None},
                    },
                ],
            },
            {
                "old": {"id": "2031-protective-security", "title": "Protective security"},
                "new": {"id": "2031-protective-security", "title": "[withheld: s6(a)]"},
                "changes": [
                    {"field": "title", "old": "Protective security", "new": None},
                    {"field": "leads", "old": ["NZSIS"], "new": []},
                    {"field": "withheld", "old": None, "new": ["s6(a)"]},
                ],
            },
            {
                "old": {"id": "2031-fund", "title": "Community fund"},
                "new": {"id": "2031-fund", "title": "Safer communities fund"},
                "changes": [
                    {"field": "title", "old": "Community fund", "new": "Safer communities fund"},
                    {
                        "field": "milestone",
                        "old": None,
                        "new": {
                            "due": "2031-12",
                            "due_label": "Dec 2031",
                            "due_start": "2031-12-01",
                            "due_end": "2031-12-31",
                            "text": "Grants round.",
                            "condition": None,
                        },
                        "due_move": None,
                    },
                ],
            },
            {
                "old": {"id": "2031-framework", "title": "Strategic framework refresh"},
                "new": {"id": "2031-framework", "title": "Strategic framework refresh"},
                "changes": [
                    {"field": "leads", "old": ["DPMC", "DIA"], "new": ["DPMC"]},
                    {
                        "field": "milestone",
                        "old": {
                            "due": "2031-06",
                            "due_label": "Jun 2031",
                            "due_start": "2031-06-01",
                            "due_end": "2031-06-30",
                            "text": "Cabinet agreement.",
                            "condition": None,
                        },
                        "new": {
                            "due": "2031-09",
                            "due_label": "Sep 2031",
                            "due_start": "2031-09-01",
                            "due_end": "2031-09-30",
                            "text": "Cabinet agreement.",
                            "condition": None,
                        },
                        "due_move": {"direction": "later", "days": 92, "size": "3 months"},
                    },
                ],
            },
            {
                "old": {"id": "2031-review", "title": "Review of the system"},
                "new": {"id": "2031-review", "title": "Review of the system"},
                "changes": [
                    {"field": "continues", "old": "2030-review", "new": "2030-hui"},
                    {
                        "field": "milestone",
                        "old": {
                            "due": "conditional",
                            "due_label": "Conditional",
                            "due_start": None,
                            "due_end": None,
                            "text": None,
                            "condition": "Dependent on funding.",
                        },
                        "new": {
                            "due": "conditional",
                            "due_label": "Conditional",
                            "due_start": None,
                            "due_end": None,
                            "text": None,
                            "condition": "Dependent on Budget 2031.",
                        },
                        "due_move": None,
                    },
                    {
                        "field": "milestone",
                        "old": {
                            "due": "2031-Q1",
                            "due_label": "Q1 2031",
                            "due_start": "2031-01-01",
                            "due_end": "2031-03-31",
                            "text": "Review report.",
                            "condition": None,
                        },
                        "new": None,
                        "due_move": None,
                    },
                ],
            },
            {
                "old": {"id": "2031-reporting", "title": "Reporting system"},
                "new": {"id": "2031-reporting", "title": "Reporting system"},
                "changes": [
                    {"field": "recs", "old": [12], "new": [12, 13]},
                    {
                        "field": "milestone",
                        "old": {
                            "due": "2031-Q3",
                            "due_label": "Q3 2031",
                            "due_start": "2031-07-01",
                            "due_end": "2031-09-30",
                            "text": "System live.",
                            "condition": None,
                        },
                        "new": {
                            "due": "2031-Q2",
                            "due_label": "Q2 2031",
                            "due_start": "2031-04-01",
                            "due_end": "2031-06-30",
                            "text": "System live.",
                            "condition": None,
                        },
                        "due_move": {"direction": "earlier", "days": -92, "size": "3 months"},
                    },
                ],
            },
            {
                "old": {"id": "2031-readiness", "title": "Readiness programme"},
                "new": {"id": "2031-readiness", "title": "Readiness programme"},
                "changes": [
                    {"field": "group", "old": "2031-respond", "new": "2031-prevent"},
                    {
                        "field": "milestone",
                        "old": {
                            "due": "2031-09",
                            "due_label": "Sep 2031",
                            "due_start": "2031-09-01",
                            "due_end": "2031-09-30",
                            "text": "Programme operational.",
                            "condition": None,
                        },
                        "new": {
                            "due": "2031-09",
                            "due_label": "Sep 2031",
                            "due_start": "2031-09-01",
                            "due_end": "2031-09-30",
                            "text": "Programme operational from July.",
                            "condition": None,
                        },
                        "due_move": None,
                    },
                    {
                        "field": "milestone",
                        "old": {
                            "due": "tbd",
                            "due_label": "TBD",
                            "due_start": None,
                            "due_end": None,
                            "text": "Review of the programme.",
                            "condition": None,
                        },
                        "new": {
                            "due": "2032",
                            "due_label": "2032",
                            "due_start": "2032-01-01",
                            "due_end": "2032-12-31",
                            "text": "Review of the programme.",
                            "condition": None,
                        },
                        "due_move": {"direction": "now-dated", "days": None, "size": None},
                    },
                ],
            },
        ],
        "unchanged": [],
    },
    "recs": {"old_only": [1], "new_only": [13, 38]},
    "progress": [],
    "lead_counts": [
        {"agency": "DPMC", "old": 3, "new": 2, "change": -1},
        {"agency": "NZP", "old": 2, "new": 3, "change": 1},
        {"agency": "DIA", "old": 2, "new": 1, "change": -1},
        {"agency": "MSD", "old": 0, "new": 1, "change": 1},
        {"agency": "NZSIS", "old": 1, "new": 0, "change": -1},
    ],
}


def test_a_word_longer_than_the_terminal_is_never_broken():
    from ctwp.publish.changes import _hanging

    word = "https://example.org/" + "a" * 80
    lines = _hanging("  ", f"see {word} for more", 40, lambda text, style="": text)
    assert lines == ["  see", f"  {word}", "  for more"]
