"""The demo data set, as rows ready for COPY: pure logic, deterministic for a seed, no I/O.

What it builds (N = the number of tickets):

- customers (about 0.3 N), each known from a first order; about half buy again, every 5 weeks
  on average, so retention is meaningful;
- orders (about 0.8 N) over the last 240 days, each shipped on a lane (carrier, service level,
  destination: `SHIPPING_LANES`) within a day and a bit, with transit times drawn from the
  lane's own log-normal distribution and the lane's promise (some lanes promise more than they
  keep, so the estimates, the calibration and the at-risk watch differ between lanes); 3 %
  cancelled, 2 % of the rest never delivered; promises that passed undelivered carry
  `overdue_notified_at` as the worker's overdue watch would have set it, and orders still in
  transit are due for the at-risk watch (`risk_check_at` now);
- tickets over the last 180 days (more on weekdays and office hours, growing volume), across
  channels and priorities; about 70 % about one of the customer's orders. Each ticket's life
  (replies, pending and on-hold pauses, escalations, solves, reopens, auto-close) is replayed
  by `app.demo.lifecycle` under the SLA policy that matches it (chosen again when it is
  escalated), which yields its counters, its messages and its SLA targets (met, breached,
  active, paused, stopped);
- `support-csat` invitations for solved tickets (an hour after the solve, as the worker does)
  and `post-purchase` invitations a day after delivery; about a third are answered, with scores
  that drop with slow answers, reopens, escalations and late deliveries; low scores open a
  feedback item as the answering service does, plus some reviews and social-media feedback;
- events for the last `EVENT_DAYS` days only: `ticket.created`, `sla.breached`,
  `order.delivery_overdue`, `feedback.created` (no webhook deliveries); and, from
  `app.demo.help_centre`, `article.published` for each of its few articles, when it was
  published.
"""

import bisect
import hashlib
import itertools
import json
import math
import random
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from asyncpg.pgproto.pgproto import UUID as FastUUID

from app.demo.lifecycle import (
    DAY,
    Action,
    SecondsClock,
    SlaTerms,
    Target,
    TicketState,
    replay,
)
from app.events.types import EventType
from app.feedback.workflow import sentiment_from_rating
from app.sla.business_hours import BusinessCalendar
from app.sla.rules import (
    DEFAULT_PAUSE_STATUSES,
    BusinessClock,
    TicketAttributes,
    policy_matches,
)
from app.sla.schemas import Promise, Promised
from app.surveys.questions import (
    NormalisedAnswer,
    QuestionSpec,
    follow_up_text,
    is_low_score,
    validate_answers,
)
from app.tickets.status_page import acknowledgement_sentence
from app.tickets.vocabulary import DONE_STATUSES, Channel, Priority, Tier
from app.web.i18n import wording_for

HOUR = 3_600.0
MINUTE = 60.0
TICKET_DAYS = 180
ORDER_DAYS = 240
EVENT_DAYS = 7
INVITATION_TTL_DAYS = 28  # the default SURVEY_INVITATION_TTL_DAYS
INVITE_DELAY = 60 * MINUTE  # the default SURVEY_INVITE_DELAY_MINUTES

@dataclass(frozen=True, slots=True)
class ShippingLane:
    """Who carries where, how long it takes (log-normal: median and spread) and what the shop
    promises (days after the order's day, at 18:00)."""

    carrier: str
    service_level: str
    country: str
    weight: int
    median_hours: float
    sigma: float
    promise_days: int


SHIPPING_LANES = (
    ShippingLane("dhl", "standard", "DE", 40, 30, 0.35, 3),
    ShippingLane("dhl", "express", "DE", 12, 16, 0.25, 2),
    ShippingLane("dhl", "standard", "AT", 8, 52, 0.40, 4),
    ShippingLane("ups", "standard", "FR", 10, 70, 0.45, 5),
    ShippingLane("ups", "express", "FR", 5, 28, 0.30, 3),
    ShippingLane("gls", "economy", "DE", 15, 60, 0.60, 3),  # promises more than it keeps
    ShippingLane("postnl", "standard", "NL", 10, 44, 0.50, 3),
)
TRACKING_URLS = {
    "dhl": "https://www.dhl.com/track?tracking-id=",
    "ups": "https://www.ups.com/track?tracknum=",
    "gls": "https://gls-group.com/track/",
    "postnl": "https://postnl.nl/tracktrace/?B=",
}

Row = tuple[Any, ...]
Rows = dict[str, list[Row]]

COLUMNS: dict[str, tuple[str, ...]] = {
    "customers": ("id", "external_ref", "email", "name", "created_at", "updated_at"),
    "orders": (
        "id", "external_ref", "customer_id", "status", "placed_at", "amount", "currency",
        "promised_delivery_at", "delivered_at", "overdue_notified_at", "created_at", "updated_at",
        "carrier", "service_level", "destination_country", "shipped_at", "tracking_number",
        "tracking_url", "risk_check_at",
    ),
    "tickets": (
        "id", "number", "subject", "status", "priority", "channel", "tier", "customer_id",
        "order_id", "assignee", "team", "tags", "created_at", "updated_at", "first_responded_at",
        "first_solved_at", "solved_at", "closed_at", "public_agent_reply_count", "reopen_count",
        "first_reopened_at", "last_reopened_at", "replies_at_first_solve",
        "awaiting_reply_since", "escalated_at", "escalation_reason",
    ),
    "ticket_messages": (
        "id", "ticket_id", "author_type", "public", "body", "channel", "created_at",
    ),
    "ticket_slas": (
        "ticket_id", "policy_id", "policy_name", "policy_version", "calendar", "targets",
        "pause_statuses", "escalate_on_breach", "applied_at",
    ),
    "sla_targets": (
        "id", "ticket_id", "metric", "status", "policy_id", "policy_name", "target",
        "warn_before", "business_hours", "started_at", "due_at", "warn_at", "paused_at",
        "paused_for", "warned_at", "breached_at", "met_at", "stopped_at", "created_at",
    ),
    "survey_invitations": (
        "id", "template_id", "token_hash", "customer_id", "order_id", "ticket_id", "trigger",
        "created_at", "expires_at", "responded_at", "created_by_api_key_id",
    ),
    "survey_responses": (
        "id", "invitation_id", "template_id", "customer_id", "order_id", "ticket_id",
        "created_at",
    ),
    "survey_answers": (
        "response_id", "question_key", "position", "question_type", "counts_as",
        "numeric_value", "label", "text_value", "answered_at",
    ),
    "feedback": (
        "id", "source", "status", "text", "rating", "sentiment", "area", "customer_id",
        "order_id", "ticket_id", "survey_response_id", "action_taken", "created_at",
        "updated_at", "acknowledged_at", "actioned_at", "closed_at", "created_by_api_key_id",
        "updated_by_api_key_id",
    ),
    "events": (
        "id", "type", "created_at", "data", "subject_type", "subject_id", "actor_api_key_id",
    ),
}
# Parents before children, for COPY (foreign keys are checked row by row).
TABLE_ORDER = tuple(COLUMNS)

CHANNELS = (Channel.EMAIL, Channel.CHAT, Channel.WEB, Channel.PHONE, Channel.SOCIAL, Channel.API)
CHANNEL_WEIGHTS = (35, 25, 15, 12, 8, 5)
# Median first-response delay per channel (seconds).
CHANNEL_FIRST_RESPONSE = {
    "chat": 2 * MINUTE, "phone": 1 * MINUTE, "social": 90 * MINUTE,
    "email": 3 * HOUR, "web": 3.5 * HOUR, "api": 4 * HOUR,
}
STAFFED_ON_WEEKENDS = frozenset({"chat", "phone"})
PRIORITIES = (Priority.LOW, Priority.NORMAL, Priority.HIGH, Priority.URGENT)
PRIORITY_WEIGHTS = (15, 60, 20, 5)
PRIORITY_SPEED = {"low": 1.6, "normal": 1.0, "high": 0.5, "urgent": 0.25}
WEEKDAY_WEIGHTS = (1.15, 1.05, 1.0, 1.0, 0.95, 0.6, 0.55)  # Monday first
HOUR_WEIGHTS = (
    0.2, 0.15, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.2, 1.5, 1.6, 1.6,
    1.5, 1.5, 1.5, 1.4, 1.3, 1.2, 1.1, 1.1, 1.0, 0.8, 0.5, 0.3,
)


@dataclass(frozen=True, slots=True)
class Topic:
    tag: str
    subject: str
    opening: str
    needs_order: bool
    weight: int


TOPICS = (
    Topic("delivery", "Where is my order?", "My order has not arrived yet. Can you check where "
          "it is?", True, 30),
    Topic("returns", "I want to return an item", "The item does not fit. How do I send it "
          "back?", True, 15),
    Topic("refund", "Refund not received yet", "I returned my parcel two weeks ago and have "
          "not been refunded.", True, 12),
    Topic("damaged", "Item arrived damaged", "The box was crushed and the item inside is "
          "broken.", True, 10),
    Topic("payment", "Charged twice", "I see two charges for the same order on my card "
          "statement.", True, 6),
    Topic("address", "Change my delivery address", "I moved last week, can you send the "
          "order to my new address?", True, 8),
    Topic("product", "Question about a product", "Is this jacket waterproof, and does it run "
          "small?", False, 12),
    Topic("account", "Cannot log in", "The password reset link never arrives.", False, 7),
)
TOPIC_WEIGHTS = tuple(topic.weight for topic in TOPICS)
AGENT_REPLIES = (
    "Thanks for reaching out, I am looking into this for you.",
    "I have checked with our warehouse and will update you shortly.",
    "I am sorry about this. I have arranged a replacement.",
    "Your refund has been issued and should appear within 3-5 business days.",
    "Here is the tracking link for your parcel.",
    "I have updated the address on your order.",
)
CUSTOMER_FOLLOW_UPS = (
    "Any news on this?", "Thanks, but it still has not arrived.",
    "Here is the photo you asked for.",
    "I still have not received anything.", "Thank you, that works for me.",
)
REOPEN_MESSAGES = ("Sorry, the problem is back.", "The replacement is broken too.")
NOTES = ("Asked the carrier for a trace.", "Waiting for the warehouse to confirm.")
ESCALATION_REASONS = (
    "Needs a refund above the front-line limit", "Carrier dispute", "Customer threatens a "
    "chargeback", "Technical issue with the account",
)
AGENTS = tuple(f"agent.{name}" for name in (
    "ana", "ben", "chloe", "david", "emma", "farid", "greta", "hugo", "ines", "jonas",
    "kim", "leo", "maria", "nils", "olga", "paul",
))
SENIOR_AGENTS = ("senior.rosa", "senior.sam", "senior.tara")
# A ticket's team is its (last) assignee's: no draw, so the rest of the data stays the same.
TEAMS = ("Orders & Delivery", "Returns & Refunds", "Payments & Accounts")
TEAM_OF = {
    **{agent: TEAMS[index % len(TEAMS)] for index, agent in enumerate(AGENTS)},
    **dict.fromkeys(SENIOR_AGENTS, "Escalations"),
}
FIRST_NAMES = (
    "Ada", "Ben", "Clara", "Diego", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jamal", "Kai",
    "Lena", "Marta", "Noah", "Olu", "Priya", "Quinn", "Rosa", "Sven", "Tomas", "Uma", "Vera",
    "Wei", "Yara", "Zoe",
)
LAST_NAMES = (
    "Novak", "Schmidt", "Garcia", "Rossi", "Kowalski", "Dubois", "Jensen", "Silva", "Okafor",
    "Tanaka", "Müller", "Larsen", "Moreau", "Costa", "Weber", "Nowak",
)
COMMENTS_GOOD = ("Quick and friendly, thanks!", "Solved in one go.", "Great service.")
COMMENTS_BAD = (
    "It took far too long.", "I had to explain everything twice.", "Still not happy.",
    "Nobody answered over the weekend.",
)
IMPROVEMENTS = (
    "Faster delivery please.", "Better packaging.", "Clearer size charts.",
    "Cheaper shipping.", "Tell me when my order is late before I have to ask.",
)
REVIEW_TEXTS = {
    "positive": ("Lovely quality, arrived early.", "Great shop, will buy again."),
    "neutral": ("Product fine, delivery slow.", "OK, nothing special."),
    "negative": ("Parcel arrived late and damaged.", "Prices went up a lot.",
                 "The website kept logging me out."),
}
FEEDBACK_AREAS = ("product_quality", "delivery", "pricing", "support", "website", "other")
FEEDBACK_AREA_WEIGHTS = (30, 30, 10, 15, 10, 5)
FEEDBACK_SOURCES = ("review", "social_media", "email", "support_ticket", "other")
FEEDBACK_SOURCE_WEIGHTS = (45, 25, 15, 10, 5)
ACTIONS_TAKEN = (
    "Refunded the shipping cost.", "Sent a replacement.", "Passed to the carrier account "
    "manager.", "Fixed the product page.",
)


# Timestamps and intervals go to COPY in asyncpg's "tuple" form (see `seed.py`), which skips
# building a datetime per value: a timestamptz is microseconds since 2000-01-01 UTC, an
# interval (months, days, microseconds). At a million tickets that is ~40 million values.
PG_EPOCH = 946_684_800.0


def ts(seconds: float) -> int:
    """A timestamptz for COPY (microseconds since the PostgreSQL epoch)."""
    return int((seconds - PG_EPOCH) * 1_000_000)


def opt_ts(seconds: float | None) -> int | None:
    return None if seconds is None else int((seconds - PG_EPOCH) * 1_000_000)


def interval(seconds: float) -> tuple[int, int, int]:
    """An interval for COPY: (months, days, microseconds)."""
    return (0, 0, int(seconds * 1_000_000))


def iso(seconds: float) -> str:
    """RFC 3339, as the API and the events show times."""
    return datetime.fromtimestamp(seconds, UTC).isoformat()


def _datetime(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def uuid7_at(seconds: float, rng: random.Random) -> uuid.UUID:
    """A version 7 UUID for a row created at `seconds`: time-ordered like `app.kit.ids.uuid7`,
    with the seeded generator's bits so a seed always yields the same ids. (asyncpg's UUID, a
    uuid.UUID subclass, is three times quicker to build than uuid.UUID.)"""
    value = (
        (int(seconds * 1000) & _MS_MASK) << 80
        | _VERSION_BITS
        | rng.getrandbits(12) << 64
        | _VARIANT_BITS
        | rng.getrandbits(62)
    )
    built: uuid.UUID = FastUUID(value.to_bytes(16, "big"))
    return built


_MS_MASK = (1 << 48) - 1
_VERSION_BITS = 0x7 << 76
_VARIANT_BITS = 0b10 << 62


@dataclass(frozen=True, slots=True)
class Policy:
    """An SLA policy as the demo applies it: its conditions, terms and ticket_slas snapshot."""

    conditions: Mapping[str, Any]
    terms: SlaTerms
    version: int | None
    calendar_json: str | None
    targets_json: str
    pause_statuses: list[str]


@dataclass(frozen=True, slots=True)
class Template:
    id: uuid.UUID
    slug: str
    version: int
    questions: tuple[QuestionSpec, ...]


@dataclass(slots=True)
class Orders:
    """Every order, sorted by placed_at, as parallel lists (compact at a million rows)."""

    placed: list[float] = field(default_factory=list)
    customer: list[int] = field(default_factory=list)
    ids: list[uuid.UUID] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    promised: list[float | None] = field(default_factory=list)
    delivered: list[float | None] = field(default_factory=list)


@dataclass(slots=True)
class Customers:
    ids: list[uuid.UUID] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Totals:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS, 0))

    def add(self, rows: Rows) -> None:
        for table, table_rows in rows.items():
            self.counts[table] += len(table_rows)


def empty_rows() -> Rows:
    return {table: [] for table in COLUMNS}


class DemoData:
    """Generates the data set chunk by chunk; every chunk is a dict of table -> rows."""

    def __init__(
        self,
        *,
        tickets: int,
        seed: int,
        now: datetime,
        policies: Sequence[Policy],
        templates: Mapping[str, Template],
        chunk_size: int = 20_000,
    ) -> None:
        self.ticket_count = tickets
        self.rng = random.Random(seed)  # noqa: S311 demo data, reproducible by design
        self.now = now.timestamp()
        self.policies = policies
        self._policy_of = {policy.terms: policy for policy in (*policies, _NO_POLICY)}
        self.templates = templates
        self.chunk_size = chunk_size
        self.customers = Customers()
        self.orders = Orders()
        self.event_since = self.now - EVENT_DAYS * DAY
        self.first_number = 1
        self.ref_prefix = ""  # for references next to existing ones (seeding with --force)
        self._refs: dict[uuid.UUID, str] | None = None

    def chunks(self) -> Iterator[Rows]:
        """Every row of the data set, parents before children, in chunks."""
        yield from self.customers_and_orders()
        yield self.overdue_events()
        yield from self.tickets()
        yield from self.post_purchase_surveys()
        yield self.other_feedback()

    # --- customers and orders ---------------------------------------------------------------

    def customers_and_orders(self) -> Iterator[Rows]:
        rng = self.rng
        customer_count = max(20, round(self.ticket_count * 0.3))
        firsts = sorted(self._moment(ORDER_DAYS) for _ in range(customer_count))
        firsts[0] = self.now - ORDER_DAYS * DAY  # every ticket finds an order placed before it
        plan: list[tuple[float, int]] = []
        rows = empty_rows()
        for index, first in enumerate(firsts):
            first_name, last_name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            ref = f"{self.ref_prefix}CUST-{index + 1:07d}"
            email = f"{first_name.lower()}.{_ascii(last_name).lower()}.{index + 1}@example.com"
            customer_id = uuid7_at(first, rng)
            self.customers.ids.append(customer_id)
            self.customers.refs.append(ref)
            self.customers.emails.append(email)
            self.customers.names.append(f"{first_name} {last_name}")
            rows["customers"].append(
                (customer_id, ref, email, f"{first_name} {last_name}", ts(first), ts(first))
            )
            plan.append((first, index))
            if rng.random() < 0.5:  # a repeat buyer: again every ~5 weeks
                at = first
                for _ in range(12):
                    at += rng.expovariate(1 / (35 * DAY)) + HOUR
                    if at >= self.now:
                        break
                    plan.append((at, index))
        yield rows
        plan.sort()
        rows = empty_rows()
        for number, (placed, customer) in enumerate(plan, start=1):
            rows["orders"].append(self._order(number, placed, customer))
            if len(rows["orders"]) >= self.chunk_size:
                yield rows
                rows = empty_rows()
        yield rows

    def _order(self, number: int, placed: float, customer: int) -> Row:
        rng, now = self.rng, self.now
        order_id = uuid7_at(placed, rng)
        ref = f"{self.ref_prefix}ORD-{number:08d}"
        amount = Decimal(round(min(900.0, rng.lognormvariate(3.9, 0.6)), 2)).quantize(
            Decimal("0.01")
        )
        currency = rng.choices(("EUR", "USD", "GBP"), (70, 20, 10))[0]
        lane = rng.choices(SHIPPING_LANES, [lane.weight for lane in SHIPPING_LANES])[0]
        promised: float | None = _at_hour(placed + lane.promise_days * DAY, 18)
        delivered: float | None = None
        notified: float | None = None
        shipped: float | None = placed + rng.uniform(2 * HOUR, 28 * HOUR)
        tracking: str | None = f"{lane.carrier.upper()}{number:010d}"
        watch_from: float | None = None
        updated = placed
        if rng.random() < 0.03:
            status, promised, shipped, tracking = "cancelled", None, None, None
            updated = min(now, placed + rng.uniform(MINUTE, DAY))
        else:
            assert promised is not None
            assert shipped is not None
            transit = lane.median_hours * HOUR * math.exp(rng.gauss(0, lane.sigma))
            arrival = None if rng.random() < 0.02 else shipped + transit  # or lost
            if arrival is not None and arrival <= now:
                delivered, updated = arrival, arrival
                status = "returned" if rng.random() < 0.04 else "delivered"
            elif shipped <= now:
                status, updated = "shipped", shipped
            else:
                status, shipped, tracking = "paid", None, None
            if promised <= now and (delivered is None or delivered > promised):
                notified = promised + rng.uniform(0.1, 1.5)  # the overdue watch, next tick
            elif delivered is None:
                watch_from = now  # the at-risk watch looks at it on its next tick
        self.orders.placed.append(placed)
        self.orders.customer.append(customer)
        self.orders.ids.append(order_id)
        self.orders.refs.append(ref)
        self.orders.promised.append(promised)
        self.orders.delivered.append(delivered)
        return (
            order_id, ref, self.customers.ids[customer], status, ts(placed), amount, currency,
            opt_ts(promised), opt_ts(delivered), opt_ts(notified), ts(placed), ts(updated),
            None if status == "cancelled" else lane.carrier,
            None if status == "cancelled" else lane.service_level,
            None if status == "cancelled" else lane.country,
            opt_ts(shipped), tracking,
            None if tracking is None else TRACKING_URLS[lane.carrier] + tracking,
            opt_ts(watch_from),
        )

    def overdue_events(self) -> Rows:
        rows = empty_rows()
        orders = self.orders
        start = bisect.bisect_left(orders.placed, self.event_since - 10 * DAY)
        for index in range(start, len(orders.placed)):
            promised = orders.promised[index]
            delivered = orders.delivered[index]
            if promised is None or not self.event_since <= promised <= self.now:
                continue
            if delivered is not None and delivered <= promised:
                continue
            at = promised + 1.0
            data = {
                "order_id": str(orders.ids[index]),
                "external_ref": orders.refs[index],
                "customer_external_ref": self.customers.refs[orders.customer[index]],
                "status": "shipped",
                "placed_at": iso(orders.placed[index]),
                "promised_delivery_at": iso(promised),
            }
            rows["events"].append(self._event(
                EventType.ORDER_DELIVERY_OVERDUE, at, data, "order", orders.ids[index]
            ))
        return rows

    # --- tickets ----------------------------------------------------------------------------

    def tickets(self) -> Iterator[Rows]:
        created = sorted(self._moment(TICKET_DAYS) for _ in range(self.ticket_count))
        rows = empty_rows()
        for number, at in enumerate(created, start=self.first_number):
            self._ticket(rows, number, at)
            if len(rows["tickets"]) >= self.chunk_size:
                yield rows
                rows = empty_rows()
        yield rows

    def _ticket(self, rows: Rows, number: int, created: float) -> None:
        rng = self.rng
        topic = TOPICS[_pick(rng, _TOPIC_CUM)]
        channel = CHANNELS[_pick(rng, _CHANNEL_CUM)]
        priority = PRIORITIES[_pick(rng, _PRIORITY_CUM)]
        order = self._order_before(created, recent=topic.needs_order and rng.random() < 0.9)
        customer = self.orders.customer[order]
        order_index = order if topic.needs_order and rng.random() < 0.9 else None
        if order_index is not None and topic.tag == "delivery":
            late = self._late(order_index, created)
            if late and priority in ("low", "normal") and rng.random() < 0.5:
                priority = Priority.HIGH
        tags = [topic.tag] + (["vip"] if rng.random() < 0.05 else [])
        ticket_id = uuid7_at(created, rng)
        actions = self._script(created, channel, priority)
        state = replay(
            created, topic.opening, actions,
            lambda tier: self._policy(priority, channel, tier, tags).terms, self.now,
        )
        policy = self._policy_of[state.sla]
        order_id = None if order_index is None else self.orders.ids[order_index]
        customer_id = self.customers.ids[customer]
        rows["tickets"].append((
            ticket_id, number, topic.subject, state.status, priority, channel, state.tier,
            customer_id, order_id, state.assignee, TEAM_OF.get(state.assignee or ""), tags,
            ts(created), ts(state.updated_at),
            opt_ts(state.first_responded_at), opt_ts(state.first_solved_at),
            opt_ts(state.solved_at), opt_ts(state.closed_at), state.public_agent_reply_count,
            state.reopen_count, opt_ts(state.first_reopened_at), opt_ts(state.last_reopened_at),
            state.replies_at_first_solve, opt_ts(state.awaiting_reply_since),
            opt_ts(state.escalated_at), state.escalation_reason,
        ))
        messages = rows["ticket_messages"]
        for message in state.messages:
            messages.append((
                uuid7_at(message.at, rng), ticket_id, message.author_type, message.public,
                message.body, channel, ts(message.at),
            ))
        rows["ticket_slas"].append((
            ticket_id, policy.terms.policy_id, policy.terms.policy_name, policy.version,
            policy.calendar_json, policy.targets_json, policy.pause_statuses,
            policy.terms.escalate_on_breach, ts(state.sla_applied_at),
        ))
        target_ids: dict[int, uuid.UUID] = {}
        for target in state.targets:
            row = self._target_row(ticket_id, target)
            target_ids[id(target)] = row[0]
            rows["sla_targets"].append(row)
        shown = self._ticket_as_created(
            ticket_id, number, topic.subject, priority, channel, customer, order_index, tags,
            created,
        )
        if created >= self.event_since:
            created_data = {"ticket": shown, "expectations": _acknowledgement(state.targets)}
            rows["events"].append(self._event(
                EventType.TICKET_CREATED, created, created_data, "ticket", ticket_id
            ))
        for target in state.breaches:
            if target.breached_at is not None and target.breached_at >= self.event_since:
                rows["events"].append(
                    self._breach_event(ticket_id, shown, target, target_ids[id(target)])
                )
        self._support_survey(rows, state, ticket_id, customer, order_id, channel)

    def _order_before(self, at: float, *, recent: bool) -> int:
        """An order placed before `at`: within the last 30 days when `recent`, else any."""
        placed = self.orders.placed
        end = max(1, bisect.bisect_left(placed, at - HOUR))
        start = bisect.bisect_left(placed, at - 30 * DAY) if recent else 0
        start = min(start, end - 1)
        return self.rng.randrange(start, end)

    def _late(self, order: int, at: float) -> bool:
        promised = self.orders.promised[order]
        delivered = self.orders.delivered[order]
        return promised is not None and promised < at and (delivered is None or delivered > at)

    def _policy(
        self, priority: Priority, channel: Channel, tier: Tier, tags: list[str]
    ) -> Policy:
        attributes = TicketAttributes(priority, channel, tier, tags)
        for policy in self.policies:
            if policy_matches(policy.conditions, attributes):
                return policy
        return _NO_POLICY

    def _script(self, created: float, channel: str, priority: str) -> list[Action]:
        """What happens to the ticket: replies, waits, escalation, solve, maybe a reopen."""
        rng = self.rng
        speed = PRIORITY_SPEED[priority]
        median = CHANNEL_FIRST_RESPONSE[channel] * speed
        actions: list[Action] = []
        at = created
        if rng.random() < 0.04:  # solved without any reply ("never mind, found it")
            at += rng.lognormvariate(_ln(2 * HOUR), 1.0)
            actions.append(Action(at, "customer", "Never mind, I found it. Thanks!"))
            actions.append(Action(at + rng.uniform(MINUTE, HOUR), "status", "solved"))
            return actions
        delay = rng.lognormvariate(_ln(median), 1.2)
        if channel not in STAFFED_ON_WEEKENDS and rng.random() < 0.6:
            delay = max(delay, _until_monday(created) + rng.uniform(0, 4 * HOUR))
        at += delay
        agent = rng.choice(AGENTS)
        actions.append(Action(at - 1, "assign", agent))
        actions.append(Action(at, "agent", rng.choice(AGENT_REPLIES)))
        rounds = 1 + _pick(rng, _ROUNDS_CUM)
        if rng.random() < 0.015:  # stuck with a third party for weeks: the old backlog
            actions.append(Action(at + 1, "status", "on_hold"))
            return actions
        escalate_round = rng.randrange(1, rounds + 1) if rng.random() < 0.07 else 0
        for round_number in range(2, rounds + 1):
            if rng.random() < 0.35:  # waiting on the customer
                actions.append(Action(at + 1, "status", "pending"))
            at += rng.lognormvariate(_ln(5 * HOUR), 1.3)
            actions.append(Action(at, "customer", rng.choice(CUSTOMER_FOLLOW_UPS)))
            if round_number == escalate_round:
                at += rng.uniform(5 * MINUTE, 2 * HOUR)
                actions.append(Action(at, "escalate", rng.choice(ESCALATION_REASONS)))
                actions.append(Action(at + 1, "assign", rng.choice(SENIOR_AGENTS)))
            if rng.random() < 0.06:  # a third party must act first
                actions.append(Action(at + 2, "status", "on_hold"))
                at += rng.uniform(DAY, 3 * DAY)
                actions.append(Action(at, "note", rng.choice(NOTES)))
                actions.append(Action(at + 1, "status", "open"))
            elif rng.random() < 0.15:
                actions.append(Action(at + 2, "note", rng.choice(NOTES)))
            at += rng.lognormvariate(_ln(0.6 * median + 10 * MINUTE), 1.1)
            actions.append(Action(at, "agent", rng.choice(AGENT_REPLIES)))
        at += rng.lognormvariate(_ln(20 * MINUTE), 1.0)
        actions.append(Action(at, "status", "solved"))
        if rng.random() < 0.06:  # reopened by the customer before the auto-close
            at += rng.uniform(2 * HOUR, 3.5 * DAY)
            actions.append(Action(at, "customer", rng.choice(REOPEN_MESSAGES)))
            at += rng.lognormvariate(_ln(median + 10 * MINUTE), 1.0)
            actions.append(Action(at, "agent", rng.choice(AGENT_REPLIES)))
            at += rng.lognormvariate(_ln(30 * MINUTE), 1.0)
            actions.append(Action(at, "status", "solved"))
        return actions

    def _target_row(self, ticket_id: uuid.UUID, target: Target) -> Row:
        return (
            uuid7_at(target.started_at, self.rng), ticket_id, target.metric, target.status,
            target.policy_id, target.policy_name, interval(target.target),
            interval(target.warn_before), target.business_hours, ts(target.started_at),
            ts(target.due_at), ts(target.warn_at), opt_ts(target.paused_at),
            interval(target.paused_for), opt_ts(target.warned_at),
            opt_ts(target.breached_at), opt_ts(target.met_at), opt_ts(target.stopped_at),
            ts(target.started_at),
        )

    # --- surveys and feedback ---------------------------------------------------------------

    def _support_survey(
        self,
        rows: Rows,
        state: TicketState,
        ticket_id: uuid.UUID,
        customer: int,
        order_id: uuid.UUID | None,
        channel: str,
    ) -> None:
        template = self.templates.get("support-csat")
        if template is None or state.status not in DONE_STATUSES:
            return
        assert state.solved_at is not None
        invited = state.solved_at + INVITE_DELAY + self.rng.uniform(0, 2)
        if invited > self.now:
            return
        penalty = (
            sum(1.0 for t in state.breaches if t.metric != "resolution")
            + sum(0.7 for t in state.breaches if t.metric == "resolution")
            + 1.0 * min(state.reopen_count, 2)
            + 0.4 * max(0, state.public_agent_reply_count - 2)
            + (0.5 if state.tier == 2 else 0.0)
            + (0.3 if channel in ("email", "web") else 0.0)
        )
        self._survey(
            rows, template, customer, order_id, ticket_id, invited, "ticket_solved",
            penalty, answer_rate=0.36,
        )

    def post_purchase_surveys(self) -> Iterator[Rows]:
        """Invited a day after delivery through the API; fewer answers when it came late."""
        template = self.templates.get("post-purchase")
        rows = empty_rows()
        if template is None:
            yield rows
            return
        orders = self.orders
        for index, delivered in enumerate(orders.delivered):
            if delivered is None:
                continue
            invited = delivered + DAY + self.rng.uniform(0, HOUR)
            if invited > self.now:
                continue
            promised = orders.promised[index]
            lateness = 0.0 if promised is None else max(0.0, delivered - promised) / DAY
            penalty = min(3.0, 1.2 * lateness + (0.6 if lateness > 0 else 0.0))
            self._survey(
                rows, template, orders.customer[index], orders.ids[index], None, invited, "api",
                penalty, answer_rate=0.33,
            )
            if len(rows["survey_invitations"]) >= self.chunk_size:
                yield rows
                rows = empty_rows()
        yield rows

    def _survey(
        self,
        rows: Rows,
        template: Template,
        customer: int,
        order_id: uuid.UUID | None,
        ticket_id: uuid.UUID | None,
        invited: float,
        trigger: str,
        penalty: float,
        *,
        answer_rate: float,
    ) -> None:
        rng = self.rng
        invitation_id = uuid7_at(invited, rng)
        expires = invited + INVITATION_TTL_DAYS * DAY
        answered: float | None = None
        if rng.random() < answer_rate:
            answered = invited + rng.lognormvariate(_ln(3 * HOUR), 1.5)
            if answered >= expires or answered > self.now:
                answered = None
        token_hash = hashlib.sha256(rng.getrandbits(256).to_bytes(32, "big")).hexdigest()
        customer_id = self.customers.ids[customer]
        rows["survey_invitations"].append((
            invitation_id, template.id, token_hash, customer_id, order_id, ticket_id, trigger,
            ts(invited), ts(expires), opt_ts(answered), None,
        ))
        if answered is None:
            return
        response_id = uuid7_at(answered, rng)
        answered_at = ts(answered)
        rows["survey_responses"].append((
            response_id, invitation_id, template.id, customer_id, order_id, ticket_id,
            answered_at,
        ))
        answers = validate_answers(template.questions, self._raw_answers(template, penalty))
        by_key = {spec.key: (position, spec) for position, spec in enumerate(template.questions)}
        for answer in answers:
            position, spec = by_key[answer.question_key]
            rows["survey_answers"].append((
                response_id, answer.question_key, position, answer.question_type,
                spec.counts_as,
                None if answer.numeric_value is None else int(answer.numeric_value),
                answer.label, answer.text_value, answered_at,
            ))
        low = [a for a in answers if is_low_score(a, by_key[a.question_key][1])]
        if low:
            self._follow_up(
                rows, template, answers, low, by_key, customer, order_id, ticket_id,
                response_id, answered,
            )

    def _raw_answers(self, template: Template, penalty: float) -> dict[str, object]:
        """Answers as a customer would post them; the satisfaction drives the others."""
        rng = self.rng
        good = rng.random() < max(0.2, 0.88 - 0.17 * penalty)
        satisfaction = (
            rng.choices((5, 4), (62, 38))[0] if good else rng.choices((3, 2, 1), (40, 30, 30))[0]
        )
        answers: dict[str, object] = {}
        for spec in template.questions:
            if not spec.required and rng.random() < 0.15:
                continue
            if spec.type == "csat":
                answers[spec.key] = satisfaction
            elif spec.type == "likert":
                answers[spec.key] = _clamp(satisfaction + rng.choice((-1, 0, 0, 1)), 1, 5)
            elif spec.type == "rating":
                answers[spec.key] = _clamp(round(satisfaction * 0.8) + rng.choice((-1, 0, 0)), 1, 4)
            elif spec.type == "nps":
                base = {5: 9, 4: 8, 3: 6, 2: 4, 1: 2}[satisfaction]
                answers[spec.key] = _clamp(base + rng.choice((-2, -1, 0, 1, 1, 2)), 0, 10)
            elif spec.type == "yes_no":
                answers[spec.key] = satisfaction >= 4 or (satisfaction == 3 and rng.random() < 0.4)
            elif spec.type == "text":
                if rng.random() < 0.3:
                    pool = COMMENTS_GOOD if good else COMMENTS_BAD + IMPROVEMENTS
                    answers[spec.key] = rng.choice(pool)
                else:
                    answers.pop(spec.key, None)
        return answers

    def _follow_up(
        self,
        rows: Rows,
        template: Template,
        answers: Sequence[NormalisedAnswer],
        low: Sequence[NormalisedAnswer],
        by_key: Mapping[str, tuple[int, QuestionSpec]],
        customer: int,
        order_id: uuid.UUID | None,
        ticket_id: uuid.UUID | None,
        response_id: uuid.UUID,
        at: float,
    ) -> None:
        """The feedback item the answering service opens for a low score."""
        csat = next((a for a in answers if by_key[a.question_key][1].counts_as == "csat"), None)
        rating = None if csat is None or csat.numeric_value is None else int(csat.numeric_value)
        self._feedback(
            rows, source="survey",
            text=follow_up_text(template.slug, template.version, low, answers),
            rating=rating, sentiment="negative",
            area="support" if ticket_id else None, customer=customer, order_id=order_id,
            ticket_id=ticket_id, response_id=response_id, created=at,
        )

    def other_feedback(self) -> Rows:
        """Reviews, social media, emails: about 2 % of the ticket count."""
        rng = self.rng
        rows = empty_rows()
        for _ in range(max(5, self.ticket_count // 50)):
            created = self._moment(TICKET_DAYS)
            rating = rng.choices((1, 2, 3, 4, 5), (12, 10, 13, 30, 35))[0]
            sentiment = sentiment_from_rating(rating)
            assert sentiment is not None  # a rating was given
            order = self._order_before(created, recent=True)
            linked = rng.random() < 0.6
            self._feedback(
                rows,
                source=rng.choices(FEEDBACK_SOURCES, FEEDBACK_SOURCE_WEIGHTS)[0],
                text=rng.choice(REVIEW_TEXTS[sentiment]), rating=rating, sentiment=sentiment,
                area=rng.choices(FEEDBACK_AREAS, FEEDBACK_AREA_WEIGHTS)[0],
                customer=self.orders.customer[order] if linked else None,
                order_id=self.orders.ids[order] if linked else None,
                ticket_id=None, response_id=None, created=created,
            )
        return rows

    def _feedback(
        self,
        rows: Rows,
        *,
        source: str,
        text: str,
        rating: int | None,
        sentiment: str | None,
        area: str | None,
        customer: int | None,
        order_id: uuid.UUID | None,
        ticket_id: uuid.UUID | None,
        response_id: uuid.UUID | None,
        created: float,
    ) -> None:
        """A feedback row followed through the workflow as far as its age allows."""
        rng = self.rng
        feedback_id = uuid7_at(created, rng)
        acknowledged = actioned = closed = None
        action = None
        age = self.now - created
        step = created + rng.lognormvariate(_ln(DAY), 1.0)
        if step <= self.now and rng.random() < min(0.95, age / (7 * DAY)):
            acknowledged = step
            step += rng.lognormvariate(_ln(2 * DAY), 0.8)
            if step <= self.now and rng.random() < 0.7:
                actioned, action = step, rng.choice(ACTIONS_TAKEN)
                step += rng.lognormvariate(_ln(DAY), 0.8)
                if step <= self.now and rng.random() < 0.8:
                    closed = step
        status = (
            "closed" if closed else "actioned" if actioned else
            "acknowledged" if acknowledged else "new"
        )
        updated = closed or actioned or acknowledged or created
        customer_id = None if customer is None else self.customers.ids[customer]
        rows["feedback"].append((
            feedback_id, source, status, text, rating, sentiment, area, customer_id, order_id,
            ticket_id, response_id, action, ts(created), ts(updated), opt_ts(acknowledged),
            opt_ts(actioned), opt_ts(closed), None, None,
        ))
        if created >= self.event_since:
            data = {
                "feedback": {
                    "id": str(feedback_id), "source": source, "status": "new", "text": text,
                    "rating": rating, "sentiment": sentiment, "area": area,
                    "customer_external_ref": None if customer is None
                    else self.customers.refs[customer],
                    "order_external_ref": self._order_ref(order_id),
                    "ticket_id": None if ticket_id is None else str(ticket_id),
                    "survey_response_id": None if response_id is None else str(response_id),
                    "action_taken": None, "created_at": iso(created),
                    "updated_at": iso(created), "acknowledged_at": None,
                    "actioned_at": None, "closed_at": None,
                },
                "created_by": {"type": "system"},
            }
            rows["events"].append(
                self._event(EventType.FEEDBACK_CREATED, created, data, "feedback", feedback_id)
            )

    # --- events -----------------------------------------------------------------------------

    def _event(
        self, event_type: EventType, at: float, data: dict[str, Any], subject_type: str,
        subject_id: uuid.UUID,
    ) -> Row:
        return (
            uuid7_at(at, self.rng), event_type, ts(at), json.dumps(data), subject_type,
            subject_id, None,
        )

    def _ticket_as_created(
        self, ticket_id: uuid.UUID, number: int, subject: str, priority: str, channel: str,
        customer: int, order: int | None, tags: list[str], created: float,
    ) -> dict[str, Any]:
        """As the API shows a new ticket: what ticket.created carries, and (the demo keeps no
        history of a ticket's states) what its sla.breached events carry."""
        at = iso(created)
        return {
            "id": str(ticket_id), "number": number, "subject": subject, "status": "new",
            "priority": priority, "channel": channel, "tier": 1,
            "customer": {
                "id": str(self.customers.ids[customer]),
                "external_ref": self.customers.refs[customer],
                "email": self.customers.emails[customer], "name": self.customers.names[customer],
                "locale": None, "time_zone": None,
            },
            "order": None if order is None else {
                "id": str(self.orders.ids[order]), "external_ref": self.orders.refs[order],
            },
            "assignee": None, "team": None, "tags": tags, "created_at": at, "updated_at": at,
            "first_responded_at": None, "first_solved_at": None, "solved_at": None,
            "closed_at": None, "public_agent_reply_count": 0, "reopen_count": 0,
            "awaiting_reply_since": at, "escalated_at": None, "escalation_reason": None,
        }

    def _breach_event(
        self, ticket_id: uuid.UUID, ticket: dict[str, Any], target: Target, target_id: uuid.UUID
    ) -> Row:
        assert target.breached_at is not None
        data = {
            "ticket": ticket, "ticket_id": ticket["id"], "ticket_number": ticket["number"],
            "target_id": str(target_id),
            "metric": target.metric, "due_at": iso(target.due_at),
            "breached_at": iso(target.breached_at),
            "policy_id": None if target.policy_id is None else str(target.policy_id),
            "policy_name": target.policy_name,
        }
        return self._event(
            EventType.SLA_BREACHED, target.breached_at + 1.0, data, "ticket", ticket_id
        )

    def _order_ref(self, order_id: uuid.UUID | None) -> str | None:
        if order_id is None:
            return None
        return self._ref_by_order_id().get(order_id)

    def _ref_by_order_id(self) -> dict[uuid.UUID, str]:
        if self._refs is None:
            self._refs = dict(zip(self.orders.ids, self.orders.refs, strict=True))
        return self._refs

    # --- time -------------------------------------------------------------------------------

    def _moment(self, days: int) -> float:
        """A moment in the last `days` days: busier on weekdays and in office hours, with
        volume growing over the period."""
        rng = self.rng
        today = _at_hour(self.now, 0)
        while True:
            day_offset = rng.randrange(days)
            start = today - day_offset * DAY
            weekday = _datetime(start).weekday()
            growth = 1.0 - 0.3 * day_offset / days
            if rng.random() * 1.15 <= WEEKDAY_WEIGHTS[weekday] * growth:
                break
        hour = _pick(rng, _HOUR_CUM)
        moment = start + hour * HOUR + rng.uniform(0, HOUR)
        if moment >= self.now:
            moment = self.now - rng.uniform(MINUTE, 6 * HOUR)
        return moment


_NO_POLICY_TERMS = SlaTerms(
    policy_id=None, policy_name=None, targets={}, pause_statuses=frozenset(DEFAULT_PAUSE_STATUSES),
    escalate_on_breach=False, clock=SecondsClock(BusinessClock(BusinessCalendar.always_open())),
)
_NO_POLICY = Policy({}, _NO_POLICY_TERMS, None, None, "{}", list(DEFAULT_PAUSE_STATUSES))
_TOPIC_CUM = tuple(itertools.accumulate(TOPIC_WEIGHTS))
_CHANNEL_CUM = tuple(itertools.accumulate(CHANNEL_WEIGHTS))
_PRIORITY_CUM = tuple(itertools.accumulate(PRIORITY_WEIGHTS))
_HOUR_CUM = tuple(itertools.accumulate(HOUR_WEIGHTS))
_ROUNDS_CUM = tuple(itertools.accumulate((55, 25, 12, 6, 2)))


def _pick(rng: random.Random, cum_weights: Sequence[float]) -> int:
    """The index of a weighted choice (random.choices without its per-call overhead)."""
    return bisect.bisect(cum_weights, rng.random() * cum_weights[-1])


def _ln(median: float) -> float:
    return math.log(median)


def _clamp(value: int, lowest: int, highest: int) -> int:
    return max(lowest, min(highest, value))


def _at_hour(seconds: float, hour: int) -> float:
    day = seconds - seconds % DAY
    return day + hour * HOUR


def _until_monday(seconds: float) -> float:
    """Seconds until Monday 08:00 UTC when `seconds` falls on a weekend, else 0."""
    weekday = _datetime(seconds).weekday()
    if weekday < 5:
        return 0.0
    monday = _at_hour(seconds, 8) + (7 - weekday) * DAY
    return monday - seconds


def _ascii(text: str) -> str:
    return text.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae")


def _acknowledgement(targets: Sequence[Target]) -> dict[str, Any]:
    """What ticket.created carries as `expectations`: the first targets' promises, and the
    sentence in English and UTC (demo customers have no locale or time zone)."""
    def promise(metric: str) -> Promise | None:
        target = next((t for t in targets if t.metric == metric), None)
        if target is None:
            return None
        due_at = datetime.fromtimestamp(target.due_at, UTC)
        return Promise(due_at=due_at, business_hours=target.business_hours)

    policy_name = targets[0].policy_name if targets else None
    promised = Promised(
        policy_name=policy_name, first_response=promise("first_response"),
        resolution=promise("resolution"),
    )
    wording = wording_for(["en"])
    return {
        **promised.model_dump(mode="json"), "locale": wording.tag, "time_zone": "UTC",
        "sentence": acknowledgement_sentence(promised, wording, "UTC"),
    }
