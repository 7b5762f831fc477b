"""The core stays free of Qt, so it is usable from the command line and scripts."""

import pkgutil
import subprocess
import sys

import kiosk

CORE_PACKAGES = ("kiosk.core", "kiosk.db", "kiosk.io", "kiosk.pdf")


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(kiosk.__path__, "kiosk."):
        if info.name.startswith(CORE_PACKAGES) or info.name in CORE_PACKAGES:
            names.append(info.name)
    return names


def test_core_packages_import_no_qt():
    modules = core_modules()
    assert "kiosk.core.codes" in modules and "kiosk.db.models" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"Qt imported by the core: {result.stdout}"


def test_command_line_help_imports_no_qt():
    code = (
        "import sys\nfrom kiosk.cli import build_parser\nbuild_parser()\n"
        "print(any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
