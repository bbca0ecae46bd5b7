"""Where a programme to compare comes from: the data folder, its git history, or any file.

    2022             data/2022.yaml of the data folder, as it stands
    2022@main        data/2022.yaml at git revision main (a branch, tag or commit)
    old/2022.yaml    a programme file

The first two come with the progress reports on the year (data/progress/2022.yaml, as it
stands or at the revision); a programme file comes without.

Whatever its source, a programme is validated against the data folder's registries before
it is used.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ctwp.core import limits
from ctwp.core.errors import InvalidDataError, UsageError, counted, shown
from ctwp.core.files import NotRegularFile, TooLarge, read_limited
from ctwp.data.loading import PROGRESS_FOLDER, YEAR_FILE, Dataset, display_path, find_year, year_files
from ctwp.data.records import Located, Programme, Registry, Report, programme_from_data, reports_from_data

REFERENCE_FORMS = "YEAR, YEAR@REV (a git branch, tag or commit) or the path of a programme file"
_YEAR_AT = re.compile(r"(\d{4})(?:@(.*))?", re.DOTALL)


@dataclass(frozen=True)
class Version:
    """A programme, with where it was read."""

    label: str  # as the user names it: "2022", "2022@main", "old/2022.yaml"
    path: str  # the file, as shown to the user
    revision: str | None
    programme: Programme
    reports: dict[str, list[Report]] | None = None  # by milestone; None when not known (a file given by path)

    def as_json(self) -> dict:
        return {"label": self.label, "year": self.programme.year, "path": self.path, "revision": self.revision}


def read_version(reference: str, dataset: Dataset) -> Version:
    """The programme that ``reference`` (YEAR, YEAR@REV or a path) names."""
    match = _YEAR_AT.fullmatch(reference)
    if match is None:
        return _read_file(reference, dataset.registry)
    year, revision = int(match[1]), match[2]
    if revision is None:
        located = find_year(dataset, year)
        items = {item.id for _, item in located.programme.items()}
        reports = {reference: series for reference, series in dataset.reports.items() if reference.split("/")[0] in items}
        return Version(reference, located.path, None, located.programme, reports)
    if not revision:
        raise UsageError(f"{shown(reference)} names no revision", "write YEAR@REV, such as 2022@main")
    path = next((path for path in year_files(dataset.data_dir) if path.name.startswith(f"{year}.")), dataset.data_dir / f"{year}.yaml")
    raw = read_at_revision(path, revision)
    programme = _validated(f"{revision}:{display_path(path)}", raw, path.name, dataset.registry)
    return Version(reference, display_path(path), revision, programme, _reports_at_revision(dataset, year, revision, programme))


def _reports_at_revision(dataset: Dataset, year: int, revision: str, programme: Programme) -> dict[str, list[Report]]:
    """The progress reports on ``year`` at ``revision``, checked against its programme there;
    none when the revision has no progress file for the year."""
    from ctwp.data.model import ProgressFile
    from ctwp.data.validation import check_progress, validate_document
    from ctwp.data.yamlsource import read_yaml

    path = dataset.data_dir / PROGRESS_FOLDER / f"{year}.yaml"
    raw = read_at_revision(path, revision, missing_ok=True)
    if raw is None:
        return {}
    document = read_yaml(f"{revision}:{display_path(path)}", raw)
    if validate_document(document, ProgressFile, {}) is not None and not document.findings:
        document.findings.extend(check_progress(document, year, [Located(document.path, programme)]))
    errors = [finding for finding in document.findings if finding.level == "error"]
    if errors:
        more = len(errors) - 1
        raise InvalidDataError(f"invalid progress file: {min(errors).text()}" + (f" (and {counted(more, 'more problem')})" if more else ""))
    return reports_from_data([document.data])


def read_at_revision(path: Path, revision: str, missing_ok: bool = False) -> bytes | None:
    """The bytes of the file at ``path`` as it was at ``revision`` of its git repository;
    with ``missing_ok``, None when the file did not exist there."""
    folder = path.parent
    while not folder.is_dir() and folder != folder.parent:  # a folder the working tree no longer has
        folder = folder.parent
    if _git(folder, "rev-parse", "--git-dir").returncode != 0:
        raise UsageError(
            f"{display_path(folder)} is not in a git repository", "YEAR@REV reads the data folder's git history; give a file path instead"
        )
    commit = _git(folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if commit.returncode != 0:
        raise UsageError(
            f"unknown revision {shown(revision)}", f"give a branch, tag or commit of the repository holding {display_path(folder)}"
        )
    # The blob itself, as committed: no text conversion or other filter applies.
    blob = f"{commit.stdout.decode().strip()}:./{path.relative_to(folder).as_posix()}"
    size = _git(folder, "cat-file", "-s", blob)
    if size.returncode != 0:
        if missing_ok:
            return None
        raise UsageError(f"{display_path(path)} does not exist at revision {shown(revision)}")
    _check_size(f"{revision}:{display_path(path)}", int(size.stdout))
    return _git(folder, "cat-file", "blob", blob).stdout


@dataclass(frozen=True)
class FileRevision:
    """Where a file stands in git: the last commit that changed it, and whether it has changed since."""

    commit: str | None  # None when the file was never committed
    committed_on: date | None
    modified: bool  # the working copy differs from that commit (always, when never committed)


def file_revision(path: Path) -> FileRevision | None:
    """The git revision of the file at ``path``; None outside a git repository (or one that
    ignores the file) and without git."""
    folder = path.parent
    try:
        if _git(folder, "rev-parse", "--git-dir").returncode != 0:
            return None
        last = _git(folder, "log", "-1", "--format=%H %cs", "--", path.name).stdout.decode().split()
        if not last:
            # A file git ignores (data shipped in a virtual environment inside a repository,
            # say) is no part of that repository.
            ignored = _git(folder, "check-ignore", "--quiet", "--", path.name).returncode == 0
            return None if ignored else FileRevision(None, None, True)
        # A reader leaves the index alone: no opportunistic refresh written back.
        modified = _git(folder, "--no-optional-locks", "diff", "--quiet", "HEAD", "--", path.name).returncode != 0
    except UsageError:  # git cannot run: the file is still there to read, without a revision
        return None
    return FileRevision(last[0], date.fromisoformat(last[1]), modified)


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)
    except OSError as error:
        raise UsageError(f"cannot run git: {error.strerror}", "YEAR@REV needs git") from None


def _read_file(reference: str, registry: Registry) -> Version:
    path = Path(reference)
    shown = display_path(path)
    try:
        raw = read_limited(path, limits.max_file_bytes())
    except FileNotFoundError:
        raise UsageError(f"no such file: {reference}", f"give {REFERENCE_FORMS}") from None
    except NotRegularFile as error:
        raise UsageError(f"{reference} is {error.kind}", "give a programme file") from None
    except TooLarge as error:
        _check_size(shown, error.size)
    except OSError as error:
        raise UsageError(f"cannot read {reference}: {error.strerror}") from None
    return Version(shown, shown, None, _validated(shown, raw, path.name, registry))


def _check_size(shown: str, size: int | None) -> None:
    """Refuse a file over the size limit; ``size`` None: more than the limit, by how much unknown."""
    limit = limits.max_file_bytes()
    if size is None or size > limit:
        measured = f"is {size / 2**20:.0f} MB" if size is not None else f"holds more than {limit // 2**20} MB"
        raise InvalidDataError(f"{shown} {measured}, over the limit of {limit // 2**20} MB", "CTWP_MAX_FILE_MB raises the limit")


def _validated(shown: str, raw: bytes, file_name: str, registry: Registry) -> Programme:
    """The programme in ``raw``, checked as ``ctwp validate`` checks one file on its own."""
    from ctwp.data import model
    from ctwp.data.validation import check_references, validate_document
    from ctwp.data.yamlsource import read_yaml

    document = read_yaml(shown, raw)
    name_year = YEAR_FILE.fullmatch(file_name)
    context = {"registry": registry, "file_year": int(name_year[1]) if name_year else None}
    valid = validate_document(document, model.ProgrammeModel, context) is not None
    findings = document.findings
    programme = programme_from_data(document.data) if valid and not findings else None
    if programme is not None:
        # Items are matched by id, so ids must be unique; links may name items of years not
        # read here, so they are left to ctwp validate.
        findings = [finding for finding in check_references([Located(shown, programme, document)]) if finding.rule == "duplicate-id"]
    if findings:
        more = len(findings) - 1 + document.more
        raise InvalidDataError(f"invalid programme: {min(findings).text()}" + (f" (and {counted(more, 'more problem')})" if more else ""))
    return programme
