"""Resources are found from a source checkout, an installed package and a frozen bundle."""

import sys
from pathlib import Path

import kiosk.paths as paths


def make_resources(root: Path) -> Path:
    (root / "demo").mkdir(parents=True)
    return root


def test_source_checkout():
    assert paths.resources_dir() == Path(paths.__file__).resolve().parent.parent / "resources"
    assert paths.resource("demo", "event.json").is_file()


def test_frozen_bundle(tmp_path, monkeypatch):
    bundled = make_resources(tmp_path / "resources")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == bundled


def test_installed_package(tmp_path, monkeypatch):
    site = tmp_path / "lib" / "site-packages" / "kiosk"
    site.mkdir(parents=True)
    monkeypatch.setattr(paths, "__file__", str(site / "paths.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    installed = make_resources(tmp_path / "share" / "kiosk" / "resources")
    assert paths.resources_dir() == installed


def test_user_data_folder_can_be_moved(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    assert paths.default_database_path() == tmp_path / "data" / "kiosk.sqlite"
    assert (tmp_path / "data").is_dir()
