"""Finding the data folder and loading the data set: registries and programme years.

The data folder is, in order: ``--data DIR``; the ``CTWP_DATA`` environment variable; the
``data/`` folder of the repository the command runs in (the nearest folder upwards from
the working directory that holds ``data/agencies.yaml``); the data shipped with the package.

``load_dataset`` checks everything and reports findings (``ctwp validate``);
``load_valid_dataset`` serves the queries, from the cache when the files are unchanged.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ctwp import __version__
from ctwp.core import limits
from ctwp.core.errors import InvalidDataError, UsageError, counted
from ctwp.core.files import NotRegularFile, TooLarge, read_limited
from ctwp.data import cache
from ctwp.data.records import Group, Item, Located, Programme, Registry, Report, programme_from_data, reports_from_data

if TYPE_CHECKING:
    from ctwp.data.findings import Finding

AGENCY_FILE = "agencies.yaml"
PROGRESS_FOLDER = "progress"  # progress/YEAR.yaml: the progress reports on the YEAR edition
RECOMMENDATION_FILE = "rcoi.yaml"
REGISTRY_FILES = (AGENCY_FILE, RECOMMENDATION_FILE)
YEAR_FILE = re.compile(r"(\d{4})\.ya?ml")
_PACKAGE = Path(__file__).resolve().parent.parent
# Where an installed ctwp keeps the published data (see pyproject.toml).
SHIPPED_DATA = _PACKAGE / "_data"


def find_data_dir(explicit: Path | None = None) -> Path:
    """The data folder to use (see the module's docstring); ``explicit`` may come from CTWP_DATA."""
    if explicit is not None:
        if not explicit.is_dir():
            raise UsageError(
                f"data folder not found: {explicit}", "give --data (or CTWP_DATA) a folder holding agencies.yaml and the year files"
            )
        return explicit
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "data" / AGENCY_FILE).is_file():
            return folder / "data"
    for shipped in (SHIPPED_DATA, _PACKAGE.parent / "data"):
        if (shipped / AGENCY_FILE).is_file():
            return shipped
    raise UsageError("no data folder found", "run inside a ctwp repository, or give --data DIR")


def check_data_dir(data_dir: Path) -> list[Path]:
    """The year files of a data folder that has its registries and at least one year;
    a usage error naming what is missing otherwise."""
    years = year_files(data_dir)
    missing = [name for name in REGISTRY_FILES if not os.path.lexists(data_dir / name)]
    if not years:
        missing.append("programme files (YEAR.yaml, such as 2022.yaml)")
    if missing:
        listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " or " + missing[-1]
        raise UsageError(
            f"the data folder {display_path(data_dir)} has no {listed}",
            "a data folder holds agencies.yaml, rcoi.yaml and one YEAR.yaml per year; give --data the folder that holds them",
        )
    return years


def year_files(data_dir: Path) -> list[Path]:
    """The programme files of a data folder (``2021.yaml``, ``2022.yaml``...), by year."""
    try:
        return sorted(path for path in data_dir.iterdir() if YEAR_FILE.fullmatch(path.name))
    except OSError as error:
        raise UsageError(f"cannot read the data folder {display_path(data_dir)}: {error.strerror}") from None


def progress_files(data_dir: Path) -> list[Path]:
    """The progress files of a data folder (``progress/2022.yaml``...), by year."""
    folder = data_dir / PROGRESS_FOLDER
    if not folder.is_dir():
        return []
    try:
        return sorted(path for path in folder.iterdir() if YEAR_FILE.fullmatch(path.name))
    except OSError as error:
        raise UsageError(f"cannot read the progress folder {display_path(folder)}: {error.strerror}") from None


def data_name(data_dir: Path) -> str:
    """A data folder as a page names it: the published data, or the folder by its name."""
    if data_dir.resolve() == SHIPPED_DATA.resolve():
        return f"the published data shipped with ctwp {__version__}"
    return f"the data folder “{data_dir.resolve().name}”"


def display_path(path: Path) -> str:
    """The path as the user would write it: relative to the working directory when inside it.
    The data shipped inside an installed ctwp is named for what it is, not for where pip put it."""
    resolved = path.resolve()
    try:
        inside_package = resolved.relative_to(SHIPPED_DATA.resolve())
    except ValueError:
        pass
    else:
        shipped = f"the published data shipped with ctwp {__version__}"
        return shipped if inside_package == Path() else f"{inside_package} of {shipped}"
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass
class Dataset:
    """Registries and programme years, with every finding made while loading them."""

    data_dir: Path
    registry: Registry | None = None
    programmes: list[Located] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    more: dict[str, int] = field(default_factory=dict)  # by path, problems past FINDINGS_PER_FILE: counted, not kept
    registry_data: tuple[dict, dict] | None = None  # agencies.yaml and rcoi.yaml as read, for the cache
    checked: list[str] = field(default_factory=list)  # the files reported on, as findings name them
    progress_counts: dict[str, int] = field(default_factory=dict)  # the progress files read, as shown, with their reports
    reports: dict[str, list[Report]] = field(default_factory=dict)  # by milestone reference, oldest first
    progress_data: list[tuple[str, dict]] = field(default_factory=list)  # valid progress files as read, for the cache

    @property
    def problem_count(self) -> int:
        return len(self.findings) + sum(self.more.values())

    def years(self) -> list[int]:
        return [located.programme.year for located in self.programmes]

    @cached_property
    def item_places(self) -> dict[str, tuple[Programme, Group, Item]]:
        """Every item by id, with its programme and group."""
        return {item.id: (located.programme, group, item) for located in self.programmes for group, item in located.programme.items()}

    @cached_property
    def continuations(self) -> dict[str, list[str]]:
        """For each item id, the ids of the items that continue it, in file order."""
        later: dict[str, list[str]] = {}
        for item_id, (_, _, item) in self.item_places.items():
            if item.continues is not None:
                later.setdefault(item.continues, []).append(item_id)
        return later


_Read = tuple[str, "bytes | None", "list[Finding]"]  # a file as shown, its bytes (None when unread), findings


def load_dataset(data_dir: Path, paths: list[Path] | None = None, contents: dict[Path, _Read] | None = None) -> Dataset:
    """Load and check the data set of ``data_dir``.

    With ``paths``, those files are checked and reported on; each stands in for the data
    folder's file of the same year, and the folder's other years are loaded as context for
    the checks that span files (unique ids, links), without reporting on them. A path named
    agencies.yaml or rcoi.yaml is checked as that registry, and stands in for the folder's;
    a path in a folder named ``progress`` is a progress file, checked against the years loaded.
    ``contents``: files already read, by path, so that each file is read once; or files as
    they are about to be written, checked before they are (a progress file among them is
    checked with the folder's, whether or not it exists yet).
    """
    from ctwp.data.validation import check_references, partial_programme

    def read(path: Path) -> _Read:
        return contents[path] if contents and path in contents else _read(path)

    dataset = Dataset(data_dir)
    named = _once([path if contents and path in contents else _checked_file(path) for path in paths or ()])
    registries = {path.name: path for path in named if path.name in REGISTRY_FILES}
    dataset.registry_data = _load_registry(data_dir, registries, dataset, read)
    dataset.registry = Registry.from_data(*dataset.registry_data) if dataset.registry_data else None
    progress_given = [_progress_file(path) for path in named if path.parent.name == PROGRESS_FOLDER]
    reported = (
        [path for path in named if path.name not in REGISTRY_FILES and path.parent.name != PROGRESS_FOLDER]
        if paths
        else year_files(data_dir)
    )
    if not paths and not reported and not dataset.findings:
        check_data_dir(data_dir)  # a folder without years: say so, rather than call nothing valid
    candidates = [_load_programme(path, read(path), dataset.registry, given=bool(paths)) for path in reported]
    context: list[_Loaded] = []
    if paths:
        given_years = {loaded.year for loaded in candidates}
        given = {path.resolve() for path in reported}
        context = [_load_programme(path, read(path), dataset.registry) for path in year_files(data_dir) if path.resolve() not in given]
        context = [loaded for loaded in context if loaded.year not in given_years]
    for loaded in candidates:
        dataset.findings.extend(loaded.findings)
        if loaded.more:
            dataset.more[loaded.path] = loaded.more
    valid = [loaded.located for loaded in context + candidates if loaded.located]
    dataset.programmes = sorted(valid, key=lambda located: located.programme.year)
    reported_paths = {loaded.path for loaded in candidates}
    dataset.checked = [display_path(registries.get(name, data_dir / name)) for name in REGISTRY_FILES] + [
        loaded.path for loaded in candidates
    ]
    # Links are checked in the files that have other problems too, as far as they can be
    # read, so that one run reports every problem.
    partial = [
        located
        for loaded in context + candidates
        if not loaded.located and (located := partial_programme(loaded.path, _year_of(loaded), loaded.document))
    ]
    dataset.findings.extend(finding for finding in check_references(valid, partial) if finding.path in reported_paths)
    if paths:
        progress = progress_given
    else:
        progress = progress_files(data_dir)
        pending = [path for path in contents or () if path.parent == data_dir / PROGRESS_FOLDER and path not in progress]
        stray = _stray_progress_files(data_dir, set(dataset.years()) | {loaded.year for loaded in candidates})
        dataset.findings.extend(stray)
        # A file named for no edition is said once, not as an unknown milestone per report.
        progress = [path for path in sorted(progress + pending) if display_path(path) not in {finding.path for finding in stray}]
    _load_progress(dataset, progress, read)
    _bound_findings(dataset)
    return dataset


def _load_progress(dataset: Dataset, paths: list[Path], read) -> None:
    """Read and check progress files, against the milestones of the years they report on."""
    from ctwp.data.model import ProgressFile
    from ctwp.data.validation import check_progress, validate_document
    from ctwp.data.yamlsource import read_yaml

    for path in paths:
        shown, raw, findings = read(path)
        dataset.checked.append(shown)
        dataset.findings.extend(findings)
        if raw is None:
            continue
        document = read_yaml(shown, raw, empty_hint=PROGRESS_START)
        if isinstance(document.data, dict) and isinstance(document.data.get("reports"), list):
            dataset.progress_counts[shown] = len(document.data["reports"])
        year = int(path.stem)
        # An edition that failed its own checks has its findings; its reports are not judged against it.
        edition_failed = year not in dataset.years() and (path.parent.parent / f"{year}.yaml").is_file()
        if validate_document(document, ProgressFile, {}) is not None and not document.findings and not edition_failed:
            document.findings.extend(check_progress(document, year, dataset.programmes))
            if not any(finding.level == "error" for finding in document.findings):
                dataset.progress_data.append((str(path.resolve()), document.data))
        dataset.findings.extend(document.findings)
        if document.more:
            dataset.more[shown] = document.more
    dataset.reports = reports_from_data([data for _, data in dataset.progress_data])


PROGRESS_START = "a progress file holds 'reports:', a list of progress reports"


def _stray_progress_files(data_dir: Path, years: set) -> list[Finding]:
    """A finding for each file of the progress folder that is not YEAR.yaml for an edition:
    its reports would be read by nothing. Hidden files (an editor's, a write in progress) are passed over."""
    from ctwp.data.findings import Finding

    folder = data_dir / PROGRESS_FOLDER
    try:
        names = sorted(path.name for path in folder.iterdir() if not path.name.startswith(".")) if folder.is_dir() else []
    except OSError:
        return []  # progress_files says why the folder cannot be read
    findings = []
    for name in names:
        shown = display_path(folder / name)
        named_year = YEAR_FILE.fullmatch(name)
        if named_year is None:
            message, hint = "not a progress file: the reports on an edition go in progress/YEAR.yaml", "rename or move it"
        elif int(named_year[1]) not in years and not (data_dir / f"{named_year[1]}.yaml").is_file():
            # (A year file that failed its own checks has its findings: its reports wait for it.)
            message = f"the data folder has no {named_year[1]} edition for these reports to be on"
            hint = f"check the year in the file name; the editions: {', '.join(map(str, sorted(y for y in years if isinstance(y, int))))}"
        else:
            continue
        findings.append(Finding(shown, 1, 1, "progress-file", message, hint))
    return findings


def _year_of(loaded: _Loaded) -> int | None:
    """The year a file holds, or else the year it is named for."""
    if type(loaded.year) is int:
        return loaded.year
    named = YEAR_FILE.fullmatch(Path(loaded.path).name)
    return int(named[1]) if named else None


def _once(paths) -> list[Path]:
    """The paths, each file once however often it is given (``validate x.yaml x.yaml``)."""
    seen: set[Path] = set()
    unique = []
    for path in paths:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            unique.append(path)
    return unique


def _bound_findings(dataset: Dataset) -> None:
    """Keep the first FINDINGS_PER_FILE findings of each file, in file order; count the rest."""
    from ctwp.data.findings import FINDINGS_PER_FILE

    by_path: dict[str, list[Finding]] = {}
    for finding in dataset.findings:
        by_path.setdefault(finding.path, []).append(finding)
    dataset.findings = []
    for path, findings in by_path.items():
        findings.sort()
        dataset.findings += findings[:FINDINGS_PER_FILE]
        if len(findings) > FINDINGS_PER_FILE:
            dataset.more[path] = dataset.more.get(path, 0) + len(findings) - FINDINGS_PER_FILE


def load_valid_dataset(data_dir: Path) -> Dataset:
    """The data set, for commands that query it: any finding stops them.

    A data set that passed is cached under the content of its files, so the next query
    rebuilds it without reading YAML or validating again. Each file is read once: the key
    and the data checked come from the same bytes.
    """
    sources = (data_dir / AGENCY_FILE, data_dir / RECOMMENDATION_FILE, *check_data_dir(data_dir), *progress_files(data_dir))
    contents = {path: _read(path) for path in sources}
    readable = all(raw is not None for _, raw, _ in contents.values())
    key = cache.cache_key([(path.resolve(), raw) for path, (_, raw, _) in contents.items()]) if readable else None
    cached = cache.load(data_dir, key, sum(len(raw) for _, raw, _ in contents.values())) if key else None
    if cached is not None:
        dataset = _dataset_from_cache(data_dir, cached)
        if dataset is not None:
            return dataset
    dataset = load_dataset(data_dir, contents=contents)
    errors = [finding for finding in dataset.findings if finding.level == "error"]
    if errors:
        count = len(errors) + sum(dataset.more.values())
        raise InvalidDataError(
            f"the data in {display_path(data_dir)} has {counted(count, 'problem')}",
            f"run '{_validate_command(data_dir)}' to see them",
        )
    programmes = [(str(Path(located.path).resolve()), located.document.data) for located in dataset.programmes]
    cache.store(data_dir, key, (dataset.registry_data, programmes, dataset.progress_data))
    return dataset


def _validate_command(data_dir: Path) -> str:
    """The ctwp validate that checks ``data_dir``: with --data unless it is the folder found by default."""
    import shlex  # only on the way to an error message

    try:
        default = find_data_dir().resolve()
    except UsageError:
        default = None
    if data_dir.resolve() == default:
        return "ctwp validate"
    return f"ctwp validate --data {shlex.quote(str(data_dir))}"


def _dataset_from_cache(data_dir: Path, cached: object) -> Dataset | None:
    """The data set a cache entry holds; None when the entry is not what ctwp stores."""
    try:
        (agency_data, recommendation_data), programmes, progress = cached
        registry = Registry.from_data(agency_data, recommendation_data)
        located = [Located(display_path(Path(path)), programme_from_data(data)) for path, data in programmes]
        reports = reports_from_data([data for _, data in progress])
    except Exception:  # a damaged entry: any failure to rebuild it means validating afresh
        return None
    return Dataset(data_dir, registry, located, registry_data=(agency_data, recommendation_data), reports=reports, progress_data=progress)


class _Loaded(NamedTuple):
    path: str
    year: int | None  # the year the file holds, or None when it is not a whole number
    findings: list[Finding]
    located: Located | None
    more: int = 0  # problems past FINDINGS_PER_FILE
    document: object = None  # the YamlDocument read, when the file could be read


def _checked_file(path: Path) -> Path:
    try:
        is_folder = stat.S_ISDIR(path.stat().st_mode)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UsageError(f"{path}: the symbolic link leads round in a loop") from None
        raise UsageError(f"no such file: {path}") from None
    if is_folder:
        raise UsageError(f"{path} is a folder", "give the programme files in it, or --data for a data folder")
    return path


def _progress_file(path: Path) -> Path:
    if not YEAR_FILE.fullmatch(path.name):
        raise UsageError(f"{path}: a progress file is named for the year of its edition", "such as progress/2022.yaml")
    return _checked_file(path)


def _read(path: Path) -> _Read:
    """A data file's bytes, read once, within the size limit; or why it cannot be read."""
    shown = display_path(path)
    limit = limits.max_file_bytes()
    try:
        return shown, read_limited(path, limit), []
    except TooLarge as error:
        size = f"is {error.size / 2**20:.0f} MB" if error.size is not None else f"holds more than {limit // 2**20} MB"
        message = f"the file {size}, over the limit of {limit // 2**20} MB"
        return shown, None, [_unread(shown, "file-size", message, "CTWP_MAX_FILE_MB raises the limit")]
    except NotRegularFile as error:
        hint = "a data file is a regular file (or a link to one)"
        return shown, None, [_unread(shown, "unreadable", f"cannot read the file: it is {error.kind}", hint)]
    except OSError as error:
        return shown, None, [_unread(shown, "unreadable", f"cannot read the file: {error.strerror}", None)]


def _unread(shown: str, rule: str, message: str, hint: str | None) -> Finding:
    from ctwp.data.findings import Finding  # only here: a query of readable files needs no findings

    return Finding(shown, 1, 1, rule, message, hint)


def _load_programme(path: Path, read: _Read, registry: Registry | None, given: bool = False) -> _Loaded:
    from ctwp.data.model import ProgrammeModel
    from ctwp.data.validation import not_a_programme, validate_document
    from ctwp.data.yamlsource import read_yaml

    shown, raw, findings = read
    if raw is None:
        return _Loaded(shown, None, findings, None)
    document = read_yaml(shown, raw)
    if given and (finding := not_a_programme(path, document, ProgrammeModel)):
        return _Loaded(shown, None, [finding], None)
    name_year = YEAR_FILE.fullmatch(path.name)
    context = {"registry": registry, "file_year": int(name_year[1]) if name_year else None}
    valid = validate_document(document, ProgrammeModel, context) is not None and not document.findings
    located = Located(shown, programme_from_data(document.data), document) if valid else None
    year = document.data.get("year") if isinstance(document.data, dict) else None
    if type(year) is not int:  # a list or mapping would be hashed and compared below; its finding is made already
        year = None
    return _Loaded(shown, year, document.findings, located, document.more, document)


def _load_registry(data_dir: Path, given: dict[str, Path], dataset: Dataset, read) -> tuple[dict, dict] | None:
    """agencies.yaml and rcoi.yaml as read, when both are valid: the files ``given`` by name,
    else the data folder's."""
    from ctwp.data.registry import (
        AgencyFile,
        RecommendationFile,
        check_agencies,
        check_recommendations,
    )
    from ctwp.data.validation import validate_document
    from ctwp.data.yamlsource import read_yaml

    valid = []
    for name, model, check, start in (
        (AGENCY_FILE, AgencyFile, check_agencies, "agencies.yaml holds 'agencies:', a list of agencies"),
        (RECOMMENDATION_FILE, RecommendationFile, check_recommendations, "rcoi.yaml holds 'groups:' and 'recommendations:'"),
    ):
        path = given.get(name, data_dir / name)
        if not os.path.lexists(path):
            check_data_dir(data_dir)  # names everything the folder lacks
        shown, raw, read_findings = read(path)
        findings = dataset.findings
        findings.extend(read_findings)
        document = read_yaml(shown, raw, empty_hint=start) if raw is not None else None
        registry_file = validate_document(document, model, {}) if document else None
        if registry_file is not None:
            document.findings.extend(check(registry_file, document))
        if document:
            findings.extend(document.findings)
            if document.more:
                dataset.more[shown] = document.more
        valid.append(document.data if document and registry_file is not None and not document.findings else None)
    return None if None in valid else tuple(valid)


def find_year(dataset: Dataset, year: int) -> Located:
    for located in dataset.programmes:
        if located.programme.year == year:
            return located
    raise UsageError(f"no programme for {year} in {display_path(dataset.data_dir)}", "years: " + ", ".join(map(str, dataset.years())))
