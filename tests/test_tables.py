"""Terminal tables at 60, 80, 120 and 200 columns, CSV for spreadsheets, and format names in
any case, on the fixture programmes in tests/fixtures/tables."""

import csv
import io
import json

import pytest
from conftest import FIXTURES, data_folder

from ctwp.analysis.words import SUBJECT_NOT_CONFIRMED
from ctwp.publish import formats
from ctwp.publish.formats import Column


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    tables = FIXTURES / "tables"
    return data_folder(tmp_path_factory.mktemp("tables"), {"2029.yaml": tables / "2029.yaml", "2030.yaml": tables / "2030.yaml"})


def at(ctwp, width, *args):
    result = ctwp(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result


# `ctwp list --year 2030` of the fixtures: at 200 columns titles use the room; at 120 and 80
# the id stays whole and text breaks only between words; at 60 the columns cannot fit
# side by side, so each item is a block.
LIST_AT = {
    200: """\
Year  Title / Id                                                                              Leads             Recs      Due / Milestone
────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
2030  Coordination with the Social Cohesion Programme and the National Action Plan against    DPMC, NZSIS, MSD  4, 7, 12  Q3 2030
      Racism, with whānau and communities                                                                                 Inter-agency working group established, with its terms of reference agreed by
      2030-social-cohesion-and-racism-coordination                                                                        Ministers.
2030  Annual hui                                                                              DPMC              16        Dec 2030
      2030-hui                                                                                                            Host annual hui.
2030  Workforce awareness                                                                     TBD                         Conditional
      2030-workforce                                                                                                      Dependent on funding.
""",
    120: """\
Year  Title / Id                                           Leads     Recs    Due / Milestone
────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
2030  Coordination with the Social Cohesion Programme and  DPMC,     4, 7,   Q3 2030
      the National Action Plan against Racism, with        NZSIS,    12      Inter-agency working group established,
      whānau and communities                               MSD               with its terms of reference agreed by
      2030-social-cohesion-and-racism-coordination                           Ministers.
2030  Annual hui                                           DPMC      16      Dec 2030
      2030-hui                                                               Host annual hui.
2030  Workforce awareness                                  TBD               Conditional
      2030-workforce                                                         Dependent on funding.
""",
    80: """\
Year  Title / Id                                    Leads   Recs  Due /
                                                                  Milestone
────────────────────────────────────────────────────────────────────────────────
2030  Coordination with the Social Cohesion         DPMC,   4,    Q3 2030
      Programme and the National Action Plan        NZSIS,  7,    Inter-agency
      against Racism, with whānau and communities   MSD     12    working group
      2030-social-cohesion-and-racism-coordination                established,
                                                                  with its terms
                                                                  of reference
                                                                  agreed by
                                                                  Ministers.
2030  Annual hui                                    DPMC    16    Dec 2030
      2030-hui                                                    Host annual
                                                                  hui.
2030  Workforce awareness                           TBD           Conditional
      2030-workforce                                              Dependent on
                                                                  funding.
""",
    60: """\
Year       2030
Title      Coordination with the Social Cohesion Programme
           and the National Action Plan against Racism, with
           whānau and communities
Id         2030-social-cohesion-and-racism-coordination
Leads      DPMC, NZSIS, MSD
Recs       4, 7, 12
Due        Q3 2030
Milestone  Inter-agency working group established, with its
           terms of reference agreed by Ministers.

Year       2030
Title      Annual hui
Id         2030-hui
Leads      DPMC
Recs       16
Due        Dec 2030
Milestone  Host annual hui.

Year       2030
Title      Workforce awareness
Id         2030-workforce
Leads      TBD
Recs
Due        Conditional
Milestone  Dependent on funding.
""",
}


@pytest.mark.parametrize("width", LIST_AT)
def test_list_at_each_width(ctwp, data, width):
    assert at(ctwp, width, "list", "--data", data, "--year", "2030").stdout == LIST_AT[width]


def test_due_at_120_columns_echoes_the_filter(ctwp, data):
    result = at(ctwp, 120, "due", "--data", data, "--before", "2031", "--lead", "DPMC")
    assert (
        result.stdout
        == """\
Due             Year  Title / Id                                      Leads     Milestone
────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
15–16 Jun 2029  2029  Annual hui                                      DPMC      =SUM(1,2) stays text
                      2029-hui
Q3 2030         2030  Coordination with the Social Cohesion           DPMC,     Inter-agency working group established,
                      Programme and the National Action Plan against  NZSIS,    with its terms of reference agreed by
                      Racism, with whānau and communities             MSD       Ministers.
                      2030-social-cohesion-and-racism-coordination
Dec 2030        2030  Annual hui                                      DPMC      Host annual hui.
                      2030-hui
"""
    )
    assert result.stderr == "due before 1 Jan 2031\n"


def test_recs_shows_titles_and_ids_and_counts_coverage(ctwp, data):
    result = at(ctwp, 80, "recs", "--data", data, "--rec", "4", "--rec", "5", "--rec", "16")
    assert (
        result.stdout
        == """\
Rec  Subject             2029      2030
────────────────────────────────────────────────────────────────────────────────
4    A                             Coordination with the Social Cohesion
     counter-terrorism             Programme and the National Action Plan
     strategy                      against Racism, with whānau and communities
                                   2030-social-cohesion-and-racism-coordination
5    subject not
     confirmed
16   An annual hui on    Annual    Annual hui
     countering          hui       2030-hui
     terrorism and       2029-hui
     violent extremism
"""
    )
    assert result.stderr.splitlines()[0] == (
        "Recommendations named by an item: 1 of 3 in 2029, 2 of 3 in 2030; 2 of 3 in at least one of these years"
    )
    # The statement about all 44 follows, with its source: never a status of one of them.
    assert result.stderr.splitlines()[1].startswith("2 Aug 2024: The government announced that its coordinated response")
    assert result.stderr.splitlines()[1].endswith("It did not say which eight. (source: https://chrislynchmedia.com/?p=31377)")


def test_recs_uncovered_gives_number_subject_and_group_on_one_line(ctwp, data):
    result = at(ctwp, 80, "recs", "--data", data, "--uncovered", "--rec", "4", "--rec", "7", "--rec", "19", "--year", "2029")
    assert (
        result.stdout
        == """\
Rec  Subject                                Group
────────────────────────────────────────────────────────────────────────────────
4    A counter-terrorism strategy           Improving New Zealand's
                                            counter-terrorism effort
7    An Advisory Group on                   Improving New Zealand's
     Counter-Terrorism                      counter-terrorism effort
19   Firearms licensing policies,           Improving the firearms licensing
     operational standards and guidance,    system
     clear and consistent with the
     legislation
"""
    )
    assert result.stderr.splitlines()[0] == "0 of 3 recommendations named by an item in 2029"


# A recommendation's latest sourced status, flattened: the same columns whether or not one is stated.
STATUS_COLUMNS = ["status_date", "status_status", "status_note", "status_source", "status_expected", "status_done_by"]
NO_STATUS = [""] * 6


def test_recs_json_csv_and_markdown_carry_the_titles(ctwp, data):
    rows = json.loads(ctwp("recs", "--data", data, "--rec", "16", "--format", "json").stdout)
    assert rows == [
        {
            "rec": 16,
            "group": "Improving New Zealand's counter-terrorism effort",
            "subject": "An annual hui on countering terrorism and violent extremism",
            "subject_confirmed": True,
            "items": {"2029": ["2029-hui"], "2030": ["2030-hui"]},
            "titles": {"2029": ["Annual hui"], "2030": ["Annual hui"]},
            "status": None,
        }
    ]
    table = list(csv.reader(io.StringIO(ctwp("recs", "--data", data, "--rec", "4", "--rec", "16", "--format", "csv").stdout)))
    assert table == [
        ["rec", "group", "subject", "subject_confirmed", "items_2029", "items_2030", "titles_2029", "titles_2030", *STATUS_COLUMNS],
        [
            "4",
            "Improving New Zealand's counter-terrorism effort",
            "A counter-terrorism strategy",
            "true",
            "",
            "2030-social-cohesion-and-racism-coordination",
            "",
            table[1][7],
            *NO_STATUS,
        ],
        [
            "16",
            "Improving New Zealand's counter-terrorism effort",
            "An annual hui on countering terrorism and violent extremism",
            "true",
            "2029-hui",
            "2030-hui",
            "Annual hui",
            "Annual hui",
            *NO_STATUS,
        ],
    ]
    assert table[1][7].startswith("Coordination with the Social Cohesion Programme")
    unconfirmed = list(csv.DictReader(io.StringIO(ctwp("recs", "--data", data, "--rec", "5", "--format", "csv").stdout)))
    assert [(row["subject"], row["subject_confirmed"]) for row in unconfirmed] == [("subject not confirmed", "false")]
    assert json.loads(ctwp("recs", "--data", data, "--rec", "5", "--format", "json").stdout)[0]["subject"] is None
    markdown = ctwp("recs", "--data", data, "--rec", "16", "--format", "markdown").stdout
    assert markdown.splitlines()[2] == (
        "| 16 | An annual hui on countering terrorism and violent extremism | Annual hui<br>2029-hui | Annual hui<br>2030-hui |"
    )


@pytest.mark.parametrize("command", [["list"], ["due"], ["recs"], ["agencies"], ["status", "--as-at", "2030-06-01"]])
def test_no_id_date_or_word_is_ever_cut_and_no_line_is_too_wide(ctwp, data, command):
    """At every width from 60 to 200, each line fits, and every word on screen is a word of
    the data or a header: nothing was cut. Ids and dates stay whole on one line."""
    words = set(_leaves(json.loads(ctwp(*command, "--data", data, "--format", "json").stdout)))
    words |= set("Year Title / Id Leads Recs Due Milestone Rec Subject Group Code Name 2029 2030 Total State Latest report".split())
    words |= set(SUBJECT_NOT_CONFIRMED.split())
    ids = ["2030-social-cohesion-and-racism-coordination", "2029-hui", "15–16 Jun 2029"]
    for width in (60, 67, 80, 93, 120, 200):
        text = at(ctwp, width, *command, "--data", data).stdout
        lines = text.splitlines()
        assert max(map(len, lines)) <= width
        for word in text.split():
            assert word in words or word.rstrip(",") in words or set(word) == {"─"}, word
        if command != ["agencies"]:
            assert all(any(whole in line for line in lines) for whole in ids[: 2 if command == ["recs"] else 3])


def _leaves(value):
    """Every word of every value in a JSON document."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [word for entry in value for word in _leaves(entry)]
    return str(value).split()


def test_a_table_is_read_at_80_columns_in_a_pipe_without_colour(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert formats.terminal_width() == 80
    assert not formats.colour_wanted()


def test_colour_on_a_terminal_unless_no_color(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stdout", Terminal())
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert formats.colour_wanted()
    formats.write_table(
        [{"title": "Annual hui", "id": "2030-hui"}], [Column("Title", "title", below=Column("Id", "id", dim=True))], width=40
    )
    assert formats.sys.stdout.getvalue() == "\x1b[1mTitle / Id\x1b[0m\n──────────\nAnnual hui\n\x1b[2m2030-hui\x1b[0m\n"
    monkeypatch.setenv("NO_COLOR", "1")
    assert not formats.colour_wanted()


def test_wide_characters_and_one_huge_word(capsys):
    """Width is counted in terminal cells; a word longer than any line is shown whole."""
    assert formats.display_width("漢字 Māori") == 10
    formats.write_table([{"title": "x" * 100, "id": "a-b"}], [Column("Title", "title"), Column("Id", "id", whole=True)], width=60)
    assert capsys.readouterr().out == f"Title  {'x' * 100}\nId     a-b\n"


def test_csv_has_the_json_fields_flattened(ctwp, data):
    as_json = json.loads(ctwp("list", "--data", data, "--format", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(ctwp("list", "--data", data, "--format", "csv").stdout)))
    assert list(rows[0]) == list(output_fields())
    # The object continues, {year, id, title}, is three columns.
    flattened = {"continues_year": "continues", "continues_id": None, "continues_title": None}
    assert list(as_json[0]) == [flattened.get(field, field) for field in output_fields() if flattened.get(field, field)]
    assert rows[1] == {
        "year": "2030",
        "draft": "false",
        "id": "2030-social-cohesion-and-racism-coordination",
        "group_id": "2030-connect",
        "group": "Connect communities, to reduce the risk together",
        "title": "Coordination with the Social Cohesion Programme and the National Action Plan against Racism, with whānau and communities",
        "leads": "DPMC; NZSIS; MSD",
        "lead_text": "",
        "recs": "4; 7; 12",
        "continues_year": "",
        "continues_id": "",
        "continues_title": "",
        "due": "2030-Q3",
        "due_label": "Q3 2030",
        "due_start": "2030-07-01",
        "due_end": "2030-09-30",
        "milestone": "Inter-agency working group established, with its terms of reference agreed by Ministers.",
    }
    assert (rows[2]["continues_year"], rows[2]["continues_id"]) == ("2029", "2029-hui")
    assert as_json[2]["continues"] == {"year": 2029, "id": "2029-hui", "title": rows[2]["continues_title"]}
    # A spreadsheet would run =SUM(...) as a formula: a leading ' keeps it text.
    assert rows[0]["milestone"] == "'=SUM(1,2) stays text"
    agencies = ctwp("agencies", "--data", data, "--format", "csv").stdout.splitlines()
    assert agencies[:2] == [
        "code,name,kind,items_led_2029,items_led_2030,total",
        "DPMC,Department of the Prime Minister and Cabinet,agency,1,2,3",
    ]


def output_fields():
    from ctwp.analysis.queries import ITEM_FIELDS

    return ITEM_FIELDS


def test_an_empty_csv_still_has_its_header(ctwp, data):
    result = ctwp("due", "--data", data, "--before", "2020", "--format", "csv")
    assert result.stdout == ",".join(output_fields()) + "\n"


def test_csv_values_a_spreadsheet_reads_as_written():
    record = formats.csv_record({"a": "-1", "b": "+64 4 555", "c": "@x", "d": -3, "e": True, "f": None, "g": {"h": [1, 2]}})
    out = io.StringIO()
    formats.write_csv_rows(out, [list(record), list(record.values())])
    assert out.getvalue() == "a,b,c,d,e,f,g_h\n-1,'+64 4 555,'@x,-3,true,,1; 2\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["list", "--format", "JSON"], "["),
        (["list", "-f", "Csv"], "year,"),
        (["validate", "-f", "JSON"], "["),
        (["render", "2030", "-f", "HTML"], "<!DOCTYPE html>"),
        (["export", "-f", "ICS"], "BEGIN:VCALENDAR"),
    ],
)
def test_format_names_in_any_case(ctwp, data, args, expected):
    result = ctwp(*args, "--data", data)
    assert result.exit_code == 0
    assert result.stdout.startswith(expected)
