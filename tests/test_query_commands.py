"""The query commands' output in every format, on the real data, at 80 columns (tests/test_tables.py
lays tables out at other widths, on fixtures)."""

import csv
import io
import json

import pytest
from conftest import REPO


def test_list_table_fits_80_columns_and_keeps_ids_whole(ctwp):
    result = ctwp("list")
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) == 80
    assert "2022-community-engagement-tool" in result.stdout


def test_list_json(ctwp):
    result = ctwp("list", "--rec", "12", "--year", "2022", "--format", "json")
    assert json.loads(result.stdout) == [
        {
            "year": 2022,
            "draft": False,
            "id": "2022-reporting-mechanisms",
            "group_id": "2022-detect",
            "group": "Detect and investigate threats, to enable effective preventive action",
            "title": "Reporting and response mechanisms",
            "leads": ["NZP"],
            "lead_text": None,
            "recs": [12],
            "continues": {"year": 2021, "id": "2021-reporting-system", "title": "Single accessible reporting system"},
            "due": "2022-07",
            "due_label": "Jul 2022",
            "due_start": "2022-07-01",
            "due_end": "2022-07-31",
            "milestone": "Cabinet agreement.",
        }
    ]


def test_list_csv_opens_as_a_spreadsheet(ctwp):
    result = ctwp("list", "--lead", "DIA", "--format", "csv")
    fields = ["id", "title", "leads", "recs", "continues_id", "due_label", "milestone"]
    assert [[row[field] for field in fields] for row in csv.DictReader(io.StringIO(result.stdout))] == [
        ["2021-cve-online", "CVE online", "DIA", "41", "", "TBD", ""],
        ["2021-safer-communities-fund", "Extend Safer Communities Fund", "DIA", "", "", "Q2 2021", "SCF allocation"],
        ["2022-pcve-fund", "PCVE strategic fund", "DPMC; DIA", "", "", "Dec 2022", "Establish strategic fund mechanisms."],
        [
            "2022-safer-communities-fund",
            "Safer Communities Fund, tranche 3",
            "DIA",
            "",
            "2021-safer-communities-fund",
            "Dec 2022",
            "Establish SCF fund mechanisms.",
        ],
    ]


def test_list_markdown(ctwp):
    result = ctwp("list", "--lead", "MSD", "--format", "markdown")
    assert (
        result.stdout
        == """\
| Year | Title | Id | Leads | Recs | Due | Milestone |
|---|---|---|---|---|---|---|
| 2022 | Coordination with Social Cohesion Programme and National Action Plan on Racism | 2022-social-cohesion-coordination | MSD, MOJ |  | Ongoing | Ongoing – close agency engagement, incl. on PCVE Strategic Framework. |
"""
    )


def test_list_words_a_lead_that_is_not_an_agency(ctwp):
    (row,) = csv.DictReader(io.StringIO(ctwp("list", "--search", "workforce CT awareness", "--format", "csv").stdout))
    assert (row["id"], row["leads"], row["lead_text"]) == ("2021-workforce-awareness", "", "TBD")
    assert "TBD" in ctwp("list", "--search", "workforce CT awareness").stdout.splitlines()[2]


def test_markdown_escapes_pipes(ctwp, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("agencies.yaml", "rcoi.yaml", "2021.yaml"):
        text = (REPO / "data" / name).read_text()
        (data / name).write_text(text.replace("title: Te Raranga", "title: Te Raranga | hate crime"))
    result = ctwp("list", "--data", data, "--search", "raranga", "--format", "markdown")
    assert (
        result.stdout.splitlines()[2]
        == "| 2021 | Te Raranga \\| hate crime | 2021-te-raranga | NZP | 42 | Q3 2021 | Te Raranga team established |"
    )


def test_due_echoes_the_filter_and_counts_the_undated(ctwp):
    result = ctwp("due", "--before", "2022-12", "--lead", "nzp", "--format", "json")
    assert [row["id"] for row in json.loads(result.stdout)] == ["2021-disengagement", "2021-te-raranga", "2022-reporting-mechanisms"]
    assert result.stderr == "due before 1 Dec 2022\n2 undated milestones not shown; add --include-undated\n"


def test_due_include_undated_lists_them_last(ctwp):
    result = ctwp("due", "--before", "2022-12", "--lead", "nzp", "--include-undated", "--format", "csv")
    due = [row["due_label"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert due == ["Q3 2021", "Q3 2021", "Jul 2022", "Conditional", "TBD"]
    assert result.stderr == "due before 1 Dec 2022\n"


def test_due_accepts_every_period_form(ctwp):
    outputs = {
        form: ctwp("due", "--before", form, "--format", "json").stdout for form in ("2022-12", "Dec 2022", "December 2022", "2022-12-01")
    }
    assert len(set(outputs.values())) == 1
    assert ctwp("due", "--by", "2022-Q4").stdout == ctwp("due", "--by", "Q4 2022").stdout == ctwp("due", "--by", "2022").stdout


def test_due_with_an_unreadable_period_names_the_forms(ctwp):
    result = ctwp("due", "--before", "end of 2022")
    assert result.exit_code == 2
    assert result.stderr == (
        "ctwp: error: --before: 'end of 2022' is not a period; "
        "give today or a period: 2022, 2022-12, 2022-Q4, Q4 2022, Dec 2022, December 2022, 2022-12-15\n"
    )


def test_empty_results_exit_0(ctwp):
    table = ctwp("due", "--before", "2021-Q2")
    assert (table.exit_code, table.stdout) == (0, "")
    assert table.stderr == "no milestones match\ndue before 1 Apr 2021\n16 undated milestones not shown; add --include-undated\n"
    as_json = ctwp("list", "--rec", "1", "--format", "json")
    assert (as_json.exit_code, as_json.stdout, as_json.stderr) == (0, "[]\n", "")
    as_csv = ctwp("list", "--rec", "1", "--format", "csv")
    assert (as_csv.exit_code, as_csv.stdout) == (
        0,
        "year,draft,id,group_id,group,title,leads,lead_text,recs,continues_year,continues_id,continues_title,due,due_label,due_start,due_end,milestone\n",
    )
    as_table = ctwp("list", "--rec", "1")
    assert (as_table.exit_code, as_table.stdout, as_table.stderr) == (0, "", "no items match\n")


def test_unknown_agency_exits_2(ctwp):
    result = ctwp("list", "--lead", "DMPC")
    assert result.exit_code == 2
    assert result.stderr == (
        "ctwp: error: --lead: unknown agency 'DMPC'; did you mean 'DPMC'? "
        "known codes: DPMC, NZSIS, GCSB, NZP, MOJ, DIA, MSD, PSC, CTAG, CTCC, SIB, GCDO, GCISO, ERS, NSW, MACIP\n"
    )


def test_show_table(ctwp):
    result = ctwp("show", "2022-advisory-group-ct", "--as-at", "2023-01-01")
    assert result.exit_code == 0
    assert (
        result.stdout
        == """\
Id          2022-advisory-group-ct
Year        2022
Title       Advisory Group on Counter-Terrorism
Capability  Collaborate and communicate, to enable us to work together as a
            nation to reduce the risk (2022-collaborate)
Leads       DPMC (Department of the Prime Minister and Cabinet)
RCOI recs   7: An Advisory Group on Counter-Terrorism
Milestones  Dec 2022: Establish Advisory Group.
Continues   Advisory Group on CT (2021, 2021-advisory-group-ct)
History     2021: Advisory Group on CT (2021-advisory-group-ct)
            2022: Advisory Group on Counter-Terrorism (2022-advisory-group-ct),
            continues 2021-advisory-group-ct (this item)
State       no report; due period ended Dec 2022 (as at 1 Jan 2023)
Reports     no report
"""
    )


def test_show_keeps_to_80_columns_where_only_a_long_url_runs_past(ctwp):
    """A report's source URL is wider than the terminal: it runs past the edge on a line of
    its own, and the rest of the record still wraps at 80 columns."""
    lines = ctwp("show", "2022-pcve-framework", "--as-at", "2023-01-01").stdout.splitlines()
    url = "https://dpmc.govt.nz/our-programmes/national-security/counter-terrorism/preventing-and-countering-violent-extremism"
    assert " " * 12 + url in lines
    assert [line for line in lines if len(line) > 80] == [" " * 12 + url]
    assert max(len(line) for line in lines if url not in line) > 70  # the text fills the width, not a narrow column


def test_show_withheld_item_and_what_continues_it(ctwp):
    withheld = ctwp("show", "2021-protection-withheld", "--format", "markdown", "--as-at", "2021-06-01")
    assert (
        withheld.stdout
        == """\
| Field | Value |
|---|---|
| Id | 2021-protection-withheld |
| Year | 2021 |
| Withheld | Withheld under the Official Information Act 1982<br>s6(a): release would be likely to prejudice the security or defence of New Zealand or its international relations<br>s9(2)(f)(iv): to maintain the confidentiality of advice tendered by Ministers and officials |
| Initiative | Enhance protection of people and places (2021-protection) |
| Initiative lead | Lead(s) per key workstreams, including MOJ, NZ Police and DIA. |
| Leads | not released |
| RCOI recs | none |
| Milestones | Q2 2021: Cabinet paper to ERS |
| State | due soon (as at 1 Jun 2021) |
| Reports | no report |
"""
    )
    earlier = json.loads(ctwp("show", "2021-indicators", "--format", "json").stdout)
    assert earlier["continued_by"] == [{"year": 2022, "id": "2022-indicators", "title": "Indicators framework", "draft": False}]
    assert earlier["leads"] == [{"code": "NZSIS", "name": "New Zealand Security Intelligence Service"}]
    assert earlier["milestones"] == [
        {
            "due": "2021-Q2",
            "due_label": "Q2 2021",
            "due_start": "2021-04-01",
            "due_end": "2021-06-30",
            "text": "publish indicators",
            "condition": None,
        }
    ]


def test_show_unknown_id(ctwp):
    result = ctwp("show", "2022-advisory-grp")
    assert result.exit_code == 2
    assert result.stderr == "ctwp: error: no item has the id '2022-advisory-grp'; did you mean '2022-advisory-group-ct'?\n"


def test_agencies(ctwp):
    result = ctwp("agencies", "--format", "csv")
    assert result.stdout.splitlines()[:6] == [
        "code,name,kind,items_led_2021,items_led_2022,total",
        "DPMC,Department of the Prime Minister and Cabinet,agency,10,9,19",
        "NZP,New Zealand Police,agency,4,2,6",
        "MOJ,Ministry of Justice,agency,2,3,5",
        "NZSIS,New Zealand Security Intelligence Service,agency,4,1,5",
        "DIA,Department of Internal Affairs,agency,2,2,4",
    ]
    as_json = json.loads(ctwp("agencies", "--format", "json").stdout)
    assert as_json[0] == {
        "code": "DPMC",
        "name": "Department of the Prime Minister and Cabinet",
        "kind": "agency",
        "items_led": {"2021": 10, "2022": 9},
        "total": 19,
    }


def test_recs_uncovered_in_a_year(ctwp):
    result = ctwp("recs", "--uncovered", "--year", "2021", "--format", "json")
    rows = json.loads(result.stdout)
    assert [row["rec"] for row in rows] == [
        1,
        3,
        5,
        6,
        8,
        17,
        19,
        20,
        21,
        22,
        23,
        24,
        25,
        26,
        27,
        28,
        29,
        30,
        31,
        32,
        35,
        36,
        37,
        38,
        39,
        43,
        44,
    ]
    assert rows[0] == {
        "rec": 1,
        "group": "Improving New Zealand's counter-terrorism effort",
        "subject": "A minister responsible for leading and coordinating the counter-terrorism effort",
        "subject_confirmed": True,
        "items": {"2021": []},
        "titles": {"2021": []},
        "status": None,  # no public source states one
    }


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["due", "--before", ""],
            "--before: the period is empty; give today or a period: 2022, 2022-12, 2022-Q4, Q4 2022, Dec 2022, December 2022, 2022-12-15",
        ),
        (
            ["due", "--during", "  "],
            "--during: the period is empty; give today or a period: 2022, 2022-12, 2022-Q4, Q4 2022, Dec 2022, December 2022, 2022-12-15",
        ),
        (["list", "--search", ""], "--search: the text is empty; an empty text would match everything; leave the option out instead"),
        (["due", "--group", " "], "--group: the text is empty; an empty text would match everything; leave the option out instead"),
    ],
)
def test_an_empty_filter_is_refused(ctwp, arguments, message):
    result = ctwp(*arguments)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"ctwp: error: {message}\n")


def test_agencies_for_some_years_and_leads(ctwp):
    result = ctwp("agencies", "--year", "2022", "--lead", "nzp", "--lead", "DPMC", "--format", "csv")
    assert result.stdout == (
        "code,name,kind,items_led_2022,total\n"
        "DPMC,Department of the Prime Minister and Cabinet,agency,9,9\n"
        "NZP,New Zealand Police,agency,2,2\n"
    )
    table = ctwp("agencies", "--year", "2021").stdout.splitlines()
    assert table[0].split() == ["Code", "Name", "2021", "Total"]
    unknown = ctwp("agencies", "--year", "2029")
    assert (unknown.exit_code, unknown.stderr) == (2, "ctwp: error: --year: no programme for 2029; years: 2021, 2022\n")


def test_continues_has_one_shape_in_list_and_show(ctwp):
    listed = json.loads(ctwp("list", "--search", "Research Excellence", "--year", "2022", "--format", "json").stdout)[0]
    shown = json.loads(ctwp("show", "2022-research-centre", "--format", "json").stdout)
    assert (
        listed["continues"]
        == shown["continues"]
        == {
            "year": 2021,
            "id": "2021-national-centre",
            "title": shown["continues"]["title"],
        }
    )
    assert shown["continues"]["title"]


@pytest.mark.parametrize(
    ("name", "first_line"), [("items.csv", "year,"), ("items.json", "["), ("items.md", "| Year"), ("items.txt", "Year")]
)
def test_an_output_file_without_format_is_written_as_its_name_says(ctwp, tmp_path, name, first_line):
    assert ctwp("list", "--lead", "DPMC", "--output", tmp_path / name).exit_code == 0
    assert (tmp_path / name).read_text().startswith(first_line)
    given = ctwp("list", "--lead", "DPMC", "--format", "json", "--output", tmp_path / f"given-{name}")
    assert given.exit_code == 0 and (tmp_path / f"given-{name}").read_text().startswith("[")  # --format wins
