from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.invitation_out import InvitationOut
    from ..models.invited_customer import InvitedCustomer


T = TypeVar("T", bound="SurveyReminderDueData")


@_attrs_define
class SurveyReminderDueData:
    """An invitation is still unanswered SURVEY_REMINDER_AFTER_DAYS after it was made (recorded
    once, never after an answer or expiry): the shop's mailer sends the reminder. `public_url`
    is a link of its own (the first link's token is not stored); both answer the survey.

        Attributes:
            invitation (InvitationOut):
            public_url (str):
            customer (InvitedCustomer):
    """

    invitation: InvitationOut
    public_url: str
    customer: InvitedCustomer
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        invitation = self.invitation.to_dict()

        public_url = self.public_url

        customer = self.customer.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "invitation": invitation,
                "public_url": public_url,
                "customer": customer,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.invitation_out import InvitationOut  # noqa: PLC0415
        from ..models.invited_customer import InvitedCustomer  # noqa: PLC0415

        d = dict(src_dict)
        invitation = InvitationOut.from_dict(d.pop("invitation"))

        public_url = d.pop("public_url")

        customer = InvitedCustomer.from_dict(d.pop("customer"))

        survey_reminder_due_data = cls(
            invitation=invitation,
            public_url=public_url,
            customer=customer,
        )

        survey_reminder_due_data.additional_properties = d
        return survey_reminder_due_data

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
