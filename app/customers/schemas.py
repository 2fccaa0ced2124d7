import uuid
from datetime import datetime
from typing import Annotated

from fastapi import Query
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from app.customers.errors import InvalidLocale, InvalidTimeZone
from app.kit.inputs import Input, Omittable
from app.web.i18n import MAX_LOCALE_LENGTH, check_time_zone, normalise_locale

EXTERNAL_REF_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$"  # safe in a URL path
# List filters by the shop's own references.
CustomerRefQuery = Annotated[
    str | None, Query(pattern=EXTERNAL_REF_PATTERN, description="customer external_ref")
]
OrderRefQuery = Annotated[
    str | None, Query(pattern=EXTERNAL_REF_PATTERN, description="order external_ref")
]
EMAIL_PATTERN = r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]+$"


def _bcp47(tag: str) -> str:
    try:
        return normalise_locale(tag)
    except ValueError as error:
        raise PydanticCustomError(InvalidLocale.slug, str(error)) from None


def _iana(name: str) -> str:
    try:
        return check_time_zone(name)
    except ValueError as error:
        raise PydanticCustomError(InvalidTimeZone.slug, str(error)) from None


LocaleTag = Annotated[
    str,
    Field(
        min_length=1, max_length=MAX_LOCALE_LENGTH,
        description="the customer's language, BCP 47 (en, de-CH, pt-BR); stored normalised;"
        " one Babel does not know is a 422 invalid-locale",
        examples=["de-CH"],
    ),
    AfterValidator(_bcp47),
]
TimeZoneName = Annotated[
    str,
    Field(
        min_length=1, max_length=64,
        description="the customer's IANA time zone (Europe/Berlin); one the time zone database"
        " does not know is a 422 invalid-time-zone",
        examples=["Europe/Berlin"],
    ),
    AfterValidator(_iana),
]


class CustomerRef(Input):
    """A customer by the shop's own reference; created on first sight, details updated."""

    external_ref: str = Field(pattern=EXTERNAL_REF_PATTERN, description="the shop's customer id")
    email: str | None = Field(default=None, max_length=320, pattern=EMAIL_PATTERN)
    name: str | None = Field(default=None, min_length=1, max_length=200)
    locale: LocaleTag | None = None
    time_zone: TimeZoneName | None = None


class CustomerUpdate(Input):
    """Only the fields sent change (at least one); null clears `locale` and `time_zone` (the
    defaults apply again)."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    email: Omittable[str] = Field(default=None, max_length=320, pattern=EMAIL_PATTERN)
    name: Omittable[str] = Field(default=None, min_length=1, max_length=200)
    locale: LocaleTag | None = None
    time_zone: TimeZoneName | None = None


class CustomerSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    external_ref: str
    email: str | None
    name: str | None
    locale: str | None = Field(description="BCP 47; null: the service's default applies")
    time_zone: str | None = Field(description="IANA; null: the service's default applies")


class CustomerOut(CustomerSummary):
    created_at: datetime
    updated_at: datetime
