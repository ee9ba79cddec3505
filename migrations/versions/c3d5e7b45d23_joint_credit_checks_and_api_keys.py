"""joint credit checks and api keys

Revision ID: c3d5e7b45d23
Revises: b2e4d8a36c12
Create Date: 2026-11-23 19:00:00.000000

Issue 10: measure versions (is_active, version, measure_revisions), credit checks with their subjects, hits and
feedback, department API keys, the department role (users.role CHECK constraint) and an index for the changes feed.
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'c3d5e7b45d23'
down_revision = 'b2e4d8a36c12'
branch_labels = None
depends_on = None

OLD_ROLES = ('intake', 'verifier', 'reviewer', 'admin')
NEW_ROLES = OLD_ROLES + ('department',)


def _role_check(roles):
    return "role IN (" + ", ".join(f"'{r}'" for r in roles) + ")"


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_user_role'), type_='check')
        batch_op.create_check_constraint('user_role', sa.text(_role_check(NEW_ROLES)))

    with op.batch_alter_table('measures', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('is_active', sa.Boolean(), server_default=sa.true(), nullable=False))

    with op.batch_alter_table('list_entries', schema=None) as batch_op:
        batch_op.create_index('ix_list_entries_updated_at', ['updated_at'], unique=False)

    op.create_table('measure_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('actor', sa.String(length=254), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('changed_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['measure_id'], ['measures.id'], name=op.f('fk_measure_revisions_measure_id_measures')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_revisions')),
    sa.UniqueConstraint('measure_id', 'version', name=op.f('uq_measure_revisions_measure_id_version'))
    )
    with op.batch_alter_table('measure_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measure_revisions_measure_id'), ['measure_id'], unique=False)

    op.create_table('api_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('department_uscc', sa.String(length=18), nullable=False),
    sa.Column('department_name', sa.String(length=256), nullable=False),
    sa.Column('label', sa.String(length=128), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('scopes', sa.String(length=128), nullable=False),
    sa.Column('created_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=254), nullable=False),
    sa.Column('revoked_at', portal.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_by', sa.String(length=254), nullable=True),
    sa.Column('last_used_at', portal.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_keys')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_keys_token_hash'))
    )
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_keys_department_uscc'), ['department_uscc'], unique=False)

    op.create_table('credit_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('department_uscc', sa.String(length=18), nullable=False),
    sa.Column('department_name', sa.String(length=256), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('api_key_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=254), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('is_batch', sa.Boolean(), nullable=False),
    sa.Column('act', sa.String(length=32), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('checked_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=False),
    sa.Column('feedback_due_on', sa.Date(), nullable=False),
    sa.Column('subjects', sa.Integer(), nullable=False),
    sa.Column('invalid', sa.Integer(), nullable=False),
    sa.Column('found', sa.Integer(), nullable=False),
    sa.Column('hits', sa.Integer(), nullable=False),
    sa.Column('feedback_done', sa.Integer(), nullable=False),
    sa.Column('feedback_completed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['api_key_id'], ['api_keys.id'], name=op.f('fk_credit_checks_api_key_id_api_keys')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_credit_checks_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_checks'))
    )
    with op.batch_alter_table('credit_checks', schema=None) as batch_op:
        batch_op.create_index('ix_credit_checks_department', ['department_uscc', 'checked_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_credit_checks_checked_at'), ['checked_at'], unique=False)

    op.create_table('checked_subjects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('check_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('query', sa.String(length=256), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('message', sa.String(length=256), nullable=True),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('uscc', sa.String(length=18), nullable=True),
    sa.Column('name', sa.String(length=256), nullable=True),
    sa.Column('penalties', sa.Integer(), nullable=False),
    sa.Column('permits', sa.Integer(), nullable=False),
    sa.Column('hits', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['check_id'], ['credit_checks.id'], name=op.f('fk_checked_subjects_check_id_credit_checks')),
    sa.ForeignKeyConstraint(['subject_id'], ['subjects.id'], name=op.f('fk_checked_subjects_subject_id_subjects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checked_subjects'))
    )
    with op.batch_alter_table('checked_subjects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checked_subjects_check_id'), ['check_id'], unique=False)

    op.create_table('check_hits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('check_id', sa.Integer(), nullable=False),
    sa.Column('checked_subject_id', sa.Integer(), nullable=False),
    sa.Column('list_entry_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('list_name', sa.String(length=256), nullable=False),
    sa.Column('listed_on', sa.Date(), nullable=False),
    sa.Column('recognised_by', sa.String(length=256), nullable=False),
    sa.Column('suspended', sa.Boolean(), nullable=False),
    sa.Column('measure_ids', sa.Text(), nullable=False),
    sa.Column('mandatory', sa.Integer(), nullable=False),
    sa.Column('recommended', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['check_id'], ['credit_checks.id'], name=op.f('fk_check_hits_check_id_credit_checks')),
    sa.ForeignKeyConstraint(['checked_subject_id'], ['checked_subjects.id'], name=op.f('fk_check_hits_checked_subject_id_checked_subjects')),
    sa.ForeignKeyConstraint(['list_entry_id'], ['list_entries.id'], name=op.f('fk_check_hits_list_entry_id_list_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_hits'))
    )
    with op.batch_alter_table('check_hits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_check_hits_check_id'), ['check_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_check_hits_checked_subject_id'), ['checked_subject_id'], unique=False)

    op.create_table('check_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hit_id', sa.Integer(), nullable=False),
    sa.Column('check_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('actor', sa.String(length=254), nullable=False),
    sa.Column('answered_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['check_id'], ['credit_checks.id'], name=op.f('fk_check_feedback_check_id_credit_checks')),
    sa.ForeignKeyConstraint(['hit_id'], ['check_hits.id'], name=op.f('fk_check_feedback_hit_id_check_hits')),
    sa.ForeignKeyConstraint(['measure_id'], ['measures.id'], name=op.f('fk_check_feedback_measure_id_measures')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_feedback')),
    sa.UniqueConstraint('hit_id', name=op.f('uq_check_feedback_hit_id'))
    )
    with op.batch_alter_table('check_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_check_feedback_check_id'), ['check_id'], unique=False)


def downgrade():
    for table, indexes in (
        ('check_feedback', ['ix_check_feedback_check_id']),
        ('check_hits', ['ix_check_hits_checked_subject_id', 'ix_check_hits_check_id']),
        ('checked_subjects', ['ix_checked_subjects_check_id']),
        ('credit_checks', ['ix_credit_checks_checked_at', 'ix_credit_checks_department']),
        ('api_keys', ['ix_api_keys_department_uscc']),
        ('measure_revisions', ['ix_measure_revisions_measure_id']),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in indexes:
                batch_op.drop_index(name)
        op.drop_table(table)

    with op.batch_alter_table('list_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_list_entries_updated_at')

    with op.batch_alter_table('measures', schema=None) as batch_op:
        batch_op.drop_column('is_active')
        batch_op.drop_column('version')

    op.execute("DELETE FROM users WHERE role = 'department'")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_user_role'), type_='check')
        batch_op.create_check_constraint('user_role', sa.text(_role_check(OLD_ROLES)))
