from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.promise import Promise


T = TypeVar("T", bound="Acknowledgement")


@_attrs_define
class Acknowledgement:
    """What a new ticket's customer can be told at once, ready to send.

    Attributes:
        policy_name (None | str): null: no policy applies, nothing is promised
        first_response (None | Promise):
        resolution (None | Promise):
        locale (str): the language of `sentence` (BCP 47)
        time_zone (str): the IANA time zone `sentence` writes times in
        sentence (str): the promise in the customer's language and time zone, e.g. "We'll reply by Tuesday, December 1,
            10:00 AM."
    """

    policy_name: None | str
    first_response: None | Promise
    resolution: None | Promise
    locale: str
    time_zone: str
    sentence: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.promise import Promise  # noqa: PLC0415

        policy_name: None | str
        policy_name = self.policy_name

        first_response: dict[str, Any] | None
        if isinstance(self.first_response, Promise):
            first_response = self.first_response.to_dict()
        else:
            first_response = self.first_response

        resolution: dict[str, Any] | None
        if isinstance(self.resolution, Promise):
            resolution = self.resolution.to_dict()
        else:
            resolution = self.resolution

        locale = self.locale

        time_zone = self.time_zone

        sentence = self.sentence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "policy_name": policy_name,
                "first_response": first_response,
                "resolution": resolution,
                "locale": locale,
                "time_zone": time_zone,
                "sentence": sentence,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.promise import Promise  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_policy_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        policy_name = _parse_policy_name(d.pop("policy_name"))

        def _parse_first_response(data: object) -> None | Promise:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                first_response_type_0 = Promise.from_dict(data)

                return first_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Promise, data)

        first_response = _parse_first_response(d.pop("first_response"))

        def _parse_resolution(data: object) -> None | Promise:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resolution_type_0 = Promise.from_dict(data)

                return resolution_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Promise, data)

        resolution = _parse_resolution(d.pop("resolution"))

        locale = d.pop("locale")

        time_zone = d.pop("time_zone")

        sentence = d.pop("sentence")

        acknowledgement = cls(
            policy_name=policy_name,
            first_response=first_response,
            resolution=resolution,
            locale=locale,
            time_zone=time_zone,
            sentence=sentence,
        )

        acknowledgement.additional_properties = d
        return acknowledgement

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
