"""The knowledge base: articles (Markdown with its sanitised HTML and text, a search vector
written with them, translation groups, notices), their published versions, and the tables of
what readers and agents do with them: views (append-only), votes, citations; feedback gains
the source knowledge_base

Revision ID: 4526f98838a3
Revises: b81f4c6e0d52
Create Date: 2026-11-30 12:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '4526f98838a3'
down_revision: str | None = 'b81f4c6e0d52'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FEEDBACK_SOURCES = ('survey', 'support_ticket', 'social_media', 'review', 'email', 'other')


def _feedback_sources(sources: tuple[str, ...]) -> None:
    op.drop_constraint(op.f('ck_feedback_source'), 'feedback', type_='check')
    values = ', '.join(f"'{source}'" for source in sources)
    op.create_check_constraint(op.f('ck_feedback_source'), 'feedback', f'source IN ({values})')


def upgrade() -> None:
    op.create_table('articles',
    sa.Column('translation_group_id', sa.Uuid(), nullable=False),
    sa.Column('locale', sa.String(length=35), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('search_config', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.String(length=500), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('body_text', sa.Text(), nullable=False),
    sa.Column('search_vector', postgresql.TSVECTOR(), nullable=False),
    sa.Column('tags', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=True),
    sa.Column('products', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.Column('service_levels', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('notice_from', sa.DateTime(timezone=True), nullable=True),
    sa.Column('notice_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('notice_order_refs', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.Column('notice_products', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_api_key_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_api_key_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'published', 'archived')", name=op.f('ck_articles_status')),
    sa.CheckConstraint('notice_until > notice_from', name=op.f('ck_articles_notice_window')),
    sa.CheckConstraint('version >= 0', name=op.f('ck_articles_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles')),
    sa.UniqueConstraint('translation_group_id', 'locale', name=op.f('uq_articles_translation_group_id_locale'))
    )
    op.create_index('ix_articles_category_created_at', 'articles', ['category', 'created_at'], unique=False)
    op.create_index('ix_articles_created_at_id', 'articles', ['created_at', 'id'], unique=False)
    op.create_index('ix_articles_locale_created_at', 'articles', ['locale', 'created_at'], unique=False)
    op.create_index('ix_articles_notice_order_refs', 'articles', ['notice_order_refs'], unique=False, postgresql_using='gin')
    op.create_index('ix_articles_notice_products', 'articles', ['notice_products'], unique=False, postgresql_using='gin')
    op.create_index('ix_articles_search_vector', 'articles', ['search_vector'], unique=False, postgresql_using='gin')
    op.create_index('ix_articles_status_created_at', 'articles', ['status', 'created_at'], unique=False)
    op.create_index('ix_articles_tags', 'articles', ['tags'], unique=False, postgresql_using='gin')
    op.create_table('article_versions',
    sa.Column('article_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('locale', sa.String(length=35), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.String(length=500), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('tags', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=True),
    sa.Column('products', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.Column('service_levels', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_api_key_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_versions_article_id_articles')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_versions')),
    sa.UniqueConstraint('article_id', 'version', name=op.f('uq_article_versions_article_id_version'))
    )
    op.create_index('ix_article_versions_article_id_created_at_id', 'article_versions', ['article_id', 'created_at', 'id'], unique=False)
    op.create_table('article_views',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('article_id', sa.Uuid(), nullable=False),
    sa.Column('viewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_views_article_id_articles')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_views'))
    )
    op.create_index('ix_article_views_article_id_viewed_at', 'article_views', ['article_id', 'viewed_at'], unique=False)
    op.create_index('ix_article_views_viewed_at', 'article_views', ['viewed_at'], unique=False)
    op.create_table('article_citations',
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('message_id', sa.Uuid(), nullable=False),
    sa.Column('article_id', sa.Uuid(), nullable=False),
    sa.Column('cited_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_citations_article_id_articles')),
    sa.ForeignKeyConstraint(['message_id'], ['ticket_messages.id'], name=op.f('fk_article_citations_message_id_ticket_messages')),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], name=op.f('fk_article_citations_ticket_id_tickets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_citations')),
    sa.UniqueConstraint('message_id', 'article_id', name=op.f('uq_article_citations_message_id_article_id'))
    )
    op.create_index('ix_article_citations_article_id_cited_at', 'article_citations', ['article_id', 'cited_at'], unique=False)
    op.create_index('ix_article_citations_ticket_id', 'article_citations', ['ticket_id'], unique=False)
    op.create_table('article_votes',
    sa.Column('article_id', sa.Uuid(), nullable=False),
    sa.Column('helpful', sa.Boolean(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('locale', sa.String(length=35), nullable=True),
    sa.Column('feedback_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_votes_article_id_articles')),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback.id'], name=op.f('fk_article_votes_feedback_id_feedback')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_votes'))
    )
    op.create_index('ix_article_votes_article_id_created_at', 'article_votes', ['article_id', 'created_at'], unique=False)
    op.create_index('ix_article_votes_created_at', 'article_votes', ['created_at'], unique=False)
    _feedback_sources(FEEDBACK_SOURCES + ('knowledge_base',))


def downgrade() -> None:
    op.execute("DELETE FROM feedback WHERE source = 'knowledge_base'")
    _feedback_sources(FEEDBACK_SOURCES)
    op.drop_index('ix_article_votes_created_at', table_name='article_votes')
    op.drop_index('ix_article_votes_article_id_created_at', table_name='article_votes')
    op.drop_table('article_votes')
    op.drop_index('ix_article_citations_ticket_id', table_name='article_citations')
    op.drop_index('ix_article_citations_article_id_cited_at', table_name='article_citations')
    op.drop_table('article_citations')
    op.drop_index('ix_article_views_viewed_at', table_name='article_views')
    op.drop_index('ix_article_views_article_id_viewed_at', table_name='article_views')
    op.drop_table('article_views')
    op.drop_index('ix_article_versions_article_id_created_at_id', table_name='article_versions')
    op.drop_table('article_versions')
    op.drop_index('ix_articles_tags', table_name='articles', postgresql_using='gin')
    op.drop_index('ix_articles_status_created_at', table_name='articles')
    op.drop_index('ix_articles_search_vector', table_name='articles', postgresql_using='gin')
    op.drop_index('ix_articles_notice_products', table_name='articles', postgresql_using='gin')
    op.drop_index('ix_articles_notice_order_refs', table_name='articles', postgresql_using='gin')
    op.drop_index('ix_articles_locale_created_at', table_name='articles')
    op.drop_index('ix_articles_created_at_id', table_name='articles')
    op.drop_index('ix_articles_category_created_at', table_name='articles')
    op.drop_table('articles')
