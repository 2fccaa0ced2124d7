"""The customer's status page of a ticket: the link's token is the only credential.

Forms need no CSRF token here: the service sets no cookie and reads no ambient credential, so
a request forged by another site carries nothing the attacker lacks; the capability is the
unguessable token in the URL itself, which is what a CSRF token would be. A site that knows the
token can post as the customer anyway, with or without a form. `form-action 'self'` in the
Content-Security-Policy keeps the page's own form from posting anywhere else, and
`Referrer-Policy: no-referrer` keeps the token from leaking through links.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from app.config import Settings
from app.kit.clock import ClockDep
from app.kit.db import SessionDep
from app.kit.errors import MalformedJSON, RequestInvalid, validation_errors
from app.kit.inputs import QueryCheckedRoute
from app.kit.rate_limit import PublicRateLimit
from app.tickets import service
from app.tickets.schemas import MessageOut, PublicMessageCreate, TicketStatusView
from app.tickets.service import STATUS_PAGE_PATH
from app.web.i18n import N_
from app.web.pages import PageDep, PageRequest

router = APIRouter(
    prefix=STATUS_PAGE_PATH.rstrip("/"),
    tags=["public ticket status"],
    route_class=QueryCheckedRoute,
)

PROBLEMS: dict[int | str, dict[str, Any]] = {
    404: {"description": "unknown, revoked or expired link (one answer for all three)"},
    429: {"description": "too many requests from this address; see Retry-After"},
}
HTML_TOO = {"text/html": {"schema": {"type": "string"}}}
FORM = "application/x-www-form-urlencoded"
MESSAGE_BODY_SCHEMA = PublicMessageCreate.model_json_schema()
EMPTY_MESSAGE = N_("Please write your message.")
LONG_MESSAGE = N_("Your message is too long: at most 20,000 characters.")


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def _view(
    page: PageRequest, session: SessionDep, token: str, clock: ClockDep
) -> TicketStatusView:
    settings = _settings(page.request)
    return await service.status_page(
        session, token, clock.now(), lambda locale: page.for_customer(locale).wording,
        default_time_zone=settings.default_time_zone,
        show_agent_names=settings.status_page_show_agent_names,
    )


@router.get(
    "/{token}",
    response_model=TicketStatusView,
    responses={**PROBLEMS, 200: {"content": HTML_TOO}},
)
async def get_ticket_status_page(
    _: PublicRateLimit,
    page: PageDep,
    token: str,
    session: SessionDep,
    clock: ClockDep,
    sent: Annotated[bool, Query(description="show that a message was just sent")] = False,
) -> Response | TicketStatusView:
    """The customer's page of a ticket: its status in plain words, what was promised and
    whether it is on track, the public conversation, and a form to write. HTML for a browser
    (`Accept: text/html`), this JSON otherwise; texts in the customer's language (`lang`, the
    customer's locale, Accept-Language, the default) and times in their time zone."""
    view = await _view(page, session, token, clock)
    if not page.wants_html:
        return view
    return _render(page.for_customer(view.locale), view, token, sent=sent)


def _render(
    page: PageRequest,
    view: TicketStatusView,
    token: str,
    *,
    sent: bool = False,
    draft: str = "",
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    return page.render(
        "ticket_status.html",
        {
            "view": view, "sent": sent, "draft": draft, "error": error,
            "form_action": page.url(f"{STATUS_PAGE_PATH}{token}/messages"),
        },
        status_code=status_code,
    )


@router.post(
    "/{token}/messages",
    status_code=status.HTTP_201_CREATED,
    response_model=MessageOut,
    responses={
        **PROBLEMS,
        303: {"description": "sent from the page's form: back to the page"},
        409: {"description": "the ticket is closed"},
        422: {"description": "an empty or over-long message"},
    },
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": MESSAGE_BODY_SCHEMA},
        FORM: {"schema": MESSAGE_BODY_SCHEMA},
    }}},
)
async def send_ticket_status_page_message(
    _: PublicRateLimit,
    page: PageDep,
    token: str,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
) -> Response | MessageOut:
    """The customer writes to support: JSON, or the page's form (then a 303 back to the page,
    or the page again with the error and the text kept). The same rules as a customer message
    the shop sends: a solved ticket reopens and a next-response target starts."""
    is_form = request.headers.get("content-type", "").startswith(FORM)
    raw = dict(await request.form()) if is_form else await _json_body(request)
    try:
        body = PublicMessageCreate.model_validate(raw)
    except ValidationError as invalid:
        if not is_form:
            located = [{**error, "loc": ("body", *error["loc"])} for error in invalid.errors()]
            errors = validation_errors(located)
            raise RequestInvalid(errors[0]["detail"], errors=errors) from None
        view = await _view(page, session, token, clock)
        text = raw.get("body") if isinstance(raw, dict) else None
        draft = text if isinstance(text, str) else ""
        error = page.for_customer(view.locale).gettext(LONG_MESSAGE if draft else EMPTY_MESSAGE)
        return _render(
            page.for_customer(view.locale), view, token, draft=draft, error=error,
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        )
    message = await service.add_status_page_message(session, token, body, clock.now())
    if is_form:
        return RedirectResponse(
            page.url(f"{STATUS_PAGE_PATH}{token}", sent="true") + "#conversation",
            status_code=status.HTTP_303_SEE_OTHER,
        )
    return message


async def _json_body(request: Request) -> object:
    try:
        return await request.json()
    except ValueError:
        raise MalformedJSON(
            "The body must be JSON {\"body\": \"...\"} or a form with a `body` field."
        ) from None
