import uuid
from datetime import datetime
from typing import Annotated

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field

from app.kit.inputs import Input

EXTERNAL_REF_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$"  # safe in a URL path
# List filters by the shop's own references.
CustomerRefQuery = Annotated[
    str | None, Query(pattern=EXTERNAL_REF_PATTERN, description="customer external_ref")
]
OrderRefQuery = Annotated[
    str | None, Query(pattern=EXTERNAL_REF_PATTERN, description="order external_ref")
]
EMAIL_PATTERN = r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]+$"


class CustomerRef(Input):
    """A customer by the shop's own reference; created on first sight, details updated."""

    external_ref: str = Field(pattern=EXTERNAL_REF_PATTERN, description="the shop's customer id")
    email: str | None = Field(default=None, max_length=320, pattern=EMAIL_PATTERN)
    name: str | None = Field(default=None, min_length=1, max_length=200)


class CustomerSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    external_ref: str
    email: str | None
    name: str | None


class CustomerOut(CustomerSummary):
    created_at: datetime
    updated_at: datetime
