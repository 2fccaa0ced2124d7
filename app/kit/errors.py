"""Every error the API returns is an RFC 9457 problem document (application/problem+json)."""

import logging
import re
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.kit.logging_setup import current_request_id

PROBLEM_JSON = "application/problem+json"
logger = logging.getLogger("aftercare.errors")
MAX_LISTED_ERRORS = 50  # validation errors listed in one problem document


class AppError(Exception):
    """A failure the client can act on. Subclasses set status, slug and title."""

    status: int = 400
    slug: str = "bad-request"
    title: str = "Bad request"
    headers: dict[str, str] | None = None

    def __init__(self, detail: str, *, errors: Sequence[dict[str, str]] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = list(errors) if errors else None


def field_error(pointer: str, detail: str, *, location: str = "body") -> dict[str, str]:
    """One entry of a problem's `errors`: what is wrong, and where."""
    return {"pointer": pointer, "location": location, "detail": detail}


def invalid_field(pointer: str, detail: str, *, location: str = "body") -> "UnprocessableError":
    """A 422 naming the one field at fault."""
    return UnprocessableError(detail, errors=[field_error(pointer, detail, location=location)])


class BadRequestError(AppError):
    pass


class NotFoundError(AppError):
    status, slug, title = 404, "not-found", "Not found"


class ConflictError(AppError):
    status, slug, title = 409, "conflict", "Conflict"


class UnprocessableError(AppError):
    status, slug, title = 422, "validation-error", "Request is not valid"


class UnauthorizedError(AppError):
    status, slug, title = 401, "unauthorized", "Authentication required"
    headers = {"WWW-Authenticate": "Bearer"}


class ForbiddenError(AppError):
    status, slug, title = 403, "forbidden", "Missing scope"


class TooManyRequestsError(AppError):
    status, slug, title = 429, "too-many-requests", "Too many requests"

    def __init__(self, detail: str, *, retry_after_seconds: int) -> None:
        super().__init__(detail)
        self.headers = {"Retry-After": str(max(1, retry_after_seconds))}


class ServiceUnavailableError(AppError):
    status, slug, title = 503, "service-unavailable", "Service unavailable"


def problem_body(
    status: int,
    title: str,
    detail: str,
    *,
    slug: str | None = None,
    instance: str | None = None,
    errors: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"urn:aftercare:problem:{slug}" if slug else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    request_id = current_request_id()
    if request_id:
        body["request_id"] = request_id
    if errors:
        body["errors"] = errors
    return body


def problem_response(
    status: int,
    title: str,
    detail: str,
    *,
    slug: str | None = None,
    instance: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = problem_body(status, title, detail, slug=slug, instance=instance, errors=errors)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def json_pointer(location: Sequence[int | str]) -> str:
    """RFC 6901: `~` and `/` in a part are escaped."""
    escaped = (str(part).replace("~", "~0").replace("/", "~1") for part in location)
    return "/" + "/".join(escaped)


def validation_errors(raw_errors: Sequence[Any]) -> list[dict[str, str]]:
    """Pydantic errors -> [{pointer, detail, location}]; the pointer is relative to the part."""
    items = []
    for error in raw_errors:
        location = list(error.get("loc", ()))
        part = str(location.pop(0)) if location else "body"
        detail = error.get("msg", "invalid")
        items.append({"pointer": json_pointer(location), "detail": detail, "location": part})
    return items


async def _handle_app_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return problem_response(
        exc.status, exc.title, exc.detail,
        slug=exc.slug, instance=request.url.path, errors=exc.errors, headers=exc.headers,
    )


async def _handle_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    raw = exc.errors()
    if any(error.get("type") == "json_invalid" for error in raw):
        return problem_response(
            400, "Malformed JSON", "The request body is not valid JSON.",
            slug="malformed-json", instance=request.url.path,
        )
    errors = validation_errors(raw[:MAX_LISTED_ERRORS])
    summary = "; ".join(f"{e['location']} {e['pointer']}: {e['detail']}" for e in errors[:5])
    if len(raw) > MAX_LISTED_ERRORS:
        # A body of a million unknown fields must not earn an answer seven times its size.
        summary += f" (and {len(raw) - MAX_LISTED_ERRORS} more problems not listed)"
    return problem_response(
        422, "Request is not valid", summary,
        slug="validation-error", instance=request.url.path, errors=errors,
    )


def _allowed_methods(request: Request) -> str | None:
    """Every method the path supports (a 405 must list them all in Allow)."""
    for template, operations in request.app.openapi()["paths"].items():
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, request.url.path):
            return ", ".join(sorted(method.upper() for method in operations))
    return None


async def _handle_http_exception(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 405 and (allowed := _allowed_methods(request)):
        headers["Allow"] = allowed
    phrase = HTTPStatus(exc.status_code).phrase
    slug = "payload-too-large" if exc.status_code == 413 else None
    detail = exc.detail if isinstance(exc.detail, str) else phrase
    return problem_response(
        exc.status_code, phrase, detail,
        slug=slug, instance=request.url.path, headers=headers,
    )


# SQLSTATEs that mean "the database cannot serve us right now", not "the request is wrong":
# connection exceptions (08: refused, lost, closed mid-operation), the server shutting down or
# starting up (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now) and
# insufficient resources (53: too many connections, out of memory, disk full).
_UNAVAILABLE_SQLSTATE_PREFIXES = ("08", "57P01", "57P02", "57P03", "53")


def _is_database_unavailable(exc: Exception) -> bool:
    if isinstance(exc, OperationalError | InterfaceError):
        return True
    if isinstance(exc, DBAPIError):
        sqlstate = getattr(exc.orig, "sqlstate", None)
        if isinstance(sqlstate, str) and sqlstate.startswith(_UNAVAILABLE_SQLSTATE_PREFIXES):
            return True
        return exc.connection_invalidated
    return isinstance(exc, OSError)


async def _handle_database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    if not _is_database_unavailable(exc):
        raise exc
    logger.warning("database unavailable", extra={"error": type(exc).__name__})
    return problem_response(
        503, "Service unavailable", "The database is unavailable; retry shortly.",
        slug="database-unavailable", instance=request.url.path, headers={"Retry-After": "1"},
    )


def register_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _handle_app_error)
    app.add_exception_handler(RequestValidationError, _handle_validation_error)
    app.add_exception_handler(StarletteHTTPException, _handle_http_exception)
    app.add_exception_handler(DBAPIError, _handle_database_unavailable)
    app.add_exception_handler(OSError, _handle_database_unavailable)
