"""Orders gain their shipping facts: carrier, service level, destination, shipment and tracking

Revision ID: 4c2d8e1f7a30
Revises: 90eb0cedc09e
Create Date: 2026-11-30 09:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '4c2d8e1f7a30'
down_revision: str | None = '90eb0cedc09e'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ('carrier', sa.String(64)),
    ('service_level', sa.String(64)),
    ('destination_country', sa.CHAR(2)),
    ('destination_region', sa.String(16)),
    ('shipped_at', sa.DateTime(timezone=True)),
    ('tracking_number', sa.String(128)),
    ('tracking_url', sa.String(2048)),
)


def upgrade() -> None:
    for name, type_ in COLUMNS:
        op.add_column('orders', sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    for name, _ in reversed(COLUMNS):
        op.drop_column('orders', name)
