"""upstream exports

Revision ID: a7c3e5f19b20
Revises: a7c3e5f19b24
Create Date: 2026-12-07 09:20:00.000000

Issue 17: exports for the provincial / national platform (data-standard §16) and their "last" cursor.
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'a7c3e5f19b20'
down_revision = 'a7c3e5f19b24'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('upstream_exports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('since', portal.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('until', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('path', sa.String(length=1024), nullable=False),
    sa.Column('actor', sa.String(length=254), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_upstream_exports_actor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_upstream_exports'))
    )
    with op.batch_alter_table('upstream_exports', schema=None) as batch_op:
        batch_op.create_index('ix_upstream_exports_kind_until', ['kind', 'until'], unique=False)


def downgrade():
    with op.batch_alter_table('upstream_exports', schema=None) as batch_op:
        batch_op.drop_index('ix_upstream_exports_kind_until')
    op.drop_table('upstream_exports')
