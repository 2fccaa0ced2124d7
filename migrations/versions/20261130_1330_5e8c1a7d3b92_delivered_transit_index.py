"""Delivery calibration indexes: the deliveries of a period in delivery order with their lane,
shipment and status (the transit quantiles), and the promises of a period with their lane,
delivery and status (the promises kept), so both read an index alone instead of the table

Revision ID: 5e8c1a7d3b92
Revises: d2f0caa96fff
Create Date: 2026-11-30 13:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '5e8c1a7d3b92'
down_revision: str | None = 'd2f0caa96fff'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = 'ix_orders_delivered_transit'
PROMISED = 'ix_orders_promised_delivery_at'
HAS_TRANSIT = sa.text('shipped_at IS NOT NULL AND delivered_at IS NOT NULL')


def upgrade() -> None:
    op.create_index(
        INDEX, 'orders', ['delivered_at'], unique=False,
        postgresql_include=['carrier', 'service_level', 'destination_country', 'shipped_at',
                            'status'],
        postgresql_where=HAS_TRANSIT,
    )
    op.drop_index(PROMISED, table_name='orders')
    op.create_index(
        PROMISED, 'orders', ['promised_delivery_at'], unique=False,
        postgresql_include=['carrier', 'service_level', 'destination_country', 'delivered_at',
                            'status'],
    )


def downgrade() -> None:
    op.drop_index(PROMISED, table_name='orders')
    op.create_index(PROMISED, 'orders', ['promised_delivery_at'], unique=False)
    op.drop_index(INDEX, table_name='orders', postgresql_where=HAS_TRANSIT)
