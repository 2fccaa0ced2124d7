from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ticket_status import TicketStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_notice import OrderNotice
    from ..models.public_message import PublicMessage
    from ..models.public_promise import PublicPromise


T = TypeVar("T", bound="TicketStatusView")


@_attrs_define
class TicketStatusView:
    """A ticket as its customer sees it: no internal notes, no internal fields.

    Attributes:
        number (int):
        subject (str):
        status (TicketStatus):
        status_text (str): the status in plain words, in the customer's language
        summary (str): what the customer can expect now, in one or two sentences
        on_track (bool | None): false when a promise was broken and not yet kept; null when nothing is owed
        promises (list[PublicPromise]):
        messages (list[PublicMessage]): the public conversation, oldest first
        can_reply (bool): false once the ticket is closed
        locale (str): the language of the texts (BCP 47)
        time_zone (str): the IANA time zone the times are written in
        created_at (datetime.datetime):
        notices (list[OrderNotice] | Unset): update notices in effect for the ticket's order (knowledge-base articles)
    """

    number: int
    subject: str
    status: TicketStatus
    status_text: str
    summary: str
    on_track: bool | None
    promises: list[PublicPromise]
    messages: list[PublicMessage]
    can_reply: bool
    locale: str
    time_zone: str
    created_at: datetime.datetime
    notices: list[OrderNotice] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number = self.number

        subject = self.subject

        status = self.status.value

        status_text = self.status_text

        summary = self.summary

        on_track: bool | None
        on_track = self.on_track

        promises = []
        for promises_item_data in self.promises:
            promises_item = promises_item_data.to_dict()
            promises.append(promises_item)

        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()
            messages.append(messages_item)

        can_reply = self.can_reply

        locale = self.locale

        time_zone = self.time_zone

        created_at = self.created_at.isoformat()

        notices: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.notices, Unset):
            notices = []
            for notices_item_data in self.notices:
                notices_item = notices_item_data.to_dict()
                notices.append(notices_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "number": number,
                "subject": subject,
                "status": status,
                "status_text": status_text,
                "summary": summary,
                "on_track": on_track,
                "promises": promises,
                "messages": messages,
                "can_reply": can_reply,
                "locale": locale,
                "time_zone": time_zone,
                "created_at": created_at,
            }
        )
        if notices is not UNSET:
            field_dict["notices"] = notices

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order_notice import OrderNotice  # noqa: PLC0415
        from ..models.public_message import PublicMessage  # noqa: PLC0415
        from ..models.public_promise import PublicPromise  # noqa: PLC0415

        d = dict(src_dict)
        number = d.pop("number")

        subject = d.pop("subject")

        status = TicketStatus(d.pop("status"))

        status_text = d.pop("status_text")

        summary = d.pop("summary")

        def _parse_on_track(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        on_track = _parse_on_track(d.pop("on_track"))

        promises = []
        _promises = d.pop("promises")
        for promises_item_data in _promises:
            promises_item = PublicPromise.from_dict(promises_item_data)

            promises.append(promises_item)

        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = PublicMessage.from_dict(messages_item_data)

            messages.append(messages_item)

        can_reply = d.pop("can_reply")

        locale = d.pop("locale")

        time_zone = d.pop("time_zone")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _notices = d.pop("notices", UNSET)
        notices: list[OrderNotice] | Unset = UNSET
        if _notices is not UNSET:
            notices = []
            for notices_item_data in _notices:
                notices_item = OrderNotice.from_dict(notices_item_data)

                notices.append(notices_item)

        ticket_status_view = cls(
            number=number,
            subject=subject,
            status=status,
            status_text=status_text,
            summary=summary,
            on_track=on_track,
            promises=promises,
            messages=messages,
            can_reply=can_reply,
            locale=locale,
            time_zone=time_zone,
            created_at=created_at,
            notices=notices,
        )

        ticket_status_view.additional_properties = d
        return ticket_status_view

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
