"""What each metric counts, defined once: the aggregate of a figure and the list of the records
behind it are both built from its Measure, so they cannot disagree."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    Numeric,
    Select,
    Text,
    Uuid,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    text,
    true,
    tuple_,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import InstrumentedAttribute

from app.metrics.schemas import RecordFilters, Window
from app.metrics.slots import LN_GAMMA, ZERO_BIN
from app.models import Order, SlaTarget, SurveyAnswer, SurveyInvitation, SurveyResponse, Ticket
from app.models.orders import delivery_expected
from app.sla.types import SlaMetric, TargetStatus

AnySelect = Select[*tuple[Any, ...]]
Column = ColumnElement[Any] | InstrumentedAttribute[Any]
SETTLED = (TargetStatus.MET, TargetStatus.BREACHED)
FCR_REOPEN_WINDOW = timedelta(days=7)
TICKET_GROUPS: dict[str, InstrumentedAttribute[Any]] = {
    "channel": Ticket.channel,
    "priority": Ticket.priority,
    "assignee": Ticket.assignee,
    "team": Ticket.team,
    "tier": Ticket.tier,
}


@dataclass(frozen=True, slots=True)
class Measure:
    """The rows a metric counts (`subject`, reaching its ticket through `joins`), the time that
    places a row in the window and its bucket, the conditions every counted row meets, and
    which rows are favourable. Every row counted is in the denominator."""

    record_type: str
    subject: Any  # the mapped class of the records
    id: Column  # the record's id as shown
    time: Column
    conditions: tuple[ColumnElement[bool], ...]
    favourable: ColumnElement[bool] | None = None  # None: every row (a count)
    unfavourable: ColumnElement[bool] | None = None  # subtracted from the numerator (NPS)
    value: Column | None = None  # what a person checks on a record; a duration's seconds
    duration: bool = False  # a percentile figure: records are its sample, no numerator
    extra: ColumnElement[bool] | None = None  # a side figure (FCR: zero-reply resolutions)
    joins: tuple[tuple[Any, ColumnElement[bool]], ...] = ()  # down to the ticket (outer)
    created_at: Column | None = None
    detail: Column | None = None
    reaches_ticket: bool = True
    unique_key: Column | None = None  # with `time`, orders the records and keys their cursor;
    # None: the id, unique per record

    @property
    def key(self) -> Column:
        return self.unique_key if self.unique_key is not None else self.id


def in_window(column: Column, window: Window) -> ColumnElement[bool]:
    return and_(column >= window.start, column < window.end)


def _ticket_measure(time: Column, *conditions: ColumnElement[bool], **fields: Any) -> Measure:
    return Measure(
        "ticket", Ticket, Ticket.id, time, conditions, created_at=Ticket.created_at,
        detail=Ticket.status, **fields,
    )


# A ticket first solved was resolved at first contact: exactly one public agent reply when
# first solved and no reopen within 7 days of that solve.
RESOLVED_AT_FIRST_CONTACT = and_(
    Ticket.replies_at_first_solve == 1,
    or_(
        Ticket.first_reopened_at.is_(None),
        Ticket.first_reopened_at > Ticket.first_solved_at + FCR_REOPEN_WINDOW,
    ),
)
# Resolved (first solved) in the window; FCR = those resolved at first contact.
FCR = _ticket_measure(
    Ticket.first_solved_at, favourable=RESOLVED_AT_FIRST_CONTACT,
    value=Ticket.replies_at_first_solve,
    extra=Ticket.replies_at_first_solve == 0,
)
FIRST_RESPONSE_TIME = _ticket_measure(
    Ticket.created_at, Ticket.first_responded_at.is_not(None), duration=True,
    value=func.coalesce(
        Ticket.first_response_seconds,
        func.extract("epoch", Ticket.first_responded_at - Ticket.created_at),
    ),
)
RESOLUTION_TIME = _ticket_measure(
    Ticket.first_solved_at, duration=True,
    value=func.coalesce(
        Ticket.resolution_seconds,
        func.extract("epoch", Ticket.first_solved_at - Ticket.created_at),
    ),
)
TICKETS_CREATED = _ticket_measure(Ticket.created_at)
TICKETS_SOLVED = _ticket_measure(Ticket.first_solved_at)


def _answers(counts_as: str, favourable: ColumnElement[bool], **fields: Any) -> Measure:
    """Answers counted as `counts_as`, grouped by the attributes of the surveyed ticket."""
    return Measure(
        "survey_answer", SurveyAnswer, SurveyAnswer.response_id, SurveyAnswer.answered_at,
        (SurveyAnswer.counts_as == counts_as,), favourable=favourable,
        value=SurveyAnswer.numeric_value, created_at=SurveyAnswer.answered_at,
        detail=SurveyAnswer.question_key,
        # A response may have two answers counted alike (two CSAT questions): one key each.
        unique_key=cast(
            func.md5(cast(SurveyAnswer.response_id, Text).concat(SurveyAnswer.question_key)),
            Uuid,
        ),
        joins=(
            (SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id),
            (Ticket, Ticket.id == SurveyResponse.ticket_id),
        ),
        **fields,
    )


# CSAT (1-5) rating 4 or 5 / all such answers.
CSAT = _answers("csat", SurveyAnswer.numeric_value >= 4)
# 'Have we met your expectations?' answered yes / all answers to it.
EXPECTATIONS_MET = _answers("expectations_met", SurveyAnswer.numeric_value == 1)
# numerator = promoters (9-10) - detractors (0-6), denominator = answers.
NPS = _answers(
    "nps", SurveyAnswer.numeric_value >= 9, unfavourable=SurveyAnswer.numeric_value <= 6
)
# Invitations created in the window that were answered / all of them.
SURVEY_RESPONSE_RATE = Measure(
    "survey_invitation", SurveyInvitation, SurveyInvitation.id, SurveyInvitation.created_at, (),
    favourable=SurveyInvitation.responded_at.is_not(None), created_at=SurveyInvitation.created_at,
    detail=SurveyInvitation.trigger,
    joins=((Ticket, Ticket.id == SurveyInvitation.ticket_id),),
)


def sla_compliance(metric: SlaMetric | None = None) -> Measure:
    """Targets due in the window that were met / met + breached (active ones excluded)."""
    conditions: list[ColumnElement[bool]] = [SlaTarget.status.in_(SETTLED)]
    if metric is not None:
        conditions.append(SlaTarget.metric == metric)
    return Measure(
        "sla_target", SlaTarget, SlaTarget.id, SlaTarget.due_at, tuple(conditions),
        favourable=SlaTarget.status == TargetStatus.MET, created_at=SlaTarget.created_at,
        detail=func.concat_ws(" ", cast(SlaTarget.metric, Text), cast(SlaTarget.status, Text)),
        joins=((Ticket, Ticket.id == SlaTarget.ticket_id),),
    )


def delivery_on_time(now: datetime) -> Measure:
    """Orders promised in the window whose promise is settled (delivered, or past due), and
    not cancelled; on time: delivered by the promise."""
    settled = or_(Order.delivered_at.is_not(None), Order.promised_delivery_at < now)
    return Measure(
        "order", Order, Order.id, Order.promised_delivery_at, (settled, delivery_expected()),
        favourable=Order.delivered_at <= Order.promised_delivery_at,
        value=func.extract("epoch", Order.delivered_at - Order.promised_delivery_at),
        created_at=Order.created_at, detail=Order.external_ref, reaches_ticket=False,
    )


# Orders promised in an hour, whatever the present: counted by the rollups for the hours before
# the present one only, where every promise has passed and so every order is settled.
DELIVERY_PROMISES = Measure(
    "order", Order, Order.id, Order.promised_delivery_at, (delivery_expected(),),
    favourable=Order.delivered_at <= Order.promised_delivery_at,
    extra=Order.delivered_at.is_not(None), reaches_ticket=False,
)


@dataclass(frozen=True, slots=True)
class Rolled:
    """A measure the rollups keep, under `name`: counts, or a histogram of its durations."""

    name: str
    measure: Measure
    groupable: bool

    @property
    def histogram(self) -> bool:
        return self.measure.duration


ROLLED = (
    Rolled("tickets_created", TICKETS_CREATED, True),
    Rolled("fcr", FCR, True),  # its denominator: the tickets first solved (tickets_solved)
    Rolled("csat", CSAT, True),
    Rolled("nps", NPS, True),
    Rolled("expectations_met", EXPECTATIONS_MET, False),
    Rolled("survey_response_rate", SURVEY_RESPONSE_RATE, False),
    *(Rolled(f"sla_{metric}", sla_compliance(metric), True) for metric in SlaMetric),
    Rolled("delivery_on_time", DELIVERY_PROMISES, False),
    Rolled("first_response_time", FIRST_RESPONSE_TIME, True),
    Rolled("resolution_time", RESOLUTION_TIME, True),
)
DIMS = ("channel", "priority", "tier", "team", "assignee")


def within(column: Column, ranges: list[tuple[datetime, datetime]]) -> ColumnElement[bool]:
    """`column` in one of the [start, end) ranges."""
    if not ranges:
        return false()
    return or_(*(and_(column >= start, column < end) for start, end in ranges))


def duration_bin(seconds: Column) -> ColumnElement[int]:
    """The histogram bin of a duration (see app.metrics.slots)."""
    as_double = cast(seconds, Float)  # ln of a double: many times faster than of a numeric
    per_bin: ColumnElement[float] = literal_column(f"{LN_GAMMA!r}::float8")
    return cast(
        case(
            (as_double > 0, func.ceil(func.ln(as_double) / per_bin)),
            else_=literal_column(str(ZERO_BIN)),
        ),
        Integer,
    )


def rollup_select(rolled: Rolled, ranges: list[tuple[datetime, datetime]] | None) -> AnySelect:
    """The quarter-hour rows of `rolled` (all, or those in the `ranges`), one per quarter hour
    for the whole and one per quarter hour and value of each group column: measure, dim,
    grain, slot, grp, then numerator, denominator, extra; or the bins and counts arrays of a
    histogram."""
    measure = rolled.measure
    quarter = func.date_bin(
        literal_column("interval '15 minutes'"), measure.time,
        literal_column("timestamptz '2000-01-01 00:00+00'"),
    )
    columns: list[ColumnElement[Any]] = [quarter.label("slot")]
    if rolled.groupable:
        columns += [cast(TICKET_GROUPS[dim], Text).label(dim) for dim in DIMS]
    if rolled.histogram:
        assert measure.value is not None
        columns.append(duration_bin(measure.value).label("bin"))
    else:
        columns += [
            (measure.favourable if measure.favourable is not None else true()).label("fav"),
            (measure.unfavourable if measure.unfavourable is not None else false()).label("unfav"),
            (measure.extra if measure.extra is not None else false()).label("extra"),
        ]
    inner = select(*columns).select_from(measure.subject).where(
        *measure.conditions, measure.time.is_not(None)
    )
    if ranges is not None:
        inner = inner.where(within(measure.time, ranges))
    if rolled.groupable:
        inner = _joined(measure, inner)
    rows = inner.subquery()
    figures: list[ColumnElement[Any]] = (
        [rows.c.bin, func.count().label("count")] if rolled.histogram else [
            (func.count().filter(rows.c.fav) - func.count().filter(rows.c.unfav))
            .label("numerator"),
            func.count().label("denominator"),
            func.count().filter(rows.c.extra).label("extra"),
        ]
    )
    base = [rows.c.slot, rows.c.bin] if rolled.histogram else [rows.c.slot]
    dim, grp, grouping = _dims(rows, rolled.groupable, base)
    statement = select(
        literal(rolled.name).label("measure"), dim.label("dim"),
        literal_column("15").label("grain"), rows.c.slot, grp.label("grp"), *figures,
    ).group_by(grouping)
    return as_arrays(statement.subquery()) if rolled.histogram else statement


def as_arrays(binned: Any) -> AnySelect:
    """Rows per slot, group and bin as one row per slot and group: bins and counts arrays,
    ascending by bin (a day reads a few hundred rows, not a hundred thousand)."""
    keys = [binned.c.measure, binned.c.dim, binned.c.grain, binned.c.slot, binned.c.grp]
    return select(
        *keys,
        func.array_agg(aggregate_order_by(binned.c.bin, binned.c.bin)).label("bins"),
        func.array_agg(aggregate_order_by(binned.c.count, binned.c.bin)).label("counts"),
    ).group_by(*keys)


def _dims(
    rows: Any, groupable: bool, base: Sequence[ColumnElement[Any]]
) -> tuple[ColumnElement[Any], ColumnElement[Any], ColumnElement[Any]]:
    """dim, grp and the GROUP BY: GROUPING SETS of the whole and of each group column."""
    if not groupable:
        return literal(""), null(), tuple_(*base)
    groups = [rows.c[dim] for dim in DIMS]
    mask = func.grouping(*groups)
    # GROUPING() sets a bit (the first column the highest) for each column not grouped by.
    masks = {dim: (1 << len(DIMS)) - 1 - (1 << (len(DIMS) - 1 - i)) for i, dim in enumerate(DIMS)}
    dim = case(
        *((mask == value, literal(name)) for name, value in masks.items()), else_=literal("")
    )
    grp = case(*((mask == masks[name], rows.c[name]) for name in DIMS), else_=null())
    sets = [tuple_(*base), *(tuple_(*base, column) for column in groups)]
    return dim, grp, func.grouping_sets(*sets)


def histogram_select(measure: Measure, window: Window) -> AnySelect:
    """Per bucket, group and bin: how many of the measured durations (for the raw parts of a
    window the rollups answer)."""
    assert measure.value is not None
    statement = select(
        *keys(window, measure.time, ticket_group(window)),
        duration_bin(measure.value).label("bin"),
        func.count().label("n"),
    )
    return _counted(measure, statement, window).group_by(text("1"), text("2"), text("3"))


def keys(window: Window, time: Column, group: Column | None) -> list[ColumnElement[Any]]:
    bucket = (
        func.date_trunc(window.granularity, time, window.timezone)
        if window.granularity is not None
        else null()
    )
    return [bucket.label("bucket"), (group if group is not None else null()).label("group")]


def ticket_group(window: Window) -> Column | None:
    return TICKET_GROUPS[window.group_by] if window.group_by else None


def group_by_keys(statement: AnySelect) -> AnySelect:
    return statement.group_by(text("1"), text("2"))  # the bucket and group keys


def _counted(measure: Measure, statement: AnySelect, window: Window) -> AnySelect:
    """`statement` over the rows `measure` counts in the window, joined down to the ticket
    when it is grouped by the ticket's attributes."""
    statement = statement.select_from(measure.subject).where(
        *measure.conditions, in_window(measure.time, window)
    )
    return _joined(measure, statement) if window.group_by is not None else statement


def _joined(measure: Measure, statement: AnySelect) -> AnySelect:
    for target, on in measure.joins:
        statement = statement.outerjoin(target, on)
    return statement


def count_select(measure: Measure, window: Window) -> AnySelect:
    numerator: ColumnElement[int] = (
        func.count() if measure.favourable is None else func.count().filter(measure.favourable)
    )
    if measure.unfavourable is not None:
        numerator = numerator - func.count().filter(measure.unfavourable)
    columns = [
        *keys(window, measure.time, ticket_group(window)),
        numerator.label("numerator"),
        func.count().label("denominator"),
    ]
    if measure.extra is not None:
        columns.append(func.count().filter(measure.extra).label("extra"))
    return group_by_keys(_counted(measure, select(*columns), window))


def duration_select(measure: Measure, window: Window) -> AnySelect:
    seconds = measure.value
    assert seconds is not None
    statement = select(
        *keys(window, measure.time, ticket_group(window)),
        func.percentile_cont(0.5).within_group(seconds).label("median"),
        func.percentile_cont(0.9).within_group(seconds).label("p90"),
        func.count().label("sample_size"),
    )
    return group_by_keys(_counted(measure, statement, window))


def numerator_weight(measure: Measure) -> ColumnElement[int]:
    """What a record adds to the numerator: 1, 0, or -1 (an NPS detractor)."""
    if measure.duration:
        return literal(0)
    if measure.favourable is None:
        return literal(1)
    whens = [(measure.favourable, 1)]
    if measure.unfavourable is not None:
        whens.append((measure.unfavourable, -1))
    return case(*whens, else_=0)


def records_select(measure: Measure, window: Window, filters: RecordFilters) -> AnySelect:
    """The records `count_select` or `duration_select` counts, one row each, with the fields a
    person checks, narrowed to one bucket, group or part when asked."""
    weight = numerator_weight(measure)
    ticket = _ticket_columns(measure)
    statement = select(
        literal(measure.record_type).label("record_type"),
        measure.id.label("id"),
        measure.key.label("cursor_key"),
        ticket["ticket_id"], ticket["ticket_number"],
        measure.time.label("measured_at"),
        (measure.created_at if measure.created_at is not None else null()).label("created_at"),
        _as_float(measure.value).label("value"),
        (cast(measure.detail, Text) if measure.detail is not None else null()).label("detail"),
        ticket["channel"], ticket["priority"], ticket["tier"], ticket["assignee"], ticket["team"],
        (weight != 0).label("in_numerator"),
        true().label("in_denominator"),
        weight.label("numerator_weight"),
    ).select_from(measure.subject).where(*measure.conditions, in_window(measure.time, window))
    statement = _joined(measure, statement)
    if filters.bucket is not None:
        bucket_start, bucket_end = filters.bucket
        statement = statement.where(measure.time >= bucket_start, measure.time < bucket_end)
    group = ticket_group(window)
    if group is not None and filters.group is not None:
        statement = statement.where(cast(group, Text) == filters.group)
    if filters.part == "numerator":
        statement = statement.where(weight != 0)
    return statement


def _ticket_columns(measure: Measure) -> dict[str, ColumnElement[Any]]:
    columns: dict[str, Column] = {
        "ticket_id": Ticket.id, "ticket_number": Ticket.number, "channel": Ticket.channel,
        "priority": Ticket.priority, "tier": Ticket.tier, "assignee": Ticket.assignee,
        "team": Ticket.team,
    }
    return {
        name: (column if measure.reaches_ticket else null()).label(name)
        for name, column in columns.items()
    }


def _as_float(value: Column | None) -> ColumnElement[Any]:
    return null() if value is None else func.round(cast(value, Numeric), 3)
