"""Build the Kiosk bundle that the IT officer copies onto a venue laptop.

    python build_installer.py               # one folder: dist/Kiosk-<version>/
    python build_installer.py --onefile     # one file:   dist/kiosk-<version> (Kiosk-<version>.exe)

PyInstaller does the work from ``packaging/kiosk.spec`` (name and version from
``pyproject.toml``). Afterwards the built program is checked as a user would run it:
``--version``, ``init --demo`` into a throwaway data folder (it must land there, not next
to the executable) and ``self-test``. Exit status 0 when the bundle is built and passes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SPEC = ROOT / "packaging" / "kiosk.spec"
WINDOWED = sys.platform in ("win32", "darwin")


# Qt modules Kiosk needs; any other PySide6 module its code imports is added by reading
# the sources, so a new import cannot silently break the bundle.
QT_NEEDED = {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtPdf", "QtPdfWidgets", "QtSvg", "QtSvgWidgets"}
OTHER_EXCLUDES = ["tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "PyInstaller",
                  "IPython", "numpy", "matplotlib", "pydoc", "lib2to3",
                  # Kiosk checks and formats numbers; it never asks where or which carrier (~40 MB).
                  "phonenumbers.geocoder", "phonenumbers.geodata", "phonenumbers.carrier",
                  "phonenumbers.carrierdata", "phonenumbers.timezone", "phonenumbers.tzdata"]
# Qt pieces the hooks collect that a desk laptop never uses: the virtual keyboard (it drags
# in QtQuick and QML, ~17 MB), framebuffer/EGLFS/VNC platforms and evdev input (no desktop
# session), and the Qt translations of languages the interface does not have.
LIBRARY = r"(\.so[.\d]*|\.dll|\.dylib)"
UNUSED_QT = re.compile(
    r"(^|/)((lib)?Qt6(Quick|Qml|VirtualKeyboard|EglFS|EglFs)\w*" + LIBRARY
    + r"|Qt(Quick|Qml|VirtualKeyboard)\w*\.framework/.*"
    + r"|plugins/platforminputcontexts/(lib)?qtvirtualkeyboardplugin" + LIBRARY
    + r"|plugins/platforms/(lib)?q(eglfs|vnc|linuxfb|minimalegl|vkkhrdisplay)" + LIBRARY
    + r"|plugins/(egldeviceintegrations|generic)/.*"
    + r"|translations/(?!\w+_(fr|en)\.qm$).*)$"
)


def qt_modules_used(package: Path = ROOT / "kiosk") -> set[str]:
    """The PySide6 modules the bundle keeps: the needed ones and any the sources import."""
    used = set(QT_NEEDED)
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        used.update(re.findall(r"PySide6\.(Qt\w+)", text))
        for names in re.findall(r"from PySide6 import \(?([\w ,\n]+)\)?", text):
            used.update(name.strip() for name in names.split(",") if name.strip().startswith("Qt"))
    return used


def excluded_modules() -> list[str]:
    """Every installed PySide6 module Kiosk does not use, and development-only packages."""
    import PySide6

    installed = {path.name.split(".")[0] for path in Path(PySide6.__file__).parent.iterdir()
                 if path.name.startswith("Qt") and path.suffix in (".so", ".pyd")}
    return [f"PySide6.{module}" for module in sorted(installed - qt_modules_used())] + OTHER_EXCLUDES


def unused_qt_file(destination: str) -> bool:
    """True for a collected Qt file (its path inside the bundle) that Kiosk never loads."""
    return UNUSED_QT.search(destination.replace("\\", "/")) is not None


def project() -> tuple[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return data["name"], data["version"]


def bundle_folder(dist: Path) -> Path:
    """The one-folder bundle (on macOS, the folder inside Kiosk.app)."""
    name, version = project()
    if sys.platform == "darwin":
        return dist / f"{name.capitalize()}.app" / "Contents" / "MacOS"
    return dist / f"{name.capitalize()}-{version}"


def command_line_program(dist: Path, onefile: bool) -> Path:
    """The executable that answers on a terminal (``kiosk``, or ``kiosk-cli`` next to the windowed app)."""
    name, version = project()
    suffix = ".exe" if sys.platform == "win32" else ""
    if onefile:
        return dist / f"{name.capitalize() if WINDOWED else name}-{version}{suffix}"
    return bundle_folder(dist) / f"{name}-cli{suffix}" if WINDOWED else bundle_folder(dist) / f"{name}{suffix}"


def folder_size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file() and not item.is_symlink()) / 1e6


def build(dist: Path, work: Path, onefile: bool, clean: bool) -> None:
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work)]
    if clean:
        command.append("--clean")
    if onefile:
        command += ["--", "--onefile"]
    subprocess.run(command, check=True, cwd=ROOT)


def _run(program: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    result = subprocess.run([str(program), *args], capture_output=True, text=True, env=env, timeout=120)
    if result.returncode != 0:
        raise SystemExit(f"{program.name} {' '.join(args)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result


def check(program: Path) -> dict:
    """Run the built program as a user would, with its data in a throwaway folder."""
    name, version = project()
    folder = program.parent
    before = {path for path in folder.rglob("*")}
    with tempfile.TemporaryDirectory(prefix="kiosk-bundle-check-") as home:
        env = {key: value for key, value in os.environ.items() if not key.startswith("KIOSK_")}
        # Where platformdirs puts the user's data folder on each system.
        env.update(HOME=home, USERPROFILE=home, LOCALAPPDATA=str(Path(home, "AppData", "Local")),
                   XDG_DATA_HOME=str(Path(home, ".local", "share")), XDG_CONFIG_HOME=str(Path(home, ".config")),
                   QT_QPA_PLATFORM="offscreen")
        shown = _run(program, "--version", env=env).stdout.strip()
        if shown != f"Kiosk {version}":
            raise SystemExit(f"--version says {shown!r}, expected 'Kiosk {version}'")
        created = json.loads(_run(program, "--json", "init", "--demo", env=env).stdout)
        database = Path(created["database"])
        if not database.is_file() or not database.is_relative_to(home):
            raise SystemExit(f"the demo database went to {database}, not to the user's data folder")
        tested = json.loads(_run(program, "--json", "self-test", env=env).stdout)
        check_desk_app(program, env)
        started = time.perf_counter()
        _run(program, "--version", env=env)
        version_s = time.perf_counter() - started
    added = {path for path in folder.rglob("*")} - before
    if added:
        written = sorted(str(path.relative_to(folder)) for path in added)
        raise SystemExit(f"running the bundle wrote next to the executable: {written[:5]}")
    return {"version": shown, "checks": tested["checks"], "participants": created["participants"],
            "version_s": round(version_s, 3)}


def check_desk_app(program: Path, env: dict, timeout_s: float = 60.0) -> None:
    """Open the desk app on the demo (offscreen) and wait until its main window is up.

    On Linux the sign is Qt's settings file, which the app writes from its event loop
    once the window is built; elsewhere (settings in the registry or a plist), the app
    must still be running after a few seconds, which catches a missing module.
    """
    settings = Path(env["XDG_CONFIG_HOME"], "Kiosk", "Kiosk.conf")
    watch_settings = sys.platform.startswith("linux")
    with tempfile.TemporaryFile(mode="w+") as log:
        app = subprocess.Popen([str(program), "--demo"], env=env, stdout=log, stderr=log)
        started = time.perf_counter()
        try:
            while True:
                if app.poll() is not None:
                    log.seek(0)
                    raise SystemExit(f"the desk app stopped ({app.returncode}) instead of opening the demo:\n{log.read()[-3000:]}")
                waited = time.perf_counter() - started
                if (watch_settings and settings.exists() and "last_database" in settings.read_text()) or (
                    not watch_settings and waited > 8
                ):
                    return
                if waited > timeout_s:
                    raise SystemExit(f"the desk app showed no window within {timeout_s:.0f} s")
                time.sleep(0.05)
        finally:
            app.terminate()
            app.wait(10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onefile", action="store_true", help="one self-unpacking file instead of a folder")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle goes (default: dist)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's work folder")
    parser.add_argument("--clean", action="store_true", help="ignore PyInstaller's cache")
    parser.add_argument("--no-check", action="store_true", help="do not run the built program")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    build(args.dist, args.work, args.onefile, args.clean)
    program = command_line_program(args.dist, args.onefile)
    if not program.exists():
        raise SystemExit(f"PyInstaller did not produce {program}")
    output = program if args.onefile else bundle_folder(args.dist)
    print(f"built {output} ({folder_size_mb(output):.0f} MB) in {time.perf_counter() - started:.0f} s")
    if not args.no_check:
        result = check(program)
        for item in result["checks"]:
            print(f"  {'ok  ' if item['ok'] else 'FAIL'} {item['name']}: {item['detail']}")
        print(f"{result['version']}: demo created ({result['participants']} participants), self-test passed, "
              "desk app opened the demo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
