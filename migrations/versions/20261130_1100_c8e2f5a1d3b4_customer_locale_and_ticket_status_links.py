"""Customers' locale and time zone; ticket status links (capabilities stored as hashes)

Revision ID: c8e2f5a1d3b4
Revises: 3e7b1a9c5d24
Create Date: 2026-11-30 11:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'c8e2f5a1d3b4'
down_revision: str | None = '3e7b1a9c5d24'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('customers', sa.Column('locale', sa.String(length=35), nullable=True))
    op.add_column('customers', sa.Column('time_zone', sa.String(length=64), nullable=True))
    op.create_table(
        'ticket_status_links',
        sa.Column('ticket_id', sa.Uuid(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['ticket_id'], ['tickets.id'],
            name=op.f('fk_ticket_status_links_ticket_id_tickets'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('ticket_id', name=op.f('pk_ticket_status_links')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_ticket_status_links_token_hash')),
    )


def downgrade() -> None:
    op.drop_table('ticket_status_links')
    op.drop_column('customers', 'time_zone')
    op.drop_column('customers', 'locale')
