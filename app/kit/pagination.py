"""Cursor pagination, keyset on (created_at, id), newest first by default; shared by every list."""

import base64
import binascii
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Generic, Protocol, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel
from sqlalchemy import Select, tuple_
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


def encode_cursor(created_at: datetime, row_id: uuid.UUID) -> str:
    raw = json.dumps([created_at.isoformat(), str(row_id)]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        created_at, row_id = json.loads(base64.urlsafe_b64decode(padded))
        return datetime.fromisoformat(created_at), uuid.UUID(row_id)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as error:
        raise InvalidCursor(
            "The cursor is not valid; pass back the next_cursor of a previous page.",
            errors=[field_error("/cursor", "invalid cursor", location="query")],
        ) from error


async def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(max_length=200, description="next_cursor of the previous page")
    ] = None,
) -> PageParams:
    return PageParams(limit=limit, after=decode_cursor(cursor) if cursor else None)


PageParamsDep = Annotated[PageParams, Depends(page_params)]


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
    key = tuple_(created_at, row_id)
    if params.after is not None:
        after = tuple_(*params.after)
        statement = statement.where(key > after if ascending else key < after)
    order = (created_at.asc(), row_id.asc()) if ascending else (created_at.desc(), row_id.desc())
    statement = statement.order_by(*order).limit(params.limit + 1)
    rows = (await session.scalars(statement)).all()
    if len(rows) <= params.limit:
        return rows, None
    last = rows[params.limit - 1]
    return rows[: params.limit], encode_cursor(last.created_at, last.id)
