"""chat ticket replies

Revision ID: e5b7a9c63f45
Revises: d4c6f8a54e34
Create Date: 2026-11-23 19:00:00.000000

Issue 9: staff answer consultation tickets (reply, who and when); the user reads the answer with the ticket
number and a 查询码 whose hash is kept here. An index on list_entries.doc_key for the chat's 文号 lookup.
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'e5b7a9c63f45'
down_revision = 'd4c6f8a54e34'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('chat_handoffs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code_hash', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('reply', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('replied_at', portal.models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('replied_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_chat_handoffs_replied_by_id_users'), 'users', ['replied_by_id'], ['id']
        )

    # The chat finds a list entry by its 认定文书号 alone (the natural key leads with the list name).
    with op.batch_alter_table('list_entries', schema=None) as batch_op:
        batch_op.create_index('ix_list_entries_doc_key', ['doc_key'], unique=False)


def downgrade():
    with op.batch_alter_table('list_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_list_entries_doc_key')

    with op.batch_alter_table('chat_handoffs', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_chat_handoffs_replied_by_id_users'), type_='foreignkey')
        batch_op.drop_column('replied_by_id')
        batch_op.drop_column('replied_at')
        batch_op.drop_column('reply')
        batch_op.drop_column('code_hash')
