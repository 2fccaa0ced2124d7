from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TemplateCreateTranslations")


@_attrs_define
class TemplateCreateTranslations:
    """language (BCP 47) -> the name, description and every question's prompt (and option labels, in the same number and
    order) in it. Keys and values stay the template's own, so answers in any language are comparable. A csat question
    keeping the default labels gets them in de, en, es and fr without listing them; a missing or unknown question, a
    wrong number of labels or the template's own language is a 422

    """

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        template_create_translations = cls()

        template_create_translations.additional_properties = d
        return template_create_translations

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
