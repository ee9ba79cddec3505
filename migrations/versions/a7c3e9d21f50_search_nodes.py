"""search nodes: the outbox as an ordered change log with a cursor per node

Revision ID: a7c3e9d21f50
Revises: d0f2b4c69e83
Create Date: 2026-12-07 09:40:00.000000

Issue 21: every app server's index applies the outbox from its own cursor (portal/models/search_node.py).
Rows queued before the upgrade get txid 0 and are applied by every node from the start.
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'a7c3e9d21f50'
down_revision = 'd0f2b4c69e83'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_nodes',
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('cursor_txid', sa.BigInteger(), nullable=False),
    sa.Column('cursor_id', sa.BigInteger(), nullable=False),
    sa.Column('seen_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('rebuilt_at', portal.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_search_nodes'))
    )
    # SQLite: recreate the table with AUTOINCREMENT, so that a pruned id is never handed out again (PostgreSQL's
    # sequence never reuses one; recreating there would also give the table a new sequence starting at 1).
    sqlite = op.get_bind().dialect.name == 'sqlite'
    with op.batch_alter_table('search_outbox', recreate='always' if sqlite else 'auto',
                              table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.add_column(sa.Column('txid', sa.BigInteger(), server_default='0', nullable=False))
        batch_op.create_index(batch_op.f('ix_search_outbox_created_at'), ['created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('search_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_outbox_created_at'))
        batch_op.drop_column('txid')
    op.drop_table('search_nodes')
