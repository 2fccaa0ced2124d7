import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class DashboardLinkCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        min_length=1, max_length=100, description="what the link is for, e.g. the wall screen"
    )
    expires_in_hours: int | None = Field(
        default=None,
        ge=1,
        le=2160,
        description="how long the link works (at most 90 days); default: the"
        " dashboard_link_ttl_hours setting",
    )


class DashboardLinkOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None


class DashboardLinkCreated(DashboardLinkOut):
    url: str = Field(
        description="opens the dashboard read-only in a browser (no key needed); shown only in"
        " this answer and its Idempotency-Key replay (only a hash is kept with the link)"
    )
