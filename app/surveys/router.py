import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from app.auth.dependencies import require
from app.auth.scopes import Scope
from app.auth.service import Principal
from app.customers.schemas import OrderRefQuery
from app.idempotency.dependencies import idempotent
from app.idempotency.service import Idempotency
from app.kit.clock import ClockDep
from app.kit.db import SessionDep
from app.kit.inputs import QueryCheckedRoute, Timestamp
from app.kit.pagination import Page, PageParamsDep
from app.surveys import service
from app.surveys.schemas import (
    SLUG_PATTERN,
    InvitationCreate,
    InvitationCreated,
    InvitationFilters,
    InvitationOut,
    ResponseFilters,
    ResponseOut,
    TemplateCreate,
    TemplateOut,
    TemplateUpdate,
    invitation_created,
)

router = APIRouter(tags=["surveys"], route_class=QueryCheckedRoute)
ReadKey = Annotated[Principal, Depends(require(Scope.SURVEYS_READ))]
WriteKey = Annotated[Principal, Depends(require(Scope.SURVEYS_WRITE))]
IdempotentWrite = Annotated[Idempotency, Depends(idempotent(Scope.SURVEYS_WRITE))]
SlugQuery = Annotated[str | None, Query(pattern=SLUG_PATTERN, description="template slug")]
FromQuery = Annotated[Timestamp | None, Query(alias="from", description="at or after")]
ToQuery = Annotated[Timestamp | None, Query(alias="to", description="before")]


@router.post("/v1/survey-templates", status_code=201, response_model=TemplateOut)
async def create_survey_template(
    body: TemplateCreate,
    session: SessionDep,
    clock: ClockDep,
    _: WriteKey,
    idempotency: IdempotentWrite,
) -> JSONResponse:
    """Publish a template. Posting a slug that exists adds its next version: invitations keep
    the version they were created with, so answers already given never change meaning.
    Built-in slugs (post-purchase, support-csat) cannot be republished."""
    template = await service.publish_template(session, body, now=clock.now())
    return await idempotency.respond(201, TemplateOut.model_validate(template))


@router.get("/v1/survey-templates", response_model=Page[TemplateOut])
async def list_survey_templates(
    session: SessionDep, _: ReadKey, page: PageParamsDep, slug: SlugQuery = None
) -> Page[TemplateOut]:
    """Every version of every template, newest first; `?slug=` for the versions of one."""
    rows, next_cursor = await service.list_templates(session, page, slug=slug)
    return Page(items=[TemplateOut.model_validate(row) for row in rows], next_cursor=next_cursor)


@router.get("/v1/survey-templates/{template_id}", response_model=TemplateOut)
async def get_survey_template(
    template_id: uuid.UUID, session: SessionDep, _: ReadKey
) -> TemplateOut:
    return TemplateOut.model_validate(await service.get_template(session, template_id))


@router.patch("/v1/survey-templates/{template_id}", response_model=TemplateOut)
async def update_survey_template(
    template_id: uuid.UUID, body: TemplateUpdate, session: SessionDep, _: WriteKey
) -> TemplateOut:
    """Change which share of customers a template version invites (`sample_percent`), built-in
    templates included; its questions never change. A customer's draw depends on the slug and
    the customer only: raising the share adds customers, none drawn before is left out."""
    template = await service.update_template(session, template_id, body)
    return TemplateOut.model_validate(template)


@router.post("/v1/survey-invitations", status_code=201, response_model=InvitationCreated)
async def create_survey_invitation(
    body: InvitationCreate,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    actor: WriteKey,
    idempotency: IdempotentWrite,
) -> JSONResponse:
    """Invite a customer to answer a survey (latest version of the template unless pinned).
    The token and public URL are in this answer and the survey.invitation_created event only;
    the link is single-use and expires after AFTERCARE_SURVEY_INVITATION_TTL_DAYS."""
    invitation, token, url = await service.create_invitation(
        session, body, now=clock.now(), settings=request.app.state.settings, actor=actor
    )
    return await idempotency.respond(201, invitation_created(invitation, token, url))


@router.get("/v1/survey-invitations", response_model=Page[InvitationOut])
async def list_survey_invitations(
    session: SessionDep,
    _: ReadKey,
    page: PageParamsDep,
    template: SlugQuery = None,
    customer_external_ref: Annotated[str | None, Query(max_length=128)] = None,
    order: OrderRefQuery = None,
    ticket_id: uuid.UUID | None = None,
    created_from: FromQuery = None,
    created_to: ToQuery = None,
) -> Page[InvitationOut]:
    filters = InvitationFilters(
        template_slug=template, customer_external_ref=customer_external_ref,
        order_external_ref=order, ticket_id=ticket_id, created_from=created_from,
        created_to=created_to,
    )
    rows, next_cursor = await service.list_invitations(session, page, filters)
    return Page(items=[InvitationOut.from_model(row) for row in rows], next_cursor=next_cursor)


@router.get("/v1/survey-responses", response_model=Page[ResponseOut])
async def list_survey_responses(
    session: SessionDep,
    _: ReadKey,
    page: PageParamsDep,
    template: SlugQuery = None,
    template_id: Annotated[uuid.UUID | None, Query(description="one template version")] = None,
    customer_external_ref: Annotated[str | None, Query(max_length=128)] = None,
    order: OrderRefQuery = None,
    ticket_id: uuid.UUID | None = None,
    created_from: FromQuery = None,
    created_to: ToQuery = None,
) -> Page[ResponseOut]:
    """Responses with their answers, newest first; `from`/`to` bound the time received."""
    filters = ResponseFilters(
        template_slug=template, template_id=template_id,
        customer_external_ref=customer_external_ref, order_external_ref=order,
        ticket_id=ticket_id, created_from=created_from, created_to=created_to,
    )
    rows, next_cursor = await service.list_responses(session, page, filters)
    return Page(items=[ResponseOut.from_model(row) for row in rows], next_cursor=next_cursor)
