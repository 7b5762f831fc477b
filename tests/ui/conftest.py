"""GUI fixtures: a main window on the demo event."""

import pytest

from kiosk.ui.context import AppContext
from kiosk.ui.main_window import MainWindow


@pytest.fixture
def app_context(demo_db, demo_event, qtbot):
    return AppContext(demo_db, demo_event)


@pytest.fixture
def main_window(app_context, qtbot):
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window
