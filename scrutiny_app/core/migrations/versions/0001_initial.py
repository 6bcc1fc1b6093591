"""The whole meeting cycle: series, meetings, agenda, people, questions, actions, reports, indicators.

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('meetingseries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('purpose', sa.String(), nullable=True),
    sa.Column('default_venue', sa.String(), nullable=True),
    sa.Column('default_start', sa.Time(), nullable=True),
    sa.Column('default_end', sa.Time(), nullable=True),
    sa.Column('agenda_template', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('organisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('short_name', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('setting',
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('value', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=True),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('venue', sa.String(), nullable=True),
    sa.Column('hybrid', sa.Boolean(), nullable=False),
    sa.Column('online_platform', sa.String(), nullable=True),
    sa.Column('purpose', sa.String(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('minutes_status', sa.String(), nullable=False),
    sa.Column('previous_meeting_id', sa.Integer(), nullable=True),
    sa.Column('previous_minutes_agreed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['previous_meeting_id'], ['meeting.id'], ),
    sa.ForeignKeyConstraint(['series_id'], ['meetingseries.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_series_id'), ['series_id'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('honorific', sa.String(), nullable=True),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('short_form', sa.String(), nullable=False),
    sa.Column('email', sa.String(), nullable=True),
    sa.Column('phone', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('raised_at_meeting_id', sa.Integer(), nullable=True),
    sa.Column('date_raised', sa.Date(), nullable=True),
    sa.Column('owner', sa.String(), nullable=False),
    sa.Column('owner_person_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('private', sa.Boolean(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['owner_person_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['raised_at_meeting_id'], ['meeting.id'], ),
    sa.ForeignKeyConstraint(['series_id'], ['meetingseries.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('series_id', 'number')
    )
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_series_id'), ['series_id'], unique=False)

    op.create_table('agendaitem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('duration_minutes', sa.Integer(), nullable=True),
    sa.Column('presenter', sa.String(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('priority', sa.Integer(), nullable=True),
    sa.Column('notes', sa.String(), nullable=False),
    sa.Column('notes_private', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('agendaitem', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agendaitem_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('meeting_id', 'person_id')
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('auditentry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('what', sa.String(), nullable=False),
    sa.Column('reason', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('emergingrisk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('raised_by', sa.String(), nullable=False),
    sa.Column('raised_by_person_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('private', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.ForeignKeyConstraint(['raised_by_person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('emergingrisk', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_emergingrisk_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('publicquestion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('received_date', sa.Date(), nullable=True),
    sa.Column('asker_name', sa.String(), nullable=True),
    sa.Column('asker_contact', sa.String(), nullable=True),
    sa.Column('question', sa.String(), nullable=False),
    sa.Column('answer', sa.String(), nullable=False),
    sa.Column('answered_by', sa.String(), nullable=False),
    sa.Column('private', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('publicquestion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_publicquestion_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('actionupdate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('source', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], ),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('actionupdate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actionupdate_action_id'), ['action_id'], unique=False)

    op.create_table('declaration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agendaitem.id'], ),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('declaration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_declaration_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('pccquestion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('question', sa.String(), nullable=True),
    sa.Column('answer', sa.String(), nullable=False),
    sa.Column('follow_up', sa.String(), nullable=True),
    sa.Column('private', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agendaitem.id'], ),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('pccquestion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pccquestion_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('originator', sa.String(), nullable=False),
    sa.Column('reason_for_submission', sa.String(), nullable=False),
    sa.Column('submitted_to', sa.String(), nullable=False),
    sa.Column('subject', sa.String(), nullable=False),
    sa.Column('summary', sa.String(), nullable=False),
    sa.Column('recommendation', sa.String(), nullable=False),
    sa.Column('private', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agendaitem.id'], ),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(), nullable=False),
    sa.Column('media_type', sa.String(), nullable=False),
    sa.Column('sha256', sa.String(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_report_id'), ['report_id'], unique=False)

    op.create_table('indicatortable',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('label', sa.String(), nullable=False),
    sa.Column('caption', sa.String(), nullable=False),
    sa.Column('objective', sa.String(), nullable=True),
    sa.Column('layout', sa.String(), nullable=False),
    sa.Column('date_range_note', sa.String(), nullable=True),
    sa.Column('periods', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('indicatortable', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicatortable_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('table_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('group', sa.String(), nullable=True),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('measure_type', sa.String(), nullable=False),
    sa.Column('direction', sa.String(), nullable=True),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('series_key', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['table_id'], ['indicatortable.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_table_id'), ['table_id'], unique=False)

    op.create_table('indicatorvalue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('period_key', sa.String(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(), nullable=False),
    sa.Column('as_printed', sa.String(), nullable=False),
    sa.Column('recomputed', sa.Float(), nullable=True),
    sa.Column('flag', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('indicator_id', 'period_key')
    )
    with op.batch_alter_table('indicatorvalue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicatorvalue_indicator_id'), ['indicator_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('indicatorvalue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicatorvalue_indicator_id'))

    op.drop_table('indicatorvalue')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_table_id'))

    op.drop_table('indicator')
    with op.batch_alter_table('indicatortable', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicatortable_meeting_id'))

    op.drop_table('indicatortable')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_report_id'))

    op.drop_table('attachment')
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_meeting_id'))

    op.drop_table('report')
    with op.batch_alter_table('pccquestion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pccquestion_meeting_id'))

    op.drop_table('pccquestion')
    with op.batch_alter_table('declaration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_declaration_meeting_id'))

    op.drop_table('declaration')
    with op.batch_alter_table('actionupdate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actionupdate_action_id'))

    op.drop_table('actionupdate')
    with op.batch_alter_table('publicquestion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_publicquestion_meeting_id'))

    op.drop_table('publicquestion')
    with op.batch_alter_table('emergingrisk', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_emergingrisk_meeting_id'))

    op.drop_table('emergingrisk')
    op.drop_table('auditentry')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_meeting_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('agendaitem', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agendaitem_meeting_id'))

    op.drop_table('agendaitem')
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_series_id'))

    op.drop_table('action')
    op.drop_table('person')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_series_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_date'))

    op.drop_table('meeting')
    op.drop_table('setting')
    op.drop_table('organisation')
    op.drop_table('meetingseries')
