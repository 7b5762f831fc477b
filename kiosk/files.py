"""Writing a file so that a failure or a cancel never leaves half of it at its name."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replaced_atomically(target: str | Path) -> Iterator[Path]:
    """Yield a hidden path beside ``target`` to write to; move it over ``target`` on success.

    On any error (or a cancel raised as an exception) the partial file is removed and
    whatever was at ``target`` before is left as it was.
    """
    target = Path(target)
    partial = target.with_name(f".{target.name}.partial")
    try:
        yield partial
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
