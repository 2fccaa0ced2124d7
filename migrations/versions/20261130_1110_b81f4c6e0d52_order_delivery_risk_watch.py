"""The at-risk watch: each open order with a promise has the next instant to look at it
(risk_check_at, indexed where set) and when its promise was reported at risk

Revision ID: b81f4c6e0d52
Revises: c8e2f5a1d3b4
Create Date: 2026-11-30 11:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'b81f4c6e0d52'
down_revision: str | None = 'c8e2f5a1d3b4'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('orders', sa.Column('risk_check_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        'orders', sa.Column('at_risk_notified_at', sa.DateTime(timezone=True), nullable=True)
    )
    # Orders already open with a promise still ahead are watched from now on.
    op.execute(
        "UPDATE orders SET risk_check_at = now() WHERE promised_delivery_at > now()"
        " AND delivered_at IS NULL AND status NOT IN ('cancelled', 'delivered', 'returned')"
    )
    op.create_index(
        'ix_orders_risk_watch', 'orders', ['risk_check_at'],
        postgresql_where=sa.text('risk_check_at IS NOT NULL'),
    )


def downgrade() -> None:
    op.drop_index('ix_orders_risk_watch', table_name='orders')
    op.drop_column('orders', 'at_risk_notified_at')
    op.drop_column('orders', 'risk_check_at')
