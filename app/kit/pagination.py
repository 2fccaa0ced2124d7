"""Cursor pagination, keyset on (created_at, id), newest first by default; shared by every list."""

import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Generic, Protocol, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel
from sqlalchemy import DateTime, Integer, Select, Uuid, bindparam, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.kit.errors import InvalidCursor, field_error

ItemT = TypeVar("ItemT")
RowT = TypeVar("RowT", bound="Keyed")

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class Keyed(Protocol):
    created_at: datetime
    id: uuid.UUID


class Page(BaseModel, Generic[ItemT]):
    items: list[ItemT]
    next_cursor: str | None


@dataclass(frozen=True, slots=True)
class PageParams:
    limit: int
    after: tuple[datetime, uuid.UUID] | None


# A cursor is the last row's key: its created_at as 17 digits of microseconds since
# 0001-01-01T00:00Z, then its id as 32 hex digits. Every string of this form decodes to a position
# (17 digits reach past year 3100), so the pattern the OpenAPI document shows is exactly what the
# server accepts; clients are told only to pass next_cursor back.
_EPOCH = datetime(1, 1, 1, tzinfo=UTC)
_MICROSECOND_DIGITS = 17
CURSOR_PATTERN = rf"^([0-9]{{{_MICROSECOND_DIGITS}}}[0-9a-f]{{32}})?$"
_CURSOR = re.compile(CURSOR_PATTERN)


def encode_cursor(created_at: datetime, row_id: uuid.UUID) -> str:
    microseconds = (created_at - _EPOCH) // timedelta(microseconds=1)
    return f"{microseconds:0{_MICROSECOND_DIGITS}d}{row_id.hex}"


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    if not _CURSOR.fullmatch(cursor):
        raise InvalidCursor(
            "The cursor is not valid; pass back the next_cursor of a previous page.",
            errors=[field_error("/cursor", "invalid cursor", location="query")],
        )
    microseconds, row_id = cursor[:_MICROSECOND_DIGITS], cursor[_MICROSECOND_DIGITS:]
    return _EPOCH + timedelta(microseconds=int(microseconds)), uuid.UUID(hex=row_id)


async def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None,
        Query(
            # in the schema only: a cursor out of this form is the 400 invalid-cursor problem
            json_schema_extra={"pattern": CURSOR_PATTERN},
            description="next_cursor of the previous page (opaque: pass it back as it came)",
        ),
    ] = None,
) -> PageParams:
    return PageParams(limit=limit, after=decode_cursor(cursor) if cursor else None)


PageParamsDep = Annotated[PageParams, Depends(page_params)]


def keyset(
    statement: Select[Any],
    created_at: Any,
    row_id: Any,
    after: tuple[datetime, uuid.UUID] | None,
    *,
    ascending: bool = False,
) -> Select[Any]:
    """`statement` in key order (newest first unless ascending), from just after `after`."""
    key = tuple_(created_at, row_id)
    if after is not None:
        statement = statement.where(key > tuple_(*after) if ascending else key < tuple_(*after))
    order = (created_at.asc(), row_id.asc()) if ascending else (created_at.desc(), row_id.desc())
    return statement.order_by(*order)


# A first page's position, before every key (ascending) or after every key (newest first), for
# statements whose position is a parameter (`bound_keyset`).
_BEFORE_ALL = (datetime(1, 1, 1, tzinfo=UTC), uuid.UUID(int=0))
_AFTER_ALL = (datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC), uuid.UUID(int=2**128 - 1))


def bound_keyset(
    statement: Select[Any], created_at: Any, row_id: Any, *, ascending: bool = False
) -> Select[Any]:
    """`keyset` with the position and the page's size as parameters (:after_created_at,
    :after_id, :limit; `keyset_values` gives them), so that the statement compiles once."""
    key = tuple_(created_at, row_id)
    position = tuple_(
        bindparam("after_created_at", type_=DateTime(timezone=True)),
        bindparam("after_id", type_=Uuid()),
    )
    order = (created_at.asc(), row_id.asc()) if ascending else (created_at.desc(), row_id.desc())
    return (
        statement.where(key > position if ascending else key < position)
        .order_by(*order)
        .limit(bindparam("limit", type_=Integer()))
    )


def keyset_values(params: PageParams, *, ascending: bool = False) -> dict[str, Any]:
    """The parameters of `bound_keyset` for a page (one row more, for `split_page`)."""
    created_at, row_id = params.after or (_BEFORE_ALL if ascending else _AFTER_ALL)
    return {"after_created_at": created_at, "after_id": row_id, "limit": params.limit + 1}


def row_key(row: Mapping[str, Any]) -> tuple[datetime, uuid.UUID]:
    """The key of a row read as a mapping (`created_at`, `id`), for `split_page`."""
    return row["created_at"], row["id"]


def split_page(
    rows: Sequence[ItemT], params: PageParams, key: Callable[[ItemT], tuple[datetime, uuid.UUID]]
) -> tuple[Sequence[ItemT], str | None]:
    """The page out of `limit + 1` rows fetched, and the cursor after it (None: the last)."""
    if len(rows) <= params.limit:
        return rows, None
    return rows[: params.limit], encode_cursor(*key(rows[params.limit - 1]))


async def fetch_page(
    session: AsyncSession,
    statement: Select[RowT],
    created_at: InstrumentedAttribute[Any],
    row_id: InstrumentedAttribute[Any],
    params: PageParams,
    *,
    ascending: bool = False,
) -> tuple[Sequence[RowT], str | None]:
    """Rows of one page of `statement` (newest first unless ascending) and the next cursor."""
    statement = keyset(statement, created_at, row_id, params.after, ascending=ascending)
    rows = (await session.scalars(statement.limit(params.limit + 1))).all()
    return split_page(rows, params, lambda row: (row.created_at, row.id))
