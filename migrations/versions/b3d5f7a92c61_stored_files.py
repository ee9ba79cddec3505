"""stored files: uploads kept in the database (PORTAL_FILE_STORE=database)

Revision ID: b3d5f7a92c61
Revises: a7c3e9d21f50
Create Date: 2026-12-07 09:30:00.000000

Issue 21: any app server serves any attachment or binding document (portal/file_store.py).
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'b3d5f7a92c61'
down_revision = 'a7c3e9d21f50'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('stored_files',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_stored_files'))
    )


def downgrade():
    op.drop_table('stored_files')
