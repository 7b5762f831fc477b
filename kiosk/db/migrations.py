"""Schema versions: a named chain of steps applied in order, each recorded once.

A new database is created from the models and marked as having every step. An older
database gets the steps it lacks, in order, inside one transaction. Steps are named,
not numbered, so two branches adding a step each do not collide; the schema version
is the number of steps. ``tests/db/test_migrations.py`` upgrades a database of the
first schema and checks that it ends up with exactly the tables and columns of a new
one, so a model change without its step fails the tests.

To change the schema: change the model, then append a step here using alembic's
``Operations`` (``op.add_column``, ``op.create_table``, ``op.batch_alter_table``...).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    ForeignKey,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
)

from kiosk.db.models import Base

if TYPE_CHECKING:  # alembic is imported only when a database is upgraded (start-up time)
    from alembic.operations import Operations

MIGRATION_TABLE = "schema_migration"

_metadata = MetaData()
migration_table = Table(
    MIGRATION_TABLE,
    _metadata,
    Column("name", String(100), primary_key=True),
    Column("applied_at", DateTime, nullable=False),
)

Step = Callable[["Operations"], None]

def _press_contact_details(op: Operations) -> None:
    """Issue 6: the press point's fields on press_contact and the beneficiaries' consents."""
    texts = {"first_name": 120, "last_name": 120, "media_type": 32, "languages": 64, "press_card": 64,
             "request_type": 32, "follow_up_status": 16, "consent_media_list_by": 80, "author": 80}
    for name, length in texts.items():
        op.add_column("press_contact", Column(name, String(length), nullable=False, server_default=""))
    for name in ("interviewed", "topics"):
        op.add_column("press_contact", Column(name, Text, nullable=False, server_default=""))
    for name in ("embargo", "gave_press_kit", "gave_release", "gave_photos", "follow_up", "consent_media_list"):
        op.add_column("press_contact", Column(name, Boolean, nullable=False, server_default="0"))
    op.add_column("press_contact", Column("deadline_at", DateTime, nullable=True))
    op.add_column("press_contact", Column("follow_up_on", Date, nullable=True))
    op.add_column("press_contact", Column("consent_media_list_at", DateTime, nullable=True))
    op.create_table(
        "press_consent",
        Column("id", String(36), primary_key=True),
        Column("press_contact_id", String(36), ForeignKey("press_contact.id"), nullable=False),
        Column("participant_id", String(36), ForeignKey("participant.id"), nullable=True),
        Column("person", String(200), nullable=False),
        Column("photo", Boolean, nullable=False),
        Column("recording", Boolean, nullable=False),
        Column("recorded_at", DateTime, nullable=False),
        Column("recorded_by", String(80), nullable=False),
        Column("updated_at", DateTime, nullable=False),
        Column("desk_id", String(36), nullable=False),
        Column("deleted", Boolean, nullable=False),
    )
    op.create_index("ix_press_consent_contact", "press_consent", ["press_contact_id"])


# (name, step). "0001_initial" is the first schema, created as it stood then.
MIGRATIONS: list[tuple[str, Step | None]] = [
    ("0001_initial", None),
    ("0002_press_contact_details", _press_contact_details),
]

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaError(Exception):
    pass


def applied_steps(connection: Connection) -> list[str]:
    if not inspect(connection).has_table(MIGRATION_TABLE):
        return []
    return list(connection.scalars(select(migration_table.c.name)))


def _record(connection: Connection, names: list[str]) -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    if names:
        connection.execute(
            migration_table.insert(), [{"name": name, "applied_at": now} for name in names]
        )


def create_schema(connection: Connection) -> None:
    """Create the current schema in an empty database."""
    Base.metadata.create_all(connection)
    _metadata.create_all(connection)
    _record(connection, [name for name, _ in MIGRATIONS])


def upgrade(connection: Connection) -> list[str]:
    """Apply the missing steps in order; return their names."""
    done = set(applied_steps(connection))
    known = {name for name, _ in MIGRATIONS}
    unknown = done - known
    if unknown:
        raise SchemaError(", ".join(sorted(unknown)))
    missing = [(name, step) for name, step in MIGRATIONS if name not in done]
    if not missing:
        return []
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    operations = Operations(MigrationContext.configure(connection))
    for _name, step in missing:
        if step is not None:
            step(operations)
    _record(connection, [name for name, _ in missing])
    return [name for name, _ in missing]
