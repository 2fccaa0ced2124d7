"""Declarative base: explicit constraint names so migrations are stable and reviewable."""

import uuid
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import DateTime, Dialect, MetaData, String, TypeDecorator, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeEngine

from app.kit.ids import uuid7

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: DateTime(timezone=True)}


class UUIDPrimaryKey:
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)


class CreatedAt:
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), index=False)


EnumT = TypeVar("EnumT", bound=Enum)


class StoredEnum(TypeDecorator[EnumT]):
    """An enum kept as its value in a plain column (`String(16)`, `SmallInteger`): the DDL and
    the values written are the column type's own, so no migration; rows read back as members.
    Members of a StrEnum or IntEnum are str or int already: nothing converts them on the way
    in."""

    impl: TypeEngine[Any] | type[TypeEngine[Any]] = String
    cache_ok = True

    def __init__(self, enum_class: type[EnumT], column_type: TypeEngine[Any]) -> None:
        super().__init__()
        self.impl = self.column_type = column_type
        self.enum_class = enum_class

    def process_result_value(self, value: Any | None, dialect: Dialect) -> EnumT | None:
        return None if value is None else self.enum_class(value)


def one_of(column: str, enum_class: type[Enum]) -> str:
    """The condition of a CHECK constraint: `column` holds one of the enum's values."""
    values = ", ".join(f"'{member.value}'" for member in enum_class)
    return f"{column} IN ({values})"
