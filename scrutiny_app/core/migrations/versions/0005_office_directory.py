"""A real office from an empty database: people who have left, retired series, action numbering, presenters.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN where other tables refer to the table (a batch would rebuild it).
    op.add_column('person', sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()))
    op.add_column('meetingseries', sa.Column('first_action_number', sa.Integer(), nullable=False, server_default='1'))
    op.add_column('meetingseries', sa.Column('retired', sa.Boolean(), nullable=False, server_default=sa.false()))
    # SQLite adds a column with its reference in place; a batch rebuild would break the search index's triggers.
    op.execute('ALTER TABLE agendaitem ADD COLUMN presenter_person_id INTEGER REFERENCES person (id)')


def downgrade() -> None:
    for table, column in (('agendaitem', 'presenter_person_id'), ('meetingseries', 'retired'),
                          ('meetingseries', 'first_action_number'), ('person', 'active')):
        op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')
