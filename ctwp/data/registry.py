"""The registry files' schema and checks: the agencies that lead items
(``data/agencies.yaml``) and the Royal Commission's recommendations (``data/rcoi.yaml``).

They are read and checked like the programme files; what passes becomes a
``ctwp.data.records.Registry``, which programme files are checked against.
"""

# Annotations stay objects (no `from __future__ import annotations`): pydantic would otherwise
# evaluate each one from its text every time the models are built.
from typing import Annotated, Literal

from pydantic import Field

from ctwp.core.errors import shown
from ctwp.core.suggest import Suggestions
from ctwp.data.findings import Finding
from ctwp.data.model import Assessment, Bounded, ReportDate, Strict, Text, no_entries
from ctwp.data.yamlsource import YamlDocument


class AgencyModel(Strict):
    code: str = Field(pattern=r"^[A-Z][A-Z0-9]*$(?!\n)")
    name: Text
    aliases: Annotated[list[Text], Bounded] = Field(
        default_factory=no_entries, description="Other names the source uses, such as 'NZ Police'."
    )
    kind: Literal["agency", "committee", "board", "role", "programme"]
    note: Text | None = None


class AgencyFile(Strict):
    agencies: Annotated[list[AgencyModel], Bounded] = Field(min_length=1)


class RecommendationGroupModel(Strict):
    key: Text = Field(pattern=r"^[a-z]+(-[a-z]+)*$(?!\n)")
    title: Text


class RecommendationEntry(Strict):
    number: int = Field(ge=1)
    group: Text | None = Field(None, description="Absent where the group is not confirmed.")
    subject: Text | None = Field(None, description="Given only where confirmed.")
    progress: list[Assessment] = Field(
        default_factory=no_entries,
        description="Dated, sourced statements of its implementation, oldest first; empty where no public source states one.",
    )


class StatementModel(Strict):
    """A sourced statement about the recommendations as a whole, that names none of them: it is
    shown beside the recommendations, never turned into a status of each."""

    date: ReportDate
    text: Text = Field(description="What it states, in our words.")
    source: Text = Field(description="Where it is stated: a document or a URL.")


class RecommendationFile(Strict):
    groups: Annotated[list[RecommendationGroupModel], Bounded] = Field(min_length=1)
    recommendations: Annotated[list[RecommendationEntry], Bounded] = Field(min_length=1)
    statements: Annotated[list[StatementModel], Bounded] = Field(
        default_factory=no_entries, description="Statements about the recommendations as a whole, oldest first."
    )


def check_agencies(agency_file: AgencyFile, document: YamlDocument) -> list[Finding]:
    """What the schema cannot say of agencies.yaml: each code, name and alias names one agency."""
    findings = []
    seen: set[str] = set()
    for index, agency in enumerate(agency_file.agencies):
        names = [(("code",), agency.code), (("name",), agency.name)]
        names += [(("aliases", position), alias) for position, alias in enumerate(agency.aliases)]
        for key, name in names:
            if name.casefold() in seen:
                line, column = document.source.value(("agencies", index, *key))
                findings.append(
                    Finding(
                        document.path,
                        line,
                        column,
                        "duplicate-name",
                        f"{shown(name)} already names another agency",
                        "each code, name and alias must be unique",
                    )
                )
            seen.add(name.casefold())
    return findings


def check_recommendations(recommendation_file: RecommendationFile, document: YamlDocument) -> list[Finding]:
    """What the schema cannot say of rcoi.yaml: numbered 1, 2, 3... in order, in defined groups."""
    findings = []
    keys = {group.key for group in recommendation_file.groups}
    suggestions = Suggestions(keys)
    for index, entry in enumerate(recommendation_file.recommendations):
        if entry.number != index + 1:
            line, column = document.source.value(("recommendations", index, "number"))
            findings.append(
                Finding(
                    document.path,
                    line,
                    column,
                    "rec-numbering",
                    f"recommendation {entry.number} stands where {index + 1} should",
                    "number the recommendations 1, 2, 3... in order",
                )
            )
            break
    for index, entry in enumerate(recommendation_file.recommendations):
        if entry.group is not None and entry.group not in keys:
            line, column = document.source.value(("recommendations", index, "group"))
            findings.append(
                Finding(document.path, line, column, "unknown-group", f"unknown group {shown(entry.group)}", suggestions.hint(entry.group))
            )
    return findings
