"""honours

Revision ID: c9e1a3b58d72
Revises: b8d0f2a47c61
Create Date: 2026-12-07 06:40:00.000000

Issue 16: 荣誉 / 行政奖励 records (data-standard §13).
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'c9e1a3b58d72'
down_revision = 'b8d0f2a47c61'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('honours',
    sa.Column('honour_name', sa.String(length=256), nullable=False),
    sa.Column('honour_key', sa.String(length=256), nullable=False),
    sa.Column('level', sa.String(length=8), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('doc_no', sa.String(length=256), nullable=False),
    sa.Column('doc_key', sa.String(length=256), nullable=False),
    sa.Column('authority_name', sa.String(length=256), nullable=False),
    sa.Column('authority_uscc', sa.String(length=18), nullable=False),
    sa.Column('granted_on', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    sa.Column('revoke_reason', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hold_reason', sa.String(length=64), nullable=True),
    sa.Column('public_from', sa.Date(), nullable=False),
    sa.Column('public_until', sa.Date(), nullable=True),
    sa.Column('suspended_days', sa.Integer(), nullable=False),
    sa.Column('source_name', sa.String(length=256), nullable=False),
    sa.Column('source_uscc', sa.String(length=18), nullable=False),
    sa.Column('remarks', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('row_hash', sa.String(length=64), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('line_no', sa.Integer(), nullable=True),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('published', 'not_public', 'under_objection', 'withdrawn', 'repaired', name='honours_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('created_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], name=op.f('fk_honours_batch_id_import_batches')),
    sa.ForeignKeyConstraint(['subject_id'], ['subjects.id'], name=op.f('fk_honours_subject_id_subjects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_honours')),
    sa.UniqueConstraint('honour_key', 'doc_key', 'subject_id', name=op.f('uq_honours_honour_key_doc_key_subject_id'))
    )
    with op.batch_alter_table('honours', schema=None) as batch_op:
        batch_op.create_index('ix_honours_doc_key', ['doc_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_honours_granted_on'), ['granted_on'], unique=False)
        batch_op.create_index('ix_honours_public', ['status', 'public_until', 'granted_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_honours_public_until'), ['public_until'], unique=False)
        batch_op.create_index(batch_op.f('ix_honours_source_uscc'), ['source_uscc'], unique=False)
        batch_op.create_index(batch_op.f('ix_honours_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_honours_subject_id'), ['subject_id'], unique=False)


def downgrade():
    with op.batch_alter_table('honours', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_honours_subject_id'))
        batch_op.drop_index(batch_op.f('ix_honours_status'))
        batch_op.drop_index(batch_op.f('ix_honours_source_uscc'))
        batch_op.drop_index(batch_op.f('ix_honours_public_until'))
        batch_op.drop_index('ix_honours_public')
        batch_op.drop_index(batch_op.f('ix_honours_granted_on'))
        batch_op.drop_index('ix_honours_doc_key')
    op.drop_table('honours')
