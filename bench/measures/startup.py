"""startup_s: from launching the process to a usable main window (demo and large database)."""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROBE = Path(__file__).resolve().parent.parent / "startup_probe.py"
RUNS = 5
TARGETS = {"startup_s": (1.0, "s"), "startup_100k_s": (1.0, "s")}


def _start(db_path: Path) -> float:
    env = dict(os.environ, KIOSK_T0=repr(time.time()), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(PROBE), str(db_path)], capture_output=True, text=True, env=env, check=True,
        cwd=PROBE.parent.parent,
    )
    return float(result.stdout.strip().splitlines()[-1])


def measure(ctx) -> dict[str, float]:
    demo = ctx.demo_copy()
    large = ctx.large_copy()
    _start(demo)  # warm the file cache, as a second start on the laptop would
    return {
        "startup_s": statistics.median(_start(demo) for _ in range(RUNS)),
        "startup_100k_s": statistics.median(_start(large) for _ in range(3)),
    }
