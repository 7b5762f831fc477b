"""Merging desks' bundles: verified first, idempotent, order-independent."""

import json
import shutil
import tempfile
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, insert, select, update

from kiosk.core import privacy
from kiosk.db.models import (
    Attendance,
    AuditEvent,
    BadgePrint,
    Desk,
    Participant,
    PressConsent,
    PressContact,
)
from kiosk.errors import UsageError
from kiosk.io.bundle import BundleError
from kiosk.io.export import export_bundle
from kiosk.io.history import history
from kiosk.io.merge import merge_bundle
from tests.io.helpers import T0, desk_copy, dump, make_base

DESK_IDS = ("aaaaaaaa-0000-4000-8000-000000000001", "bbbbbbbb-0000-4000-8000-000000000002",
            "cccccccc-0000-4000-8000-000000000003")
PEOPLE = [f"00000000-0000-4000-8000-00000000000{n}" for n in range(1, 5)]
DAYS = (date(2023, 10, 26), date(2023, 10, 27))


@pytest.fixture
def desks(tmp_path):
    base = make_base(tmp_path / "base.sqlite")
    opened = [desk_copy(base, tmp_path / f"desk{n}.sqlite", desk_id, f"Poste {n + 1}")
              for n, desk_id in enumerate(DESK_IDS)]
    yield opened
    for db in opened:
        db.close()


def _person(n: int, desk_id: str, **values) -> dict:
    return {"id": PEOPLE[n], "code": f"C{n}", "first_name": f"Prénom{n}", "last_name": "Diop",
            "updated_at": T0, "created_at": T0, "desk_id": desk_id, **values}


def add_people(db, rows):
    with db.transaction() as session:
        session.execute(insert(Participant), rows)


def bundle_of(db, folder: Path) -> Path:
    export_bundle(db, folder)
    return folder


def test_a_into_b_and_b_into_a_give_the_same_data(desks, tmp_path):
    a, b, _c = desks
    add_people(a, [_person(0, DESK_IDS[0]), _person(1, DESK_IDS[0])])
    add_people(b, [_person(1, DESK_IDS[1], first_name="Autre", updated_at=T0 + timedelta(seconds=5)),
                   _person(2, DESK_IDS[1])])
    with a.transaction() as session:
        session.add(Attendance(participant_id=PEOPLE[0], day=DAYS[1], checked_in_at=T0, desk_id=DESK_IDS[0]))
    with b.transaction() as session:
        session.add(BadgePrint(participant_id=PEOPLE[2], format="a6", desk_id=DESK_IDS[1]))
    bundle_a, bundle_b = bundle_of(a, tmp_path / "A"), bundle_of(b, tmp_path / "B")
    report_a = merge_bundle(a, bundle_b)
    report_b = merge_bundle(b, bundle_a)
    assert dump(a) == dump(b)
    assert report_a.added["participants"] == 1 and report_a.updated == {"participants": 1}
    assert report_a.added["badge_prints"] == 1 and report_b.added["attendance"] == 1
    with a.transaction() as session:
        assert session.get(Participant, PEOPLE[1]).first_name == "Autre"  # the later edit wins


def test_merging_twice_changes_nothing(desks, tmp_path):
    a, b, _c = desks
    add_people(b, [_person(0, DESK_IDS[1]), _person(1, DESK_IDS[1])])
    bundle = bundle_of(b, tmp_path / "B")
    first = merge_bundle(a, bundle)
    state = dump(a)
    second = merge_bundle(a, bundle)
    assert first.added["participants"] == 2
    assert (second.added, second.updated, second.conflicts) == ({}, {}, [])
    assert dump(a) == state


def test_a_tombstone_wins_even_over_a_later_edit(desks, tmp_path):
    a, b, _c = desks
    add_people(a, [_person(0, DESK_IDS[0], deleted=True, first_name="", last_name="",
                           updated_at=T0 + timedelta(seconds=1))])
    add_people(b, [_person(0, DESK_IDS[1], first_name="Modifiée", updated_at=T0 + timedelta(seconds=9))])
    bundle_a, bundle_b = bundle_of(a, tmp_path / "A"), bundle_of(b, tmp_path / "B")
    report = merge_bundle(a, bundle_b)
    merge_bundle(b, bundle_a)
    assert dump(a) == dump(b)
    with b.transaction() as session:
        erased = session.get(Participant, PEOPLE[0])
        assert erased.deleted and erased.first_name == ""
    assert "suppression" in report.conflicts[0]["reason"]


def _press_about(db, n: int, journalist: str, at) -> None:
    """A press contact with the participant n as the journalist, and one interviewing participant n+1."""
    interviewee = f"Prénom{n + 1} Diop"
    with db.transaction() as session:
        linked = PressContact(journalist=journalist, first_name=journalist, outlet="RFM", email="j@rfm.sn",
                              participant_id=PEOPLE[n], notes="veut le communiqué", created_at=at, updated_at=at,
                              desk_id=db.desk.id)
        other = PressContact(journalist="Pape Seck", outlet="RTS", phone="+221775554433", created_at=at,
                             interviewed=f"{interviewee}; Awa Sarr", updated_at=at, desk_id=db.desk.id)
        session.add_all([linked, other])
        session.flush()
        session.add(PressConsent(press_contact_id=other.id, participant_id=PEOPLE[n + 1], person=interviewee,
                                 photo=True, recorded_at=at, updated_at=at, desk_id=db.desk.id))


def test_what_other_desks_wrote_about_an_erased_person_is_forgotten_everywhere(desks, tmp_path):
    """Desk A erases two people; B and C, offline, logged press work about them: every desk ends the same,
    with no name of the erased people anywhere."""
    a, b, c = desks
    for db in desks:
        add_people(db, [_person(n, DESK_IDS[0]) for n in range(4)])
    with b.transaction() as session:
        session.add(Attendance(id="dddddddd-0000-4000-8000-000000000001", participant_id=PEOPLE[0], day=DAYS[0],
                               checked_in_at=T0, desk_id=DESK_IDS[1], voided=True, void_reason="Prénom0 en double",
                               updated_at=T0))
        session.add(AuditEvent(action="attendance.void", entity="attendance", entity_id="dddddddd-0000-4000-8000-000000000001",
                               details={"participant_id": PEOPLE[0], "reason": "Prénom0 en double"}))
    privacy.erase_person(a, PEOPLE[0])
    privacy.erase_person(a, PEOPLE[1])
    _press_about(b, 0, "Prénom0", T0 + timedelta(days=400))  # edited after the erasure: still forgotten
    _press_about(c, 0, "Prénom0", T0)
    for _round in range(2):
        for target in desks:
            for source in desks:
                if source is not target:
                    merge_bundle(target, bundle_of(source, tmp_path / f"{source.desk.id[:4]}-{_round}"))
    assert dump(a) == dump(b) == dump(c)
    text = repr(dump(b))
    for personal in ("Prénom0", "Prénom1", "j@rfm.sn", "communiqué"):
        assert personal not in text, [row for rows in dump(b).values() for row in rows if personal in repr(row)]
    assert "Awa Sarr" in text and "Pape Seck" in text  # the rest of the press work stays
    with c.transaction() as session:
        assert session.scalar(select(func.count()).select_from(PressContact).where(PressContact.deleted.is_(False))) == 2
        assert session.scalar(select(func.count()).select_from(PressConsent).where(PressConsent.person != "")) == 0


def test_a_renamed_desk_is_shown_under_its_new_name(desks, tmp_path):
    a, b, _c = desks
    merge_bundle(b, bundle_of(a, tmp_path / "A1"))
    a.rename_desk("Accueil principal")
    report = merge_bundle(b, bundle_of(a, tmp_path / "A2"))
    with b.transaction() as session:
        assert session.get(Desk, DESK_IDS[0]).name == "Accueil principal"
        assert session.get(Desk, DESK_IDS[1]).name == "Poste 2"  # this desk's own name is its own
    assert report.updated == {"desks": 1}
    assert merge_bundle(b, tmp_path / "A2").updated == {}


def test_equal_timestamps_still_agree(desks, tmp_path):
    a, b, _c = desks
    add_people(a, [_person(0, "same", first_name="Awa")])
    add_people(b, [_person(0, "same", first_name="Aïda")])
    bundle_a, bundle_b = bundle_of(a, tmp_path / "A"), bundle_of(b, tmp_path / "B")
    merge_bundle(a, bundle_b)
    merge_bundle(b, bundle_a)
    assert dump(a) == dump(b)


def test_code_already_taken_is_a_conflict_not_a_crash(desks, tmp_path):
    a, b, _c = desks
    add_people(a, [_person(0, DESK_IDS[0], code="SAME")])
    add_people(b, [{**_person(1, DESK_IDS[1], code="SAME")}])
    with b.transaction() as session:
        session.add(Attendance(participant_id=PEOPLE[1], day=DAYS[0], desk_id=DESK_IDS[1]))
    report = merge_bundle(a, bundle_of(b, tmp_path / "B"))
    tables = sorted(conflict["table"] for conflict in report.conflicts)
    assert tables == ["attendance", "participants"]
    assert "SAME" in next(c["reason"] for c in report.conflicts if c["table"] == "participants")


@pytest.mark.parametrize("damage", ["truncate", "missing", "manifest", "count", "unlisted", "edited"])
def test_a_corrupt_or_partial_bundle_is_refused_and_nothing_applied(desks, tmp_path, damage):
    a, b, _c = desks
    add_people(b, [_person(0, DESK_IDS[1]), _person(1, DESK_IDS[1])])
    bundle = bundle_of(b, tmp_path / "B")
    people_file = bundle / "participants.csv"
    if damage == "truncate":
        people_file.write_bytes(people_file.read_bytes()[:-20])
    elif damage == "missing":
        (bundle / "attendance.csv").unlink()
    elif damage == "manifest":
        (bundle / "manifest.json").write_text('{"format": "kiosk-bun', encoding="utf-8")
    elif damage == "unlisted":  # a manifest that lost a table: the rest must not be merged alone
        manifest = json.loads((bundle / "manifest.json").read_text())
        del manifest["files"]["attendance.csv"]
        (bundle / "manifest.json").write_text(json.dumps(manifest))
    elif damage == "edited":  # a name corrected in Excel and saved over the bundle
        people_file.write_bytes(people_file.read_bytes().replace("Prénom1".encode(), b"Prenom1"))
    else:  # consistent checksum, wrong row count: hand-edited bundle
        import hashlib

        manifest = json.loads((bundle / "manifest.json").read_text())
        lines = people_file.read_bytes().split(b"\r\n")
        people_file.write_bytes(b"\r\n".join(lines[:2] + [b""]))
        manifest["files"]["participants.csv"]["sha256"] = hashlib.sha256(people_file.read_bytes()).hexdigest()
        (bundle / "manifest.json").write_text(json.dumps(manifest))
    before = dump(a)
    with pytest.raises(BundleError) as error:
        merge_bundle(a, bundle)
    assert str(error.value)
    assert dump(a) == before
    with a.transaction() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_refuses_its_own_bundle_and_another_event(desks, db, tmp_path):
    a = desks[0]
    with pytest.raises(UsageError, match="ce poste-ci"):
        merge_bundle(a, bundle_of(a, tmp_path / "A"))
    from kiosk.core.event import create_event

    create_event(db, name="Autre événement", venue="", city="", start_date=DAYS[0], end_date=DAYS[0])
    with pytest.raises(BundleError, match="autre événement"):
        merge_bundle(a, bundle_of(db, tmp_path / "other"))


def test_a_new_desk_adopts_the_event(desks, tmp_path):
    from kiosk.core.event import load_event
    from kiosk.db import Database

    a = desks[0]
    add_people(a, [_person(0, DESK_IDS[0], phone="+221771234567")])
    new = Database.open(tmp_path / "new.sqlite", create=True)
    merge_bundle(new, bundle_of(a, tmp_path / "A"))
    assert load_event(new).name == "Atelier test"
    with new.transaction() as session:
        assert session.get(Participant, PEOPLE[0]).phone == "+221771234567"  # the neutralising quote is gone
    assert [entry.action for entry in history(new)] == ["merge"]
    new.close()


# -- the property: any order and repetition of merges converges ------------------------------
_offsets = st.integers(min_value=0, max_value=3)
_operation = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 3), st.sampled_from(["Awa", "Aïda", "Ŋagne"]), _offsets),
    st.tuples(st.just("delete"), st.integers(0, 3), st.just(""), _offsets),
    st.tuples(st.just("checkin"), st.integers(0, 3), st.sampled_from(["0", "1"]), _offsets),
    st.tuples(st.just("void"), st.integers(0, 3), st.just(""), _offsets),
    st.tuples(st.just("print"), st.integers(0, 3), st.just(""), _offsets),
    st.tuples(st.just("walk_in"), st.integers(0, 3), st.just(""), _offsets),
    st.tuples(st.just("press"), st.integers(0, 2), st.sampled_from(["RFM", "RTS"]), _offsets),
)


def _apply(db, desk_id: str, operation) -> None:
    kind, n, text, offset = operation
    at = T0 + timedelta(seconds=offset)
    with db.transaction() as session:
        if kind == "edit":  # as the reception's correction does: an erased person cannot be edited
            session.execute(update(Participant).where(Participant.id == PEOPLE[n], Participant.deleted.is_(False))
                            .values(first_name=text, updated_at=at))
        elif kind == "delete":
            session.execute(update(Participant).where(Participant.id == PEOPLE[n]).values(
                deleted=True, first_name="", last_name="", updated_at=at))
        elif kind == "checkin":
            session.add(Attendance(participant_id=PEOPLE[n], day=DAYS[int(text)], checked_in_at=at,
                                   desk_id=desk_id, updated_at=at))
        elif kind == "void":
            session.execute(update(Attendance).where(Attendance.participant_id == PEOPLE[n]).values(
                voided=True, void_reason="erreur", updated_at=at + timedelta(seconds=1)))
        elif kind == "print":
            session.add(BadgePrint(participant_id=PEOPLE[n], format="a6", desk_id=desk_id, printed_at=at))
        elif kind == "press":  # participant n is the journalist, n + 1 is interviewed and consents
            contact = PressContact(journalist=f"Prénom{n} Diop", outlet=text, participant_id=PEOPLE[n],
                                   interviewed=f"Prénom{n + 1} Diop; Awa Sarr", created_at=at, updated_at=at,
                                   desk_id=desk_id)
            session.add(contact)
            session.flush()
            session.add(PressConsent(press_contact_id=contact.id, participant_id=PEOPLE[n + 1],
                                     person=f"Prénom{n + 1} Diop", photo=True, recorded_at=at, updated_at=at,
                                     desk_id=desk_id))
        else:
            session.add(Participant(id=str(uuid.uuid4()), code=f"W{uuid.uuid4().hex[:6]}", first_name="Walk",
                                    last_name=f"In{n}", desk_id=desk_id, created_at=at, updated_at=at))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@example(  # found in CI: a contact whose journalist and interviewee are erased on two other desks
    operations=[
        [("delete", 0, "", 0), ("edit", 0, "Awa", 0), ("press", 2, "RFM", 0)],
        [("edit", 0, "Awa", 0), ("delete", 3, "", 0)],
        [("delete", 0, "", 0), ("delete", 2, "", 0)],
    ],
    schedules=[(0, [0]), (0, [0])],
    gossip=[],
)
@given(
    operations=st.lists(st.lists(_operation, max_size=5), min_size=3, max_size=3),
    schedules=st.lists(
        st.tuples(st.integers(0, 2), st.lists(st.integers(0, 2), min_size=1, max_size=7)), min_size=2, max_size=3),
    gossip=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), max_size=6),
)
def test_any_order_and_repetition_of_merges_converges(operations, schedules, gossip):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        base = make_base(root / "base.sqlite")
        dbs = [desk_copy(base, root / f"d{n}.sqlite", DESK_IDS[n], f"Poste {n + 1}") for n in range(3)]
        common = [_person(n, DESK_IDS[0]) for n in range(4)]
        for db, ops in zip(dbs, operations, strict=True):
            add_people(db, common)
            for operation in ops:
                _apply(db, db.desk.id, operation)
        bundles = [bundle_of(db, root / f"bundle{n}") for n, db in enumerate(dbs)]
        for db in dbs:
            db.close()
        templates = [root / f"d{n}.sqlite" for n in range(3)]
        states = []
        # Each desk's own bundle merged into a copy of one desk, in any order, repeated at will.
        for run, (target, order) in enumerate(schedules):
            order = [n for n in order if n != target] + [n for n in range(3) if n != target]
            copy = root / f"run{run}.sqlite"
            shutil.copyfile(templates[target], copy)
            from kiosk.db import Database

            db = Database.open(copy)
            for n in order:
                merge_bundle(db, bundles[n])
            states.append(dump(db))
            db.close()
        # Desks swapping their current bundles in a random chain, then a full round.
        from kiosk.db import Database

        live = [Database.open(path) for path in templates]
        rounds = [pair for pair in gossip if pair[0] != pair[1]]
        rounds += [(s, d) for s in range(3) for d in range(3) if s != d] * 2
        for step, (source, target) in enumerate(rounds):
            merge_bundle(live[target], bundle_of(live[source], root / f"g{step}"))
        states += [dump(db) for db in live]
        for db in live:
            db.close()
        assert all(state == states[0] for state in states)
