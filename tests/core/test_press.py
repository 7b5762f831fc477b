"""The press point's rules: validation, the merge offer, tombstones with undo, consents."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from kiosk.core import press
from kiosk.core.press import Consent, ContactDraft
from kiosk.db.models import AuditEvent, PressConsent, PressContact

MARIEME = ContactDraft(first_name="Marème", last_name="Lô", outlet="Le Soleil", phone="77 260 78 91")


def test_quick_entry_needs_name_outlet_and_a_phone_or_email(db):
    with pytest.raises(press.PressValidationError) as caught:
        press.save_contact(db, ContactDraft())
    assert set(caught.value.errors) == {"name", "outlet", "contact"}
    assert "Média" in caught.value.errors["outlet"]
    assert press.list_contacts(db) == []

    contact_id = press.save_contact(db, ContactDraft(last_name="Seck", outlet="RTS", email=" P.Seck@RTS.sn "))
    row = press.get_contact(db, contact_id)
    assert (row.journalist, row.email, row.author) == ("Seck", "p.seck@rts.sn", db.desk.name)


def test_phone_and_email_are_normalised_or_refused_with_the_field_named(db):
    contact_id = press.save_contact(db, MARIEME)
    assert press.get_contact(db, contact_id).phone == "+221772607891"
    with pytest.raises(press.PressValidationError) as caught:
        press.validate(replace(MARIEME, phone="12", email="pas-une-adresse"))
    assert "téléphone" in caught.value.errors["phone"].lower()
    assert "e-mail" in caught.value.errors["email"]
    assert "contact" not in caught.value.errors  # the real problem is named, not "give a phone"


def test_codes_are_checked_and_follow_up_defaults(db):
    with pytest.raises(press.PressValidationError) as caught:
        press.validate(replace(MARIEME, media_type="cinéma", languages=("fr", "klingon")))
    assert set(caught.value.errors) == {"media_type", "languages"}
    clean = press.validate(replace(MARIEME, follow_up=True, languages=("wo", "fr")))
    assert clean.follow_up_status == "a_faire"
    assert clean.languages == ("fr", "wo")
    assert press.validate(replace(MARIEME, follow_up=False, follow_up_on=date(2023, 10, 30))).follow_up_on is None


def test_same_journalist_and_outlet_is_offered_as_a_merge(db):
    first = press.save_contact(db, replace(MARIEME, topics="migration", interviewed=("Awa Ndiaye (OIM Sénégal)",)))
    again = ContactDraft(first_name="mareme", last_name="LO", outlet="le soleil", email="mareme.lo@example.sn",
                         topics="emploi des jeunes", interviewed=("Représentant PNUD Sénégal",), gave_photos=True)
    with pytest.raises(press.DuplicateContactError) as caught:
        press.save_contact(db, again)
    assert caught.value.existing.id == first
    # Another outlet is another contact.
    press.save_contact(db, replace(again, outlet="RTS"))

    press.merge_into(db, first, again)
    merged = press.get_contact(db, first)
    assert merged.phone == "+221772607891" and merged.email == "mareme.lo@example.sn"
    assert merged.topics == "migration; emploi des jeunes"
    assert merged.interviewed == ("Awa Ndiaye (OIM Sénégal)", "Représentant PNUD Sénégal")
    assert merged.gave_photos
    assert len(press.list_contacts(db)) == 2


def test_editing_into_a_duplicate_merges_and_tombstones_the_edited_one(db):
    keep = press.save_contact(db, MARIEME)
    other = press.save_contact(db, ContactDraft(first_name="M.", last_name="Lo", outlet="Le Soleil", phone="770000001"))
    edited = replace(press.get_contact(db, other).draft(), first_name="Marème")
    with pytest.raises(press.DuplicateContactError):
        press.save_contact(db, edited, other)
    press.merge_into(db, keep, edited, merged_from=other)
    assert [row.id for row in press.list_contacts(db)] == [keep]
    assert press.get_contact(db, keep).phone == "+221770000001"


def test_delete_is_an_audited_tombstone_and_undo_restores(db):
    contact_id = press.save_contact(db, MARIEME)
    press.delete_contact(db, contact_id)
    assert press.list_contacts(db) == []
    with db.transaction() as session:
        assert session.get(PressContact, contact_id).deleted is True
    press.restore_contact(db, contact_id)
    assert [row.id for row in press.list_contacts(db)] == [contact_id]
    with db.transaction() as session:
        actions = list(session.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == contact_id).order_by(AuditEvent.at)))
    assert actions == ["press_contact.create", "press_contact.delete", "press_contact.restore"]


def test_beneficiary_consents_are_a_history_of_statements(demo_db):
    db = demo_db
    candidates = press.interviewee_candidates(db)
    beneficiary = next(c for c in candidates if c.name.startswith("Aïssatou Ŋagne"))
    official = next(c for c in candidates if c.name.startswith("Awa Ndiaye"))
    assert beneficiary.asks_consent and not official.asks_consent
    assert any(c.source == "agenda" and c.name == "Représentant PNUD Sénégal" for c in candidates)

    draft = replace(
        MARIEME,
        interviewed=(beneficiary.name, official.name),
        consents=(Consent(beneficiary.name, beneficiary.participant_id, photo=True, recording=False),),
    )
    contact_id = press.save_contact(db, draft)
    press.save_contact(db, draft, contact_id)  # saved again unchanged: no new statement
    withdrawn = replace(draft, consents=(Consent(beneficiary.name, beneficiary.participant_id, photo=False, recording=True),))
    press.save_contact(db, withdrawn, contact_id)

    history = press.consent_history(db, contact_id)
    assert [(c.photo, c.recording) for c in history] == [(True, False), (False, True)]
    assert all(c.recorded_by == db.desk.name and c.recorded_at is not None for c in history)
    (current,) = press.get_contact(db, contact_id).consents
    assert (current.person, current.participant_id, current.photo, current.recording) == (
        beneficiary.name, beneficiary.participant_id, False, True)
    with db.transaction() as session:
        assert session.scalar(select(PressConsent.desk_id).limit(1)) == db.desk.id


def test_media_list_consent_records_when_and_which_desk(db):
    contact_id = press.save_contact(db, MARIEME)
    assert press.get_contact(db, contact_id).consent_media_list_at is None
    press.save_contact(db, replace(MARIEME, consent_media_list=True), contact_id)
    row = press.get_contact(db, contact_id)
    assert row.consent_media_list and row.consent_media_list_at is not None
    assert row.consent_media_list_by == db.desk.name


def test_registered_journalist_is_found_without_accents_and_prefills(demo_db):
    (found,) = press.registered_journalists(demo_db, "mareme lo")
    assert (found.organisation, found.contact_id) == ("Le Soleil", None)
    draft = press.draft_from_participant(found)
    contact_id = press.save_contact(demo_db, draft)
    (again,) = press.registered_journalists(demo_db, "soleil marème")
    assert again.contact_id == contact_id
    # Linked to the same participant: a second entry is a duplicate even under another spelling.
    with pytest.raises(press.DuplicateContactError):
        press.save_contact(demo_db, replace(draft, first_name="Mareme", last_name="Lo Ndiaye"))
    assert press.registered_journalists(demo_db, "awa ndiaye") == []  # an official, not press


def test_search_and_filters():
    rows = [
        press.ContactRow(id="1", first_name="Ndèye", last_name="N'Diaye", outlet="RTS", media_type="television",
                         follow_up=True, follow_up_status="a_faire", follow_up_on=date(2023, 10, 27)),
        press.ContactRow(id="2", first_name="Pape", last_name="Seck", outlet="Sud FM", media_type="radio",
                         topics="Diaspora et emploi", follow_up=True, follow_up_status="en_cours",
                         follow_up_on=date(2023, 11, 2)),
        press.ContactRow(id="3", first_name="Coumba", last_name="Bâ", outlet="rts", media_type="television",
                         follow_up=True, follow_up_status="fait", follow_up_on=date(2023, 10, 26)),
    ]
    ids = lambda found: [row.id for row in found]  # noqa: E731
    assert ids(press.filter_contacts(rows, query="ndeye ndiaye")) == ["1"]
    assert ids(press.filter_contacts(rows, query="diaspora")) == ["2"]
    assert ids(press.filter_contacts(rows, outlet="RTS")) == ["1", "3"]
    assert ids(press.filter_contacts(rows, media_type="radio")) == ["2"]
    assert ids(press.filter_contacts(rows, follow_up="open")) == ["1", "2"]
    assert ids(press.filter_contacts(rows, follow_up="due", today=date(2023, 10, 27))) == ["1"]
    assert ids(press.open_follow_ups(rows)) == ["1", "2"]
    assert press.outlets(rows) == ["RTS", "Sud FM"]


def test_follow_up_status_moves_on(db):
    contact_id = press.save_contact(db, replace(MARIEME, follow_up=True, follow_up_on=date(2023, 10, 28)))
    press.set_follow_up_status(db, contact_id, "fait")
    row = press.get_contact(db, contact_id)
    assert row.follow_up_status == "fait" and not row.follow_up_open
