"""Progress: states as at a day on a fixture folder with reports, the real data's counts,
``ctwp status`` and ``ctwp new``."""

import csv
import io
import json
import re
import shutil
from collections import Counter
from datetime import date

import pytest
from conftest import FIXTURES, REPO, git

from ctwp.analysis.progress import milestone_statuses, read_as_at
from ctwp.analysis.queries import ItemFilter
from ctwp.core.errors import UsageError
from ctwp.data.loading import load_dataset
from ctwp.publish.formats import csv_record

PROGRESS = FIXTURES / "progress"


@pytest.fixture(scope="module")
def fixture_data():
    return load_dataset(PROGRESS)


@pytest.fixture(scope="module")
def real_data():
    return load_dataset(REPO / "data")


def states(dataset, as_at: str) -> dict[str, tuple]:
    """Each milestone's state and latest report status (None: unreported) as at a day."""
    return {
        status.reference: (status.state.value, status.report.status if status.report else None)
        for status in milestone_statuses(dataset, ItemFilter(), date.fromisoformat(as_at))
    }


# The fixture's milestones: 2030-launch/launch is due in Q2 2030 and reported done on 30 June,
# the quarter's last day; 2030-fund/opens is due on 30 June 2030 and reported done that day;
# 2030-law is continued by 2031-law; 2030-portal is reported replaced on 15 Dec 2030.
STATES = {
    "2030-06-29": {
        "2030-launch/launch": ("due-soon", "on-track"),
        "2030-fund/opens": ("due-soon", None),
        "2030-law/milestone-1": ("due-soon", None),  # Q3 begins within 30 days
        "2030-portal/milestone-1": ("due-soon", None),
        "2030-register/milestone-1": ("not-yet-due", None),
        "2030-screening/milestone-1": ("not-yet-due", None),
        "2030-launch/review": ("not-yet-due", None),
        "2031-portal/milestone-1": ("not-yet-due", None),
        "2031-law/milestone-1": ("not-yet-due", None),
        "2030-hui/milestone-1": ("undated", None),
    },
    # The last day of the quarter: Q2 has not ended, and the reports of that day count.
    "2030-06-30": {
        "2030-launch/launch": ("done", "done"),
        "2030-fund/opens": ("done", "done"),
        "2030-law/milestone-1": ("due-soon", None),
        "2030-portal/milestone-1": ("due-soon", None),
        "2030-register/milestone-1": ("not-yet-due", None),
        "2030-screening/milestone-1": ("not-yet-due", None),
        "2030-launch/review": ("not-yet-due", None),
        "2031-portal/milestone-1": ("not-yet-due", None),
        "2031-law/milestone-1": ("not-yet-due", None),
        "2030-hui/milestone-1": ("undated", None),
    },
    # Q3 has ended: a report that says on track does not make it less overdue.
    "2030-10-01": {
        "2030-launch/launch": ("done", "done"),
        "2030-fund/opens": ("done", "done"),
        "2030-law/milestone-1": ("overdue", "on-track"),
        "2030-portal/milestone-1": ("overdue", None),
        "2030-register/milestone-1": ("overdue", None),
        "2030-screening/milestone-1": ("stopped", "stopped"),
        "2030-launch/review": ("not-yet-due", None),
        "2031-portal/milestone-1": ("not-yet-due", None),
        "2031-law/milestone-1": ("not-yet-due", None),
        "2030-hui/milestone-1": ("undated", None),
    },
    # 2031 has begun: 2030-law moved on to 2031-law; the portal was replaced.
    "2031-01-01": {
        "2030-launch/launch": ("done", "done"),
        "2030-fund/opens": ("done", "done"),
        "2030-law/milestone-1": ("carried-forward", "on-track"),
        "2030-portal/milestone-1": ("replaced", "replaced"),
        "2030-register/milestone-1": ("overdue", None),
        "2030-screening/milestone-1": ("stopped", "stopped"),
        "2030-launch/review": ("overdue", "at-risk"),
        "2031-portal/milestone-1": ("not-yet-due", None),
        "2031-law/milestone-1": ("not-yet-due", None),
        "2030-hui/milestone-1": ("undated", None),
    },
}


@pytest.mark.parametrize("as_at", STATES)
def test_states_as_at(fixture_data, as_at):
    assert states(fixture_data, as_at) == STATES[as_at]


def test_the_fixture_folder_is_valid(fixture_data):
    assert fixture_data.findings == []
    assert sum(len(series) for series in fixture_data.reports.values()) == 7


def test_as_at_takes_today_and_every_period_form():
    today = date(2030, 5, 17)
    assert read_as_at("today", today) == today
    assert [read_as_at(text, today) for text in ("2030-08-01", "2030-Q3", "Q3 2030", "Sep 2030", "2030")] == [
        date(2030, 8, 1),
        date(2030, 9, 30),
        date(2030, 9, 30),
        date(2030, 9, 30),
        date(2030, 12, 31),
    ]
    with pytest.raises(UsageError, match="has no dates"):
        read_as_at("ongoing", today)


def test_status_table(ctwp):
    result = ctwp("status", "--data", PROGRESS, "--as-at", "2031-01-01", "--year", "2030", "--lead", "MOJ")
    assert result.exit_code == 0
    assert result.stdout == (
        "Due       Title / Id            Milestone         State / Latest report\n"
        "───────────────────────────────────────────────────────────────────────\n"
        "Q3 2030   Legislative review    Bill introduced.  carried forward\n"
        "          2030-law                                on track, 15 Jul 2030\n"
        "Sep 2030  Register of concerns  Register in use.  overdue\n"
        "          2030-register                           unreported\n"
    )
    assert result.stderr == "as at 1 Jan 2031: 2 milestones: 1 carried forward, 1 overdue (1 unreported)\n"


def test_status_json_carries_the_report(ctwp):
    result = ctwp("status", "--data", PROGRESS, "--as-at", "2030-10-01", "--state", "overdue", "--format", "json")
    rows = json.loads(result.stdout)
    assert [(row["id"], row["milestone_key"], row["state"], row["reported"]) for row in rows] == [
        ("2030-law", "milestone-1", "overdue", True),
        ("2030-portal", "milestone-1", "overdue", False),
        ("2030-register", "milestone-1", "overdue", False),
    ]
    assert {row["as_at"] for row in rows} == {"2030-10-01"}  # a saved file says what day it speaks for
    assert rows[0]["report"] == {"date": "2030-07-15", "status": "on-track", "note": None, "source": "CTCC minutes, July 2030"}


def test_status_since_shows_changes_of_state(ctwp):
    result_args = ("status", "--data", PROGRESS, "--as-at", "2031-01-01", "--since", "2030-Q3")
    result = ctwp(*result_args, "--format", "csv")
    # CSV carries the JSON's fields; an unreported milestone's report columns are empty.
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    first = json.loads(ctwp(*result_args, "--format", "json").stdout)[0]
    # continues, null here, is an object {year, id, title} where set: three columns, empty here.
    assert list(table[0]) == list(csv_record({**first, "continues": {"year": None, "id": None, "title": None}}))
    assert [(row["id"], row["was_label"], row["state_label"], row["report_date"], row["report_label"]) for row in table] == [
        ("2030-law", "due soon", "carried forward", "2030-07-15", "on track, 15 Jul 2030"),
        ("2030-portal", "due soon", "replaced", "2030-12-15", "replaced, 15 Dec 2030"),
        ("2030-register", "due soon", "overdue", "", "unreported"),
        ("2030-launch", "not yet due", "overdue", "2030-11-01", "at risk, 1 Nov 2030"),
    ]
    assert result.stderr == "changes of state from 30 Sep 2030 to 1 Jan 2031\n"


def test_status_summary_by_lead(ctwp):
    result = ctwp("status", "--data", PROGRESS, "--as-at", "2030-10-01", "--summary", "lead", "--format", "markdown")
    assert result.stdout.splitlines() == [
        "| Lead | Done | Stopped | Overdue | Not yet due | Undated | Unreported | Total |",
        "|---|---|---|---|---|---|---|---|",
        "| DPMC | 1 | 0 | 0 | 1 | 1 | 2 | 3 |",  # a joint lead counts for each agency
        "| MOJ | 0 | 0 | 2 | 1 | 0 | 2 | 3 |",
        "| NZP | 0 | 0 | 1 | 1 | 1 | 3 | 3 |",
        "| DIA | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        "| NZSIS | 0 | 1 | 0 | 0 | 0 | 0 | 1 |",
    ]


def test_status_summary_table_has_a_line_per_state(ctwp):
    result = ctwp("status", "--data", PROGRESS, "--as-at", "2030-10-01", "--summary", "year")
    assert result.stdout == (
        "Year  State        Milestones  Unreported\n"
        "─────────────────────────────────────────\n"
        "2030  done         2           0\n"
        "2030  stopped      1           0\n"
        "2030  overdue      3           2\n"
        "2030  not yet due  1           1\n"
        "2030  undated      1           1\n"
        "2031  not yet due  2           2\n"
    )
    assert result.stderr == "as at 1 Oct 2030: 10 milestones: 2 done, 1 stopped, 3 overdue (2 unreported), 3 not yet due, 1 undated\n"


def test_status_refuses_a_since_after_the_as_at_day(ctwp):
    result = ctwp("status", "--data", PROGRESS, "--as-at", "2030-06-01", "--since", "2030-07-01")
    assert result.exit_code == 2
    assert result.stderr == "ctwp: error: --since: 1 Jul 2030 is not before the as-at day, 1 Jun 2030\n"


def real_counts(dataset, as_at: str) -> dict:
    statuses = milestone_statuses(dataset, ItemFilter(), date.fromisoformat(as_at))
    by_year = Counter((status.found.programme.year, status.state.value) for status in statuses)
    return {"by year": dict(sorted(by_year.items())), "reported": sum(status.report is not None for status in statuses)}


def test_real_data_as_at_1_august_2022(real_data):
    # No report exists: the published editions state none. The 2021 items that 2022
    # continues moved on; the rest of 2021's dated milestones ended unreported, as did the
    # 2022 milestones due in June or July 2022.
    assert real_data.reports == {}
    assert real_counts(real_data, "2022-08-01") == {
        "by year": {
            (2021, "carried-forward"): 8,
            (2021, "overdue"): 7,
            (2021, "undated"): 10,
            (2022, "not-yet-due"): 8,
            (2022, "overdue"): 5,
            (2022, "undated"): 4,
        },
        "reported": 0,
    }
    overdue_2022 = [
        (status.found.item.id, status.milestone.due.label)
        for status in milestone_statuses(real_data, ItemFilter(years=frozenset({2022})), date(2022, 8, 1))
        if status.state.value == "overdue"
    ]
    assert overdue_2022 == [
        ("2022-research-centre", "Jun 2022"),
        ("2022-ct-legislative-review", "Jul 2022"),
        ("2022-designations-review", "Jul 2022"),
        ("2022-indicators", "Jul 2022"),
        ("2022-reporting-mechanisms", "Jul 2022"),
    ]


def test_real_data_as_at_1_january_2023(real_data):
    # Every dated 2022 milestone has ended; there is no 2023 edition to carry them forward.
    assert real_counts(real_data, "2023-01-01") == {
        "by year": {
            (2021, "carried-forward"): 8,
            (2021, "overdue"): 7,
            (2021, "undated"): 10,
            (2022, "overdue"): 13,
            (2022, "undated"): 4,
        },
        "reported": 0,
    }


def test_due_accepts_today(ctwp):
    today = date.today().isoformat()
    assert ctwp("due", "--before", "today", "--format", "json").stdout == ctwp("due", "--before", today, "--format", "json").stdout


def test_new_edition_on_a_copy_of_the_data(ctwp, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    result = ctwp("new", "2023", "--data", data)
    assert result.exit_code == 0, result.stderr
    draft = (data / "2023.yaml").read_text()
    assert draft.startswith("# yaml-language-server: $schema=../schema/ctwp.schema.json\n")
    assert result.stderr.startswith(f"wrote {data / '2023.yaml'}: 17 items of 2022 carried forward\nnext:\n")
    validated = ctwp("validate", "--data", data)
    assert validated.exit_code == 0
    assert validated.stderr.endswith("(59 items in 3 years)\n")
    dataset = load_dataset(data)
    edition = dataset.programmes[-1].programme
    links = [item.continues for _, item in edition.items()]
    assert len(links) == 17 and len(set(links)) == 17
    assert {item.id for _, item in dataset.programmes[1].programme.items()} == set(links)
    assert [len(edition.groups), edition.groups[0].id] == [len(dataset.programmes[1].programme.groups), "2023-causes"]
    earlier = dataset.item_places
    for _, item in edition.items():  # titles, leads and recommendations kept, milestones left to write
        carried = earlier[item.continues][2]
        assert (item.id, item.title, item.leads, item.lead_text, item.recs) == (
            item.continues.replace("2022-", "2023-", 1),
            carried.title,
            carried.leads,
            carried.lead_text,
            carried.recs,
        )
        # An ongoing milestone stays ongoing; the others are left to write.
        carried_due = "ongoing" if carried.milestones[0].due.canonical == "ongoing" else "tbd"
        assert [(milestone.due.canonical, milestone.key) for milestone in item.milestones] == [(carried_due, "milestone-1")]
    again = ctwp("new", "2023", "--data", data)
    assert (again.exit_code, again.stderr) == (
        2,
        f"ctwp: error: {data / '2023.yaml'} exists; a new edition is never written over an existing file\n",
    )
    earlier_year = ctwp("new", "2020", "--data", data)
    assert (earlier_year.exit_code, earlier_year.stderr) == (
        2,
        "ctwp: error: the latest edition is 2023; a new edition must be of a later year; try 'ctwp new 2024'\n",
    )
    assert (data / "2023.yaml").read_text() == draft


def test_new_edition_can_leave_out_what_is_done_or_stopped(ctwp, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(PROGRESS, data)
    (data / "progress" / "2031.yaml").write_text(
        "reports:\n  - milestone: 2031-portal/milestone-1\n    date: 2031-03-20\n    status: done\n    source: CTCC minutes, March 2031\n"
    )
    result = ctwp("new", "2032", "--data", data, "--carry", "open")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert (
        result.stderr.splitlines()[0]
        == f"wrote {data / '2032.yaml'}: 1 items of 2031 carried forward; 1 left out as done or stopped: 2031-portal"
    )
    assert (
        "continues: 2031-law\n        milestones:\n          # 2031: Q2 2031: Bill passed.\n          - key: milestone-1\n            due: tbd\n"
        in (data / "2032.yaml").read_text()
    )


def test_calendar_uids_use_milestone_keys(ctwp):
    result = ctwp("export", "--data", PROGRESS, "--format", "ics", "--year", "2030", "--lead", "DPMC")
    assert [line for line in result.stdout.splitlines() if line.startswith("UID:")] == [
        "UID:2030-launch/launch@ctwp",
        "UID:2030-launch/review@ctwp",
    ]


def test_reports_come_through_the_cache(ctwp):
    first = ctwp("status", "--data", PROGRESS, "--as-at", "2031-01-01", "--format", "json")
    cached = ctwp("status", "--data", PROGRESS, "--as-at", "2031-01-01", "--format", "json")
    assert cached.stdout == first.stdout
    assert sum(row["reported"] for row in json.loads(cached.stdout)) == 6


def test_a_recommendation_can_carry_a_sourced_status(ctwp, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(PROGRESS, data)
    rcoi = data / "rcoi.yaml"
    reported = "  - {number: 14, group: counter-terrorism, progress: [{date: 2030-06-30, status: done, source: A fixture source}]}"
    rcoi.write_text(re.sub(r"^  - \{number: 14,.*$", reported, rcoi.read_text(), count=1, flags=re.MULTILINE))
    rows = json.loads(ctwp("recs", "--data", data, "--rec", "14", "--rec", "15", "--format", "json").stdout)
    assert [row["status"] for row in rows] == [{"date": "2030-06-30", "status": "done", "note": None, "source": "A fixture source"}, None]
    rcoi.write_text(rcoi.read_text().replace(", source: A fixture source", ""))
    result = ctwp("validate", "--data", data)
    assert result.exit_code == 1
    assert "(missing-source)" in result.stdout


LATER_REPORT = """\
  - milestone: 2030-law/milestone-1
    date: 2030-09-30
    status: done
    note: Bill introduced to the House.
    source: https://example.govt.nz/bills/ct-review
"""


@pytest.fixture
def reported_repository(tmp_path):
    """The progress fixture folder committed in a git repository, then a report added."""
    shutil.copytree(PROGRESS, tmp_path / "data")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    with (tmp_path / "data" / "progress" / "2030.yaml").open("a") as stream:
        stream.write(LATER_REPORT)
    return tmp_path


def test_diff_shows_what_a_new_report_changes(ctwp, reported_repository):
    data = reported_repository / "data"
    result = ctwp("diff", "--data", data, "2030@HEAD", "2030", "--exit-code")
    assert result.exit_code == 1
    assert result.stdout == (
        "2030@HEAD → 2030\n"
        "progress on 1 milestone\n"
        "\n"
        "Progress (1)\n"
        "  ~ 2030-law/milestone-1\n"
        "    Legislative review\n"
        "      milestone  Q3 2030: Bill introduced.\n"
        "      status     on track → done (as at 30 Sep 2030)\n"
        "      note       Bill introduced to the House.\n"
        "      source     https://example.govt.nz/bills/ct-review\n"
    )
    progress = json.loads(ctwp("diff", "--data", data, "2030@HEAD", "2030", "--format", "json").stdout)["progress"]
    assert [(change["milestone"], change["old_latest"]["status"], change["new_latest"]["status"]) for change in progress] == [
        ("2030-law/milestone-1", "on-track", "done")
    ]
    # An earlier report altered rather than a new one added is pointed out.
    progress_file = data / "progress" / "2030.yaml"
    progress_file.write_text(progress_file.read_text().replace("note: Premises leased.", "note: Premises bought."))
    markdown = ctwp("diff", "--data", data, "2030@HEAD", "2030", "--format", "markdown").stdout
    assert markdown.endswith(
        "- `2030-launch/launch`: Launch the centre\n"
        "  - milestone: Q2 2030: Centre launched.\n"
        "  - report edited: on track, 15 Apr 2030 → on track, 15 Apr 2030 (note changed); reports are added, not edited\n"
        "- `2030-law/milestone-1`: Legislative review\n"
        "  - milestone: Q3 2030: Bill introduced.\n"
        "  - status: on track → done (as at 30 Sep 2030)\n"
        "  - note: Bill introduced to the House.\n"
        "  - source: https://example.govt.nz/bills/ct-review\n"
    )
    # The other year's reports did not change.
    assert ctwp("diff", "--data", data, "2031@HEAD", "2031", "--exit-code").exit_code == 0


def test_status_csv_has_the_same_columns_whether_or_not_any_report_exists(ctwp):
    reported = ctwp("status", "--data", PROGRESS, "--as-at", "2031-01-01", "--format", "csv").stdout.splitlines()
    unreported = ctwp("status", "--as-at", "2022-08-01", "--year", "2022", "--format", "csv").stdout.splitlines()
    assert reported[0] == unreported[0]
    assert "report_date,report_status,report_note,report_source" in reported[0]
    assert len({len(row) for row in csv.reader(unreported)}) == 1


def test_status_summary_csv_has_the_summary_columns(ctwp):
    result = ctwp("status", "--data", PROGRESS, "--as-at", "2031-01-15", "--summary", "year", "--format", "csv")
    assert result.stdout.splitlines() == [
        "year,done,stopped,replaced,carried-forward,overdue,due-soon,not-yet-due,undated,unreported,total",
        "2030,2,1,1,1,2,0,0,1,2,8",
        "2031,0,0,0,0,0,0,2,0,2,2",
    ]


def test_a_report_in_another_editions_file_says_where_it_belongs(ctwp, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(PROGRESS, folder)
    (folder / "progress" / "2031.yaml").write_text(
        "reports:\n  - milestone: 2030-register/milestone-1\n    date: 2031-02-01\n    status: done\n    source: CTCC minutes\n"
    )
    result = ctwp("validate", "--data", folder)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{folder / 'progress' / '2031.yaml'}:2:16: [error] the 2031 edition has no milestone '2030-register/milestone-1'; "
        "it is a milestone of the 2030 edition: its reports go in progress/2030.yaml (unknown-milestone)\n"
    )
