"""Notify SLA deadlines: a NOTIFY on aftercare_sla_deadlines with the nearest instant written

When a statement inserts or updates SLA targets, the earliest instant among the active ones it
wrote (a deadline, or the start of a warning window not yet warned of) is sent as the payload, in
Unix seconds. A sweep sleeping until a later instant wakes for it; one due sooner ignores it.
PostgreSQL delivers it only when the transaction commits.

Revision ID: c4e8a2d6f1b3
Revises: a7c3e1f4b2d9
Create Date: 2026-11-30 10:30:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = 'c4e8a2d6f1b3'
down_revision: str | None = 'a7c3e1f4b2d9'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FUNCTION = """
CREATE FUNCTION aftercare_notify_sla_deadlines() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    nearest timestamptz;
BEGIN
    SELECT min(CASE WHEN warned_at IS NULL THEN least(due_at, warn_at) ELSE due_at END)
    INTO nearest FROM changed WHERE status = 'active';
    IF nearest IS NOT NULL THEN
        PERFORM pg_notify('aftercare_sla_deadlines', extract(epoch FROM nearest)::text);
    END IF;
    RETURN NULL;
END
$$
"""
# A trigger with transition tables serves one event: one for INSERT, one for UPDATE.
TRIGGERS = {
    "sla_targets_notify_insert": "INSERT",
    "sla_targets_notify_update": "UPDATE",
}


def upgrade() -> None:
    op.execute(FUNCTION)
    for name, event in TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON sla_targets REFERENCING NEW TABLE AS changed"
            " FOR EACH STATEMENT EXECUTE FUNCTION aftercare_notify_sla_deadlines()"
        )


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name} ON sla_targets")
    op.execute("DROP FUNCTION aftercare_notify_sla_deadlines()")
