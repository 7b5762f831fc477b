"""Every visible string has an English translation, and switching language works."""

import ast
from pathlib import Path

import kiosk
from kiosk import i18n
from kiosk.i18n import _

PACKAGE = Path(kiosk.__file__).parent


def french_source_strings() -> dict[str, str]:
    """Every literal passed to ``_()`` in the package -> where it first appears."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    return found


def test_every_visible_string_has_an_english_translation():
    english = i18n.catalogue("en")
    missing = {text: where for text, where in french_source_strings().items() if text not in english}
    assert not missing, "Strings without English (add them to resources/i18n/en/*.json):\n" + "\n".join(
        f"  {where}: {text!r}" for text, where in sorted(missing.items(), key=lambda item: item[1])
    )


def test_translations_keep_their_placeholders():
    import string

    for french, english in i18n.catalogue("en").items():
        fields = lambda text: sorted(name for _l, name, _f, _c in string.Formatter().parse(text) if name)  # noqa: E731
        assert fields(french) == fields(english), french


def test_switching_language():
    assert _("Accueil") == "Accueil"
    i18n.set_language("en")
    assert _("Accueil") == "Reception"
    i18n.set_language("fr")
    assert _("Accueil") == "Accueil"
