"""Events keep the W3C traceparent of the span that recorded them (tracing on), so the spans of
their webhook deliveries can link to it

Revision ID: 276761975ac2
Revises: 7e3b5a9d2c41
Create Date: 2026-11-30 10:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '276761975ac2'
down_revision: str | None = '7e3b5a9d2c41'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable, no default: a catalogue change only, however many events there are.
    op.add_column('events', sa.Column('traceparent', sa.String(length=55), nullable=True))


def downgrade() -> None:
    op.drop_column('events', 'traceparent')
