"""import_10k_s, export_100k_s, merge_10k_s: lists in, data out.

- import_10k_s: a 10,000-row invitee list as French Excel writes it (cp1252, semicolons,
  "Civilité;Prénom;Nom;Structure;Fonction;Téléphone;E-mail;Catégorie;Région", national
  phone numbers) into the demo database: read, normalise, match, insert, one transaction.
- export_100k_s: the whole bundle of the demo plus 100,000 participants.
- merge_10k_s: another desk's bundle with 10,000 new participants and their 10,000
  check-ins merged into the demo database (checksums, parsing, one transaction).
"""

from __future__ import annotations

import csv
import shutil
import statistics
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import insert, select, update

from kiosk.core import synthetic
from kiosk.db import Database
from kiosk.db.models import Attendance, Desk, Participant, new_id
from kiosk.io.export import export_bundle
from kiosk.io.importer import import_file
from kiosk.io.merge import merge_bundle

TARGETS = {"import_10k_s": (2.0, "s"), "export_100k_s": (3.0, "s"), "merge_10k_s": (3.0, "s")}
ROWS = 10_000
RUNS = 3


def _civility(sex: str) -> str:
    return "Mme" if sex == "F" else "M."


def _write_list(path: Path) -> Path:
    with path.open("w", encoding="cp1252", errors="replace", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Civilité", "Prénom", "Nom", "Structure", "Fonction", "Téléphone", "E-mail", "Catégorie", "Région"])
        for person in synthetic.people(ROWS, seed=7):
            national = person["phone"].removeprefix("+221")
            writer.writerow([
                _civility(person["sex"]), person["first_name"], person["last_name"], person["organisation"],
                person["function"], f"{national[:2]} {national[2:5]} {national[5:7]} {national[7:]}",
                person["email"], person["category"], person["region"],
            ])
    return path


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _import(ctx) -> float:
    source = _write_list(ctx.workdir / "invites-10k.csv")
    times = []
    for _ in range(RUNS):
        db = Database.open(ctx.demo_copy())
        times.append(_timed(lambda db=db: import_file(db, source)))
        db.close()
    return statistics.median(times)


def _export(ctx) -> float:
    db = Database.open(ctx.large_copy())
    target = ctx.workdir / "bundle-100k"
    times = [_timed(lambda: export_bundle(db, target)) for _ in range(RUNS)]
    db.close()
    shutil.rmtree(target, ignore_errors=True)
    return statistics.median(times)


def _other_desk_bundle(ctx) -> Path:
    """The demo event on a second desk that registered 10,000 people and checked them in."""
    db = Database.open(ctx.demo_copy())
    with db.transaction() as session:
        session.execute(update(Desk).where(Desk.is_local.is_(True)).values(id=new_id(), name="Poste 2"))
    db.close()
    db = Database.open(db.path)
    with db.transaction() as session:
        taken = set(session.scalars(select(Participant.code)))
    now = datetime.now(UTC)
    people = [{**person, "id": new_id(), "desk_id": db.desk.id, "created_at": now, "updated_at": now}
              for person in synthetic.people(ROWS, seed=11, taken_codes=taken)]
    with db.transaction() as session:
        session.execute(insert(Participant), people)
        session.execute(insert(Attendance), [
            {"id": new_id(), "participant_id": person["id"], "day": date(2023, 10, 27), "checked_in_at": now,
             "desk_id": db.desk.id, "updated_at": now} for person in people])
    target = ctx.workdir / "bundle-desk2"
    export_bundle(db, target)
    db.close()
    return target


def _merge(ctx) -> float:
    bundle = _other_desk_bundle(ctx)
    times = []
    for _ in range(RUNS):
        db = Database.open(ctx.demo_copy())
        times.append(_timed(lambda db=db: merge_bundle(db, bundle)))
        db.close()
    return statistics.median(times)


def measure(ctx) -> dict[str, float]:
    return {"import_10k_s": _import(ctx), "export_100k_s": _export(ctx), "merge_10k_s": _merge(ctx)}
