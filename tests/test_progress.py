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
# 2030-law is continued by 2031-law, which was done before its edition; 2030-portal is
# reported replaced on 15 Dec 2030; 2030-register (due Sep 2030) is reported at risk in
# October, by month, expected in Q4, then done in January 2031, by month; 2030-launch/review
# (due Dec 2030) is reported at risk on 1 Nov 2030, then done by 30 Jun 2031 (done_by).
NOT_YET_DUE = {
    "2031-portal/milestone-1": ("not-yet-due", None),
    "2031-law/milestone-1": ("not-yet-due", None),
    "2030-hui/milestone-1": ("undated", None),
}
STATES = {
    "2030-06-29": {
        "2030-launch/launch": ("on-track", "on-track"),  # in progress, as reported
        "2030-fund/opens": ("due-soon", None),
        "2030-law/milestone-1": ("due-soon", None),  # Q3 begins within 30 days
        "2030-portal/milestone-1": ("due-soon", None),
        "2030-register/milestone-1": ("not-yet-due", None),
        "2030-screening/milestone-1": ("not-yet-due", None),
        "2030-launch/review": ("not-yet-due", None),
        **NOT_YET_DUE,
    },
    # The last day of the quarter: Q2 has not ended, and the reports of that day count.
    "2030-06-30": {
        "2030-launch/launch": ("done-on-time", "done"),
        "2030-fund/opens": ("done-on-time", "done"),
        "2030-law/milestone-1": ("due-soon", None),
        "2030-portal/milestone-1": ("due-soon", None),
        "2030-register/milestone-1": ("not-yet-due", None),
        "2030-screening/milestone-1": ("not-yet-due", None),
        "2030-launch/review": ("not-yet-due", None),
        **NOT_YET_DUE,
    },
    # Q3 and September have ended. An on-track report made before the end is no evidence
    # either way, and neither is silence: no report since the due period, not late. The
    # register's October report, dated by its month, does not count until the month ends.
    "2030-10-15": {
        "2030-launch/launch": ("done-on-time", "done"),
        "2030-fund/opens": ("done-on-time", "done"),
        "2030-law/milestone-1": ("no-report-past-due", "on-track"),
        "2030-portal/milestone-1": ("no-report-past-due", None),
        "2030-register/milestone-1": ("no-report-past-due", None),
        "2030-screening/milestone-1": ("stopped", "stopped"),
        "2030-launch/review": ("not-yet-due", None),
        **NOT_YET_DUE,
    },
    # October has ended: a report after the due period says it is not done, so late is known.
    "2030-11-01": {
        "2030-launch/launch": ("done-on-time", "done"),
        "2030-fund/opens": ("done-on-time", "done"),
        "2030-law/milestone-1": ("no-report-past-due", "on-track"),
        "2030-portal/milestone-1": ("no-report-past-due", None),
        "2030-register/milestone-1": ("known-late", "at-risk"),
        "2030-screening/milestone-1": ("stopped", "stopped"),
        "2030-launch/review": ("at-risk", "at-risk"),
        **NOT_YET_DUE,
    },
    # 2031 has begun: 2030-law moved on to 2031-law, which was met before its edition; the
    # portal was replaced; the register's January report counts from the month's end.
    "2031-01-15": {
        "2030-launch/launch": ("done-on-time", "done"),
        "2030-fund/opens": ("done-on-time", "done"),
        "2030-law/milestone-1": ("carried-forward", "on-track"),
        "2030-portal/milestone-1": ("replaced", "replaced"),
        "2030-register/milestone-1": ("known-late", "at-risk"),
        "2030-screening/milestone-1": ("stopped", "stopped"),
        "2030-launch/review": ("no-report-past-due", "at-risk"),
        "2031-portal/milestone-1": ("not-yet-due", None),
        "2031-law/milestone-1": ("done-before-edition", "done"),
        "2030-hui/milestone-1": ("undated", None),
    },
    "2031-02-01": {
        "2030-launch/launch": ("done-on-time", "done"),
        "2030-fund/opens": ("done-on-time", "done"),
        "2030-law/milestone-1": ("carried-forward", "on-track"),
        "2030-portal/milestone-1": ("replaced", "replaced"),
        "2030-register/milestone-1": ("done-late", "done"),
        "2030-screening/milestone-1": ("stopped", "stopped"),
        "2030-launch/review": ("no-report-past-due", "at-risk"),
        "2031-portal/milestone-1": ("due-soon", None),
        "2031-law/milestone-1": ("done-before-edition", "done"),
        "2030-hui/milestone-1": ("undated", None),
    },
    # The review's done report says only "by 30 June 2031": neither on time nor late.
    "2031-07-01": {
        "2030-launch/launch": ("done-on-time", "done"),
        "2030-fund/opens": ("done-on-time", "done"),
        "2030-law/milestone-1": ("carried-forward", "on-track"),
        "2030-portal/milestone-1": ("replaced", "replaced"),
        "2030-register/milestone-1": ("done-late", "done"),
        "2030-screening/milestone-1": ("stopped", "stopped"),
        "2030-launch/review": ("done-by", "done"),
        "2031-portal/milestone-1": ("no-report-past-due", None),
        "2031-law/milestone-1": ("done-before-edition", "done"),
        "2030-hui/milestone-1": ("undated", None),
    },
}


@pytest.mark.parametrize("as_at", STATES)
def test_states_as_at(fixture_data, as_at):
    assert states(fixture_data, as_at) == STATES[as_at]


def test_the_fixture_folder_is_valid(fixture_data):
    assert fixture_data.findings == []
    assert sum(len(series) for series in fixture_data.reports.values()) == 11


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
        "Due       Title / Id           Milestone         State\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "Q3 2030   Legislative review   Bill introduced.  carried forward to 2031\n"
        "          2030-law                               (2031-law)\n"
        "                                                 on track, 15 Jul 2030\n"
        "Sep 2030  Register of          Register in use.  late; now expected Q4 2030\n"
        "          concerns                               at risk, Oct 2030; expected Q4\n"
        "          2030-register                          2030\n"
    )
    assert result.stderr == "as at 1 Jan 2031: 2 milestones, 2 with a report: 1 known late, 1 carried forward\n"


def test_status_json_carries_the_report(ctwp):
    result = ctwp("status", "--data", PROGRESS, "--as-at", "2030-10-01", "--state", "no-report-past-due", "--format", "json")
    rows = json.loads(result.stdout)
    assert [(row["id"], row["milestone_key"], row["state"], row["reported"], row["state_text"]) for row in rows] == [
        ("2030-law", "milestone-1", "no-report-past-due", True, "no report since its due period ended Q3 2030"),
        ("2030-portal", "milestone-1", "no-report-past-due", False, "no report; due period ended Q3 2030"),
        ("2030-register", "milestone-1", "no-report-past-due", False, "no report; due period ended Sep 2030"),
    ]
    assert {row["as_at"] for row in rows} == {"2030-10-01"}  # a saved file says what day it speaks for
    assert rows[0]["report"] == {
        "date": "2030-07-15",
        "status": "on-track",
        "note": None,
        "source": "CTCC minutes, July 2030",
        "expected": None,
        "done_by": False,
    }


def test_status_since_shows_changes_of_state(ctwp):
    result_args = ("status", "--data", PROGRESS, "--as-at", "2031-01-01", "--since", "2030-Q3")
    result = ctwp(*result_args, "--format", "csv")
    # CSV carries the JSON's fields; an unreported milestone's report columns are empty.
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    first = json.loads(ctwp(*result_args, "--format", "json").stdout)[0]
    # continues, null here, is an object {year, id, title} where set: three columns, empty here.
    assert list(table[0]) == list(csv_record({**first, "continues": {"year": None, "id": None, "title": None}}))
    assert [(row["id"], row["was_label"], row["state_label"], row["report_date"], row["report_label"]) for row in table] == [
        ("2030-law", "on track", "carried forward", "2030-07-15", "on track, 15 Jul 2030"),
        ("2030-portal", "due soon", "replaced", "2030-12-15", "replaced, 15 Dec 2030"),
        ("2030-register", "due soon", "known late", "2030-10", "at risk, Oct 2030; expected Q4 2030"),
        ("2030-launch", "not yet due", "no report past due", "2030-11-01", "at risk, 1 Nov 2030"),
        ("2031-law", "not yet due", "done before this edition", "2030-12-20", "done, 20 Dec 2030"),
    ]
    assert result.stderr == "changes of state from 30 Sep 2030 to 1 Jan 2031\n"


def test_status_summary_by_lead(ctwp):
    result = ctwp("status", "--data", PROGRESS, "--as-at", "2030-11-01", "--summary", "lead", "--format", "markdown")
    assert result.stdout.splitlines() == [  # how many have a report first, then the states
        "| Lead | Reported | Unreported | Done on time | Stopped | Known late | At risk | No report past due | Not yet due | Undated | Total |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        "| DPMC | 2 | 1 | 1 | 0 | 0 | 1 | 0 | 0 | 1 | 3 |",  # a joint lead counts for each agency
        "| MOJ | 2 | 1 | 0 | 0 | 1 | 0 | 1 | 1 | 0 | 3 |",
        "| NZP | 0 | 3 | 0 | 0 | 0 | 0 | 1 | 1 | 1 | 3 |",
        "| DIA | 1 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 1 |",
        "| NZSIS | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
    ]


def test_status_summary_table_has_a_line_per_state(ctwp):
    result = ctwp("status", "--data", PROGRESS, "--as-at", "2030-11-01", "--summary", "year")
    assert result.stdout == (
        "Year  State               Milestones  Reported\n"
        "──────────────────────────────────────────────\n"
        "2030  done on time        2           2\n"
        "2030  stopped             1           1\n"
        "2030  known late          1           1\n"
        "2030  at risk             1           1\n"
        "2030  no report past due  2           1\n"
        "2030  undated             1           0\n"
        "2031  not yet due         2           0\n"
    )
    assert result.stderr == (
        "as at 1 Nov 2030: 10 milestones, 6 with a report: 2 done on time, 1 stopped, 1 known late, 1 at risk, "
        "2 no report past due, 2 not yet due, 1 undated\n"
    )


def test_status_refuses_a_since_after_the_as_at_day(ctwp):
    result = ctwp("status", "--data", PROGRESS, "--as-at", "2030-06-01", "--since", "2030-07-01")
    assert result.exit_code == 2
    assert result.stderr == "ctwp: error: --since: 1 Jul 2030 is not before the as-at day, 1 Jun 2030\n"


def real_counts(dataset, as_at: str) -> dict:
    statuses = milestone_statuses(dataset, ItemFilter(), date.fromisoformat(as_at))
    by_year = Counter((status.found.programme.year, status.state.value) for status in statuses)
    return {"by year": dict(sorted(by_year.items())), "reported": sum(status.report is not None for status in statuses)}


# The reports recorded from public sources, as decided on the verification of each source:
# milestone -> (date, status, expected, done_by, source).
DPMC_PCVE = "https://dpmc.govt.nz/our-programmes/national-security/counter-terrorism/preventing-and-countering-violent-extremism"
RECORDED = {
    "2021-annual-hui/milestone-1": [
        (
            "2021-06-15",
            "done",
            None,
            False,
            "https://www.teaomaori.news/making-aotearoa-safe-first-hui-on-countering-terrorism-post-mosque-massacre",
        )
    ],
    "2021-ct-laws/milestone-1": [
        ("2021-10-04", "done", None, False, "https://en.wikipedia.org/wiki/Counter-Terrorism_Legislation_Act_2021")
    ],
    "2022-research-centre/milestone-1": [
        (
            "2022-06-03",
            "done",
            None,
            False,
            "https://www.scoop.co.nz/stories/PA2206/S00026/centre-for-preventing-and-countering-violent-extremism-officially-open.htm",
        )
    ],
    "2022-safer-communities-fund/milestone-1": [
        ("2022-10-06", "done", None, False, "https://www.communitymatters.govt.nz/safer-communities-fund/")
    ],
    "2022-indicators/milestone-1": [
        (
            "2022-10-27",
            "done",
            None,
            False,
            "https://www.stuff.co.nz/national/300722135/how-to-spot-a-terrorist-nz-spy-service-releases-public-guidelines",
        )
    ],
    "2022-annual-hui/milestone-1": [
        (
            "2022-11-01",
            "done",
            None,
            False,
            "https://www.rnz.co.nz/news/national/477766/he-whenua-taurikura-hui-on-countering-violent-extremism-gets-underway-in-auckland",
        )
    ],
    "2022-pcve-framework/milestone-1": [("2022-12-17", "at-risk", None, False, DPMC_PCVE)],
    "2022-pcve-fund/milestone-1": [
        ("2022-12-17", "at-risk", "2023", False, DPMC_PCVE),
        ("2024-08-02", "done", None, True, "https://chrislynchmedia.com/?p=31377"),
    ],
}


def test_the_recorded_reports_are_those_decided(real_data):
    assert real_data.findings == []
    recorded = {
        reference: [(r.date.canonical, r.status, r.expected.canonical if r.expected else None, r.done_by, r.source) for r in series]
        for reference, series in real_data.reports.items()
    }
    assert recorded == RECORDED
    notes = {reference: [r.note for r in series] for reference, series in real_data.reports.items()}
    assert "no milestone text" in notes["2021-ct-laws/milestone-1"][0]  # a judgement, said as one
    assert "Counter-Terrorism Legislation Act 2021" in notes["2021-ct-laws/milestone-1"][0]
    assert "inference" in notes["2022-safer-communities-fund/milestone-1"][0]
    assert "tranche 3" in notes["2022-safer-communities-fund/milestone-1"][0]
    framework = notes["2022-pcve-framework/milestone-1"][0]
    assert "says nothing of Cabinet" in framework and "launch" in framework


def real_states(dataset, as_at: str) -> dict:
    statuses = milestone_statuses(dataset, ItemFilter(), date.fromisoformat(as_at))
    by_year = Counter((status.found.programme.year, status.state.value) for status in statuses)
    return {"by year": dict(sorted(by_year.items())), "reported": sum(status.report is not None for status in statuses)}


def test_real_data_as_at_1_august_2022(real_data):
    # The 2021 items that 2022 continues moved on, except the hui and the CT laws, reported
    # done. The rest of the dated milestones that ended by then have no report: missing
    # information, counted apart from anything known late.
    assert real_states(real_data, "2022-08-01") == {
        "by year": {
            (2021, "carried-forward"): 6,
            (2021, "done"): 1,
            (2021, "done-on-time"): 1,
            (2021, "no-report-past-due"): 7,
            (2021, "undated"): 10,
            (2022, "done-on-time"): 1,
            (2022, "no-report-past-due"): 4,
            (2022, "not-yet-due"): 8,
            (2022, "undated"): 4,
        },
        "reported": 3,
    }


def test_real_data_as_at_1_january_2023(real_data, ctwp):
    assert real_states(real_data, "2023-01-01") == {
        "by year": {
            (2021, "carried-forward"): 6,
            (2021, "done"): 1,
            (2021, "done-on-time"): 1,
            (2021, "no-report-past-due"): 7,
            (2021, "undated"): 10,
            (2022, "done-late"): 1,
            (2022, "done-on-time"): 3,
            (2022, "known-late"): 2,
            (2022, "no-report-past-due"): 7,
            (2022, "undated"): 4,
        },
        "reported": 8,
    }
    rows = json.loads(ctwp("status", "--as-at", "2023-01-01", "--format", "json").stdout)
    reported = {row["id"]: (row["state"], row["state_text"]) for row in rows if row["reported"]}
    assert reported == {
        "2021-annual-hui": ("done-on-time", "done 15 Jun 2021, on time"),
        "2022-research-centre": ("done-on-time", "done 3 Jun 2022, on time"),
        "2022-indicators": ("done-late", "done 27 Oct 2022, 3 months after its due period"),
        "2022-pcve-framework": ("known-late", "late; not done as at 17 Dec 2022"),
        "2022-annual-hui": ("done-on-time", "done 1 Nov 2022, on time"),
        "2022-pcve-fund": ("known-late", "late; now expected 2023"),
        "2022-safer-communities-fund": ("done-on-time", "done 6 Oct 2022, on time"),
        "2021-ct-laws": ("done", "done 4 Oct 2021 (no due period to compare)"),
    }
    # Nothing is called late without a report that shows it.
    assert all(row["reported"] for row in rows if "late" in row["state"])
    assert {row["state_text"] for row in rows if row["id"] == "2022-reporting-mechanisms"} == {"no report; due period ended Jul 2022"}
    assert all("overdue" not in text for row in rows for text in (row["state_label"], row["state_text"]))


def test_a_done_by_report_claims_neither_on_time_nor_late(real_data):
    (fund,) = milestone_statuses(real_data, ItemFilter(search=("pcve strategic fund",)), date(2024, 8, 2))
    assert (fund.state.value, fund.text) == ("done-by", "done by 2 Aug 2024 (when, the source does not say)")


def test_a_done_by_report_after_a_report_of_lateness_is_done_late(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(PROGRESS, data)
    progress = data / "progress" / "2030.yaml"
    progress.write_text(
        progress.read_text().replace("    date: 2031-01\n    status: done\n", "    date: 2031-01\n    status: done\n    done_by: true\n")
    )
    (register,) = milestone_statuses(load_dataset(data), ItemFilter(search=("register in use",)), date(2031, 2, 1))
    assert (register.state.value, register.text) == ("done-late", "done by Jan 2031, after its due period (not done as at Oct 2030)")


def test_a_month_report_counts_from_the_months_end(fixture_data):
    def register(as_at):
        return next(s for s in milestone_statuses(fixture_data, ItemFilter(), as_at) if s.found.item.id == "2030-register")

    assert register(date(2030, 10, 31)).state.value == "known-late"
    assert register(date(2030, 10, 30)).report is None
    assert register(date(2031, 2, 1)).text == "done Jan 2031, 4 months after its due period"


def test_show_tells_an_items_reports_state_and_history(ctwp):
    result = ctwp("show", "2022-pcve-fund", "--as-at", "2023-01-01")
    assert result.exit_code == 0
    assert result.stdout.split("Not linked")[1].splitlines()[0].strip() == "No 2021 workstream names a PCVE fund."
    assert "State       late; now expected 2023 (as at 1 Jan 2023)\n" in result.stdout
    assert "Reports     at risk, 17 Dec 2022; expected 2023\n" in result.stdout
    assert "1 later report dated after 1 Jan 2023" in result.stdout
    record = json.loads(ctwp("show", "2022-pcve-fund", "--as-at", "2025-01-01", "--format", "json").stdout)
    (milestone,) = record["progress"]
    assert (milestone["state"], milestone["reported"], [r["date"] for r in milestone["reports"]]) == (
        "done-by",
        True,
        ["2022-12-17", "2024-08-02"],
    )
    assert all(report["source"] for report in milestone["reports"])
    history = json.loads(ctwp("show", "2021-indicators", "--format", "json").stdout)["history"]
    assert [(entry["year"], entry["id"], entry["continues"]) for entry in history] == [
        (2021, "2021-indicators", None),
        (2022, "2022-indicators", "2021-indicators"),
    ]


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
    # The words, however the long path of tmp_path wraps them (tests/test_drafts.py checks the wrapping).
    assert " ".join(result.stderr.split()).startswith(f"wrote {data / '2023.yaml'}: 17 items of 2022 carried forward next: ")
    validated = ctwp("validate", "--data", data)
    assert validated.exit_code == 0
    assert "(59 items in 3 years); " in validated.stderr
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
    assert " ".join(result.stderr.split()).startswith(
        f"wrote {data / '2032.yaml'}: 1 items of 2031 carried forward; 1 left out as done or stopped: 2031-portal next: "
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
    assert sum(row["reported"] for row in json.loads(cached.stdout)) == 8


def test_a_recommendation_can_carry_a_sourced_status(ctwp, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(PROGRESS, data)
    rcoi = data / "rcoi.yaml"
    reported = "  - {number: 14, group: counter-terrorism, progress: [{date: 2030-06-30, status: done, source: A fixture source}]}"
    rcoi.write_text(re.sub(r"^  - \{number: 14,.*$", reported, rcoi.read_text(), count=1, flags=re.MULTILINE))
    rows = json.loads(ctwp("recs", "--data", data, "--rec", "14", "--rec", "15", "--format", "json").stdout)
    assert [row["status"] for row in rows] == [
        {"date": "2030-06-30", "status": "done", "note": None, "source": "A fixture source", "expected": None, "done_by": False},
        None,
    ]
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
        "year,reported,unreported,done-on-time,done-late,done,done-by,done-before-edition,stopped,replaced,known-late,"
        "at-risk,on-track,not-started,carried-forward,no-report-past-due,due-soon,not-yet-due,undated,total",
        "2030,7,1,2,0,0,0,0,1,1,1,0,0,0,1,1,0,0,1,8",
        "2031,1,1,0,0,0,0,1,0,0,0,0,0,0,0,0,0,1,0,2",
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


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2030-13", "'2030-13' is not a day or a month"),
        ("2030", "'2030' is not a day or a month"),  # a year is too wide to say what a report speaks for
        ("2030-Q3", "'2030-Q3' is not a day or a month"),
    ],
)
def test_a_report_date_is_a_day_or_a_month(ctwp, tmp_path, written, message):
    data = tmp_path / "data"
    shutil.copytree(PROGRESS, data)
    (data / "progress" / "2031.yaml").write_text(
        f"reports:\n  - milestone: 2031-portal/milestone-1\n    date: '{written}'\n    status: on-track\n    source: CTCC minutes\n"
    )
    result = ctwp("validate", "--data", data)
    assert result.exit_code == 1
    assert result.stdout.endswith(
        f"[error] {message}; write the day as 2022-09-30, or the month as 2022-09 when the source gives no day (invalid-value)\n"
    )
