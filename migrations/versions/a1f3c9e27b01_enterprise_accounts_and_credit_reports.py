"""enterprise accounts and credit reports

Revision ID: a1f3c9e27b01
Revises: d079c85c8fc2
Create Date: 2026-11-23 19:00:00.000000

Issue 8: enterprise accounts, their bindings to a subject (with proof documents) and issued credit reports.
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'a1f3c9e27b01'
down_revision = 'd079c85c8fc2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('enterprise_accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('contact_name', sa.String(length=64), nullable=False),
    sa.Column('confirmed_at', portal.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', portal.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_login_at', portal.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('session_nonce', sa.String(length=32), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enterprise_accounts')),
    sa.UniqueConstraint('email', name=op.f('uq_enterprise_accounts_email'))
    )
    op.create_table('subject_bindings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('uscc', sa.String(length=18), nullable=False),
    sa.Column('claimed_name', sa.String(length=256), nullable=False),
    sa.Column('applicant_name', sa.String(length=64), nullable=False),
    sa.Column('applicant_phone', sa.String(length=32), nullable=False),
    sa.Column('status', sa.Enum('pending', 'approved', 'rejected', 'revoked', name='binding_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('is_contested', sa.Boolean(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', portal.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=True),
    sa.Column('created_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['enterprise_accounts.id'], name=op.f('fk_subject_bindings_account_id_enterprise_accounts')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_subject_bindings_decided_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subject_bindings'))
    )
    with op.batch_alter_table('subject_bindings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subject_bindings_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_subject_bindings_status'), ['status'], unique=False)
        batch_op.create_index('ix_subject_bindings_uscc_status', ['uscc', 'status'], unique=False)

    op.create_table('binding_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('binding_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('stored_name', sa.String(length=64), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('mime', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['binding_id'], ['subject_bindings.id'], name=op.f('fk_binding_documents_binding_id_subject_bindings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_binding_documents')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_binding_documents_stored_name'))
    )
    with op.batch_alter_table('binding_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_binding_documents_binding_id'), ['binding_id'], unique=False)

    op.create_table('credit_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_no', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Enum('public', 'full', name='report_version', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('uscc', sa.String(length=18), nullable=True),
    sa.Column('subject_name', sa.String(length=256), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('issued_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('data_as_of', portal.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('record_count', sa.Integer(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('signature', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['enterprise_accounts.id'], name=op.f('fk_credit_reports_account_id_enterprise_accounts')),
    sa.ForeignKeyConstraint(['subject_id'], ['subjects.id'], name=op.f('fk_credit_reports_subject_id_subjects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_reports')),
    sa.UniqueConstraint('report_no', name=op.f('uq_credit_reports_report_no'))
    )
    with op.batch_alter_table('credit_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_credit_reports_subject_id'), ['subject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_credit_reports_uscc'), ['uscc'], unique=False)


def downgrade():
    with op.batch_alter_table('credit_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_credit_reports_uscc'))
        batch_op.drop_index(batch_op.f('ix_credit_reports_subject_id'))
    op.drop_table('credit_reports')
    with op.batch_alter_table('binding_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_binding_documents_binding_id'))
    op.drop_table('binding_documents')
    with op.batch_alter_table('subject_bindings', schema=None) as batch_op:
        batch_op.drop_index('ix_subject_bindings_uscc_status')
        batch_op.drop_index(batch_op.f('ix_subject_bindings_status'))
        batch_op.drop_index(batch_op.f('ix_subject_bindings_account_id'))
    op.drop_table('subject_bindings')
    op.drop_table('enterprise_accounts')
