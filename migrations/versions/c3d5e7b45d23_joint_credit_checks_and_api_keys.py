"""joint credit checks and api keys

Revision ID: c3d5e7b45d23
Revises: b2e4d8a36c12
Create Date: 2026-11-23 19:00:00.000000

Placeholder in the chain for issue 10 (catalogue edits, credit checks, feedback, API keys); empty until that work lands.
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'c3d5e7b45d23'
down_revision = 'b2e4d8a36c12'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
