from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.help_centre_category import HelpCentreCategory


T = TypeVar("T", bound="HelpCentre")


@_attrs_define
class HelpCentre:
    """The published articles of one language, by category (named ones first, by name; titles
    in alphabetical order within).

        Attributes:
            language (str): the language subtag the articles are in (de)
            categories (list[HelpCentreCategory]):
            truncated (bool): true: the language has more articles than are listed
    """

    language: str
    categories: list[HelpCentreCategory]
    truncated: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        language = self.language

        categories = []
        for categories_item_data in self.categories:
            categories_item = categories_item_data.to_dict()
            categories.append(categories_item)

        truncated = self.truncated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "language": language,
                "categories": categories,
                "truncated": truncated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.help_centre_category import HelpCentreCategory  # noqa: PLC0415

        d = dict(src_dict)
        language = d.pop("language")

        categories = []
        _categories = d.pop("categories")
        for categories_item_data in _categories:
            categories_item = HelpCentreCategory.from_dict(categories_item_data)

            categories.append(categories_item)

        truncated = d.pop("truncated")

        help_centre = cls(
            language=language,
            categories=categories,
            truncated=truncated,
        )

        help_centre.additional_properties = d
        return help_centre

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
