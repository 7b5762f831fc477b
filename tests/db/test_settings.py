from dataclasses import dataclass

from kiosk.db import Database
from kiosk.db.settings import read_options, read_setting, write_options, write_setting


@dataclass
class Options:
    sound: bool = False
    printer: str = ""


def test_a_setting_is_kept_per_desk(db, db_path):
    assert read_setting(db, "folder", "none") == "none"
    write_setting(db, "folder", "/media/usb")
    write_setting(db, "folder", "/media/usb2")
    again = Database.open(db_path)
    assert read_setting(again, "folder") == "/media/usb2"
    again.close()


def test_options_survive_keys_added_or_removed_between_versions(db):
    write_setting(db, "reception", {"sound": True, "retired_option": 3})
    assert read_options(db, "reception", Options) == Options(sound=True, printer="")
    write_options(db, "reception", Options(sound=False, printer="Zebra"))
    assert read_setting(db, "reception") == {"sound": False, "printer": "Zebra"}
    write_setting(db, "broken", ["not", "a", "dict"])
    assert read_options(db, "broken", Options) == Options()
