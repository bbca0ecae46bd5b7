"""Registries: the agencies that lead items and the Royal Commission's recommendations.

Both are data (``data/agencies.yaml`` and ``data/rcoi.yaml``), read and checked like the
programme files; programme files are checked against them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field, model_validator

from ctwp.model import Strict, Text, rule_error


class Agency(Strict):
    code: str = Field(pattern=r"^[A-Z][A-Z0-9]*$")
    name: Text
    aliases: list[Text] = Field(default_factory=list, description="Other names the source uses, such as 'NZ Police'.")
    kind: Literal["agency", "committee", "board", "role", "programme"]
    note: Text | None = None


class AgencyFile(Strict):
    agencies: list[Agency] = Field(min_length=1)

    @model_validator(mode="after")
    def _names_are_unique(self) -> AgencyFile:
        seen: set[str] = set()
        for agency in self.agencies:
            for name in (agency.code, agency.name, *agency.aliases):
                if name.casefold() in seen:
                    raise rule_error("duplicate-name", f"{name!r} names two agencies", "each code, name and alias must be unique")
                seen.add(name.casefold())
        return self


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

    @model_validator(mode="after")
    def _consistent(self) -> RecommendationFile:
        keys = {group.key for group in self.groups}
        numbers = [entry.number for entry in self.recommendations]
        if numbers != list(range(1, len(numbers) + 1)):
            raise rule_error("rec-numbering", "recommendations must be numbered 1, 2, 3... in order", None)
        for entry in self.recommendations:
            if entry.group is not None and entry.group not in keys:
                raise rule_error("unknown-group", f"recommendation {entry.number} names an unknown group {entry.group!r}", None)
        return self


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
