"""The words for items, milestones, due periods and changes, shared by every output."""

import pytest

from ctwp.analysis.words import link_line, milestone_phrase


@pytest.mark.parametrize(
    ("label", "text", "condition", "said"),
    [
        ("Dec 2022", "Establish Advisory Group.", None, "Dec 2022: Establish Advisory Group."),
        # Words that begin with the period say it once.
        (
            "Ongoing",
            "Ongoing – tool to be used for all public engagements on CT.",
            None,
            "Ongoing – tool to be used for all public engagements on CT.",
        ),
        ("Ongoing", "ongoing work", None, "ongoing work"),
        ("TBD", "TBD", None, "TBD"),
        # ...but only a whole word.
        ("Ongoing", "Ongoingness reviewed.", None, "Ongoing: Ongoingness reviewed."),
        ("Conditional", None, "Dependent on funding.", "Conditional: Dependent on funding."),
        ("TBD", None, None, "TBD"),
    ],
)
def test_milestone_phrase(label, text, condition, said):
    assert milestone_phrase(label, text, condition) == said


def test_ongoing_is_said_once_in_show_render_and_diff(ctwp):
    said = "Ongoing – tool to be used for all public engagements on CT."
    show = ctwp("show", "2022-community-engagement-tool", "--format", "csv").stdout
    assert f"Milestones,{said}\n" in show
    render = ctwp("render", "2022").stdout
    assert f"- **Milestones:** {said}\n" in render
    diff = ctwp("diff", "2021", "2022", "--format", "markdown").stdout
    assert f"  - milestone: {said}\n" in diff
    for output in (show, render, diff):
        assert "Ongoing: Ongoing" not in output


def test_a_link_reads_the_same_in_show_and_render(ctwp):
    link = link_line({"year": 2021, "id": "2021-advisory-group-ct", "title": "Advisory Group on CT"})
    assert link == "Advisory Group on CT (2021, 2021-advisory-group-ct)"
    assert f'Continues,"{link}"\n' in ctwp("show", "2022-advisory-group-ct", "--format", "csv").stdout
    assert f"- **Continues:** {link}\n" in ctwp("render", "2022").stdout
    assert link_line({"year": 2021, "id": "2021-protection-withheld", "title": None}) == "a withheld item (2021, 2021-protection-withheld)"
