"""The installer's choices, checked without building: what is left out, what is kept."""

import pytest

import build_installer


def test_name_and_version_come_from_pyproject():
    from kiosk import __version__

    assert build_installer.project() == ("kiosk", __version__)


def test_every_qt_module_the_code_imports_is_kept():
    excluded = set(build_installer.excluded_modules())
    for module in ("QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPrintSupport", "QtSvg"):
        assert f"PySide6.{module}" not in excluded
    for module in build_installer.qt_modules_used():
        assert f"PySide6.{module}" not in excluded
    for heavy in ("QtWebEngineCore", "Qt3DCore", "QtQuick", "QtQml", "QtMultimedia", "QtCharts", "QtDesigner"):
        assert f"PySide6.{heavy}" in excluded


def test_a_new_qt_import_in_the_sources_is_kept(tmp_path):
    (tmp_path / "chime.py").write_text("from PySide6.QtMultimedia import QSoundEffect\n", encoding="utf-8")
    (tmp_path / "net.py").write_text("from PySide6 import (\n    QtCore,\n    QtNetwork,\n)\n", encoding="utf-8")
    used = build_installer.qt_modules_used(tmp_path)
    assert {"QtMultimedia", "QtNetwork", "QtCore", "QtWidgets"} <= used


@pytest.mark.parametrize("path", [
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6QmlModels.so.6",
    "PySide6\\Qt6Quick.dll",
    "PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/qvnc.dll",
    "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so",
    "PySide6/Qt/translations/qtbase_de.qm",
])
def test_unused_qt_files_are_dropped(path):
    assert build_installer.unused_qt_file(path)


@pytest.mark.parametrize("path", [
    "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt6Widgets.dll",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforms/qwindows.dll",
    "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "PySide6/Qt/translations/qtbase_fr.qm",
    "resources/i18n/en/base.json",
])
def test_needed_qt_files_are_kept(path):
    assert not build_installer.unused_qt_file(path)


def test_the_command_line_program_of_each_layout(tmp_path):
    _name, version = build_installer.project()
    folder = build_installer.command_line_program(tmp_path, onefile=False)
    single = build_installer.command_line_program(tmp_path, onefile=True)
    assert folder.parent == build_installer.bundle_folder(tmp_path)
    assert folder.stem in ("kiosk", "kiosk-cli") and version in single.name and single.parent == tmp_path
