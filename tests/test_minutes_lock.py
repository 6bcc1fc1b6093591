"""Agreed minutes lock the meeting's records until unlocked with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from scrutiny_app.core import live
from scrutiny_app.core import models as m
from scrutiny_app.core.minutes_lock import MinutesLocked, audit_log, mark_agreed, unlock
from scrutiny_app.core.queries import load_meeting, update_field
from scrutiny_app.errors import UserError


def test_agreeing_minutes_records_it_at_the_next_meeting(demo_store, april):
    at = mark_agreed(demo_store, april)
    record = load_meeting(demo_store, at.id)
    assert record.meeting.date == dt.date(2025, 7, 8) and record.meeting.previous_minutes_agreed
    assert load_meeting(demo_store, april).meeting.minutes_status == "agreed"


def test_agreed_minutes_refuse_an_edit_and_keep_the_old_text(demo_store, april):
    question = load_meeting(demo_store, april).public_questions[0]
    mark_agreed(demo_store, april)
    with pytest.raises(MinutesLocked, match="agreed and locked"):
        update_field(demo_store, m.PublicQuestion, question.id, "answer", "rewritten")
    assert load_meeting(demo_store, april).public_questions[0].answer == question.answer


@pytest.mark.parametrize("write", [
    lambda store, mid: live.new_risk(store, mid),
    lambda store, mid: live.set_attendance(store, mid, 1, "remote"),
    lambda store, mid: live.create_action(store, mid, "The CC", "Something new"),
    lambda store, mid: live.delete_record(store, load_meeting(store, mid).risks[0]),
])
def test_agreed_minutes_refuse_live_writes(demo_store, april, write):
    mark_agreed(demo_store, april)
    with pytest.raises(MinutesLocked):
        write(demo_store, april)


def test_unlocking_needs_a_reason(demo_store, april):
    mark_agreed(demo_store, april)
    with pytest.raises(UserError, match="reason"):
        unlock(demo_store, april, "   ")


def test_unlocking_allows_edits_and_keeps_the_reason_in_the_audit_log(demo_store, april):
    question = load_meeting(demo_store, april).public_questions[0]
    mark_agreed(demo_store, april)
    unlock(demo_store, april, "Typo in answer 1 reported by the Constabulary")
    update_field(demo_store, m.PublicQuestion, question.id, "answer", "corrected")
    entries = audit_log(demo_store, april)
    assert [e.what for e in entries] == [
        "Minutes agreed at the meeting of 8 July 2025 as a true and accurate reflection of the meeting",
        "Agreed minutes unlocked",
    ]
    assert entries[1].reason == "Typo in answer 1 reported by the Constabulary"


def test_unlocking_means_the_next_meeting_must_agree_them_again(demo_store, april):
    at = mark_agreed(demo_store, april)
    unlock(demo_store, april, "Correct the spelling of a name")
    assert not load_meeting(demo_store, at.id).meeting.previous_minutes_agreed
