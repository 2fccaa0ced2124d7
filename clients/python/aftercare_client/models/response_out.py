from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.answer_out import AnswerOut
    from ..models.template_ref import TemplateRef


T = TypeVar("T", bound="ResponseOut")


@_attrs_define
class ResponseOut:
    """
    Attributes:
        id (UUID):
        invitation_id (UUID):
        template (TemplateRef):
        customer_external_ref (str):
        order_external_ref (None | str):
        ticket_id (None | UUID):
        created_at (datetime.datetime):
        locale (None | str): the language the survey was read in; labels are the template's own
        answers (list[AnswerOut]):
    """

    id: UUID
    invitation_id: UUID
    template: TemplateRef
    customer_external_ref: str
    order_external_ref: None | str
    ticket_id: None | UUID
    created_at: datetime.datetime
    locale: None | str
    answers: list[AnswerOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        invitation_id = str(self.invitation_id)

        template = self.template.to_dict()

        customer_external_ref = self.customer_external_ref

        order_external_ref: None | str
        order_external_ref = self.order_external_ref

        ticket_id: None | str
        if isinstance(self.ticket_id, UUID):
            ticket_id = str(self.ticket_id)
        else:
            ticket_id = self.ticket_id

        created_at = self.created_at.isoformat()

        locale: None | str
        locale = self.locale

        answers = []
        for answers_item_data in self.answers:
            answers_item = answers_item_data.to_dict()
            answers.append(answers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "invitation_id": invitation_id,
                "template": template,
                "customer_external_ref": customer_external_ref,
                "order_external_ref": order_external_ref,
                "ticket_id": ticket_id,
                "created_at": created_at,
                "locale": locale,
                "answers": answers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.answer_out import AnswerOut  # noqa: PLC0415
        from ..models.template_ref import TemplateRef  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        invitation_id = UUID(d.pop("invitation_id"))

        template = TemplateRef.from_dict(d.pop("template"))

        customer_external_ref = d.pop("customer_external_ref")

        def _parse_order_external_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        order_external_ref = _parse_order_external_ref(d.pop("order_external_ref"))

        def _parse_ticket_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ticket_id_type_0 = UUID(data)

                return ticket_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        ticket_id = _parse_ticket_id(d.pop("ticket_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_locale(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        locale = _parse_locale(d.pop("locale"))

        answers = []
        _answers = d.pop("answers")
        for answers_item_data in _answers:
            answers_item = AnswerOut.from_dict(answers_item_data)

            answers.append(answers_item)

        response_out = cls(
            id=id,
            invitation_id=invitation_id,
            template=template,
            customer_external_ref=customer_external_ref,
            order_external_ref=order_external_ref,
            ticket_id=ticket_id,
            created_at=created_at,
            locale=locale,
            answers=answers,
        )

        response_out.additional_properties = d
        return response_out

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
