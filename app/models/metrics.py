"""Metric rollups: additive counts and duration histograms per UTC hour and UTC day, by group,
folded by the worker from the rows changed since (metric_changes, written by triggers)."""

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    SmallInteger,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import ARRAY

from app.models.base import Base


def _key() -> tuple[Column[object], ...]:
    return (
        Column("measure", String(32), nullable=False),
        Column("dim", String(16), nullable=False),  # '' for the whole, else the group column
        Column("grain", SmallInteger, nullable=False),  # minutes: 15, 60, 360 or 1440
        Column("slot", DateTime(timezone=True), nullable=False),  # UTC start of the slot
        Column("grp", Text, nullable=True),  # the group's value (null: none, or ungrouped)
    )


metric_rollups = Table(
    "metric_rollups",
    Base.metadata,
    *_key(),
    Column("numerator", BigInteger, nullable=False),
    Column("denominator", BigInteger, nullable=False),
    Column("extra", BigInteger, nullable=False),
    Index("ix_metric_rollups_measure_dim_grain_slot", "measure", "dim", "grain", "slot"),
    Index("ix_metric_rollups_grain_slot", "grain", "slot"),  # what a fold replaces
)

metric_histograms = Table(
    "metric_histograms",
    Base.metadata,
    *_key(),
    # One row per slot and group: its non-empty bins, ascending, and how many values each holds.
    Column("bins", ARRAY(Integer), nullable=False),
    Column("counts", ARRAY(BigInteger), nullable=False),
    Index("ix_metric_histograms_measure_dim_grain_slot", "measure", "dim", "grain", "slot"),
    Index("ix_metric_histograms_grain_slot", "grain", "slot"),
)

# Appended to (never updated) by triggers on the rows metrics count: no row every write shares.
metric_changes = Table(
    "metric_changes",
    Base.metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("hour", DateTime(timezone=True), nullable=False),
)

metric_rollup_state = Table(
    "metric_rollup_state",
    Base.metadata,
    Column("id", SmallInteger, primary_key=True),
    Column("built_at", DateTime(timezone=True), nullable=False),
    Column("folded_at", DateTime(timezone=True), nullable=False),
)
