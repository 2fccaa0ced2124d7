from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.expectation_area import ExpectationArea
from ..models.feedback_source import FeedbackSource
from ..models.sentiment import Sentiment
from ..types import UNSET, Unset

T = TypeVar("T", bound="FeedbackCreate")


@_attrs_define
class FeedbackCreate:
    """
    Attributes:
        source (FeedbackSource):
        text (str):
        rating (int | None | Unset): 1 (worst) to 5 (best)
        sentiment (None | Sentiment | Unset): given, or derived from the rating (4-5 positive, 3 neutral)
        area (ExpectationArea | None | Unset): the expectation concerned
        customer_external_ref (None | str | Unset): an existing customer's (else a 422 unknown-reference, as for the
            order and the ticket)
        order_external_ref (None | str | Unset):
        ticket_id (None | Unset | UUID):
    """

    source: FeedbackSource
    text: str
    rating: int | None | Unset = UNSET
    sentiment: None | Sentiment | Unset = UNSET
    area: ExpectationArea | None | Unset = UNSET
    customer_external_ref: None | str | Unset = UNSET
    order_external_ref: None | str | Unset = UNSET
    ticket_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        source = self.source.value

        text = self.text

        rating: int | None | Unset
        if isinstance(self.rating, Unset):
            rating = UNSET
        else:
            rating = self.rating

        sentiment: None | str | Unset
        if isinstance(self.sentiment, Unset):
            sentiment = UNSET
        elif isinstance(self.sentiment, Sentiment):
            sentiment = self.sentiment.value
        else:
            sentiment = self.sentiment

        area: None | str | Unset
        if isinstance(self.area, Unset):
            area = UNSET
        elif isinstance(self.area, ExpectationArea):
            area = self.area.value
        else:
            area = self.area

        customer_external_ref: None | str | Unset
        if isinstance(self.customer_external_ref, Unset):
            customer_external_ref = UNSET
        else:
            customer_external_ref = self.customer_external_ref

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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "source": source,
                "text": text,
            }
        )
        if rating is not UNSET:
            field_dict["rating"] = rating
        if sentiment is not UNSET:
            field_dict["sentiment"] = sentiment
        if area is not UNSET:
            field_dict["area"] = area
        if customer_external_ref is not UNSET:
            field_dict["customer_external_ref"] = customer_external_ref
        if order_external_ref is not UNSET:
            field_dict["order_external_ref"] = order_external_ref
        if ticket_id is not UNSET:
            field_dict["ticket_id"] = ticket_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source = FeedbackSource(d.pop("source"))

        text = d.pop("text")

        def _parse_rating(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rating = _parse_rating(d.pop("rating", UNSET))

        def _parse_sentiment(data: object) -> None | Sentiment | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sentiment_type_0 = Sentiment(data)

                return sentiment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Sentiment | Unset, data)

        sentiment = _parse_sentiment(d.pop("sentiment", UNSET))

        def _parse_area(data: object) -> ExpectationArea | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                area_type_0 = ExpectationArea(data)

                return area_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExpectationArea | None | Unset, data)

        area = _parse_area(d.pop("area", UNSET))

        def _parse_customer_external_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer_external_ref = _parse_customer_external_ref(
            d.pop("customer_external_ref", UNSET)
        )

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

        feedback_create = cls(
            source=source,
            text=text,
            rating=rating,
            sentiment=sentiment,
            area=area,
            customer_external_ref=customer_external_ref,
            order_external_ref=order_external_ref,
            ticket_id=ticket_id,
        )

        return feedback_create
