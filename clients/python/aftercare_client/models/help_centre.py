from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.help_centre_category import HelpCentreCategory
    from ..models.public_search_hit import PublicSearchHit


T = TypeVar("T", bound="HelpCentre")


@_attrs_define
class HelpCentre:
    """The published articles of one language, by category (named ones first, by name; titles
    in alphabetical order within); with `q`, the articles matching it instead, best first.

        Attributes:
            language (str): the language subtag the articles are in (de)
            categories (list[HelpCentreCategory]): empty when `q` was given
            truncated (bool): true: the language has more articles than are listed
            query (None | str | Unset): `q`, when given (not blank)
            results (list[PublicSearchHit] | None | Unset): with `q`: the best matches, best first (at most 20)
    """

    language: str
    categories: list[HelpCentreCategory]
    truncated: bool
    query: None | str | Unset = UNSET
    results: list[PublicSearchHit] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        language = self.language

        categories = []
        for categories_item_data in self.categories:
            categories_item = categories_item_data.to_dict()
            categories.append(categories_item)

        truncated = self.truncated

        query: None | str | Unset
        if isinstance(self.query, Unset):
            query = UNSET
        else:
            query = self.query

        results: list[dict[str, Any]] | None | Unset
        if isinstance(self.results, Unset):
            results = UNSET
        elif isinstance(self.results, list):
            results = []
            for results_type_0_item_data in self.results:
                results_type_0_item = results_type_0_item_data.to_dict()
                results.append(results_type_0_item)

        else:
            results = self.results

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "language": language,
                "categories": categories,
                "truncated": truncated,
            }
        )
        if query is not UNSET:
            field_dict["query"] = query
        if results is not UNSET:
            field_dict["results"] = results

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.help_centre_category import HelpCentreCategory  # noqa: PLC0415
        from ..models.public_search_hit import PublicSearchHit  # noqa: PLC0415

        d = dict(src_dict)
        language = d.pop("language")

        categories = []
        _categories = d.pop("categories")
        for categories_item_data in _categories:
            categories_item = HelpCentreCategory.from_dict(categories_item_data)

            categories.append(categories_item)

        truncated = d.pop("truncated")

        def _parse_query(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        query = _parse_query(d.pop("query", UNSET))

        def _parse_results(data: object) -> list[PublicSearchHit] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                results_type_0 = []
                _results_type_0 = data
                for results_type_0_item_data in _results_type_0:
                    results_type_0_item = PublicSearchHit.from_dict(
                        results_type_0_item_data
                    )

                    results_type_0.append(results_type_0_item)

                return results_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PublicSearchHit] | None | Unset, data)

        results = _parse_results(d.pop("results", UNSET))

        help_centre = cls(
            language=language,
            categories=categories,
            truncated=truncated,
            query=query,
            results=results,
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
