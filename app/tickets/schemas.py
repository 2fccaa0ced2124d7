import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from app.customers.schemas import EXTERNAL_REF_PATTERN, CustomerRef, CustomerSummary
from app.events.types import EventData, EventType
from app.kb.schemas import (
    MAX_CITED_ARTICLES,
    ArticleSearchHit,
    CitedArticle,
    OrderNotice,
    SearchCorrection,
)
from app.kit.enums import EnumName, NamedEnum
from app.kit.inputs import Input
from app.orders.schemas import OrderSummary
from app.sla.schemas import Expectations, Promised
from app.sla.types import ExpectationStatus, SlaMetric
from app.tickets.vocabulary import AuthorType, Channel, Priority, TicketStatus, Tier

# What a client may send as a tag, stored trimmed and in lower case. Only ASCII letters and
# spaces are folded, so the pattern the OpenAPI document shows is exactly what is accepted.
TAG_PATTERN = r"^ *[A-Za-z0-9][A-Za-z0-9_-]{0,49} *$"


def _normalise_tag(value: str) -> str:
    return value.strip(" ").lower()


Tag = Annotated[str, StringConstraints(pattern=TAG_PATTERN), AfterValidator(_normalise_tag)]
MAX_TICKET_NUMBER = 2**63 - 1
StatusField = Annotated[TicketStatus, NamedEnum()]
PriorityField = Annotated[Priority, NamedEnum()]
ChannelField = Annotated[Channel, NamedEnum()]
AuthorTypeField = Annotated[AuthorType, NamedEnum()]
TierField = Annotated[Tier, NamedEnum()]


def parse_ticket_ref(value: object) -> uuid.UUID | int:
    """A ticket is addressed by its id (UUID) or its human number."""
    if isinstance(value, str) and value.isdigit() and len(value) <= 19:
        number = int(value)
        if number <= MAX_TICKET_NUMBER:
            return number
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ValueError("must be a ticket id (UUID) or a ticket number") from None


TicketNumber = Annotated[int, Field(ge=0, le=MAX_TICKET_NUMBER)]
TicketRefInput = Annotated[uuid.UUID | TicketNumber, BeforeValidator(parse_ticket_ref)]
Assignee = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
MAX_TEAM_LENGTH = 64
Team = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEAM_LENGTH)
]
Subject = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=250)]
MessageBody = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
MAX_TAGS = 20


def _unique_in_order(tags: list[str]) -> list[str]:
    return list(dict.fromkeys(tags))


Tags = Annotated[list[Tag], Field(max_length=MAX_TAGS), AfterValidator(_unique_in_order)]


class TicketCreate(Input):
    subject: Subject
    description: MessageBody = Field(description="the customer's first message")
    channel: ChannelField
    priority: PriorityField = Priority.NORMAL
    customer: CustomerRef
    order_external_ref: str | None = Field(
        default=None,
        pattern=EXTERNAL_REF_PATTERN,
        description="an existing order of this customer (else a 422 unknown-reference)",
    )
    tags: Tags = Field(default_factory=list)
    assignee: Assignee | None = None
    team: Team | None = Field(
        default=None, description="the team handling it (free text, trimmed, 1-64 characters)"
    )


class TicketUpdate(Input):
    """Only the fields sent are changed (at least one); `assignee: null` unassigns,
    `team: null` clears the team."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    status: StatusField | None = Field(
        default=None,
        description="the moves allowed depend on the current status (README, Tickets); another"
        " is a 422 ticket-transition-not-allowed",
    )
    priority: PriorityField | None = None
    assignee: Assignee | None = None
    team: Team | None = None
    tags: Tags | None = None


class EscalationCreate(Input):
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]


class MessageCreate(Input):
    author_type: AuthorTypeField
    public: bool = Field(default=True, description="false: an internal note (agents only)")
    body: MessageBody
    channel: ChannelField | None = Field(
        default=None, description="default: the ticket's channel"
    )
    article_ids: Annotated[
        list[uuid.UUID],
        Field(max_length=MAX_CITED_ARTICLES),
        AfterValidator(lambda ids: list(dict.fromkeys(ids))),
    ] = Field(
        default=[],
        description="published knowledge-base articles the reply cites (an agent's public"
        " reply only); an unknown or unpublished one is a 422 article-not-citable",
    )


class MessageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    ticket_id: uuid.UUID
    author_type: AuthorTypeField
    public: bool
    body: str
    channel: ChannelField
    created_at: datetime
    cited_articles: list[CitedArticle] = Field(
        default=[], description="the knowledge-base articles the reply cites, in its order"
    )


class TicketOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    number: int
    subject: str
    status: StatusField
    priority: PriorityField
    channel: ChannelField
    tier: TierField
    customer: CustomerSummary
    order: OrderSummary | None
    assignee: str | None
    team: str | None
    tags: list[str]
    created_at: datetime
    updated_at: datetime
    first_responded_at: datetime | None
    first_solved_at: datetime | None
    solved_at: datetime | None
    closed_at: datetime | None
    public_agent_reply_count: int
    reopen_count: int
    awaiting_reply_since: datetime | None = Field(
        description="the oldest customer message not yet answered by a public agent reply"
    )
    escalated_at: datetime | None
    escalation_reason: str | None


class Acknowledgement(Promised):
    """What a new ticket's customer can be told at once, ready to send."""

    locale: str = Field(description="the language of `sentence` (BCP 47)")
    time_zone: str = Field(description="the IANA time zone `sentence` writes times in")
    sentence: str = Field(
        description="the promise in the customer's language and time zone, e.g. \"We'll reply"
        " by Tuesday, December 1, 10:00 AM.\""
    )


class TicketCreated(TicketOut):
    expectations: Acknowledgement = Field(
        description="what was promised, for the shop's acknowledgement to the customer (also in"
        " the `ticket.created` event)"
    )


class TicketDetail(TicketOut):
    expectations: Expectations | None = Field(
        default=None,
        description="what was promised to the customer and whether it is on track",
    )


@dataclass(frozen=True, slots=True)
class TicketFilters:
    statuses: Sequence[TicketStatus] = ()
    priorities: Sequence[Priority] = ()
    channels: Sequence[Channel] = ()
    tier: Tier | None = None
    assignee: str | None = None
    team: str | None = None
    customer_external_ref: str | None = None
    order_external_ref: str | None = None
    tags: Sequence[str] = field(default_factory=tuple)
    created_from: datetime | None = None
    created_to: datetime | None = None
    breached: bool | None = None


# --- event payloads (app/events/catalogue.py lists them) ---------------------------------------


class TicketEventData(EventData):
    ticket: TicketOut = Field(description="the ticket as the API shows it, after the change")


class TicketCreatedData(TicketEventData):
    """A ticket was created (POST /v1/tickets)."""

    event_type = EventType.TICKET_CREATED
    expectations: Acknowledgement = Field(
        description="what was promised and the sentence for the customer, as in the answer"
    )


class PriorityChange(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: PriorityField = Field(alias="from")
    to: PriorityField


class AssigneeChange(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: str | None = Field(alias="from")
    to: str | None


class TeamChange(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: str | None = Field(alias="from")
    to: str | None


class TagsChange(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: list[str] = Field(alias="from")
    to: list[str]


class TicketChanges(BaseModel):
    """What changed, from what to what; null for an attribute that did not change."""

    priority: PriorityChange | None = None
    assignee: AssigneeChange | None = None
    team: TeamChange | None = None
    tags: TagsChange | None = None


class TicketUpdatedData(TicketEventData):
    """A ticket's priority, assignee, team or tags changed (a status change is
    ticket.status_changed)."""

    event_type = EventType.TICKET_UPDATED
    changes: TicketChanges


class StatusChangeReason(StrEnum):
    AUTO_CLOSE = "auto_close"


class TicketStatusChangedData(TicketEventData):
    """A ticket's status changed: by a PATCH, a message (a customer reopening a solved
    ticket, an agent's first reply) or the worker's auto-close."""

    model_config = ConfigDict(populate_by_name=True)

    event_type = EventType.TICKET_STATUS_CHANGED
    from_: StatusField = Field(alias="from")
    to: StatusField
    reason: StatusChangeReason | None = Field(
        default=None, description="set when the service made the change itself"
    )


class TicketEscalatedData(TicketEventData):
    """A ticket moved from tier 1 to tier 2, asked for by an agent or on an SLA breach."""

    event_type = EventType.TICKET_ESCALATED
    reason: str
    from_tier: TierField
    automatic: bool = Field(description="true when an SLA breach escalated it")


class TicketMessageCreatedData(TicketEventData):
    """A message (or an internal note) was added to a ticket."""

    event_type = EventType.TICKET_MESSAGE_CREATED
    message: MessageOut


class SlaTargetEventData(TicketEventData):
    """A target of the ticket's SLA, with the ticket as the ticket.* events carry it. (Here
    rather than in app.sla.schemas, which app.tickets.schemas imports.)"""

    ticket_id: uuid.UUID
    ticket_number: int
    target_id: uuid.UUID
    metric: SlaMetric
    due_at: datetime
    breached_at: datetime | None = Field(
        default=None, description="when the promise was broken; null for a warning"
    )
    policy_id: uuid.UUID | None
    policy_name: str | None


class SlaWarningData(SlaTargetEventData):
    """A ticket's SLA target entered its warning window: it is due soon."""

    event_type = EventType.SLA_WARNING


class SlaBreachedData(SlaTargetEventData):
    """A ticket's SLA target passed its due time unmet."""

    event_type = EventType.SLA_BREACHED


class StatusLinkOut(BaseModel):
    url: str = Field(
        description="the customer's link to the ticket's status page; shown only in this answer"
        " (only a hash is kept)"
    )
    created_at: datetime
    expires_at: datetime


class PublicMessage(BaseModel):
    author: Annotated[Literal["you", "support"], EnumName("MessageAuthor")] = Field(
        description="the customer, or the shop's support"
    )
    author_name: str | None = Field(
        description="the agent's name where the service shows names, else null"
    )
    body: str
    created_at: datetime
    created_at_text: str = Field(description="created_at in the customer's language and zone")
    cited_articles: list[CitedArticle] = Field(
        default=[], description="help-centre articles the reply points to"
    )


class PublicPromise(BaseModel):
    metric: Annotated[SlaMetric, NamedEnum()]
    status: Annotated[ExpectationStatus, NamedEnum()]
    due_at: datetime | None
    text: str = Field(description="the promise and where it stands, in the customer's language")


class TicketStatusView(BaseModel):
    """A ticket as its customer sees it: no internal notes, no internal fields."""

    number: int
    subject: str
    status: StatusField
    status_text: str = Field(description="the status in plain words, in the customer's language")
    summary: str = Field(description="what the customer can expect now, in one or two sentences")
    on_track: bool | None = Field(
        description="false when a promise was broken and not yet kept; null when nothing is owed"
    )
    promises: list[PublicPromise]
    messages: list[PublicMessage] = Field(description="the public conversation, oldest first")
    can_reply: bool = Field(description="false once the ticket is closed")
    notices: list[OrderNotice] = Field(
        default=[],
        description="update notices in effect for the ticket's order (knowledge-base articles)",
    )
    locale: str = Field(description="the language of the texts (BCP 47)")
    time_zone: str = Field(description="the IANA time zone the times are written in")
    created_at: datetime


class PublicMessageCreate(Input):
    body: MessageBody


class SuggestedArticles(BaseModel):
    """Published articles that may answer the ticket, best first."""

    locale: str = Field(description="the language searched: the customer's, or the default")
    fallback: bool = Field(
        description="true: nothing matched in the customer's language, these are the default"
        " locale's"
    )
    items: list[ArticleSearchHit]
    corrections: list[SearchCorrection] = Field(
        description="ticket words no article uses, searched as the most similar word one does"
    )
