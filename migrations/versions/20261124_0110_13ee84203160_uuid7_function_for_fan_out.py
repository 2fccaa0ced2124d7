"""uuid7 function: the database makes the ids of the deliveries that fan-out writes in SQL

Revision ID: 13ee84203160
Revises: 24437ffb470a
Create Date: 2026-11-24 01:10:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '13ee84203160'
down_revision: str | None = '24437ffb470a'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# RFC 9562 version 7, as app.ids.uuid7 makes them: 48 bits of Unix milliseconds, then random
# bits from gen_random_uuid() (version 4, variant 10); setting bits 52 and 53 turns the
# version nibble 0100 into 0111. PostgreSQL 18 has uuidv7(), 15 to 17 do not.
UUID7_FUNCTION = """
CREATE FUNCTION aftercare_uuid7() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE
AS $$
    SELECT encode(
        set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
            substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint)
                FROM 3)
            FROM 1 FOR 6), 52, 1), 53, 1),
        'hex')::uuid
$$
"""


def upgrade() -> None:
    op.execute(UUID7_FUNCTION)


def downgrade() -> None:
    op.execute("DROP FUNCTION aftercare_uuid7()")
