from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AppliesTo")


@_attrs_define
class AppliesTo:
    """What the article is about: the shop's product references and order service levels
    (`express`, ...; orders carry no other type). Empty lists: it applies to everything.

        Attributes:
            products (list[str] | Unset):
            service_levels (list[str] | Unset):
    """

    products: list[str] | Unset = UNSET
    service_levels: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        products: list[str] | Unset = UNSET
        if not isinstance(self.products, Unset):
            products = self.products

        service_levels: list[str] | Unset = UNSET
        if not isinstance(self.service_levels, Unset):
            service_levels = self.service_levels

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if products is not UNSET:
            field_dict["products"] = products
        if service_levels is not UNSET:
            field_dict["service_levels"] = service_levels

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        products = cast(list[str], d.pop("products", UNSET))

        service_levels = cast(list[str], d.pop("service_levels", UNSET))

        applies_to = cls(
            products=products,
            service_levels=service_levels,
        )

        return applies_to
