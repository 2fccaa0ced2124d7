"""Metric rollups per UTC quarter hour too: emptied, so the worker's next fold (or `aftercare
metrics rebuild`) builds them again at the three grains; their sums read from the index alone

Revision ID: f3b8d2a6c4e1
Revises: cab5845bd044
Create Date: 2026-11-30 12:50:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "f3b8d2a6c4e1"
down_revision: str | None = "cab5845bd044"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _unbuilt() -> None:
    """Rollups of one grain layout only: with no state row the metrics are answered from raw
    rows until the first fold rebuilds them (minutes at millions of rows, in the worker)."""
    op.execute("TRUNCATE metric_rollups, metric_histograms, metric_changes, metric_rollup_state")


INDEX = "ix_metric_rollups_measure_dim_grain_slot"
KEY = ["measure", "dim", "grain", "slot"]


def upgrade() -> None:
    _unbuilt()
    # Index-only scans: a local day of a series per assignee sums some thousand rows, each on
    # a heap page of its own otherwise.
    op.drop_index(INDEX, table_name="metric_rollups")
    op.create_index(
        INDEX,
        "metric_rollups",
        KEY,
        postgresql_include=["grp", "numerator", "denominator", "extra"],
    )


def downgrade() -> None:
    _unbuilt()
    op.drop_index(INDEX, table_name="metric_rollups")
    op.create_index(INDEX, "metric_rollups", KEY)
