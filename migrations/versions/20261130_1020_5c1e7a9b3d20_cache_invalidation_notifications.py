"""NOTIFY aftercare_cache when API keys, SLA policies or business calendars change, so every
API process empties its in-process cache of them (app.kit.cache)

Revision ID: 5c1e7a9b3d20
Revises: d81f4b2c6e93
Create Date: 2026-11-30 10:20:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '5c1e7a9b3d20'
down_revision: str | None = 'd81f4b2c6e93'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, the changes that matter, the cache's name). An API key's last_used_at is written
# often and cached by no one: only the columns authentication reads count.
TRIGGERS = (
    ('api_keys', 'UPDATE OF name, prefix, secret_hash, scopes, revoked_at OR DELETE OR TRUNCATE',
     'api_keys'),
    ('sla_policies', 'INSERT OR UPDATE OR DELETE OR TRUNCATE', 'sla_policies'),
    ('business_calendars', 'INSERT OR UPDATE OR DELETE OR TRUNCATE', 'sla_policies'),
)


def upgrade() -> None:
    # Delivered at commit, once per transaction and payload; nothing for a rollback.
    op.execute(
        "CREATE FUNCTION aftercare_notify_cache() RETURNS trigger LANGUAGE plpgsql AS $$"
        " BEGIN PERFORM pg_notify('aftercare_cache', TG_ARGV[0]); RETURN NULL; END $$"
    )
    for table, events, cache in TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {table}_notify_cache AFTER {events} ON {table}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION aftercare_notify_cache('{cache}')"
        )


def downgrade() -> None:
    for table, _, _ in TRIGGERS:
        op.execute(f"DROP TRIGGER {table}_notify_cache ON {table}")
    op.execute("DROP FUNCTION aftercare_notify_cache()")
