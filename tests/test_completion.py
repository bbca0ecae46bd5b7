"""Shell completion for bash, zsh and fish: commands, options, and the values of the data
folder the command line names (agency codes, years, item and group ids, recommendations)."""

import pytest
from conftest import FIXTURES, data_folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A data folder of the real registries and two fixture years."""
    return data_folder(tmp_path_factory.mktemp("completion"), {name: FIXTURES / "diff" / name for name in ("2030.yaml", "2031.yaml")})


@pytest.fixture
def bash(ctwp):
    """What bash is offered for the last word of ``line`` (as typed so far)."""

    def complete(line):
        words = line.split(" ")
        result = ctwp(env={"_CTWP_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)})
        assert result.exit_code == 0, result.output
        return result.stdout.split()

    return complete


def test_commands_and_options(bash):
    assert bash("ctwp re") == ["recs", "report", "render"]
    assert bash("ctwp list --l") == ["--lead"]
    assert bash("ctwp list --format ") == ["table", "json", "csv", "markdown"]


def test_values_come_from_the_data_folder_named(bash, folder):
    assert bash(f"ctwp list --data {folder} --lead N") == ["NZSIS", "NZP", "NSW"]
    assert bash(f"ctwp due --data {folder} --year ") == ["2030", "2031"]
    assert bash(f"ctwp render --data {folder} 203") == ["2030", "2031"]
    assert bash(f"ctwp diff --data {folder} 2030 ") == ["2030", "2031"]
    assert bash(f"ctwp show --data {folder} 2031-re") == ["2031-review", "2031-reporting", "2031-readiness"]
    assert bash(f"ctwp list --data {folder} --group 2031-c") == ["2031-coordinate"]
    assert bash(f"ctwp recs --data {folder} --rec 4") == ["4", "40", "41", "42", "43", "44"]


def test_a_path_is_left_to_the_shell(bash, folder):
    # bash then completes file names itself (the script's "complete -o default").
    assert bash(f"ctwp diff --data {folder} old/") == []


def test_a_data_folder_that_cannot_be_read_completes_nothing(bash, tmp_path):
    (tmp_path / "agencies.yaml").write_text("agencies: [unclosed\n")
    (tmp_path / "2030.yaml").write_text("groups: 7\n")
    assert bash(f"ctwp list --data {tmp_path} --lead ") == []
    assert bash(f"ctwp show --data {tmp_path} 2030") == []
    assert bash(f"ctwp list --data {tmp_path / 'missing'} --year ") == []


def test_zsh_and_fish_show_what_each_value_is(ctwp, folder):
    line = f"ctwp show --data {folder} 2031-f"
    zsh = ctwp(env={"_CTWP_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line})
    assert zsh.stdout == """_arguments '*: :(("2031-framework":"Strategic framework refresh"\n"2031-fund":"Community fund"))'\n"""
    fish = ctwp(env={"_CTWP_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "get-args", "_TYPER_COMPLETE_ARGS": line})
    assert fish.stdout == "2031-framework\tStrategic framework refresh\n2031-fund\tCommunity fund\n"


@pytest.mark.parametrize(
    ("shell", "line"),
    [
        ("bash", "complete -o default -F _ctwp_completion ctwp"),
        ("zsh", "compdef _ctwp_completion ctwp"),
        ("fish", "complete --command ctwp --no-files"),
    ],
)
def test_completion_scripts(ctwp, shell, line):
    result = ctwp(env={"_CTWP_COMPLETE": f"source_{shell}"})
    assert result.exit_code == 0
    assert line in result.stdout


def test_report_completes_milestones_and_statuses(bash, folder):
    assert bash(f"ctwp report --data {folder} 2031-re") == [
        "2031-review/milestone-1",
        "2031-review/milestone-2",
        "2031-reporting/milestone-1",
        "2031-readiness/milestone-1",
        "2031-readiness/milestone-2",
    ]
    assert bash(f"ctwp report --data {folder} 2031-review/milestone-1 --status o") == ["on-track"]
