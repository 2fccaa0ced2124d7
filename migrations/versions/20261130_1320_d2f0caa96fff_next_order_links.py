"""Each order knows when its customer ordered next (retention without DISTINCT), kept by
triggers; the covering index retention scans

Revision ID: d2f0caa96fff
Revises: a7c4e2f9b1d3
Create Date: 2026-11-30 13:20:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d2f0caa96fff"
down_revision: str | None = "a7c4e2f9b1d3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every order's next_placed_at from scratch: the placed_at of the customer's following order,
# ordered by (placed_at, id). Also run by `aftercare demo` after its bulk load.
LINK_ALL = """
UPDATE orders o SET next_placed_at = n.next_placed_at
FROM (
    SELECT id, lead(placed_at) OVER (PARTITION BY customer_id ORDER BY placed_at, id)
        AS next_placed_at
    FROM orders
) AS n
WHERE o.id = n.id AND o.next_placed_at IS DISTINCT FROM n.next_placed_at
"""

# The customers whose orders a statement added, removed, moved between customers or in time:
# their rows are locked (one customer at a time, in id order: concurrent writers of one
# customer's orders take turns, other customers are not touched), then their orders relinked
# from a fresh snapshot, which sees what the writer before committed. Only the rows whose link
# changes are written (a new order: itself and the customer's order before it).
RELINK_FUNCTION = """
CREATE FUNCTION orders_relink_next() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched uuid[];
BEGIN
    IF current_setting('aftercare.defer_order_links', true) = 'on' THEN
        RETURN NULL;  -- a bulk load links every order once at its end
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT customer_id) INTO touched FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT customer_id) INTO touched FROM old_rows;
    ELSE
        SELECT array_agg(DISTINCT v.customer_id) INTO touched
        FROM old_rows o JOIN new_rows n ON o.id = n.id
        CROSS JOIN LATERAL (VALUES (o.customer_id), (n.customer_id)) AS v(customer_id)
        WHERE (o.customer_id, o.placed_at) IS DISTINCT FROM (n.customer_id, n.placed_at);
    END IF;
    IF touched IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM customers WHERE id = ANY(touched) ORDER BY id FOR NO KEY UPDATE;
    UPDATE orders o SET next_placed_at = n.next_placed_at
    FROM (
        SELECT id, lead(placed_at) OVER (PARTITION BY customer_id ORDER BY placed_at, id)
            AS next_placed_at
        FROM orders WHERE customer_id = ANY(touched)
    ) AS n
    WHERE o.id = n.id AND o.next_placed_at IS DISTINCT FROM n.next_placed_at;
    RETURN NULL;
END
$$
"""

TRIGGERS = {
    "insert": "REFERENCING NEW TABLE AS new_rows",
    "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "REFERENCING OLD TABLE AS old_rows",
}


def upgrade() -> None:
    op.add_column("orders", sa.Column("next_placed_at", sa.DateTime(timezone=True), nullable=True))
    # The index before the backfill: built after it in the same transaction, over the rows
    # the backfill updated, it would wait (indcheckxmin) for every older transaction to end.
    op.drop_index("ix_orders_placed_at", table_name="orders")
    op.create_index(
        "ix_orders_placed_at_next",
        "orders",
        ["placed_at"],
        postgresql_include=["next_placed_at"],
    )
    op.execute(LINK_ALL)
    op.execute(RELINK_FUNCTION)
    for event, referencing in TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER orders_relink_next_{event} AFTER {event.upper()} ON orders"
            f" {referencing} FOR EACH STATEMENT EXECUTE FUNCTION orders_relink_next()"
        )


def downgrade() -> None:
    for event in TRIGGERS:
        op.execute(f"DROP TRIGGER orders_relink_next_{event} ON orders")
    op.execute("DROP FUNCTION orders_relink_next()")
    op.drop_index("ix_orders_placed_at_next", table_name="orders")
    op.create_index("ix_orders_placed_at", "orders", ["placed_at"])
    op.drop_column("orders", "next_placed_at")
