"""check notes

Revision ID: a7c3e5f19b24
Revises: aaa6a318f2d6
Create Date: 2026-12-07 09:30:00.000000

Issue 16: the public 行政强制, 违诺 and honours found on a subject in a 联合奖惩 credit check.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e5f19b24'
down_revision = 'aaa6a318f2d6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('check_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('check_id', sa.Integer(), nullable=False),
    sa.Column('checked_subject_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=512), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('authority', sa.String(length=256), nullable=False),
    sa.ForeignKeyConstraint(['check_id'], ['credit_checks.id'], name=op.f('fk_check_notes_check_id_credit_checks')),
    sa.ForeignKeyConstraint(['checked_subject_id'], ['checked_subjects.id'], name=op.f('fk_check_notes_checked_subject_id_checked_subjects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_notes'))
    )
    with op.batch_alter_table('check_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_check_notes_check_id'), ['check_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_check_notes_checked_subject_id'), ['checked_subject_id'], unique=False)


def downgrade():
    with op.batch_alter_table('check_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_check_notes_checked_subject_id'))
        batch_op.drop_index(batch_op.f('ix_check_notes_check_id'))

    op.drop_table('check_notes')
