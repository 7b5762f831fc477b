"""Opening a Kiosk database: target checks, schema creation or upgrade, the local desk.

``Database`` owns the engine and the session factory; the app, the command line and
the tests all get one from ``Database.open`` (tests with a temporary file).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db import migrations
from kiosk.db.engine import make_engine
from kiosk.db.models import Desk
from kiosk.errors import DatabaseError
from kiosk.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_DESK_NAME = "Poste 1"


@dataclass(frozen=True)
class DeskInfo:
    id: str
    name: str


def target_to_url(target: str | Path) -> tuple[str, Path | None]:
    """Turn a ``--db`` target (a file path or an SQLAlchemy URL) into a URL and its file."""
    text = str(target)
    if "://" in text:
        try:
            url = make_url(text)
        except ArgumentError as exc:
            raise DatabaseError(_("Adresse de base de données invalide : {target}").format(target=text)) from exc
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            return text, Path(url.database)
        return text, None
    path = Path(text).expanduser()
    return "sqlite:///" + str(path.resolve() if path.parent.exists() else path), path


def _check_sqlite_file(path: Path, create: bool) -> None:
    if path.is_dir():
        raise DatabaseError(_("{path} est un dossier, pas une base de données Kiosk.").format(path=path))
    if path.exists():
        if path.stat().st_size == 0:
            return
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header != SQLITE_HEADER:
            raise DatabaseError(
                _("{path} n'est pas une base de données Kiosk (fichier d'un autre type).").format(path=path)
            )
        return
    if not path.parent.is_dir():
        raise DatabaseError(
            _("Le dossier {folder} n'existe pas : impossible d'ouvrir {path}.").format(
                folder=path.parent, path=path
            )
        )
    if not create:
        raise DatabaseError(
            _("Aucune base de données à {path}. Créez-la avec « kiosk init ».").format(path=path)
        )


def _check_existing_sqlite_schema(path: Path) -> set[str]:
    """Read-only look at an existing file, so a refused database is left byte for byte.

    Returns the schema steps the file already has.
    """
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            steps = set()
            if migrations.MIGRATION_TABLE in tables:
                steps = {row[0] for row in connection.execute(f"SELECT name FROM {migrations.MIGRATION_TABLE}")}
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            _("Impossible d'ouvrir la base de données {target} : {error}").format(target=path, error=exc)
        ) from exc
    if tables and migrations.MIGRATION_TABLE not in tables:
        raise DatabaseError(_("{target} est une base de données SQLite, mais pas celle de Kiosk.").format(target=path))
    unknown = steps - {name for name, _step in migrations.MIGRATIONS}
    if unknown:
        raise DatabaseError(
            _("{target} a été écrite par une version plus récente de Kiosk ({steps}).").format(
                target=path, steps=", ".join(sorted(unknown))
            )
        )
    return steps


def backup_before_upgrade(path: Path, steps: set[str]) -> Path | None:
    """Copy a database that is about to be upgraded beside it (``kiosk.sqlite.bak-schema1``).

    Uses SQLite's online backup, so the copy is consistent even with a WAL file around.
    Returns the copy's path, or None when nothing is to be upgraded.
    """
    if not steps or all(name in steps for name, _step in migrations.MIGRATIONS):
        return None
    target = path.with_name(f"{path.name}.bak-schema{len(steps)}")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return target


class Database:
    """An open Kiosk database, at the current schema, with its local desk."""

    def __init__(self, engine: Engine, url: str, path: Path | None):
        self.engine = engine
        self.url = url
        self.path = path
        self.Session = sessionmaker(engine, expire_on_commit=False)
        self.desk = self._local_desk()

    @classmethod
    def open(cls, target: str | Path, *, create: bool = False) -> Database:
        """Open TARGET, creating the schema when ``create`` and the database is empty.

        Refuses, without writing anything, a file that is not a SQLite database, a
        database of another program, one written by a newer Kiosk, and (unless
        ``create``) a missing or empty one.
        """
        url, path = target_to_url(target)
        if path is not None:
            _check_sqlite_file(path, create)
            if path.exists() and path.stat().st_size > 0:
                backup_before_upgrade(path, _check_existing_sqlite_schema(path))
        try:
            engine = make_engine(url)
        except (ArgumentError, NoSuchModuleError) as exc:
            raise DatabaseError(_("Adresse de base de données invalide : {target}").format(target=target)) from exc
        try:
            cls._prepare_schema(engine, str(target), create)
        except SADatabaseError as exc:
            engine.dispose()
            raise DatabaseError(
                _("Impossible d'ouvrir la base de données {target} : {error}").format(
                    target=target, error=exc.orig
                )
            ) from exc
        except DatabaseError:
            engine.dispose()
            raise
        return cls(engine, url, path)

    @staticmethod
    def _prepare_schema(engine: Engine, target: str, create: bool) -> None:
        with engine.begin() as connection:
            tables = set(inspect(connection).get_table_names())
            if not tables:
                if not create:
                    raise DatabaseError(
                        _("La base de données {target} est vide. Créez-la avec « kiosk init ».").format(
                            target=target
                        )
                    )
                migrations.create_schema(connection)
                return
            if migrations.MIGRATION_TABLE not in tables:
                raise DatabaseError(
                    _("{target} est une base de données SQLite, mais pas celle de Kiosk.").format(
                        target=target
                    )
                )
            try:
                migrations.upgrade(connection)
            except migrations.SchemaError as exc:
                raise DatabaseError(
                    _("{target} a été écrite par une version plus récente de Kiosk ({steps}).").format(
                        target=target, steps=exc
                    )
                ) from exc

    def _local_desk(self) -> DeskInfo:
        with self.Session.begin() as session:
            desk = session.scalar(select(Desk).where(Desk.is_local.is_(True)))
            if desk is None:
                desk = Desk(name=DEFAULT_DESK_NAME, is_local=True)
                session.add(desk)
                session.flush()
            return DeskInfo(desk.id, desk.name)

    def rename_desk(self, name: str) -> None:
        name = name.strip()
        if not name:
            raise DatabaseError(_("Le nom du poste ne peut pas être vide."))
        with self.Session.begin() as session:
            session.get(Desk, self.desk.id).name = name
        self.desk = DeskInfo(self.desk.id, name)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any error."""
        with self.Session.begin() as session:
            yield session

    def display_name(self) -> str:
        return str(self.path) if self.path is not None else make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()
