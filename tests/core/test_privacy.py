"""One person's record, erasure with a tombstone, and the purge after the retention period."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.core import privacy
from kiosk.core.event import load_event
from kiosk.db.models import (
    Attendance,
    AuditEvent,
    BadgePrint,
    Event,
    Participant,
    PressConsent,
    PressContact,
)
from tests.core.attendance_data import participants, sign_in


@pytest.fixture
def person(demo_db, demo_event):
    """A demo participant with a sign-in, a reprint, a press contact, a consent and an audit entry."""
    target = participants(demo_db, 1)[0]
    sign_in(demo_db, target.id, demo_event.days[0])
    with demo_db.transaction() as session:
        session.get(Participant, target.id).notes = "allergie arachide"
        session.add(BadgePrint(participant_id=target.id, format="a6", reprint_reason="nom mal écrit : Ndèye"))
        contact = PressContact(journalist="Ndèye Ŋom", outlet="RTS", phone="+221771234567",
                               email="ndeye@rts.sn", participant_id=target.id)
        session.add(contact)
        session.flush()
        session.add(PressConsent(press_contact_id=contact.id, participant_id=target.id, person="Ndèye Ŋom", photo=True))
        session.add(AuditEvent(action="participant.edit", entity="participant", entity_id=target.id,
                               details={"before": {"last_name": "Ngom"}}))
    return target


def test_record_finds_a_person_by_id_or_by_code_as_a_scanner_types_it(demo_db, demo_event, person):
    by_id = privacy.person_record(demo_db, demo_event, person.id)
    by_code = privacy.person_record(demo_db, demo_event, f"  {person.code.lower()} ")
    assert by_id == by_code
    assert by_id["participant"]["last_name"] == person.last_name and not by_id["erased"]
    assert len(by_id["attendance"]) == 1 and by_id["attendance"][0]["day"] == demo_event.days[0].isoformat()
    assert by_id["press_contacts"][0]["journalist"] == "Ndèye Ŋom"
    assert by_id["press_consents"][0]["photo"] is True
    assert by_id["audit"][0]["details"] == {"before": {"last_name": "Ngom"}}
    with pytest.raises(privacy.NotFound):
        privacy.person_record(demo_db, demo_event, "nobody")


def test_erase_keeps_an_anonymous_tombstone(demo_db, demo_event, person):
    before = datetime.now(UTC)
    privacy.erase_person(demo_db, person.id)
    with demo_db.transaction() as session:
        row = session.get(Participant, person.id)
        for column in Participant.__table__.columns:
            value = getattr(row, column.name)
            if column.name in ("sex", "category", "badge_role", "registration", "id", "code", "created_at", "desk_id"):
                assert value == getattr(person, column.name), column.name
            elif column.name not in ("updated_at", "deleted"):
                assert value in ("", False, None), (column.name, value)
        assert row.deleted and row.updated_at >= before
        assert session.scalar(select(Attendance.void_reason).where(Attendance.participant_id == person.id)) == ""
        assert session.scalar(select(BadgePrint.reprint_reason).where(BadgePrint.participant_id == person.id)) == ""
        contact = session.scalar(select(PressContact).where(PressContact.participant_id == person.id))
        assert contact.deleted and contact.journalist == "" and contact.phone == "" and contact.outlet == "RTS"
        consent = session.scalar(select(PressConsent).where(PressConsent.participant_id == person.id))
        assert consent.person == "" and consent.photo is True
        audit = session.scalars(select(AuditEvent).where(AuditEvent.entity_id == person.id).order_by(AuditEvent.at)).all()
        assert audit[0].details == {} and audit[-1].action == privacy.ERASE_ACTION
    text = repr(privacy.person_record(demo_db, demo_event, person.id))
    for personal in (person.first_name, person.last_name, person.email, person.phone, "Ndèye", "arachide"):
        assert personal not in text
    with pytest.raises(privacy.NotFound, match="déjà effacée"):
        privacy.erase_person(demo_db, person.id)
    with pytest.raises(privacy.NotFound, match="déjà effacée"):  # the badge code finds the tombstone
        privacy.erase_person(demo_db, person.code)


def _set_retention(db, days):
    with db.transaction() as session:
        session.scalar(select(Event)).retention_days = days
    return load_event(db)


def test_purge_waits_for_the_end_of_the_retention_period(demo_db):
    event = _set_retention(demo_db, 30)  # the demo ends on 2023-10-27
    assert privacy.purge_available_from(event).isoformat() == "2023-11-27"
    with pytest.raises(privacy.RetentionNotOver, match="2023-11-26"):
        privacy.purge_personal_data(demo_db, event, now=datetime(2023, 11, 26, 23, 30, tzinfo=UTC))
    assert privacy.purge_preview(demo_db).participants == 152  # nothing touched
    result = privacy.purge_personal_data(demo_db, event, now=datetime(2023, 11, 27, 0, 1, tzinfo=UTC))
    assert result.participants == 152


def test_purge_blanks_everyone_and_keeps_the_counts(demo_db, demo_event, person):
    from kiosk.core.stats import event_summary

    others = participants(demo_db, 5)
    for other in others:
        sign_in(demo_db, other.id, demo_event.days[1])
    with demo_db.transaction() as session:
        session.add(PressContact(journalist="Aïda Sow", outlet="Walf TV", email="aida@walf.sn"))
    before = event_summary(demo_db, demo_event)
    later = datetime(2030, 1, 1, tzinfo=UTC)
    result = privacy.purge_personal_data(demo_db, demo_event, now=later)
    assert result.participants == 152 and result.press_contacts == 2
    assert privacy.purge_preview(demo_db) == privacy.PurgeResult(0, 0, 0)
    with demo_db.transaction() as session:
        assert session.scalar(select(Participant).where(Participant.last_name != "")) is None
        assert session.scalar(select(PressContact).where(PressContact.journalist != "")) is None
        assert session.scalar(select(AuditEvent).where(AuditEvent.action == privacy.PURGE_ACTION)) is not None
    after = event_summary(demo_db, demo_event)
    assert after.overall.as_dict() == before.overall.as_dict()
    assert after.registered == before.registered
    assert privacy.purge_personal_data(demo_db, demo_event, now=later + timedelta(days=1)).participants == 0


def test_erase_takes_the_person_out_of_interviewee_lists_and_void_audits(demo_db, demo_event, person):
    """A journalist who interviewed the person keeps the contact, not the person's name."""
    from kiosk.core import press
    from kiosk.core.checkin import void_check_in

    label = press.interviewee_labels(person.first_name, person.last_name, person.organisation)[0]
    other = press.save_contact(demo_db, press.ContactDraft(
        first_name="Pape", last_name="Seck", outlet="RFM", phone="77 555 44 33",
        interviewed=(label, "Awa Sarr"), consents=(press.Consent(label, person.id, photo=True),)))
    with demo_db.transaction() as session:
        attendance_id = session.scalar(select(Attendance.id).where(Attendance.participant_id == person.id))
    void_check_in(demo_db, attendance_id, reason=f"c'était la sœur de {person.first_name}")
    privacy.erase_person(demo_db, person.id)
    kept = press.get_contact(demo_db, other)
    assert kept.interviewed == ("Awa Sarr",) and kept.consents == () and kept.journalist == "Pape Seck"
    with demo_db.transaction() as session:
        void = session.scalar(select(AuditEvent).where(AuditEvent.action == "attendance.void"))
        assert void.details == {}
        assert session.scalar(select(PressConsent.person).where(PressConsent.press_contact_id == other)) == ""
