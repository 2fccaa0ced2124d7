from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.figure import Figure


T = TypeVar("T", bound="FcrComparison")


@_attrs_define
class FcrComparison:
    """
    Attributes:
        with_cited_article (Figure): A percentage (or score) with what it was computed from; value null when nothing was
            measured (denominator 0).
        without_cited_article (Figure): A percentage (or score) with what it was computed from; value null when nothing
            was
            measured (denominator 0).
        difference_points (float | None): with minus without, in percentage points; null when either has no tickets
    """

    with_cited_article: Figure
    without_cited_article: Figure
    difference_points: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        with_cited_article = self.with_cited_article.to_dict()

        without_cited_article = self.without_cited_article.to_dict()

        difference_points: float | None
        difference_points = self.difference_points

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "with_cited_article": with_cited_article,
                "without_cited_article": without_cited_article,
                "difference_points": difference_points,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.figure import Figure  # noqa: PLC0415

        d = dict(src_dict)
        with_cited_article = Figure.from_dict(d.pop("with_cited_article"))

        without_cited_article = Figure.from_dict(d.pop("without_cited_article"))

        def _parse_difference_points(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        difference_points = _parse_difference_points(d.pop("difference_points"))

        fcr_comparison = cls(
            with_cited_article=with_cited_article,
            without_cited_article=without_cited_article,
            difference_points=difference_points,
        )

        fcr_comparison.additional_properties = d
        return fcr_comparison

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
