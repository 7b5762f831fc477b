"""A database of the first schema is upgraded in place, data kept, to today's schema."""

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from kiosk.db import Database
from kiosk.db.migrations import MIGRATIONS, SCHEMA_VERSION, applied_steps
from kiosk.errors import DatabaseError

FIRST_SCHEMA = Path(__file__).with_name("schema_v1.sql")


def columns_by_table(database: Database) -> dict[str, set[str]]:
    inspector = inspect(database.engine)
    return {table: {column["name"] for column in inspector.get_columns(table)} for table in inspector.get_table_names()}


def make_first_schema_database(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.executescript(FIRST_SCHEMA.read_text(encoding="utf-8"))
    connection.execute(
        "INSERT INTO participant (id, code, first_name, last_name, sex, organisation, category, function,"
        " region, phone, email, badge_role, registration, consent_photo, consent_contact, notes,"
        " created_at, updated_at, desk_id, deleted) VALUES ('p1', 'HRCXXP', 'Ndèye', 'Guèye', 'F', 'OIM',"
        " 'Autre', '', '', '', '', 'Participant', 'invited', 0, 0, '', '2023-10-27 08:00:00',"
        " '2023-10-27 08:00:00', 'd1', 0)"
    )
    connection.commit()
    connection.close()


def test_first_schema_is_upgraded_to_the_current_one(tmp_path):
    old_path = tmp_path / "old.sqlite"
    make_first_schema_database(old_path)
    upgraded = Database.open(old_path)
    fresh = Database.open(tmp_path / "fresh.sqlite", create=True)
    try:
        assert columns_by_table(upgraded) == columns_by_table(fresh)
        with upgraded.engine.connect() as connection:
            assert applied_steps(connection) == [name for name, _ in MIGRATIONS]
            row = connection.exec_driver_sql("SELECT first_name, last_name FROM participant").one()
        assert tuple(row) == ("Ndèye", "Guèye")
    finally:
        upgraded.close()
        fresh.close()
    assert SCHEMA_VERSION == len(MIGRATIONS)


def test_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.sqlite"
    make_first_schema_database(path)
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO schema_migration VALUES ('9999_from_the_future', '2030-01-01 00:00:00')")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="plus récente"):
        Database.open(path)
    assert path.read_bytes() == before


def test_a_copy_is_kept_before_an_upgrade(tmp_path):
    old_path = tmp_path / "old.sqlite"
    make_first_schema_database(old_path)
    Database.open(old_path).close()
    backup = tmp_path / "old.sqlite.bak-schema1"
    assert backup.exists()
    connection = sqlite3.connect(backup)
    assert [row[0] for row in connection.execute("SELECT name FROM schema_migration")] == ["0001_initial"]
    assert connection.execute("SELECT last_name FROM participant").fetchone() == ("Guèye",)
    connection.close()
    Database.open(old_path).close()  # already current: no second copy
    assert sorted(p.name for p in tmp_path.glob("*.bak-*")) == ["old.sqlite.bak-schema1"]
