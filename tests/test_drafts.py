"""ctwp new cannot leave a broken draft, and a draft (draft: true) is labelled as one by every
command and changes no published item's state."""

import csv
import io
import json

import pytest
from conftest import FIXTURES, REPO

PROGRESS = FIXTURES / "progress"


@pytest.fixture
def drafted(ctwp, data):
    result = ctwp("new", "2023", "--data", data)
    assert result.exit_code == 0, result.stdout + result.stderr
    return data


def test_a_year_no_edition_can_have_is_refused_before_anything_is_written(ctwp, data):
    result = ctwp("new", "99999", "--data", data)
    assert (result.exit_code, result.stderr) == (2, "ctwp: error: 99999 is not a year of an edition; give a year from 2000 to 2100\n")
    assert sorted(path.name for path in data.iterdir()) == sorted(path.name for path in (REPO / "data").iterdir())


def test_a_year_that_skips_editions_needs_skip_years(ctwp, data):
    result = ctwp("new", "2030", "--data", data)
    assert (result.exit_code, result.stderr) == (
        2,
        "ctwp: error: the latest edition is 2022, so a 2030 edition skips 2023 to 2029; "
        "give --skip-years to draft it anyway, or try 'ctwp new 2023'\n",
    )
    assert not (data / "2030.yaml").exists()
    one_year = ctwp("new", "2024", "--data", data)
    assert one_year.stderr == (
        "ctwp: error: the latest edition is 2022, so a 2024 edition skips 2023; give --skip-years to draft it anyway, or try 'ctwp new 2023'\n"
    )
    skipped = ctwp("new", "2030", "--skip-years", "--data", data)
    assert skipped.exit_code == 0
    assert (data / "2030.yaml").read_text().count("continues: 2022-") == 17


def test_the_draft_says_it_is_one_keeps_ongoing_and_names_the_next_steps(ctwp, data, monkeypatch):
    monkeypatch.chdir(data.parent)  # paths as short as a user's, so the steps' wrapping is what they see
    result = ctwp("new", "2023", "--data", "data")
    draft = (data / "2023.yaml").read_text()
    assert "\nyear: 2023\ndraft: true\ntitle: Counter-Terrorism Work Programme 2023\n" in draft
    # 2022-community-engagement-tool is ongoing: its next edition's milestone is too.
    assert "continues: 2022-community-engagement-tool\n        milestones:\n          # 2022: Ongoing" in draft
    assert draft.count("\n            due: ongoing\n") == 4 and draft.count("\n            due: tbd\n") == 13
    # At 80 columns, each step wrapped under its text.
    assert result.stderr.splitlines() == [
        "wrote data/2023.yaml: 17 items of 2022 carried forward",
        "next:",
        "  1. write each item's milestones (each is due: tbd or ongoing, with its 2022",
        "     milestone noted above it)",
        "  2. remove the items the new edition drops, add the new ones, and set the",
        "     source",
        "  3. review each continues: link: keep it only where the published edition",
        "     carries the 2022 item on",
        "  4. check it: ctwp validate --data data data/2023.yaml",
        "  5. compare it with 2022: ctwp diff --data data 2022 2023",
        "  6. keep the draft on a branch until the edition is published; then delete its",
        "     'draft: true' line",
    ]


def test_a_draft_carries_nothing_forward_until_it_is_published(ctwp, drafted):
    args = ("status", "--data", drafted, "--as-at", "2023-08-01", "--summary", "year", "--format", "csv")
    rows = {row["year"]: row for row in csv.DictReader(io.StringIO(ctwp(*args).stdout))}
    assert "carried-forward" not in rows["2022"] or rows["2022"]["carried-forward"] == "0"
    states = ("done-on-time", "done-late", "known-late", "no-report-past-due", "undated")
    assert [rows["2022"][state] for state in states] == ["3", "1", "2", "7", "4"]  # as without the draft
    published = (drafted / "2023.yaml").read_text().replace("draft: true\n", "", 1)
    (drafted / "2023.yaml").write_text(published)
    rows = {row["year"]: row for row in csv.DictReader(io.StringIO(ctwp(*args).stdout))}
    assert rows["2022"]["carried-forward"] == "13"  # every milestone of 2022 but the four reported done


def test_status_says_which_edition_is_a_draft(ctwp, drafted):
    result = ctwp("status", "--data", drafted, "--as-at", "2023-08-01", "--year", "2023", "--summary", "year")
    assert result.stderr == (
        "as at 1 Aug 2023: 17 milestones, 0 with a report: 17 undated\n2023 is a draft, not published: its items carry no earlier item forward\n"
    )
    published_only = ctwp("status", "--data", drafted, "--as-at", "2023-08-01", "--year", "2022", "--summary", "year")
    assert "draft" not in published_only.stderr


def test_list_labels_draft_items(ctwp, drafted):
    table = ctwp("list", "--data", drafted, "--search", "Research Excellence").stdout.splitlines()
    assert [line.split("  ")[0] for line in table if line[:4].isdigit()] == ["2022", "2023 draft"]
    rows = json.loads(ctwp("list", "--data", drafted, "--search", "Research Excellence", "--format", "json").stdout)
    assert [(row["year"], row["draft"]) for row in rows] == [(2022, False), (2023, True)]
    as_csv = list(csv.DictReader(io.StringIO(ctwp("list", "--data", drafted, "--search", "Research Excellence", "--format", "csv").stdout)))
    assert [(row["year"], row["draft"], row["continues_id"]) for row in as_csv] == [
        ("2022", "false", "2021-national-centre"),
        ("2023", "true", "2022-research-centre"),
    ]


def test_a_draft_year_leaves_the_list_header_on_one_line_at_80_columns(ctwp, drafted):
    table = ctwp("list", "--data", drafted, "--year", "2023").stdout.splitlines()
    assert table[0].split() == ["Year", "Title", "/", "Id", "Leads", "Recs", "Due", "/", "Milestone"]
    assert set(table[1]) == {"─"}


def test_agencies_names_the_draft_column_and_leaves_it_out_of_the_total(ctwp, drafted):
    result = ctwp("agencies", "--data", drafted, "--lead", "DPMC")
    assert result.stdout == (
        "Code  Name                                         2021  2022  2023 draft  Total\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "DPMC  Department of the Prime Minister and         10    9     9           19\n"
        "      Cabinet\n"
    )
    assert result.stderr == "2023 is a draft, not published: its items are not counted in the total\n"
    rows = json.loads(ctwp("agencies", "--data", drafted, "--lead", "DPMC", "--format", "json").stdout)
    assert (rows[0]["items_led"], rows[0]["total"]) == ({"2021": 10, "2022": 9, "2023": 9}, 19)


def test_recs_names_the_draft_year_and_counts_only_published_editions_together(ctwp, drafted):
    result = ctwp("recs", "--data", drafted, "--rec", "4")
    assert [line.split("  ")[0] for line in result.stdout.splitlines() if line[:4].isdigit()] == ["2021", "2022", "2023 draft"]
    assert result.stderr.splitlines()[0] == (
        "Recommendation named by an item: 1 of 1 in 2021, 1 of 1 in 2022, 1 of 1 in the 2023 draft; 1 of 1 in at least one published edition"
    )
    only_draft = ctwp("recs", "--data", drafted, "--year", "2023", "--format", "json")
    assert only_draft.stderr.splitlines()[0] == "8 of 44 recommendations named by an item in the 2023 draft"


def test_show_says_which_linked_edition_is_a_draft(ctwp, drafted):
    lines = ctwp("show", "2022-he-aranga-ake", "--data", drafted).stdout.splitlines()
    assert "Continued by  He Aranga Ake (2023 draft, 2023-he-aranga-ake)" in lines
    assert "              2023 draft: He Aranga Ake (2023-he-aranga-ake), continues" in lines
    assert "Year        2023 draft" in ctwp("show", "2023-he-aranga-ake", "--data", drafted).stdout.splitlines()
    record = json.loads(ctwp("show", "2022-he-aranga-ake", "--data", drafted, "--format", "json").stdout)
    assert (record["draft"], [link["draft"] for link in record["continued_by"]]) == (False, [True])
    assert [(entry["year"], entry["draft"]) for entry in record["history"]] == [(2022, False), (2023, True)]


def test_validate_says_it_checked_a_draft(ctwp, drafted):
    whole = ctwp("validate", "--data", drafted)
    assert (
        whole.stderr
        == f"valid: {drafted / '2021.yaml'}, {drafted / '2022.yaml'}, {drafted / '2023.yaml'} (a draft) (59 items in 3 years); "
        f"{drafted / 'progress' / '2021.yaml'} (2 reports), {drafted / 'progress' / '2022.yaml'} (7 reports)\n"
    )
    one = ctwp("validate", "--data", drafted, drafted / "2023.yaml")
    assert one.stderr == f"valid: {drafted / '2023.yaml'} (a draft) (59 items in 3 years)\n"


def test_the_site_labels_the_draft_edition(ctwp, drafted, tmp_path):
    site = tmp_path / "site"
    assert ctwp("site", site, "--data", drafted, "--as-at", "2023-08-01").exit_code == 0
    editions = (site / "editions" / "index.html").read_text()
    assert ">2023</a> (draft)</td>" in editions and ">2022</a> (draft)" not in editions
    page = next(path for path in (site / "editions").iterdir() if "2023" in path.name).read_text()
    assert "<p><strong>Draft</strong>: not a published edition; it may change, and carries no item forward.</p>" in page
    assert "<strong>Draft</strong>" not in next(path for path in (site / "editions").iterdir() if "2022" in path.name).read_text()


def test_a_new_edition_is_not_drafted_from_a_draft(ctwp, drafted):
    result = ctwp("new", "2024", "--data", drafted)
    assert (result.exit_code, result.stderr) == (
        2,
        "ctwp: error: the latest edition, 2023, is a draft; publish it first (delete its 'draft: true' line), then draft the next\n",
    )
