"""staff password change

Revision ID: f6a8b0d74056
Revises: e5b7a9c63f45
Create Date: 2026-11-23 19:20:00.000000

A password set by an administrator (new account, reset) must be changed at the next sign-in.
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'f6a8b0d74056'
down_revision = 'e5b7a9c63f45'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
