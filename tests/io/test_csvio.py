import codecs

import pytest

from kiosk.errors import UsageError
from kiosk.io.csvio import decode_bytes, detect_delimiter, neutralise, unneutralise
from kiosk.io.headers import count_known


@pytest.mark.parametrize(
    "value, written",
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+221771234567", "'+221771234567"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'déjà", "''déjà"),
        ("Ndèye", "Ndèye"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_neutralising_is_reversible(value, written):
    assert neutralise(value) == written
    assert unneutralise(neutralise(value)) == value


def test_encodings_bom_then_utf8_then_cp1252():
    text = "Prénom;Nom\nNdèye;Guèye\n"
    assert decode_bytes(codecs.BOM_UTF8 + text.encode(), "f").encoding == "utf-8-sig"
    assert decode_bytes(text.encode("utf-16"), "f").text == text
    assert decode_bytes(text.encode("utf-8"), "f").encoding == "utf-8"
    decoded = decode_bytes(text.encode("cp1252"), "f")
    assert decoded.encoding == "cp1252" and decoded.text == text


def test_undecodable_bytes_are_refused_not_replaced():
    with pytest.raises(UsageError, match="encodage inconnu"):
        decode_bytes("Prénom\n".encode("cp1252") + b"\x81\x8d", "liste.csv")


def test_double_encoded_text_is_flagged():
    mangled = "Prénom;Nom\nNdèye;Guèye\n".encode().decode("cp1252").encode()
    assert decode_bytes(mangled, "f").warnings


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_delimiter_confirmed_by_the_header(delimiter):
    # Commas inside values must not fool the semicolon detection (and so on).
    rows = [["Prénom", "Nom", "Structure"], ["Awa", "Fall", "ARD de Thiès, Sédhiou; Diourbel"]]
    quoted = [delimiter.join(f'"{cell}"' if any(c in cell for c in ";,|\t") else cell for cell in row) for row in rows]
    assert detect_delimiter("\n".join(quoted), count_known) == delimiter
