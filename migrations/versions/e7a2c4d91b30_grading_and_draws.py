"""grading rule sets, treatments per grade, grade snapshots, inspection draws

Revision ID: e7a2c4d91b30
Revises: e7a1c3d5f901
Create Date: 2026-12-07 09:12:27.648145

Issue 17 (DOMAIN §20): versioned grading rule sets, departments' inspection ratios per grade, the daily grade
counts of `flask grade`, and 双随机 draws with every drawn-from USCC.
"""
import sqlalchemy as sa
from alembic import op

import portal.models.base  # custom column types (UTCDateTime)

# revision identifiers, used by Alembic.
revision = 'e7a2c4d91b30'
down_revision = 'e7a1c3d5f901'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('grade_snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('rule_set_version', sa.Integer(), nullable=False),
    sa.Column('subjects', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grade_snapshots')),
    sa.UniqueConstraint('day', name=op.f('uq_grade_snapshots_day'))
    )
    op.create_table('grade_treatments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('department_uscc', sa.String(length=18), nullable=False),
    sa.Column('grade', sa.Enum('A', 'B', 'C', 'D', name='grade', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('ratio', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('min_count', sa.Integer(), nullable=False),
    sa.Column('frequency', sa.Enum('under_once_a_year', 'once_a_year', 'under_twice_a_year', 'twice_a_year', 'quarterly', 'as_needed', name='inspection_frequency', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('updated_by', sa.String(length=254), nullable=False),
    sa.Column('updated_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grade_treatments')),
    sa.UniqueConstraint('department_uscc', 'grade', name=op.f('uq_grade_treatments_department_uscc_grade'))
    )
    op.create_table('grade_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('department_uscc', sa.String(length=18), nullable=False),
    sa.Column('area_code', sa.String(length=6), nullable=False),
    sa.Column('grade', sa.Enum('A', 'B', 'C', 'D', name='grade', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['snapshot_id'], ['grade_snapshots.id'], name=op.f('fk_grade_counts_snapshot_id_grade_snapshots'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grade_counts'))
    )
    with op.batch_alter_table('grade_counts', schema=None) as batch_op:
        batch_op.create_index('ix_grade_counts_snapshot', ['snapshot_id', 'department_uscc', 'area_code'], unique=False)

    op.create_table('grading_rule_sets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('rules', sa.Text(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('created_by', sa.String(length=254), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_grading_rule_sets_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grading_rule_sets')),
    sa.UniqueConstraint('version', name=op.f('uq_grading_rule_sets_version'))
    )
    op.create_table('inspection_draws',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('department_uscc', sa.String(length=18), nullable=False),
    sa.Column('task_name', sa.String(length=200), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('seed', sa.String(length=64), nullable=False),
    sa.Column('rule_set_version', sa.Integer(), nullable=False),
    sa.Column('treatments', sa.Text(), nullable=False),
    sa.Column('population', sa.Integer(), nullable=False),
    sa.Column('sample', sa.Integer(), nullable=False),
    sa.Column('unknown', sa.Integer(), nullable=False),
    sa.Column('problems', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=254), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_inspection_draws_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_draws')),
    sa.UniqueConstraint('department_uscc', 'task_name', name=op.f('uq_inspection_draws_department_uscc_task_name'))
    )
    with op.batch_alter_table('inspection_draws', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_draws_department_uscc'), ['department_uscc'], unique=False)

    op.create_table('draw_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draw_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('uscc', sa.String(length=18), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('grade', sa.Enum('A', 'B', 'C', 'D', name='grade', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('reasons', sa.String(length=200), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['draw_id'], ['inspection_draws.id'], name=op.f('fk_draw_items_draw_id_inspection_draws'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subject_id'], ['subjects.id'], name=op.f('fk_draw_items_subject_id_subjects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draw_items'))
    )
    with op.batch_alter_table('draw_items', schema=None) as batch_op:
        batch_op.create_index('ix_draw_items_draw', ['draw_id', 'grade', 'rank'], unique=False)



def downgrade():
    with op.batch_alter_table('draw_items', schema=None) as batch_op:
        batch_op.drop_index('ix_draw_items_draw')

    op.drop_table('draw_items')
    with op.batch_alter_table('inspection_draws', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_draws_department_uscc'))

    op.drop_table('inspection_draws')
    op.drop_table('grading_rule_sets')
    with op.batch_alter_table('grade_counts', schema=None) as batch_op:
        batch_op.drop_index('ix_grade_counts_snapshot')

    op.drop_table('grade_counts')
    op.drop_table('grade_treatments')
    op.drop_table('grade_snapshots')
