"""coercions

Revision ID: b8d0f2a47c61
Revises: b8d0f2a47c63
Create Date: 2026-12-07 06:30:00.000000

Issue 16: 行政强制 records (data-standard §12), a record kind like penalties.
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'b8d0f2a47c61'
down_revision = 'b8d0f2a47c63'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('coercions',
    sa.Column('doc_no', sa.String(length=256), nullable=False),
    sa.Column('doc_key', sa.String(length=256), nullable=False),
    sa.Column('categories', sa.String(length=512), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('property_info', sa.Text(), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('term_until', sa.Date(), nullable=True),
    sa.Column('lifted_on', sa.Date(), nullable=True),
    sa.Column('lift_reason', sa.Text(), nullable=True),
    sa.Column('authority_name', sa.String(length=256), nullable=False),
    sa.Column('authority_uscc', sa.String(length=18), nullable=False),
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
    sa.Column('status', sa.Enum('published', 'not_public', 'under_objection', 'withdrawn', 'repaired', name='coercions_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('created_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], name=op.f('fk_coercions_batch_id_import_batches')),
    sa.ForeignKeyConstraint(['subject_id'], ['subjects.id'], name=op.f('fk_coercions_subject_id_subjects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coercions')),
    sa.UniqueConstraint('doc_key', 'subject_id', name=op.f('uq_coercions_doc_key_subject_id'))
    )
    with op.batch_alter_table('coercions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coercions_decided_on'), ['decided_on'], unique=False)
        batch_op.create_index('ix_coercions_doc_key', ['doc_key'], unique=False)
        batch_op.create_index('ix_coercions_public', ['status', 'public_until', 'decided_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_coercions_public_until'), ['public_until'], unique=False)
        batch_op.create_index(batch_op.f('ix_coercions_source_uscc'), ['source_uscc'], unique=False)
        batch_op.create_index(batch_op.f('ix_coercions_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_coercions_subject_id'), ['subject_id'], unique=False)


def downgrade():
    with op.batch_alter_table('coercions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coercions_subject_id'))
        batch_op.drop_index(batch_op.f('ix_coercions_status'))
        batch_op.drop_index(batch_op.f('ix_coercions_source_uscc'))
        batch_op.drop_index(batch_op.f('ix_coercions_public_until'))
        batch_op.drop_index('ix_coercions_public')
        batch_op.drop_index('ix_coercions_doc_key')
        batch_op.drop_index(batch_op.f('ix_coercions_decided_on'))
    op.drop_table('coercions')
