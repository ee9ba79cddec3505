"""commitments

Revision ID: d0f2b4c69e83
Revises: c9e1a3b58d72
Create Date: 2026-12-07 06:56:00.000000

Issue 16: 信用承诺 records (data-standard §10).
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'd0f2b4c69e83'
down_revision = 'c9e1a3b58d72'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('commitments',
    sa.Column('doc_no', sa.String(length=32), nullable=True),
    sa.Column('doc_key', sa.String(length=256), nullable=False),
    sa.Column('commit_type', sa.String(length=16), nullable=False),
    sa.Column('matter', sa.String(length=512), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('liability', sa.Text(), nullable=True),
    sa.Column('made_on', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('state', sa.String(length=8), nullable=False),
    sa.Column('unfulfilled', sa.Text(), nullable=True),
    sa.Column('accountability', sa.Text(), nullable=True),
    sa.Column('state_on', sa.Date(), nullable=True),
    sa.Column('authority_name', sa.String(length=256), nullable=False),
    sa.Column('authority_uscc', sa.String(length=18), nullable=False),
    sa.Column('openness', sa.String(length=8), nullable=False),
    sa.Column('handler', sa.String(length=256), nullable=True),
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
    sa.Column('status', sa.Enum('published', 'not_public', 'under_objection', 'withdrawn', 'repaired', name='commitments_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('created_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], name=op.f('fk_commitments_batch_id_import_batches')),
    sa.ForeignKeyConstraint(['subject_id'], ['subjects.id'], name=op.f('fk_commitments_subject_id_subjects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitments')),
    sa.UniqueConstraint('doc_key', 'subject_id', name=op.f('uq_commitments_doc_key_subject_id'))
    )
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.create_index('ix_commitments_doc_key', ['doc_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_made_on'), ['made_on'], unique=False)
        batch_op.create_index('ix_commitments_public', ['status', 'public_until', 'made_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_public_until'), ['public_until'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_source_uscc'), ['source_uscc'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_subject_id'), ['subject_id'], unique=False)


def downgrade():
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitments_subject_id'))
        batch_op.drop_index(batch_op.f('ix_commitments_status'))
        batch_op.drop_index(batch_op.f('ix_commitments_source_uscc'))
        batch_op.drop_index(batch_op.f('ix_commitments_public_until'))
        batch_op.drop_index('ix_commitments_public')
        batch_op.drop_index(batch_op.f('ix_commitments_made_on'))
        batch_op.drop_index('ix_commitments_doc_key')
    op.drop_table('commitments')
