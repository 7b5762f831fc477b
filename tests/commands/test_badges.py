"""``kiosk badges``: the PDF for the chosen people; the print log only with --mark-printed."""

import json

import pytest
from sqlalchemy import func, select

from kiosk.cli import main
from kiosk.core.badges import select_badges
from kiosk.db.models import BadgePrint
from tests.pdf.badge_checks import decode_qr_codes, page_sizes_mm


def _prints(db):
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(BadgePrint))


def _run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_badges_writes_the_pdf_without_logging_prints(demo_db, db_path, tmp_path, capsys):
    out = tmp_path / "presse.pdf"
    code, stdout, _err = _run(capsys, "--db", str(db_path), "badges", str(out), "--format", "cr80",
                              "--category", "Presse", "--json")
    assert code == 0
    answer = json.loads(stdout)
    press = select_badges(demo_db, category="Presse")
    assert answer["badges"] == answer["pages"] == len(press) == 12
    assert answer["codes"] == [badge.code for badge in press] and not answer["marked_printed"]
    assert page_sizes_mm(out)[0] == pytest.approx((85.6, 54), abs=0.01)
    assert decode_qr_codes(out) == answer["codes"]
    assert _prints(demo_db) == 0


def test_mark_printed_logs_and_reprints_need_a_reason(demo_db, db_path, tmp_path, capsys):
    out = str(tmp_path / "sheet.pdf")
    base = ("--db", str(db_path), "badges", out, "--format", "a4x8", "--category", "Presse")
    code, stdout, _err = _run(capsys, *base, "--mark-printed")
    assert code == 0 and "12 impression(s)" in stdout and _prints(demo_db) == 12
    code, _out, err = _run(capsys, *base, "--mark-printed")
    assert code == 2 and "--reason" in err and _prints(demo_db) == 12
    code, _out, _err = _run(capsys, *base, "--mark-printed", "--reason", "Badges abîmés par la pluie")
    assert code == 0 and _prints(demo_db) == 24
    # Nobody of the press is left unprinted: nothing matched, nothing written.
    empty = tmp_path / "empty.pdf"
    code, _out, err = _run(capsys, "--db", str(db_path), "badges", str(empty), "--who", "not-printed",
                           "--category", "Presse")
    assert code == 1 and "Aucun participant" in err and not empty.exists()


def test_checked_in_uses_the_day_and_checks_it(demo_db, db_path, tmp_path, capsys):
    code, _out, err = _run(capsys, "--db", str(db_path), "badges", str(tmp_path / "x.pdf"),
                           "--who", "checked-in", "--day", "2023-11-02")
    assert code == 2 and "2023-11-02" in err
    code, _out, err = _run(capsys, "--db", str(db_path), "badges", str(tmp_path / "x.pdf"),
                           "--who", "checked-in", "--day", "2023-10-27")
    assert code == 1 and not (tmp_path / "x.pdf").exists()


def test_bad_output_folder_is_a_usage_error(demo_db, db_path, tmp_path, capsys):
    code, _out, err = _run(capsys, "--db", str(db_path), "badges", str(tmp_path / "missing" / "x.pdf"))
    assert code == 2 and "n'existe pas" in err
