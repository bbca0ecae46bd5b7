"""Registries: the agencies that lead items and the Royal Commission's recommendations.

Both are data (``data/agencies.yaml`` and ``data/rcoi.yaml``), read and checked like the
programme files; programme files are checked against them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from ctwp.findings import Finding
from ctwp.model import Strict, Text
from ctwp.suggest import did_you_mean
from ctwp.yamlsource import YamlDocument

# The grounds for withholding that the programme cites, in the words of the Official
# Information Act 1982.
OIA_GROUNDS = {
    "s6(a)": "release would be likely to prejudice the security or defence of New Zealand or its international relations",
    "s9(2)(f)(iv)": "to maintain the confidentiality of advice tendered by Ministers and officials",
}


class Agency(Strict):
    code: str = Field(pattern=r"^[A-Z][A-Z0-9]*$")
    name: Text
    aliases: list[Text] = Field(default_factory=list, description="Other names the source uses, such as 'NZ Police'.")
    kind: Literal["agency", "committee", "board", "role", "programme"]
    note: Text | None = None


class AgencyFile(Strict):
    agencies: list[Agency] = Field(min_length=1)


class RecommendationGroup(Strict):
    key: Text = Field(pattern=r"^[a-z]+(-[a-z]+)*$")
    title: Text


class RecommendationEntry(Strict):
    number: int = Field(ge=1)
    group: Text | None = Field(None, description="Absent where the group is not confirmed.")
    subject: Text | None = Field(None, description="Given only where confirmed.")


class RecommendationFile(Strict):
    groups: list[RecommendationGroup] = Field(min_length=1)
    recommendations: list[RecommendationEntry] = Field(min_length=1)


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
                findings.append(Finding(document.path, line, column, "duplicate-name", f"{name!r} already names another agency", "each code, name and alias must be unique"))
            seen.add(name.casefold())
    return findings


def check_recommendations(recommendation_file: RecommendationFile, document: YamlDocument) -> list[Finding]:
    """What the schema cannot say of rcoi.yaml: numbered 1, 2, 3... in order, in defined groups."""
    findings = []
    keys = {group.key for group in recommendation_file.groups}
    for index, entry in enumerate(recommendation_file.recommendations):
        if entry.number != index + 1:
            line, column = document.source.value(("recommendations", index, "number"))
            findings.append(Finding(document.path, line, column, "rec-numbering", f"recommendation {entry.number} stands where {index + 1} should", "number the recommendations 1, 2, 3... in order"))
            break
    for index, entry in enumerate(recommendation_file.recommendations):
        if entry.group is not None and entry.group not in keys:
            line, column = document.source.value(("recommendations", index, "group"))
            findings.append(Finding(document.path, line, column, "unknown-group", f"unknown group {entry.group!r}", did_you_mean(entry.group, keys)))
    return findings


@dataclass(frozen=True)
class Registry:
    agencies: dict[str, Agency]
    recommendations: dict[int, RecommendationEntry]
    recommendation_groups: dict[str, RecommendationGroup]
    agency_names: dict[str, str]  # every code, name and alias, case-folded, to its code

    @classmethod
    def build(cls, agency_file: AgencyFile, recommendation_file: RecommendationFile) -> Registry:
        return cls(
            agencies={agency.code: agency for agency in agency_file.agencies},
            recommendations={entry.number: entry for entry in recommendation_file.recommendations},
            recommendation_groups={group.key: group for group in recommendation_file.groups},
            agency_names={
                name.casefold(): agency.code
                for agency in agency_file.agencies
                for name in (agency.code, agency.name, *agency.aliases)
            },
        )

    def resolve_agency(self, name: str) -> str | None:
        """The code of the agency that ``name`` (a code, full name or alias, any case) names."""
        return self.agency_names.get(" ".join(name.split()).casefold())
