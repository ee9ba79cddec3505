"""search certificates

Revision ID: b8d0f2a47c63
Revises: a7c9e1f36b52
Create Date: 2026-12-07 06:30:00.000000

Issue 19: 查询结果证明, the signed snapshot of a public search (DOMAIN §24), verified on /verify.
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'b8d0f2a47c63'
down_revision = 'a7c9e1f36b52'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'search_certificates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('certificate_no', sa.String(length=32), nullable=False),
        sa.Column('issued_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('data_as_of', portal.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('result_count', sa.Integer(), nullable=False),
        sa.Column('content', sa.Text(), nullable=False),
        sa.Column('content_hash', sa.String(length=64), nullable=False),
        sa.Column('signature', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_certificates')),
        sa.UniqueConstraint('certificate_no', name=op.f('uq_search_certificates_certificate_no')),
    )


def downgrade():
    op.drop_table('search_certificates')
