"""ctwp export --format ics: dated milestones as an iCalendar file, read back by an
independent parser (the icalendar package) as a calendar program would read it."""

import json
from datetime import date, timedelta

import icalendar
import pytest
from conftest import FIXTURES, data_folder


@pytest.fixture
def data_dir(tmp_path):
    """A data folder outside any git repository: the real registries and the 2040 fixture."""
    return data_folder(tmp_path, {"2040.yaml": FIXTURES / "render" / "2040.yaml"})


def test_ics_file(ctwp, data_dir):
    result = ctwp("export", "--format", "ics", "--data", data_dir)
    assert result.exit_code == 0
    assert result.stderr == "2 undated milestones left out: ongoing, TBD or conditional\n"
    ics = result.stdout_bytes.decode()  # as written: Result.stdout turns CRLF into LF
    # Text escaped (\; \, \n), lines folded at 75 octets (never inside the 3 octets of
    # "–" or the 2 of "ā"), CRLF line endings; DTEND the day after the period's last day.
    assert ics == "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//ctwp//Counter-Terrorism Work Programme//EN",
            "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:Counter-Terrorism Work Programme",
            "BEGIN:VEVENT",
            "UID:2040-withheld/milestone-1@ctwp",
            "DTSTAMP:20400101T000000Z",
            "DTSTART;VALUE=DATE:20400330",
            "DTEND;VALUE=DATE:20400403",
            "SUMMARY:[withheld: s6(a)]: Cabinet paper.",
            "DESCRIPTION:Milestone: Cabinet paper.\\nDue: 30 Mar 2040 – 2 Apr 2040\\nIte",
            " m: [withheld: s6(a)] (2040-withheld)\\nLeads: not released\\nFixture program",
            ' me 2040 <draft> & "notes"\\, capability: Prevent *violent* extremism',
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:2040-framework/milestone-1@ctwp",
            "DTSTAMP:20400101T000000Z",
            "DTSTART;VALUE=DATE:20400601",
            "DTEND;VALUE=DATE:20400701",
            "SUMMARY:Framework_refresh [v2]\\; scope\\, then a long title that runs past s",
            " eventy-five octets: Cabinet agreement.",
            "DESCRIPTION:Milestone: Cabinet agreement.\\nDue: Jun 2040\\nItem: Framework_r",
            " efresh [v2]\\; scope\\, then a long title that runs past seventy-five octets",
            "  (2040-framework)\\nLeads: DPMC (Department of the Prime Minister and Cabin",
            " et)\\; NZP (New Zealand Police)\\nRCOI recommendations: 7\\, 4\\nFixture progr",
            ' amme 2040 <draft> & "notes"\\, capability: Prevent *violent* extremism',
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:2040-exercises/milestone-2@ctwp",
            "DTSTAMP:20400101T000000Z",
            "DTSTART;VALUE=DATE:20401001",
            "DTEND;VALUE=DATE:20410101",
            "SUMMARY:Exercise programme: First exercise – Tāmaki Makaurau.",
            "DESCRIPTION:Milestone: First exercise – Tāmaki Makaurau.\\nDue: Q4 2040\\n",
            " Item: Exercise programme (2040-exercises)\\nLeads: TBD\\nFixture programme 2",
            ' 040 <draft> & "notes"\\, capability: Prevent *violent* extremism',
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    assert max(len(line.encode()) for line in ics.split("\r\n")) == 75


def test_a_calendar_program_reads_every_dated_milestone(ctwp, tmp_path):
    target = tmp_path / "ctwp.ics"
    result = ctwp("export", "--output", target)
    assert (result.exit_code, result.stdout) == (0, "")
    raw = target.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n")  # written as it is, line endings and all
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    milestones = json.loads(ctwp("due", "--format", "json").stdout)
    dated = [row for row in milestones if row["due_start"]]
    assert result.stderr == f"{len(milestones) - len(dated)} undated milestones left out: ongoing, TBD or conditional\n"
    assert [(event["DTSTART"].dt, event["DTEND"].dt - timedelta(days=1), str(event["SUMMARY"])) for event in events] == [
        (
            date.fromisoformat(row["due_start"]),
            date.fromisoformat(row["due_end"]),
            f"{row['title']}: {row['milestone']}" if row["milestone"] else row["title"],
        )
        for row in dated
    ]
    assert len({str(event["UID"]) for event in events}) == len(events)
    advisory = next(event for event in events if str(event["UID"]) == "2022-advisory-group-ct/milestone-1@ctwp")
    assert str(advisory["DESCRIPTION"]) == (
        "Milestone: Establish Advisory Group.\n"
        "Due: Dec 2022\n"
        "Item: Advisory Group on Counter-Terrorism (2022-advisory-group-ct)\n"
        "Leads: DPMC (Department of the Prime Minister and Cabinet)\n"
        "RCOI recommendations: 7\n"
        "Counter-Terrorism Work Programme 2022, capability: Collaborate and communicate, "
        "to enable us to work together as a nation to reduce the risk"
    )


def test_filters_and_the_same_file_every_time(ctwp):
    first = ctwp("export", "--year", "2021", "--lead", "nz police")
    assert first.exit_code == 0
    assert first.stdout_bytes == ctwp("export", "--year", "2021", "--lead", "nz police").stdout_bytes
    events = icalendar.Calendar.from_ical(first.stdout_bytes).walk("VEVENT")
    assert [str(event["UID"]) for event in events] == ["2021-disengagement/milestone-1@ctwp", "2021-te-raranga/milestone-1@ctwp"]
    result = ctwp("export", "--search", "no such words")
    assert (
        result.stdout_bytes
        == b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ctwp//Counter-Terrorism Work Programme//EN\r\nCALSCALE:GREGORIAN\r\nX-WR-CALNAME:Counter-Terrorism Work Programme\r\nEND:VCALENDAR\r\n"
    )
    assert result.stderr == "no dated milestones match\n"
