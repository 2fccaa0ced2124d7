from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Notice")


@_attrs_define
class Notice:
    """Show the article as an update notice to the customers of these orders or of orders of
    these products, from `starts_at` until `ends_at`.

        Attributes:
            starts_at (datetime.datetime):
            ends_at (datetime.datetime): after starts_at
            order_refs (list[str] | Unset): orders by the shop's external_ref
            products (list[str] | Unset): the shop's product references
    """

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    order_refs: list[str] | Unset = UNSET
    products: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        starts_at = self.starts_at.isoformat()

        ends_at = self.ends_at.isoformat()

        order_refs: list[str] | Unset = UNSET
        if not isinstance(self.order_refs, Unset):
            order_refs = self.order_refs

        products: list[str] | Unset = UNSET
        if not isinstance(self.products, Unset):
            products = self.products

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "starts_at": starts_at,
                "ends_at": ends_at,
            }
        )
        if order_refs is not UNSET:
            field_dict["order_refs"] = order_refs
        if products is not UNSET:
            field_dict["products"] = products

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        order_refs = cast(list[str], d.pop("order_refs", UNSET))

        products = cast(list[str], d.pop("products", UNSET))

        notice = cls(
            starts_at=starts_at,
            ends_at=ends_at,
            order_refs=order_refs,
            products=products,
        )

        return notice
