"""The Export & synchro screen: export, merge and import through the window, in a worker thread."""

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select, update

from kiosk.db import Database
from kiosk.db.models import Desk, Participant
from kiosk.io.export import export_bundle
from kiosk.io.history import exchange_folder
from kiosk.ui.sync.screen import SyncScreen


@pytest.fixture
def screen(app_context, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: QMessageBox.StandardButton.Ok)
    widget = SyncScreen(app_context)
    qtbot.addWidget(widget)
    widget.resize(1216, 700)
    widget.show()
    usb = tmp_path / "usb"
    usb.mkdir()
    widget.set_folder(str(usb))
    yield widget
    widget.closing()


def other_desk_bundle(demo_db, folder):
    """The same event on a second desk, with one walk-in, exported to ``folder``."""
    path = folder.parent / "desk2.sqlite"
    demo_db.engine.dispose()
    shutil.copyfile(demo_db.path, path)
    other = Database.open(path)
    with other.transaction() as session:
        session.execute(update(Desk).where(Desk.is_local.is_(True)).values(id="22222222-2222-4222-8222-222222222222",
                                                                           name="Poste presse"))
    other.close()
    other = Database.open(path)
    with other.transaction() as session:
        session.add(Participant(code="ZZZZZ0", first_name="Ŋagne", last_name="Walk-in", desk_id=other.desk.id))
    export_bundle(other, folder)
    other.close()


def count_people(db) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(Participant))


def test_export_runs_in_a_worker_and_shows_in_the_history(screen, qtbot, app_context):
    assert exchange_folder(app_context.db) == screen.folder.text()
    screen.export()
    assert screen.runner.busy and screen.progress.isVisible()  # the window keeps running
    qtbot.waitUntil(lambda: not screen.runner.busy, timeout=10000)
    target = screen.export_target()
    assert (target / "manifest.json").is_file()
    assert "152 participants" in screen.message.text()
    assert screen.history_table.rowCount() == 1 and screen.history_table.item(0, 1).text() == "Export"


def test_merge_a_bundle_found_on_the_stick(screen, qtbot, app_context, demo_db):
    other_desk_bundle(demo_db, screen.folder_path() / "kiosk-poste-presse")
    screen.refresh()
    assert screen.bundle_table.rowCount() == 1 and screen.bundle_table.item(0, 0).text() == "Poste presse"
    with qtbot.waitSignal(app_context.participants_changed, timeout=10000):
        qtbot.keyClick(screen, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert count_people(demo_db) == 153
    assert "Poste presse" in screen.message.text() and "2 ajout(s)" in screen.message.text()  # the walk-in and the desk
    assert screen.history_table.item(0, 1).text() == "Fusion"


def test_a_corrupt_bundle_is_refused_with_a_message(screen, qtbot, demo_db):
    bundle = screen.folder_path() / "kiosk-poste-presse"
    other_desk_bundle(demo_db, bundle)
    (bundle / "participants.csv").write_text("x", encoding="utf-8")
    screen.refresh()
    screen.merge()
    qtbot.waitUntil(lambda: not screen.runner.busy, timeout=10000)
    assert "corrompu" in screen.message.text() and count_people(demo_db) == 152


def test_cancel_changes_nothing(screen, qtbot, demo_db, monkeypatch):
    import threading

    from kiosk.ui.sync import screen as screen_module

    other_desk_bundle(demo_db, screen.folder_path() / "kiosk-poste-presse")
    screen.refresh()
    cancelled = threading.Event()
    real_merge = screen_module.merge_bundle

    def merge_after_cancel(db, directory, progress):
        cancelled.wait(5)
        return real_merge(db, directory, progress=progress)

    monkeypatch.setattr(screen_module, "merge_bundle", merge_after_cancel)
    screen.merge()
    assert screen.cancel_button.isVisible()
    screen.cancel_button.click()
    cancelled.set()
    qtbot.waitUntil(lambda: not screen.runner.busy, timeout=10000)
    assert "annulée" in screen.message.text() and count_people(demo_db) == 152


def test_import_dialog_maps_an_unknown_header_previews_then_imports(screen, qtbot, tmp_path, app_context, demo_db):
    path = tmp_path / "liste.csv"
    path.write_text("Participant(e);Org;Portable\nFatou DIOP;PNUD;77 123 45 67\nAwa Fall;ARD;12\n;;\n", encoding="cp1252")
    dialog = screen.open_import(path)
    qtbot.waitUntil(lambda: dialog.source is not None and not dialog.runner.busy, timeout=10000)
    assert dialog.plan is None and "Aucune colonne de nom" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    dialog.set_field(0, "full_name")
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.runner.busy, timeout=10000)
    dialog.set_field(1, "organisation")
    qtbot.waitUntil(lambda: not dialog.runner.busy and bool(dialog.plan.rows[0].values.get("organisation")), timeout=10000)
    assert dialog.model.rowCount() == 2 and dialog.model.index(0, 2).data() == "Fatou DIOP"
    assert "2 ajout(s)" in dialog.summary.text() and "1 à vérifier" in dialog.summary.text()
    assert count_people(demo_db) == 152  # the preview wrote nothing
    with qtbot.waitSignal(app_context.participants_changed, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert count_people(demo_db) == 154
    assert "liste.csv" in screen.message.text() and screen.history_table.item(0, 1).text() == "Import"


def test_a_bundle_of_another_event_is_listed_last_and_says_so(screen, demo_db, tmp_path):
    from datetime import date

    from kiosk.core.event import create_event

    other_desk_bundle(demo_db, screen.folder_path() / "kiosk-poste-presse")
    other = Database.open(tmp_path / "other-event.sqlite", create=True)
    create_event(other, name="Forum de Kaolack", venue="", city="Kaolack",
                 start_date=date(2024, 3, 1), end_date=date(2024, 3, 1))
    export_bundle(other, screen.folder_path() / "kiosk-kaolack")  # exported last: the newest
    other.close()
    screen.refresh()
    assert screen.bundle_table.rowCount() == 2
    assert screen.bundle_table.item(0, 0).text() == "Poste presse"  # selected by default: the one to merge
    assert "autre événement : « Forum de Kaolack »" in screen.bundle_table.item(1, 0).text()
    assert "ne peut pas être fusionné" in screen.bundle_table.item(1, 2).toolTip()
