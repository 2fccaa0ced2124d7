"""SLA calibration rollups per UTC hour and day, backfilled from the targets and tickets there are

Revision ID: 6b1f2d8e4a07
Revises: f3b8d2a6c4e1
Create Date: 2026-11-30 13:00:00+00:00
"""

import math
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "6b1f2d8e4a07"
down_revision: str | None = "f3b8d2a6c4e1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LN_GAMMA = math.log((1 + 0.01) / (1 - 0.01))  # the histograms' bins: 1 % relative error
ZERO_BIN = -(2**31)

# As app.metrics.calibration_repository builds them (its fold and rebuild keep them since):
# hour rows from raw rows, day rows from hour rows.
HOUR_PROMISES = """
INSERT INTO sla_calibration_promises
SELECT 60, date_trunc('hour', s.due_at, 'UTC'), t.priority, s.metric, s.target,
       s.business_hours, count(*) FILTER (WHERE s.status = 'met'), count(*)
FROM sla_targets s JOIN tickets t ON t.id = s.ticket_id
WHERE s.status IN ('met', 'breached')
GROUP BY 2, 3, 4, 5, 6
"""
DAY_PROMISES = """
INSERT INTO sla_calibration_promises
SELECT 1440, date_trunc('day', slot, 'UTC'), priority, metric, target, business_hours,
       sum(met), sum(settled)
FROM sla_calibration_promises WHERE grain = 60
GROUP BY 2, 3, 4, 5, 6
"""
BINNED = """
SELECT date_trunc('hour', created_at, 'UTC') AS slot, priority, '{metric}' AS metric,
       CAST(CASE WHEN CAST(seconds AS float8) > 0
                 THEN ceil(ln(CAST(seconds AS float8)) / {ln_gamma!r}::float8)
                 ELSE {zero_bin} END AS integer) AS bin
FROM (SELECT created_at, priority, extract(epoch FROM {done_at} - created_at) AS seconds
      FROM tickets WHERE {done_at} IS NOT NULL) AS timed
"""
HOUR_TIMES = """
INSERT INTO sla_calibration_times
SELECT 60, slot, priority, metric, array_agg(bin ORDER BY bin), array_agg(n ORDER BY bin)
FROM (SELECT slot, priority, metric, bin, count(*) AS n FROM ({binned}) AS b
      GROUP BY 1, 2, 3, 4) AS counted
GROUP BY 2, 3, 4
"""
DAY_TIMES = """
INSERT INTO sla_calibration_times
SELECT 1440, day, priority, metric, array_agg(bin ORDER BY bin), array_agg(n ORDER BY bin)
FROM (SELECT date_trunc('day', h.slot, 'UTC') AS day, h.priority, h.metric, c.bin,
             sum(c.n) AS n
      FROM sla_calibration_times h CROSS JOIN LATERAL unnest(h.bins, h.counts) AS c(bin, n)
      WHERE h.grain = 60 GROUP BY 1, 2, 3, 4) AS summed
GROUP BY 2, 3, 4
"""


def _key() -> list[sa.Column[object]]:
    return [
        sa.Column("grain", sa.SmallInteger(), nullable=False),
        sa.Column("slot", sa.DateTime(timezone=True), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=False),
        sa.Column("metric", sa.String(length=16), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "sla_calibration_promises",
        *_key(),
        sa.Column("target", sa.Interval(), nullable=False),
        sa.Column("business_hours", sa.Boolean(), nullable=False),
        sa.Column("met", sa.BigInteger(), nullable=False),
        sa.Column("settled", sa.BigInteger(), nullable=False),
    )
    op.create_index(
        "ix_sla_calibration_promises_grain_slot", "sla_calibration_promises", ["grain", "slot"]
    )
    op.create_table(
        "sla_calibration_times",
        *_key(),
        sa.Column("bins", postgresql.ARRAY(sa.Integer()), nullable=False),
        sa.Column("counts", postgresql.ARRAY(sa.BigInteger()), nullable=False),
    )
    op.create_index(
        "ix_sla_calibration_times_grain_slot", "sla_calibration_times", ["grain", "slot"]
    )
    binned = " UNION ALL ".join(
        BINNED.format(metric=metric, done_at=done_at, ln_gamma=LN_GAMMA, zero_bin=ZERO_BIN)
        for metric, done_at in (
            ("first_response", "first_responded_at"),
            ("resolution", "first_solved_at"),
        )
    )
    for statement in (HOUR_PROMISES, DAY_PROMISES, HOUR_TIMES.format(binned=binned), DAY_TIMES):
        op.execute(statement)
    op.execute("ANALYZE sla_calibration_promises")
    op.execute("ANALYZE sla_calibration_times")


def downgrade() -> None:
    op.drop_index("ix_sla_calibration_times_grain_slot", table_name="sla_calibration_times")
    op.drop_table("sla_calibration_times")
    op.drop_index("ix_sla_calibration_promises_grain_slot", table_name="sla_calibration_promises")
    op.drop_table("sla_calibration_promises")
