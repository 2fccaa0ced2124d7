"""Metric rollups per UTC quarter day (00, 06, 12, 18 UTC) too: emptied, so the worker's next
fold (or `aftercare metrics rebuild`) builds them again at the four grains

Revision ID: a7c4e2f9b1d3
Revises: 6b1f2d8e4a07
Create Date: 2026-11-30 13:10:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "a7c4e2f9b1d3"
down_revision: str | None = "6b1f2d8e4a07"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _unbuilt() -> None:
    """Rollups of one grain layout only: with no state row the metrics are answered from raw
    rows until the first fold rebuilds them (minutes at millions of rows, in the worker)."""
    op.execute("TRUNCATE metric_rollups, metric_histograms, metric_changes, metric_rollup_state")


def upgrade() -> None:
    _unbuilt()


def downgrade() -> None:
    _unbuilt()
