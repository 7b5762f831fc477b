"""Kiosk: offline desk software for an event's on-site operations."""

from importlib import metadata

try:
    __version__ = metadata.version("kiosk")
except metadata.PackageNotFoundError:  # source checkout or frozen bundle without metadata
    __version__ = "0.1.0"

APP_NAME = "Kiosk"
