from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.public_question import PublicQuestion


T = TypeVar("T", bound="PublicSurvey")


@_attrs_define
class PublicSurvey:
    """
    Attributes:
        locale (str): the language of these texts: `lang`, else the first of Accept-Language the survey speaks, else the
            template's own
        locales (list[str]): every language the survey speaks, its own first
        name (str):
        description (None | str):
        questions (list[PublicQuestion]):
        expires_at (datetime.datetime):
    """

    locale: str
    locales: list[str]
    name: str
    description: None | str
    questions: list[PublicQuestion]
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        locale = self.locale

        locales = self.locales

        name = self.name

        description: None | str
        description = self.description

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "locale": locale,
                "locales": locales,
                "name": name,
                "description": description,
                "questions": questions,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_question import PublicQuestion  # noqa: PLC0415

        d = dict(src_dict)
        locale = d.pop("locale")

        locales = cast(list[str], d.pop("locales"))

        name = d.pop("name")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = PublicQuestion.from_dict(questions_item_data)

            questions.append(questions_item)

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        public_survey = cls(
            locale=locale,
            locales=locales,
            name=name,
            description=description,
            questions=questions,
            expires_at=expires_at,
        )

        public_survey.additional_properties = d
        return public_survey

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
