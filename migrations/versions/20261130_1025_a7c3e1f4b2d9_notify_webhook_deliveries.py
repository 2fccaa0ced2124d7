"""Notify webhook deliveries: a NOTIFY on aftercare_webhook_deliveries when deliveries are inserted

A statement-level trigger, so whichever statement writes deliveries (the outbox fan-out of any
domain) wakes the delivery workers; PostgreSQL delivers the notification only when the
transaction commits, and once per transaction however many statements fired it.

Revision ID: a7c3e1f4b2d9
Revises: 5c1e7a9b3d20
Create Date: 2026-11-30 10:25:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = 'a7c3e1f4b2d9'
down_revision: str | None = '5c1e7a9b3d20'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FUNCTION = """
CREATE FUNCTION aftercare_notify_webhook_deliveries() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT FROM inserted) THEN
        PERFORM pg_notify('aftercare_webhook_deliveries', '');
    END IF;
    RETURN NULL;
END
$$
"""
TRIGGER = """
CREATE TRIGGER webhook_deliveries_notify AFTER INSERT ON webhook_deliveries
REFERENCING NEW TABLE AS inserted
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_notify_webhook_deliveries()
"""


def upgrade() -> None:
    op.execute(FUNCTION)
    op.execute(TRIGGER)


def downgrade() -> None:
    op.execute("DROP TRIGGER webhook_deliveries_notify ON webhook_deliveries")
    op.execute("DROP FUNCTION aftercare_notify_webhook_deliveries()")
