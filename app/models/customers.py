from datetime import datetime

from sqlalchemy import String, func
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UUIDPrimaryKey


class Customer(UUIDPrimaryKey, Base):
    """A shop's customer, identified by the shop's own reference."""

    __tablename__ = "customers"

    external_ref: Mapped[str] = mapped_column(String(128), unique=True)
    email: Mapped[str | None] = mapped_column(String(320))
    name: Mapped[str | None] = mapped_column(String(200))
    locale: Mapped[str | None] = mapped_column(String(35))  # BCP 47; else the default setting
    time_zone: Mapped[str | None] = mapped_column(String(64))  # IANA; else the default setting
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now())
