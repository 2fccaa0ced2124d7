"""Every error the API returns is an RFC 9457 problem document (application/problem+json)."""

import logging
import re
from collections.abc import Sequence
from typing import Any, ClassVar

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
    """A failure the client can act on, answered as a problem document.

    A class that sets `slug` is one cause with its own problem type: it is registered, and its
    docstring's first line says when it is raised (the OpenAPI document and the README list it).
    A class without `slug` (ConflictError, NotFoundError, ...) only groups causes by status and
    is never raised itself.
    """

    status: ClassVar[int] = 400
    title: ClassVar[str] = "Bad request"
    slug: ClassVar[str]
    registry: ClassVar[dict[str, type["AppError"]]] = {}
    headers: dict[str, str] | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "slug" not in cls.__dict__:
            return
        if not cls.__doc__:
            raise TypeError(f"{cls.__name__} needs a docstring saying when it is raised")
        if (taken := AppError.registry.get(cls.slug)) is not None:
            raise TypeError(f"{cls.__name__} and {taken.__name__} share the slug {cls.slug!r}")
        AppError.registry[cls.slug] = cls

    def __init__(self, detail: str, *, errors: Sequence[dict[str, str]] | None = None) -> None:
        if "slug" not in type(self).__dict__:
            raise TypeError(f"{type(self).__name__} is a base; raise one of its causes")
        super().__init__(detail)
        self.detail = detail
        self.errors = list(errors) if errors else None

    @classmethod
    def type_uri(cls) -> str:
        return f"urn:aftercare:problem:{cls.slug}"

    @classmethod
    def description(cls) -> str:
        """When this problem is raised: the first paragraph of the class docstring."""
        return " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split())

    def document(self, instance: str) -> dict[str, Any]:
        """The RFC 9457 problem document (every error body is made here)."""
        body: dict[str, Any] = {
            "type": self.type_uri(),
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "instance": instance,
        }
        request_id = current_request_id()
        if request_id:
            body["request_id"] = request_id
        if self.errors:
            body["errors"] = self.errors
        return body


# Bases: one per status that has several causes.


class BadRequestError(AppError):
    pass


class UnauthorizedError(AppError):
    status, title = 401, "Authentication required"
    headers = {"WWW-Authenticate": "Bearer"}


class ForbiddenError(AppError):
    status, title = 403, "Forbidden"


class NotFoundError(AppError):
    status, title = 404, "Not found"


class ConflictError(AppError):
    status, title = 409, "Conflict"


class UnprocessableError(AppError):
    status, title = 422, "Request is not valid"


class ServiceUnavailableError(AppError):
    status, title = 503, "Service unavailable"


# Causes that belong to no domain.


class MalformedJSON(BadRequestError):
    """The request body is not valid JSON."""

    slug, title = "malformed-json", "Malformed JSON"


class UnreadableBody(BadRequestError):
    """The request body cannot be decoded (JSON that is not UTF-8, for instance)."""

    slug, title = "unreadable-body", "Unreadable body"


class NulInURL(BadRequestError):
    """The path or query string contains a NUL (%00) character."""

    slug, title = "nul-in-url", "NUL in URL"


class InvalidCursor(BadRequestError):
    """`cursor` is not a `next_cursor` this API returned."""

    slug, title = "invalid-cursor", "Invalid cursor"


class UnknownPath(NotFoundError):
    """No operation has this path."""

    slug, title = "unknown-path", "Not Found"


class MethodNotAllowed(AppError):
    """The path exists but not with this method; `Allow` lists the methods it has."""

    status, slug, title = 405, "method-not-allowed", "Method Not Allowed"


class PayloadTooLarge(AppError):
    """The request body is larger than the configured limit."""

    status, slug, title = 413, "payload-too-large", "Request body too large"


class RequestInvalid(UnprocessableError):
    """A parameter or body field is not valid; `errors` points at each one."""

    slug = "validation-error"


class UnknownQueryParameter(UnprocessableError):
    """The query has a parameter the route does not take (a mistyped filter); `errors` names it
    and `detail` lists the parameters the route takes."""

    slug, title = "unknown-query-parameter", "Unknown query parameter"


class UnknownReference(UnprocessableError):
    """The body refers to a resource that does not exist; `errors` points at each reference."""

    slug, title = "unknown-reference", "Unknown reference"


class ForeignReference(UnprocessableError):
    """The body links resources of two different customers; `errors` points at each link."""

    slug, title = "reference-of-another-customer", "Reference to another customer"


class TooManyRequestsError(AppError):
    """This client address sent too many requests; `Retry-After` says when to try again."""

    status, slug, title = 429, "too-many-requests", "Too many requests"

    def __init__(self, detail: str, *, retry_after_seconds: int) -> None:
        super().__init__(detail)
        self.headers = {"Retry-After": str(max(1, retry_after_seconds))}


class DatabaseUnavailable(ServiceUnavailableError):
    """The database cannot serve the request right now; retry shortly."""

    slug, title = "database-unavailable", "Database unavailable"


class TransactionConflict(ServiceUnavailableError):
    """Another request's transaction conflicted with this one (a deadlock or a serialisation
    failure), and this one was undone; retry it."""

    slug, title = "transaction-conflict", "Transaction conflict"


class InternalError(AppError):
    """An unexpected failure on our side; quote the request id when reporting it."""

    status, slug, title = 500, "internal-error", "Internal Server Error"


def field_error(pointer: str, detail: str, *, location: str = "body") -> dict[str, str]:
    """One entry of a problem's `errors`: what is wrong, and where."""
    return {"pointer": pointer, "location": location, "detail": detail}


def invalid_field(
    pointer: str,
    detail: str,
    *,
    location: str = "body",
    problem: type[UnprocessableError] = RequestInvalid,
) -> UnprocessableError:
    """A 422 naming the one field at fault (a RequestInvalid unless `problem` says which)."""
    return problem(detail, errors=[field_error(pointer, detail, location=location)])


def problem_response(
    problem: AppError, instance: str, *, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        problem.document(instance),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers={**(problem.headers or {}), **(headers or {})},
    )


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
    return problem_response(exc, request.url.path)


async def _handle_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    raw = exc.errors()
    if any(error.get("type") == "json_invalid" for error in raw):
        return problem_response(
            MalformedJSON("The request body is not valid JSON."), request.url.path
        )
    errors = validation_errors(raw[:MAX_LISTED_ERRORS])
    summary = "; ".join(f"{e['location']} {e['pointer']}: {e['detail']}" for e in errors[:5])
    if len(raw) > MAX_LISTED_ERRORS:
        # A body of a million unknown fields must not earn an answer seven times its size.
        summary += f" (and {len(raw) - MAX_LISTED_ERRORS} more problems not listed)"
    return problem_response(_problem_of(raw)(summary, errors=errors), request.url.path)


def _problem_of(raw_errors: Sequence[Any]) -> type[UnprocessableError]:
    """A validator names its own cause by raising PydanticCustomError(slug, message) with the
    slug of a 422 problem type: when every error names the same one, the answer is of that type."""
    kinds = {error.get("type") for error in raw_errors}
    if len(kinds) == 1:
        problem = AppError.registry.get(str(kinds.pop()))
        if problem is not None and issubclass(problem, UnprocessableError):
            return problem
    return RequestInvalid


def _allowed_methods(request: Request) -> str | None:
    """Every method the path supports (a 405 must list them all in Allow)."""
    for template, operations in request.app.openapi()["paths"].items():
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, request.url.path):
            return ", ".join(sorted(method.upper() for method in operations))
    return None


# What the framework raises as HTTPException: routing (404, 405), a body it cannot parse (400)
# and BodySizeLimitMiddleware (413). Any other status would be a new cause: it is re-raised and
# answered as a 500 until it gets its own problem type.
_FRAMEWORK_PROBLEMS: dict[int, type[AppError]] = {
    400: UnreadableBody, 404: UnknownPath, 405: MethodNotAllowed, 413: PayloadTooLarge,
}


async def _handle_http_exception(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    problem_type = _FRAMEWORK_PROBLEMS.get(exc.status_code)
    if problem_type is None:
        raise exc
    headers = dict(exc.headers or {})
    if exc.status_code == 405 and (allowed := _allowed_methods(request)):
        headers["Allow"] = allowed
    detail = exc.detail if isinstance(exc.detail, str) else problem_type.title
    return problem_response(problem_type(detail), request.url.path, headers=headers)


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


# SQLSTATE class 40, transaction rollback (40P01 deadlock, 40001 serialisation failure): the
# database undid the request's transaction because of another one; the request may simply run
# again.
_TRANSACTION_ROLLBACK_SQLSTATE_PREFIX = "40"


def _is_transaction_conflict(exc: Exception) -> bool:
    sqlstate = getattr(exc.orig, "sqlstate", None) if isinstance(exc, DBAPIError) else None
    return isinstance(sqlstate, str) and sqlstate.startswith(_TRANSACTION_ROLLBACK_SQLSTATE_PREFIX)


async def _handle_database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    if _is_transaction_conflict(exc):
        logger.warning("transaction conflict", extra={"error": type(exc).__name__})
        problem: AppError = TransactionConflict(
            "Another request's transaction conflicted with this one, which was undone; retry it."
        )
    elif _is_database_unavailable(exc):
        logger.warning("database unavailable", extra={"error": type(exc).__name__})
        problem = DatabaseUnavailable("The database is unavailable; retry shortly.")
    else:
        raise exc
    return problem_response(problem, request.url.path, headers={"Retry-After": "1"})


def register_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _handle_app_error)
    app.add_exception_handler(RequestValidationError, _handle_validation_error)
    app.add_exception_handler(StarletteHTTPException, _handle_http_exception)
    app.add_exception_handler(DBAPIError, _handle_database_unavailable)
    app.add_exception_handler(OSError, _handle_database_unavailable)
