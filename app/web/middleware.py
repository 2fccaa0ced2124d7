"""Security headers on everything customers open, and errors as pages for browsers.

Every answer under /v1/public/ (pages and their JSON alike: the capability is in the URL) and
/dashboard gets a Content-Security-Policy that allows only this service's own style sheet and
images (no script, no inline style, no framing, forms posting only here),
`Referrer-Policy: no-referrer` so the token never leaks to another site, `X-Frame-Options:
DENY` for old browsers, and `Cache-Control: no-store`: a personal page is kept in no cache.

A browser (Accept naming text/html above JSON) that meets an error there gets a plain page in
its language, with the status, never a stack trace; API clients keep the problem document.
"""

import json
import logging
from typing import Any

from starlette.datastructures import Headers, QueryParams
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.kit.errors import PROBLEM_JSON
from app.kit.inputs import DASHBOARD_PATH, PUBLIC_LINK_PREFIX
from app.kit.logging_setup import current_request_id
from app.kit.middleware import loggable_path
from app.web.i18n import MAX_LOCALE_LENGTH, N_
from app.web.negotiation import prefers_html
from app.web.pages import STATIC_PATH, PageRequest, Pages

logger = logging.getLogger("aftercare.http")
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
    " base-uri 'none'; frame-ancestors 'none'"
)
PAGE_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"cache-control", b"no-store"),
]
STATIC_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"cache-control", b"public, max-age=86400"),  # asset URLs carry a content hash
]
# Headers of an error that stay on its page: what the client needs to act on it.
_KEPT_ERROR_HEADERS = {b"retry-after", b"allow", b"x-request-id"}


class CustomerPageMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path.startswith(STATIC_PATH + "/"):
            await self.app(scope, receive, _with_headers(send, STATIC_HEADERS))
            return
        if not is_page(path):
            await self.app(scope, receive, send)
            return
        send_page = _with_headers(send, PAGE_HEADERS)
        if not prefers_html(Headers(scope=scope).get("accept")):
            await self.app(scope, receive, send_page)
            return
        await _answer_errors_as_pages(self.app, scope, receive, send_page)


def is_page(path: str) -> bool:
    """A customer page (or its JSON) or the dashboard: sent with the page headers."""
    return path.startswith(PUBLIC_LINK_PREFIX) or _is_dashboard(path)


def _is_dashboard(path: str) -> bool:
    return path == DASHBOARD_PATH or path.startswith(DASHBOARD_PATH + "/")


def _with_headers(send: Send, extra: list[tuple[bytes, bytes]]) -> Send:
    names = {name for name, _ in extra}

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
            message["headers"] = [*kept, *extra]
        await send(message)

    return sending


async def _answer_errors_as_pages(app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    """Problem documents become error pages; a crash becomes a 500 page."""
    error_start: Message | None = None
    error_body = b""
    started = False

    async def sending(message: Message) -> None:
        nonlocal error_start, error_body, started
        if message["type"] == "http.response.start":
            if Headers(raw=message.get("headers", [])).get("content-type") == PROBLEM_JSON:
                error_start = message
                return
            started = True
        elif error_start is not None:
            error_body += message.get("body", b"")
            if not message.get("more_body", False):
                await _send_error_page(scope, send, error_start, error_body)
            return
        await send(message)

    try:
        await app(scope, receive, sending)
    except Exception:
        logger.exception("unhandled error", extra={"path": loggable_path(scope["path"])})
        if started:
            raise
        crash = {"type": "http.response.start", "status": 500, "headers": []}
        await _send_error_page(scope, send, crash, b"{}")


async def _send_error_page(scope: Scope, send: Send, start: Message, body: bytes) -> None:
    status = int(start["status"])
    try:
        problem: dict[str, Any] = json.loads(body)
    except ValueError:
        problem = {}
    html = render_error_page(scope, status, problem).encode()
    kept = [(k, v) for k, v in start.get("headers", []) if k.lower() in _KEPT_ERROR_HEADERS]
    headers = [
        *kept,
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", str(len(html)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": html})


# What a customer reads for each status: a heading and a sentence (translated in the catalogues).
ERROR_TEXTS: dict[int, tuple[str, str]] = {
    404: (
        N_("This link does not work"),
        N_(
            "It may be mistyped, or it has expired or been replaced by a newer one."
            " Ask the shop for a new link."
        ),
    ),
    409: (
        N_("This cannot be done now"),
        N_("The page has changed meanwhile. Reload it and try again."),
    ),
    429: (N_("Too many requests"), N_("Please wait a minute, then try again.")),
}
# The dashboard's people are a shop's staff, not its customers.
DASHBOARD_ERROR_TEXTS: dict[int, tuple[str, str]] = {
    404: (
        N_("This dashboard link does not work"),
        N_(
            "It may be mistyped, or it has expired or been revoked. Ask for a new link, or sign"
            " in with an API key."
        ),
    ),
}
CLIENT_ERROR = (
    N_("This request could not be handled"),
    N_("Please go back and check what you sent."),
)
SERVER_ERROR = (
    N_("Something went wrong on our side"),
    N_("Please try again in a few minutes. If it keeps happening, tell the shop this reference:"),
)


def render_error_page(scope: Scope, status: int, problem: dict[str, Any]) -> str:
    app = scope["app"]
    pages: Pages = app.state.pages
    lang = QueryParams(scope.get("query_string", b"")).get("lang")
    page = PageRequest(
        request=Request(scope),
        pages=pages,
        explicit=lang if lang and len(lang) <= MAX_LOCALE_LENGTH else None,
        customer_locale=None,
        default_locale=app.state.settings.default_locale,
    )
    dashboard = _is_dashboard(scope["path"])
    texts = {**ERROR_TEXTS, **DASHBOARD_ERROR_TEXTS} if dashboard else ERROR_TEXTS
    heading, sentence = texts.get(status, SERVER_ERROR if status >= 500 else CLIENT_ERROR)
    context = {
        "status": status,
        "heading": page.gettext(heading),
        "sentence": page.gettext(sentence),
        "reference": (problem.get("request_id") or current_request_id()) if status >= 500 else None,
    }
    return page.html("error.html", context)
