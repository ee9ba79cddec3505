"""used challenges

Revision ID: a7c9e1f36b52
Revises: a7c9e1f35b67
Create Date: 2026-11-24 10:00:00.000000

Issue 15: the "used" mark of the public forms' arithmetic question lives on the server, so a solved answer
replayed with an old session cookie is refused.
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'a7c9e1f36b52'
down_revision = 'a7c9e1f35b67'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'used_challenges',
        sa.Column('nonce', sa.String(length=32), nullable=False),
        sa.Column('used_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('nonce', name=op.f('pk_used_challenges')),
    )
    with op.batch_alter_table('used_challenges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_used_challenges_used_at'), ['used_at'], unique=False)


def downgrade():
    with op.batch_alter_table('used_challenges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_used_challenges_used_at'))
    op.drop_table('used_challenges')
