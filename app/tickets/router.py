from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status

from app.auth.dependencies import require
from app.auth.scopes import Scope
from app.auth.service import Principal
from app.config import Settings
from app.customers.schemas import CustomerRefQuery, OrderRefQuery
from app.events.schemas import EventOut, recorded_page
from app.idempotency.dependencies import idempotent, idempotent_request
from app.idempotency.service import Idempotency, IdempotentRequest
from app.kit.clock import ClockDep
from app.kit.db import ReadSessionDep, SessionDep
from app.kit.inputs import QueryCheckedRoute, Timestamp
from app.kit.pagination import Page, PageParamsDep
from app.tickets import service
from app.tickets.schemas import (
    MAX_TEAM_LENGTH,
    ChannelField,
    EscalationCreate,
    MessageCreate,
    MessageOut,
    PriorityField,
    StatusField,
    StatusLinkOut,
    SuggestedArticles,
    TicketCreate,
    TicketCreated,
    TicketDetail,
    TicketFilters,
    TicketOut,
    TicketRefInput,
    TicketUpdate,
    TierField,
)

router = APIRouter(prefix="/v1/tickets", tags=["tickets"], route_class=QueryCheckedRoute)

ReadKey = Annotated[Principal, Depends(require(Scope.TICKETS_READ))]
WriteKey = Annotated[Principal, Depends(require(Scope.TICKETS_WRITE))]
IdempotentWrite = Annotated[Idempotency, Depends(idempotent(Scope.TICKETS_WRITE))]
# POST /v1/tickets locks and stores on its own connection (see service.create_ticket); the
# request's API key (tickets:write) comes with it.
IdempotentCreate = Annotated[
    IdempotentRequest, Depends(idempotent_request(Scope.TICKETS_WRITE))
]
DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS = 5, 20
TicketRefPath = Annotated[TicketRefInput, Path(description="the ticket's id (UUID) or its number")]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=TicketCreated)
async def create_ticket(
    body: TicketCreate, request: Request, idempotency: IdempotentCreate
) -> Response:
    """Open a ticket; `description` becomes the customer's first message. The answer's
    `expectations` say what was promised (first response, resolution, each on business or
    calendar time) with a `sentence` to send the customer, in their `locale` and `time_zone`
    (or the defaults)."""
    # The hottest write: its database from the app's state, its answer serialised once.
    state = request.app.state
    answer = await service.create_ticket(
        state.database, body, idempotency, state.settings.language_defaults
    )
    return Response(answer, status_code=service.CREATED, media_type="application/json")


@router.get("", response_model=Page[TicketOut])
async def list_tickets(
    _: ReadKey,
    request: Request,
    page: PageParamsDep,
    status_: Annotated[list[StatusField], Query(alias="status")] = [],  # noqa: B006
    priority: Annotated[list[PriorityField], Query()] = [],  # noqa: B006
    channel: Annotated[list[ChannelField], Query()] = [],  # noqa: B006
    tier: Annotated[TierField | None, Query(description="1 front line, 2 senior")] = None,
    assignee: Annotated[str | None, Query(max_length=128)] = None,
    team: Annotated[
        str | None, Query(max_length=MAX_TEAM_LENGTH, description="exactly this team")
    ] = None,
    customer: CustomerRefQuery = None,
    order: OrderRefQuery = None,
    tag: Annotated[list[str], Query(max_length=50, description="all of these tags")] = [],  # noqa: B006
    created_from: Annotated[Timestamp | None, Query(description="created at or after")] = None,
    created_to: Annotated[Timestamp | None, Query(description="created before")] = None,
    breached: Annotated[
        bool | None, Query(description="has (true) or has no (false) breached SLA target")
    ] = None,
) -> Response:
    """Tickets, newest first. Repeat `status`, `priority`, `channel` to match any of several."""
    filters = TicketFilters(
        statuses=status_, priorities=priority, channels=channel,
        tier=tier, assignee=assignee,
        team=None if team is None else team.strip(),
        customer_external_ref=customer, order_external_ref=order,
        tags=[value.strip().lower() for value in tag],
        created_from=created_from, created_to=created_to, breached=breached,
    )
    tickets, next_cursor = await service.list_tickets(request.app.state.database, page, filters)
    listed = Page[TicketOut](items=tickets, next_cursor=next_cursor)
    # Serialised once: returned as a model, FastAPI would validate it again as the response model.
    return Response(listed.model_dump_json(), media_type="application/json")


@router.get("/{ticket_id}", response_model=TicketDetail)
async def get_ticket(_: ReadKey, ticket_id: TicketRefPath, request: Request) -> Response:
    """The ticket with its `expectations`: when a first answer and a resolution are due, and
    whether each is on track, at risk, breached, met or paused."""
    # The hottest read: its database and clock from the app's state rather than dependencies,
    # its answer serialised once (already a TicketDetail: nothing for FastAPI to validate).
    state = request.app.state
    detail = await service.get_ticket_detail(state.database, ticket_id, state.clock.now())
    return Response(detail.model_dump_json(), media_type="application/json")


@router.patch("/{ticket_id}", response_model=TicketOut)
async def update_ticket(
    ticket_id: TicketRefPath, body: TicketUpdate, session: SessionDep, clock: ClockDep,
    actor: WriteKey,
) -> TicketOut:
    """Change status, priority, assignee, team or tags. Closed is final; solved may reopen."""
    ticket = await service.update_ticket(session, ticket_id, body, actor, clock.now())
    return TicketOut.model_validate(ticket)


@router.post(
    "/{ticket_id}/messages", status_code=status.HTTP_201_CREATED, response_model=MessageOut
)
async def create_ticket_message(
    ticket_id: TicketRefPath, body: MessageCreate, session: SessionDep, clock: ClockDep,
    actor: WriteKey, idempotency: IdempotentWrite,
) -> object:
    """A reply or an internal note. A public agent reply answers the customer; a customer
    message reopens a solved ticket; a closed ticket accepts nothing (409)."""
    message = await service.add_message(session, ticket_id, body, actor, clock.now())
    return await idempotency.respond(status.HTTP_201_CREATED, message)


@router.get("/{ticket_id}/messages", response_model=Page[MessageOut])
async def list_ticket_messages(
    _: ReadKey, ticket_id: TicketRefPath, session: ReadSessionDep, page: PageParamsDep
) -> Page[MessageOut]:
    """The conversation, oldest first."""
    rows, next_cursor = await service.list_messages(session, ticket_id, page)
    return Page(items=rows, next_cursor=next_cursor)


@router.get("/{ticket_id}/suggested-articles", response_model=SuggestedArticles)
async def list_ticket_suggested_articles(
    _: ReadKey,
    ticket_id: TicketRefPath,
    request: Request,
    session: ReadSessionDep,
    limit: Annotated[int, Query(ge=1, le=MAX_SUGGESTIONS)] = DEFAULT_SUGGESTIONS,
) -> SuggestedArticles:
    """Published knowledge-base articles that may answer the ticket, best first: ranked as
    `GET /v1/articles/search` ranks (title over summary over body, typos tolerated) against
    the subject and the customer's first messages, any word matching, in the customer's
    language, else (nothing there) the default locale's. `tickets:read` is enough: the
    articles are published ones, readable by anyone; the ticket's text is what is guarded.
    Cite one with `article_ids` on the reply."""
    settings: Settings = request.app.state.settings
    return await service.suggested_articles(
        session, ticket_id, default_locale=settings.default_locale, limit=limit
    )


@router.post("/{ticket_id}/escalate", response_model=TicketOut)
async def escalate_ticket(
    ticket_id: TicketRefPath, body: EscalationCreate, session: SessionDep, clock: ClockDep,
    actor: WriteKey, idempotency: IdempotentWrite,
) -> object:
    """Move a tier-1 ticket to the senior tier (409 if it is already there)."""
    ticket = await service.escalate(session, ticket_id, body.reason, actor, clock.now())
    return await idempotency.respond(status.HTTP_200_OK, TicketOut.model_validate(ticket))


@router.get("/{ticket_id}/events", response_model=Page[EventOut])
async def list_ticket_events(
    _: ReadKey, ticket_id: TicketRefPath, request: Request, page: PageParamsDep
) -> Response:
    """The ticket's timeline, oldest first: creation, messages, status changes, updates,
    escalations."""
    rows, next_cursor = await service.list_timeline(request.app.state.database, ticket_id, page)
    return Response(recorded_page(rows, next_cursor), media_type="application/json")


@router.post(
    "/{ticket_id}/status-link", status_code=status.HTTP_201_CREATED, response_model=StatusLinkOut
)
async def create_ticket_status_link(
    ticket_id: TicketRefPath, request: Request, session: SessionDep, clock: ClockDep,
    _: WriteKey,
) -> StatusLinkOut:
    """A link for the customer to the ticket's status page (HTML for a browser, JSON for
    `Accept: application/json`), valid `status_link_ttl_days`. The URL is in this answer only;
    a new one replaces the previous link, which stops working. No Idempotency-Key: a replay
    would have to store the link."""
    settings: Settings = request.app.state.settings
    return await service.create_status_link(
        session, ticket_id, clock.now(), base_url=str(settings.public_base_url),
        ttl=timedelta(days=settings.status_link_ttl_days),
    )


@router.delete("/{ticket_id}/status-link", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_ticket_status_link(
    ticket_id: TicketRefPath, session: SessionDep, _: WriteKey
) -> None:
    """The ticket's status link stops working at once (also when it has none)."""
    await service.revoke_status_link(session, ticket_id)
