"""Started as a fresh process by ``measures/startup.py``: opens the desk app's main window
on a database exactly as ``kiosk --db`` does, and prints the seconds from the
process launch (``KIOSK_T0``, set by the parent just before starting it) to the first
moment the window is shown and the event loop idle (usable)."""

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.app import DeskApp
from kiosk.db import Database

app = QApplication(sys.argv)
desk = DeskApp(app)
desk.apply_language("fr")
window = desk.show_window(Database.open(sys.argv[1]))


def done() -> None:
    print(time.time() - float(os.environ["KIOSK_T0"]))
    app.quit()


QTimer.singleShot(0, done)
app.exec()
