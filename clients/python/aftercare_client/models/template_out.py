from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.question_spec import QuestionSpec
    from ..models.template_out_translations import TemplateOutTranslations


T = TypeVar("T", bound="TemplateOut")


@_attrs_define
class TemplateOut:
    """
    Attributes:
        id (UUID):
        slug (str):
        version (int):
        name (str):
        description (None | str):
        builtin (bool):
        questions (list[QuestionSpec]):
        locale (str):
        translations (TemplateOutTranslations):
        sample_percent (int):
        created_at (datetime.datetime):
    """

    id: UUID
    slug: str
    version: int
    name: str
    description: None | str
    builtin: bool
    questions: list[QuestionSpec]
    locale: str
    translations: TemplateOutTranslations
    sample_percent: int
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        slug = self.slug

        version = self.version

        name = self.name

        description: None | str
        description = self.description

        builtin = self.builtin

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        locale = self.locale

        translations = self.translations.to_dict()

        sample_percent = self.sample_percent

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "slug": slug,
                "version": version,
                "name": name,
                "description": description,
                "builtin": builtin,
                "questions": questions,
                "locale": locale,
                "translations": translations,
                "sample_percent": sample_percent,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.question_spec import QuestionSpec  # noqa: PLC0415
        from ..models.template_out_translations import TemplateOutTranslations  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        slug = d.pop("slug")

        version = d.pop("version")

        name = d.pop("name")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        builtin = d.pop("builtin")

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = QuestionSpec.from_dict(questions_item_data)

            questions.append(questions_item)

        locale = d.pop("locale")

        translations = TemplateOutTranslations.from_dict(d.pop("translations"))

        sample_percent = d.pop("sample_percent")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        template_out = cls(
            id=id,
            slug=slug,
            version=version,
            name=name,
            description=description,
            builtin=builtin,
            questions=questions,
            locale=locale,
            translations=translations,
            sample_percent=sample_percent,
            created_at=created_at,
        )

        template_out.additional_properties = d
        return template_out

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
