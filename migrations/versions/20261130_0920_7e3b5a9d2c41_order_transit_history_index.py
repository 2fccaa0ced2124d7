"""An index for the transit-time history per lane (carrier, service level, destination), latest
deliveries first: the delivery estimates read it

Revision ID: 7e3b5a9d2c41
Revises: 4c2d8e1f7a30
Create Date: 2026-11-30 09:20:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '7e3b5a9d2c41'
down_revision: str | None = '4c2d8e1f7a30'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        'ix_orders_transit_history', 'orders',
        ['carrier', 'service_level', 'destination_country', 'delivered_at'],
        postgresql_where=sa.text('shipped_at IS NOT NULL AND delivered_at IS NOT NULL'),
    )


def downgrade() -> None:
    op.drop_index('ix_orders_transit_history', table_name='orders')
