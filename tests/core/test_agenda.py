"""The agenda rundown: order, blocks, editing with undo, schedule, CSV round trip."""

from datetime import UTC, date, datetime, time

import pytest

from kiosk.core import agenda
from kiosk.core.agenda import AgendaError
from kiosk.errors import UsageError

DAY = date(2023, 10, 27)


def titles(db, day=DAY):
    return [e.title for e in agenda.list_items(db, day)]


def test_demo_rundown_is_in_tree_order(demo_db):
    entries = agenda.list_items(demo_db, DAY)
    assert entries[0].title == "Réception et inscriptions des participants"
    block = entries[1]
    assert block.is_block and block.depth == 0
    assert all(e.parent_id == block.id and e.depth == 1 for e in entries[2:7])
    assert [e.position for e in entries] == list(range(len(entries)))
    assert agenda.days_with_agenda(demo_db) == [DAY]


def test_add_after_an_item_inside_a_block(demo_db):
    entries = agenda.list_items(demo_db, DAY)
    oim = entries[2]
    new_id = agenda.add_item(demo_db, DAY, "Discours – Ministre", 8, after_id=oim.id, speakers="Ministre")
    entries = agenda.list_items(demo_db, DAY)
    assert entries[3].id == new_id and entries[3].parent_id == oim.parent_id
    assert entries[3].speakers == "Ministre" and entries[3].planned_minutes == 8


def test_add_after_a_block_goes_after_its_sub_items(demo_db):
    block = agenda.list_items(demo_db, DAY)[1]
    new_id = agenda.add_item(demo_db, DAY, "Photo de famille", 10, after_id=block.id)
    entries = agenda.list_items(demo_db, DAY)
    assert entries[7].id == new_id and entries[7].parent_id is None


def test_add_at_the_end_and_in_an_empty_day(demo_db):
    agenda.add_item(demo_db, DAY, "Cocktail", 30)
    assert titles(demo_db)[-1] == "Cocktail"
    first_day = date(2023, 10, 25)
    agenda.add_item(demo_db, first_day, "Ouverture", 20, planned_start=time(9, 0))
    assert titles(demo_db, first_day) == ["Ouverture"]


def test_edit_checks_its_fields(demo_db):
    item = agenda.list_items(demo_db, DAY)[0]
    edited = agenda.update_item(demo_db, item.id, planned_minutes=45, warning_s=600, danger_s=120, speakers="Protocole")
    assert (edited.planned_minutes, edited.warning_s, edited.danger_s, edited.speakers) == (45, 600, 120, "Protocole")
    with pytest.raises(AgendaError, match="titre"):
        agenda.update_item(demo_db, item.id, title="  ")
    with pytest.raises(AgendaError, match="Durée invalide"):
        agenda.update_item(demo_db, item.id, planned_minutes=0)
    with pytest.raises(AgendaError, match="seuil rouge"):
        agenda.update_item(demo_db, item.id, warning_s=30, danger_s=60)
    assert agenda.list_items(demo_db, DAY)[0].planned_minutes == 45  # refused edits change nothing


def test_end_time_mode_needs_a_planned_start(demo_db):
    new_id = agenda.add_item(demo_db, DAY, "Sans heure", 10)
    with pytest.raises(AgendaError, match="heure de fin"):
        agenda.update_item(demo_db, new_id, mode="end_time")


def test_remove_a_block_with_its_sub_items_and_undo(demo_db):
    before = titles(demo_db)
    block = agenda.list_items(demo_db, DAY)[1]
    removed = agenda.remove_item(demo_db, block.id)
    assert len(removed) == 6 and "Discours introductifs" not in titles(demo_db)
    agenda.restore_items(demo_db, removed)
    assert titles(demo_db) == before


def test_move_among_siblings_keeps_blocks_together(demo_db):
    entries = agenda.list_items(demo_db, DAY)
    block = entries[1]
    assert agenda.move_item(demo_db, block.id, -1)
    moved = titles(demo_db)
    assert moved[0] == "Discours introductifs" and moved[6] == "Réception et inscriptions des participants"
    assert not agenda.move_item(demo_db, block.id, -1)  # already first
    pnud = agenda.list_items(demo_db, DAY)[2]
    assert agenda.move_item(demo_db, pnud.id, 1)
    assert agenda.list_items(demo_db, DAY)[3].id == pnud.id


def test_schedule_and_day_end(demo_db, demo_event):
    entries = agenda.list_items(demo_db, DAY)
    slots = agenda.schedule(entries, demo_event.tz)
    session2 = next(e for e in entries if e.title.startswith("SESSION 2"))
    assert slots[session2.id].start.strftime("%H:%M") == "11:00"
    assert slots[session2.id].end.strftime("%H:%M") == "12:00"  # its sub-items end at noon
    assert agenda.day_end(entries, DAY, demo_event.tz, demo_event.options).strftime("%H:%M") == "13:30"
    assert agenda.day_end(entries, DAY, demo_event.tz, {}).strftime("%H:%M") == "13:30"


def test_an_item_without_a_start_follows_the_one_before(demo_db, demo_event):
    new_id = agenda.add_item(demo_db, DAY, "Cocktail", 30)
    slots = agenda.schedule(agenda.list_items(demo_db, DAY), demo_event.tz)
    assert slots[new_id].start.strftime("%H:%M") == "13:30"


def test_csv_round_trip_keeps_ids_blocks_and_times(demo_db, demo_event):
    entries = agenda.list_items(demo_db, DAY)
    with demo_db.transaction() as session:
        agenda.record_actual_times(
            session, DAY, {entries[0].id: (datetime(2023, 10, 27, 8, 37, tzinfo=UTC), datetime(2023, 10, 27, 9, 5, tzinfo=UTC))}
        )
    text = agenda.export_csv(demo_db, [DAY], demo_event.tz)
    lines = text.split("\r\n")
    assert lines[0].split(",") == list(agenda.CSV_COLUMNS)
    assert "2023-10-27T08:37:00+00:00" in lines[1] and ",08:30,30," in lines[1]
    items = agenda.parse_csv(text, DAY, demo_event.days)
    assert len(items) == len(entries)
    counts = agenda.import_csv(demo_db, items)
    assert counts == {DAY: len(entries)}
    again = agenda.list_items(demo_db, DAY)
    assert [(e.id, e.title, e.parent_id, e.planned_minutes) for e in again] == [
        (e.id, e.title, e.parent_id, e.planned_minutes) for e in entries
    ]


def test_a_hand_made_french_csv_replaces_the_day(demo_db, demo_event):
    text = (
        "\ufeffTitre;Début;Durée;Intervenants;Bloc\r\n"
        "Accueil;08:30;20;;\r\n"
        "Panel;09:00;60;Mme Diop;\r\n"
        "=Intervention 1;09:00;30;M. Fall;Panel\r\n"
    )
    items = agenda.parse_csv(text, DAY, demo_event.days)
    agenda.import_csv(demo_db, items)
    entries = agenda.list_items(demo_db, DAY)
    assert [e.title for e in entries] == ["Accueil", "Panel", "=Intervention 1"]
    assert entries[1].is_block and entries[2].parent_id == entries[1].id
    assert entries[0].planned_start == time(8, 30) and entries[1].speakers == "Mme Diop"
    exported = agenda.export_csv(demo_db, [DAY], demo_event.tz)
    assert ",'=Intervention 1," in exported  # neutralised for spreadsheets


def test_bad_csv_rows_are_all_reported(demo_event):
    text = "title,planned_minutes,planned_start,day\nA,abc,,\n,10,,\nC,10,25:00,\nD,10,,2023-11-02\nE,10,,\n"
    with pytest.raises(UsageError) as error:
        agenda.parse_csv(text, DAY, demo_event.days)
    message = str(error.value)
    for row in ("ligne 2", "ligne 3", "ligne 4", "ligne 5"):
        assert row in message
    assert "ligne 6" not in message
    with pytest.raises(UsageError, match="obligatoire absente : « durée »"):
        agenda.parse_csv("titre;heure\nA;08:00\n", DAY, demo_event.days)


def test_import_file_reads_excel_french_files(demo_db, demo_event, tmp_path):
    path = tmp_path / "programme.csv"
    path.write_bytes("titre;durée\r\nOuverture;15\r\nClôture;10\r\n".encode("cp1252"))
    counts = agenda.import_csv_file(demo_db, path, DAY, demo_event.days)
    assert counts == {DAY: 2} and titles(demo_db) == ["Ouverture", "Clôture"]


def test_csv_errors_name_the_row_and_the_column_as_written(demo_event):
    text = (
        "Titre;Début;Durée;Bloc\n"
        "Accueil;8h30;20;\n"
        ";09:00;10;\n"
        "Panel;9h;60;\n"
        "Intervention 1;25:00;30;Panel\n"
        "Intervention 2;09:40;trente;Panel\n"
        "Clôture;10h15;;\n"
        "Débat;10:40;15;Session 3\n"
    )
    with pytest.raises(UsageError) as error:
        agenda.parse_csv(text, DAY, demo_event.days)
    lines = str(error.value).splitlines()
    assert lines[0] == "Programme non importé (rien n'a été modifié) :"
    assert lines[1:] == [
        "ligne 3, colonne « Titre » : vide, alors que le titre est obligatoire",
        "ligne 5, colonne « Début » : « 25:00 » n'est pas une heure (HH:MM, ex. 09:30 ou 9h30)",
        "ligne 6, colonne « Durée » : « trente » n'est pas une durée en minutes (ex. 20, 20 min, 1h30)",
        "ligne 7, colonne « Durée » : vide, alors que la durée est obligatoire",
        "ligne 8, colonne « Bloc » : le bloc « Session 3 » doit figurer plus haut dans le fichier, sur sa propre ligne",
    ]


def test_csv_reads_times_and_durations_as_people_type_them(demo_event):
    text = "titre;début;durée\nA;9h;20 min\nB;8h30;1h30\nC;14 H 05;45mn\nD;08:30:00;1:15\nE;;12,5\n"
    items = agenda.parse_csv(text, DAY, demo_event.days)
    assert [(i.planned_start, i.planned_minutes) for i in items] == [
        (time(9, 0), 20), (time(8, 30), 90), (time(14, 5), 45), (time(8, 30), 75), (None, 12)
    ]


def test_a_long_list_of_csv_errors_is_cut_short(demo_event):
    text = "title,planned_minutes\n" + "".join(f"Item {n},abc\n" for n in range(30))
    with pytest.raises(UsageError) as error:
        agenda.parse_csv(text, DAY, demo_event.days)
    lines = str(error.value).splitlines()
    assert len(lines) == 1 + agenda.MAX_REPORTED_ERRORS + 1
    assert lines[-1] == "… et 10 autre(s) erreur(s)."


def test_csv_missing_columns_say_the_french_and_english_names():
    with pytest.raises(UsageError) as error:
        agenda.parse_csv("nom;heure\nA;08:00\n", DAY, [DAY])
    assert str(error.value) == (
        "Colonnes obligatoires absentes : « titre » (ou « title »), « durée » (ou « planned_minutes »). "
        "En-tête lu : nom | heure"
    )


def test_an_exported_agenda_imports_back_unchanged(demo_db, demo_event, tmp_path):
    before = agenda.list_items(demo_db, DAY)
    path = tmp_path / "programme.csv"
    path.write_text(agenda.export_csv(demo_db, [DAY], demo_event.tz), encoding="utf-8", newline="")
    agenda.import_csv_file(demo_db, path, demo_event.days[0], demo_event.days)  # the file's day column wins
    assert agenda.list_items(demo_db, DAY) == before
    assert agenda.list_items(demo_db, demo_event.days[0]) == []


def test_the_protected_item_cannot_be_removed_nor_its_block(demo_db):
    entries = agenda.list_items(demo_db, DAY)
    block, speech = entries[1], entries[2]
    for target in (speech.id, block.id):
        with pytest.raises(AgendaError, match="est au chronomètre"):
            agenda.remove_item(demo_db, target, protected=speech.id)
    assert agenda.list_items(demo_db, DAY) == entries
    assert len(agenda.remove_item(demo_db, entries[3].id, protected=speech.id)) == 1
