"""Read-only access to the dashboard: links handed out through the API, and the browser
sessions they (or a signed-in API key) open. Only SHA-256 hashes of their tokens are kept."""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UUIDPrimaryKey


class DashboardLink(UUIDPrimaryKey, Base):
    """A signed read-only link to the dashboard, made by an API key with metrics:read; it
    works until it expires or is revoked, and while that key is active."""

    __tablename__ = "dashboard_links"

    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    api_key_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("api_keys.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class DashboardSession(UUIDPrimaryKey, Base):
    """A browser's session on the dashboard (its cookie holds the token): opened by signing in
    with an API key or by opening a dashboard link; it ends with either."""

    __tablename__ = "dashboard_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    api_key_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("api_keys.id", ondelete="CASCADE"), index=True
    )
    link_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("dashboard_links.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)
