from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.template_translation_questions import TemplateTranslationQuestions


T = TypeVar("T", bound="TemplateTranslation")


@_attrs_define
class TemplateTranslation:
    """A template's texts in one language; every question of the template, by key.

    Attributes:
        name (str):
        questions (TemplateTranslationQuestions): question key -> its prompt (and option labels); the template's keys,
            all of them and no other
        description (None | str | Unset):
    """

    name: str
    questions: TemplateTranslationQuestions
    description: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        questions = self.questions.to_dict()

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "questions": questions,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.template_translation_questions import TemplateTranslationQuestions  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        questions = TemplateTranslationQuestions.from_dict(d.pop("questions"))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        template_translation = cls(
            name=name,
            questions=questions,
            description=description,
        )

        return template_translation
