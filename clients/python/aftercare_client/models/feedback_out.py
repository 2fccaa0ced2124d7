from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.expectation_area import ExpectationArea
from ..models.feedback_source import FeedbackSource
from ..models.feedback_status import FeedbackStatus
from ..models.sentiment import Sentiment

T = TypeVar("T", bound="FeedbackOut")


@_attrs_define
class FeedbackOut:
    """
    Attributes:
        id (UUID):
        source (FeedbackSource):
        status (FeedbackStatus): new -> acknowledged -> actioned -> closed, one step at a time.
        text (str):
        rating (int | None):
        sentiment (None | Sentiment):
        area (ExpectationArea | None):
        customer_external_ref (None | str):
        order_external_ref (None | str):
        ticket_id (None | UUID):
        survey_response_id (None | UUID):
        action_taken (None | str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        acknowledged_at (datetime.datetime | None):
        actioned_at (datetime.datetime | None):
        closed_at (datetime.datetime | None):
    """

    id: UUID
    source: FeedbackSource
    status: FeedbackStatus
    text: str
    rating: int | None
    sentiment: None | Sentiment
    area: ExpectationArea | None
    customer_external_ref: None | str
    order_external_ref: None | str
    ticket_id: None | UUID
    survey_response_id: None | UUID
    action_taken: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    acknowledged_at: datetime.datetime | None
    actioned_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        source = self.source.value

        status = self.status.value

        text = self.text

        rating: int | None
        rating = self.rating

        sentiment: None | str
        if isinstance(self.sentiment, Sentiment):
            sentiment = self.sentiment.value
        else:
            sentiment = self.sentiment

        area: None | str
        if isinstance(self.area, ExpectationArea):
            area = self.area.value
        else:
            area = self.area

        customer_external_ref: None | str
        customer_external_ref = self.customer_external_ref

        order_external_ref: None | str
        order_external_ref = self.order_external_ref

        ticket_id: None | str
        if isinstance(self.ticket_id, UUID):
            ticket_id = str(self.ticket_id)
        else:
            ticket_id = self.ticket_id

        survey_response_id: None | str
        if isinstance(self.survey_response_id, UUID):
            survey_response_id = str(self.survey_response_id)
        else:
            survey_response_id = self.survey_response_id

        action_taken: None | str
        action_taken = self.action_taken

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        acknowledged_at: None | str
        if isinstance(self.acknowledged_at, datetime.datetime):
            acknowledged_at = self.acknowledged_at.isoformat()
        else:
            acknowledged_at = self.acknowledged_at

        actioned_at: None | str
        if isinstance(self.actioned_at, datetime.datetime):
            actioned_at = self.actioned_at.isoformat()
        else:
            actioned_at = self.actioned_at

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "source": source,
                "status": status,
                "text": text,
                "rating": rating,
                "sentiment": sentiment,
                "area": area,
                "customer_external_ref": customer_external_ref,
                "order_external_ref": order_external_ref,
                "ticket_id": ticket_id,
                "survey_response_id": survey_response_id,
                "action_taken": action_taken,
                "created_at": created_at,
                "updated_at": updated_at,
                "acknowledged_at": acknowledged_at,
                "actioned_at": actioned_at,
                "closed_at": closed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        source = FeedbackSource(d.pop("source"))

        status = FeedbackStatus(d.pop("status"))

        text = d.pop("text")

        def _parse_rating(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rating = _parse_rating(d.pop("rating"))

        def _parse_sentiment(data: object) -> None | Sentiment:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sentiment_type_0 = Sentiment(data)

                return sentiment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Sentiment, data)

        sentiment = _parse_sentiment(d.pop("sentiment"))

        def _parse_area(data: object) -> ExpectationArea | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                area_type_0 = ExpectationArea(data)

                return area_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExpectationArea | None, data)

        area = _parse_area(d.pop("area"))

        def _parse_customer_external_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        customer_external_ref = _parse_customer_external_ref(
            d.pop("customer_external_ref")
        )

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

        def _parse_survey_response_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                survey_response_id_type_0 = UUID(data)

                return survey_response_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        survey_response_id = _parse_survey_response_id(d.pop("survey_response_id"))

        def _parse_action_taken(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        action_taken = _parse_action_taken(d.pop("action_taken"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_acknowledged_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                acknowledged_at_type_0 = datetime.datetime.fromisoformat(data)

                return acknowledged_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        acknowledged_at = _parse_acknowledged_at(d.pop("acknowledged_at"))

        def _parse_actioned_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                actioned_at_type_0 = datetime.datetime.fromisoformat(data)

                return actioned_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        actioned_at = _parse_actioned_at(d.pop("actioned_at"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        feedback_out = cls(
            id=id,
            source=source,
            status=status,
            text=text,
            rating=rating,
            sentiment=sentiment,
            area=area,
            customer_external_ref=customer_external_ref,
            order_external_ref=order_external_ref,
            ticket_id=ticket_id,
            survey_response_id=survey_response_id,
            action_taken=action_taken,
            created_at=created_at,
            updated_at=updated_at,
            acknowledged_at=acknowledged_at,
            actioned_at=actioned_at,
            closed_at=closed_at,
        )

        feedback_out.additional_properties = d
        return feedback_out

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
