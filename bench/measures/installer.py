"""The built bundle (``python build_installer.py``): its size, and the time from launching
the frozen program to its main window on screen (under a private Xvfb, found with
xwininfo). Skipped, with the reason, when no bundle has been built or no X tools exist."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
import build_installer  # noqa: E402

TARGETS = {"bundle_mb": (200.0, "MB"), "frozen_startup_s": (1.0, "s")}
RUNS = 5
TIMEOUT_S = 20.0


def _skip(reason: str) -> None:
    print(f"  installer: {reason}", file=sys.stderr, flush=True)


def _start_xvfb() -> tuple[subprocess.Popen, str]:
    """A private X server on a free display number (Xvfb picks it and tells us)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp", "-noreset"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        raise RuntimeError("Xvfb did not start")
    return server, f":{number}"


def _window_shown(display: str) -> bool:
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True,
                          env=dict(os.environ, DISPLAY=display)).stdout
    return '"Kiosk — ' in tree


def _time_start(program: Path, database: Path, display: str, home: str) -> float:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("KIOSK_", "QT_"))}
    env.update(DISPLAY=display, KIOSK_DATA_DIR=home, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home)
    started = time.perf_counter()
    log = tempfile.TemporaryFile(mode="w+")
    app = subprocess.Popen([str(program), "--db", str(database)], env=env, stdout=log, stderr=log)
    try:
        while not _window_shown(display):
            if app.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"the frozen app exited with status {app.returncode}: {log.read()[-1500:]}")
            if time.perf_counter() - started > TIMEOUT_S:
                raise RuntimeError("no window after 20 s")
            time.sleep(0.01)
        return time.perf_counter() - started
    finally:
        app.terminate()
        app.wait(10)
        log.close()


def measure(ctx) -> dict[str, float]:
    folder = build_installer.bundle_folder(ROOT / "dist")
    program = build_installer.command_line_program(ROOT / "dist", onefile=False)
    if not program.exists():
        _skip(f"no bundle at {folder}: build it with `python build_installer.py`; skipped")
        return {}
    results = {"bundle_mb": round(build_installer.folder_size_mb(folder), 1)}
    if not sys.platform.startswith("linux") or not (shutil.which("Xvfb") and shutil.which("xwininfo")):
        _skip("frozen start time needs Linux with Xvfb and xwininfo (x11-utils); skipped")
        return results
    database = ctx.demo_copy()
    server, display = _start_xvfb()
    try:
        with tempfile.TemporaryDirectory(prefix="kiosk-frozen-") as home:
            _time_start(program, database, display, home)  # warm the file cache, as a second start would
            results["frozen_startup_s"] = statistics.median(
                _time_start(program, database, display, home) for _ in range(RUNS)
            )
    finally:
        server.terminate()
        server.wait(10)
    return results
