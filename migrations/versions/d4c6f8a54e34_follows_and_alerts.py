"""follows and alerts

Revision ID: d4c6f8a54e34
Revises: c3d5e7b45d23
Create Date: 2026-11-23 19:00:00.000000

Placeholder in the chain for issue 10 (follow a subject, alerts, digests); empty until that work lands.
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'd4c6f8a54e34'
down_revision = 'c3d5e7b45d23'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
