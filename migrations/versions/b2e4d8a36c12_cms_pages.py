"""cms pages

Revision ID: b2e4d8a36c12
Revises: a1f3c9e27b01
Create Date: 2026-11-23 19:00:00.000000

Issue 6: staff-edited pages (policies, news, guides) and their previous versions.
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'b2e4d8a36c12'
down_revision = 'a1f3c9e27b01'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('policy', 'news', 'guide', name='page_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.String(length=500), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('is_published', sa.Boolean(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('author', sa.String(length=254), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_pages_author_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pages')),
    sa.UniqueConstraint('kind', 'slug', name=op.f('uq_pages_kind_slug'))
    )
    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.create_index('ix_pages_listing', ['kind', 'is_published', 'published_on'], unique=False)

    op.create_table('page_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('page_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.String(length=500), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author', sa.String(length=254), nullable=False),
    sa.Column('saved_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['page_id'], ['pages.id'], name=op.f('fk_page_revisions_page_id_pages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_page_revisions')),
    sa.UniqueConstraint('page_id', 'version', name=op.f('uq_page_revisions_page_id_version'))
    )
    with op.batch_alter_table('page_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_page_revisions_page_id'), ['page_id'], unique=False)


def downgrade():
    with op.batch_alter_table('page_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_page_revisions_page_id'))
    op.drop_table('page_revisions')
    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.drop_index('ix_pages_listing')
    op.drop_table('pages')
