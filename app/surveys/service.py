"""Survey templates (versioned) and invitations, including the automatic one on solve."""

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.service import Principal
from app.config import Settings
from app.events.service import actor_data, record_event
from app.kit.errors import UnknownReference, invalid_field
from app.kit.pagination import PageParams
from app.models import SurveyInvitation, SurveyResponse, SurveyTemplate
from app.surveys.errors import BuiltinTemplateReadOnly, SurveyTemplateNotFound
from app.surveys.questions import BUILTIN_TEMPLATES, QuestionSpec
from app.surveys.repository import (
    SurveyInvitationRepository,
    SurveyResponseRepository,
    SurveyTemplateRepository,
)
from app.surveys.schemas import (
    InvitationCreate,
    InvitationFilters,
    InvitationOut,
    InvitedCustomer,
    ResponseFilters,
    SurveyInvitationCreatedData,
    TemplateCreate,
)
from app.surveys.tokens import generate_token, public_survey_url
from app.surveys.types import InvitationTrigger
from app.tickets.service import resolve_references

logger = logging.getLogger("aftercare.surveys")

SUPPORT_CSAT_SLUG = "support-csat"


def template_questions(template: SurveyTemplate) -> tuple[QuestionSpec, ...]:
    return tuple(QuestionSpec.model_validate(question) for question in template.questions)


async def publish_template(
    session: AsyncSession, body: TemplateCreate, *, now: datetime
) -> SurveyTemplate:
    """Store the next version of body.slug (version 1 for a new slug)."""
    if body.slug in BUILTIN_TEMPLATES:
        raise BuiltinTemplateReadOnly(
            f"{body.slug!r} is a built-in template and cannot be changed; publish under "
            "another slug."
        )
    repository = SurveyTemplateRepository(session)
    await repository.lock_slug(body.slug)
    latest_version = await repository.latest_version(body.slug) or 0
    template = SurveyTemplate(
        slug=body.slug,
        version=latest_version + 1,
        name=body.name,
        description=body.description,
        builtin=False,
        questions=[question.model_dump(mode="json") for question in body.questions],
        created_at=now,
    )
    return await repository.add(template)


async def get_template(session: AsyncSession, template_id: uuid.UUID) -> SurveyTemplate:
    template = await SurveyTemplateRepository(session).by_id(template_id)
    if template is None:
        raise SurveyTemplateNotFound(f"No survey template with id {template_id}.")
    return template


async def list_templates(
    session: AsyncSession, page: PageParams, *, slug: str | None
) -> tuple[Sequence[SurveyTemplate], str | None]:
    return await SurveyTemplateRepository(session).page(page, slug=slug)


async def _template_for_invitation(
    session: AsyncSession, slug: str, version: int | None
) -> SurveyTemplate:
    repository = SurveyTemplateRepository(session)
    template = await repository.by_slug(slug, version)
    if template is not None:
        return template
    if version is not None and await repository.by_slug(slug) is not None:
        pointer, detail = "/template_version", f"template {slug!r} has no version {version}"
    else:
        pointer, detail = "/template", f"no survey template {slug!r}"
    raise invalid_field(pointer, detail, problem=UnknownReference)


async def create_invitation(
    session: AsyncSession,
    body: InvitationCreate,
    *,
    now: datetime,
    settings: Settings,
    actor: Principal,
) -> tuple[SurveyInvitation, str, str]:
    """A new invitation pinned to the template version of now: (invitation, token, url)."""
    template = await _template_for_invitation(session, body.template, body.template_version)
    references = await resolve_references(
        session,
        customer_external_ref=body.customer_external_ref,
        order_external_ref=body.order_external_ref,
        ticket_id=body.ticket_id,
    )
    token = generate_token()
    invitation = SurveyInvitation(
        template=template,
        token_hash=token.token_hash,
        customer=references.customer,
        order=references.order,
        ticket_id=references.ticket.id if references.ticket else None,
        trigger=InvitationTrigger.API,
        created_at=now,
        expires_at=now + timedelta(days=settings.survey_invitation_ttl_days),
        created_by_api_key_id=actor.api_key_id,
    )
    await SurveyInvitationRepository(session).add(invitation)
    url = public_survey_url(str(settings.survey_public_base_url), token.plaintext)
    await record_invitation_created(session, invitation, url, now=now, actor=actor)
    return invitation, token.plaintext, url


async def list_invitations(
    session: AsyncSession, page: PageParams, filters: InvitationFilters
) -> tuple[Sequence[SurveyInvitation], str | None]:
    return await SurveyInvitationRepository(session).page(page, filters)


async def list_responses(
    session: AsyncSession, page: PageParams, filters: ResponseFilters
) -> tuple[Sequence[SurveyResponse], str | None]:
    return await SurveyResponseRepository(session).page(page, filters)


async def record_invitation_created(
    session: AsyncSession,
    invitation: SurveyInvitation,
    public_url: str,
    *,
    now: datetime,
    actor: Principal | None,
) -> None:
    """survey.invitation_created carries the link and the customer's contact, so the shop's
    backend can send the email. template, customer and order must be loaded."""
    customer = invitation.customer
    data = SurveyInvitationCreatedData(
        invitation=InvitationOut.from_model(invitation),
        public_url=public_url,
        customer=InvitedCustomer(
            external_ref=customer.external_ref, email=customer.email, name=customer.name
        ),
        created_by=actor_data(actor),
    )
    await record_event(
        session,
        data,
        now=now,
        subject_type="survey_invitation",
        subject_id=invitation.id,
        actor_api_key_id=actor.api_key_id if actor else None,
    )


async def invite_solved_tickets(
    session: AsyncSession, *, now: datetime, settings: Settings, limit: int
) -> int:
    """Invite the customer of each ticket solved at least the configured delay ago to
    support-csat, once per ticket; return how many tickets were claimed."""
    template = await SurveyTemplateRepository(session).by_slug(SUPPORT_CSAT_SLUG)
    if template is None:
        logger.warning("no support-csat template: automatic invitations are off")
        return 0
    repository = SurveyInvitationRepository(session)
    tickets = await repository.claim_solved_tickets_to_invite(
        solved_from=now - timedelta(days=settings.survey_invite_lookback_days),
        solved_until=now - timedelta(minutes=settings.survey_invite_delay_minutes),
        template_slug=SUPPORT_CSAT_SLUG,
        limit=limit,
    )
    tokens: dict[uuid.UUID, str] = {}
    for ticket in tickets:
        token = generate_token()
        invitation_id = await repository.insert_ticket_solved_invitation(
            template_id=template.id,
            token_hash=token.token_hash,
            ticket=ticket,
            created_at=now,
            expires_at=now + timedelta(days=settings.survey_invitation_ttl_days),
        )
        if invitation_id is not None:  # None: another worker invited this ticket first
            tokens[invitation_id] = token.plaintext
    base_url = str(settings.survey_public_base_url)
    for invitation in await repository.by_ids(list(tokens)):
        url = public_survey_url(base_url, tokens[invitation.id])
        await record_invitation_created(session, invitation, url, now=now, actor=None)
    return len(tickets)
