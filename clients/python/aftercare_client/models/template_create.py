from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.question_spec import QuestionSpec


T = TypeVar("T", bound="TemplateCreate")


@_attrs_define
class TemplateCreate:
    """Publishing a slug that exists adds its next version; earlier versions never change.

    Attributes:
        slug (str):
        name (str):
        questions (list[QuestionSpec]): keys are unique; options only on the types that take them, in the number the
            type takes and distinct; max_length only on text questions; counts_as only on a question of the type its metric
            needs (else a 422)
        description (None | str | Unset):
    """

    slug: str
    name: str
    questions: list[QuestionSpec]
    description: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        slug = self.slug

        name = self.name

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "slug": slug,
                "name": name,
                "questions": questions,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.question_spec import QuestionSpec  # noqa: PLC0415

        d = dict(src_dict)
        slug = d.pop("slug")

        name = d.pop("name")

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = QuestionSpec.from_dict(questions_item_data)

            questions.append(questions_item)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        template_create = cls(
            slug=slug,
            name=name,
            questions=questions,
            description=description,
        )

        return template_create
