from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="InvitationCreate")


@_attrs_define
class InvitationCreate:
    """
    Attributes:
        template (str): template slug, e.g. post-purchase or support-csat
        customer_external_ref (str): an existing customer's (else a 422 unknown-reference, as for the order, the ticket
            and the template)
        template_version (int | None | Unset): pin a version; default: the latest
        order_external_ref (None | str | Unset):
        ticket_id (None | Unset | UUID):
        override_fatigue (bool | Unset): invite even if the customer was invited to any survey within
            AFTERCARE_SURVEY_FATIGUE_DAYS (else a 409 customer-recently-invited) Default: False.
        override_sampling (bool | Unset): invite even if the customer is outside the template's sample_percent (else a
            409 customer-not-sampled) Default: False.
    """

    template: str
    customer_external_ref: str
    template_version: int | None | Unset = UNSET
    order_external_ref: None | str | Unset = UNSET
    ticket_id: None | Unset | UUID = UNSET
    override_fatigue: bool | Unset = False
    override_sampling: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        template = self.template

        customer_external_ref = self.customer_external_ref

        template_version: int | None | Unset
        if isinstance(self.template_version, Unset):
            template_version = UNSET
        else:
            template_version = self.template_version

        order_external_ref: None | str | Unset
        if isinstance(self.order_external_ref, Unset):
            order_external_ref = UNSET
        else:
            order_external_ref = self.order_external_ref

        ticket_id: None | str | Unset
        if isinstance(self.ticket_id, Unset):
            ticket_id = UNSET
        elif isinstance(self.ticket_id, UUID):
            ticket_id = str(self.ticket_id)
        else:
            ticket_id = self.ticket_id

        override_fatigue = self.override_fatigue

        override_sampling = self.override_sampling

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "template": template,
                "customer_external_ref": customer_external_ref,
            }
        )
        if template_version is not UNSET:
            field_dict["template_version"] = template_version
        if order_external_ref is not UNSET:
            field_dict["order_external_ref"] = order_external_ref
        if ticket_id is not UNSET:
            field_dict["ticket_id"] = ticket_id
        if override_fatigue is not UNSET:
            field_dict["override_fatigue"] = override_fatigue
        if override_sampling is not UNSET:
            field_dict["override_sampling"] = override_sampling

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        template = d.pop("template")

        customer_external_ref = d.pop("customer_external_ref")

        def _parse_template_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        template_version = _parse_template_version(d.pop("template_version", UNSET))

        def _parse_order_external_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_external_ref = _parse_order_external_ref(
            d.pop("order_external_ref", UNSET)
        )

        def _parse_ticket_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ticket_id_type_0 = UUID(data)

                return ticket_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        ticket_id = _parse_ticket_id(d.pop("ticket_id", UNSET))

        override_fatigue = d.pop("override_fatigue", UNSET)

        override_sampling = d.pop("override_sampling", UNSET)

        invitation_create = cls(
            template=template,
            customer_external_ref=customer_external_ref,
            template_version=template_version,
            order_external_ref=order_external_ref,
            ticket_id=ticket_id,
            override_fatigue=override_fatigue,
            override_sampling=override_sampling,
        )

        return invitation_create
