"""Indexes for the list filters by order and ticket: feedback by order and ticket, survey
invitations and responses by order

Revision ID: 90eb0cedc09e
Revises: 2f6a9c0d4e18
Create Date: 2026-11-30 09:00:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '90eb0cedc09e'
down_revision: str | None = '2f6a9c0d4e18'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ('ix_feedback_order_id', 'feedback', 'order_id'),
    ('ix_feedback_ticket_id', 'feedback', 'ticket_id'),
    ('ix_survey_invitations_order_id', 'survey_invitations', 'order_id'),
    ('ix_survey_responses_order_id', 'survey_responses', 'order_id'),
)


def upgrade() -> None:
    for name, table, column in INDEXES:
        op.create_index(name, table, [column], unique=False)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
