from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.assignee_change import AssigneeChange
    from ..models.priority_change import PriorityChange
    from ..models.tags_change import TagsChange
    from ..models.team_change import TeamChange


T = TypeVar("T", bound="TicketChanges")


@_attrs_define
class TicketChanges:
    """What changed, from what to what; null for an attribute that did not change.

    Attributes:
        priority (None | PriorityChange | Unset):
        assignee (AssigneeChange | None | Unset):
        team (None | TeamChange | Unset):
        tags (None | TagsChange | Unset):
    """

    priority: None | PriorityChange | Unset = UNSET
    assignee: AssigneeChange | None | Unset = UNSET
    team: None | TeamChange | Unset = UNSET
    tags: None | TagsChange | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.assignee_change import AssigneeChange  # noqa: PLC0415
        from ..models.priority_change import PriorityChange  # noqa: PLC0415
        from ..models.tags_change import TagsChange  # noqa: PLC0415
        from ..models.team_change import TeamChange  # noqa: PLC0415

        priority: dict[str, Any] | None | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        elif isinstance(self.priority, PriorityChange):
            priority = self.priority.to_dict()
        else:
            priority = self.priority

        assignee: dict[str, Any] | None | Unset
        if isinstance(self.assignee, Unset):
            assignee = UNSET
        elif isinstance(self.assignee, AssigneeChange):
            assignee = self.assignee.to_dict()
        else:
            assignee = self.assignee

        team: dict[str, Any] | None | Unset
        if isinstance(self.team, Unset):
            team = UNSET
        elif isinstance(self.team, TeamChange):
            team = self.team.to_dict()
        else:
            team = self.team

        tags: dict[str, Any] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, TagsChange):
            tags = self.tags.to_dict()
        else:
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if priority is not UNSET:
            field_dict["priority"] = priority
        if assignee is not UNSET:
            field_dict["assignee"] = assignee
        if team is not UNSET:
            field_dict["team"] = team
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.assignee_change import AssigneeChange  # noqa: PLC0415
        from ..models.priority_change import PriorityChange  # noqa: PLC0415
        from ..models.tags_change import TagsChange  # noqa: PLC0415
        from ..models.team_change import TeamChange  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_priority(data: object) -> None | PriorityChange | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                priority_type_0 = PriorityChange.from_dict(data)

                return priority_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PriorityChange | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        def _parse_assignee(data: object) -> AssigneeChange | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                assignee_type_0 = AssigneeChange.from_dict(data)

                return assignee_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AssigneeChange | None | Unset, data)

        assignee = _parse_assignee(d.pop("assignee", UNSET))

        def _parse_team(data: object) -> None | TeamChange | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                team_type_0 = TeamChange.from_dict(data)

                return team_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TeamChange | Unset, data)

        team = _parse_team(d.pop("team", UNSET))

        def _parse_tags(data: object) -> None | TagsChange | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tags_type_0 = TagsChange.from_dict(data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TagsChange | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        ticket_changes = cls(
            priority=priority,
            assignee=assignee,
            team=team,
            tags=tags,
        )

        ticket_changes.additional_properties = d
        return ticket_changes

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
