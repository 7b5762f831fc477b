"""Participants as plain data: loading, form rules, walk-ins, audited corrections."""

import pytest
from sqlalchemy import select

from kiosk.core import codes
from kiosk.core.people import (
    PersonFormError,
    count_participants,
    create_walk_in,
    find_by_code,
    get_person,
    iter_people,
    update_person,
    validate_person,
)
from kiosk.db.models import AuditEvent, Participant

FORM = {
    "first_name": "  Aïssatou ", "last_name": "Bâ", "sex": "F", "organisation": "Coopérative de Podor",
    "category": "Secteur privé", "function": "", "phone": "77 123 45 67", "email": "Aissatou.Ba@Example.SN",
    "badge_role": "Participant",
}


def test_validate_cleans_values():
    cleaned = validate_person(FORM)
    assert cleaned["first_name"] == "Aïssatou"
    assert cleaned["phone"] == "+221771234567"
    assert cleaned["email"] == "aissatou.ba@example.sn"


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"first_name": " "}, "first_name", "obligatoire"),
        ({"organisation": ""}, "organisation", "obligatoire"),
        ({"phone": "12"}, "phone", "téléphone"),
        ({"email": "fatou@"}, "email", "e-mail"),
        ({"category": "VIP"}, "category", "inconnue"),
        ({"sex": "X"}, "sex", "inconnue"),
        ({"last_name": "x" * 121}, "last_name", "120"),
    ],
)
def test_validate_rejects_with_a_message_per_field(change, field, words):
    with pytest.raises(PersonFormError) as error:
        validate_person({**FORM, **change})
    assert field in error.value.errors and words in error.value.errors[field].lower()


def test_walk_in_gets_a_new_valid_code(demo_db):
    person = create_walk_in(demo_db, validate_person(FORM))
    assert codes.is_valid(person.code) and person.registration == "walk_in"
    assert find_by_code(demo_db, person.code) == person
    assert count_participants(demo_db) == 153


def test_correction_is_audited_with_before_and_after(demo_db):
    awa = find_by_code(demo_db, "GP9VX9")
    fixed = update_person(demo_db, awa, {**awa.form_values(), "first_name": "Awa Marie", "organisation": "OIM"})
    assert fixed.first_name == "Awa Marie" and get_person(demo_db, awa.id) == fixed
    with demo_db.transaction() as session:
        audit = session.scalars(select(AuditEvent).where(AuditEvent.entity_id == awa.id)).one()
    assert audit.action == "participant.correct"
    assert audit.details == {
        "before": {"first_name": "Awa", "organisation": "OIM Sénégal"},
        "after": {"first_name": "Awa Marie", "organisation": "OIM"},
    }
    assert update_person(demo_db, fixed, fixed.form_values()) is fixed  # nothing changed, nothing audited


def test_iter_people_skips_deleted(demo_db):
    with demo_db.transaction() as session:
        session.scalars(select(Participant).where(Participant.code == "GP9VX9")).one().deleted = True
    assert "GP9VX9" not in {p.code for p in iter_people(demo_db)}
    assert count_participants(demo_db) == 151
    assert find_by_code(demo_db, "GP9VX9") is None
