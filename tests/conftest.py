"""Shared fixtures: offscreen Qt, a private data folder, a fresh database per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# In CI the property tests replay the same examples on every run (a red CI must be
# reproducible and must not depend on luck); on a developer's machine they explore anew.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from kiosk import i18n  # noqa: E402
from kiosk.core.demo import install_demo  # noqa: E402
from kiosk.core.event import load_event  # noqa: E402
from kiosk.db import Database  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's data folder, settings or database."""
    home = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("KIOSK_DATA_DIR", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("KIOSK_DB", raising=False)
    monkeypatch.delenv("KIOSK_LANG", raising=False)
    i18n.set_language("fr")
    yield
    i18n.set_language("fr")


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "kiosk.sqlite"


@pytest.fixture
def db(db_path):
    """An empty Kiosk database (schema only) in a temporary file."""
    database = Database.open(db_path, create=True)
    yield database
    database.close()


@pytest.fixture
def demo_db(db):
    """A fresh database holding the bundled demo event."""
    install_demo(db)
    return db


@pytest.fixture
def demo_event(demo_db):
    return load_event(demo_db)
