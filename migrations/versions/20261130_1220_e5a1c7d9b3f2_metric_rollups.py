"""Metric rollups per UTC hour and day, the change log triggers append to, and its state

Revision ID: e5a1c7d9b3f2
Revises: d5a9e3c7b2f1
Create Date: 2026-11-30 12:20:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "e5a1c7d9b3f2"
down_revision: str | None = "d5a9e3c7b2f1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HOUR = "date_trunc('hour', {}, 'UTC')"
TICKET_FIGURES = (
    "created_at",
    "first_solved_at",
    "first_responded_at",
    "first_response_seconds",
    "resolution_seconds",
    "replies_at_first_solve",
    "first_reopened_at",
)
TICKET_GROUPS = ("channel", "priority", "tier", "assignee", "team")
# table: (its key, the times that place its rows in an hour, what a changed row must differ in)
LOGGED = {
    "tickets": (("id",), ("created_at", "first_solved_at"), TICKET_FIGURES + TICKET_GROUPS),
    "survey_answers": (
        ("response_id", "question_key"),
        ("answered_at",),
        ("answered_at", "counts_as", "numeric_value"),
    ),
    "survey_invitations": (("id",), ("created_at",), ("created_at", "responded_at")),
    "sla_targets": (("id",), ("due_at",), ("due_at", "status", "metric", "ticket_id")),
    "orders": (
        ("id",),
        ("promised_delivery_at",),
        ("promised_delivery_at", "delivered_at", "status"),
    ),
}


def _key_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("measure", sa.String(length=32), nullable=False),
        sa.Column("dim", sa.String(length=16), nullable=False),
        sa.Column("grain", sa.SmallInteger(), nullable=False),
        sa.Column("slot", sa.DateTime(timezone=True), nullable=False),
        sa.Column("grp", sa.Text(), nullable=True),
    ]


def _hours(rows: str, times: Sequence[str]) -> str:
    values = ", ".join(f"({rows}.{time})" for time in times)
    return (
        f"SELECT DISTINCT {HOUR.format('v.t')} FROM {rows}"  # noqa: S608 - constants
        f" CROSS JOIN LATERAL (VALUES {values}) AS v(t) WHERE v.t IS NOT NULL"
    )


def _changed_hours(key: Sequence[str], times: Sequence[str], watched: Sequence[str]) -> str:
    on = " AND ".join(f"o.{column} = n.{column}" for column in key)
    values = ", ".join(f"(o.{time}), (n.{time})" for time in times)
    old = ", ".join(f"o.{column}" for column in watched)
    new = ", ".join(f"n.{column}" for column in watched)
    return (
        f"SELECT DISTINCT {HOUR.format('v.t')} FROM old_rows o JOIN new_rows n ON {on}"  # noqa: S608
        f" CROSS JOIN LATERAL (VALUES {values}) AS v(t)"
        f" WHERE v.t IS NOT NULL AND ({old}) IS DISTINCT FROM ({new})"
    )


# A ticket moved to another channel, priority, tier, assignee or team moves its survey answers
# and SLA targets to that group too: their hours change.
MOVED_TICKETS = (  # noqa: S608 - constants
    "SELECT DISTINCT " + HOUR.format("x.t") + " FROM old_rows o JOIN new_rows n ON o.id = n.id"  # noqa: S608
    " CROSS JOIN LATERAL ("
    "  SELECT a.answered_at AS t FROM survey_responses r"
    "  JOIN survey_answers a ON a.response_id = r.id WHERE r.ticket_id = n.id"
    "  UNION ALL SELECT s.due_at FROM sla_targets s WHERE s.ticket_id = n.id"
    " ) AS x"
    f" WHERE ({', '.join('o.' + c for c in TICKET_GROUPS)})"
    f" IS DISTINCT FROM ({', '.join('n.' + c for c in TICKET_GROUPS)})"
)


def _log_function(table: str) -> str:
    key, times, watched = LOGGED[table]
    moved = f"INSERT INTO metric_changes (hour) {MOVED_TICKETS};" if table == "tickets" else ""
    return f"""
CREATE FUNCTION metric_changes_of_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO metric_changes (hour) {_hours("new_rows", times)};
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO metric_changes (hour) {_hours("old_rows", times)};
    ELSE
        INSERT INTO metric_changes (hour) {_changed_hours(key, times, watched)};
        {moved}
    END IF;
    RETURN NULL;
END
$$"""


def _triggers(table: str) -> list[str]:
    function = f"metric_changes_of_{table}()"
    return [
        f"CREATE TRIGGER metric_changes_insert AFTER INSERT ON {table}"
        f" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}",
        f"CREATE TRIGGER metric_changes_update AFTER UPDATE ON {table}"
        " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {function}",
        f"CREATE TRIGGER metric_changes_delete AFTER DELETE ON {table}"
        f" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}",
    ]


def upgrade() -> None:
    op.create_table(
        "metric_rollups",
        *_key_columns(),
        sa.Column("numerator", sa.BigInteger(), nullable=False),
        sa.Column("denominator", sa.BigInteger(), nullable=False),
        sa.Column("extra", sa.BigInteger(), nullable=False),
    )
    op.create_index(
        "ix_metric_rollups_measure_dim_grain_slot",
        "metric_rollups",
        ["measure", "dim", "grain", "slot"],
    )
    op.create_index("ix_metric_rollups_grain_slot", "metric_rollups", ["grain", "slot"])
    op.create_table(
        "metric_histograms",
        *_key_columns(),
        sa.Column("bins", postgresql.ARRAY(sa.Integer()), nullable=False),
        sa.Column("counts", postgresql.ARRAY(sa.BigInteger()), nullable=False),
    )
    op.create_index(
        "ix_metric_histograms_measure_dim_grain_slot",
        "metric_histograms",
        ["measure", "dim", "grain", "slot"],
    )
    op.create_index("ix_metric_histograms_grain_slot", "metric_histograms", ["grain", "slot"])
    op.create_table(
        "metric_changes",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("hour", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_changes")),
    )
    op.create_table(
        "metric_rollup_state",
        sa.Column("id", sa.SmallInteger(), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("folded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_rollup_state")),
    )
    op.create_index("ix_orders_promised_delivery_at", "orders", ["promised_delivery_at"])
    for table in LOGGED:
        op.execute(_log_function(table))
        for trigger in _triggers(table):
            op.execute(trigger)


def downgrade() -> None:
    for table in LOGGED:
        for trigger in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER metric_changes_{trigger} ON {table}")
        op.execute(f"DROP FUNCTION metric_changes_of_{table}()")
    op.drop_index("ix_orders_promised_delivery_at", table_name="orders")
    op.drop_table("metric_rollup_state")
    op.drop_table("metric_changes")
    op.drop_index("ix_metric_histograms_grain_slot", table_name="metric_histograms")
    op.drop_index("ix_metric_histograms_measure_dim_grain_slot", table_name="metric_histograms")
    op.drop_table("metric_histograms")
    op.drop_index("ix_metric_rollups_grain_slot", table_name="metric_rollups")
    op.drop_index("ix_metric_rollups_measure_dim_grain_slot", table_name="metric_rollups")
    op.drop_table("metric_rollups")
