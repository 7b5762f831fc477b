"""Storage: models, the engine factory, schema versions, and ``Database``."""

from kiosk.db.database import Database, DeskInfo

__all__ = ["Database", "DeskInfo"]
