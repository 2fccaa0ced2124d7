"""What the API accepts from a client: request bodies (unknown fields refused, no NUL
characters anywhere), bounded timestamps, and only the query parameters a route declares."""

from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Annotated, Any, TypeVar

from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    field_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema
from starlette.datastructures import QueryParams

from app.kit.errors import UnknownQueryParameter, field_error

T = TypeVar("T")

# Every instant a client sends is written with a year from 1900 to 2999, so that no arithmetic on
# it (a window, a bucket, a deadline, a time zone) can leave the calendar Python and PostgreSQL
# share: an offset (at most a day) moves it by less than a year. A rule on the written year is
# one a pattern states exactly, so the OpenAPI document shows it (TIMESTAMP_PATTERN).
EARLIEST_YEAR, LATEST_YEAR = 1900, 2999
TIMESTAMP_PATTERN = r"^(19|2[0-9])[0-9]{2}-"


def _rfc3339_only(value: Any) -> Any:
    # pydantic also reads numbers as Unix times; the API documents RFC 3339 strings only.
    if isinstance(value, int | float) or (isinstance(value, str) and _is_number(value)):
        raise ValueError("must be an RFC 3339 date-time with a time zone, e.g. 2026-11-23T10:00Z")
    return value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _within_supported_years(value: datetime) -> datetime:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"must be written with a year from {EARLIEST_YEAR} to {LATEST_YEAR}")
    return value


class _JsonSchemaPattern:
    """Shows a pattern in a field's JSON schema that its own validators enforce."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(core_schema), "pattern": self.pattern}


def _not_null(value: Any) -> Any:
    if value is None:
        raise ValueError("may be left out, but not null")
    return value


class _NoNullInSchema:
    """The JSON schema of `X | None` without its null: that of X alone."""

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        options = [option for option in schema.pop("anyOf", []) if option != {"type": "null"}]
        if len(options) == 1:
            schema.update(options[0])
        elif options:
            schema["anyOf"] = options
        return schema


def _without_default(schema: dict[str, Any]) -> None:
    # its Python default (None) means "left out", not a value a client could send
    schema.pop("default", None)


# A field of a partial update that may be left out but not sent as null: the schema shows no
# null, and an explicit null is a 422 rather than taken for "leave as it is". (`X | None`, not a
# union with a schema-less None, so that errors point at the field itself.)
Omittable = Annotated[
    T | None,
    _NoNullInSchema(),
    AfterValidator(_not_null),
    Field(json_schema_extra=_without_default),
]

Timestamp = Annotated[
    AwareDatetime,
    BeforeValidator(_rfc3339_only),
    AfterValidator(_within_supported_years),
    _JsonSchemaPattern(TIMESTAMP_PATTERN),
]


def contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple | set | frozenset):
        return any(contains_nul(item) for item in value)
    if isinstance(value, dict):
        return any(contains_nul(key) or contains_nul(item) for key, item in value.items())
    return False


# The largest value of a PostgreSQL `integer` column: bound every integer a client sends to the
# column it is compared with, so an out-of-range value is a 422 rather than a driver error.
POSTGRES_INTEGER_MAX = 2**31 - 1


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul_characters(cls, value: Any) -> Any:
        # PostgreSQL text cannot hold U+0000: refuse it here, naming the field, not as a 500.
        if contains_nul(value):
            raise ValueError("must not contain NUL (U+0000) characters")
        return value


def _query_parameters(dependant: Dependant) -> set[str]:
    names = {field.alias for field in dependant.query_params}
    for dependency in dependant.dependencies:
        names |= _query_parameters(dependency)
    return names


# Routes behind the links handed to customers (status page, survey). Mailers and link
# shorteners append their own parameters (utm_source, ...), which must not break the link.
PUBLIC_LINK_PREFIX = "/v1/public/"
# The dashboard's pages (app.dashboard): sent with the same security headers as customer pages;
# its read-only links, handed to people like customer links, ignore appended parameters too.
DASHBOARD_PATH = "/dashboard"
DASHBOARD_LINK_PREFIX = f"{DASHBOARD_PATH}/open/"


class QueryCheckedRoute(APIRoute):
    """A route that refuses a query parameter it does not declare, naming it, before it reads
    the body or solves a dependency: a mistyped filter must not be answered as if it had not
    been sent. Customer links and dashboard links ignore it. Every router of the API uses it
    (`APIRouter(route_class=QueryCheckedRoute)`); as an app-wide dependency the check cost
    each request a tenth of its Python calls in FastAPI's dependency solving."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if self.path.startswith((PUBLIC_LINK_PREFIX, DASHBOARD_LINK_PREFIX)):
            return handler
        declared = frozenset(_query_parameters(self.dependant))

        async def checked(request: Request) -> Response:
            if request.scope["query_string"]:
                _refuse_unknown(request.query_params, declared)
            return await handler(request)

        return checked


def _refuse_unknown(query: QueryParams, declared: frozenset[str]) -> None:
    unknown = sorted(set(query) - declared)
    if unknown:
        known = ", ".join(sorted(declared)) or "none"
        raise UnknownQueryParameter(
            f"unknown query parameter {unknown[0]!r}; this route takes: {known}",
            errors=[
                field_error(f"/{name}", "unknown query parameter", location="query")
                for name in unknown
            ],
        )
