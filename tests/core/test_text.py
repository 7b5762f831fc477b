import pytest

from kiosk.core.text import (
    compact,
    fold,
    format_phone,
    name_key,
    normalise_email,
    normalise_phone,
    tokens,
)


@pytest.mark.parametrize(
    "given, expected",
    [("Ndèye", "ndeye"), ("GUÈYE", "gueye"), ("Ŋagne", "ngagne"), ("Ɓalde", "balde"), ("Aïssatou", "aissatou"), ("Lefèvre", "lefevre")],
)
def test_fold(given, expected):
    assert fold(given) == expected


def test_tokens_and_compact_ignore_separators():
    assert tokens("N'Diaye") == ["n", "diaye"]
    assert compact("N'Diaye") == compact("Ndiaye") == "ndiaye"
    assert compact("Dupont-Moreau") == compact("Dupont Moreau")


def test_name_key_ignores_order_case_and_accents():
    assert name_key("Fatou", "Diop") == name_key("DIOP", "fatou")
    assert name_key("Ndèye", "Guèye") == name_key("Ndeye", "Gueye")
    assert name_key("Fatou", "Diop") != name_key("Fatou", "Diouf")


@pytest.mark.parametrize(
    "given, expected",
    [("77 123 45 67", "+221771234567"), ("+221 77 123 45 67", "+221771234567"), ("00221771234567", "+221771234567"),
     ("+33 6 12 34 56 78", "+33612345678"), ("", "")],
)
def test_phones_are_normalised_to_e164(given, expected):
    assert normalise_phone(given) == expected


@pytest.mark.parametrize("bad", ["12", "abc", "+221 12"])
def test_bad_phones_are_refused_with_the_value(bad):
    with pytest.raises(ValueError, match="phone|Numéro"):
        normalise_phone(bad)


def test_format_phone():
    assert format_phone("+221771234567") == "+221 77 123 45 67"


def test_emails():
    assert normalise_email(" Fatou.Diop@Example.SN ") == "fatou.diop@example.sn"
    assert normalise_email("") == ""
    for bad in ("fatou", "fatou@", "@example.sn", "fatou diop@example.sn", "fatou@example"):
        with pytest.raises(ValueError, match="e-mail"):
            normalise_email(bad)
