"""The answer stored under an Idempotency-Key as text: a replay sends the bytes first sent
(jsonb reordered its keys), and storing it no longer parses it

Revision ID: 3f6a9d2c8e15
Revises: 8b3d5f1a9c27
Create Date: 2026-11-30 14:10:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '3f6a9d2c8e15'
down_revision: str | None = '8b3d5f1a9c27'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "ALTER TABLE idempotency_keys ALTER COLUMN response_body TYPE text"
        " USING response_body::text"
    )


def downgrade() -> None:
    op.execute(
        "ALTER TABLE idempotency_keys ALTER COLUMN response_body TYPE jsonb"
        " USING response_body::jsonb"
    )
