"""Kiosk's benchmark: one command, one table (or one JSON object with --json).

    python -m bench.run [--json] [--only startup,reception] [--participants 100000]

Each module in ``bench/measures`` defines ``TARGETS`` ({metric: (limit, unit)}) and
``measure(ctx) -> {metric: value}``; this runner calls them all in name order on a
shared context (a demo database, and a large one built once per run).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import platform
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import measures  # noqa: E402
from kiosk.core.demo import install_demo  # noqa: E402
from kiosk.db import Database  # noqa: E402


@dataclass
class BenchContext:
    workdir: Path
    participants: int
    _cache: dict[str, Path] = field(default_factory=dict)

    def fresh_path(self, name: str) -> Path:
        path = self.workdir / f"{name}-{time.perf_counter_ns()}.sqlite"
        return path

    def _template(self, key: str, extra: int) -> Path:
        if key not in self._cache:
            path = self.workdir / f"template-{key}.sqlite"
            db = Database.open(path, create=True)
            install_demo(db, extra_participants=extra)
            db.close()
            self._cache[key] = path
        return self._cache[key]

    def demo_copy(self) -> Path:
        """A fresh copy of the demo event (152 invitees)."""
        return self._copy(self._template("demo", 0))

    def large_copy(self) -> Path:
        """A fresh copy of the demo event plus ``participants`` synthetic people."""
        return self._copy(self._template("large", self.participants))

    def _copy(self, template: Path) -> Path:
        target = self.fresh_path(template.stem)
        shutil.copyfile(template, target)
        return target


def discover(only: set[str] | None) -> list:
    modules = []
    for info in sorted(pkgutil.iter_modules(measures.__path__), key=lambda i: i.name):
        if only and info.name not in only:
            continue
        modules.append(importlib.import_module(f"bench.measures.{info.name}"))
    return modules


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--only", help="comma-separated measure modules (e.g. startup,reception)")
    parser.add_argument("--participants", type=int, default=100_000, help="size of the large database")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    results: dict[str, float] = {}
    targets: dict[str, tuple[float, str]] = {}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        ctx = BenchContext(Path(folder), args.participants)
        for module in discover(only):
            targets.update(module.TARGETS)
            print(f"… {module.__name__.rsplit('.', 1)[-1]}", file=sys.stderr, flush=True)
            results.update(module.measure(ctx))
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"Kiosk benchmark — Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores")
    print(f"{'metric':<32} {'value':>12} {'target':>12}  ok")
    failed = 0
    for key, value in results.items():
        limit, unit = targets.get(key, (None, ""))
        verdict = "" if limit is None else ("yes" if value <= limit else "NO")
        failed += verdict == "NO"
        target = "" if limit is None else f"<= {limit:g} {unit}"
        print(f"{key:<32} {value:>12.3f} {target:>12}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
