"""No PySide6 upgrade may bring back the ``none_dealloc`` abort of long sessions (DESIGN.md)."""

import os
import subprocess
import sys

SOAK = """
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
app = QApplication([])
field, label = QLineEdit(), QLabel()
for i in range(50_000):
    field.setText(str(i))
    label.setText(field.text())
    field.clear()
    app.processEvents()
print("survived", field.text() == "", label.text())
"""


def test_fifty_thousand_void_binding_calls_do_not_abort():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", SOAK], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived True 49999"
