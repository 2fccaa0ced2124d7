"""Tickets carry an optional team, with an index for the list filter by team (newest first)

Revision ID: 3e7b1a9c5d24
Revises: c4e8a2d6f1b3
Create Date: 2026-11-30 10:40:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '3e7b1a9c5d24'
down_revision: str | None = 'c4e8a2d6f1b3'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('tickets', sa.Column('team', sa.String(length=64), nullable=True))
    op.create_index(
        'ix_tickets_team_created_at', 'tickets', ['team', 'created_at'], unique=False
    )


def downgrade() -> None:
    op.drop_index('ix_tickets_team_created_at', table_name='tickets')
    op.drop_column('tickets', 'team')
