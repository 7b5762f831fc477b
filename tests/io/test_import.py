"""Importing invitee lists as they really come (hand-made files of each kind)."""

import codecs
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, update

from kiosk.core.codes import is_valid
from kiosk.db.models import AuditEvent, Participant
from kiosk.errors import UsageError
from kiosk.io.importer import import_file, plan_import, write_rejects
from kiosk.io.source import read_source

DATA = Path(__file__).parent / "data"
HEADER = ["Civilité", "Prénom", "Nom", "Structure", "Téléphone", "E-mail", "Catégorie"]
ROWS = [
    ["Mme", "Ndèye", "Guèye", "ARD de Thiès", "77 123 45 67", "ndeye.gueye@example.sn", "Collectivité territoriale"],
    ["M.", "Ŋagne", "Ɓalde", "OIM Sénégal", "+221 76 555 44 33", "ngagne.balde@example.sn", "Système des Nations unies"],
]


def write_csv(path: Path, rows, *, delimiter=";", encoding="utf-8", newline="\r\n") -> Path:
    lines = [delimiter.join(row) for row in rows]
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path


def people(db) -> dict[str, Participant]:
    with db.transaction() as session:
        return {f"{p.first_name} {p.last_name}": p for p in session.scalars(select(Participant))}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_each_encoding(db, tmp_path, encoding):
    rows = [HEADER, ROWS[0], ["Mlle", "Aïssatou", "Bâ", "Société « Tér »", "", "", "Secteur privé"]]
    path = write_csv(tmp_path / "list.csv", rows, encoding=encoding)
    plan = import_file(db, path)
    assert (plan.count("add"), plan.rejected) == (2, [])
    found = people(db)
    assert set(found) == {"Ndèye Guèye", "Aïssatou Bâ"}
    assert found["Aïssatou Bâ"].organisation == "Société « Tér »"
    assert found["Aïssatou Bâ"].sex == "F" and found["Ndèye Guèye"].phone == "+221771234567"


def test_wolof_letters_need_utf8(db, tmp_path):
    path = write_csv(tmp_path / "list.csv", [HEADER, ROWS[1]], encoding="utf-8")
    import_file(db, path)
    assert "Ŋagne Ɓalde" in people(db)


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_each_delimiter(db, tmp_path, delimiter):
    path = write_csv(tmp_path / "list.csv", [HEADER, *ROWS], delimiter=delimiter, newline="\n")
    source = read_source(path)
    assert source.delimiter == delimiter
    assert import_file(db, path).count("add") == 2


def test_excel_fr_file_with_title_row(db):
    source = read_source(DATA / "invites_excel_fr_cp1252.csv")
    assert (source.encoding, source.delimiter, source.header_row) == ("cp1252", ";", 3)
    plan = import_file(db, source.path)
    assert plan.count("add") == 3 and not plan.rejected and not plan.warnings
    found = people(db)
    assert found["Ndèye Guèye"].category == "Collectivité territoriale / ARD"
    assert found["Moussa Diop"].category == "Système des Nations unies" and found["Moussa Diop"].sex == "M"
    assert found["Fatou Sarr"].sex == "F" and found["Fatou Sarr"].phone == "+221780001122"


def test_english_headers(db):
    plan = import_file(db, DATA / "invites_english_utf8.csv")
    assert plan.count("add") == 2 and not plan.rejected
    found = people(db)
    lukas = found["Lukas Müller"]
    assert (lukas.sex, lukas.phone, lukas.category, lukas.function) == (
        "M", "+41791234567", "Partenaire technique et financier", "Head of cooperation")
    assert found["Giulia Rossi"].organisation == "UNDP, Dakar office"


@pytest.mark.parametrize(
    "header, cells, expected",
    [
        (["Nom complet", "Structure"], ["DIOP Fatou", "PNUD"], ("Fatou", "DIOP")),
        (["Nom et prénom", "Structure"], ["Fatou Bintou Diop", "PNUD"], ("Fatou Bintou", "Diop")),
        (["Nom", "Structure"], ["Awa Ndiaye", "PNUD"], ("Awa", "Ndiaye")),  # a lone "Nom" holds full names
        (["first_name", "last_name", "organisation"], ["Awa", "Ndiaye", "PNUD"], ("Awa", "Ndiaye")),
        (["PRENOM", "NOM DE FAMILLE", "Institution"], ["Awa", "Ndiaye", "PNUD"], ("Awa", "Ndiaye")),
    ],
)
def test_header_variants(db, tmp_path, header, cells, expected):
    path = write_csv(tmp_path / "list.csv", [header, cells])
    plan = import_file(db, path)
    assert plan.count("add") == 1
    person = next(iter(people(db).values()))
    assert (person.first_name, person.last_name, person.organisation) == (*expected, "PNUD")


def test_xlsx(db, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Liste des invités"])
    sheet.append([])
    sheet.append(["Sexe", "Prénom", "Nom", "Téléphone", "E-mail", "Région"])
    sheet.append(["F", "Khady", "Sène", 771234567, "KHADY@EXAMPLE.SN", "Fatick"])
    sheet.append(["H", "Bécaye", "Tall", "76 555 44 33", None, "Matam"])
    book.save(tmp_path / "list.xlsx")
    plan = import_file(db, tmp_path / "list.xlsx")
    assert plan.count("add") == 2 and plan.source.header_row == 3
    found = people(db)
    assert (found["Khady Sène"].phone, found["Khady Sène"].email) == ("+221771234567", "khady@example.sn")
    assert found["Bécaye Tall"].sex == "M"


def test_every_kind_of_bad_row_is_reported_with_its_row(db, tmp_path):
    rows = [
        ["Civilité", "Prénom", "Nom", "Sexe", "Structure", "Téléphone", "E-mail", "Catégorie", "Code"],
        ["Mme", "Awa", "Fall", "F", "ARD de Sédhiou", "77 123 45 67", "awa.fall@example.sn", "Société civile", ""],  # 2 ok
        ["", "", "", "", "Total", "", "", "", ""],  # 3 no name
        ["Mme", "Awa", "FALL", "", "ARD de Sedhiou", "", "", "", ""],  # 4 duplicate of 2
        ["M.", "Ali", "Sow", "", "X", "12", "", "", ""],  # 5 bad phone
        ["M.", "Omar", "Ba", "", "X", "", "omar@", "", ""],  # 6 bad e-mail
        ["M.", "Issa", "Ly", "", "X", "", "", "Cousins", ""],  # 7 unknown category
        ["", "Ibou", "Kane", "Z", "X", "", "", "", ""],  # 8 unknown sex
        ["Mme", "Rama", "Dia", "M", "X", "", "", "", ""],  # 9 civility contradicts sex
        ["", "Modou", "Seck", "", "X", "", "", "", "ZZZ"],  # 10 invalid code
        ["", "Sidy", "N0diaye", "", "X", "", "", "", ""],  # 11 digits in a name
        ["", "Aly", "Tine", "", "X", "", "", "", "", "décalé"],  # 12 value past the last column
        ["", "Aly", "Tine", "", "Y", "77 123 45 67", "", "", ""],  # 13 same phone as Awa, other name: added
    ]
    path = write_csv(tmp_path / "list.csv", rows)
    plan = import_file(db, path)
    rejected = {entry["row"]: entry["reason"] for entry in plan.rejected}
    assert rejected == {3: "ni prénom ni nom", 4: "même personne que la ligne 2 (doublon)"}
    warnings = {}
    for entry in plan.warnings:
        warnings.setdefault(entry["row"], []).append(entry["reason"])
    assert set(warnings) == {5, 6, 7, 8, 9, 10, 11, 12, 13}
    assert "téléphone" in warnings[5][0].lower() and "e-mail" in warnings[6][0].lower()
    assert "Cousins" in warnings[7][0] and "« Z »" in warnings[8][0] and "contredit" in warnings[9][0]
    assert plan.count("add") == 10
    assert people(db)["Issa Ly"].category == "Autre"
    rejects = tmp_path / "rejects.csv"
    assert write_rejects(plan, rejects) == 11
    text = rejects.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("ligne;statut;motif;Civilité")
    assert "3;refusée;ni prénom ni nom" in text


def test_reimport_updates_and_never_duplicates(db, tmp_path):
    path = write_csv(tmp_path / "list.csv", [HEADER, *ROWS])
    import_file(db, path)
    again = import_file(db, path)
    assert (again.count("add"), again.count("update"), again.count("unchanged")) == (0, 0, 2)
    changed = [HEADER + ["Fonction"], ROWS[0][:2] + ["GUEYE"] + ROWS[0][3:] + ["Directrice"]]
    plan = import_file(db, write_csv(tmp_path / "v2.csv", changed))
    assert plan.count("update") == 1 and plan.rows[0].changes == {"function": ("", "Directrice")}
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == 2


@pytest.mark.parametrize("key", ["code", "email", "phone", "name"])
def test_a_row_matches_by_code_email_phone_or_name_and_organisation(db, tmp_path, key):
    import_file(db, write_csv(tmp_path / "a.csv", [HEADER, ROWS[0]]))
    person = people(db)["Ndèye Guèye"]
    cells = {
        "code": ["Code", "Prénom", "Nom", "Fonction"], "email": ["E-mail", "Prénom", "Nom", "Fonction"],
        "phone": ["Tél", "Prénom", "Nom", "Fonction"], "name": ["Structure", "Prénom", "Nom", "Fonction"],
    }[key]
    value = {"code": person.code.lower(), "email": "NDEYE.GUEYE@example.sn", "phone": "+221 77 123 45 67",
             "name": "ARD de Thies"}[key]
    first = "Ndeye" if key != "name" else "ndèye"
    plan = import_file(db, write_csv(tmp_path / "b.csv", [cells, [value, first, "Gueye" if key != "name" else "GUÈYE", "Cheffe"]]))
    assert (plan.count("add"), plan.count("update")) == (0, 1)
    assert people(db)["Ndèye Guèye"].function == "Cheffe"


def test_dry_run_writes_nothing(db, tmp_path):
    plan = import_file(db, write_csv(tmp_path / "a.csv", [HEADER, *ROWS]), dry_run=True)
    assert plan.count("add") == 2 and not plan.applied
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_new_participants_get_valid_unique_codes_and_keep_a_given_one(db, tmp_path):
    rows = [["Code", "Prénom", "Nom"], ["GP9VX9", "Awa", "Ndiaye"], ["", "Jean", "Favre"]]
    import_file(db, write_csv(tmp_path / "a.csv", rows))
    found = people(db)
    assert found["Awa Ndiaye"].code == "GP9VX9" and is_valid(found["Jean Favre"].code)


def test_an_erased_person_is_not_recreated_by_code(db, tmp_path):
    import_file(db, write_csv(tmp_path / "a.csv", [["Code", "Prénom", "Nom"], ["GP9VX9", "Awa", "Ndiaye"]]))
    with db.transaction() as session:
        session.execute(update(Participant).values(deleted=True, first_name="", last_name=""))
    plan = import_file(db, write_csv(tmp_path / "b.csv", [["Code", "Prénom", "Nom"], ["GP9VX9", "Awa", "Ndiaye"]]))
    assert plan.count("add") == 0 and "effacée" in plan.rejected[0]["reason"]


def test_nothing_is_half_written(db, tmp_path, monkeypatch):
    from kiosk.io import importer

    def broken(*_args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "update", broken)
    import_file(db, write_csv(tmp_path / "a.csv", [HEADER, ROWS[0]]))
    with pytest.raises(RuntimeError):
        import_file(db, write_csv(tmp_path / "b.csv", [HEADER + ["Fonction"], ROWS[0] + ["Cheffe"], ROWS[1] + ["X"]]))
    assert set(people(db)) == {"Ndèye Guèye"}


def test_unreadable_files(db, tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "fake.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "binary.csv").write_bytes(codecs.BOM_UTF8 + b"a\x00b")
    for name, message in [("empty.csv", "vide"), ("fake.xlsx", "classeur Excel"), ("old.xls", ".xlsx"),
                          ("binary.csv", "caractères nuls"), ("missing.csv", "introuvable")]:
        with pytest.raises(UsageError, match=message):
            import_file(db, tmp_path / name)


def test_no_name_column_asks_for_a_mapping(db, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["Participant(e)", "Org"], ["Awa Fall", "PNUD"]])
    source = read_source(path)
    with pytest.raises(UsageError, match="Aucune colonne de nom"):
        plan_import(db, source)
    plan = plan_import(db, source, {0: "full_name", 1: "organisation"})
    assert plan.rows[0].values["last_name"] == "Fall" and plan.rows[0].values["organisation"] == "PNUD"


@pytest.mark.parametrize("content, message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4, "Excel 97-2003"),
    (b"%PDF-1.4\n" + bytes(range(160, 256)) * 4, "document PDF"),  # bytes that cp1252 would decode
])
def test_an_xls_or_a_pdf_renamed_csv_is_named_for_what_it_is(db, tmp_path, content, message):
    path = tmp_path / "invites.csv"
    path.write_bytes(content)
    with pytest.raises(UsageError, match=message) as error:
        import_file(db, path)
    assert "invites.csv" in str(error.value)


def test_a_csv_renamed_xlsx_is_read_as_a_csv(db, tmp_path):
    path = write_csv(tmp_path / "invites.xlsx", [HEADER, ROWS[0]], encoding="cp1252")
    assert import_file(db, path).count("add") == 1


def test_a_repeated_header_feeds_one_field_first_filled_cell_wins(db, tmp_path):
    rows = [["Nom", "Prénom", "Nom", "Structure", "Structure"],
            ["Diallo", "Awa", "Diallo", "Mairie de Thiès", ""],
            ["Ba", "Oumar", "", "", "Conseil départemental"],
            ["Sy", "Rama", "Sall", "ARD", ""]]
    plan = import_file(db, write_csv(tmp_path / "list.csv", rows, encoding="cp1252"))
    found = people(db)
    assert found["Oumar Ba"].organisation == "Conseil départemental"
    assert found["Awa Diallo"].organisation == "Mairie de Thiès"
    assert plan.warnings == [{"row": 4, "reason": "deux colonnes « Nom » différentes : « Sy » gardé, « Sall » ignoré"}]


def _with_saved_result(path: Path, cell: str, result: str) -> None:
    """openpyxl writes formulas without their result; put one in, as Excel would."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(
        f'<c r="{cell}"><f>'.encode(), f'<c r="{cell}" t="str"><f>'.encode()).replace(
        b"<v />", f"<v>{result}</v>".encode(), 1)
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_xlsx_formulas_give_their_saved_result_or_a_warning(db, tmp_path):
    import datetime

    book = Workbook()
    sheet = book.active
    sheet.append(["Prénom", "Nom", "Structure", "Inscrit le", "Téléphone"])
    sheet.append(["=PROPER(\"awa\")", "Fall", "PNUD", datetime.date(2023, 10, 1), 771234567])
    sheet.append(["Rama", "Sy", "=\"O\"&\"IM\"", datetime.datetime(2023, 10, 2, 9, 30), None])
    book.save(tmp_path / "saved.xlsx")
    _with_saved_result(tmp_path / "saved.xlsx", "A2", "Awa")
    source = read_source(tmp_path / "saved.xlsx")
    assert source.rows[0][1][:4] == ["Awa", "Fall", "PNUD", "2023-10-01"]
    assert source.rows[1][1][2:4] == ["", "2023-10-02 09:30:00"]
    assert len(source.warnings) == 1 and "C3" in source.warnings[0] and "Excel" in source.warnings[0]
    import_file(db, tmp_path / "saved.xlsx")
    assert people(db)["Awa Fall"].phone == "+221771234567"
