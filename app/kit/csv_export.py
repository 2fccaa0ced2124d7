"""Lists and series as CSV: UTF-8, a header row, RFC 4180 quoting (the csv module's), streamed
row by row, chosen by `Accept: text/csv`."""

import csv
import io
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Sequence
from datetime import datetime
from enum import Enum
from typing import Any

from fastapi import Request
from fastapi.responses import StreamingResponse

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
CSV_RESPONSE: dict[str, Any] = {
    "content": {"text/csv": {"schema": {"type": "string"}}},
    "description": "JSON, or with `Accept: text/csv` the same rows as CSV (UTF-8, a header"
    " row, RFC 4180 quoting), streamed",
}


def wants_csv(request: Request) -> bool:
    """`Accept` names text/csv (with a q above 0)."""
    for media_range in request.headers.get("accept", "").split(","):
        media_type, *parameters = (part.strip().lower() for part in media_range.split(";"))
        if media_type == "text/csv" and "q=0" not in {p.replace(" ", "") for p in parameters}:
            return True
    return False


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _line(row: Iterable[object]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([cell(value) for value in row])  # lines end in CRLF (RFC 4180)
    return buffer.getvalue()


async def _lines(
    header: Sequence[str], rows: AsyncIterable[Sequence[object]]
) -> AsyncIterator[bytes]:
    yield _line(header).encode()
    async for row in rows:
        yield _line(row).encode()


def csv_response(
    header: Sequence[str], rows: AsyncIterable[Sequence[object]], filename: str
) -> StreamingResponse:
    return StreamingResponse(
        _lines(header, rows),
        media_type=CSV_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
