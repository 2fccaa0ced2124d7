"""Logs: one JSON object per line (production) or one readable line (development), every line
carrying the request id in force, and the trace and span ids of the active span (tracing on)."""

import json
import logging
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from opentelemetry import trace

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

# Attributes every LogRecord has; anything else was passed with `extra=` and is logged as a field.
_STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message"}


def current_request_id() -> str | None:
    return _request_id.get()


def bind_request_id(request_id: str | None) -> object:
    return _request_id.set(request_id)


def reset_request_id(token: object) -> None:
    _request_id.reset(token)  # type: ignore[arg-type]


def current_trace_ids() -> dict[str, str]:
    """`trace_id` and `span_id` of the active span, as OpenTelemetry writes them (32 and 16 hex
    digits); empty with no span (tracing off)."""
    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return {}
    return {"trace_id": f"{context.trace_id:032x}", "span_id": f"{context.span_id:016x}"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": current_request_id(),
        }
        entry |= current_trace_ids()
        entry |= _fields(record)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class TextFormatter(logging.Formatter):
    """`time level logger message key=value... [request_id=... trace_id=... span_id=...]`, any
    traceback below."""

    def format(self, record: logging.LogRecord) -> str:
        record.message = record.getMessage()
        line = f"{self.formatTime(record)} {record.levelname} {record.name} {record.message}"
        line += "".join(f" {key}={value}" for key, value in _fields(record).items())
        context = {"request_id": current_request_id() or ""} | current_trace_ids()
        tags = " ".join(f"{key}={value}" for key, value in context.items() if value)
        if tags:
            line += f" [{tags}]"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        if record.stack_info:
            line += "\n" + self.formatStack(record.stack_info)
        return line


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    """What was passed with `extra=`."""
    return {
        key: value for key, value in vars(record).items()
        if key not in _STANDARD_ATTRS and not key.startswith("_")
    }


def configure_logging(level: str, log_format: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True  # our middleware logs each request
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


class _Held(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def quiet_unless_failing(logger_name: str) -> Iterator[None]:
    """A chatty library's log records and warnings held back while the block runs, shown only if
    it fails; from then on, the library logs warnings and errors only."""
    library = logging.getLogger(logger_name)
    held = _Held()
    library.addHandler(held)
    library.propagate = False
    library.setLevel(logging.INFO)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
    except BaseException:
        for warning in caught:
            warnings.showwarning(
                warning.message, warning.category, warning.filename, warning.lineno
            )
        for record in held.records:
            logging.getLogger().handle(record)
        raise
    finally:
        library.removeHandler(held)
        library.propagate = True
        library.setLevel(logging.WARNING)
