"""special reports and authorised checks

Revision ID: e7a1c3d5f901
Revises: a7c3e5f19b20
Create Date: 2026-12-07 09:30:00.000000

Issue 19: 专项信用报告 (DOMAIN §22) with the department → area table, and 授权查询 (DOMAIN §23): institutions,
grants and the checks made with them.
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'e7a1c3d5f901'
down_revision = 'a7c3e5f19b20'
branch_labels = None
depends_on = None

AREAS = ('market', 'tax', 'environment', 'housing', 'emergency', 'labour', 'transport', 'natural_resources', 'health',
         'agriculture', 'culture', 'urban', 'fire', 'other')
PURPOSES = ('tender', 'procurement', 'award', 'financing', 'listing', 'qualification', 'other')
UTC = portal.models.base.UTCDateTime(timezone=True)


def upgrade():
    op.create_table(
        'department_areas',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('department_uscc', sa.String(length=18), nullable=False),
        sa.Column('area', sa.Enum(*AREAS, name='special_area', native_enum=False, create_constraint=True,
                                  length=32), nullable=False),
        sa.Column('changed_by', sa.String(length=254), nullable=False),
        sa.Column('changed_at', UTC, nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_department_areas')),
        sa.UniqueConstraint('department_uscc', name=op.f('uq_department_areas_department_uscc')),
    )
    op.create_table(
        'special_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('report_no', sa.String(length=32), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=True),
        sa.Column('uscc', sa.String(length=18), nullable=False),
        sa.Column('subject_name', sa.String(length=256), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('period_start', sa.Date(), nullable=False),
        sa.Column('period_end', sa.Date(), nullable=False),
        sa.Column('areas', sa.String(length=256), nullable=False),
        sa.Column('purpose', sa.Enum(*PURPOSES, name='special_purpose', native_enum=False, create_constraint=True,
                                     length=32), nullable=False),
        sa.Column('issued_at', UTC, nullable=False),
        sa.Column('issued_on', sa.Date(), nullable=False),
        sa.Column('data_as_of', UTC, nullable=False),
        sa.Column('record_count', sa.Integer(), nullable=False),
        sa.Column('content', sa.Text(), nullable=False),
        sa.Column('content_hash', sa.String(length=64), nullable=False),
        sa.Column('signature', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['account_id'], ['enterprise_accounts.id'],
                                name=op.f('fk_special_reports_account_id_enterprise_accounts')),
        sa.ForeignKeyConstraint(['subject_id'], ['subjects.id'], name=op.f('fk_special_reports_subject_id_subjects')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_special_reports')),
        sa.UniqueConstraint('report_no', name=op.f('uq_special_reports_report_no')),
        sa.UniqueConstraint('uscc', 'period_start', 'period_end', 'areas', 'issued_on',
                            name=op.f('uq_special_reports_uscc_period_start_period_end_areas_issued_on')),
    )
    op.create_index(op.f('ix_special_reports_subject_id'), 'special_reports', ['subject_id'])
    op.create_index(op.f('ix_special_reports_account_id'), 'special_reports', ['account_id'])
    op.create_table(
        'institutions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uscc', sa.String(length=18), nullable=False),
        sa.Column('name', sa.String(length=256), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('contact', sa.String(length=128), nullable=False),
        sa.Column('created_by', sa.String(length=254), nullable=False),
        sa.Column('created_at', UTC, nullable=False),
        sa.Column('retired_at', UTC, nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_institutions')),
        sa.UniqueConstraint('uscc', name=op.f('uq_institutions_uscc')),
    )
    op.create_table(
        'access_grants',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('uscc', sa.String(length=18), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('institution_id', sa.Integer(), nullable=False),
        sa.Column('purpose', sa.String(length=200), nullable=False),
        sa.Column('valid_from', sa.Date(), nullable=False),
        sa.Column('valid_until', sa.Date(), nullable=False),
        sa.Column('code_hash', sa.String(length=64), nullable=False),
        sa.Column('code_hint', sa.String(length=8), nullable=False),
        sa.Column('created_at', UTC, nullable=False),
        sa.Column('revoked_at', UTC, nullable=True),
        sa.ForeignKeyConstraint(['account_id'], ['enterprise_accounts.id'],
                                name=op.f('fk_access_grants_account_id_enterprise_accounts')),
        sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'],
                                name=op.f('fk_access_grants_institution_id_institutions')),
        sa.ForeignKeyConstraint(['subject_id'], ['subjects.id'], name=op.f('fk_access_grants_subject_id_subjects')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_access_grants')),
        sa.UniqueConstraint('code_hash', name=op.f('uq_access_grants_code_hash')),
    )
    op.create_index(op.f('ix_access_grants_subject_id'), 'access_grants', ['subject_id'])
    op.create_index(op.f('ix_access_grants_account_id'), 'access_grants', ['account_id'])
    op.create_index(op.f('ix_access_grants_institution_id'), 'access_grants', ['institution_id'])
    op.create_table(
        'authorised_checks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('grant_id', sa.Integer(), nullable=False),
        sa.Column('api_key_id', sa.Integer(), nullable=True),
        sa.Column('outcome', sa.String(length=16), nullable=False),
        sa.Column('output', sa.String(length=8), nullable=False),
        sa.Column('report_no', sa.String(length=32), nullable=True),
        sa.Column('checked_at', UTC, nullable=False),
        sa.ForeignKeyConstraint(['api_key_id'], ['api_keys.id'], name=op.f('fk_authorised_checks_api_key_id_api_keys')),
        sa.ForeignKeyConstraint(['grant_id'], ['access_grants.id'],
                                name=op.f('fk_authorised_checks_grant_id_access_grants')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_authorised_checks')),
    )
    op.create_index(op.f('ix_authorised_checks_grant_id'), 'authorised_checks', ['grant_id'])


def downgrade():
    op.drop_table('authorised_checks')
    op.drop_table('access_grants')
    op.drop_table('institutions')
    op.drop_table('special_reports')
    op.drop_table('department_areas')
