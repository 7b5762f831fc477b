"""Reception (Accueil): find anyone in one keystroke, sign them in, register walk-ins.

Keyboard (CONTRACT.md): typing anywhere goes to ``searchField``; Up/Down move in the
results; Enter signs in the highlighted match (the first by default), or directly the
person whose code was scanned; Esc clears; Ctrl+Z undoes the last sign-in; Ctrl+N opens
the walk-in form; F2 corrects the highlighted person. The search index is built once in
a worker thread (large events) and then kept up to date in place.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QObject, QThread, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from kiosk.core import checkin
from kiosk.core.checkin import CheckInResult, Reception
from kiosk.core.formats import format_day
from kiosk.core.people import Person, count_participants, create_walk_in, get_person, update_person
from kiosk.core.search import DEFAULT_LIMIT, SearchIndex, load_index
from kiosk.db.models import CATEGORIES
from kiosk.i18n import _
from kiosk.ui.context import AppContext
from kiosk.ui.reception.person_dialog import PersonDialog
from kiosk.ui.reception.results import ResultDelegate, ResultsModel
from kiosk.ui.widgets import heading

# Up to this many participants, the index is built at once; beyond, in a worker thread.
SYNC_BUILD_LIMIT = 5000
LOADER_DELAY_MS = 250
CONFIRMATION_MS = 6000
UNDO_DEPTH = 20
DAY_CHECK_MS = 60_000  # a laptop left on overnight shows in the morning that the day is not today
_DAY_WARNING_STYLE = "background: #e65100; color: white; font-weight: bold; padding: 2px 8px;"
_SUCCESS, _ALREADY, _ERROR = "success", "already", "error"
_STYLES = {
    _SUCCESS: "background: #1b5e20; color: white;",
    _ALREADY: "background: #e65100; color: white;",
    _ERROR: "background: #b00020; color: white;",
    "idle": "background: #eceff1; color: #263238;",
}


class IndexLoader(QThread):
    """Builds the search index away from the window; ``progress`` counts people read."""

    progress = Signal(int)

    def __init__(self, ctx: AppContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.index: SearchIndex | None = None
        self.error = ""

    def run(self) -> None:
        try:
            self.index = load_index(self.ctx.db, self._progress)
        except InterruptedError:
            self.index = None
        except SQLAlchemyError as exc:
            self.error = str(exc)

    def _progress(self, count: int) -> bool:
        self.progress.emit(count)
        return not self.isInterruptionRequested()


class ReceptionScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.reception = Reception(ctx.db, ctx.event, SearchIndex(), ctx.day)
        self._ready = False
        self._reload = False
        self.undo_stack: list[CheckInResult] = []
        self.person_dialog: PersonDialog | None = None
        self._loader: IndexLoader | None = None
        self._pending: set[str] = set()
        self._total = 0
        self.settings = checkin.load_settings(ctx.db)
        self._build()
        self._connect()
        self._load_index()

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        base = self.font()
        big = QFont(base)
        big.setPointSizeF(base.pointSizeF() * 1.7)

        self.search_field = QLineEdit()
        self.search_field.setObjectName("searchField")
        self.search_field.setPlaceholderText(_("Nom, organisation, téléphone ou code…"))
        self.search_field.setFont(big)
        self.search_field.setMinimumHeight(56)
        self.search_field.setClearButtonEnabled(True)
        self.search_field.installEventFilter(self)

        hint = _("↑ ↓ choisir · Entrée : enregistrer l'arrivée · Échap : effacer · Ctrl+N : nouvel arrivant · F2 : corriger · Ctrl+Z : annuler")
        # Lines break between the items only, never inside "Ctrl+Z : annuler".
        self.hint = QLabel(" · ".join(item.replace(" ", "\u00a0") for item in hint.split(" · ")))
        self.hint.setObjectName("receptionHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #37474f;")

        self.model = ResultsModel(self.ctx.event, self)
        self.results_view = QListView()
        self.results_view.setObjectName("resultsView")
        self.results_view.setModel(self.model)
        self.results_view.setItemDelegate(ResultDelegate(self.model, self.results_view))
        self.results_view.setUniformItemSizes(True)
        self.results_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results_view.doubleClicked.connect(lambda index: self._check_in_row(index.row()))
        self.results_view.setStyleSheet("QListView { background: white; border: 1px solid #b0bec5; }")

        self.empty_label = QLabel()
        self.empty_label.setObjectName("resultsStatus")
        self.empty_label.setStyleSheet("color: #37474f;")

        left = QVBoxLayout()
        title_row = QHBoxLayout()
        title_row.addWidget(heading(_("Accueil")))
        self.day_label = QLabel()
        self.day_label.setObjectName("receptionDay")
        day_font = QFont(base)
        day_font.setPointSizeF(base.pointSizeF() * 1.25)
        self.day_label.setFont(day_font)
        self.day_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        title_row.addStretch(1)
        title_row.addWidget(self.day_label)
        left.addLayout(title_row)
        left.addWidget(self.search_field)
        left.addWidget(self.hint)
        left.addWidget(self.empty_label)
        left.addWidget(self.results_view, 1)

        # Confirmation: the name, large enough to read across the table.
        self.confirmation = QFrame()
        self.confirmation.setObjectName("confirmation")
        self.confirmation.setMinimumHeight(190)
        box = QVBoxLayout(self.confirmation)
        self.confirm_name = QLabel()
        self.confirm_name.setObjectName("confirmName")
        self.confirm_name.setWordWrap(True)
        name_font = QFont(base)
        name_font.setPointSizeF(base.pointSizeF() * 2.5)
        name_font.setBold(True)
        self.confirm_name.setFont(name_font)
        self.confirm_message = QLabel()
        self.confirm_message.setObjectName("confirmMessage")
        self.confirm_message.setWordWrap(True)
        message_font = QFont(base)
        message_font.setPointSizeF(base.pointSizeF() * 1.4)
        self.confirm_message.setFont(message_font)
        self.undo_button = QPushButton(_("Annuler cette arrivée (Ctrl+Z)"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.undo_button.setMinimumHeight(44)
        self.undo_button.setStyleSheet("background: white; color: #1b1b1b; font-weight: bold;")
        self.undo_button.clicked.connect(self.undo_last)
        box.addWidget(self.confirm_name)
        box.addWidget(self.confirm_message)
        box.addStretch(1)
        box.addWidget(self.undo_button)
        self._confirm_timer = QTimer(self)
        self._confirm_timer.setSingleShot(True)
        self._confirm_timer.timeout.connect(self._idle_confirmation)

        # Counters.
        counters = QFrame()
        counters.setObjectName("counters")
        size = base.pointSizeF()
        counters.setStyleSheet(
            f"#counters {{ border: 1px solid #b0bec5; background: white; }}"
            f" #counters QLabel {{ font-size: {size * 1.15:.1f}pt; color: #1b1b1b; }}"
            f" #counters #presentCounter {{ font-size: {size * 1.9:.1f}pt; font-weight: bold; }}"
        )
        grid = QVBoxLayout(counters)
        self.present_label = QLabel()
        self.present_label.setObjectName("presentCounter")
        self.detail_label = QLabel()
        self.detail_label.setObjectName("counterDetails")
        self.detail_label.setWordWrap(True)
        self.category_grid = QGridLayout()
        self.category_grid.setHorizontalSpacing(12)
        self.category_grid.setVerticalSpacing(1)
        self.category_counts: dict[str, QLabel] = {}
        grid.addWidget(self.present_label)
        grid.addWidget(self.detail_label)
        grid.addLayout(self.category_grid)
        grid.addStretch(1)

        # The main action on a row of its own, so no label is cut on a narrow window.
        actions = QGridLayout()
        self.walk_in_button = self._action_button(_("Nouvel arrivant\nCtrl+N"), "walkInButton", self.open_walk_in)
        self.correct_button = self._action_button(_("Corriger la fiche\nF2"), "correctButton", self.open_correction)
        self.check_in_button = self._action_button(_("Enregistrer l'arrivée\nEntrée"), "checkInButton", self.enter)
        actions.addWidget(self.check_in_button, 0, 0, 1, 2)
        actions.addWidget(self.walk_in_button, 1, 0)
        actions.addWidget(self.correct_button, 1, 1)
        self.sound_box = QCheckBox(_("Son (réussite, déjà présent, erreur)"))
        self.sound_box.setObjectName("soundBox")
        self.sound_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sound_box.setChecked(self.settings["sound"])
        self.sound_box.toggled.connect(self._sound_toggled)

        right = QVBoxLayout()
        right.addWidget(self.confirmation)
        right.addLayout(actions)
        right.addWidget(counters, 1)
        right.addWidget(self.sound_box)
        right_widget = QWidget()
        right_widget.setLayout(right)
        right_widget.setMaximumWidth(470)
        right_widget.setMinimumWidth(380)
        right_widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(16)
        layout.addLayout(left, 3)
        layout.addWidget(right_widget, 2)
        self._idle_confirmation()
        self._update_day_label()
        self._day_timer = QTimer(self)
        self._day_timer.timeout.connect(self._update_day_label)
        self._day_timer.start(DAY_CHECK_MS)

    def _action_button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumHeight(60)
        button.clicked.connect(slot)
        return button

    def _connect(self) -> None:
        for keys, slot in (("Ctrl+Z", self.undo_last), ("Ctrl+N", self.open_walk_in), ("F2", self.open_correction)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.search_field.textChanged.connect(self.refresh_results)
        self.ctx.day_changed.connect(self._day_changed)
        self.ctx.badge_printed.connect(self._badge_printed)
        self.ctx.participant_changed.connect(self._participant_changed)
        self.ctx.participants_changed.connect(self._participants_changed)
        self.ctx.attendance_changed.connect(self._attendance_changed)

    # -- the index ---------------------------------------------------------------------
    def _load_index(self) -> None:
        self._total = count_participants(self.ctx.db)
        if self._total <= SYNC_BUILD_LIMIT:
            self._install(load_index(self.ctx.db))
            return
        self._loader = IndexLoader(self.ctx, self)
        self._loader.progress.connect(self._loading_progress)
        self._loader.finished.connect(self._loader_finished)
        if not self._ready:
            self._loading_progress(0)
            self._idle_confirmation()
        # Let the window appear first: a scanned code works meanwhile (looked up in the database).
        QTimer.singleShot(LOADER_DELAY_MS, self._start_loader)

    def _start_loader(self) -> None:
        if self._loader is not None and not self._loader.isRunning() and not self._loader.isFinished():
            self._loader.start()

    def _loading_progress(self, count: int) -> None:
        if not self._ready:
            self.empty_label.setText(
                _("Chargement des {total} participants… {percent} %").format(
                    total=QLocale().toString(self._total), percent=min(99, count * 100 // max(1, self._total))
                )
            )

    def _loader_finished(self) -> None:
        loader, self._loader = self._loader, None
        if loader is None:
            return
        if loader.index is not None:
            self._install(loader.index)
        elif loader.error:
            self.empty_label.setText(_("Impossible de charger les participants : {error}").format(error=loader.error))
        loader.deleteLater()

    def index_ready(self) -> bool:
        return self._ready

    def wait_for_index(self, seconds: float) -> bool:
        """Block until the index is built (benchmarks, tests); True when it is ready."""
        self._start_loader()
        if self._loader is not None and self._loader.wait(int(seconds * 1000)):
            self._loader_finished()
        return self.index_ready()

    def _install(self, index: SearchIndex) -> None:
        self.reception.index = index
        self.reception.refresh_presence()
        self.reception.refresh_printed()
        self._ready = True
        if self.confirmation.property("kind") == "idle":
            self._idle_confirmation()
        pending, self._pending = self._pending, set()
        for participant_id in pending:
            self._apply_change(participant_id)
        self.refresh_results()
        self.refresh_counters()
        if self._reload:
            self._reload = False
            self._load_index()

    # -- keyboard ----------------------------------------------------------------------
    def activated(self) -> None:
        self.search_field.setFocus()

    def closing(self) -> None:
        loader, self._loader = self._loader, None
        if loader is not None:
            loader.requestInterruption()
            loader.wait()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.search_field and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                self._move(key)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.enter()
                return True
            if key == Qt.Key.Key_Escape:
                self.search_field.clear()
                return True
            if event.matches(QKeySequence.StandardKey.Undo):  # the line edit's own undo would take it
                self.undo_last()
                return True
        return super().eventFilter(watched, event)

    _forwarding = False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """A key typed while something else on the screen has focus goes to the search box.

        A key the search box itself left unused (Ctrl+Q, Cmd+K on a Mac) comes up here
        too: it is not sent back, which would loop until the stack overflows."""
        typed = event.text() and event.text().isprintable() or event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if typed and not self._forwarding and self.focusWidget() is not self.search_field:
            self.search_field.setFocus()
            self._forwarding = True
            try:
                QApplication.sendEvent(self.search_field, QKeyEvent(event))
            finally:
                self._forwarding = False
            return
        super().keyPressEvent(event)

    def _move(self, key: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -5, Qt.Key.Key_PageDown: 5}[key]
        row = max(0, min(count - 1, self.current_row() + step))
        self._select(row)

    def _select(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.results_view.setCurrentIndex(index)
        self.results_view.scrollTo(index)

    def current_row(self) -> int:
        index = self.results_view.currentIndex()
        return index.row() if index.isValid() else 0

    # -- results -----------------------------------------------------------------------
    def refresh_results(self) -> None:
        query = self.search_field.text()
        if not self._ready:
            return
        rows = self.reception.search(query) if query.strip() else []
        self.model.set_rows(rows)
        if rows:
            self._select(0)
            self.empty_label.setText(
                _("{count} résultat(s)").format(count=len(rows))
                if len(rows) < DEFAULT_LIMIT
                else _("{count} premiers résultats : précisez").format(count=len(rows))
            )
        else:
            self.empty_label.setText(
                _("Aucun participant ne correspond à « {query} » : Ctrl+N pour un nouvel arrivant.").format(query=query.strip()[:60])
                if query.strip()
                else _("Tapez un nom, une organisation, un téléphone, ou scannez un badge.")
            )

    def selected_person(self) -> Person | None:
        rows = self.model.rows()
        return rows[self.current_row()].person if rows else None

    # -- checking in -------------------------------------------------------------------
    def enter(self) -> None:
        """Enter: a scanned or typed code first, else the highlighted match."""
        text = self.search_field.text()
        person = self.reception.scanned(text) or self.selected_person()
        if person is not None:
            self.check_in(person)
        elif text.strip() and not self._ready:
            self._show(
                _("Liste en chargement"),
                _("Les noms tapés sont cherchés dès la fin du chargement : Entrée de nouveau dans un instant. Un badge scanné fonctionne déjà."),
                _ERROR,
            )
        elif text.strip():
            self._show(_("Introuvable"), _("Aucun participant ne correspond à « {query} ».").format(query=text.strip()[:60]), _ERROR)

    def _check_in_row(self, row: int) -> None:
        rows = self.model.rows()
        if 0 <= row < len(rows):
            self.check_in(rows[row].person)

    def check_in(self, person: Person) -> None:
        try:
            result = self.reception.check_in(person)
        except SQLAlchemyError as exc:
            self._show(person.name, _("Présence NON enregistrée : {error}").format(error=exc), _ERROR)
            return
        self.search_field.clear()
        self.search_field.setFocus()
        if result.already:
            self._show(person.name, self._result_text(result), _ALREADY)
            return
        self.undo_stack = (self.undo_stack + [result])[-UNDO_DEPTH:]
        self._show(person.name, self._result_text(result), _SUCCESS, undo=True)
        self.refresh_counters()
        self._own_signal(lambda: self.ctx.attendance_changed.emit(person.id))
        self.ctx.checked_in.emit(person.id, result.day)
        self.ctx.status_message.emit(_("{name} : présence enregistrée.").format(name=person.name))

    def _result_text(self, result: CheckInResult) -> str:
        person = result.person
        parts = [result.message(self.ctx.event), person.organisation, f"{person.badge_role} · {person.code}"]
        return "\n".join(part for part in parts if part)

    def undo_last(self) -> None:
        if not self.undo_stack:
            self.ctx.status_message.emit(_("Aucune arrivée à annuler."))
            return
        result = self.undo_stack.pop()
        try:
            self.reception.undo(result)
        except (SQLAlchemyError, checkin.AlreadyVoided) as exc:
            self._show(result.person.name, str(exc), _ERROR)
            return
        self._show(result.person.name, _("Arrivée annulée."), "idle")
        self.refresh_results()
        self.refresh_counters()
        self._own_signal(lambda: self.ctx.attendance_changed.emit(result.person.id))
        self.ctx.status_message.emit(_("Arrivée annulée : {name}.").format(name=result.person.name))
        self.search_field.setFocus()

    def _show(self, name: str, message: str, kind: str, *, undo: bool = False) -> None:
        self.confirmation.setStyleSheet(f"#confirmation {{ {_STYLES[kind]} }} #confirmation QLabel {{ {_STYLES[kind]} }}")
        self.confirmation.setProperty("kind", kind)
        self.confirm_name.setText(name)
        self.confirm_message.setText(message)
        self.undo_button.setVisible(undo)
        self._confirm_timer.start(CONFIRMATION_MS)
        if kind != "idle":
            self._sound(kind)

    def _idle_confirmation(self) -> None:
        self.confirmation.setStyleSheet(f"#confirmation {{ {_STYLES['idle']} }} #confirmation QLabel {{ {_STYLES['idle']} }}")
        self.confirmation.setProperty("kind", "idle")
        if self._ready:
            self.confirm_name.setText(_("Prêt"))
            self.confirm_message.setText(_("Tapez un nom ou scannez un badge, puis Entrée."))
        else:
            self.confirm_name.setText(_("Chargement…"))
            self.confirm_message.setText(_("Un badge scanné fonctionne déjà ; les noms tapés s'afficheront dans un instant."))
        self.undo_button.setVisible(bool(self.undo_stack))

    def _sound(self, kind: str) -> None:
        """Success: one beep; already present: two; error: three (Qt Essentials only)."""
        if not self.sound_box.isChecked():
            return
        beeps = {_SUCCESS: 1, _ALREADY: 2, _ERROR: 3}[kind]
        for number in range(beeps):
            QTimer.singleShot(number * 180, QApplication.beep)

    def _sound_toggled(self, on: bool) -> None:
        self.settings["sound"] = on
        checkin.save_settings(self.ctx.db, self.settings)

    # -- counters ----------------------------------------------------------------------
    def refresh_counters(self) -> None:
        if not self._ready:
            return
        counters = self.reception.counters()
        self.present_label.setText(
            _("Présents : {present} / {expected}").format(present=counters.present, expected=counters.expected)
        )
        sexes = counters.present_by_sex
        self.detail_label.setText(
            _("Femmes {f} · Hommes {m} · Non précisé {u}").format(f=sexes.get("F", 0), m=sexes.get("M", 0), u=sexes.get("U", 0))
            + "\n"
            + _("Sans invitation : {present} présent(s) sur {total} inscrit(s)").format(
                present=counters.walk_ins_present, total=counters.walk_ins
            )
        )
        categories = [name for name in CATEGORIES if counters.expected_by_category.get(name)]
        categories += sorted(set(counters.expected_by_category) - set(CATEGORIES))
        if categories != list(self.category_counts):
            self._lay_out_categories(categories)
        for name, value in self.category_counts.items():
            value.setText(f"{counters.present_by_category.get(name, 0)} / {counters.expected_by_category[name]}")

    def _lay_out_categories(self, categories: list[str]) -> None:
        """One row per category, made again only when the categories change (a check-in
        only changes numbers: labels made anew each time were painted over the old ones)."""
        while self.category_grid.count():
            widget = self.category_grid.takeAt(0).widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.category_counts = {}
        for row, name in enumerate(categories):
            value = QLabel()
            value.setObjectName("categoryCount")
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.category_grid.addWidget(QLabel(name), row, 0)
            self.category_grid.addWidget(value, row, 1)
            self.category_counts[name] = value

    # -- walk-ins and corrections ------------------------------------------------------
    def open_walk_in(self) -> None:
        dialog = PersonDialog(self._duplicates, None, self)
        query = self.search_field.text().strip()
        if query and not any(char.isdigit() or char == "@" for char in query):
            words = query.split()
            dialog.set_values({"first_name": " ".join(words[:-1]) if len(words) > 1 else "", "last_name": words[-1]})
        dialog.saved.connect(self._save_walk_in)
        dialog.use_existing.connect(self.check_in)
        self._open_dialog(dialog)

    def open_correction(self) -> None:
        person = self.selected_person()
        if person is None:
            self.ctx.status_message.emit(_("Choisissez d'abord la personne à corriger dans les résultats."))
            return
        dialog = PersonDialog(self._duplicates, person, self)
        dialog.saved.connect(lambda values: self._save_correction(person, values))
        self._open_dialog(dialog)

    def _duplicates(self, values: dict[str, str], exclude_id: str | None) -> list[tuple[Person, list[str]]]:
        """Possible duplicates of a filled-in form. The form opens at once, even while a
        large event is still loading; by the time it is filled in the index is built
        (if not, this waits for it)."""
        self.wait_for_index(60)
        return self.reception.index.duplicates(values, exclude_id=exclude_id)

    def _index_put(self, person: Person) -> None:
        """Show a new or corrected person in the search at once (once loaded, if loading)."""
        if self._ready:
            self.reception.index.put(person)
        else:
            self._pending.add(person.id)

    def _open_dialog(self, dialog: PersonDialog) -> None:
        self.person_dialog = dialog
        dialog.finished.connect(self._dialog_closed)
        dialog.open()
        dialog.inputs["first_name"].setFocus()

    def _dialog_closed(self) -> None:
        if self.person_dialog is not None:
            self.person_dialog.deleteLater()
        self.person_dialog = None
        self.search_field.setFocus()

    def _save_walk_in(self, values: dict) -> None:
        try:
            person = create_walk_in(self.ctx.db, values)
        except SQLAlchemyError as exc:
            self._show(_("Nouvel arrivant"), _("Fiche NON enregistrée : {error}").format(error=exc), _ERROR)
            return
        self._index_put(person)
        self._own_signal(lambda: self.ctx.participant_changed.emit(person.id))
        self.check_in(person)

    def _save_correction(self, person: Person, values: dict) -> None:
        try:
            updated = update_person(self.ctx.db, person, values)
        except (SQLAlchemyError, LookupError) as exc:
            self._show(person.name, _("Correction NON enregistrée : {error}").format(error=exc), _ERROR)
            return
        self._index_put(updated)
        self._own_signal(lambda: self.ctx.participant_changed.emit(updated.id))
        self.search_field.setText(updated.name)
        self.ctx.status_message.emit(_("Fiche de {name} corrigée.").format(name=updated.name))

    # -- other screens -----------------------------------------------------------------
    _emitting = False

    def _own_signal(self, emit) -> None:
        """Emit a signal for the other screens without reacting to it here."""
        self._emitting = True
        try:
            emit()
        finally:
            self._emitting = False

    def _update_day_label(self) -> None:
        """The day check-ins go to; a warning in its place when that is not today."""
        warning = checkin.day_warning(self.ctx.event, self.ctx.day)
        self.day_label.setText(warning or format_day(self.ctx.day))
        self.day_label.setStyleSheet(_DAY_WARNING_STYLE if warning else "")
        self.day_label.setWordWrap(bool(warning))  # a plain date stays on one line
        self.day_label.setProperty("warning", bool(warning))

    def _day_changed(self, day) -> None:
        self._update_day_label()
        self.reception.set_day(day)
        self.refresh_results()
        self.refresh_counters()

    def _badge_printed(self, participant_id: str) -> None:
        self.reception.printed.add(participant_id)
        self.refresh_results()

    def _attendance_changed(self, _participant_id: str) -> None:
        if not self._emitting:
            self.reception.refresh_presence()
            self.refresh_results()
            self.refresh_counters()

    def _participant_changed(self, participant_id: str) -> None:
        if self._emitting:
            return
        if not self._ready:
            self._pending.add(participant_id)
            return
        self._apply_change(participant_id)
        self.refresh_results()
        self.refresh_counters()

    def _apply_change(self, participant_id: str) -> None:
        person = get_person(self.ctx.db, participant_id)
        if person is None:
            self.reception.index.remove(participant_id)
        else:
            self.reception.index.put(person)

    def _participants_changed(self) -> None:
        """Many rows changed (import, merge): rebuild the index once, in the background if large."""
        if self._loader is None:
            self._load_index()
        else:
            self._reload = True
