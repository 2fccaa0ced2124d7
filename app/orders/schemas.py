import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)

from app.customers.schemas import CustomerRef, CustomerSummary
from app.events.types import EventData, EventType
from app.kit.enums import NamedEnum
from app.kit.inputs import Input, Omittable, Timestamp
from app.metrics.schemas import Figure
from app.orders.estimates import Level
from app.orders.lifecycle import before_placed_error, delivered_at_error
from app.orders.types import OrderStatus

# An amount is a JSON number or a string of plain digits with at most two decimals: Decimal alone
# would also read "1_000", " 5 " or "1e3".
AMOUNT_PATTERN = r"^[0-9]{1,12}(\.[0-9]{1,2})?$"
AMOUNT_MAXIMUM = Decimal("999999999999.99")


def _plain_decimal_text(value: object) -> object:
    if isinstance(value, str) and not re.fullmatch(AMOUNT_PATTERN, value):
        raise ValueError("must be digits with at most two decimals, e.g. 49.90")
    return value


Amount = Annotated[
    Decimal,
    BeforeValidator(_plain_decimal_text),
    Field(ge=0, le=AMOUNT_MAXIMUM, max_digits=14, decimal_places=2),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": float(AMOUNT_MAXIMUM)},
                {"type": "string", "pattern": AMOUNT_PATTERN},
            ],
            "description": "at most two decimals (more is a 422), as a number or a string",
        }
    ),
]


IDENTIFIER_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,63}$"
Identifier = Annotated[
    str, Field(pattern=IDENTIFIER_PATTERN, description="a short lowercase identifier, e.g. dhl")
]
CountryCode = Annotated[
    str,
    Field(
        pattern=r"^[A-Z]{2}$",
        description="ISO 3166-1 alpha-2 code, e.g. DE; an unassigned code is a 422",
    ),
]
REGION_PATTERN = r"^[A-Z0-9][A-Z0-9 -]{0,15}$"
Region = Annotated[
    str, Field(pattern=REGION_PATTERN, description="region or postcode prefix, e.g. 75")
]
TrackingNumber = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^\S(.*\S)?$")]
TrackingUrl = Annotated[str, Field(max_length=2048, pattern=r"^https?://\S+$")]


class ShippingFacts(Input):
    """What a delivery promise depends on. `shipped_at` belongs to a shipped, delivered or
    returned order; `delivered_at` is not before it; a cancelled order takes no shipment facts
    (README, Orders)."""

    carrier: Identifier | None = None
    service_level: Identifier | None = Field(
        default=None, description="the carrier's service, e.g. standard or express"
    )
    destination_country: CountryCode | None = None
    destination_region: Region | None = None
    shipped_at: Timestamp | None = Field(
        default=None,
        description="when the parcel left; not before placed_at, and only for a shipped,"
        " delivered or returned order (else a 422)",
    )
    tracking_number: TrackingNumber | None = None
    tracking_url: TrackingUrl | None = None


class OrderUpsert(ShippingFacts):
    customer: CustomerRef
    status: Annotated[OrderStatus, NamedEnum()] = OrderStatus.PLACED
    placed_at: Timestamp
    amount: Amount
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. EUR")
    promised_delivery_at: Timestamp | None = Field(
        default=None,
        description="the delivery date promised to the customer; not before placed_at (else a 422)",
    )
    delivered_at: Timestamp | None = Field(
        default=None,
        validate_default=True,
        description="not before placed_at; given exactly when status is delivered or returned"
        " (else a 422)",
    )

    @field_validator("promised_delivery_at", "delivered_at")
    @classmethod
    def _not_before_placed(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        placed_at = info.data.get("placed_at")
        assert info.field_name is not None
        if placed_at is not None and (
            error := before_placed_error(info.field_name, value, placed_at)
        ):
            raise ValueError(error)
        return value

    @field_validator("delivered_at")
    @classmethod
    def _delivered_at_matches_status(
        cls, value: datetime | None, info: ValidationInfo
    ) -> datetime | None:
        status = info.data.get("status")
        if status is not None and (error := delivered_at_error(status, value)):
            raise ValueError(error)
        return value


class OrderUpdate(ShippingFacts):
    """Only the fields sent change; the order as it then stands must make sense (a delivered
    order has delivered_at, ...) and its status may only move forward (README, Orders)."""

    status: Omittable[Annotated[OrderStatus, NamedEnum()]] = None
    promised_delivery_at: Timestamp | None = Field(
        default=None, description="null withdraws the promise"
    )
    delivered_at: Timestamp | None = None


class OrderSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    external_ref: str


class OrderOut(OrderSummary):
    customer: CustomerSummary
    status: Annotated[OrderStatus, NamedEnum()]
    placed_at: datetime
    amount: Decimal
    currency: str
    promised_delivery_at: datetime | None
    carrier: str | None
    service_level: str | None
    destination_country: str | None
    destination_region: str | None
    shipped_at: datetime | None
    tracking_number: str | None
    tracking_url: str | None
    delivered_at: datetime | None
    overdue_notified_at: datetime | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class OrderFilters:
    customer_external_ref: str | None = None
    placed_from: datetime | None = None
    placed_to: datetime | None = None
    delivered: bool | None = None
    overdue_at: datetime | None = None  # overdue as of this moment
    not_overdue_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class EstimateQuery:
    carrier: str | None
    service_level: str | None
    destination: str | None
    confidence: float
    ship_at: datetime | None
    destination_region: str | None = None


class TransitQuantiles(BaseModel):
    """Observed transit times (shipped to delivered) in seconds of the carrier's shipping
    calendar: an observed time is a quantile, never an interpolation."""

    sample_size: int
    min_seconds: float | None
    p50_seconds: float | None
    p90_seconds: float | None
    p95_seconds: float | None
    max_seconds: float | None


class DeliveryEstimate(BaseModel):
    carrier: str | None
    service_level: str | None
    destination: str | None
    destination_region: str | None
    confidence: float
    ship_at: datetime = Field(description="the shipment the estimate is for (now when not sent)")
    level: Annotated[Level, NamedEnum()] | None = Field(
        default=None,
        description="the comparison that answered, along"
        " carrier+service_level+destination+region, carrier+service_level+destination,"
        " carrier+service_level, carrier, all; null with no history",
    )
    sample_size: int = Field(default=0, description="comparable deliveries at that level")
    min_sample: int = Field(description="deliveries a level needs to answer before falling back")
    transit: TransitQuantiles | None = None
    promise_seconds: float | None = Field(
        default=None,
        description="the confidence-quantile of the transit times: the promise that share of"
        " comparable deliveries kept",
    )
    latest_delivery_at: datetime | None = Field(
        default=None, description="ship_at plus the promise, in the carrier's calendar"
    )
    business_days: bool = Field(
        description="true when days are the working days of the carrier's shipping calendar"
    )
    days_min: int | None = Field(
        default=None, description="days to show, from the (1 - confidence)-quantile"
    )
    days_max: int | None = Field(default=None, description="days to show, up to the promise")
    label: str | None = Field(default=None, description='e.g. "3-5 business days"')
    note: str | None = Field(
        default=None, description="why there is no figure, or why to read it with care"
    )


class CalibrationLane(BaseModel):
    carrier: str | None
    service_level: str | None
    destination_country: str | None
    kept: Figure = Field(
        description="orders (not cancelled) whose promise fell in the period and is settled:"
        " delivered by it / all x 100"
    )
    observed: TransitQuantiles = Field(description="orders delivered in the period")
    promise_for_confidence: dict[str, float | None] = Field(
        description="confidence (0.5, 0.8, 0.9, 0.95) -> the transit time, in seconds, that"
        " would have kept that share of the period's deliveries"
    )


class DeliveryCalibration(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    period_from: datetime = Field(alias="from")
    period_to: datetime = Field(alias="to")
    rows: list[CalibrationLane]


# --- event payloads (app/events/catalogue.py lists them) ---------------------------------------


class OrderDeliveryOverdueData(EventData):
    """An order passed its promised delivery time undelivered (recorded once per order)."""

    event_type = EventType.ORDER_DELIVERY_OVERDUE
    order_id: uuid.UUID
    external_ref: str
    customer_external_ref: str
    status: Annotated[OrderStatus, NamedEnum()]
    placed_at: datetime
    promised_delivery_at: datetime


class OrderDeliveryAtRiskData(EventData):
    """An order will likely miss its promised delivery: from the transit times of comparable
    deliveries, its chance to arrive by the promise fell below the threshold (recorded once per
    promise, before it passes; a new promise re-arms it)."""

    event_type = EventType.ORDER_DELIVERY_AT_RISK
    order_id: uuid.UUID
    external_ref: str
    customer_external_ref: str
    status: Annotated[OrderStatus, NamedEnum()]
    carrier: str | None
    service_level: str | None
    destination_country: str | None
    destination_region: str | None = None
    shipped_at: datetime | None = Field(description="null: not shipped yet")
    tracking_url: str | None
    promised_delivery_at: datetime
    probability: float = Field(
        ge=0,
        le=1,
        description="in transit, P(T <= promise | T > elapsed); not shipped, the chance a"
        " shipment now would make it",
    )
    threshold: float = Field(description="AFTERCARE_DELIVERY_AT_RISK_THRESHOLD")
    expected_delivery_at: datetime | None = Field(
        description="the median arrival of comparable parcels that took as long (null: none did)"
    )
    level: Annotated[Level, NamedEnum()] = Field(description="the comparison that answered")
    sample_size: int = Field(description="comparable deliveries at that level")
