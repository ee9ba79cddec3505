"""enterprise accounts and credit reports

Revision ID: a1f3c9e27b01
Revises: d079c85c8fc2
Create Date: 2026-11-23 19:00:00.000000

Placeholder in the chain for issue 8 (enterprise users, subject bindings, reports); empty until that work lands.
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
    pass


def downgrade():
    pass
