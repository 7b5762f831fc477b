"""The reception screen driven from the keyboard, as at the desk: type, Enter, scan, undo, walk-ins."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from kiosk.db.models import Attendance, AuditEvent, BadgePrint, Participant
from kiosk.ui.reception.screen import ReceptionScreen


@pytest.fixture
def screen(app_context, qtbot):
    widget = ReceptionScreen(app_context)
    qtbot.addWidget(widget)
    widget.resize(1216, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activated()
    return widget


def type_text(widget, text):
    """Types like a keyboard; non-ASCII goes through sendKeyEvent (keyClicks aborts on it)."""
    for char in text:
        if char.isascii():
            QTest.keyClick(widget, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)


def shown_names(screen):
    return [row.person.name for row in screen.model.rows()]


def attendances(db, **where):
    with db.transaction() as session:
        return session.scalars(select(Attendance).filter_by(**where)).all()


def test_focus_and_contract_names(screen):
    assert screen.findChild(type(screen.search_field), "searchField") is screen.search_field
    assert screen.results_view.objectName() == "resultsView"
    assert screen.search_field.hasFocus()


def test_typing_with_accents_follows_every_keystroke(screen):
    type_text(screen.search_field, "Ndè")
    assert screen.search_field.text() == "Ndè"
    assert "Ndèye Fatou N'Diaye" in shown_names(screen)
    screen.search_field.clear()
    type_text(screen.search_field, "guèye SAMBA")
    assert shown_names(screen)[0] == "Samba Guèye"
    screen.search_field.clear()
    type_text(screen.search_field, "tidiane gueye")
    assert shown_names(screen) == ["Cheikh Tidiane Guèye"]
    QTest.keyClick(screen.search_field, Qt.Key.Key_Escape)
    assert screen.search_field.text() == "" and screen.model.rowCount() == 0
    type_text(screen.search_field, "a")
    assert screen.model.rowCount() == 50 and screen.empty_label.text() == "50 premiers résultats : précisez"


def test_enter_checks_in_the_highlighted_match(screen, app_context, qtbot):
    type_text(screen.search_field, "ndiaye")
    names = shown_names(screen)
    assert len(names) > 2
    QTest.keyClick(screen.search_field, Qt.Key.Key_Down)
    QTest.keyClick(screen.search_field, Qt.Key.Key_Down)
    QTest.keyClick(screen.search_field, Qt.Key.Key_Up)
    with qtbot.waitSignal(app_context.checked_in) as signal:
        QTest.keyClick(screen.search_field, Qt.Key.Key_Return)
    person = screen.undo_stack[-1].person
    assert person.name == names[1]
    assert signal.args == [person.id, app_context.day]
    assert screen.search_field.text() == "" and screen.search_field.hasFocus()
    assert screen.confirm_name.text() == names[1]
    assert screen.confirmation.property("kind") == "success"
    assert len(attendances(app_context.db, participant_id=person.id)) == 1
    assert screen.present_label.text().startswith("Présents : 1 / 152")


@pytest.mark.parametrize("scan", ["GP9VX9", "gp9vx9", "gpçvxç", "GPçVXç"])
def test_scanned_code_checks_in_directly(screen, app_context, qtbot, scan):
    with qtbot.waitSignal(app_context.attendance_changed):
        type_text(screen.search_field, scan)
        QTest.keyClick(screen.search_field, Qt.Key.Key_Return)
    assert screen.undo_stack[-1].person.code == "GP9VX9"
    assert screen.confirm_name.text() == "Awa Ndiaye"


def test_second_attempt_says_already_present_and_creates_nothing(screen, app_context, qtbot):
    for _attempt in range(2):
        type_text(screen.search_field, "GP9VX9")
        QTest.keyClick(screen.search_field, Qt.Key.Key_Return)
    assert screen.confirmation.property("kind") == "already"
    assert screen.confirm_message.text().lower().startswith("déjà présent(e) depuis ")
    assert "(Poste 1)" in screen.confirm_message.text()  # the desk as named, not lower-cased
    assert len(attendances(app_context.db)) == 1
    type_text(screen.search_field, "awa ndiaye")
    assert screen.model.status_text(screen.model.rows()[0]).startswith("Présent(e) depuis")


def test_undo_with_ctrl_z_and_with_the_button(screen, app_context, qtbot):
    type_text(screen.search_field, "GP9VX9")
    QTest.keyClick(screen.search_field, Qt.Key.Key_Return)
    type_text(screen.search_field, "ndiaye cheikh")
    QTest.keyClick(screen.search_field, Qt.Key.Key_Return)
    assert screen.undo_button.isVisible()
    with qtbot.waitSignal(app_context.status_message) as message:
        screen.undo_button.click()
    assert message.args == ["Arrivée annulée : Cheikh Ndiaye."]
    QTest.keyClick(screen.search_field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    rows = attendances(app_context.db)
    assert len(rows) == 2 and all(row.voided and row.void_reason for row in rows)
    with app_context.db.transaction() as session:
        assert len(session.scalars(select(AuditEvent).where(AuditEvent.action == "attendance.void")).all()) == 2
    assert screen.present_label.text().startswith("Présents : 0")
    # After the undo the person can be signed in again.
    type_text(screen.search_field, "GP9VX9")
    QTest.keyClick(screen.search_field, Qt.Key.Key_Return)
    assert screen.confirmation.property("kind") == "success"


def test_unknown_text_and_enter_is_an_error(screen, app_context):
    type_text(screen.search_field, "zzzz")
    QTest.keyClick(screen.search_field, Qt.Key.Key_Return)
    assert screen.confirmation.property("kind") == "error"
    assert attendances(app_context.db) == []


def test_typing_anywhere_goes_to_the_search_field(screen):
    screen.walk_in_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    screen.walk_in_button.setFocus()
    QTest.keyClick(screen.walk_in_button, "d")
    assert screen.search_field.hasFocus() and screen.search_field.text() == "d"


def test_walk_in_with_duplicate_warning(screen, app_context, qtbot):
    type_text(screen.search_field, "Awa N'Diaye")
    with qtbot.waitSignals([app_context.participant_changed, app_context.checked_in]):
        QTest.keyClick(screen.search_field, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        dialog = screen.person_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.inputs["first_name"].text() == "Awa" and dialog.inputs["last_name"].text() == "N'Diaye"
        dialog.inputs["organisation"].setText("Coopérative de Podor")
        dialog.set_values({"sex": "F"})
        type_text(dialog.inputs["phone"], "77 000 11 22")
        dialog.save_button.click()
        assert dialog.duplicates_box.isVisible()
        assert "Awa Ndiaye" in dialog.duplicates_label.text() and "même nom" in dialog.duplicates_label.text()
        assert screen.person_dialog is dialog  # nothing saved yet
        dialog.anyway_button.click()
    qtbot.waitUntil(lambda: screen.person_dialog is None)
    with app_context.db.transaction() as session:
        walk_in = session.scalars(select(Participant).where(Participant.registration == "walk_in")).one()
    assert walk_in.phone == "+221770001122" and walk_in.last_name == "N'Diaye"
    assert attendances(app_context.db, participant_id=walk_in.id)
    assert screen.confirm_name.text() == "Awa N'Diaye"
    assert "Sans invitation : 1 présent(s) sur 1 inscrit(s)" in screen.detail_label.text()
    type_text(screen.search_field, walk_in.code.lower())
    assert shown_names(screen) == ["Awa N'Diaye"]


def test_walk_in_form_refuses_bad_values(screen, qtbot):
    QTest.keyClick(screen.search_field, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.person_dialog
    dialog.inputs["email"].setText("pas-une-adresse")
    dialog.save_button.click()
    assert dialog.isVisible() and not dialog.errors.isHidden()
    assert "Prénom est obligatoire." in dialog.errors.text() and "e-mail" in dialog.errors.text().lower()
    # No sex is chosen for the receptionist: a guess would go into the counts by sex.
    assert dialog.inputs["sex"].currentData() == "" and "Sexe est obligatoire." in dialog.errors.text()
    dialog.reject()
    qtbot.waitUntil(lambda: screen.person_dialog is None)
    assert screen.search_field.hasFocus()


def test_enter_on_the_duplicate_warning_takes_the_person_already_registered(screen, app_context, qtbot):
    """The likeliest duplicate (same name and e-mail) is offered before a weaker one (same
    phone only), and a second Enter signs them in rather than making the duplicate."""
    QTest.keyClick(screen.search_field, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.person_dialog
    dialog.set_values({"first_name": "Awa", "last_name": "NDIAYE", "sex": "F", "organisation": "OIM",
                       "email": "Awa.Ndiaye@example.sn", "phone": "+221778275524"})  # Fatou Diop's phone
    QTest.keyClick(dialog.inputs["organisation"], Qt.Key.Key_Return)
    assert dialog.duplicates_box.isVisible() and dialog.focusWidget() is dialog.existing_button
    assert "Fatou Diop" in dialog.duplicates_label.text()
    assert dialog.existing_button.text() == "C'est bien Awa Ndiaye (GP9VX9) : enregistrer son arrivée"
    with qtbot.waitSignal(app_context.checked_in):
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert screen.undo_stack[-1].person.code == "GP9VX9"
    with app_context.db.transaction() as session:
        assert session.scalars(select(Participant).where(Participant.registration == "walk_in")).all() == []


def test_walk_in_can_sign_in_the_existing_person(screen, app_context, qtbot):
    QTest.keyClick(screen.search_field, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.person_dialog
    dialog.set_values({"first_name": "awa", "last_name": "NDIAYE", "sex": "F", "organisation": "OIM"})
    dialog.save_button.click()
    with qtbot.waitSignal(app_context.checked_in):
        dialog.existing_button.click()
    assert screen.undo_stack[-1].person.code == "GP9VX9"
    with app_context.db.transaction() as session:
        assert session.scalars(select(Participant).where(Participant.registration == "walk_in")).all() == []


def test_correction_from_the_results_updates_the_index(screen, app_context, qtbot):
    type_text(screen.search_field, "GP9VX9")
    QTest.keyClick(screen.search_field, Qt.Key.Key_F2)
    dialog = screen.person_dialog
    dialog.inputs["first_name"].setText("Awa Marie")
    with qtbot.waitSignal(app_context.participant_changed):
        dialog.save_button.click()
    assert shown_names(screen) == ["Awa Marie Ndiaye"]
    screen.search_field.clear()
    type_text(screen.search_field, "marie ndiaye")
    assert shown_names(screen)[0] == "Awa Marie Ndiaye"
    with app_context.db.transaction() as session:
        assert session.scalars(select(AuditEvent).where(AuditEvent.action == "participant.correct")).one()


def test_changes_from_other_screens(screen, app_context):
    with app_context.db.transaction() as session:
        row = session.scalars(select(Participant).where(Participant.code == "GP9VX9")).one()
        row.last_name = "Ndiaye-Sarr"
        session.add(BadgePrint(participant_id=row.id, format="a6"))
        participant_id = row.id
    app_context.participant_changed.emit(participant_id)
    app_context.badge_printed.emit(participant_id)
    type_text(screen.search_field, "sarr awa")
    (row,) = [r for r in screen.model.rows() if r.person.id == participant_id]
    assert row.person.last_name == "Ndiaye-Sarr" and row.printed
    assert screen.model.badge_text(row) == "Badge imprimé"


def test_day_change_shows_that_days_presence(screen, app_context):
    type_text(screen.search_field, "GP9VX9")
    QTest.keyClick(screen.search_field, Qt.Key.Key_Return)
    app_context.set_day(app_context.event.days[1])
    assert screen.present_label.text().startswith("Présents : 0")
    assert "26 octobre" in screen.day_label.text()


def test_large_event_loads_in_the_background(app_context, qtbot, monkeypatch):
    import kiosk.ui.reception.screen as module

    monkeypatch.setattr(module, "SYNC_BUILD_LIMIT", 10)
    widget = ReceptionScreen(app_context)
    qtbot.addWidget(widget)
    qtbot.waitUntil(widget.index_ready, timeout=10000)
    type_text(widget.search_field, "gueye")
    assert widget.model.rowCount() > 0
    widget.closing()


def test_a_key_the_search_box_leaves_unused_does_not_loop(screen):
    """Ctrl+Q (Cmd+K on a Mac: the text is the letter) is not a search; it used to bounce
    between the screen and the search box until Python's stack overflowed."""
    type_text(screen.search_field, "awa")
    calls = []
    original = type(screen).keyPressEvent

    def counting(self, event):
        calls.append(event.key())
        original(self, event)

    screen.keyPressEvent = counting.__get__(screen)
    QTest.keyClick(screen.search_field, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert calls.count(Qt.Key.Key_Q) <= 1  # reached the screen once at most, not again and again
    assert screen.search_field.text() == "awa" and screen.search_field.hasFocus()


def test_counters_are_updated_in_place_not_stacked(screen):
    """A check-in changes the numbers; it used to add a new set of labels over the old
    ones (deleted later), which showed as "1" painted over "0"."""
    from PySide6.QtWidgets import QLabel

    counters = screen.findChild(QLabel, "presentCounter").parentWidget()
    before = len(counters.findChildren(QLabel))
    for code in ("GP9VX9", "PKCDVS"):  # both of the United Nations system
        type_text(screen.search_field, code)
        QTest.keyClick(screen.search_field, Qt.Key.Key_Return)
    assert len(counters.findChildren(QLabel)) == before
    values = {name: label.text() for name, label in screen.category_counts.items()}
    assert values["Système des Nations unies"] == "2 / 19" and values["Presse"] == "0 / 12"
    assert [label.text() for label in counters.findChildren(QLabel, "categoryCount")] == list(values.values())


def test_while_a_large_event_loads_the_desk_keeps_working(app_context, qtbot, monkeypatch):
    import kiosk.ui.reception.screen as module

    monkeypatch.setattr(module, "SYNC_BUILD_LIMIT", 10)
    monkeypatch.setattr(module, "LOADER_DELAY_MS", 3_600_000)  # held back: the list stays "loading"
    widget = ReceptionScreen(app_context)
    qtbot.addWidget(widget)
    widget.resize(1216, 700)
    widget.show()
    qtbot.waitUntil(widget.isActiveWindow)  # Ctrl+N is a shortcut of the active window
    widget.activated()
    assert not widget.index_ready()
    assert widget.empty_label.text() == "Chargement des 152 participants… 0 %"
    assert widget.confirm_name.text() == "Chargement…"
    widget._loader.progress.emit(76)
    assert widget.empty_label.text().endswith("… 50 %")
    # A typed name cannot be found yet: say so (not "nobody matches"), keep the text.
    type_text(widget.search_field, "ndiaye")
    QTest.keyClick(widget.search_field, Qt.Key.Key_Return)
    assert widget.confirm_name.text() == "Liste en chargement" and widget.search_field.text() == "ndiaye"
    # A scan works at once.
    widget.search_field.clear()
    type_text(widget.search_field, "gp9vx9")
    QTest.keyClick(widget.search_field, Qt.Key.Key_Return)
    assert widget.confirm_name.text() == "Awa Ndiaye" and widget.confirmation.property("kind") == "success"
    # The walk-in form opens without waiting for the list; duplicates are checked on saving.
    type_text(widget.search_field, "Awa Ndiaye")
    QTest.keyClick(widget.search_field, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = widget.person_dialog
    assert dialog is not None and not widget.index_ready()
    dialog.set_values({"sex": "F", "organisation": "Mairie de Thiès"})
    dialog.save_button.click()
    assert widget.index_ready() and "GP9VX9" in dialog.duplicates_label.text()
    with qtbot.waitSignal(app_context.checked_in):
        dialog.anyway_button.click()
    widget.search_field.clear()
    type_text(widget.search_field, "awa ndiaye")
    assert sorted(row.person.organisation for row in widget.model.rows()) == ["Mairie de Thiès", "OIM Sénégal"]
    assert widget.present_label.text().startswith("Présents : 2 / 153")
    widget.closing()


def test_the_day_shows_a_warning_when_it_is_not_today(app_context, qtbot, monkeypatch):
    """27 October, 08:30: a desk still on 26 October (left on overnight, or changed by
    mistake) would note every arrival on the wrong day; the screen says so."""
    from datetime import UTC, datetime

    from kiosk.core import checkin

    monkeypatch.setattr(checkin, "utcnow", lambda: datetime(2023, 10, 27, 8, 30, tzinfo=UTC))
    app_context.set_day(app_context.event.days[1])
    widget = ReceptionScreen(app_context)
    qtbot.addWidget(widget)
    assert widget.day_label.property("warning") is True
    assert "nous sommes le vendredi 27 octobre 2023" in widget.day_label.text()
    app_context.set_day(app_context.event.days[2])
    assert widget.day_label.property("warning") is False and widget.day_label.text() == "vendredi 27 octobre 2023"
