from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.channel import Channel
from ..models.priority import Priority
from ..models.tier import Tier
from ..types import UNSET, Unset

T = TypeVar("T", bound="Conditions")


@_attrs_define
class Conditions:
    """All given lists must match (an empty list matches anything); tags match any of them.

    Attributes:
        priorities (list[Priority] | Unset):
        channels (list[Channel] | Unset):
        tiers (list[Tier] | Unset):
        tags (list[str] | Unset):
    """

    priorities: list[Priority] | Unset = UNSET
    channels: list[Channel] | Unset = UNSET
    tiers: list[Tier] | Unset = UNSET
    tags: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        priorities: list[str] | Unset = UNSET
        if not isinstance(self.priorities, Unset):
            priorities = []
            for priorities_item_data in self.priorities:
                priorities_item = priorities_item_data.value
                priorities.append(priorities_item)

        channels: list[str] | Unset = UNSET
        if not isinstance(self.channels, Unset):
            channels = []
            for channels_item_data in self.channels:
                channels_item = channels_item_data.value
                channels.append(channels_item)

        tiers: list[int] | Unset = UNSET
        if not isinstance(self.tiers, Unset):
            tiers = []
            for tiers_item_data in self.tiers:
                tiers_item = tiers_item_data.value
                tiers.append(tiers_item)

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if priorities is not UNSET:
            field_dict["priorities"] = priorities
        if channels is not UNSET:
            field_dict["channels"] = channels
        if tiers is not UNSET:
            field_dict["tiers"] = tiers
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _priorities = d.pop("priorities", UNSET)
        priorities: list[Priority] | Unset = UNSET
        if _priorities is not UNSET:
            priorities = []
            for priorities_item_data in _priorities:
                priorities_item = Priority(priorities_item_data)

                priorities.append(priorities_item)

        _channels = d.pop("channels", UNSET)
        channels: list[Channel] | Unset = UNSET
        if _channels is not UNSET:
            channels = []
            for channels_item_data in _channels:
                channels_item = Channel(channels_item_data)

                channels.append(channels_item)

        _tiers = d.pop("tiers", UNSET)
        tiers: list[Tier] | Unset = UNSET
        if _tiers is not UNSET:
            tiers = []
            for tiers_item_data in _tiers:
                tiers_item = Tier(tiers_item_data)

                tiers.append(tiers_item)

        tags = cast(list[str], d.pop("tags", UNSET))

        conditions = cls(
            priorities=priorities,
            channels=channels,
            tiers=tiers,
            tags=tags,
        )

        return conditions
