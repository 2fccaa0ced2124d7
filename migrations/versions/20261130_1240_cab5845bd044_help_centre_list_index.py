"""Help-centre list index: a language's published articles in the list's order (category,
title, id), so GET /v1/public/articles reads its first page from the index instead of
filtering every article of a category index and sorting

Revision ID: cab5845bd044
Revises: 9d3a6c2e7f18
Create Date: 2026-11-30 12:40:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'cab5845bd044'
down_revision: str | None = '9d3a6c2e7f18'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = 'ix_articles_published_language_category_title'
PUBLISHED = sa.text("status = 'published'")


def upgrade() -> None:
    op.create_index(
        INDEX, 'articles', ['language', 'category', 'title', 'id'], unique=False,
        postgresql_where=PUBLISHED,
    )


def downgrade() -> None:
    op.drop_index(INDEX, table_name='articles', postgresql_where=PUBLISHED)
