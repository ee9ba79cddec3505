"""chat ticket replies

Revision ID: e5b7a9c63f45
Revises: d4c6f8a54e34
Create Date: 2026-11-23 19:00:00.000000

Placeholder in the chain for issue 9 (staff replies to consultation tickets); empty until that work lands.
"""
from alembic import op
import sqlalchemy as sa
import portal.models.base  # custom column types (UTCDateTime)


# revision identifiers, used by Alembic.
revision = 'e5b7a9c63f45'
down_revision = 'd4c6f8a54e34'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
