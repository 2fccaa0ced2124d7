"""What a customer reads about their ticket: its status in plain words, the promises and where
they stand, and the public conversation. Pure: the texts come from the catalogues through a
Wording (app.web.i18n), so the page and its JSON say the same in the customer's language."""

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime

from app.kb.schemas import CitedArticle, OrderNotice
from app.models import Ticket, TicketMessage
from app.sla.schemas import Expectation, Expectations, Promised
from app.sla.types import ExpectationStatus, SlaMetric
from app.tickets.schemas import PublicMessage, PublicPromise, TicketStatusView
from app.tickets.vocabulary import AuthorType, TicketStatus, Tier
from app.web.i18n import N_, Wording

STATUS_TEXTS = {
    TicketStatus.NEW: N_("Received: waiting for our first reply"),
    TicketStatus.OPEN: N_("In progress"),
    TicketStatus.PENDING: N_("Waiting for your answer"),
    TicketStatus.ON_HOLD: N_("In progress: we are waiting on someone else"),
    TicketStatus.SOLVED: N_("Solved"),
    TicketStatus.CLOSED: N_("Closed"),
}
OPEN_STATUSES = (ExpectationStatus.ON_TRACK, ExpectationStatus.AT_RISK)
REPLY = N_("We'll reply by %(when)s.")
RESOLVE = N_("We aim to resolve your request by %(when)s.")
LATE_REPLY = N_("Late, sorry: we promised to reply by %(when)s.")
LATE_RESOLVE = N_("Late, sorry: we promised to resolve your request by %(when)s.")
ESCALATED = N_("It has been escalated to a senior agent.")
ON_IT = N_("We are on it.")
REPLIED = N_("We replied on %(when)s.")
RESOLVED = N_("Resolved on %(when)s.")
PAUSED = N_("Our clock is paused while we wait for your answer.")
RECEIVED = N_("We have your request and will reply as soon as we can.")
SOLVED_SUMMARY = N_("Your request is solved. If something is still wrong, write to us below.")
CLOSED_SUMMARY = N_("This request is closed. For anything new, please contact the shop again.")
SUPPORT_NAME = N_("Support team")


def acknowledgement_sentence(promised: Promised, wording: Wording, time_zone: str) -> str:
    """What a new ticket's customer is told: when we reply, else when we aim to resolve."""
    first_response, resolution = promised.first_response, promised.resolution
    if first_response is not None and first_response.due_at is not None:
        return wording.gettext(
            REPLY, when=wording.format_instant(first_response.due_at, time_zone)
        )
    if resolution is not None and resolution.due_at is not None:
        return wording.gettext(RESOLVE, when=wording.format_instant(resolution.due_at, time_zone))
    return wording.gettext(RECEIVED)


def promise_text(
    metric: SlaMetric, expectation: Expectation, ticket: Ticket, wording: Wording, time_zone: str
) -> str:
    """One promise in the customer's words: what is owed by when, kept, late or paused."""
    def when(instant: datetime) -> str:
        return wording.format_instant(instant, time_zone)

    is_reply = metric != SlaMetric.RESOLUTION
    status = expectation.status
    if status in OPEN_STATUSES and expectation.due_at is not None:
        return wording.gettext(REPLY if is_reply else RESOLVE, when=when(expectation.due_at))
    if status == ExpectationStatus.BREACHED and expectation.breached_at is not None:
        late = wording.gettext(
            LATE_REPLY if is_reply else LATE_RESOLVE, when=when(expectation.breached_at)
        )
        after = ESCALATED if ticket.tier >= Tier.SENIOR else ON_IT
        return f"{late} {wording.gettext(after)}"
    if status == ExpectationStatus.MET and expectation.met_at is not None:
        return wording.gettext(REPLIED if is_reply else RESOLVED, when=when(expectation.met_at))
    return wording.gettext(PAUSED)


def promises_of(
    expectations: Expectations, ticket: Ticket, wording: Wording, time_zone: str
) -> list[PublicPromise]:
    shown = (
        (SlaMetric.FIRST_RESPONSE, expectations.first_response),
        (SlaMetric.NEXT_RESPONSE, expectations.next_response),
        (SlaMetric.RESOLUTION, expectations.resolution),
    )
    return [
        PublicPromise(
            metric=metric, status=expectation.status, due_at=expectation.due_at,
            text=promise_text(metric, expectation, ticket, wording, time_zone),
        )
        for metric, expectation in shown
        if expectation is not None
    ]


def _owed(promises: Sequence[PublicPromise]) -> list[PublicPromise]:
    """The promises not yet kept, the broken ones first, replies before the resolution."""
    pending = [p for p in promises if p.status in (*OPEN_STATUSES, ExpectationStatus.BREACHED)]
    return sorted(pending, key=lambda p: p.status != ExpectationStatus.BREACHED)


def summary_of(ticket: Ticket, promises: Sequence[PublicPromise], wording: Wording) -> str:
    if ticket.status == TicketStatus.CLOSED:
        return wording.gettext(CLOSED_SUMMARY)
    if ticket.status == TicketStatus.SOLVED:
        return wording.gettext(SOLVED_SUMMARY)
    owed = _owed(promises)
    if owed:
        return owed[0].text
    if any(p.status == ExpectationStatus.PAUSED for p in promises):
        return wording.gettext(PAUSED)
    return wording.gettext(RECEIVED)


def on_track(ticket: Ticket, promises: Sequence[PublicPromise]) -> bool | None:
    if ticket.status in (TicketStatus.SOLVED, TicketStatus.CLOSED):
        return None
    owed = _owed(promises)
    if not owed:
        return None
    return all(p.status != ExpectationStatus.BREACHED for p in owed)


def public_messages(
    messages: Sequence[TicketMessage],
    ticket: Ticket,
    wording: Wording,
    time_zone: str,
    *,
    show_agent_names: bool,
    cited: Mapping[uuid.UUID, list[CitedArticle]],
) -> list[PublicMessage]:
    agent_name = (ticket.assignee if show_agent_names else None) or wording.gettext(SUPPORT_NAME)
    return [
        PublicMessage(
            author="you" if message.author_type == AuthorType.CUSTOMER else "support",
            author_name=None if message.author_type == AuthorType.CUSTOMER else agent_name,
            body=message.body,
            created_at=message.created_at,
            created_at_text=wording.format_instant(message.created_at, time_zone),
            cited_articles=cited.get(message.id, []),
        )
        for message in messages
        if message.public
    ]


def status_view(
    ticket: Ticket,
    messages: Sequence[TicketMessage],
    expectations: Expectations,
    wording: Wording,
    time_zone: str,
    *,
    show_agent_names: bool,
    cited: Mapping[uuid.UUID, list[CitedArticle]],
    notices: list[OrderNotice],
) -> TicketStatusView:
    promises = promises_of(expectations, ticket, wording, time_zone)
    return TicketStatusView(
        number=ticket.number,
        subject=ticket.subject,
        status=ticket.status,
        status_text=wording.gettext(STATUS_TEXTS[ticket.status]),
        summary=summary_of(ticket, promises, wording),
        on_track=on_track(ticket, promises),
        promises=promises,
        messages=public_messages(
            messages, ticket, wording, time_zone, show_agent_names=show_agent_names, cited=cited
        ),
        can_reply=ticket.status != TicketStatus.CLOSED,
        notices=notices,
        locale=wording.tag,
        time_zone=time_zone,
        created_at=ticket.created_at,
    )
