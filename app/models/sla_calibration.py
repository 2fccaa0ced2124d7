"""SLA calibration rollups per UTC hour and UTC day, folded with the metric rollups (the same
change log, worker and rebuild): the settled targets per promise, and histograms of the
calendar time from a ticket's creation to its first response and first solve."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    Interval,
    SmallInteger,
    String,
    Table,
)
from sqlalchemy.dialects.postgresql import ARRAY

from app.models.base import Base


def _key() -> tuple[Column[object], ...]:
    return (
        Column("grain", SmallInteger, nullable=False),  # minutes: 60 or 1440
        Column("slot", DateTime(timezone=True), nullable=False),  # UTC start of hour or day
        Column("priority", String(16), nullable=False),  # the ticket's
        Column("metric", String(16), nullable=False),
    )


# Per slot of the due time: the targets met or breached, per promise.
sla_calibration_promises = Table(
    "sla_calibration_promises",
    Base.metadata,
    *_key(),
    Column("target", Interval, nullable=False),
    Column("business_hours", Boolean, nullable=False),
    Column("met", BigInteger, nullable=False),
    Column("settled", BigInteger, nullable=False),
    Index("ix_sla_calibration_promises_grain_slot", "grain", "slot"),
)

# Per slot of the ticket's creation and metric (first_response, resolution): the non-empty
# bins of the calendar seconds (app.metrics.slots), ascending, and how many values each holds.
sla_calibration_times = Table(
    "sla_calibration_times",
    Base.metadata,
    *_key(),
    Column("bins", ARRAY(Integer), nullable=False),
    Column("counts", ARRAY(BigInteger), nullable=False),
    Index("ix_sla_calibration_times_grain_slot", "grain", "slot"),
)
