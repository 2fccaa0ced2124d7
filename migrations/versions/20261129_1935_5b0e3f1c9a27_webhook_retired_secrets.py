"""Webhook secrets: every rotated-out secret keeps signing until its own overlap ends

Revision ID: 5b0e3f1c9a27
Revises: 13ee84203160
Create Date: 2026-11-29 19:35:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '5b0e3f1c9a27'
down_revision: str | None = '13ee84203160'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        'webhook_endpoints',
        sa.Column(
            'retired_secrets', postgresql.JSONB(), server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
    )
    op.execute(
        "UPDATE webhook_endpoints SET retired_secrets = jsonb_build_array(jsonb_build_object("
        "'secret', previous_secret, 'expires_at', to_jsonb(previous_secret_expires_at)))"
        " WHERE previous_secret IS NOT NULL AND previous_secret_expires_at IS NOT NULL"
    )
    op.drop_column('webhook_endpoints', 'previous_secret_expires_at')
    op.drop_column('webhook_endpoints', 'previous_secret')


def downgrade() -> None:
    op.add_column('webhook_endpoints', sa.Column('previous_secret', sa.String(128)))
    op.add_column(
        'webhook_endpoints',
        sa.Column('previous_secret_expires_at', sa.DateTime(timezone=True)),
    )
    # Only the newest rotated-out secret survives a downgrade: the old schema holds one.
    op.execute(
        "UPDATE webhook_endpoints SET previous_secret = retired_secrets -> -1 ->> 'secret',"
        " previous_secret_expires_at = (retired_secrets -> -1 ->> 'expires_at')::timestamptz"
        " WHERE jsonb_array_length(retired_secrets) > 0"
    )
    op.drop_column('webhook_endpoints', 'retired_secrets')
