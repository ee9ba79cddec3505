"""cms pages

Revision ID: b2e4d8a36c12
Revises: a1f3c9e27b01
Create Date: 2026-11-23 19:00:00.000000

Placeholder in the chain for issue 6 (staff-edited pages: policies, news, guides); empty until that work lands.
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'b2e4d8a36c12'
down_revision = 'a1f3c9e27b01'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
