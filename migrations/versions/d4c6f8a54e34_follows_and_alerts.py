"""follows and alerts

Revision ID: d4c6f8a54e34
Revises: c3d5e7b45d23
Create Date: 2026-11-23 19:00:00.000000

Placeholder in the chain for issue 10 (follow a subject, alerts, digests); empty until that work lands.
"""
import sqlalchemy as sa
from alembic import op

import portal.models.base  # custom column types (UTCDateTime)

# revision identifiers, used by Alembic.
revision = 'd4c6f8a54e34'
down_revision = 'c3d5e7b45d23'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'subscribers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('locale', sa.String(length=8), nullable=False),
        sa.Column('last_digest_on', sa.Date(), nullable=True),
        sa.Column('created_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_subscribers_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_subscribers')),
        sa.UniqueConstraint('email', name=op.f('uq_subscribers_email')),
    )
    with op.batch_alter_table('subscribers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subscribers_user_id'), ['user_id'], unique=False)

    op.create_table(
        'follows',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('subscriber_id', sa.Integer(), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('generation', sa.Integer(), nullable=False),
        sa.Column('confirm_sent_at', portal.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column('confirmed_at', portal.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column('unsubscribed_at', portal.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column('snapshot', sa.Text(), nullable=False),
        sa.Column('snapshot_on', sa.Date(), nullable=True),
        sa.Column('created_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', portal.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['subject_id'], ['subjects.id'], name=op.f('fk_follows_subject_id_subjects')),
        sa.ForeignKeyConstraint(
            ['subscriber_id'], ['subscribers.id'], name=op.f('fk_follows_subscriber_id_subscribers')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_follows')),
        sa.UniqueConstraint('subscriber_id', 'subject_id', name=op.f('uq_follows_subscriber_id_subject_id')),
    )
    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follows_subject_id'), ['subject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follows_subscriber_id'), ['subscriber_id'], unique=False)


def downgrade():
    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follows_subscriber_id'))
        batch_op.drop_index(batch_op.f('ix_follows_subject_id'))
    op.drop_table('follows')
    with op.batch_alter_table('subscribers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subscribers_user_id'))
    op.drop_table('subscribers')
