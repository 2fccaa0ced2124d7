"""Survey fatigue, sampling and reminders: a template's sample share, the solved tickets the
automatic invitation passed over, and each invitation's pending reminder with its own token

Invitations made before this revision get no reminder (their reminder_due_at stays null).

Revision ID: a3c9e4f1b257
Revises: 276761975ac2
Create Date: 2026-11-30 10:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'a3c9e4f1b257'
down_revision: str | None = '276761975ac2'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        'survey_templates',
        sa.Column('sample_percent', sa.SmallInteger(), server_default=sa.text('100'),
                  nullable=False),
    )
    op.create_check_constraint(
        'sample_percent', 'survey_templates', 'sample_percent BETWEEN 1 AND 100'
    )
    op.add_column(
        'survey_invitations', sa.Column('reminder_due_at', sa.DateTime(timezone=True))
    )
    op.add_column('survey_invitations', sa.Column('reminded_at', sa.DateTime(timezone=True)))
    op.add_column('survey_invitations', sa.Column('reminder_token_hash', sa.String(length=64)))
    op.create_unique_constraint(
        'uq_survey_invitations_reminder_token_hash', 'survey_invitations',
        ['reminder_token_hash'],
    )
    op.create_index(
        'ix_survey_invitations_reminder_due_at', 'survey_invitations', ['reminder_due_at'],
        postgresql_where=sa.text('reminder_due_at IS NOT NULL'),
    )
    op.create_table(
        'survey_auto_invite_skips',
        sa.Column('ticket_id', sa.Uuid(), nullable=False),
        sa.Column('template_id', sa.Uuid(), nullable=False),
        sa.Column('reason', sa.String(length=16), nullable=False),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "reason IN ('fatigue', 'sampling')", name=op.f('ck_survey_auto_invite_skips_reason')
        ),
        sa.ForeignKeyConstraint(
            ['template_id'], ['survey_templates.id'],
            name=op.f('fk_survey_auto_invite_skips_template_id_survey_templates'),
        ),
        sa.ForeignKeyConstraint(
            ['ticket_id'], ['tickets.id'], ondelete='CASCADE',
            name=op.f('fk_survey_auto_invite_skips_ticket_id_tickets'),
        ),
        sa.PrimaryKeyConstraint('ticket_id', name=op.f('pk_survey_auto_invite_skips')),
    )


def downgrade() -> None:
    op.drop_table('survey_auto_invite_skips')
    op.drop_index(
        'ix_survey_invitations_reminder_due_at', table_name='survey_invitations',
        postgresql_where=sa.text('reminder_due_at IS NOT NULL'),
    )
    op.drop_constraint(
        'uq_survey_invitations_reminder_token_hash', 'survey_invitations', type_='unique'
    )
    op.drop_column('survey_invitations', 'reminder_token_hash')
    op.drop_column('survey_invitations', 'reminded_at')
    op.drop_column('survey_invitations', 'reminder_due_at')
    op.drop_constraint('sample_percent', 'survey_templates', type_='check')
    op.drop_column('survey_templates', 'sample_percent')
