"""The overdue watch's index leaves cancelled orders out: a cancelled order is no delivery

Revision ID: 8d41c7a2e6b5
Revises: 5b0e3f1c9a27
Create Date: 2026-11-29 20:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '8d41c7a2e6b5'
down_revision: str | None = '5b0e3f1c9a27'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WATCHED = "delivered_at IS NULL AND overdue_notified_at IS NULL"


def upgrade() -> None:
    op.drop_index('ix_orders_overdue_watch', table_name='orders')
    op.create_index(
        'ix_orders_overdue_watch', 'orders', ['promised_delivery_at'], unique=False,
        postgresql_where=sa.text(f"{WATCHED} AND status <> 'cancelled'"),
    )


def downgrade() -> None:
    op.drop_index('ix_orders_overdue_watch', table_name='orders')
    op.create_index(
        'ix_orders_overdue_watch', 'orders', ['promised_delivery_at'], unique=False,
        postgresql_where=sa.text(WATCHED),
    )
