"""Turning model errors into located findings, and the checks that span files.

Pydantic reports where in the data an error lies (``('groups', 0, 'items', 2, 'leads')``);
the source map says where that is in the file. Each finding names a stable rule.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable

from pydantic import BaseModel, ValidationError

from ctwp.core.errors import shown
from ctwp.core.suggest import Suggestions, did_you_mean
from ctwp.data.findings import FINDINGS_PER_FILE, Finding
from ctwp.data.model import DROPPED, ID_HINT, ID_PATTERN, MILESTONE_KEY_HINT, ErrorBudget, describe
from ctwp.data.periods import DuePeriod, parse_canonical
from ctwp.data.records import Group, Item, Located, Programme, milestone_keys
from ctwp.data.yamlsource import WIDE_MAPPING, SourceMap, YamlDocument

MILESTONE_REF_HINT = "a report names its milestone as ITEM-ID/MILESTONE-KEY, such as 2022-research-centre/milestone-1"

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
}


def validate_document(document: YamlDocument, model: type[BaseModel], context: dict) -> BaseModel | None:
    """Validate a read document against ``model``; problems are added to its findings."""
    if document.data is None and document.findings:
        return None
    budget = ErrorBudget(max(FINDINGS_PER_FILE - len(document.findings), 1))
    if document.wide:
        _narrow(document.data, _field_names(model), budget)
    try:
        return model.model_validate(document.data, strict=True, context={**context, "budget": budget})
    except ValidationError as error:
        document.more += budget.dropped
        details = [
            detail
            for detail in error.errors(include_url=False)
            if detail["type"] != DROPPED and not _under(tuple(detail["loc"]), document.unreadable)
        ]
        document.source.locate(tuple(detail["loc"]) for detail in details)
        document.findings.extend(_finding(document.path, document.source, model, detail) for detail in details)
        return None


def _narrow(data: object, known: set[str], budget: ErrorBudget) -> None:
    """Drop from each mapping of a thousand keys or more the unknown keys past the first
    hundred, counting each as a problem: else each would be an error held in memory."""
    pending = [data]
    while pending:
        value = pending.pop()
        if type(value) is dict:
            if len(value) >= WIDE_MAPPING:
                unknown = [key for key in value if key not in known][FINDINGS_PER_FILE:]
                for key in unknown:
                    del value[key]
                budget.dropped += len(unknown)
            pending.extend(value.values())
        elif type(value) is list:
            pending.extend(value)


def _field_names(model: type[BaseModel]) -> set[str]:
    """Every key of the format: the fields of ``model`` and of the models inside it."""
    names: set[str] = set()
    models, seen = [model], set()
    while models:
        current = models.pop()
        if current in seen:
            continue
        seen.add(current)
        for name, field in current.model_fields.items():
            names.add(name)
            if inner := _model_in(field.annotation):
                models.append(inner)
    return names


def _under(loc: tuple, paths: set[tuple]) -> bool:
    """``loc`` is one of ``paths`` or inside one."""
    return bool(paths) and any(loc[:length] in paths for length in range(len(loc) + 1))


def _finding(path: str, source: SourceMap, model: type[BaseModel], error: dict) -> Finding:
    loc, kind, context = tuple(error["loc"]), error["type"], error.get("ctx") or {}
    value = error.get("input")
    name = next((part for part in reversed(loc) if isinstance(part, str)), "the file")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        return Finding(path, *source.key(loc), "unknown-key", f"unknown key {shown(name)}", did_you_mean(name, allowed))
    if kind == "missing":
        return Finding(path, *source.value(loc[:-1]), "missing-key", f"missing key {shown(name)}", None)
    if "message" in context:  # our own rules: see ctwp.data.model.rule_error
        return Finding(path, *source.value((*loc, *context.get("at", ()))), kind, context["message"], context.get("hint"))
    line, column = source.value(loc)
    if kind in _TYPE_NAMES:
        where = "the file" if not loc else f"entry {loc[-1] + 1} of {shown(name)}" if isinstance(loc[-1], int) else f"{shown(name)}"
        hint = _type_hint(kind, value, model, loc)
        return Finding(path, line, column, "wrong-type", f"{where} must be {_TYPE_NAMES[kind]}, not {describe(value)}", hint)
    if kind == "string_pattern_mismatch" and name == "milestone":
        return Finding(path, line, column, "invalid-id", f"{shown(value)} is not a milestone reference", MILESTONE_REF_HINT)
    if kind == "string_pattern_mismatch" and name == "key":
        return Finding(path, line, column, "invalid-id", f"{shown(value)} is not a valid milestone key", MILESTONE_KEY_HINT)
    if kind == "string_pattern_mismatch" and name in ("id", "continues"):
        return Finding(path, line, column, "invalid-id", f"{shown(value)} is not a valid id", ID_HINT)
    if kind == "string_pattern_mismatch" and name == "source" and not str(value).strip() and ("reports" in loc or "progress" in loc):
        return Finding(
            path, line, column, "missing-source", "the report's 'source' is empty", "name the document, OIA reference or URL it comes from"
        )
    if kind == "string_pattern_mismatch" and context.get("pattern", "").startswith("^[^"):
        return Finding(path, line, column, "invalid-text", f"{shown(name)} must be visible text, without control characters", None)
    if kind == "literal_error":
        return Finding(
            path, line, column, "invalid-value", f"{shown(value)} is not a valid {shown(name)}", f"expected one of: {context['expected']}"
        )
    if kind == "too_short":
        return Finding(path, line, column, "invalid-value", f"{shown(name)} must not be empty", None)
    return Finding(path, line, column, "invalid-value", f"{shown(name)}: {error['msg'][0].lower()}{error['msg'][1:]}", None)


def _type_hint(kind: str, value: object, model: type[BaseModel], loc: tuple) -> str | None:
    if kind == "string_type" and isinstance(value, (int, bool)):
        return "put the value in quotes"
    if kind == "int_type" and isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return "remove the quotes"
    if kind == "list_type" and isinstance(value, (str, int)):
        if _holds_numbers(model, loc) and not str(value).strip().isdigit():
            return "write it as a list of numbers, in brackets"  # [value] would be refused in turn
        return f"write it as a list: [{value}]"
    return None


def _holds_numbers(model: type[BaseModel], loc: tuple) -> bool:
    """The field at ``loc`` is a list of numbers (such as an item's recommendations)."""
    owner = _model_at(model, loc[:-1]) if loc and isinstance(loc[-1], str) else None
    field = owner.model_fields.get(loc[-1]) if owner else None
    entry = next(iter(typing.get_args(field.annotation)), None) if field else None
    while typing.get_origin(entry) is typing.Annotated:
        entry = typing.get_args(entry)[0]
    return entry is int


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys the model allows at ``loc``, for did-you-mean hints."""
    current = _model_at(model, loc)
    return list(current.model_fields) if current else []


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model of the mapping at ``loc``, if it is one."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, str) and current is not None:
            field = current.model_fields.get(part)
            current = _model_in(field.annotation) if field else None
    return current


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, (types.UnionType, types.GenericAlias)) or typing.get_origin(annotation):
        for argument in typing.get_args(annotation):
            if found := _model_in(argument):
                return found
    return None


PROGRAMME_HINT = "a programme file is YEAR.yaml, a YAML mapping that starts with 'year:'; check the path"


def not_a_programme(path, document: YamlDocument, model: type[BaseModel]) -> Finding | None:
    """One finding for a file given as a programme that is not one at all (a README, a CI
    workflow), in place of the YAML or key errors its content would make."""
    data = document.data
    if isinstance(data, dict) and set(data) & set(model.model_fields):
        return None
    if path.suffix.lower() not in (".yaml", ".yml"):
        kind = f"a {path.suffix} file" if path.suffix else "a file without the .yaml extension"
        return Finding(document.path, 1, 1, "not-programme", f"not a programme file: {kind}", PROGRAMME_HINT)
    if isinstance(data, dict) and data and not document.findings:
        keys = ", ".join(repr(key) for key in ("year", "title", "source", "groups"))
        return Finding(document.path, 1, 1, "not-programme", f"not a programme file: it has none of the keys {keys}", PROGRAMME_HINT)
    return None


def partial_programme(path: str, year: int | None, document: YamlDocument | None) -> Located | None:
    """The ids and links of a programme file that has other problems, as far as they can be
    read, for the checks across files: each id and link that is well formed, at its place."""
    import re

    data = document.data if document is not None else None
    if year is None or not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        return None

    def id_or_none(value: object) -> str | None:
        return value if isinstance(value, str) and re.fullmatch(ID_PATTERN, value) else None

    groups = []
    for group in data["groups"]:
        group = group if isinstance(group, dict) else {}
        entries = group.get("items") if isinstance(group.get("items"), list) else []
        items = [
            Item(id_or_none(entry.get("id")), None, [], None, [], [], id_or_none(entry.get("continues")), None)
            if isinstance(entry, dict)
            else Item(None, None, [], None, [], [], None, None)
            for entry in entries
        ]
        groups.append(Group(id_or_none(group.get("id")), None, None, None, None, None, None, None, items))
    return Located(path, Programme(year, None, None, groups), document)


def check_references(programmes: Iterable[Located], partial: Iterable[Located] = ()) -> list[Finding]:
    """Ids unique across every year; each ``continues`` names an item of an earlier year.
    ``partial``: programmes with other problems (see ``partial_programme``), whose links are
    checked and whose items may be linked to, but whose ids are checked once they are valid."""
    findings: list[Finding] = []
    first_use: dict[str, tuple[Located, int, int | None]] = {}  # each id's first place: file, group, item (None: the group's)
    item_years: dict[str, int] = {}
    programmes, partial = list(programmes), list(partial)

    def duplicate(id_: str, located: Located, group_index: int, index: int | None) -> None:
        # Positions are looked up only now: finding them costs a second read.
        first_located, *first_place = first_use[id_]
        first_line = first_located.source.value((*_id_path(*first_place), "id"))[0]
        line, column = located.source.value((*_id_path(group_index, index), "id"))
        findings.append(
            Finding(
                located.path,
                line,
                column,
                "duplicate-id",
                f"id {shown(id_)} is already used at {first_located.path}:{first_line}",
                "ids are unique across all years; choose another",
            )
        )

    for located in programmes:
        year = located.programme.year
        for group_index, group in enumerate(located.programme.groups):
            if group.id in first_use:
                duplicate(group.id, located, group_index, None)
            else:
                first_use[group.id] = (located, group_index, None)
            for index, item in enumerate(group.items):
                if item.id in first_use:
                    duplicate(item.id, located, group_index, index)
                else:
                    first_use[item.id] = (located, group_index, index)
                item_years.setdefault(item.id, year)
    for located in partial:
        for _, item in located.programme.items():
            if item.id is not None:
                item_years.setdefault(item.id, located.programme.year)
    suggestions: Suggestions | None = None
    for located in programmes + partial:
        year = located.programme.year
        for group_index, group in enumerate(located.programme.groups):
            for index, item in enumerate(group.items):
                if item.continues is None and item.not_continuing is None:
                    continue  # most items: no link to check
                links = [(item.continues, ("continues",), "'continues'", "'continues' links an item to the one it carries on")]
                if item.not_continuing is not None:
                    links.append(
                        (
                            item.not_continuing.item,
                            ("not_continuing", "item"),
                            "not_continuing's 'item'",
                            "it names an earlier item not linked",
                        )
                    )
                for linked, key, name, purpose in links:
                    if linked is None:
                        continue
                    linked_year = item_years.get(linked)
                    if linked_year is not None and linked_year < year:
                        continue
                    line, column = located.source.value(("groups", group_index, "items", index, *key))
                    if linked_year is None:
                        suggestions = suggestions or Suggestions(item_years)  # built once, for every unknown link
                        findings.append(
                            Finding(
                                located.path,
                                line,
                                column,
                                "unknown-link",
                                f"{name} names {shown(linked)}, which no item has",
                                suggestions.hint(linked, allowed=lambda id_, year=year: item_years[id_] < year),
                            )
                        )
                    else:
                        findings.append(
                            Finding(
                                located.path,
                                line,
                                column,
                                "link-year",
                                f"{shown(linked)} is an item of {linked_year}, not of a year before {year}",
                                f"{purpose} from an earlier year",
                            )
                        )
    return findings


def _id_path(group_index: int, index: int | None) -> tuple:
    """The path of a group (``index`` None) or of an item of it."""
    return ("groups", group_index) if index is None else ("groups", group_index, "items", index)


def milestone_references(programme: Programme) -> list[str]:
    """Every milestone of a programme as a report names it: ITEM-ID/MILESTONE-KEY."""
    return [f"{item.id}/{key}" for _, item in programme.items() for key in milestone_keys(item.milestones)]


def check_progress(document: YamlDocument, year: int, programmes: Iterable[Located]) -> list[Finding]:
    """What a valid progress file must also be: reports on milestones of its year's edition,
    dated within or after its year unless done before it, one a day (or month) per milestone,
    and never from done back to not started."""
    from datetime import date

    programmes = list(programmes)
    edition = next((located.programme for located in programmes if located.programme.year == year), None)
    known = milestone_references(edition) if edition else []
    elsewhere = {  # milestones of the other editions, whose reports belong in their own files
        reference: located.programme.year
        for located in programmes
        if located.programme.year != year
        for reference in milestone_references(located.programme)
    }
    known_set = set(known)
    findings: list[Finding] = []
    earlier: dict[str, list[tuple[DuePeriod, int]]] = {}  # each milestone's report periods so far
    series: dict[str, list[tuple[DuePeriod, str, int]]] = {}
    for index, report in enumerate(document.data.get("reports", ())):
        at = ("reports", index)
        reference, day, status = report["milestone"], report["date"], report["status"]
        period = parse_canonical(day)

        def finding(key: str, rule: str, message: str, hint: str | None, level: str = "error", at: tuple = at) -> Finding:
            return Finding(document.path, *document.source.value((*at, key)), rule, message, hint, level)

        if reference not in known_set:
            other_year = elsewhere.get(reference)
            hint = (
                (f"it is a milestone of the {other_year} edition: its reports go in progress/{other_year}.yaml" if other_year else None)
                or did_you_mean(reference, known)
                or (f"no {year} edition in the data folder" if edition is None else f"'ctwp status --year {year}' lists its milestones")
            )
            findings.append(finding("milestone", "unknown-milestone", f"the {year} edition has no milestone {shown(reference)}", hint))
        # A milestone met before its edition was written is done before the edition; no other
        # status can speak for a time before the edition set the milestone.
        if period.start < date(year, 1, 1) and status != "done":
            findings.append(
                finding(
                    "date",
                    "report-date",
                    f"a report on the {year} edition dated {day}, before the edition's year, says {status}",
                    "only done can precede the edition (met before it); check the date, or the progress file the report is in",
                )
            )
        overlapping = next(((other, first) for other, first in earlier.get(reference, ()) if _overlap(other, period)), None)
        if overlapping is not None:
            other, first = overlapping
            first_line = document.source.value(("reports", first))[0]
            overlaps = "" if other == period else ", which overlaps it"
            findings.append(
                finding(
                    "date",
                    "duplicate-report",
                    f"{shown(reference)} already has a report dated {other.canonical}{overlaps}, at line {first_line}",
                    "one report a day (or a month) per milestone, so that their order is known: merge the two",
                )
            )
        earlier.setdefault(reference, []).append((period, index))
        series.setdefault(reference, []).append((period, status, index))
    for reports in series.values():
        done_since = None
        for period, status, index in sorted(reports, key=lambda entry: (entry[0].end, entry[0].start)):
            if status == "done":
                done_since = period
            elif status == "not-started" and done_since is not None:
                findings.append(
                    Finding(
                        document.path,
                        *document.source.value(("reports", index, "status")),
                        "status-reversal",
                        f"reported not started after being reported done on {done_since.canonical}",
                        "check the status; if the work really restarted, say so in the note",
                        "warning",
                    )
                )
    return findings


def _overlap(one: DuePeriod, other: DuePeriod) -> bool:
    return one.start <= other.end and other.start <= one.end
