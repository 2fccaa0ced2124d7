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
from app.models import Customer, SurveyInvitation, SurveyResponse, SurveyTemplate
from app.surveys.builtins import BUILTIN_TEMPLATES
from app.surveys.errors import (
    BuiltinTemplateReadOnly,
    CustomerNotSampled,
    CustomerRecentlyInvited,
    SurveyTemplateNotFound,
)
from app.surveys.questions import QuestionSpec
from app.surveys.repository import (
    SolvedTicket,
    SurveyInvitationRepository,
    SurveyResponseRepository,
    SurveyTemplateRepository,
)
from app.surveys.sampling import in_sample
from app.surveys.schemas import (
    InvitationCreate,
    InvitationFilters,
    InvitationOut,
    InvitedCustomer,
    ResponseFilters,
    SurveyInvitationCreatedData,
    SurveyReminderDueData,
    TemplateCreate,
    TemplateUpdate,
)
from app.surveys.texts import TemplateTexts, TemplateTranslation
from app.surveys.tokens import generate_token, public_survey_url
from app.surveys.types import InvitationTrigger, SkipReason
from app.tickets.service import resolve_references

logger = logging.getLogger("aftercare.surveys")

SUPPORT_CSAT_SLUG = "support-csat"


def template_questions(template: SurveyTemplate) -> tuple[QuestionSpec, ...]:
    return tuple(QuestionSpec.model_validate(question) for question in template.questions)


def template_texts(template: SurveyTemplate) -> TemplateTexts:
    return TemplateTexts(
        locale=template.locale,
        name=template.name,
        description=template.description,
        questions=template_questions(template),
        translations={
            tag: TemplateTranslation.model_validate(translation)
            for tag, translation in template.translations.items()
        },
    )


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
        locale=body.locale,
        translations={
            tag: translation.model_dump(mode="json")
            for tag, translation in body.translations.items()
        },
        sample_percent=body.sample_percent,
        created_at=now,
    )
    return await repository.add(template)


async def get_template(session: AsyncSession, template_id: uuid.UUID) -> SurveyTemplate:
    template = await SurveyTemplateRepository(session).by_id(template_id)
    if template is None:
        raise SurveyTemplateNotFound(f"No survey template with id {template_id}.")
    return template


async def update_template(
    session: AsyncSession, template_id: uuid.UUID, body: TemplateUpdate
) -> SurveyTemplate:
    template = await get_template(session, template_id)
    template.sample_percent = body.sample_percent
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
    customer = references.customer
    assert customer is not None  # customer_external_ref is required: found, or a 422 above
    repository = SurveyInvitationRepository(session)
    await repository.lock_customer(customer.id)
    if not body.override_sampling:
        _refuse_outside_sample(template, customer)
    if not body.override_fatigue:
        await _refuse_recently_invited(repository, customer, now, settings)
    token = generate_token()
    expires_at = now + timedelta(days=settings.survey_invitation_ttl_days)
    invitation = SurveyInvitation(
        template=template,
        token_hash=token.token_hash,
        customer=customer,
        order=references.order,
        ticket_id=references.ticket.id if references.ticket else None,
        trigger=InvitationTrigger.API,
        created_at=now,
        expires_at=expires_at,
        reminder_due_at=reminder_due(now, expires_at, settings),
        created_by_api_key_id=actor.api_key_id,
    )
    await repository.add(invitation)
    url = public_survey_url(str(settings.public_base_url), token.plaintext)
    await record_invitation_created(session, invitation, url, now=now, actor=actor)
    return invitation, token.plaintext, url


def reminder_due(created_at: datetime, expires_at: datetime, settings: Settings) -> datetime | None:
    """When an invitation made now is owed its reminder: never if reminders are off or the link
    expires first."""
    if not settings.survey_reminder_after_days:
        return None
    due = created_at + timedelta(days=settings.survey_reminder_after_days)
    return due if due < expires_at else None


def fatigue_window_start(now: datetime, settings: Settings) -> datetime | None:
    """Invitations made after this instant make a customer too recently invited (None: off)."""
    if not settings.survey_fatigue_days:
        return None
    return now - timedelta(days=settings.survey_fatigue_days)


async def _is_recently_invited(
    repository: SurveyInvitationRepository, customer_id: uuid.UUID, now: datetime,
    settings: Settings,
) -> datetime | None:
    """The customer's last invitation if it falls in the fatigue window, else None."""
    window_start = fatigue_window_start(now, settings)
    if window_start is None:
        return None
    last = await repository.last_invited_at(customer_id)
    return last if last is not None and last > window_start else None


async def _refuse_recently_invited(
    repository: SurveyInvitationRepository, customer: Customer, now: datetime, settings: Settings
) -> None:
    last = await _is_recently_invited(repository, customer.id, now, settings)
    if last is not None:
        raise CustomerRecentlyInvited(
            f"Customer {customer.external_ref!r} was last invited to a survey at"
            f" {last.isoformat()}, within the {settings.survey_fatigue_days} days of"
            " AFTERCARE_SURVEY_FATIGUE_DAYS; send override_fatigue: true to invite anyway."
        )


def _refuse_outside_sample(template: SurveyTemplate, customer: Customer) -> None:
    if not in_sample(customer.id, template.slug, template.sample_percent):
        raise CustomerNotSampled(
            f"Customer {customer.external_ref!r} is outside the {template.sample_percent} % of"
            f" customers template {template.slug!r} samples; send override_sampling: true to"
            " invite anyway."
        )


async def list_invitations(
    session: AsyncSession, page: PageParams, filters: InvitationFilters
) -> tuple[Sequence[SurveyInvitation], str | None]:
    return await SurveyInvitationRepository(session).page(page, filters)


async def list_responses(
    session: AsyncSession, page: PageParams, filters: ResponseFilters
) -> tuple[Sequence[SurveyResponse], str | None]:
    return await SurveyResponseRepository(session).page(page, filters)


def invited_customer(invitation: SurveyInvitation) -> InvitedCustomer:
    """The contact the shop's mailer writes to; the invitation's customer must be loaded."""
    customer = invitation.customer
    return InvitedCustomer(
        external_ref=customer.external_ref, email=customer.email, name=customer.name
    )


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
    data = SurveyInvitationCreatedData(
        invitation=InvitationOut.from_model(invitation),
        public_url=public_url,
        customer=invited_customer(invitation),
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
    support-csat, once per ticket, unless the customer is outside the template's sample or was
    invited recently (the ticket is then passed over for good); return how many tickets were
    claimed."""
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
    # Customers are locked in one order by every worker, so two batches never deadlock.
    for ticket in sorted(tickets, key=lambda ticket: ticket.customer_id):
        skip = await _auto_invite_skip_reason(repository, template, ticket, now, settings)
        if skip is not None:
            await repository.pass_over_ticket(ticket.id, template.id, skip, now)
            continue
        token = generate_token()
        expires_at = now + timedelta(days=settings.survey_invitation_ttl_days)
        invitation_id = await repository.insert_ticket_solved_invitation(
            template_id=template.id,
            token_hash=token.token_hash,
            ticket=ticket,
            created_at=now,
            expires_at=expires_at,
            reminder_due_at=reminder_due(now, expires_at, settings),
        )
        if invitation_id is not None:  # None: another worker invited this ticket first
            tokens[invitation_id] = token.plaintext
    base_url = str(settings.public_base_url)
    for invitation in await repository.by_ids(list(tokens)):
        url = public_survey_url(base_url, tokens[invitation.id])
        await record_invitation_created(session, invitation, url, now=now, actor=None)
    return len(tickets)


async def _auto_invite_skip_reason(
    repository: SurveyInvitationRepository,
    template: SurveyTemplate,
    ticket: SolvedTicket,
    now: datetime,
    settings: Settings,
) -> SkipReason | None:
    if not in_sample(ticket.customer_id, template.slug, template.sample_percent):
        return SkipReason.SAMPLING
    await repository.lock_customer(ticket.customer_id)
    if await _is_recently_invited(repository, ticket.customer_id, now, settings):
        return SkipReason.FATIGUE
    return None


async def record_due_reminders(
    session: AsyncSession, *, now: datetime, settings: Settings, limit: int
) -> int:
    """Record one survey.reminder_due for each claimed invitation still open; clear the ones
    answered or expired meanwhile without a word. Return how many were claimed.

    The reminder carries a new link of its own (the first link was never stored); both work.
    """
    claimed = await SurveyInvitationRepository(session).claim_due_reminders(now, limit)
    base_url = str(settings.public_base_url)
    for invitation in claimed:
        invitation.reminder_due_at = None
        if invitation.responded_at is not None or invitation.expires_at <= now:
            continue
        token = generate_token()
        invitation.reminder_token_hash = token.token_hash
        invitation.reminded_at = now
        data = SurveyReminderDueData(
            invitation=InvitationOut.from_model(invitation),
            public_url=public_survey_url(base_url, token.plaintext),
            customer=invited_customer(invitation),
        )
        await record_event(
            session,
            data,
            now=now,
            subject_type="survey_invitation",
            subject_id=invitation.id,
        )
    return len(claimed)
