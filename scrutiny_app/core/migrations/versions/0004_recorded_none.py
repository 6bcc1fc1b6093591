"""The minutes state only what was recorded: "none" recorded on purpose, and when minutes were agreed.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

FLAGS = ('declarations_none', 'public_questions_none', 'risks_none')


def upgrade() -> None:
    # Plain ADD COLUMN: a batch would rebuild the meeting table, which every other table refers to.
    op.add_column('meeting', sa.Column('minutes_agreed_on', sa.Date(), nullable=True))
    for name in FLAGS:
        op.add_column('meeting', sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('meeting') as batch:
        for name in ('minutes_agreed_on', *FLAGS):
            batch.drop_column(name)
