from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TemplateUpdate")


@_attrs_define
class TemplateUpdate:
    """A template's sample is the one thing that changes after publishing (built-ins too): it
    decides who is asked, never what an answer means.

        Attributes:
            sample_percent (int): the share of customers invited
    """

    sample_percent: int

    def to_dict(self) -> dict[str, Any]:
        sample_percent = self.sample_percent

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "sample_percent": sample_percent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sample_percent = d.pop("sample_percent")

        template_update = cls(
            sample_percent=sample_percent,
        )

        return template_update
