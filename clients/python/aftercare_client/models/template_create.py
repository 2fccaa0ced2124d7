from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.question_spec import QuestionSpec
    from ..models.template_create_translations import TemplateCreateTranslations


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
        sample_percent (int | Unset): the share of eligible customers invited, automatically or through the API; a
            customer's draw depends on the slug and the customer only, so the same customer always gets the same decision,
            in every version Default: 100.
        locale (str | Unset): the language (BCP 47) of name, description and questions Default: 'en'.
        translations (TemplateCreateTranslations | Unset): language (BCP 47) -> the name, description and every
            question's prompt (and option labels, in the same number and order) in it. Keys and values stay the template's
            own, so answers in any language are comparable. A csat question keeping the default labels gets them in de, en,
            es and fr without listing them; a missing or unknown question, a wrong number of labels or the template's own
            language is a 422
    """

    slug: str
    name: str
    questions: list[QuestionSpec]
    description: None | str | Unset = UNSET
    sample_percent: int | Unset = 100
    locale: str | Unset = "en"
    translations: TemplateCreateTranslations | Unset = UNSET

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

        sample_percent = self.sample_percent

        locale = self.locale

        translations: dict[str, Any] | Unset = UNSET
        if not isinstance(self.translations, Unset):
            translations = self.translations.to_dict()

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
        if sample_percent is not UNSET:
            field_dict["sample_percent"] = sample_percent
        if locale is not UNSET:
            field_dict["locale"] = locale
        if translations is not UNSET:
            field_dict["translations"] = translations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.question_spec import QuestionSpec  # noqa: PLC0415
        from ..models.template_create_translations import TemplateCreateTranslations  # noqa: PLC0415

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

        sample_percent = d.pop("sample_percent", UNSET)

        locale = d.pop("locale", UNSET)

        _translations = d.pop("translations", UNSET)
        translations: TemplateCreateTranslations | Unset
        if isinstance(_translations, Unset):
            translations = UNSET
        else:
            translations = TemplateCreateTranslations.from_dict(_translations)

        template_create = cls(
            slug=slug,
            name=name,
            questions=questions,
            description=description,
            sample_percent=sample_percent,
            locale=locale,
            translations=translations,
        )

        return template_create
