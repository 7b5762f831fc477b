"""Opening targets: good ones work with the right pragmas, bad ones are refused untouched."""

import sqlite3

import pytest
from sqlalchemy import text

from kiosk.db import Database
from kiosk.errors import DatabaseError


def test_pragmas_are_set_on_every_connection(db):
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_local_desk_is_kept_across_openings(db_path):
    first = Database.open(db_path, create=True)
    desk = first.desk
    first.rename_desk("Poste 2")
    first.close()
    again = Database.open(db_path)
    assert again.desk.id == desk.id and again.desk.name == "Poste 2"
    again.close()


def test_sqlalchemy_url_target(tmp_path):
    database = Database.open(f"sqlite:///{tmp_path / 'url.sqlite'}", create=True)
    assert database.path == tmp_path / "url.sqlite"
    database.close()


@pytest.mark.parametrize(
    "make_target, message",
    [
        (lambda tmp: tmp / "missing.sqlite", "Aucune base"),
        (lambda tmp: tmp / "no" / "such" / "folder.sqlite", "n'existe pas"),
        (lambda tmp: tmp, "est un dossier"),
    ],
)
def test_unusable_targets_are_refused(tmp_path, make_target, message):
    with pytest.raises(DatabaseError, match=message):
        Database.open(make_target(tmp_path))


def test_a_file_that_is_not_a_database_is_left_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("Liste des invités\n", encoding="utf-8")
    with pytest.raises(DatabaseError, match="pas une base de données Kiosk"):
        Database.open(path, create=True)
    assert path.read_text(encoding="utf-8") == "Liste des invités\n"


def test_another_programs_sqlite_database_is_left_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="pas celle de Kiosk"):
        Database.open(path, create=True)
    assert path.read_bytes() == before


def test_rename_desk_rejects_empty_name(db):
    with pytest.raises(DatabaseError):
        db.rename_desk("   ")
