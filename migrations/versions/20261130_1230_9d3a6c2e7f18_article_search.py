"""Search apart from the wide article rows: article_search holds each article's language,
status and two vectors (title and summary; everything), each with a GIN index, filled from the
articles already written (the vector on articles goes); and the vocabulary of the articles per
language with each word's one-letter deletions, so a misspelt search word finds the known words
one edit away by equality (no pg_trgm)

Revision ID: 9d3a6c2e7f18
Revises: e5a1c7d9b3f2
Create Date: 2026-11-30 12:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '9d3a6c2e7f18'
down_revision: str | None = 'e5a1c7d9b3f2'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As app/kb/repository.py writes them (search_vector, KEPT_WORD and VARIANTS_OF there).
HEAD = """setweight(to_tsvector(search_config::regconfig, title), 'A')
    || setweight(to_tsvector(search_config::regconfig, coalesce(summary, '')), 'B')"""
EVERYTHING = HEAD + """
    || setweight(to_tsvector(search_config::regconfig, body_text), 'C')"""
FILL_SEARCH = f"""
INSERT INTO article_search (article_id, language, status, search_head, search_vector)
SELECT id, language, status, {HEAD}, {EVERYTHING} FROM articles
"""
FILL_WORDS = """
INSERT INTO article_words (language, word)
SELECT DISTINCT a.language, w.word
FROM articles AS a,
     unnest(tsvector_to_array(to_tsvector('simple',
         a.title || ' ' || coalesce(a.summary, '') || ' ' || a.body_text))) AS w(word)
WHERE length(w.word) BETWEEN 3 AND 32 AND w.word !~ '[0-9_./@:+-]'
"""
FILL_VARIANTS = """
INSERT INTO article_word_variants (language, variant, word)
SELECT DISTINCT w.language, v.variant, w.word
FROM article_words AS w, LATERAL (
    SELECT w.word UNION
    SELECT overlay(w.word PLACING '' FROM i FOR 1) FROM generate_series(1, length(w.word)) AS i
) AS v(variant)
"""


def upgrade() -> None:
    op.create_table('article_search',
    sa.Column('article_id', sa.Uuid(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('search_head', postgresql.TSVECTOR(), nullable=False),
    sa.Column('search_vector', postgresql.TSVECTOR(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_search_article_id_articles')),
    sa.PrimaryKeyConstraint('article_id', name=op.f('pk_article_search'))
    )
    op.execute(FILL_SEARCH)
    op.create_index('ix_article_search_search_head', 'article_search', ['search_head'], unique=False, postgresql_using='gin')
    op.create_index('ix_article_search_search_vector', 'article_search', ['search_vector'], unique=False, postgresql_using='gin')
    op.drop_index('ix_articles_search_vector', table_name='articles', postgresql_using='gin')
    op.drop_column('articles', 'search_vector')
    op.create_table('article_words',
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('word', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('language', 'word', name=op.f('pk_article_words'))
    )
    op.create_table('article_word_variants',
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('variant', sa.Text(), nullable=False),
    sa.Column('word', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('language', 'variant', 'word', name=op.f('pk_article_word_variants'))
    )
    op.execute(FILL_WORDS)
    op.execute(FILL_VARIANTS)


def downgrade() -> None:
    op.drop_table('article_word_variants')
    op.drop_table('article_words')
    op.add_column('articles', sa.Column('search_vector', postgresql.TSVECTOR(), nullable=True))
    op.execute(f"UPDATE articles SET search_vector = {EVERYTHING}")
    op.alter_column('articles', 'search_vector', nullable=False)
    op.create_index('ix_articles_search_vector', 'articles', ['search_vector'], unique=False, postgresql_using='gin')
    op.drop_table('article_search')
