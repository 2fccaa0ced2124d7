"""aftercare_refuse(reason): raises, so that a statement can abort itself (every write of it
undone) when a condition it checks fails; POST /v1/tickets writes in one statement and refuses
when the Idempotency-Key is held by another request or the customer changed since it was read

Revision ID: 8b3d5f1a9c27
Revises: 5e8c1a7d3b92
Create Date: 2026-11-30 14:00:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '8b3d5f1a9c27'
down_revision: str | None = '5e8c1a7d3b92'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("""
CREATE FUNCTION aftercare_refuse(reason text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'AC001', MESSAGE = reason;
END
$$
""")


def downgrade() -> None:
    op.execute("DROP FUNCTION aftercare_refuse(text)")
