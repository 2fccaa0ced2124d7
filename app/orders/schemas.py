import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from app.customers.schemas import CustomerRef, CustomerSummary
from app.kit.enums import InlineEnum
from app.kit.inputs import Input, Timestamp
from app.orders.types import OrderStatus


class OrderUpsert(Input):
    customer: CustomerRef
    status: Annotated[OrderStatus, InlineEnum()] = OrderStatus.PLACED
    placed_at: Timestamp
    amount: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. EUR")
    promised_delivery_at: Timestamp | None = Field(
        default=None, description="the delivery date promised to the customer"
    )
    delivered_at: Timestamp | None = Field(default=None, validate_default=True)

    @field_validator("promised_delivery_at", "delivered_at")
    @classmethod
    def _not_before_placed(
        cls, value: datetime | None, info: ValidationInfo
    ) -> datetime | None:
        placed_at = info.data.get("placed_at")
        if value is not None and placed_at is not None and value < placed_at:
            raise ValueError(f"{info.field_name} is before placed_at")
        return value

    @field_validator("delivered_at")
    @classmethod
    def _delivered_needs_date(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        if value is None and info.data.get("status") == OrderStatus.DELIVERED:
            raise ValueError("a delivered order needs delivered_at")
        return value


class OrderSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    external_ref: str


class OrderOut(OrderSummary):
    customer: CustomerSummary
    status: Annotated[OrderStatus, InlineEnum()]
    placed_at: datetime
    amount: Decimal
    currency: str
    promised_delivery_at: datetime | None
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
