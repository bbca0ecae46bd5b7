"""Hostile surroundings: special files, a cache others can reach, output targets that are
not plain files, a full disk and a closed pipe. Never a hang, a wrong answer or a traceback."""

import marshal
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, data_folder

from ctwp.core.errors import InvalidDataError
from ctwp.core.files import NotRegularFile, TooLarge, read_limited
from ctwp.data import cache, loading, yamlsource
from ctwp.data.loading import load_valid_dataset

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
VALID_2023 = FIXTURES / "valid" / "retyped-text.yaml"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CTWP_CACHE_DIR", str(folder))
    return folder


def count_yaml_reads(monkeypatch) -> list[str]:
    reads = []
    real = yamlsource.read_yaml

    def counting(path, *args, **options):
        reads.append(path)
        return real(path, *args, **options)

    monkeypatch.setattr(yamlsource, "read_yaml", counting)
    return reads


# Reading: regular files only, never past the limit


def test_a_link_to_dev_zero_or_a_fifo_in_a_data_folder_is_refused_not_read(ctwp, tmp_path):
    data = data_folder(tmp_path, {})
    (data / "2023.yaml").symlink_to("/dev/zero")
    os.mkfifo(data / "2024.yaml")  # nothing will ever write to it
    result = ctwp("validate", "--data", data)
    assert (result.exit_code, result.stdout) == (
        1,
        f"{data}/2023.yaml:1:1: [error] cannot read the file: it is a character device; "
        "a data file is a regular file (or a link to one) (unreadable)\n"
        f"{data}/2024.yaml:1:1: [error] cannot read the file: it is a FIFO; "
        "a data file is a regular file (or a link to one) (unreadable)\n",
    )
    query = ctwp("list", "--data", data)
    assert (query.exit_code, query.stderr) == (
        1,
        f"ctwp: error: the data in {data} has 2 problems; run 'ctwp validate --data {data}' to see them\n",
    )


def test_a_fifo_given_to_validate_diff_or_as_a_registry_is_refused(ctwp, tmp_path):
    fifo = tmp_path / "2023.yaml"
    os.mkfifo(fifo)
    assert ctwp("validate", fifo).stdout.endswith(
        "cannot read the file: it is a FIFO; a data file is a regular file (or a link to one) (unreadable)\n"
    )
    refused = ctwp("diff", fifo, "2022")
    assert (refused.exit_code, refused.stderr) == (2, f"ctwp: error: {fifo} is a FIFO; give a programme file\n")
    data = data_folder(tmp_path, {"2023.yaml": VALID_2023})
    (data / "rcoi.yaml").unlink()
    os.mkfifo(data / "rcoi.yaml")
    registry = ctwp("validate", "--data", data)
    assert registry.exit_code == 1
    assert "rcoi.yaml:1:1: [error] cannot read the file: it is a FIFO" in registry.stdout


def test_a_link_is_followed_to_a_regular_file(ctwp, tmp_path):
    data = data_folder(tmp_path, {})
    (data / "2023.yaml").symlink_to(VALID_2023)
    assert ctwp("validate", "--data", data).exit_code == 0


def test_reading_stops_at_the_limit_whatever_stat_says(tmp_path, monkeypatch):
    grows = tmp_path / "2023.yaml"
    grows.write_bytes(b"x" * 3000)
    real_fstat = os.fstat

    def says_empty(descriptor):  # as /proc files do
        status = real_fstat(descriptor)
        return os.stat_result((*status[:6], 0, *status[7:]))

    monkeypatch.setattr(os, "fstat", says_empty)
    with pytest.raises(TooLarge) as refused:
        read_limited(grows, 1000)
    assert refused.value.size is None
    assert read_limited(grows, 3000) == b"x" * 3000
    with pytest.raises(NotRegularFile, match="a folder"):
        read_limited(tmp_path, 1000)


def test_a_query_checks_the_size_before_reading(ctwp, tmp_path):
    data = data_folder(tmp_path, {})
    with (data / "2023.yaml").open("wb") as stream:
        stream.truncate(2**40)  # sparse: a terabyte that costs no disk, and would take hours to read
    result = ctwp("list", "--data", data)
    assert (result.exit_code, result.stderr) == (
        1,
        f"ctwp: error: the data in {data} has 1 problem; run 'ctwp validate --data {data}' to see them\n",
    )


# The cache: read once, trusted only when no one else could have written it


def test_the_key_and_the_data_checked_come_from_one_read(data, cache_dir, monkeypatch):
    path = data / "2021.yaml"
    valid = path.read_bytes()
    invalid = valid.replace(b"leads: [PSC]", b"leads: [PCS]")
    path.write_bytes(invalid)
    reads = []
    real = loading.read_limited

    def read_then_fix(read_path, *args, **options):
        content = real(read_path, *args, **options)
        reads.append(Path(read_path).name)
        if Path(read_path) == path:
            path.write_bytes(valid)  # someone saves a fix just after ctwp has read the file
        return content

    monkeypatch.setattr(loading, "read_limited", read_then_fix)
    with pytest.raises(InvalidDataError):  # judged on the bytes it read
        load_valid_dataset(data)
    assert sorted(reads) == [
        "2021.yaml",
        "2021.yaml",
        "2022.yaml",
        "2022.yaml",
        "agencies.yaml",
        "rcoi.yaml",
    ]  # each file once (with progress/)
    monkeypatch.setattr(loading, "read_limited", real)
    load_valid_dataset(data)  # the fixed file, validated and cached
    path.write_bytes(invalid)
    with pytest.raises(InvalidDataError):  # never the cached answer for other bytes
        load_valid_dataset(data)


def test_the_cache_is_private_whatever_the_umask(data, tmp_path, monkeypatch):
    cache_dir = tmp_path / "xdg" / "ctwp"
    monkeypatch.setenv("CTWP_CACHE_DIR", str(cache_dir))
    old = os.umask(0)
    try:
        load_valid_dataset(data)
    finally:
        os.umask(old)
    [entry] = cache_dir.iterdir()
    modes = [stat.S_IMODE(path.stat().st_mode) for path in (tmp_path / "xdg", cache_dir, entry)]
    assert modes == [0o700, 0o700, 0o600]


def _entry_and_header(data: Path, cache_dir: Path) -> tuple[Path, bytes]:
    load_valid_dataset(data)
    [entry] = cache_dir.iterdir()
    return entry, entry.read_bytes()[: len(cache._FORMAT) + 32]


def test_an_entry_others_could_write_is_not_trusted(data, cache_dir, monkeypatch):
    entry, _ = _entry_and_header(data, cache_dir)
    entry.chmod(0o622)
    reads = count_yaml_reads(monkeypatch)
    load_valid_dataset(data)
    assert len(reads) == 6  # validated afresh
    reads.clear()
    load_valid_dataset(data)  # ... and a trusted entry stored in its place
    assert reads == []


def test_a_cache_folder_others_can_write_is_neither_read_nor_written(data, cache_dir, monkeypatch):
    load_valid_dataset(data)
    cache_dir.chmod(0o777)
    reads = count_yaml_reads(monkeypatch)
    load_valid_dataset(data)
    load_valid_dataset(data)
    assert len(reads) == 12


@pytest.mark.skipif(not AS_ROOT, reason="giving a file to another user needs root")
def test_an_entry_another_user_owns_is_not_trusted(data, cache_dir, monkeypatch):
    entry, _ = _entry_and_header(data, cache_dir)
    os.chown(entry, 12345, 12345)
    reads = count_yaml_reads(monkeypatch)
    load_valid_dataset(data)
    assert len(reads) == 6


@pytest.mark.parametrize(
    "payload",
    [marshal.dumps({"not": "an entry"}), marshal.dumps(((None, None), [])), marshal.dumps((({}, {}), [("x", {})])), b"\xff\x00garbage"],
)
def test_a_malformed_entry_with_the_right_key_is_ignored(ctwp, data, cache_dir, payload):
    entry, header = _entry_and_header(data, cache_dir)
    entry.write_bytes(header + payload)
    result = ctwp("list", "--year", "2022", "--format", "csv", "--data", data)
    assert result.exit_code == 0
    assert result.stdout.count("\n2022,") == 17


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero", "huge"])
def test_a_special_or_huge_entry_never_hangs_or_fills_memory(ctwp, data, cache_dir, kind):
    entry, header = _entry_and_header(data, cache_dir)
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry, 0o600)
    elif kind == "huge":
        with entry.open("wb") as stream:
            stream.write(header)
            stream.truncate(2**40)
    else:
        entry.symlink_to("/dev/zero")
    assert ctwp("list", "--data", data).exit_code == 0


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_special_file_given_as_the_cache_folder_is_ignored(ctwp, data, tmp_path, special):
    if special == "fifo":
        special = tmp_path / "fifo"
        os.mkfifo(special)
    assert ctwp("list", "--data", data, env={"CTWP_CACHE_DIR": str(special)}).exit_code == 0


# Writing with --output


def test_a_new_file_follows_the_umask_and_a_replaced_one_keeps_its_mode(ctwp, tmp_path):
    new = tmp_path / "new.csv"
    old = os.umask(0o027)
    try:
        assert ctwp("list", "--format", "csv", "--output", new).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    new.chmod(0o644)
    assert ctwp("list", "--format", "json", "--output", new, "--force").exit_code == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    assert new.read_text().startswith("[\n")


def test_a_device_or_a_fifo_is_written_to_never_replaced(ctwp, tmp_path):
    assert ctwp("schema", "--output", "/dev/null", "--force").exit_code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    nobody_reads = ctwp("schema", "--output", fifo)
    assert (nobody_reads.exit_code, nobody_reads.stderr) == (
        4,
        f"ctwp: error: cannot write {fifo}: no program is reading it; start the program that reads the FIFO first\n",
    )
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    while reader.poll() is None:  # until cat has opened the FIFO
        if ctwp("schema", "--output", fifo).exit_code == 0:
            break
    assert reader.communicate(timeout=10)[0].startswith(b"{")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_link_is_written_through_and_kept(ctwp, tmp_path):
    target = tmp_path / "report.csv"
    target.write_text("old\n")
    link = tmp_path / "latest.csv"
    link.symlink_to(target)
    refused = ctwp("list", "--format", "csv", "--output", link)
    assert (refused.exit_code, refused.stderr) == (2, f"ctwp: error: {link} exists; add --force to replace it\n")
    assert ctwp("list", "--format", "csv", "--output", link, "--force").exit_code == 0
    assert link.is_symlink() and target.read_text().startswith("year,draft,id,")
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "nowhere.csv")
    broken = ctwp("list", "--output", dangling, "--force")
    assert (broken.exit_code, broken.stderr) == (
        2,
        f"ctwp: error: {dangling} is a link to {tmp_path}/nowhere.csv, which does not exist; give a file name, not a broken link\n",
    )


def test_a_trailing_slash_names_a_folder(ctwp, tmp_path):
    result = ctwp("list", "--output", f"{tmp_path}/newdir/")
    assert (result.exit_code, result.stderr) == (
        2,
        f"ctwp: error: --output {tmp_path}/newdir/ names a folder; give a file name, such as report.csv\n",
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("errno_", "said"),
    [
        (13, "permission denied; choose a folder you may write in"),
        (30, "read-only file system; the file system is read-only; write elsewhere"),
        (28, "no space left on device; free some space, or write elsewhere"),
    ],
)
def test_an_output_failure_is_one_line_exit_4_and_leaves_the_old_file(ctwp, tmp_path, monkeypatch, errno_, said):
    target = tmp_path / "report.csv"
    target.write_text("the old report\n")

    def fail(*args):
        raise OSError(errno_, os.strerror(errno_))

    monkeypatch.setattr(os, "fsync", fail)
    result = ctwp("list", "--format", "csv", "--output", target, "--force")
    assert (result.exit_code, result.stderr) == (4, f"ctwp: error: cannot write {target}: {said}\n")
    assert target.read_text() == "the old report\n"
    assert [path.name for path in tmp_path.iterdir()] == ["report.csv"]


# stdout that cannot be written


def _ctwp_process(*args, stdout) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ctwp", *args], cwd=REPO, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60)


def test_a_full_disk_is_an_environment_failure():
    with open("/dev/full", "w") as full:
        result = _ctwp_process("schema", stdout=full)
    assert (result.returncode, result.stderr) == (
        4,
        "ctwp: error: cannot write the output: no space left on device; free some space, or write elsewhere\n",
    )


def test_a_closed_pipe_ends_ctwp_silently_as_sigpipe_would():
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone, as after 'ctwp schema | head -1'
    with os.fdopen(write_end, "w") as closed:
        result = _ctwp_process("schema", stdout=closed)
    assert (result.returncode, result.stderr) == (141, "")


def test_dev_stdout_is_the_stream_ctwp_was_started_with(tmp_path):
    to_a_pipe = _ctwp_process("schema", "--output", "/dev/stdout", stdout=subprocess.PIPE)
    assert (to_a_pipe.returncode, to_a_pipe.stdout[:2]) == (0, "{\n")
    with (tmp_path / "out.json").open("w") as into_a_file:  # no --force: nothing is replaced
        assert _ctwp_process("schema", "--output", "/dev/stdout", stdout=into_a_file).returncode == 0
    assert (tmp_path / "out.json").read_text().startswith("{\n")
