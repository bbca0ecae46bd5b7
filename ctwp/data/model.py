"""The programme model: one shape for every edition.

A programme year has groups (the 2021 *initiatives*, the 2022 *capabilities*, and the
2021 "Under-pinned by" row); each group has trackable items (the 2021 *key workstreams*,
the 2022 *initiatives*), and each item has milestones with due periods.

Validation is strict: unknown keys are refused and no value is coerced from another type.
Checks that need the registries (agency codes, recommendation numbers) or the file name
(its year) run when ``validate_programme`` is given them through the validation context.
"""

# Annotations stay objects (no `from __future__ import annotations`): pydantic would otherwise
# evaluate each one from its text every time the models are built.
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from ctwp.core.errors import shown
from ctwp.core.suggest import did_you_mean
from ctwp.data.periods import (
    CANONICAL_FORMS,
    CANONICAL_PATTERN,
    DuePeriod,
    Kind,
    NotAPeriod,
    PeriodError,
    parse_canonical,
    parse_period,
)
from ctwp.data.records import milestone_keys

# The patterns are read alike by the validator (Python's re), by editors (ECMAScript) and by
# check-jsonschema: digits and letters are spelled out ([0-9], never \d, which takes any
# script's digits), and each ends in $(?!\n), since Python's $ also matches before a final newline.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$(?!\n)"
ID_HINT = "an id is lower-case words and digits joined by hyphens, such as 2022-advisory-group"


def rule_error(rule: str, message: str, hint: str | None, at: tuple = ()) -> PydanticCustomError:
    """A validation error that names its rule and carries a hint for the editor; ``at``: the
    path, under the value validated, of the part the error points at."""
    # The message goes in through the context so that braces in quoted data stay as written.
    return PydanticCustomError(rule, "{message}", {"hint": hint, "message": message, "at": at})


def describe(value: object) -> str:
    """How a YAML value reads to its editor: "a number", "text", "a list"..."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class ErrorBudget:
    """How many more validation errors a file may keep; those past it are only counted."""

    def __init__(self, limit: int) -> None:
        self.left = limit
        self.dropped = 0
        self.markers = 0  # DROPPED errors raised and not yet caught


_CHUNK = 100  # list entries validated at a time, so that validation can stop keeping errors
DROPPED = "dropped-errors"  # the error a list raises when it only counted its errors: never reported


def _bounded_errors(value: object, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> object:
    """Validate a list a chunk at a time, keeping errors only while the file's budget lasts.

    Without this, a list of a million wrong entries makes a million errors in memory. A
    list whose errors were only counted still fails, with a DROPPED error, so that nothing
    above it is checked as if it were valid (and no error is made, or counted, twice).
    """
    budget = (info.context or {}).get("budget")
    if budget is None or type(value) is not list or (len(value) <= _CHUNK and budget.left > 0):
        return handler(value)
    checked, kept, dropped = [], [], False
    for start in range(0, len(value), _CHUNK):
        markers = budget.markers
        try:
            checked.extend(handler(value[start : start + _CHUNK]))
        except ValidationError as error:
            inner, budget.markers = budget.markers - markers, markers
            dropped = dropped or inner > 0
            if budget.left <= 0:
                budget.dropped += error.error_count() - inner
                dropped = True
                continue
            for detail in error.errors(include_url=False):
                if detail["type"] != DROPPED:
                    loc = detail["loc"]
                    kept.append({**detail, "loc": (loc[0] + start, *loc[1:]) if loc and type(loc[0]) is int else loc})
            budget.left -= error.error_count() - inner
    if not kept and not dropped:
        return checked
    line_errors = [_line_error(detail) for detail in kept]
    if dropped:
        line_errors.append({"type": PydanticCustomError(DROPPED, "errors counted, not kept"), "loc": (), "input": None})
        budget.markers += 1
    raise ValidationError.from_exception_data("list", line_errors)


def _line_error(detail: dict) -> dict:
    context = detail.get("ctx") or {}
    kind = detail["type"]
    if "message" in context:  # one of ours: see rule_error
        kind = PydanticCustomError(kind, "{message}", context)
    return {"type": kind, "loc": detail["loc"], "input": detail["input"], "ctx": context}


Bounded = WrapValidator(_bounded_errors)


def no_entries() -> list:
    """The value of a list field left out. A Python function rather than the builtin ``list``:
    pydantic reads a default factory's signature, and a builtin's must be parsed from its text
    by the tokenizer, which costs every cold start a few milliseconds."""
    return []


class Strict(BaseModel):
    # The class names end in "Model" to keep them apart from the records they build; the
    # schema names the things themselves.
    # Python's re, as the schema's other readers: the default engine has no (?!\n).
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        model_title_generator=lambda model: model.__name__.removesuffix("Model"),
        regex_engine="python-re",
    )


def _read_due(value: object) -> DuePeriod:
    if isinstance(value, DuePeriod):
        return value
    if not isinstance(value, str):
        raise rule_error("due-format", f"a due period is text, not {describe(value)}", "use one of: " + ", ".join(CANONICAL_FORMS))
    try:
        return parse_canonical(value)
    except NotAPeriod:
        pass
    except PeriodError as error:
        raise rule_error("due-format", str(error), None) from None
    try:
        hint = f"write it as {parse_period(value).canonical!r}"
    except PeriodError:
        hint = "use one of: " + ", ".join(CANONICAL_FORMS)
    raise rule_error("due-format", f"{shown(value)} is not a due period", hint)


class _PeriodField:
    """A period field as pydantic sees it: read by ``read`` from its text, written back in the
    canonical form, and described to editors by a JSON Schema. Given whole, so that pydantic
    builds no schema of ``DuePeriod`` itself: one for each period field, never used, and an
    eighth of the time the models take to build."""

    def __init__(self, read, json_schema: dict):
        self.read, self.json_schema = read, json_schema

    def __get_pydantic_core_schema__(self, source_type, handler):
        return core_schema.no_info_plain_validator_function(
            self.read,
            serialization=core_schema.plain_serializer_function_ser_schema(_canonical, return_schema=core_schema.str_schema()),
        )

    def __get_pydantic_json_schema__(self, schema, handler):
        return self.json_schema


def _canonical(period: DuePeriod) -> str:
    return period.canonical


def period_field(read, pattern: str, description: str):
    """A field holding a period, read by ``read`` from its text, written back in the canonical
    form, and described to editors by ``pattern`` (what the pattern cannot say, the description does)."""
    return Annotated[DuePeriod, _PeriodField(read, {"type": "string", "pattern": pattern, "description": description})]


Due = period_field(
    _read_due,
    CANONICAL_PATTERN,
    "When the milestone falls due: " + "; ".join(CANONICAL_FORMS) + ". "
    "Not said by the pattern: the day is a real one (not 2022-02-30), the year is 1 or later, and a run of days ends after it starts.",
)
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=100)]
# Visible text: no control characters, nor the characters YAML 1.1 reads as line breaks
# (NEL, LS, PS), which do not survive a round trip through YAML; and at least one character
# that shows, not only spaces and invisible format characters (a byte-order mark, zero-width
# spaces, direction marks). Spelled out, since \s differs between Python and ECMAScript.
_CONTROL = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029"
_INVISIBLE = (
    "\\t\\n \\xa0\\xad\\u034f\\u061c\\u115f\\u1160\\u1680\\u17b4\\u17b5\\u180b-\\u180f\\u2000-\\u200f"
    "\\u202a-\\u202f\\u205f-\\u206f\\u3000\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0\\ufff9-\\ufffb"
)
TEXT_PATTERN = rf"^[^{_CONTROL}]*[^{_INVISIBLE}{_CONTROL}][^{_CONTROL}]*$"
Text = Annotated[str, StringConstraints(pattern=TEXT_PATTERN)]


def _known_agency(code: str, info: ValidationInfo) -> str:
    registry = (info.context or {}).get("registry")
    if registry is not None and code not in registry.agencies:
        known = registry.resolve_agency(code)
        hint = f"write {shown(known)}" if known else registry.agency_suggestions.hint(code)
        raise rule_error("unknown-agency", f"unknown agency {shown(code)}", hint)
    return code


def _known_recommendation(number: int, info: ValidationInfo) -> int:
    registry = (info.context or {}).get("registry")
    if registry is not None and number not in registry.recommendations:
        low, high = min(registry.recommendations), max(registry.recommendations)
        raise rule_error(
            "rec-range", f"there is no RCOI recommendation {number}", f"the Royal Commission made recommendations {low} to {high}"
        )
    return number


AgencyCode = Annotated[str, AfterValidator(_known_agency), Field(description="An agency code from data/agencies.yaml.")]
Recommendation = Annotated[int, AfterValidator(_known_recommendation), Field(description="An RCOI recommendation number.")]
OiaGround = Annotated[
    str,
    StringConstraints(pattern=r"^s[0-9]+(\([0-9a-z]+\))*$(?!\n)"),
    Field(description="A section of the Official Information Act 1982, such as s9(2)(f)(iv)."),
]


class WithheldModel(Strict):
    """Content withheld under the Official Information Act 1982."""

    grounds: Annotated[list[OiaGround], Bounded] = Field(min_length=1, description="The sections cited, as written in the release.")


MILESTONE_KEY_HINT = "a milestone key is lower-case words and digits joined by hyphens, such as milestone-1"


class MilestoneModel(Strict):
    key: Id | None = Field(
        None,
        description="The milestone's key within its item, kept when milestones are reordered; progress reports and "
        "calendar UIDs use it. Default: milestone-N, N its position in the item.",
    )
    due: Due
    text: Text | None = Field(None, description="The milestone in the source's own words, such as 'establish group'.")
    condition: Text | None = Field(None, description="What the milestone waits on; only with due: conditional.")

    @model_validator(mode="after")
    def _condition_only_when_conditional(self) -> "MilestoneModel":
        if self.due.kind is Kind.CONDITIONAL and self.condition is None:
            raise rule_error("missing-condition", "a conditional milestone needs a 'condition'", "say what it waits on")
        if self.due.kind is not Kind.CONDITIONAL and self.condition is not None:
            raise rule_error("stray-condition", "'condition' is only for due: conditional", "remove it or set due: conditional")
        return self


class NotContinuingModel(Strict):
    """Why an item continues no item of an earlier edition (or not the one it resembles)."""

    item: Id | None = Field(None, description="The earlier item it resembles but is not linked to, if any.")
    reason: Text = Field(description="Why the documents do not support the link, in a sentence.")


class ItemModel(Strict):
    """A trackable item: a 2021 key workstream or a 2022 initiative."""

    id: Id = Field(description="Unique across all years, and never changed once published.")
    title: Text | None = Field(None, description="Absent only when withheld.")
    leads: Annotated[list[AgencyCode], Bounded] = Field(
        default_factory=no_entries, description="Lead agency codes; two or more for a joint lead."
    )
    lead_text: Text | None = Field(None, description="The lead as the source writes it, when that is not an agency (such as 'TBD').")
    recs: Annotated[list[Recommendation], Bounded] = Field(default_factory=no_entries, description="RCOI recommendations the item answers.")
    milestones: Annotated[list[MilestoneModel], Bounded] = Field(min_length=1)
    continues: Id | None = Field(None, description="The id of the item of an earlier year that this item carries on.")
    not_continuing: NotContinuingModel | None = Field(
        None, description="Why the item is not linked to an earlier one: a link is made only where both editions' words support it."
    )
    withheld: WithheldModel | None = None

    @model_validator(mode="after")
    def _not_both_linked_and_not(self) -> "ItemModel":
        if self.not_continuing is not None and self.continues is not None and self.not_continuing.item == self.continues:
            raise rule_error(
                "contradictory-link",
                f"item {shown(self.id)} both continues and does not continue {shown(self.continues)}",
                "keep one: the link, or the reason there is none",
                at=("not_continuing", "item"),
            )
        return self

    @model_validator(mode="after")
    def _milestone_keys_unique(self) -> "ItemModel":
        seen: set[str] = set()
        for index, key in enumerate(milestone_keys(self.milestones)):
            if key in seen:
                raise rule_error(
                    "duplicate-milestone-key",
                    f"another milestone of item {shown(self.id)} has the key {shown(key)}",
                    "give each milestone of an item its own key (a milestone without one is milestone-N, N its position)",
                    at=("milestones", index, "key" if self.milestones[index].key else "due"),
                )
            seen.add(key)
        return self

    @model_validator(mode="after")
    def _says_what_and_who(self) -> "ItemModel":
        if self.withheld is None:
            if self.title is None:
                raise rule_error("missing-key", "an item needs a 'title'", "only a withheld item may leave it out")
            if not self.leads and self.lead_text is None:
                raise rule_error(
                    "missing-lead",
                    "an item needs 'leads' or a 'lead_text'",
                    "name its lead agencies, or write the source's words, such as 'TBD', in lead_text",
                )
        return self


class GroupModel(Strict):
    """A 2021 initiative, a 2022 capability, or the 2021 "Under-pinned by" row."""

    id: Id
    kind: Literal["initiative", "capability", "underpinning"] = Field(
        description="underpinning: a row the programme rests on but does not run (2021 social cohesion)."
    )
    title: Text
    overview: Text | None = None
    lead_text: Text | None = Field(None, description="The group's lead cell, in the source's words.")
    workstreams_text: Text | None = Field(None, description="An underpinning row's workstreams cell.")
    recs_text: Text | None = Field(None, description="An underpinning row's recommendations cell.")
    milestone_text: Text | None = Field(None, description="An underpinning row's milestone cell.")
    items: Annotated[list[ItemModel], Bounded] = Field(default_factory=no_entries)

    @model_validator(mode="after")
    def _items_unless_underpinning(self) -> "GroupModel":
        if self.kind != "underpinning":
            if not self.items:
                raise rule_error("missing-items", "a group needs at least one item", "only kind: underpinning may have none")
            if self.workstreams_text or self.recs_text or self.milestone_text:
                raise rule_error("stray-text", "workstreams_text, recs_text and milestone_text are only for kind: underpinning", None)
        return self


FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years an edition may have


class ProgrammeModel(Strict):
    """One year's Counter-Terrorism Work Programme."""

    year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR)
    draft: bool = Field(
        False,
        description="true while the edition is a draft (as 'ctwp new' writes it): not yet published, so no command counts "
        "it as published. Delete the line when the edition is published.",
    )
    title: Text
    source: Text = Field(description="Where the text was taken from.")
    groups: Annotated[list[GroupModel], Bounded] = Field(min_length=1)

    @field_validator("year")
    @classmethod
    def _year_matches_file_name(cls, year: int, info: ValidationInfo) -> int:
        file_year = (info.context or {}).get("file_year")
        if file_year is not None and file_year != year:
            raise rule_error(
                "year-mismatch", f"the file is named for {file_year} but holds year {year}", "rename the file or correct the year"
            )
        return year


# The closed vocabulary of progress reports, with what each word means (see the README,
# "Reporting progress"). "No report yet" is not a status: it is the absence of a report.
STATUSES = {
    "not-started": "work has not begun",
    "on-track": "in progress, and expected to be met",
    "at-risk": "in progress, but at risk or delayed",
    "done": "met: the milestone happened",
    "stopped": "stopped, or not to be progressed",
    "replaced": "replaced by an item of a later edition",
}
# Words people write for a status, and the status each means: a did-you-mean that spelling
# alone would not find ("complete" is not close to "done").
STATUS_SYNONYMS = {
    "complete": "done",
    "completed": "done",
    "finished": "done",
    "delivered": "done",
    "met": "done",
    "achieved": "done",
    "in-progress": "on-track",
    "underway": "on-track",
    "started": "on-track",
    "delayed": "at-risk",
    "late": "at-risk",
    "behind": "at-risk",
    "cancelled": "stopped",
    "canceled": "stopped",
    "dropped": "stopped",
    "abandoned": "stopped",
    "superseded": "replaced",
    "planned": "not-started",
}
REPORT_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$(?!\n)"
REPORT_DATE_HINT = "write the day as 2022-09-30, or the month as 2022-09 when the source gives no day"


def status_hint(value: str) -> str:
    """A did-you-mean for an unknown status, by spelling or by meaning, else the vocabulary."""
    meant = STATUS_SYNONYMS.get("-".join(value.casefold().replace("_", " ").split()))
    return (f"did you mean {shown(meant)}?" if meant else did_you_mean(value, STATUSES)) or "use one of: " + ", ".join(STATUSES)


def _known_status(value: object) -> str:
    if not isinstance(value, str):
        raise rule_error("wrong-type", f"'status' must be text, not {describe(value)}", None)
    if value not in STATUSES:
        raise rule_error("unknown-status", f"unknown status {shown(value)}", status_hint(value))
    return value


def _report_date(value: object) -> DuePeriod:
    """A report's date: a day, or a month when its source gives no day (never a day picked in it)."""
    if isinstance(value, DuePeriod):
        return value
    if not isinstance(value, str):
        raise rule_error("wrong-type", f"'date' must be text, not {describe(value)}", REPORT_DATE_HINT)
    try:
        period = parse_canonical(value)
    except PeriodError:
        period = None
    if period is None or period.kind not in (Kind.DAY, Kind.MONTH):
        raise rule_error("invalid-value", f"{shown(value)} is not a day or a month", REPORT_DATE_HINT)
    return period


def _expected_period(value: object) -> DuePeriod:
    period = _read_due(value)
    if not period.dated:
        raise rule_error(
            "expected-period", f"'expected' is {shown(value)}, not a dated period", "give a year, quarter, month or day, such as 2023"
        )
    return period


Status = Annotated[
    str,
    PlainValidator(_known_status),
    WithJsonSchema({"enum": list(STATUSES), "description": "; ".join(f"{word}: {meaning}" for word, meaning in STATUSES.items())}),
]
ReportDate = period_field(
    _report_date,
    REPORT_DATE_PATTERN,
    "The day the report speaks for, written 2022-09-30; or its month, 2022-09, when the source gives no day.",
)
Expected = period_field(
    _expected_period,
    CANONICAL_PATTERN,
    "When the milestone is now expected, as a due period: a year, quarter, month, day or run of days.",
)
IN_PROGRESS_STATUSES = ("not-started", "on-track", "at-risk")
MILESTONE_REF_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$(?!\n)"


def _source_required(schema: dict) -> None:
    # The model reports a missing source under its own rule (missing-source); for editors
    # the schema simply requires it, and as text: a source of null is missing too.
    schema["required"] = [*schema.get("required", ()), "source"]
    source = schema["properties"]["source"]
    source.pop("default", None)
    (text,) = [option for option in source.pop("anyOf") if option.get("type") != "null"]
    source.update(text)


class Assessment(Strict):
    """A dated, sourced statement of where something stood: one entry of a progress series."""

    model_config = ConfigDict(json_schema_extra=_source_required)

    date: ReportDate
    status: Status
    note: Text | None = Field(None, description="A short note: what happened, in the source's words where possible.")
    source: Text | None = Field(None, description="Where it is stated: a document, an OIA reference or a URL. Required.")
    expected: Expected | None = Field(None, description="When the milestone is now expected; only with not-started, on-track or at-risk.")
    done_by: bool = Field(
        False,
        description="Only with done: the source says the milestone was met by the report's date, not when "
        "(such as a later summary), so no claim is made that it was on time or late.",
    )

    @model_validator(mode="after")
    def _fields_fit_the_status(self) -> "Assessment":
        if self.expected is not None and self.status not in IN_PROGRESS_STATUSES:
            raise rule_error(
                "stray-expected",
                f"'expected' is only for a milestone not yet met, not one reported {self.status}",
                "remove it, or give the status the source states",
                at=("expected",),
            )
        if self.done_by and self.status != "done":
            raise rule_error(
                "stray-done-by", f"'done_by' is only for a report that says done, not {self.status}", "remove it", at=("done_by",)
            )
        return self

    @model_validator(mode="after")
    def _has_a_source(self) -> "Assessment":
        if self.source is None:
            raise rule_error(
                "missing-source", "a progress report needs a 'source'", "name the document, OIA reference or URL it comes from"
            )
        return self


class ProgressReport(Assessment):
    """A progress report on one milestone of the edition the file is named for."""

    milestone: Annotated[str, StringConstraints(pattern=MILESTONE_REF_PATTERN, max_length=201)] = Field(
        description="ITEM-ID/MILESTONE-KEY, such as 2022-research-centre/milestone-1."
    )


class ProgressFile(Strict):
    """progress/YEAR.yaml: the progress reports on the milestones of the YEAR edition, oldest first."""

    reports: list[ProgressReport] = Field(default_factory=no_entries)
